"""app.export.service against a real project: data collected from the store and scoring, exports written,
audit entries recorded, levels read back from an edited 打分表."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from app.assessment.levels import claim_bonus, current_levels, set_level, set_veto
from app.assessment.reviews import review
from app.assessment.workbook import apply_levels_from_workbook, read_levels_from_workbook
from app.base.errors import FazhiError
from app.evidence.attach import attach
from app.export.service import (
    collect_report_data,
    export_bundle,
    export_folder_zip,
    export_report_docx,
    export_report_pdf,
    export_workbook,
)
from app.project.audit_log import list_log
from app.project.folder import Project

MakePdf = Any
MakeXlsx = Any


@pytest.fixture
def filled(project: Project, make_pdf: MakePdf, make_xlsx: MakeXlsx, tmp_path: Path) -> Project:
    files = tmp_path / "files"
    attach(
        project,
        unit="县司法局",
        indicators=[1],
        files=[make_pdf(files / "权责清单.pdf", pages=2, text="权责清单")],
    )
    attach(
        project,
        unit="县发改局",
        indicators=[2],
        files=[make_pdf(files / "营商.pdf", pages=3, text="营商环境")],
    )
    attach(project, unit="县司法局", indicators=[3], files=[make_xlsx(files / "台账.xlsx")], title="审核台账")
    set_level(project, 1, "达标", comment="齐全")
    set_level(project, 2, "基本达标")
    set_level(project, 6, "不适用")
    claim_bonus(project, "B1", points=5, note="省级表彰")
    set_veto(project, "V1", triggered=False, note="未发生")
    review(project, indicator=1, unit="县司法局", decision="accepted", comment="通过")
    return project


def test_collected_data_matches_the_project(filled: Project) -> None:
    data = collect_report_data(filled)
    assert data.county == "测试县" and data.year == 2024 and data.issuing_body == "测试县人民政府"
    assert data.score.indicator(1) is not None and data.score.indicator(1).level == "达标"  # type: ignore[union-attr]
    assert data.score.indicator(4).level is None  # type: ignore[union-attr]  # 未评估
    assert {e.filename for e in data.evidence} == {"权责清单.pdf", "营商.pdf", "台账.xlsx"}
    assert all(e.stored_path.is_file() for e in data.evidence)
    assert next(b for b in data.bonus if b.id == "B1").points == 5
    tasks = {(t.indicator, t.unit): t for t in data.unit_tasks}
    assert tasks[(1, "县司法局")].status == "已通过" and tasks[(1, "县司法局")].evidence_count == 1
    assert tasks[(2, "县发展和改革局")].status == "待审核"
    assert any("官方分值" in data.disclaimer for _ in [0])
    assert data.findings  # the self-check finds missing evidence in this half-filled project


def test_every_export_writes_its_file_and_an_audit_entry(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    pdf = export_report_pdf(filled, out / "报告.pdf")
    assert "测试县" in pypdf.PdfReader(pdf).pages[0].extract_text()
    export_report_docx(filled, out / "报告.docx")
    export_workbook(filled, out / "打分表.xlsx")
    paths = export_bundle(filled, out / "汇编.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(paths[0]).pages)
    assert "权责清单" in text and "营商环境" in text
    unit_paths = export_bundle(filled, out / "发改.pdf", unit="县发改局")
    unit_text = "".join(p.extract_text() for p in pypdf.PdfReader(unit_paths[0]).pages)
    assert "营商环境" in unit_text and "权责清单" not in unit_text
    archive = export_folder_zip(filled, out / "归档.zip")
    with zipfile.ZipFile(archive) as zipped:
        assert "hashes.txt" in zipped.namelist()
    actions = [entry.action for entry in list_log(filled, action="export.")]
    assert actions == [
        "export.report",
        "export.report",
        "export.workbook",
        "export.bundle",
        "export.bundle",
        "export.folder",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "发改.pdf",
        "归档.zip",
        "打分表.xlsx",
        "报告.docx",
        "报告.pdf",
        "汇编.pdf",
    ]


def test_levels_round_trip_through_the_workbook(filled: Project, tmp_path: Path) -> None:
    path = export_workbook(filled, tmp_path / "打分表.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["自评打分表"]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(rows[2], 6).value = "达标"
    sheet.cell(rows[2], 10).value = "补充材料后达标"
    sheet.cell(rows[4], 6).value = "unmet"
    book.save(path)
    read = {n: (level, comment) for n, level, comment in read_levels_from_workbook(filled, path)}
    assert read[2] == ("达标", "补充材料后达标") and read[4] == ("未达标", "")
    applied = apply_levels_from_workbook(filled, path, by="复核员")
    assert applied.changed == 2 and applied.rows == 4
    levels = current_levels(filled)
    assert levels[2].level == "达标" and levels[2].by == "复核员" and levels[4].level == "未达标"
    assert [e.action for e in list_log(filled, action="assessment.import")] == ["assessment.import"]


def test_a_bad_row_changes_nothing(filled: Project, tmp_path: Path) -> None:
    path = export_workbook(filled, tmp_path / "打分表.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["自评打分表"]
    sheet["F2"] = "未达标"
    sheet["F3"] = "很好"
    book.save(path)
    before = current_levels(filled)
    with pytest.raises(FazhiError, match="第 3 行"):
        apply_levels_from_workbook(filled, path)
    assert current_levels(filled) == before
