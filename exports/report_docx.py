"""The 自评报告 as an editable Word document (python-docx): the same content as the PDF.

Offices edit before they sign, so this is a plain, well-structured document: built-in heading styles
(so Word's navigation pane works), East Asian fonts set through ``w:eastAsia`` (仿宋 body, 黑体 headings,
宋体 tables) with the template's theme fonts removed (in Word and WPS a theme font wins over the named
one), East Asian language zh-CN, A4 with the PDF's margins and type sizes, table header rows that repeat
on every page.

Page numbers follow the PDF: the cover is a section of its own and not counted; the footer is
``第 PAGE 页 共 SECTIONPAGES 页`` of the body section; the parts start on a new page where the PDF's do.
The table of contents is a TOC field whose shown result is written here — real entries with the pages
of the PDF layout (``report_pdf.report_outline``) — so WPS and a Word that does not update fields print
real entries, not a placeholder; Word's 更新域 rebuilds it from the headings.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.bundle import with_bundle_layout
from exports.common import atomic_output
from exports.printable import check_report_text
from exports.report_data import ReportData, area_key, format_date_cn, format_points
from exports.report_pdf import PART_PAGE_BREAKS, report_outline
from exports.report_text import (
    CAVEAT,
    DRAFT_MARK,
    INDEX_HEADERS,
    INDICATOR_HEADERS,
    NARRATIVE_GAP,
    PART_NARRATIVE,
    PART_TITLES,
    SIGN_OFF_LABELS,
    SIGN_OFF_STATEMENT,
    bonus_total_text,
    cn_ordinal,
    cover_score,
    draft_notice,
    evidence_index_intro,
    evidence_items,
    evidence_summary,
    findings_intro,
    index_label,
    index_row,
    indicator_cells,
    indicator_note,
    narrative_paragraphs,
    scheme_intro,
    summary_paragraphs,
    summary_rows,
    units_text,
    veto_statement,
)

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
RED = RGBColor(0xB8, 0x12, 0x0F)
GREY = RGBColor(0x66, 0x66, 0x66)


def render_report_docx(
    data: ReportData,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write the report as DOCX to ``out`` (all or nothing)."""
    check_report_text(data)
    data = with_bundle_layout(data, cancel)  # laid out once: the contents' pages and the index use it
    steps = len(PART_TITLES) + 2
    report(progress, 0, steps, "排版目录")
    outline, pages = report_outline(data, cancel)
    _OUTLINE.set((outline, pages))
    _HEADING_AT.set([0, 0])
    document = Document()
    _setup(document, data)
    report(progress, 1, steps, "封面")
    _cover(document, data)
    _contents(document, outline)
    builders = (
        _basic,
        _practices,
        _problems,
        _next_steps,
        _summary,
        _indicator_tables,
        _bonus,
        _veto,
        _scheme,
        _evidence_index,
        _sign_off,
        _findings,
    )
    for index, (title, build) in enumerate(zip(PART_TITLES, builders, strict=True)):
        check_cancel(cancel)
        report(progress, index + 2, steps, title)
        heading = _heading(document, title, 1)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if index in PART_PAGE_BREAKS:
            heading.paragraph_format.page_break_before = True
        build(document, data, cancel)
    check_cancel(cancel)
    with atomic_output(Path(out)) as temp:
        document.save(str(temp))
    report(progress, steps, steps, "完成")


# -- set-up ---------------------------------------------------------------------------------------


def _fonts(target: Any, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set Latin and East Asian fonts on a style or run (python-docx only sets w:ascii/w:hAnsi)."""
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


def _east_asian_defaults(document: Any) -> None:
    """Document defaults: named fonts (no theme fonts anywhere in styles.xml), language zh-CN."""
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


def _setup(document: Any, data: ReportData) -> None:
    section = document.sections[0]
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    # The PDF's margins and type sizes, so both lay out alike (pdf_style).
    section.top_margin = Mm(30)
    section.bottom_margin = Mm(28)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.footer_distance = Mm(12)
    section.header_distance = Mm(15)

    _east_asian_defaults(document)
    styles = document.styles
    normal = styles["Normal"]
    _fonts(normal, BODY_FONT, 12)
    normal.paragraph_format.line_spacing = Pt(21)
    normal.paragraph_format.space_after = Pt(0)
    for level, size in ((1, 16), (2, 14), (3, 12)):
        style = styles[f"Heading {level}"]
        _fonts(style, HEADING_FONT, size, bold=False)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(8 if level == 1 else 4)
        style.paragraph_format.line_spacing = Pt(26 if level == 1 else 22)
        style.paragraph_format.keep_with_next = True
    table_styles: tuple[tuple[str, float], ...] = (
        ("TableText", 9.5),
        ("TableSmall", 8.5),
        ("TableHead", 9.5),
    )
    for name, points in table_styles:
        table_style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        table_style.base_style = normal
        table_style.quick_style = False
        _fonts(table_style, HEADING_FONT if name == "TableHead" else TABLE_FONT, points)
        # Exact leading, as the PDF's cells (13.5 / 12 pt): the rows are as tall whatever font Word uses.
        table_style.paragraph_format.line_spacing = Pt(12 if name == "TableSmall" else 13.5)
        table_style.paragraph_format.first_line_indent = Pt(0)
        table_style.paragraph_format.space_before = Pt(0)
        table_style.paragraph_format.space_after = Pt(0)
    title = styles["Title"]
    _fonts(title, TITLE_FONT, 26, bold=True)
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word draws a border under the Title style by default; an official cover has none.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)

    core = document.core_properties
    core.title = data.title
    core.author = data.issuing_body
    core.subject = data.catalog.title
    core.comments = "由 fazhi 法治政府建设示范创建自评系统生成"

    # Fields are not marked for update on opening: the contents are written out already, and Word's
    # prompt would rebuild them from its own layout.


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, SECTIONPAGES …) Word computes when it lays out the document."""
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


def _page_number_footer(section: Any, total: int) -> None:
    """``第 X 页 共 Y 页`` of the body section, numbered from 1 (the cover is not counted, as in the PDF)."""
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
        _fonts(run, BODY_FONT, 10.5)
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.append(numbering)
    numbering.set(qn("w:start"), "1")


def _draft_header(section: Any, data: ReportData) -> None:
    """The running head: the title, and 草稿 in red while the report is a draft."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if data.is_draft:
        mark = paragraph.add_run(f"【{DRAFT_MARK}】")
        _fonts(mark, HEADING_FONT, 10.5, bold=True)
        mark.font.color.rgb = RED
    title = paragraph.add_run(data.title + ("（草稿）" if data.is_draft else ""))
    _fonts(title, BODY_FONT, 8)
    title.font.color.rgb = GREY


def _page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _para(
    document: Any, value: str, *, indent: bool = True, align: Any = None, size: float | None = None
) -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(value)
    if size is not None:
        _fonts(run, BODY_FONT, size)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(28)
    if align is not None:
        paragraph.alignment = align
    return paragraph


# -- cover and contents ---------------------------------------------------------------------------


def _cover(document: Any, data: ReportData) -> None:
    if data.is_draft:
        mark = _para(document, f"【{DRAFT_MARK}】", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        _fonts(mark.runs[0], HEADING_FONT, 16, bold=True)
        mark.runs[0].font.color.rgb = RED
    for _ in range(2):
        document.add_paragraph()
    for line in (data.county, "法治政府建设示范创建", "自评报告" + ("（草稿）" if data.is_draft else "")):
        document.add_paragraph(line, style="Title")
    _para(document, f"（依据《{data.catalog.title}》）", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()
    info = [
        ("申报单位", data.issuing_body),
        ("指标体系", data.catalog.title),
        ("自评年度", f"{data.year}年"),
        ("自评总分", cover_score(data)),
        ("报送日期", format_date_cn(data.date)),
    ]
    table = document.add_table(rows=len(info), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, info, strict=True):
        _cell_text(row.cells[0], label, font=HEADING_FONT, size=14)
        _cell_text(row.cells[1], value, size=14)
        row.cells[0].width = Mm(30)
        row.cells[1].width = Mm(110)
    caveat = _para(document, CAVEAT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=9.5)
    caveat.runs[0].font.color.rgb = GREY
    notice = draft_notice(data)
    if notice:
        line = _para(document, notice, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=9.5)
        line.runs[0].font.color.rgb = RED
    document.add_paragraph()
    seal = _para(document, "（盖章）", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    seal.runs[0].font.color.rgb = RED
    _para(document, data.issuing_body, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, format_date_cn(data.date), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    body = document.add_section(WD_SECTION.NEW_PAGE)
    _, total = _OUTLINE.get()
    _page_number_footer(body, total)
    _draft_header(body, data)


_OUTLINE: ContextVar[tuple[list[tuple[int, str, int, bool]], int]] = ContextVar("outline", default=([], 0))
#: Position in the outline while the headings are written, and the PDF page of the last one.
_HEADING_AT: ContextVar[list[int]] = ContextVar("heading_at")


def _heading(document: Any, title: str, level: int) -> Any:
    """A heading; one that starts a page in the PDF starts a page here too, so Word and WPS break pages
    where the PDF does (same sizes, margins and exact leading) and the contents' pages (the PDF's) hold."""
    heading = document.add_heading(title, level=level)
    outline, _ = _OUTLINE.get()
    at = _HEADING_AT.get([len(outline), 0])
    position = at[0]
    if position < len(outline) and outline[position][1] == title and outline[position][0] == level - 1:
        if position and outline[position][3]:
            heading.paragraph_format.page_break_before = True
        at[0] = position + 1
    return heading


def _toc_entry(document: Any, level: int, title: str, page: int, width_twips: int) -> Any:
    """One contents line: the title, a dot leader to a right tab, the page (as Word's TOC writes it)."""
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.left_indent = Pt((0, 14, 30)[min(level, 2)])
    fmt.line_spacing = Pt((20, 18, 16)[min(level, 2)])
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(width_twips))
    tabs.append(tab)
    paragraph._p.get_or_add_pPr().append(tabs)
    run = paragraph.add_run(f"{title}\t{page}")
    _fonts(run, HEADING_FONT if level == 0 else BODY_FONT, (12, 11, 10)[min(level, 2)])
    return paragraph


def _contents(document: Any, outline: list[tuple[int, str, int, bool]]) -> None:
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(heading.add_run("目　　录"), HEADING_FONT, 16)
    width = round((210 - 28 - 26) * _TWIPS_PER_MM)
    entries = [_toc_entry(document, level, title, page, width) for level, title, page, _ in outline]
    if entries:
        # A TOC field around the written entries: Word's 更新域 rebuilds it; until then (and in WPS)
        # the entries shown are these.
        first, last = entries[0], entries[-1]
        runs = []
        for kind in ("begin", "instr", "separate"):
            run = OxmlElement("w:r")
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = ' TOC \\o "1-3" \\h \\z \\u '
                run.append(instr)
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run.append(char)
            runs.append(run)
        ppr = first._p.find(qn("w:pPr"))
        anchor = ppr
        for run in runs:
            anchor.addnext(run)
            anchor = run
        end = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), "end")
        end.append(char)
        last._p.append(end)
    _page_break(document)


# -- tables ---------------------------------------------------------------------------------------


def _cell_text(
    cell: Any,
    value: str,
    *,
    font: str = TABLE_FONT,
    size: float = 10.5,
    bold: bool = False,
    color: RGBColor | None = None,
    align: Any = None,
) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(value)
    _fonts(run, font, size, bold=bold or None)
    if color is not None:
        run.font.color.rgb = color
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if align is not None:
        paragraph.alignment = align


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


# Big tables are written as WordprocessingML directly: python-docx's cell API costs about a millisecond
# per cell, which is minutes for an evidence index of thousands of rows.

_TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class _Cell:
    text: str
    center: bool = False
    span: int = 1
    fill: str = ""
    color: str = ""
    style: str = ""  # paragraph style id; the table's default when empty
    label: str = ""  # a bold lead-in (黑体) before the text


def _cell_xml(cell: _Cell, width: int, style: str, keep_next: bool) -> str:
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


def _add_table(
    document: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[_Cell]],
    widths_mm: Sequence[float],
    *,
    style: str = "TableText",
    keep_pairs: bool = False,
) -> None:
    """A ruled table with a repeating header row; ``keep_pairs`` keeps rows 1+2, 3+4 … on one page."""
    widths = [round(w * _TWIPS_PER_MM) for w in widths_mm]
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
        _cell_xml(_Cell(name, center=True, fill="E8E8E8", style="TableHead"), width, style, False)
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


def _grid_table(
    document: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    centered: Sequence[int] = (),
    style: str = "TableText",
) -> None:
    cells = [[_Cell(value, center=i in centered) for i, value in enumerate(row)] for row in rows]
    _add_table(document, headers, cells, widths_mm, style=style)


# -- parts ----------------------------------------------------------------------------------------


def _narrative(document: Any, data: ReportData, key: str) -> None:
    paragraphs = narrative_paragraphs(data, key)
    if not paragraphs:
        gap = _para(document, NARRATIVE_GAP, indent=False, size=9.5)
        gap.runs[0].font.color.rgb = RED
    for text in paragraphs:
        _para(document, text)


def _basic(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _narrative(document, data, PART_NARRATIVE[0])


def _practices(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    for position, area in enumerate(data.catalog.areas, start=1):
        _heading(document, f"{area.code}、{area.name}", 2)
        _narrative(document, data, area_key(position))


def _problems(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _narrative(document, data, PART_NARRATIVE[2])
    if data.findings:
        note = _para(document, f"报送前自查发现的 {len(data.findings)} 个问题见附录。", size=9.5)
        note.runs[0].font.color.rgb = GREY


def _next_steps(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _narrative(document, data, PART_NARRATIVE[3])


def _summary(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    caveat = _para(document, CAVEAT, indent=False, size=9.5)
    caveat.runs[0].font.color.rgb = RED
    for text in summary_paragraphs(data):
        _para(document, text)
    caption = _para(document, "表1　各一级指标自评得分", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _fonts(caption.runs[0], HEADING_FONT, 12)
    _grid_table(
        document,
        ("序号", "一级指标", "满分", "得分", "得分率"),
        summary_rows(data),
        (14, 80, 20, 20, 22),
        centered=(0, 2, 3, 4),
    )


def _indicator_tables(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    for area in data.catalog.areas:
        check_cancel(cancel)
        _heading(document, f"{area.code}、{area.name}", 2)
        area_score = data.score.area(area.code)
        if area_score:
            _para(
                document,
                f"本项共 {len(area.numbers)} 项三级指标，满分 {format_points(area_score.max)} 分，"
                f"自评得分 {format_points(area_score.score)} 分。",
            )
        for index, group in enumerate(area.groups, start=1):
            group_score = data.score.group(group.code)
            heading = _heading(document, f"（{cn_ordinal(index)}）{group.name}", 3)
            if group_score:
                suffix = heading.add_run(
                    f"（得分 {format_points(group_score.score)} / 满分 {format_points(group_score.max)}）"
                )
                _fonts(suffix, HEADING_FONT, 11)
                suffix.font.color.rgb = GREY
            rows: list[list[_Cell]] = []
            for number in group.numbers:
                indicator = data.catalog.indicator(number)
                level, points, comment = indicator_cells(data, indicator)
                label, listing, missing = evidence_summary(data, indicator)
                note = indicator_note(data, number)
                if note:
                    listing = f"{listing}\n自评说明：{note}"
                rows.append(
                    [
                        _Cell(str(number), center=True),
                        _Cell(indicator.text),
                        _Cell(units_text(indicator)),
                        _Cell(level, center=True, color="B8120F" if level == "未达标" else ""),
                        _Cell(points, center=True),
                        _Cell(comment),
                    ]
                )
                rows.append(
                    [
                        _Cell("", fill="F5F5F5"),
                        _Cell(
                            listing,
                            span=5,
                            fill="F5F5F5",
                            style="TableSmall",
                            label=f"{label}：",
                            color="B8120F" if missing else "",
                        ),
                    ]
                )
            _add_table(document, INDICATOR_HEADERS, rows, (10, 60, 26, 16, 16, 28), keep_pairs=True)


def _bonus(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    if not data.bonus:
        _para(document, "本指标体系未设加分项。")
        return
    rows = [
        [
            claim.id,
            claim.text,
            format_points(claim.max_points),
            format_points(claim.points),
            claim.note or ("未申报" if not claim.points else ""),
        ]
        for claim in data.bonus
    ]
    _grid_table(
        document,
        ("项目", "加分事项", "分值上限", "申报分值", "说明（证明文件）"),
        rows,
        (12, 76, 16, 16, 36),
        centered=(0, 2, 3),
    )
    _para(document, bonus_total_text(data))


def _veto(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    if not data.veto:
        _para(document, "本指标体系未设否决项。")
        return
    rows = [[v.id, v.text, v.conclusion, v.note] for v in data.veto]
    _grid_table(document, ("项目", "否决情形", "自查结论", "说明"), rows, (12, 92, 20, 32), centered=(0, 2))
    for line in veto_statement(data):
        _para(document, line)


def _findings(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _para(document, findings_intro(data))
    if not data.findings:
        return
    rows = [
        [str(i), f.severity, f.indicator or "—", f.unit or "—", f.message]
        for i, f in enumerate(data.findings, start=1)
    ]
    _grid_table(
        document,
        ("序号", "类别", "指标", "责任单位", "问题说明"),
        rows,
        (12, 14, 14, 30, 86),
        centered=(0, 1, 2),
    )


def _scheme(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _para(document, scheme_intro(data))
    for i, line in enumerate(data.scheme_lines, start=1):
        _para(document, f"{i}. {line}")
    if data.disclaimer:
        _para(document, data.disclaimer)


def _evidence_index(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _para(document, evidence_index_intro(data))
    widths = (10, 52, 30, 9, 12, 22, 25)
    for area in data.catalog.areas:
        check_cancel(cancel)
        document.add_heading(f"{area.code}、{area.name}", level=2)
        for number in area.numbers:
            indicator = data.catalog.indicator(number)
            if number != indicator.evidence_group[0]:
                continue
            items = evidence_items(data, indicator)
            label = index_label(indicator)
            if not items:
                _para(
                    document,
                    f"{label}：暂无资料" + ("（实地核查）" if indicator.onsite else ""),
                    indent=False,
                )
                continue
            caption = _para(document, f"{label}（{len(items)} 件）", indent=False)
            _fonts(caption.runs[0], HEADING_FONT, 12)
            caption.paragraph_format.keep_with_next = True
            rows = [index_row(data, item) for item in items]
            _grid_table(document, INDEX_HEADERS, rows, widths, centered=(3, 4, 5), style="TableSmall")


def _sign_off(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _para(document, SIGN_OFF_STATEMENT)
    values = {"自评单位（盖章）": data.issuing_body, "日期": "　　　　年　　月　　日"}
    table = document.add_table(rows=len(SIGN_OFF_LABELS), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, label in zip(table.rows, SIGN_OFF_LABELS, strict=True):
        row.height = Mm(15)
        _cell_text(row.cells[0], label, font=HEADING_FONT, size=12)
        _shade(row.cells[0], "F5F5F5")
        _cell_text(row.cells[1], values.get(label, ""), size=12)
        row.cells[0].width = Mm(45)
        row.cells[1].width = Mm(111)
