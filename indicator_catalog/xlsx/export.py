"""Writing a catalog as a 任务分解 workbook, and as a YAML/JSON catalog file."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from app.base.errors import FazhiError
from indicator_catalog.loader import (
    CatalogError,
    validate_document,
)
from indicator_catalog.model import Catalog
from indicator_catalog.plan import PlanCatalog
from indicator_catalog.plan_loader import validate_plan_document
from indicator_catalog.xlsx.cells import (
    COL_AREA,
    COL_EVIDENCE,
    COL_GROUP,
    COL_NUMBER,
    COL_TEXT,
    COL_UNITS,
    FIRST_DATA_ROW,
    HEADERS,
    MACHINE_SHEET,
    TASK_SHEET,
    atomic_write,
    cell_text,
    set_cell,
)
from indicator_catalog.xlsx.layout import PlannedRow, plan_rows
from indicator_catalog.xlsx.machine import write_machine_sheet


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(text: str, column_width: float) -> int:
    per_line = max(1.0, column_width * 0.95)
    return sum(max(1, -(-_display_width(part) // int(per_line))) for part in (text.split("\n") or [""]))


def export_task_xlsx(catalog: Catalog, path: str | Path) -> Path:
    """Write ``catalog`` as a 任务分解 workbook (visible sheet + hidden machine sheet) at ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise FazhiError(f"{path}: 任务分解表应保存为 .xlsx 文件")
    rows = plan_rows(catalog)

    workbook = Workbook()
    ws = workbook.active
    ws.title = TASK_SHEET
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name="宋体", size=10)
    widths = {COL_AREA: 14, COL_GROUP: 18, COL_NUMBER: 6, COL_TEXT: 56, COL_UNITS: 20, COL_EVIDENCE: 56}
    for column, width in widths.items():
        ws.column_dimensions[chr(ord("A") + column - 1)].width = width

    title = catalog.title if catalog.title.endswith("任务分解") else f"{catalog.title}任务分解"
    title_cell = set_cell(ws, 1, 1, cell_text(title))
    title_cell.font = Font(name="黑体", size=16, bold=True)
    title_cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=COL_EVIDENCE)
    ws.row_dimensions[1].height = 36

    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for column, text in enumerate(HEADERS, start=1):
        cell = set_cell(ws, 2, column, text or None)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = header_fill
        cell.border = border
    ws.merge_cells(start_row=2, start_column=COL_NUMBER, end_row=2, end_column=COL_TEXT)
    ws.row_dimensions[2].height = 24

    heights: dict[int, float] = {}
    line_height = 13.5
    row_of: dict[int | str, int] = {}
    for offset, planned in enumerate(rows):
        r = FIRST_DATA_ROW + offset
        row_of[planned.key] = r
        values: dict[int, Any] = {
            COL_AREA: planned.area_label,
            COL_GROUP: planned.group_label,
            COL_NUMBER: planned.key,
            COL_TEXT: planned.text,
            COL_UNITS: planned.units[1] if planned.units[0] == "value" else None,
            COL_EVIDENCE: planned.evidence[1] if planned.evidence[0] == "value" else None,
        }
        for column, value in values.items():
            cell = set_cell(ws, r, column, value)
            cell.font = body_font
            cell.border = border
            centred = column in (COL_AREA, COL_GROUP, COL_NUMBER)
            cell.alignment = Alignment(
                horizontal="center" if centred else "left", vertical="center", wrap_text=True
            )
        heights[r] = _lines(planned.text, widths[COL_TEXT]) * line_height + 6

    # Merged ranges: area and group labels over their rows, units and evidence over their runs.
    def runs(key: Any) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        start = 0
        for index in range(1, len(rows) + 1):
            if index == len(rows) or key(rows[index]) != key(rows[start]) or key(rows[index]) is None:
                spans.append((start, index - 1))
                start = index
        return spans

    def cell_run(attribute: str) -> Any:
        def key(row: PlannedRow) -> Any:
            state = getattr(row, attribute)
            if state[0] == "cont":
                return state[1]
            if state[0] == "value":
                return row.key
            return None

        return key

    merges: list[tuple[int, int, int, str]] = []
    for column, key in (
        (COL_AREA, lambda row: row.area_key),
        (COL_GROUP, lambda row: (row.area_key, row.group_key)),
        (COL_UNITS, cell_run("units")),
        (COL_EVIDENCE, cell_run("evidence")),
    ):
        for start, end in runs(key):
            first, last = FIRST_DATA_ROW + start, FIRST_DATA_ROW + end
            if last > first:
                ws.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)
            merges.append((first, last, column, str(ws.cell(first, column).value or "")))
    # Each (merged) cell's text must fit the rows it spans: stretch the last row if needed.
    for first, last, column, text in merges:
        needed = _lines(text, widths[column]) * line_height + 6
        have = sum(heights[r] for r in range(first, last + 1))
        if needed > have:
            heights[last] += needed - have
    for r, height in heights.items():
        ws.row_dimensions[r].height = min(409, height)

    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    write_machine_sheet(workbook.create_sheet(MACHINE_SHEET), catalog, rows, title)
    workbook.properties.title = catalog.title
    workbook.properties.creator = "fazhi"
    atomic_write(path, workbook.save)
    return path


def write_catalog_file(catalog: Catalog | PlanCatalog, path: str | Path) -> Path:
    """Write ``catalog.to_dict()`` as YAML (.yaml/.yml) or JSON (.json), atomically, after validating it.

    A ``PlanCatalog`` (task list) is written the same way and validated as a plan."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise FazhiError(f"{path}: 指标体系文件应以 .yaml、.yml 或 .json 结尾")
    document = catalog.to_dict()
    if isinstance(catalog, PlanCatalog):
        problems = validate_plan_document(document, str(path))
    else:
        problems = validate_document(document, str(path))
    if problems:
        raise CatalogError(problems)
    if suffix == ".json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        body = yaml.dump(
            document, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096
        )
        what = "任务清单" if isinstance(catalog, PlanCatalog) else "指标体系"
        comment = (
            f"# {catalog.title}（{catalog.id}）——{what}文件，可人工编辑；用 fazhi catalog validate 校验。"
        )
        text = f"{comment}\n{body}"
    data = text.encode("utf-8")
    atomic_write(path, lambda temp: Path(temp).write_bytes(data))
    return path
