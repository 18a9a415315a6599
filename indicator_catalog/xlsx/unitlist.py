"""Reading a county's unit-list workbook (单位名称 | 简称 | 类型 | 包含单位) into plain data."""

from __future__ import annotations

from pathlib import Path

from indicator_catalog.unitmatch import UnitList, parse_unit_rows
from indicator_catalog.xlsx.guard import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, open_workbook, refuse


def read_unit_list_xlsx(path: str | Path) -> UnitList:
    """The first sheet with a 单位名称 header; problems name the sheet and row. Raises ``TaskSheetError``
    (one line: file and reason) for a file that is not a readable workbook."""
    path = Path(path)
    workbook = open_workbook(path)
    try:
        tried: list[str] = []
        for ws in workbook.worksheets:
            if ws.max_row > MAX_SHEET_ROWS:
                raise refuse(path, f"工作表“{ws.title}”行数过多（{ws.max_row} 行）")
            rows = ws.iter_rows(max_col=min(ws.max_column, MAX_SHEET_COLUMNS), values_only=True)
            result = parse_unit_rows(rows)
            if result.entries or not any(p.startswith("找不到表头") for p in result.problems):
                result.problems = [f"工作表“{ws.title}”{p}" for p in result.problems]
                return result
            tried.append(ws.title)
    finally:
        workbook.close()
    raise refuse(path, f"找不到单位名单的表头（需要“单位名称”列；已查看工作表：{'、'.join(tried)}）")
