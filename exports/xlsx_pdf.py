"""Spreadsheet evidence drawn as PDF tables, so the evidence bundle leaves nothing out.

Each worksheet becomes a titled table on landscape A4 (in the sans face, like the bundle's own pages), its
column letters repeated as header on every page and the sheet's row numbers down the side; sheets wider
than a page are cut into column bands (A–H, I–P …). The workbook is read in read-only mode (rows stream;
memory stays flat) with computed values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.base.errors import FazhiError
from app.base.progress import CancelToken, check_cancel
from exports.fonts import printable
from exports.pdf_style import A4, color, draw_string, ensure_fonts, font_names, grid_table_style, mm, text
from exports.printable import check_printable

if TYPE_CHECKING:  # reportlab loads when a sheet is drawn (see exports.pdf_style)
    from reportlab.lib.styles import ParagraphStyle

PAGE = (A4[1], A4[0])  # reportlab's landscape(A4)
MARGIN = 14 * mm
COLUMNS_PER_BAND = 8
MAX_CELL_CHARS = 2000  # longer cells are cut with a note: a single cell must fit on a page


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def _sheet_rows(sheet: Any, title: str) -> Iterator[list[str]]:
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell(v) for v in row]
        for column, value in enumerate(cells, start=1):
            if value and not printable(value):
                where = f"电子表格“{title}”工作表“{sheet.title}”单元格 {_column_letter(column)}{number}"
                check_printable(value, where)
        yield cells


def render_xlsx_pdf(xlsx: Path, out: Path, title: str, cancel: CancelToken | None = None) -> int:
    """Draw every sheet of ``xlsx`` into the PDF ``out``; return its page count."""
    from openpyxl import load_workbook
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    st = _styles()
    # A file object: stored evidence has no .xlsx suffix (content-addressed), which openpyxl refuses.
    handle = Path(xlsx).open("rb")  # noqa: SIM115 - closed in the finally below
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        handle.close()
        raise FazhiError(f"无法读取工作簿 {title}：{type(exc).__name__}") from exc
    check_printable(title, "电子表格资料的标题")
    story: list[Any] = []
    try:
        for sheet_index, sheet in enumerate(book.worksheets):
            check_cancel(cancel)
            if sheet_index:
                story.append(PageBreak())
            rows = [r for r in _sheet_rows(sheet, title) if any(r)]
            story += _sheet_story(st, title, sheet.title, rows)
    finally:
        book.close()
        handle.close()
    if not story:
        story.append(Paragraph(text(f"{title}（工作簿中没有工作表）"), st.body))
    pages = [0]

    def count(canvas: Any, doc: Any) -> None:
        pages[0] = canvas.getPageNumber()
        canvas.saveState()
        # Bottom left: the bundle stamps its pages at the bottom right.
        draw_string(canvas, MARGIN, 8 * mm, f"{title} · 第 {pages[0]} 页", st.serif, 8)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(out),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        initialFontName=st.serif,
    )
    doc.build(story, onFirstPage=count, onLaterPages=count)
    return pages[0]


@dataclass(frozen=True)
class _Styles:
    serif: str
    sans: str
    body: ParagraphStyle
    minor: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle


@lru_cache(maxsize=1)
def _styles() -> _Styles:
    """The sans face only, as the bundle's own pages: each CJK face costs time and memory to load."""
    from reportlab.lib.styles import ParagraphStyle

    names = font_names()
    ensure_fonts(names.sans)
    serif = sans = names.sans
    return _Styles(
        serif=serif,
        sans=sans,
        body=ParagraphStyle("xlsx_body", fontName=serif, fontSize=12, leading=21, wordWrap="CJK"),
        minor=ParagraphStyle(
            "xlsx_minor", fontName=sans, fontSize=11, leading=18, spaceBefore=8, spaceAfter=4, wordWrap="CJK"
        ),
        note=ParagraphStyle(
            "xlsx_note", fontName=serif, fontSize=9.5, leading=15, textColor=color("MUTED"), wordWrap="CJK"
        ),
        cell=ParagraphStyle("xlsx_cell", fontName=serif, fontSize=8.5, leading=12, wordWrap="CJK"),
    )


def _sheet_story(st: _Styles, title: str, sheet_name: str, rows: list[list[str]]) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    heading = Paragraph(text(f"{title} — 工作表“{sheet_name}”（{len(rows)} 行）"), st.minor)
    if not rows:
        return [heading, Paragraph("（空工作表）", st.note)]
    width = max(len(r) for r in rows)
    story: list[Any] = []
    usable = PAGE[0] - 2 * MARGIN
    for start in range(0, width, COLUMNS_PER_BAND):
        stop = min(start + COLUMNS_PER_BAND, width)
        band = (
            f"（第 {_column_letter(start + 1)}–{_column_letter(stop)} 列）"
            if width > COLUMNS_PER_BAND
            else ""
        )
        story.append(Paragraph(heading.text + text(band), st.minor))
        story.append(Spacer(1, 2))
        story.append(_band_table(st, rows, start, stop, usable))
    return story


def _band_table(st: _Styles, rows: list[list[str]], start: int, stop: int, usable: float) -> Any:
    from reportlab.platypus import LongTable, Paragraph, TableStyle

    count = stop - start
    lengths = [0] * count
    for row in rows[:200]:  # widths from a sample: enough to size columns, cheap on big sheets
        for i in range(count):
            value = row[start + i] if start + i < len(row) else ""
            lengths[i] = max(lengths[i], min(len(value), 40))
    number_width = 12 * mm
    weights = [max(n, 4) for n in lengths]
    total = sum(weights)
    widths = [(usable - number_width) * w / total for w in weights]
    style = st.cell
    data: list[list[Any]] = [["行", *(_column_letter(start + i + 1) for i in range(count))]]
    for row_number, row in enumerate(rows, start=1):
        cells: list[Any] = [str(row_number)]
        for i in range(count):
            value = row[start + i] if start + i < len(row) else ""
            if len(value) > MAX_CELL_CHARS:
                value = value[:MAX_CELL_CHARS] + f"……（单元格共 {len(value)} 字，此处截断）"
            # Plain strings are cheap; only text that may not fit its column gets a wrapping paragraph.
            fits = len(value) * 8.5 < widths[i] - 6 and "\n" not in value and printable(value)
            cells.append(value if fits else Paragraph(text(value), style))
        data.append(cells)
    table = LongTable(data, colWidths=[number_width, *widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                *grid_table_style(1, body_font=st.serif, header_font=st.sans),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("TEXTCOLOR", (0, 1), (0, -1), "#777777"),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
