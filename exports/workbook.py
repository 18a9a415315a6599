"""The workbook (openpyxl): 任务分解 progress, 自评打分表, evidence list, problems and a summary sheet.

The 自评打分表 can be edited and read back (``read_levels``, in ``exports.workbook_read``): reviewers
often score in Excel together and load the result.

The 打分表 is live: 系数 looks the level up in the 评分方案 sheet, 得分 is 系数 × 满分, and the 汇总 sheet's
subtotals, base score and total are formulas over it, so changing a level in Excel or WPS recomputes
everything (the file asks for a full recalculation on opening). The level column is a drop-down of the
four levels and 未评估 with an error alert. Every sheet has row heights that fit its wrapped text,
print titles (the header row) and an A4 page setup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.common import atomic_output
from exports.printable import check_report_text
from exports.report_data import LEVELS, NOT_ASSESSED, ReportData, format_date_cn, level_label
from exports.report_text import units_text
from exports.workbook_read import SCORE_SHEET, LevelRow, WorkbookError, WorkbookProblem, read_levels

#: Reading the 打分表 back lives in ``exports.workbook_read``; its entry points stay importable from here.
__all__ = [
    "SCORE_SHEET",
    "LevelRow",
    "WorkbookError",
    "WorkbookProblem",
    "read_levels",
    "write_workbook",
]

TASK_SHEET = "任务分解"
EVIDENCE_SHEET = "印证资料"
FINDINGS_SHEET = "问题清单"
SUMMARY_SHEET = "汇总"
SCHEME_SHEET = "评分方案"
#: Levels offered in the 等次 drop-down: the four levels and 未评估 (which the export writes itself).
LEVEL_CHOICES: tuple[str, ...] = (*LEVELS, NOT_ASSESSED)
#: Reference factors used when neither the data nor the scores give one.
DEFAULT_FACTORS = {"达标": 1.0, "基本达标": 0.6, "未达标": 0.0, NOT_ASSESSED: 0.0}

SCORE_HEADERS = (
    "序号",
    "一级指标",
    "二级指标",
    "指标内容",
    "责任单位",
    "等次",
    "系数",
    "得分",
    "满分",
    "评定意见",
)
TASK_HEADERS = (
    "一级指标",
    "二级指标",
    "序号",
    "指标内容",
    "资料要求",
    "责任单位",
    "状态",
    "资料数",
    "页数",
    "审核意见",
)
EVIDENCE_HEADERS = (
    "编号",
    "指标",
    "文件名",
    "资料标题",
    "责任单位",
    "类型",
    "页数",
    "工作表数",
    "期间",
    "状态",
    "大小（字节）",
    "SHA-256",
)
FINDINGS_HEADERS = ("序号", "类别", "指标", "责任单位", "问题说明")


def write_workbook(
    data: ReportData,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write the workbook to ``out`` (all or nothing)."""
    from openpyxl import Workbook

    check_report_text(data)
    book = Workbook()
    _register_styles(book)
    sheets = (
        (SCORE_SHEET, _score_sheet),
        (TASK_SHEET, _task_sheet),
        (EVIDENCE_SHEET, _evidence_sheet),
        (FINDINGS_SHEET, _findings_sheet),
        (SUMMARY_SHEET, _summary_sheet),
        (SCHEME_SHEET, _scheme_sheet),
    )
    first = book.active
    for index, (title, build) in enumerate(sheets):
        check_cancel(cancel)
        report(progress, index, len(sheets), title)
        sheet = first if index == 0 else book.create_sheet()
        sheet.title = title
        build(sheet, data)
    book.properties.title = f"{data.county}法治政府建设示范创建自评打分表"
    book.properties.creator = "fazhi"
    from openpyxl.workbook.properties import CalcProperties

    book.calculation = CalcProperties(fullCalcOnLoad=True)
    check_cancel(cancel)
    with atomic_output(Path(out)) as temp:
        book.save(str(temp))
    report(progress, len(sheets), len(sheets), "完成")


# -- writing --------------------------------------------------------------------------------------


def _register_styles(book: Any) -> None:
    """Named cell styles, assigned by name: setting fonts and borders cell by cell costs minutes."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head = NamedStyle(
        name="fz_head",
        font=Font(name="黑体", bold=True),
        fill=PatternFill("solid", fgColor="E8E8E8"),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        border=border,
    )
    body = Font(name="宋体")
    styles = [
        head,
        NamedStyle(name="fz_text", font=body, border=border, alignment=Alignment(vertical="top")),
        NamedStyle(
            name="fz_wrap", font=body, border=border, alignment=Alignment(vertical="top", wrap_text=True)
        ),
        NamedStyle(
            name="fz_center",
            font=body,
            border=border,
            alignment=Alignment(horizontal="center", vertical="top"),
        ),
    ]
    for style in styles:
        book.add_named_style(style)


#: Points per line of 宋体 11 (Excel's default row is 15 for one line).
LINE_HEIGHT = 14.5


def _lines_needed(value: Any, width: float) -> int:
    """Lines a wrapped cell ``width`` characters wide needs (a CJK character counts as two)."""
    if value is None:
        return 1
    lines = 0
    for part in str(value).split("\n"):
        units = sum(2 if ord(c) > 0x2E80 else 1 for c in part)
        lines += max(1, -(-units // max(int(width) - 1, 1)))
    return lines


def _fit_rows(sheet: Any, widths: Sequence[float], wrap_columns: Sequence[int], first_row: int = 2) -> None:
    """Row heights that show every line of the wrapped columns (Excel does not grow rows it did not lay
    out; in print the text would be cut)."""
    for row in sheet.iter_rows(min_row=first_row):
        lines = max(
            (_lines_needed(row[i].value, widths[i]) for i in wrap_columns if i < len(row)),
            default=1,
        )
        sheet.row_dimensions[row[0].row].height = max(15.0, lines * LINE_HEIGHT + 3)


def _page_setup(sheet: Any, *, landscape: bool = True, title_rows: str | None = "1:1") -> None:
    """A4, fit to the page width, print titles, centred, page numbers in the footer."""
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddHeader.right.text = "&A"


def _table_sheet(
    sheet: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    wrap_columns: Sequence[int] = (),
    center_columns: Sequence[int] = (),
) -> None:
    """Header in row 1 (bold, shaded, frozen, with filters), one record per row below."""
    from openpyxl.utils import get_column_letter

    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.style = "fz_head"
    names = [
        "fz_wrap" if i in wrap_columns else "fz_center" if i in center_columns else "fz_text"
        for i in range(len(headers))
    ]
    for row in rows:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2, max_row=len(rows) + 1):
        for cell, name in zip(row_cells, names, strict=False):
            cell.style = name
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    sheet.row_dimensions[1].height = 30
    _fit_rows(sheet, widths, wrap_columns)
    _page_setup(sheet)


def _score_sheet(sheet: Any, data: ReportData) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    catalog = data.catalog
    rows: list[list[Any]] = []
    last_factor = len(LEVEL_CHOICES) + 1
    for row_number, indicator in enumerate(catalog.indicators, start=2):
        area = catalog.area(indicator.area)
        group = catalog.group(indicator.group)
        score = data.score.indicator(indicator.number)
        level = score.level if score else None
        level_cell = f"F{row_number}"
        factor = (
            f'=IF({level_cell}="不适用","",IFERROR(VLOOKUP({level_cell},'
            f"{SCHEME_SHEET}!$A$2:$B${last_factor},2,FALSE),0))"
        )
        points = f'=IF({level_cell}="不适用","",ROUND(G{row_number}*I{row_number},2))'
        rows.append(
            [
                indicator.number,
                f"{area.code}、{area.name}",
                group.name,
                indicator.text,
                units_text(indicator),
                level_label(level),
                factor,
                points,
                score.max if score and score.applicable else indicator.points,
                score.comment if score else "",
            ]
        )
    _table_sheet(
        sheet,
        SCORE_HEADERS,
        rows,
        (7, 18, 18, 60, 24, 11, 7, 7, 7, 36),
        wrap_columns=(1, 2, 3, 4, 9),
        center_columns=(0, 5, 6, 7, 8),
    )
    # The level column is a drop-down of the four levels and 未评估, with Excel's error alert on. Pasted
    # text gets around validation, so the reader still checks every row.
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(LEVEL_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="等次无效",
        error="请从下拉列表中选择：" + "、".join(LEVEL_CHOICES),
        promptTitle="等次",
        prompt="达标、基本达标、未达标、不适用；未评估或留空表示不修改",
        showInputMessage=True,
    )
    sheet.add_data_validation(validation)
    if rows:
        validation.add(f"F2:F{len(rows) + 1}")
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = "0.00"


def _task_sheet(sheet: Any, data: ReportData) -> None:
    catalog = data.catalog
    rows: list[list[Any]] = []
    for indicator in catalog.indicators:
        area = catalog.area(indicator.area)
        group = catalog.group(indicator.group)
        demand = "\n".join(r.text for r in indicator.requirements) or indicator.evidence_as_written
        if indicator.onsite:
            demand = (demand + "\n（实地核查）").strip()
        tasks = data.tasks_for(indicator.number)
        base = [f"{area.code}、{area.name}", group.name, indicator.number, indicator.text, demand]
        if not tasks:
            rows.append([*base, units_text(indicator), "—", 0, 0, ""])
        for task in tasks:
            rows.append([*base, task.unit, task.status, task.evidence_count, task.pages, task.comment])
    _table_sheet(
        sheet,
        TASK_HEADERS,
        rows,
        (18, 18, 7, 48, 48, 22, 10, 8, 8, 30),
        wrap_columns=(0, 1, 3, 4, 5, 9),
        center_columns=(2, 6, 7, 8),
    )


def _evidence_sheet(sheet: Any, data: ReportData) -> None:
    rows = [
        [
            item.id,
            "、".join(str(n) for n in item.indicators),
            item.filename,
            item.title,
            item.unit,
            item.kind.upper(),
            item.pages,
            item.sheets,
            item.period,
            item.status,
            item.size,
            item.sha256,
        ]
        for item in data.evidence
    ]
    _table_sheet(
        sheet,
        EVIDENCE_HEADERS,
        rows,
        (8, 12, 40, 30, 22, 7, 7, 9, 9, 9, 13, 66),
        wrap_columns=(2, 3, 4),
        center_columns=(0, 1, 5, 6, 7, 8, 9),
    )


def _findings_sheet(sheet: Any, data: ReportData) -> None:
    rows = [
        [index, f.severity, f.indicator, f.unit, f.message] for index, f in enumerate(data.findings, start=1)
    ]
    _table_sheet(
        sheet, FINDINGS_HEADERS, rows, (7, 9, 8, 24, 80), wrap_columns=(3, 4), center_columns=(0, 1, 2)
    )


def factors_of(data: ReportData) -> dict[str, float]:
    """Level → factor: the data's scheme, else what the scores show, else the reference factors."""
    factors = dict(DEFAULT_FACTORS)
    for score in data.score.indicators:
        if score.level in factors and score.applicable:
            factors[score.level] = score.factor
    factors.update({k: v for k, v in data.level_factors.items() if k in factors})
    return factors


def _scheme_sheet(sheet: Any, data: ReportData) -> None:
    """The factor table the 打分表's 系数 formulas look up; edit it to try another scheme."""
    factors = factors_of(data)
    rows = [[level, factors[level]] for level in LEVEL_CHOICES if level in factors]
    rows.append(["不适用", "不计入满分"])
    _table_sheet(sheet, ("等次", "系数"), rows, (14, 14), center_columns=(0, 1))
    sheet.append([])
    sheet.append([f"评分方案：{data.scheme_name}"])
    for line in data.scheme_lines:
        sheet.append([line])
    _page_setup(sheet, landscape=False)


def _summary_sheet(sheet: Any, data: ReportData) -> None:
    from openpyxl.styles import Alignment, Font

    score = data.score
    sheet.append([data.title])
    sheet["A1"].font = Font(name="黑体", size=16, bold=True)
    sheet.append(
        [f"指标体系：{data.catalog.title}；自评年度：{data.year}；报送日期：{format_date_cn(data.date)}"]
    )
    sheet.append([])
    sheet.append(["一级指标", "满分", "得分", "得分率"])
    for cell in sheet[4]:
        cell.font = Font(name="黑体", bold=True)
    src = f"'{SCORE_SHEET}'!"
    first = sheet.max_row + 1
    for area in data.catalog.areas:
        row = sheet.max_row + 1
        label = f"{area.code}、{area.name}"
        sheet.append(
            [
                label,
                f'=SUMIFS({src}$I:$I,{src}$B:$B,$A{row},{src}$F:$F,"<>不适用")',
                f"=SUMIFS({src}$H:$H,{src}$B:$B,$A{row})",
                f'=IF(B{row}=0,"—",C{row}/B{row})',
            ]
        )
    last = sheet.max_row
    total_row = last + 1
    sheet.append(
        [
            "三级指标合计",
            f"=SUM(B{first}:B{last})",
            f"=SUM(C{first}:C{last})",
            f'=IF(B{total_row}=0,"—",C{total_row}/B{total_row})',
        ]
    )
    base_row = total_row + 1
    base_max = format_number(score.base_max)
    sheet.append(
        [
            "折算基础得分",
            score.base_max,
            f"=IF(B{total_row}=0,0,MIN(ROUND(C{total_row}/B{total_row}*{base_max},2),{base_max}))",
            f'=IF(B{base_row}=0,"—",C{base_row}/B{base_row})',
        ]
    )
    sheet.append(["加分", None, score.bonus, None])
    bonus_row = base_row + 1
    if score.vetoed:
        sheet.append(["总分", None, score.total, score.result])
    else:
        sheet.append(["总分", None, f"=C{base_row}+C{bonus_row}", "草稿" if data.is_draft else score.result])
    for row in sheet.iter_rows(min_row=first, max_row=base_row, min_col=4, max_col=4):
        row[0].number_format = "0.0%"
    for row in sheet.iter_rows(min_row=first, max_row=bonus_row + 1, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "0.##"
    sheet.append([])
    for claim in data.bonus:
        sheet.append([f"加分项 {claim.id}", claim.max_points, claim.points, claim.note])
    for veto in data.veto:
        sheet.append([f"否决项 {veto.id}", None, None, veto.conclusion])
    sheet.append([])
    sheet.append([f"评分方案：{data.scheme_name}（等次系数见“{SCHEME_SHEET}”工作表）"])
    for line in data.scheme_lines:
        sheet.append([line])
    if data.disclaimer:
        sheet.append([data.disclaimer])
    for reason in data.draft_reasons:
        sheet.append([f"草稿：{reason}"])
    widths = (44, 14, 14, 14)
    sheet.column_dimensions["A"].width = widths[0]
    for column in "BCD":
        sheet.column_dimensions[column].width = 14
    for row in sheet.iter_rows(min_row=5):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    _fit_rows(sheet, widths, (0,), first_row=5)
    _page_setup(sheet, landscape=False, title_rows="4:4")


def format_number(value: float) -> str:
    return f"{float(value):.10g}"


# -- reading back ---------------------------------------------------------------------------------
