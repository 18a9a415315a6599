"""The Word building blocks of the DOCX 自评报告: East Asian fonts (with the theme fonts removed, since in
Word and WPS a theme font wins over the named one), fields and the page-number footer, paragraphs, page
breaks, and tables written as XML rows whose header rows repeat on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

BODY_FONT = "仿宋"


HEADING_FONT = "黑体"


TABLE_FONT = "宋体"


TITLE_FONT = "宋体"


LATIN_FONT = "Times New Roman"


#: Colours as hex (``rgb`` makes python-docx's value: python-docx loads only when a DOCX is written,
#: so the commands that never write one, the bundle say, do not pay for it and lxml).
RED = "B8120F"


GREY = "666666"


BLACK = "000000"


_NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


def qn(tag: str) -> str:
    """Clark notation of a prefixed tag (``w:rFonts`` → ``{…/main}rFonts``), as ``docx.oxml.ns.qn``."""
    prefix, local = tag.split(":", 1)
    return f"{{{_NAMESPACES[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    return " ".join(f'xmlns:{prefix}="{_NAMESPACES[prefix]}"' for prefix in prefixes)


def rgb(hex_value: str) -> Any:
    """python-docx's colour for ``RRGGBB``."""
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_value)


def set_fonts(target: Any, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set Latin and East Asian fonts on a style or run (python-docx only sets w:ascii/w:hAnsi)."""
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    font = target.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attribute), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asian)
    _drop_theme_fonts(rfonts)


_THEME_ATTRIBUTES = tuple(
    qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
)


def _drop_theme_fonts(rfonts: Any) -> None:
    """A theme font (``w:eastAsiaTheme`` …) overrides the named font in Word and WPS: remove it."""
    for attribute in _THEME_ATTRIBUTES:
        if rfonts.get(attribute) is not None:
            del rfonts.attrib[attribute]


def east_asian_defaults(document: Any) -> None:
    """Document defaults: named fonts (no theme fonts anywhere in styles.xml), language zh-CN."""
    from docx.oxml import OxmlElement

    styles_element = document.styles.element
    for rfonts in styles_element.iter(qn("w:rFonts")):
        _drop_theme_fonts(rfonts)
    defaults = styles_element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attribute), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, SECTIONPAGES …) Word computes when it lays out the document."""
    from docx.oxml import OxmlElement

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(begin)
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(separate)
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(end)


def page_number_footer(section: Any, total: int) -> None:
    """``第 X 页 共 Y 页`` of the body section, numbered from 1 (the cover is not counted, as in the PDF)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    section.footer.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" 页  共 ")
    _field(paragraph, "SECTIONPAGES", str(total))
    paragraph.add_run(" 页")
    for run in paragraph.runs:
        set_fonts(run, BODY_FONT, 10.5)
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.append(numbering)
    numbering.set(qn("w:start"), "1")


def page_break(document: Any) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def para(
    document: Any, value: str, *, indent: bool = True, align: Any = None, size: float | None = None
) -> Any:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    run = paragraph.add_run(value)
    if size is not None:
        set_fonts(run, BODY_FONT, size)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(28)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def cell_text(
    cell: Any,
    value: str,
    *,
    font: str = TABLE_FONT,
    size: float = 10.5,
    bold: bool = False,
    color: str | None = None,  # RRGGBB
    align: Any = None,
) -> None:
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(value)
    set_fonts(run, font, size, bold=bold or None)
    if color is not None:
        run.font.color.rgb = rgb(color)
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if align is not None:
        paragraph.alignment = align


def shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement

    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Cell:
    text: str
    center: bool = False
    span: int = 1
    fill: str = ""
    color: str = ""
    style: str = ""  # paragraph style id; the table's default when empty
    label: str = ""  # a bold lead-in (黑体) before the text


def _cell_xml(cell: Cell, width: int, style: str, keep_next: bool) -> str:
    tc_pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.span > 1:
        tc_pr += f'<w:gridSpan w:val="{cell.span}"/>'
    if cell.fill:
        tc_pr += f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>'
    tc_pr += '<w:vAlign w:val="center"/>'
    p_pr = f'<w:pStyle w:val="{cell.style or style}"/>'
    if keep_next:
        p_pr += "<w:keepNext/>"
    if cell.center:
        p_pr += '<w:jc w:val="center"/>'
    runs = ""
    if cell.label:
        runs += (
            f'<w:r><w:rPr><w:rFonts w:eastAsia="{HEADING_FONT}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(cell.label)}</w:t></w:r>'
        )
    color = f'<w:rPr><w:color w:val="{cell.color}"/></w:rPr>' if cell.color else ""
    for index, line in enumerate(cell.text.split("\n")):
        runs += (
            f'<w:r>{color}{"<w:br/>" if index else ""}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
        )
    return f"<w:tc><w:tcPr>{tc_pr}</w:tcPr><w:p><w:pPr>{p_pr}</w:pPr>{runs}</w:p></w:tc>"


def add_table(
    document: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths_mm: Sequence[float],
    *,
    style: str = "TableText",
    keep_pairs: bool = False,
) -> None:
    """A ruled table with a repeating header row; ``keep_pairs`` keeps rows 1+2, 3+4 … on one page."""
    from docx.oxml import parse_xml

    widths = [round(w * TWIPS_PER_MM) for w in widths_mm]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
    ]
    parts += [
        _cell_xml(Cell(name, center=True, fill="E8E8E8", style="TableHead"), width, style, False)
        for name, width in zip(headers, widths, strict=True)
    ]
    parts.append("</w:tr>")
    for row_index, row in enumerate(rows):
        keep_next = keep_pairs and row_index % 2 == 0
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        column = 0
        for cell in row:
            width = sum(widths[column : column + cell.span])
            parts.append(_cell_xml(cell, width, style, keep_next))
            column += cell.span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    table = parse_xml("".join(parts))
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    if section is not None:
        section.addprevious(table)
    else:
        body.append(table)


def grid_table(
    document: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    centered: Sequence[int] = (),
    style: str = "TableText",
) -> None:
    cells = [[Cell(value, center=i in centered) for i, value in enumerate(row)] for row in rows]
    add_table(document, headers, cells, widths_mm, style=style)
