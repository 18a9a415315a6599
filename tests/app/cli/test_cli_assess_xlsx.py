"""``fazhi assess DIR --from-xlsx FILE`` (and its alias ``fazhi assess-xlsx DIR FILE``): levels and
comments read back from an exported, edited 自评打分表."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.assessment.levels import current_levels
from app.cli.main import main
from app.project.audit_log import list_log
from app.project.folder import open_project

SHEET = "自评打分表"
Snapshot = Callable[[Path], dict[str, str]]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def edit(path: Path, changes: dict[int, tuple[str | None, str | None]]) -> dict[int, int]:
    """Set 等次 and/or 评定意见 of indicators in the workbook's 打分表; return indicator → row."""
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    header = {cell.value: cell.column for cell in sheet[1]}
    rows = {sheet.cell(r, header["序号"]).value: r for r in range(2, sheet.max_row + 1)}
    for number, (level, comment) in changes.items():
        if level is not None:
            sheet.cell(rows[number], header["等次"]).value = level
        if comment is not None:
            sheet.cell(rows[number], header["评定意见"]).value = comment
    book.save(path)
    return {n: r for n, r in rows.items() if isinstance(n, int)}


@pytest.fixture
def workbook(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The project with indicator 1 assessed, and its workbook exported."""
    d = str(project_dir)
    assert run(capsys, "assess", d, "--indicator", "1", "--level", "达标", "--comment", "齐全")[0] == 0
    path = tmp_path / "打分表.xlsx"
    assert run(capsys, "export", "workbook", d, "--out", str(path))[0] == 0
    return path


def test_levels_and_comments_come_in_from_the_edited_workbook(
    project_dir: Path, workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(project_dir)
    edit(workbook, {2: ("partial", "缺少2023年资料"), 5: ("不适用", None), 1: (None, "齐全，规范")})
    result = run_json(capsys, "assess", d, "--from-xlsx", str(workbook), "--by", "复核员")
    assert result["file"] == str(workbook) and result["dry_run"] is False
    assert (result["rows"], result["changed"], result["unchanged"]) == (3, 3, 0)
    changes = {c["indicator"]: c for c in result["changes"]}
    assert changes[2] == {
        "indicator": 2,
        "level": "基本达标",
        "comment": "缺少2023年资料",
        "previous_level": None,
        "previous_comment": "",
    }
    assert (changes[1]["level"], changes[1]["previous_level"], changes[1]["previous_comment"]) == (
        "达标",
        "达标",
        "齐全",
    )
    with open_project(project_dir, readonly=True) as project:
        levels = current_levels(project)
        assert (levels[2].level, levels[2].comment, levels[2].by) == ("基本达标", "缺少2023年资料", "复核员")
        assert levels[5].level == "不适用" and levels[1].comment == "齐全，规范"
        assert 3 not in levels  # left 未评估 in the workbook: nothing recorded
        sets = [e for e in list_log(project, action="assessment.set") if e.detail.get("source")]
        assert sorted(e.target for e in sets) == ["indicator:1", "indicator:2", "indicator:5"]
        assert all(e.actor == "复核员" and e.detail["source"] == str(workbook) for e in sets)
        [imported] = list_log(project, action="assessment.import")
        assert imported.detail == {"file": str(workbook), "changed": 3, "rows": 3}
    score = run_json(capsys, "score", d)
    assert {i["number"]: i["level"] for i in score["indicators"]}[2] == "基本达标"

    # The same file again changes nothing; the alias reads it the same way.
    again = run_json(capsys, "assess-xlsx", d, str(workbook))
    assert (again["rows"], again["changed"], again["unchanged"], again["changes"]) == (3, 0, 3, [])
    code, out, err = run(capsys, "assess", d, "--from-xlsx", str(workbook))
    assert code == 0, err
    assert "导入 3 项" in out and "0 项等级或评语有变化" in out


def test_dry_run_lists_the_changes_and_writes_nothing(
    project_dir: Path, workbook: Path, capsys: pytest.CaptureFixture[str], folder_snapshot: Snapshot
) -> None:
    d = str(project_dir)
    edit(workbook, {2: ("达标", "补齐"), 4: ("unmet", None)})
    before = folder_snapshot(project_dir)
    result = run_json(capsys, "assess", d, "--from-xlsx", str(workbook), "--dry-run")
    assert result["dry_run"] is True and result["changed"] == 2
    assert [(c["indicator"], c["level"]) for c in result["changes"]] == [(2, "达标"), (4, "未达标")]
    code, out, _ = run(capsys, "assess", d, "--from-xlsx", str(workbook), "--dry-run")
    assert code == 0 and "试运行" in out and "第 2 项：未评估 → 达标；评语：补齐" in out
    assert folder_snapshot(project_dir) == before


def test_a_bad_row_is_refused_naming_sheet_row_and_reason(
    project_dir: Path, workbook: Path, folder_snapshot: Snapshot
) -> None:
    rows = edit(workbook, {2: ("达标", "好"), 3: ("很好", None), 4: ("优秀", None)})
    before = folder_snapshot(project_dir)
    result = subprocess.run(
        [sys.executable, "-m", "app", "assess", str(project_dir), "--from-xlsx", str(workbook)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert workbook.name in line and f"工作表“{SHEET}”第 {rows[3]} 行" in line
    assert "等次“很好”无效" in line and "另有 1 个问题" in line
    assert folder_snapshot(project_dir) == before  # the good row 2 was not taken either


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "--from-xlsx"),  # neither --indicator nor --from-xlsx
        (("--from-xlsx", "{book}", "--level", "达标"), "--level"),
        (("--from-xlsx", "{book}", "--indicator", "2"), "--indicator"),
        (("--indicator", "2", "--level", "达标", "--dry-run"), "--dry-run"),
        (("--from-xlsx", "{missing}"), "找不到文件"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(
    *,
    project_dir: Path,
    workbook: Path,
    capsys: pytest.CaptureFixture[str],
    folder_snapshot: Snapshot,
    args: tuple[str, ...],
    needle: str,
) -> None:
    before = folder_snapshot(project_dir)
    argv = [a.format(book=workbook, missing=workbook.with_name("没有.xlsx")) for a in args]
    code, out, err = run(capsys, "assess", str(project_dir), *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err
    assert folder_snapshot(project_dir) == before
