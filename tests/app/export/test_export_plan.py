"""Exports of a plan project go through run_export like every other: progress, not points; audit-logged."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from app.export.dispatch import ExportKind, render_report_preview, run_export
from app.export.plan import plan_report_data
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.status.plan_progress import set_task_progress
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan


def test_plan_exports_through_run_export(tmp_path: Path) -> None:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        set_task_progress(project, 2, "in_progress")
        data = plan_report_data(project)
        assert data.tasks == 31 and data.in_progress == 1 and data.lines[1].status in ("推进中", "长期推进")
        [pdf] = run_export(project, ExportKind.REPORT_PDF, tmp_path / "r.pdf")
        [xlsx] = run_export(project, ExportKind.WORKBOOK, tmp_path / "w.xlsx")
        [word] = run_export(project, ExportKind.REPORT_DOCX, tmp_path / "r.docx")
        actions = [e.action for e in list_log(project)]
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "五台县2024年" in text and "落实进度报告" in text and "自评得分" not in text
    sheet = load_workbook(xlsx)["任务进度"]
    assert sheet["A4"].value == "一.1" and sheet.max_row == 3 + 31
    assert word.stat().st_size > 0
    assert {"export.plan_report", "export.plan_workbook", "export.plan_docx"} <= set(actions)


def test_print_preview_of_a_plan_is_its_progress_report(tmp_path: Path) -> None:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        before = len(list_log(project))
    pdf = render_report_preview(folder, tmp_path / "preview.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "落实进度报告" in text and "自评得分" not in text
    with open_project(folder) as project:
        assert len(list_log(project)) == before  # a preview is not logged
