"""County units as project data: everyday names resolve, rename keeps history and indicators,
aliases, lead and co-units, and import of a unit list with confirmation (CLI exits 1 until confirmed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.base.errors import UsageError
from app.cli.main import main
from app.project.audit_log import list_log
from app.project.folder import Project, open_project
from app.units.editing import (
    add_alias,
    apply_unit_import,
    plan_unit_import,
    rename_unit,
    set_indicator_units,
    unit_candidates,
    unit_roles,
)
from app.units.registry import list_units, resolve_unit
from tests.app.conftest import MakeXlsx


def test_everyday_names_resolve(project: Project) -> None:
    assert resolve_unit(project, "司法局").name == "县司法局"  # written without 县
    assert resolve_unit(project, "县发改委").name == "县发展和改革局"  # the alias table
    assert resolve_unit(project, "各乡（镇）人民政府").name == "各乡镇"
    with pytest.raises(UsageError, match="未知的单位"):
        resolve_unit(project, "县气象局")
    [best, *_rest] = unit_candidates(project, "县市监局")
    assert best.name == "县市场监督管理局" and best.reason


def test_rename_keeps_the_old_name_and_the_indicators(project: Project) -> None:
    before = resolve_unit(project, "县司法局").indicators
    info = rename_unit(project, "县司法局", "县司法局（县行政复议局）", actor="法制股")
    assert info.name == "县司法局（县行政复议局）" and "县司法局" in info.aliases
    assert info.indicators == before and 1 in before
    assert resolve_unit(project, "县司法局").name == info.name
    entry = [e for e in list_log(project) if e.action == "unit.rename"][-1]
    assert (
        entry.detail == {"before": "县司法局", "after": "县司法局（县行政复议局）"}
        and entry.actor == "法制股"
    )
    with pytest.raises(UsageError, match="已被使用"):
        rename_unit(project, "县委办公室", "县发改局")


def test_alias_and_roles(project: Project) -> None:
    info = add_alias(project, "县委办公室", "县委办")
    assert resolve_unit(project, "县委办").name == "县委办公室" and info.aliases == ("县委办",)
    roles = set_indicator_units(project, 1, "司法局", ["县发改局"])
    assert roles == {"lead": "县司法局", "co": ["县发展和改革局"]}
    assert unit_roles(project)[1]["lead"] == "县司法局"
    rename_unit(project, "县司法局", "县司法行政局")
    assert unit_roles(project)[1]["lead"] == "县司法行政局"
    with pytest.raises(UsageError, match="不能同时"):
        set_indicator_units(project, 2, "县司法行政局", ["县司法行政局"])


def _unit_list(make_xlsx: MakeXlsx, tmp_path: Path) -> Path:
    return make_xlsx(
        tmp_path / "单位.xlsx",
        rows=[
            ["单位名称", "简称", "类型", "包含单位"],
            ["县司法局", "", "单位", ""],
            ["县市监局", "", "单位", ""],
            ["古城镇", "", "单位", ""],
            ["北留镇", "", "单位", ""],
            ["各乡镇", "", "集体", "古城镇、北留镇"],
        ],
    )


def test_import_plan_then_apply(project: Project, make_xlsx: MakeXlsx, tmp_path: Path) -> None:
    plan = plan_unit_import(project, _unit_list(make_xlsx, tmp_path))
    actions = {r.entry.name: r.action for r in plan.rows}
    assert actions == {
        "县司法局": "same",
        "县市监局": "confirm",
        "古城镇": "new",
        "北留镇": "new",
        "各乡镇": "same",
    }
    with pytest.raises(UsageError, match="尚未确认"):
        apply_unit_import(project, plan)
    apply_unit_import(project, plan, {"县市监局": "县市场监督管理局"})
    towns = resolve_unit(project, "各乡镇")
    assert towns.members == ("古城镇", "北留镇")
    assert 5 in resolve_unit(project, "古城镇").indicators  # through the collective
    assert "县市监局" in resolve_unit(project, "县市场监督管理局").aliases


def test_cli_import_asks_before_guessing(
    project_dir: Path, make_xlsx: MakeXlsx, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _unit_list(make_xlsx, tmp_path)
    assert main(["units", str(project_dir), "--import", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "县市监局" in err and "县市场监督管理局" in err and "--yes" in err
    with open_project(project_dir, readonly=True) as project:
        assert "古城镇" not in {u.name for u in list_units(project)}  # nothing changed
    assert main(["units", str(project_dir), "--import", str(sheet), "--yes"]) == 0
    capsys.readouterr()
    assert (
        main(
            ["units", str(project_dir), "--rename", "古城镇=古城镇人民政府", "--alias", "古城镇人民政府=古城"]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["units", str(project_dir), "--roles", "5=司法局:古城", "--json"]) == 0
    capsys.readouterr()
    assert main(["units", str(project_dir), "--json"]) == 0
    units = {u["name"]: u for u in json.loads(capsys.readouterr().out)}
    assert units["古城镇人民政府"]["aliases"] == ["古城镇", "古城"]
    assert units["各乡镇"]["members"] == ["古城镇人民政府", "北留镇"]
