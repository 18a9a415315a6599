"""Realistic-looking evidence documents for the demo county: 红头文件-style PDFs, scanned pages, XLSX 台账.

Only the demo and the tests use these; they are deterministic for a given seed so a demo project is the
same every time it is built. They are also cheap: the demo makes well over a hundred of them, so the
fonts, styles and the scanned page's background are made once per process and reused.
"""

from __future__ import annotations

import functools
import io
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from exports.fonts import FONT_NAMES, SANS_REGULAR, register_reportlab_fonts

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

# The page frame of make_document_pdf (A4 less its margins).
_LEFT, _RIGHT, _TOP, _BOTTOM = 28 * mm, 26 * mm, 30 * mm, 25 * mm
_FRAME_WIDTH = A4[0] - _LEFT - _RIGHT
_CELL_FONT_SIZE = 9
_CELL_PADDING = 8  # points: reportlab's default 3 + 3, plus a little air

# Scanned pages: 110 dpi looks like an office scanner's "fast" setting and keeps the images small.
_SCAN_DPI = 110
_SCAN_SIZE = (round(210 / 25.4 * _SCAN_DPI), round(297 / 25.4 * _SCAN_DPI))
_SCAN_MARGIN = round(25 / 25.4 * _SCAN_DPI)
_SCAN_HEADER_HEIGHT = round(60 / 25.4 * _SCAN_DPI)  # title block: the only part drawn per document
# Unit-circle points of a five-pointed star (outer and inner corners), for the stamp.
_STAR = tuple(
    (
        (1.0 if k % 2 == 0 else 0.4) * math.sin(k * math.pi / 5),
        (1.0 if k % 2 == 0 else 0.4) * math.cos(k * math.pi / 5),
    )
    for k in range(10)
)
_SIGNERS = (
    ("王建国", "办公室", "主任"),
    ("李秀兰", "法规股", "股长"),
    ("张志强", "执法监督股", "副股长"),
    ("刘晓燕", "综合股", "科员"),
    ("陈立新", "法规股", "科员"),
    ("杨海涛", "办公室", "副主任"),
    ("赵春梅", "执法监督股", "科员"),
    ("郭文斌", "综合股", "股长"),
)


@functools.cache
def _fonts() -> tuple[str, str]:
    """(serif, sans bold): only the two faces a document uses are registered, since parsing each
    TrueType file costs a tenth of a second."""
    register_reportlab_fonts(FONT_NAMES.serif, FONT_NAMES.sans_bold)
    return FONT_NAMES.serif, FONT_NAMES.sans_bold


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    serif, sans_bold = _fonts()
    return {
        "red": ParagraphStyle(
            "red", fontName=sans_bold, fontSize=22, leading=30, alignment=1, textColor=colors.red
        ),
        "title": ParagraphStyle("title", fontName=sans_bold, fontSize=16, leading=24, alignment=1),
        "number": ParagraphStyle("number", fontName=serif, fontSize=11, leading=16, alignment=1),
        "body": ParagraphStyle(
            "body", fontName=serif, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK"
        ),
        "cell": ParagraphStyle("cell", fontName=serif, fontSize=_CELL_FONT_SIZE, leading=12, wordWrap="CJK"),
        "sign": ParagraphStyle("sign", fontName=serif, fontSize=12, leading=20, alignment=2),
    }


def _table(rows: Sequence[Sequence[str]]) -> Table:
    """A ruled table with a grey header row. Cells are plain strings when every column fits at its
    natural width (laying out a Paragraph per cell costs more than the rest of the page)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    serif, _bold = _fonts()
    texts = [[str(cell) for cell in row] for row in rows]
    columns = max(len(row) for row in texts)
    natural = [
        max((stringWidth(row[i], serif, _CELL_FONT_SIZE) for row in texts if i < len(row)), default=0.0)
        + _CELL_PADDING
        for i in range(columns)
    ]
    data: list[list[object]]
    if sum(natural) <= _FRAME_WIDTH:
        spare = (_FRAME_WIDTH - sum(natural)) / columns
        widths: list[float] | None = [w + spare for w in natural]
        data = [list(row) for row in texts]
    else:
        widths = None
        styles = _styles()
        data = [[Paragraph(cell, styles["cell"]) for cell in row] for row in texts]
    grid = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), serif),
                ("FONTSIZE", (0, 0), (-1, -1), _CELL_FONT_SIZE),
                ("LEADING", (0, 0), (-1, -1), 12),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return grid


# -- scanned pages ------------------------------------------------------------------------------------


@functools.cache
def _scan_font(size: int) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(SANS_REGULAR), size)


def _signature(draw: ImageDraw, x: int, y: int, rng: random.Random) -> None:
    """A few connected strokes that read as a handwritten signature at scanner resolution."""
    points = [
        (x + step * 9 + rng.randint(-3, 3), y + rng.randint(-9, 9)) for step in range(rng.randint(7, 12))
    ]
    draw.line(points, fill=rng.randrange(20, 70), width=2, joint="curve")


@functools.cache
def _scan_background() -> PILImage:
    """The scanned page below its title block: a signed sign-off sheet with a stamp, paper speckle and
    scanner blur. The same for every document (rendering CJK text and blurring a page is what costs),
    so it is made once per process from a fixed seed."""
    from PIL import Image as PILImageModule
    from PIL import ImageDraw, ImageFilter

    rng = random.Random(20230)
    width, height = _SCAN_SIZE
    page = PILImageModule.new("L", (width, height), 245)
    draw = ImageDraw.Draw(page)
    text = _scan_font(22)
    small = _scan_font(18)
    left, right = _SCAN_MARGIN, width - _SCAN_MARGIN
    y = _SCAN_MARGIN + _SCAN_HEADER_HEIGHT
    draw.text((left, y), "领导签批意见：", fill=30, font=text)
    draw.text((left + 40, y + 44), "同意上报，请法规股按要求整理归档。", fill=45, font=text)
    _signature(draw, right - 200, y + 100, rng)
    y += 170
    draw.text((left, y), "经办科室会签：", fill=30, font=text)
    y += 44
    headers = ("序号", "姓名", "科室", "职务", "签字")
    widths = (60, 130, 170, 120, right - left - 480)
    row_height = 46
    rows = len(_SIGNERS) + 1
    for row in range(rows + 1):
        draw.line((left, y + row * row_height, right, y + row * row_height), fill=60, width=2)
    x = left
    for column_width in (*widths, 0):
        draw.line((x, y, x, y + rows * row_height), fill=60, width=2)
        x += column_width
    for row, values in enumerate((headers, *((str(n), *s) for n, s in enumerate(_SIGNERS, 1)))):
        x = left
        for column, value in enumerate(values):
            draw.text((x + 10, y + row * row_height + 12), value, fill=35, font=small)
            x += widths[column]
        if row:
            _signature(draw, left + sum(widths[:-1]) + 20, y + row * row_height + 24, rng)
    y += rows * row_height + 60
    # The office's round stamp (red on paper, grey in a greyscale scan).
    cx, cy, radius = right - 170, y + 110, 105
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=95, width=7)
    star = [(cx + 32 * sin, cy - 32 * cos) for sin, cos in _STAR]
    draw.polygon(star, fill=110)
    draw.text((left, y + 60), "（本页为原件扫描件，与原件一致）", fill=70, font=small)
    for _ in range(1500):
        draw.point((rng.randrange(width), rng.randrange(height)), fill=rng.randrange(150, 230))
    return page.filter(ImageFilter.GaussianBlur(0.6))


def _wrap(text: str, font: FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for char in text:
        if line and font.getlength(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


def _scanned_page(text_lines: Sequence[str], rng: random.Random) -> Image:
    """A grey, slightly rotated page image like a scanned signed sign-off sheet; only the title block
    (``text_lines``) is drawn per document, on the shared background."""
    from PIL import ImageDraw, ImageFilter

    page = _scan_background().copy()
    width, _height = _SCAN_SIZE
    box = (_SCAN_MARGIN, _SCAN_MARGIN, width - _SCAN_MARGIN, _SCAN_MARGIN + _SCAN_HEADER_HEIGHT)
    block = page.crop(box)
    draw = ImageDraw.Draw(block)
    title, rest = _scan_font(28), _scan_font(20)
    y = 10
    for index, line in enumerate(text_lines):
        font, step = (title, 46) if index == 0 else (rest, 34)
        for part in _wrap(line, font, box[2] - box[0]):
            if y + step > _SCAN_HEADER_HEIGHT:
                break  # a title too long for the block is cut, as a scan of a full page would be
            draw.text((0, y), part, fill=30, font=font)
            y += step
    page.paste(block.filter(ImageFilter.GaussianBlur(0.6)), box[:2])
    page = page.rotate(rng.uniform(-0.8, 0.8), fillcolor=235)
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=55)
    buffer.seek(0)
    # Fits the body frame of make_document_pdf's margins (about 150 × 235 mm).
    shown_width = 145 * mm
    return Image(buffer, width=shown_width, height=shown_width * _SCAN_SIZE[1] / _SCAN_SIZE[0])


# -- documents ----------------------------------------------------------------------------------------


def make_document_pdf(
    path: Path,
    *,
    issuer: str,
    title: str,
    doc_number: str,
    paragraphs: Sequence[str],
    table: Sequence[Sequence[str]] | None = None,
    scanned_pages: int = 0,
    date_text: str = "",
    seed: int = 0,
) -> Path:
    """A 红头文件-style PDF: red issuer line, number, title, body, optional table and scanned pages."""
    styles = _styles()
    rng = random.Random(seed)
    story: list[object] = [
        Paragraph(f"{issuer}文件", styles["red"]),
        Spacer(1, 4 * mm),
        Paragraph(doc_number, styles["number"]),
        Spacer(1, 8 * mm),
        Paragraph(title, styles["title"]),
        Spacer(1, 6 * mm),
    ]
    story.extend(Paragraph(p, styles["body"]) for p in paragraphs)
    if table:
        story.append(Spacer(1, 4 * mm))
        story.append(_table(table))
    story.extend([Spacer(1, 10 * mm), Paragraph(issuer, styles["sign"])])
    if date_text:
        story.append(Paragraph(date_text, styles["sign"]))
    for index in range(scanned_pages):
        story.append(PageBreak())
        header = [title, f"{issuer}（扫描件 第 {index + 1} 页）"]
        if date_text:
            header.append(date_text)
        story.append(_scanned_page(header, rng))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=_LEFT,
        rightMargin=_RIGHT,
        topMargin=_TOP,
        bottomMargin=_BOTTOM,
        title=title,
        author=issuer,
        # Without it every page names the unembedded Helvetica (reportlab's initial font), and an
        # evidence bundle made of these pages could not be PDF/A.
        initialFontName=_fonts()[0],
    )
    doc.build(story)
    return path


def make_ledger_xlsx(
    path: Path, *, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]
) -> Path:
    """An XLSX 台账 with a merged title row, bold headers and column widths, like a county ledger."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "台账"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(list(headers))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=2, column=index).column_letter
        sheet.column_dimensions[letter].width = max(10, min(40, len(str(header)) * 2 + 4))
    sheet.freeze_panes = "A3"
    book.save(path)
    return path
