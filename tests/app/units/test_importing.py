"""Unit-list import is all-or-nothing: a bad row refuses the whole file, naming the row; nothing changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.base.errors import UsageError
from app.cli.main import main
from app.project.folder import Project
from app.units.editing import apply_unit_import, plan_unit_import
from app.units.registry import list_units, resolve_unit
from tests.app.conftest import MakeXlsx


def _rows(path: Path) -> dict[str, int]:
    with sqlite3.connect(path / "project.sqlite") as db:
        return {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("unit", "unit_alias", "collective_member", "audit_log")
        }


def test_a_bad_row_refuses_the_whole_file(
    project_dir: Path, make_xlsx: MakeXlsx, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = make_xlsx(
        tmp_path / "单位名单.xlsx",
        rows=[
            ["单位名称", "简称", "类型", "包含单位"],
            ["古城镇", "古城", "单位", ""],
            ["北留镇", "", "单位", ""],
            ["", "空行", "单位", ""],
        ],
    )
    before = _rows(project_dir)
    assert main(["units", str(project_dir), "--import", str(sheet), "--yes"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "单位名单.xlsx" in err[0] and "第 4 行" in err[0] and "未导入" in err[0]
    assert _rows(project_dir) == before


def test_an_unknown_member_refuses_after_new_units_were_planned(
    project: Project, make_xlsx: MakeXlsx, tmp_path: Path
) -> None:
    sheet = make_xlsx(
        tmp_path / "单位.xlsx",
        rows=[
            ["单位名称", "简称", "类型", "包含单位"],
            ["古城镇", "", "单位", ""],
            ["北留镇", "", "单位", ""],
            ["各乡镇", "", "集体", "古城镇、北留镇、不存在镇"],
        ],
    )
    names = {u.name for u in list_units(project)}
    plan = plan_unit_import(project, sheet)
    with pytest.raises(UsageError, match=r"第 4 行.*不存在镇.*未导入"):
        apply_unit_import(project, plan)
    assert {u.name for u in list_units(project)} == names  # 古城镇 and 北留镇 were not added either


def test_an_alias_taken_by_another_unit_refuses(
    project: Project, make_xlsx: MakeXlsx, tmp_path: Path
) -> None:
    sheet = make_xlsx(
        tmp_path / "单位.xlsx",
        rows=[
            ["单位名称", "简称", "类型", "包含单位"],
            ["古城镇", "", "单位", ""],
            ["北留镇", "县发改局", "单位", ""],
        ],
    )
    with pytest.raises(UsageError, match=r"第 3 行.*县发改局.*县发展和改革局"):
        apply_unit_import(project, plan_unit_import(project, sheet))
    with pytest.raises(UsageError):
        resolve_unit(project, "古城镇")


def test_a_good_file_applies_in_one_go(project_dir: Path, make_xlsx: MakeXlsx, tmp_path: Path) -> None:
    sheet = make_xlsx(
        tmp_path / "单位.xlsx",
        rows=[
            ["单位名称", "简称", "类型", "包含单位"],
            ["古城镇", "古城", "单位", ""],
            ["北留镇", "", "单位", ""],
            ["各乡镇", "", "集体", "古城镇、北留镇"],
        ],
    )
    before = _rows(project_dir)
    assert main(["units", str(project_dir), "--import", str(sheet), "--yes"]) == 0
    after = _rows(project_dir)
    assert (
        after["unit"] == before["unit"] + 2 and after["collective_member"] == before["collective_member"] + 2
    )
    assert after["audit_log"] == before["audit_log"] + 1  # one transaction, one entry
