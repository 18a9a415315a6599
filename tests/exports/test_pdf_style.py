"""The fast table cells of ``exports.pdf_style``: strings broken into lines exactly where a CJK Paragraph
breaks them, drawn at the same places, and Paragraphs that wrap once per width."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from exports.pdf_style import CELL_PADDING, MemoParagraph, grid_table_style, plain_lines, styles, text

TEXTS = [
    "县司法局",
    "关于印发《某某县重大行政决策程序规定》的通知（县政办发〔2023〕12号）。",
    "12-345_2023年度行政规范性文件合法性审核意见书（第 345 号）.pdf",
    "Annual report on administrative law enforcement supervision 2023 final version.pdf",
    "行政执法“三项制度”落实情况，执法公示、执法全过程记录、重大执法决定法制审核。",
    "Averyveryveryverylongwordwithoutanyspacesthatmustbecutsomewhereinthemiddle.pdf",
    "一一一一一一一一一一一一一。",  # a full stop may not start a line: it hangs at the end
]


@pytest.mark.parametrize("value", TEXTS)
@pytest.mark.parametrize("width", [45.0, 80.0, 160.0])
def test_lines_break_where_a_paragraph_breaks_them(value: str, width: float) -> None:
    style = styles().cell_small
    paragraph = Paragraph(text(value), style)
    paragraph.wrap(width - CELL_PADDING, 10_000)
    expected = [" ".join(words) for _, words in paragraph.blPara.lines]
    lines = plain_lines(value, style.fontName, style.fontSize, width)
    assert lines is not None and lines.split("\n") == expected


@pytest.mark.parametrize("value", ["", "  leading space", "two  spaces", "line\nbreak", "soft\xadhyphen"])
def test_text_a_string_cannot_carry_needs_a_paragraph(value: str) -> None:
    style = styles().cell_small
    assert plain_lines(value, style.fontName, style.fontSize, 100) is None


def _draw_table(cell: object, commands: list[tuple[object, ...]]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=styles().fonts.serif)
    table = Table([["编号", cell, "3"]], colWidths=[40, 90, 40])
    table.setStyle(TableStyle([*grid_table_style(0), *commands]))
    table.wrapOn(canvas, 400, 400)
    table.drawOn(canvas, 60, 600)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _glyph_positions(pdf: bytes) -> list[tuple[str, float, float]]:
    found: list[tuple[str, float, float]] = []

    def visit(value: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if value.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((value.strip(), round(x, 2), round(y, 2)))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return sorted(found, key=lambda item: (-item[2], item[1]))


def test_a_string_cell_draws_its_lines_where_the_paragraph_draws_them() -> None:
    style = styles().cell_small
    value = TEXTS[1]
    as_paragraph = _draw_table(Paragraph(text(value), style), [])
    lines = plain_lines(value, style.fontName, style.fontSize, 90)
    assert lines is not None and lines.count("\n") >= 2
    as_string = _draw_table(
        lines,
        [
            ("FONTNAME", (1, 0), (1, 0), style.fontName),
            ("FONTSIZE", (1, 0), (1, 0), style.fontSize),
            ("LEADING", (1, 0), (1, 0), style.leading),
        ],
    )
    assert _glyph_positions(as_string) == _glyph_positions(as_paragraph)


def test_memo_paragraph_wraps_once_per_width() -> None:
    style = styles().cell
    paragraph = MemoParagraph(text(TEXTS[4]), style)
    first = paragraph.wrap(80, 1000)
    lines = paragraph.blPara
    assert paragraph.wrap(80, 500) == first and paragraph.blPara is lines
    wider = paragraph.wrap(300, 1000)
    assert wider[1] < first[1] and paragraph.blPara is not lines
    assert paragraph.wrap(80, 1000) == first
    plain = Paragraph(text(TEXTS[4]), style)
    assert plain.wrap(80, 1000) == first
