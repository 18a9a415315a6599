"""Realistic-looking evidence documents for the demo county: 红头文件-style PDFs, scanned pages, XLSX 台账.

Only the demo and the tests use these; they are deterministic for a given seed so a demo project is the
same every time it is built.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from exports.fonts import SANS_REGULAR, register_reportlab_fonts


def _styles() -> dict[str, ParagraphStyle]:
    names = register_reportlab_fonts()
    return {
        "red": ParagraphStyle(
            "red", fontName=names.sans_bold, fontSize=22, leading=30, alignment=1, textColor=colors.red
        ),
        "title": ParagraphStyle("title", fontName=names.sans_bold, fontSize=16, leading=24, alignment=1),
        "number": ParagraphStyle("number", fontName=names.serif, fontSize=11, leading=16, alignment=1),
        "body": ParagraphStyle(
            "body", fontName=names.serif, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK"
        ),
        "cell": ParagraphStyle("cell", fontName=names.serif, fontSize=9, leading=12, wordWrap="CJK"),
        "sign": ParagraphStyle("sign", fontName=names.serif, fontSize=12, leading=20, alignment=2),
    }


def _scanned_page(text_lines: Sequence[str], rng: random.Random) -> Image:
    """A grey, slightly rotated page image with text, like a scanned signed document."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFilter, ImageFont

    width, height = 1240, 1754  # A4 at 150 dpi
    page = PILImage.new("L", (width, height), 245)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(SANS_REGULAR), 34)
    y = 160
    for line in text_lines:
        draw.text((140, y), line, fill=30, font=font)
        y += 62
    # A red-ish stamp circle rendered in grey, then speckle noise and a slight skew.
    draw.ellipse((820, y + 40, 1080, y + 300), outline=90, width=8)
    for _ in range(4000):
        draw.point((rng.randrange(width), rng.randrange(height)), fill=rng.randrange(150, 230))
    page = page.rotate(rng.uniform(-0.8, 0.8), fillcolor=235).filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=55)
    buffer.seek(0)
    # Fits the body frame of make_document_pdf's margins (about 150 × 235 mm).
    shown_width = 145 * mm
    return Image(buffer, width=shown_width, height=shown_width * height / width)


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
        rows = [[Paragraph(str(cell), styles["cell"]) for cell in row] for row in table]
        grid = Table(rows, repeatRows=1, hAlign="CENTER")
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story.append(grid)
    story.extend([Spacer(1, 10 * mm), Paragraph(issuer, styles["sign"])])
    if date_text:
        story.append(Paragraph(date_text, styles["sign"]))
    for index in range(scanned_pages):
        story.append(PageBreak())
        story.append(_scanned_page([title, f"（扫描件 第 {index + 1} 页）", *paragraphs[:8]], rng))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=30 * mm,
        bottomMargin=25 * mm,
        title=title,
        author=issuer,
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
