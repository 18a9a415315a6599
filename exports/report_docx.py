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

from contextvars import ContextVar
from pathlib import Path
from typing import Any

from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.bundle import with_bundle_layout
from exports.common import atomic_output
from exports.docx_style import (
    BLACK,
    BODY_FONT,
    GREY,
    HEADING_FONT,
    RED,
    TABLE_FONT,
    TITLE_FONT,
    TWIPS_PER_MM,
    Cell,
    add_table,
    cell_text,
    east_asian_defaults,
    grid_table,
    page_break,
    page_number_footer,
    para,
    qn,
    rgb,
    set_fonts,
    shade,
)
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


def render_report_docx(
    data: ReportData,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write the report as DOCX to ``out`` (all or nothing)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

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


def _setup(document: Any, data: ReportData) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

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

    east_asian_defaults(document)
    styles = document.styles
    normal = styles["Normal"]
    set_fonts(normal, BODY_FONT, 12)
    normal.paragraph_format.line_spacing = Pt(21)
    normal.paragraph_format.space_after = Pt(0)
    for level, size in ((1, 16), (2, 14), (3, 12)):
        style = styles[f"Heading {level}"]
        set_fonts(style, HEADING_FONT, size, bold=False)
        style.font.color.rgb = rgb(BLACK)
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
        set_fonts(table_style, HEADING_FONT if name == "TableHead" else TABLE_FONT, points)
        # Exact leading, as the PDF's cells (13.5 / 12 pt): the rows are as tall whatever font Word uses.
        table_style.paragraph_format.line_spacing = Pt(12 if name == "TableSmall" else 13.5)
        table_style.paragraph_format.first_line_indent = Pt(0)
        table_style.paragraph_format.space_before = Pt(0)
        table_style.paragraph_format.space_after = Pt(0)
    title = styles["Title"]
    set_fonts(title, TITLE_FONT, 26, bold=True)
    title.font.color.rgb = rgb(BLACK)
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


def _draft_header(section: Any, data: ReportData) -> None:
    """The running head: the title, and 草稿 in red while the report is a draft."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if data.is_draft:
        mark = paragraph.add_run(f"【{DRAFT_MARK}】")
        set_fonts(mark, HEADING_FONT, 10.5, bold=True)
        mark.font.color.rgb = rgb(RED)
    title = paragraph.add_run(data.title + ("（草稿）" if data.is_draft else ""))
    set_fonts(title, BODY_FONT, 8)
    title.font.color.rgb = rgb(GREY)


# -- cover and contents ---------------------------------------------------------------------------


def _cover(document: Any, data: ReportData) -> None:
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    if data.is_draft:
        mark = para(document, f"【{DRAFT_MARK}】", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        set_fonts(mark.runs[0], HEADING_FONT, 16, bold=True)
        mark.runs[0].font.color.rgb = rgb(RED)
    for _ in range(2):
        document.add_paragraph()
    for line in (data.county, "法治政府建设示范创建", "自评报告" + ("（草稿）" if data.is_draft else "")):
        document.add_paragraph(line, style="Title")
    para(document, f"（依据《{data.catalog.title}》）", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
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
        cell_text(row.cells[0], label, font=HEADING_FONT, size=14)
        cell_text(row.cells[1], value, size=14)
        row.cells[0].width = Mm(30)
        row.cells[1].width = Mm(110)
    caveat = para(document, CAVEAT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=9.5)
    caveat.runs[0].font.color.rgb = rgb(GREY)
    notice = draft_notice(data)
    if notice:
        line = para(document, notice, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=9.5)
        line.runs[0].font.color.rgb = rgb(RED)
    document.add_paragraph()
    seal = para(document, "（盖章）", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    seal.runs[0].font.color.rgb = rgb(RED)
    para(document, data.issuing_body, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(document, format_date_cn(data.date), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    body = document.add_section(WD_SECTION.NEW_PAGE)
    _, total = _OUTLINE.get()
    page_number_footer(body, total)
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
    from docx.oxml import OxmlElement
    from docx.shared import Pt

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
    set_fonts(run, HEADING_FONT if level == 0 else BODY_FONT, (12, 11, 10)[min(level, 2)])
    return paragraph


def _contents(document: Any, outline: list[tuple[int, str, int, bool]]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_fonts(heading.add_run("目　　录"), HEADING_FONT, 16)
    width = round((210 - 28 - 26) * TWIPS_PER_MM)
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
    page_break(document)


# -- tables ---------------------------------------------------------------------------------------


# Big tables are written as WordprocessingML directly: python-docx's cell API costs about a millisecond
# per cell, which is minutes for an evidence index of thousands of rows.


# -- parts ----------------------------------------------------------------------------------------


def _narrative(document: Any, data: ReportData, key: str) -> None:
    paragraphs = narrative_paragraphs(data, key)
    if not paragraphs:
        gap = para(document, NARRATIVE_GAP, indent=False, size=9.5)
        gap.runs[0].font.color.rgb = rgb(RED)
    for text in paragraphs:
        para(document, text)


def _basic(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _narrative(document, data, PART_NARRATIVE[0])


def _practices(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    for position, area in enumerate(data.catalog.areas, start=1):
        _heading(document, f"{area.code}、{area.name}", 2)
        _narrative(document, data, area_key(position))


def _problems(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _narrative(document, data, PART_NARRATIVE[2])
    if data.findings:
        note = para(document, f"报送前自查发现的 {len(data.findings)} 个问题见附录。", size=9.5)
        note.runs[0].font.color.rgb = rgb(GREY)


def _next_steps(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    _narrative(document, data, PART_NARRATIVE[3])


def _summary(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    caveat = para(document, CAVEAT, indent=False, size=9.5)
    caveat.runs[0].font.color.rgb = rgb(RED)
    for text in summary_paragraphs(data):
        para(document, text)
    caption = para(document, "表1　各一级指标自评得分", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    set_fonts(caption.runs[0], HEADING_FONT, 12)
    grid_table(
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
            para(
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
                set_fonts(suffix, HEADING_FONT, 11)
                suffix.font.color.rgb = rgb(GREY)
            rows: list[list[Cell]] = []
            for number in group.numbers:
                indicator = data.catalog.indicator(number)
                level, points, comment = indicator_cells(data, indicator)
                label, listing, missing = evidence_summary(data, indicator)
                note = indicator_note(data, number)
                if note:
                    listing = f"{listing}\n自评说明：{note}"
                rows.append(
                    [
                        Cell(str(number), center=True),
                        Cell(indicator.text),
                        Cell(units_text(indicator)),
                        Cell(level, center=True, color="B8120F" if level == "未达标" else ""),
                        Cell(points, center=True),
                        Cell(comment),
                    ]
                )
                rows.append(
                    [
                        Cell("", fill="F5F5F5"),
                        Cell(
                            listing,
                            span=5,
                            fill="F5F5F5",
                            style="TableSmall",
                            label=f"{label}：",
                            color="B8120F" if missing else "",
                        ),
                    ]
                )
            add_table(document, INDICATOR_HEADERS, rows, (10, 60, 26, 16, 16, 28), keep_pairs=True)


def _bonus(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    if not data.bonus:
        para(document, "本指标体系未设加分项。")
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
    grid_table(
        document,
        ("项目", "加分事项", "分值上限", "申报分值", "说明（证明文件）"),
        rows,
        (12, 76, 16, 16, 36),
        centered=(0, 2, 3),
    )
    para(document, bonus_total_text(data))


def _veto(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    if not data.veto:
        para(document, "本指标体系未设否决项。")
        return
    rows = [[v.id, v.text, v.conclusion, v.note] for v in data.veto]
    grid_table(document, ("项目", "否决情形", "自查结论", "说明"), rows, (12, 92, 20, 32), centered=(0, 2))
    for line in veto_statement(data):
        para(document, line)


def _findings(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    para(document, findings_intro(data))
    if not data.findings:
        return
    rows = [
        [str(i), f.severity, f.indicator or "—", f.unit or "—", f.message]
        for i, f in enumerate(data.findings, start=1)
    ]
    grid_table(
        document,
        ("序号", "类别", "指标", "责任单位", "问题说明"),
        rows,
        (12, 14, 14, 30, 86),
        centered=(0, 1, 2),
    )


def _scheme(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    para(document, scheme_intro(data))
    for i, line in enumerate(data.scheme_lines, start=1):
        para(document, f"{i}. {line}")
    for question in data.open_questions:
        para(document, question)
    if data.disclaimer:
        para(document, data.disclaimer)


def _evidence_index(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    para(document, evidence_index_intro(data))
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
                para(
                    document,
                    f"{label}：暂无资料" + ("（实地核查）" if indicator.onsite else ""),
                    indent=False,
                )
                continue
            caption = para(document, f"{label}（{len(items)} 件）", indent=False)
            set_fonts(caption.runs[0], HEADING_FONT, 12)
            caption.paragraph_format.keep_with_next = True
            rows = [index_row(data, item) for item in items]
            grid_table(document, INDEX_HEADERS, rows, widths, centered=(3, 4, 5), style="TableSmall")


def _sign_off(document: Any, data: ReportData, cancel: CancelToken | None) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    para(document, SIGN_OFF_STATEMENT)
    values = {"自评单位（盖章）": data.issuing_body, "日期": "　　　　年　　月　　日"}
    table = document.add_table(rows=len(SIGN_OFF_LABELS), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, label in zip(table.rows, SIGN_OFF_LABELS, strict=True):
        row.height = Mm(15)
        cell_text(row.cells[0], label, font=HEADING_FONT, size=12)
        shade(row.cells[0], "F5F5F5")
        cell_text(row.cells[1], values.get(label, ""), size=12)
        row.cells[0].width = Mm(45)
        row.cells[1].width = Mm(111)
