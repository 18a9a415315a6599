"""A plan project end to end on the command line: init --plan → attach → kit → submit → import →
progress → self-check (overdue, lead unit) → exports, asserting on database rows, PDF text and cells."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli.main import main

MakePdf = Callable[..., Path]


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _ok(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    code, out, err = _run(capsys, *args)
    assert code == 0, err
    return out


def _json(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Any:
    return json.loads(_ok(capsys, *args, "--json"))


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "五台县2024"
    _ok(capsys, "init", folder, "--county", "五台县", "--year", "2024", "--plan", "wutai-rural-2021")
    return folder


def test_plan_project_round_trip(
    office: Path, tmp_path: Path, make_pdf: MakePdf, capsys: pytest.CaptureFixture[str]
) -> None:
    # Attach with a task id and a name written without 县 (as the plan writes it).
    records = _json(
        capsys,
        "attach",
        office,
        "--unit",
        "司法局",
        "--task",
        "一.1",
        make_pdf(tmp_path / "执法体制.pdf", text="执法体制.pdf"),
    )
    assert records[0]["unit"] == "县司法局" and records[0]["tasks"] == ["一.1"]
    listed = _json(capsys, "evidence", office, "--task", "一.1")
    assert [(e["filename"], e["indicators"], e["tasks"]) for e in listed] == [("执法体制.pdf", [1], ["一.1"])]
    with sqlite3.connect(office / "project.sqlite") as db:
        assert db.execute("SELECT task_id, indicator_number FROM evidence_indicator").fetchall() == [
            ("一.1", 1)
        ]
    # An unknown task id is one line, nothing changed.
    code, _out, err = _run(
        capsys,
        "attach",
        office,
        "--unit",
        "司法局",
        "--task",
        "九.99",
        make_pdf(tmp_path / "x.pdf", text="x.pdf"),
    )
    assert code != 0 and err.strip().count("\n") == 0 and "未知的任务：九.99" in err

    # Roles: 县司法局 leads 一.3, 县公安局 takes part; the 公安局 kit says who leads.
    out = _ok(capsys, "units", office, "--roles", "一.3=司法局:公安局")
    assert "任务 一.3 牵头单位：县司法局；配合单位：县公安局" in out
    kit = tmp_path / "kit.zip"
    out = _ok(capsys, "kit", office, "--unit", "县公安局", "--out", kit)
    assert "任务：一.1、一.3" in out
    with zipfile.ZipFile(kit) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        task_list = archive.read("任务清单.pdf") if "任务清单.pdf" in archive.namelist() else None
    role = next(r for r in manifest["roles"] if r["indicator"] == "一.3")
    assert role["role"] == "co" and role["lead"] == ["县司法局"]
    if task_list is not None:
        pdf_path = tmp_path / "list.pdf"
        pdf_path.write_bytes(task_list)
        text = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)
        assert "本单位配合；牵头单位：县司法局" in text and "任务 一.3" in text

    # The unit's workspace: attach, submit; the office imports it.
    unit = tmp_path / "公安局"
    _ok(capsys, "init", unit, "--from-kit", kit)
    _ok(
        capsys,
        "attach",
        unit,
        "--unit",
        "县公安局",
        "--task",
        "一.3",
        make_pdf(tmp_path / "队伍建设.pdf", text="队伍建设.pdf"),
    )
    package = tmp_path / "sub.zip"
    _ok(capsys, "submit", unit, "--out", package)
    _ok(capsys, "import", office, package)
    _ok(capsys, "review", office, "--task", "一.3", "--unit", "县公安局", "--accept", "--comment", "齐全")
    with sqlite3.connect(office / "project.sqlite") as db:
        assert ("一.3",) in db.execute("SELECT task_id FROM evidence_indicator").fetchall()
        assert db.execute("SELECT task_id, decision FROM review").fetchall() == [("一.3", "accepted")]

    # Progress instead of points; score says so in one line.
    row = _json(capsys, "progress", office, "--task", "一.1", "--set", "已完成")
    assert row["task"] == "一.1" and row["status"] == "done"
    code, out, err = _run(capsys, "score", office)
    assert code in (1, 2) and out == "" and len(err.strip().splitlines()) == 1 and "不打分" in err
    progress = _json(capsys, "progress", office)
    assert progress["tasks"] == 31 and progress["done"] == 1 and progress["overdue"] >= 18

    # Self-check: 一.3 is overdue (2023年底前, not done) and its lead 县司法局 gave nothing.
    code, out, _err = _run(capsys, "check", office, "--json")
    assert code == 1
    findings = json.loads(out)
    overdue = [f for f in findings if f["code"] == "task_overdue" and f["indicator"] == "一.3"]
    assert overdue and overdue[0]["severity"] == "error" and "2023-12-31" in overdue[0]["message"]
    lead = [f for f in findings if f["code"] == "lead_no_evidence" and f["indicator"] == "一.3"]
    assert lead and lead[0]["unit"] == "县司法局" and "县司法局" in lead[0]["message"]
    assert not [f for f in findings if f["indicator"] == "一.1" and f["code"] == "task_overdue"]
    assert any(f["code"] == "task_no_evidence" and f["indicator"] == "一.2" for f in findings)

    # Exports: the progress report (PDF text) and the workbook (cells).
    report = tmp_path / "进度报告.pdf"
    _ok(capsys, "export", "report", office, "--out", report)
    text = "".join(p.extract_text() for p in PdfReader(report).pages)
    assert "落实进度报告" in text and "已逾期" in text and "牵头单位" in text and "得分" not in text
    workbook = tmp_path / "任务进度.xlsx"
    _ok(capsys, "export", "workbook", office, "--out", workbook)
    sheet = load_workbook(workbook)["任务进度"]
    assert [c.value for c in sheet[3]] == [
        "任务编号",
        "任务",
        "牵头单位",
        "责任单位",
        "完成时限",
        "状态",
        "资料数",
    ]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["一.1"][5] == "已完成" and rows["一.1"][6] == 1
    assert rows["一.3"][2] == "县司法局" and rows["一.3"][3] == "县公安局"
    assert rows["一.3"][4] == "2023年底前" and rows["一.3"][5] == "已逾期" and rows["一.3"][6] == 1
    folder_zip = tmp_path / "资料.zip"
    _ok(capsys, "export", "folder", office, "--out", folder_zip)
    with zipfile.ZipFile(folder_zip) as archive:
        names = archive.namelist()
    assert any(n.startswith("003_一.3_法治乡村执法队伍建设") and n.endswith(".pdf") for n in names)
    docx_out = tmp_path / "进度报告.docx"
    _ok(capsys, "export", "docx", office, "--out", docx_out)
    cells = [c.text for t in docx.Document(str(docx_out)).tables for row in t.rows for c in row.cells]
    assert "一.3" in cells and "已逾期" in cells


def test_assessment_commands_refuse_a_plan_project(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (("score", office), ("assess", office, "--task", "一.1", "--level", "达标")):
        code, _out, err = _run(capsys, *args)
        assert code in (1, 2) and len(err.strip().splitlines()) == 1 and "任务清单" in err


def test_existing_assessment_project_still_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "p"
    _ok(capsys, "init", folder, "--county", "测试县", "--year", "2024")
    assert "total" in _json(capsys, "score", folder)
    code, _out, err = _run(capsys, "progress", folder)
    assert code in (1, 2) and "只用于任务清单" in err


def test_init_catalog_takes_a_plan_id_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "p"
    info = _json(
        capsys, "init", folder, "--county", "五台县", "--year", "2024", "--catalog", "wutai-rural-2021"
    )
    assert info["catalog_id"] == "wutai-rural-2021"
    assert _json(capsys, "progress", folder)["tasks"] == 31
    code, _out, err = _run(
        capsys, "init", tmp_path / "q", "--county", "五台县", "--year", "2024", "--plan", "no-such-plan"
    )
    assert code != 0 and len(err.strip().splitlines()) == 1 and not (tmp_path / "q").exists()
