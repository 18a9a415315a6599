"""Exports of a plan project (a task list, no scoring): the progress report (PDF, DOCX) and the workbook.

Pure rendering from ``PlanReportData`` (plain values the core collects): a summary (done / in progress /
overdue, per lead unit), then the task table with 任务编号, 任务, 牵头单位, 责任单位, 完成时限, 状态 and
资料数, then the self-check's problems. Every file is written to a temporary beside the target and
renamed into place (``atomic_output``): a failure leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from exports.common import atomic_output
from exports.fonts import FONT_NAMES, register_reportlab_fonts

TASK_HEADERS = ("任务编号", "任务", "牵头单位", "责任单位", "完成时限", "状态", "资料数")


@dataclass(frozen=True)
class PlanTaskLine:
    task_id: str
    title: str
    lead: str  # "、"-joined
    units: str
    deadline: str
    status: str  # Chinese: 已完成 / 推进中 / 已逾期 …
    evidence: int

    def cells(self) -> list[Any]:
        return [self.task_id, self.title, self.lead, self.units, self.deadline, self.status, self.evidence]


@dataclass(frozen=True)
class PlanReportData:
    county: str
    year: int
    title: str  # the plan's title
    generated: str  # local time, "2026-12-07 20:15"
    tasks: int
    done: int
    in_progress: int
    overdue: int
    lines: tuple[PlanTaskLine, ...]
    by_lead: tuple[tuple[str, int, int, int, int], ...] = ()  # unit, tasks, done, in progress, overdue
    findings: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)  # severity, task, message

    @property
    def heading(self) -> str:
        return f"{self.county}{self.year}年 {self.title} 落实进度报告"

    @property
    def summary_line(self) -> str:
        return (
            f"共 {self.tasks} 项任务：已完成 {self.done} 项，推进中 {self.in_progress} 项，"
            f"已逾期 {self.overdue} 项（任务清单不打分，按进度统计）"
        )


def write_plan_pdf(data: PlanReportData, out: Path) -> Path:
    names = register_reportlab_fonts(FONT_NAMES.sans, FONT_NAMES.sans_bold)
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    title = ParagraphStyle(
        "t", fontName=names.sans_bold, fontSize=15, leading=22, alignment=1, wordWrap="CJK"
    )
    body = ParagraphStyle("b", fontName=names.sans, fontSize=10, leading=15, wordWrap="CJK")
    head = ParagraphStyle(
        "h", fontName=names.sans_bold, fontSize=12, leading=18, spaceBefore=8, wordWrap="CJK"
    )
    cell = ParagraphStyle("c", fontName=names.sans, fontSize=8.5, leading=11, wordWrap="CJK")

    def table(rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> Table:
        cells = [[Paragraph(escape(str(v)), cell) for v in row] for row in rows]
        made = Table(cells, colWidths=[w * mm for w in widths], repeatRows=1)
        made.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return made

    story: list[Any] = [
        Paragraph(escape(data.heading), title),
        Spacer(1, 3 * mm),
        Paragraph(escape(f"生成时间：{data.generated}"), body),
        Paragraph(escape(data.summary_line), body),
    ]
    if data.by_lead:
        story += [Paragraph("按牵头单位统计", head)]
        rows = [("牵头单位", "任务数", "已完成", "推进中", "已逾期"), *data.by_lead]
        story.append(table(rows, (80, 30, 30, 30, 30)))
    story += [Paragraph("任务落实情况", head)]
    story.append(table([TASK_HEADERS, *(line.cells() for line in data.lines)], (18, 88, 36, 58, 30, 20, 14)))
    if data.findings:
        story += [Paragraph("体检发现的问题", head)]
        story.append(table([("级别", "任务", "问题"), *data.findings], (16, 20, 228)))
    with atomic_output(Path(out)) as temp:
        document = SimpleDocTemplate(
            str(temp),
            pagesize=landscape(A4),
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=data.heading,
            author="fazhi",
        )
        document.build(story)
    return Path(out)


def write_plan_docx(data: PlanReportData, out: Path) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(data.heading, level=1)
    document.add_paragraph(f"生成时间：{data.generated}")
    document.add_paragraph(data.summary_line)

    def table(rows: Sequence[Sequence[Any]]) -> None:
        # Row by row: ``Table.cell(r, c)`` walks the whole grid each time (quadratic in the rows).
        made = document.add_table(rows=0, cols=len(rows[0]))
        made.style = "Table Grid"
        for row in rows:
            for cell, value in zip(made.add_row().cells, row, strict=True):
                cell.text = str(value)

    if data.by_lead:
        document.add_heading("按牵头单位统计", level=2)
        table([("牵头单位", "任务数", "已完成", "推进中", "已逾期"), *data.by_lead])
    document.add_heading("任务落实情况", level=2)
    table([TASK_HEADERS, *(line.cells() for line in data.lines)])
    if data.findings:
        document.add_heading("体检发现的问题", level=2)
        table([("级别", "任务", "问题"), *data.findings])
    with atomic_output(Path(out)) as temp:
        document.save(str(temp))
    return Path(out)


def write_plan_workbook(data: PlanReportData, out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务进度"
    sheet.append([data.heading])
    sheet.append([data.summary_line])
    sheet.append(list(TASK_HEADERS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for line in data.lines:
        sheet.append(line.cells())
    for column, width in zip("ABCDEFG", (10, 60, 24, 40, 22, 10, 8), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"
    units = book.create_sheet("牵头单位")
    units.append(["牵头单位", "任务数", "已完成", "推进中", "已逾期"])
    for entry in data.by_lead:
        units.append(list(entry))
    problems = book.create_sheet("体检问题")
    problems.append(["级别", "任务", "问题"])
    for finding in data.findings:
        problems.append(list(finding))
    with atomic_output(Path(out)) as temp:
        book.save(str(temp))
    return Path(out)
