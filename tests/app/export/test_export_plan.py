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


def test_a_plans_bundle_names_tasks_by_their_ids(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from app.evidence.attach import attach
    from app.export.service import export_bundle

    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    source = tmp_path / "方案.pdf"
    canvas = Canvas(str(source))
    canvas.drawString(72, 720, "plan evidence")
    canvas.showPage()
    canvas.save()
    with open_project(folder) as project:
        attach(project, unit="县人民法院", indicators=[3], files=[source])
        [out] = export_bundle(project, tmp_path / "汇编.pdf")
    reader = PdfReader(out)
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert reader.metadata is not None and reader.metadata.title == "五台县规划任务落实印证资料汇编"
    assert "任务内容" in pages[0] and "暂无资料的任务：一.1、一.2" in pages[0].replace("\n", "")
    assert "任务 一.3" in pages[1] and "本任务资料 1 件" in pages[1]
    assert "任务一.3 · 第 3 页" in pages[2]  # the stamp
    assert "第 3 项" not in text and "第3项" not in text and "指标内容" not in text
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [str(entry) for entry in reader.outline]
    assert titles and any("任务 一.3" in n for n in nested) and not any("第 3 项" in n for n in nested)
