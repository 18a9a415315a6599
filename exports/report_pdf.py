"""The 自评报告 as a printable PDF (reportlab platypus).

Layout: cover (county, catalog, date, issuing body, room for the seal) → table of contents → 第一部分
总体情况 (score table and bar chart) → 第二部分 per 一级/二级 indicator tables of the 三级 indicators →
加分项 → 否决项声明 → 存在问题 → 评分方案 → 印证资料索引 → 签署. Footer ``第 X 页 共 Y 页``; PDF bookmarks
for parts, 一级 and 二级 indicators.

Laid out once. Nothing on a page depends on the numbers only known at the end (the page total, the
pages of the contents' entries): the contents has one line per heading and a fixed column for page
numbers, so its layout is known before the headings are placed. Those numbers are drawn as Form
XObjects that every page references at once and that are defined after the last page, when they are
known (reportlab allows a form to be used before it is defined). The evidence index, which is most of
the pages, is built from plain strings broken into lines ahead (``pdf_style.plain_lines``) rather than
a Paragraph per cell.
"""

from __future__ import annotations

import tempfile
from ast import literal_eval
from collections.abc import Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.archival import archive_file
from exports.bundle import with_bundle_layout
from exports.common import atomic_output
from exports.pdf_style import (
    ACCENT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    SUBTLE_FILL,
    TEXT_WIDTH,
    MemoParagraph,
    Styles,
    draw_string,
    grid_table_style,
    plain_lines,
    styles,
    text,
)
from exports.printable import check_report_text
from exports.report_data import NOT_ASSESSED, UNREVIEWED, ReportData, area_key, format_date_cn, format_points
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
from indicator_catalog import Area, Group, Indicator


def render_report_pdf(
    data: ReportData,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write the report to ``out`` (all or nothing) and return its page count."""
    check_report_text(data)
    data = with_bundle_layout(data, cancel)
    st = styles()
    check_cancel(cancel)
    with atomic_output(Path(out)) as temp:
        try:
            doc = _build(temp, data, st, progress, cancel, split_in_row=False)
        except LayoutError:
            # A table row taller than a page (a very long comment): let such rows break across pages.
            doc = _build(temp, data, st, progress, cancel, split_in_row=True)
        check_cancel(cancel)
        archive_file(temp, validate=False)  # PDF/A-2b (its conformance is tested: test_archival.py)
    report(progress, doc.total_steps, doc.total_steps, "完成")
    return doc.pages


_SPLIT_IN_ROW: ContextVar[bool] = ContextVar("split_in_row", default=False)

#: Parts (indexes of ``PART_TITLES``) that start on a new page; the DOCX breaks at the same parts.
PART_PAGE_BREAKS = frozenset({1, 4, 5, 9, 11})


def report_outline(
    data: ReportData, cancel: CancelToken | None = None
) -> tuple[list[tuple[int, str, int, bool]], int]:
    """The contents of the report as laid out in the PDF: ``(level, title, page, starts a page)`` per
    entry, and the page total (the cover not counted). The DOCX prints these and breaks pages where
    the PDF does."""
    st = styles()
    with tempfile.TemporaryDirectory(prefix="fazhi-outline-") as folder:
        temp = Path(folder) / "outline.pdf"
        try:
            doc = _build(temp, data, st, None, cancel, split_in_row=False)
        except LayoutError:
            doc = _build(temp, data, st, None, cancel, split_in_row=True)
    entries = [
        (level, title, doc.heading_pages.get(key, 0), doc.heading_at_top.get(key, False))
        for level, title, key in doc.toc_entries
    ]
    return entries, doc.pages - 1


def _build(
    temp: Path,
    data: ReportData,
    st: Styles,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    *,
    split_in_row: bool,
) -> _ReportDocument:
    token = _SPLIT_IN_ROW.set(split_in_row)
    try:
        doc = _ReportDocument(temp, data, st, progress, cancel)
        doc.build(_story(data, st, doc))
        doc.finish()
    finally:
        _SPLIT_IN_ROW.reset(token)
    return doc


# -- document template ----------------------------------------------------------------------------


def _footer_form(number: int) -> str:
    return f"FzFooter{number}"


class _Contents(TableOfContents):  # type: ignore[misc]
    """The table of contents, laid out before its page numbers are known.

    Its entries (one per heading, placeholders for the pages) are set before the build, so its height
    is final; each entry's dot leader and page number is a form the document defines at the end.
    """

    def __init__(self, doc: _ReportDocument) -> None:
        super().__init__(dotsMinLevel=0)
        self.doc = doc

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        size = super().wrap(availWidth, availHeight)
        doc = self.doc
        dots = self.dotsMinLevel

        def entry_end(canvas: Canvas, kind: str, label: str) -> None:
            _page, level_text, key_text = label.split(",")
            key = str(literal_eval(key_text))
            level = int(level_text)
            style = self.getLevelStyle(level)
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            doc.toc_slots[key] = (x, y, availWidth, style, " . " if 0 <= dots <= level else "")
            canvas.doForm(doc.toc_form(key))
            # The page number links to its heading, like the entry's text does.
            width = stringWidth("000", style.fontName, style.fontSize)
            canvas.linkRect("", key, (availWidth - width, y, availWidth, y + style.leading), relative=1)

        self.canv.setNamedCB("drawTOCEntryEnd", entry_end)
        return size  # type: ignore[no-any-return]


class _Heading(Paragraph):  # type: ignore[misc]
    """A heading that becomes a bookmark (outline level) and optionally a table-of-contents entry."""

    def __init__(
        self, markup: str, style: Any, *, key: str, outline: str, level: int, toc: bool = True
    ) -> None:
        super().__init__(markup, style)
        self.bookmark_key = key
        self.outline_title = outline
        self.outline_level = level
        self.in_toc = toc


class _ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    def __init__(
        self,
        filename: Path,
        data: ReportData,
        st: Styles,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> None:
        super().__init__(
            str(filename),
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=data.title,
            author=data.issuing_body,
            subject=data.catalog.title,
            creator="fazhi 法治政府建设示范创建自评系统",
            initialFontName=st.fonts.serif,
            initialFontSize=12,
            initialLeading=18,
        )
        self._doSave = 0  # ``finish`` draws the late numbers, then saves
        self.st = st
        self.data = data
        self.progress = progress
        self.cancel = cancel
        self.pages = 0
        self.heading_pages: dict[str, int] = {}  # bookmark key → page number as printed
        self.toc_slots: dict[str, tuple[float, float, float, Any, str]] = {}
        self.toc_forms: dict[str, str] = {}
        self.toc_entries: list[tuple[int, str, str]] = []
        self.heading_at_top: dict[str, bool] = {}
        self.total_steps = len(data.catalog.areas) * 2 + len(PART_TITLES)
        self.steps_done = 0
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )

    def toc_form(self, key: str) -> str:
        return self.toc_forms.setdefault(key, f"FzToc{len(self.toc_forms)}")

    def afterPage(self) -> None:
        self.pages = self.canv.getPageNumber()

    def afterFlowable(self, flowable: Flowable) -> None:
        check_cancel(self.cancel)
        if not isinstance(flowable, _Heading):
            return
        key = flowable.bookmark_key
        self.canv.bookmarkPage(key, fit="XYZ", top=self.canv._pagesize[1])
        self.canv.addOutlineEntry(
            flowable.outline_title, key, level=flowable.outline_level, closed=flowable.outline_level >= 1
        )
        if flowable.in_toc:
            self.heading_pages[key] = self.page - 1
            # At the top of its page: nothing above it in the frame but the heading itself.
            frame = self.frame
            used = frame._y1 + frame._height - frame._y
            self.heading_at_top[key] = used <= flowable.height + flowable.getSpaceAfter() + 1
        if flowable.outline_level <= 1:
            self.steps_done += 1
            report(
                self.progress,
                min(self.steps_done, self.total_steps),
                self.total_steps,
                flowable.outline_title,
            )

    def finish(self) -> None:
        """Define the forms holding the numbers known only now (page total, contents pages); save."""
        canvas = self.canv
        total = self.pages - 1  # the cover is not counted
        for number in range(1, total + 1):
            canvas.beginForm(_footer_form(number))
            canvas.setFont(self.st.fonts.serif, 10.5)
            canvas.setFillColor(colors.black)
            canvas.drawCentredString(PAGE_SIZE[0] / 2, 14 * mm, f"第 {number} 页  共 {total} 页")
            canvas.endForm()
        for key, (x, y, width, style, dot) in self.toc_slots.items():
            # Drawn as reportlab's contents draws it, at the entry's end, in the entry's coordinates.
            canvas.beginForm(self.toc_forms[key], -PAGE_SIZE[0], -PAGE_SIZE[1], *PAGE_SIZE)
            canvas._curr_tx_info = {"cur_x": x, "cur_y": y}
            drawPageNumbers(canvas, style, [(self.heading_pages.get(key, ""), None)], width, 0, dot)
            canvas.endForm()
        canvas.showOutline()  # the viewer opens with the bookmarks shown
        canvas.save()

    # Page decorations -------------------------------------------------------------------------
    def _draft_mark(self, canvas: Canvas) -> None:
        """草稿: a large pale mark across the page (drawn first, under the text) and a red box in the
        header. Solid colours only (no transparency: PDF/A)."""
        if not self.data.is_draft:
            return
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#f6dcdc"))
        canvas.translate(PAGE_SIZE[0] / 2, PAGE_SIZE[1] / 2)
        canvas.rotate(35)
        canvas.setFont(self.st.fonts.sans_bold, 120)
        canvas.drawCentredString(0, -40, DRAFT_MARK)
        canvas.restoreState()
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setFillColor(ACCENT)
        canvas.setLineWidth(1)
        top = PAGE_SIZE[1] - 12 * mm
        canvas.rect(MARGIN_LEFT, top - 7 * mm, 16 * mm, 7 * mm, stroke=1, fill=0)
        canvas.setFont(self.st.fonts.sans_bold, 12)
        canvas.drawCentredString(MARGIN_LEFT + 8 * mm, top - 5.2 * mm, DRAFT_MARK)
        canvas.restoreState()

    def _cover_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._draft_mark(canvas)  # the cover carries no page number

    def _body_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._draft_mark(canvas)
        # The cover is not counted: the first page after it is 第 1 页. The total is drawn later.
        canvas.doForm(_footer_form(canvas.getPageNumber() - 1))
        canvas.saveState()
        canvas.setFillColor(MUTED)
        title = self.data.title + ("（草稿）" if self.data.is_draft else "")
        draw_string(
            canvas,
            PAGE_SIZE[0] - MARGIN_RIGHT,
            PAGE_SIZE[1] - 18 * mm,
            title,
            self.st.fonts.serif,
            8,
            "right",
        )
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.4)
        canvas.line(
            MARGIN_LEFT, PAGE_SIZE[1] - 19.5 * mm, PAGE_SIZE[0] - MARGIN_RIGHT, PAGE_SIZE[1] - 19.5 * mm
        )
        canvas.restoreState()


# -- story ----------------------------------------------------------------------------------------


class _SealBlock(Flowable):  # type: ignore[misc]
    """Issuing body and date, right-aligned, with a dashed circle marking where the seal goes."""

    def __init__(self, issuer: str, date_text: str, font: str) -> None:
        super().__init__()
        self.issuer = issuer
        self.date_text = date_text
        self.font = font
        self.width = 80 * mm
        self.height = 50 * mm
        self.hAlign = "RIGHT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return (self.width, self.height)

    def draw(self) -> None:
        canvas = self.canv
        centre_x = self.width / 2
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.8)
        canvas.circle(centre_x, self.height / 2, 21 * mm)
        canvas.setDash()
        canvas.setFillColor(ACCENT)
        canvas.setFont(self.font, 9)
        canvas.drawCentredString(centre_x, self.height / 2 + 14 * mm, "（盖章处）")
        canvas.setFillColor(colors.black)
        draw_string(canvas, centre_x, self.height / 2 + 2 * mm, self.issuer, self.font, 15, "centre")
        draw_string(canvas, centre_x, self.height / 2 - 9 * mm, self.date_text, self.font, 14, "centre")
        canvas.restoreState()


def _story(data: ReportData, st: Styles, doc: _ReportDocument) -> list[Flowable]:
    story: list[Flowable] = []
    story += _cover(data, st)
    story += _contents(st, doc)
    parts = (
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
    for index, (title, part) in enumerate(zip(PART_TITLES, parts, strict=True)):
        if index in PART_PAGE_BREAKS:  # the long parts start on a new page; short ones follow on
            story.append(PageBreak())
        elif index:
            story.append(CondPageBreak(90 * mm))
        story.append(_Heading(text(title), st.part, key=f"part{index + 1}", outline=title, level=0))
        story += part(data, st)
    # The contents lists every heading; its page numbers are drawn at the end.
    toc = next(f for f in story if isinstance(f, _Contents))
    doc.toc_entries = [
        (f.outline_level, f.outline_title, f.bookmark_key)
        for f in story
        if isinstance(f, _Heading) and f.in_toc
    ]
    toc._lastEntries = [(level, text(title), 0, key) for level, title, key in doc.toc_entries]
    return story


def _cover(data: ReportData, st: Styles) -> list[Flowable]:
    info_rows = [
        ["申报单位", data.issuing_body],
        ["指标体系", data.catalog.title],
        ["自评年度", f"{data.year}年"],
        ["自评总分", cover_score(data)],
        ["报送日期", format_date_cn(data.date)],
    ]
    label_style = st.cover_info.clone("cover_label", fontName=st.fonts.sans)
    info = Table(
        [[Paragraph(text(k), label_style), Paragraph(text(v), st.cover_info)] for k, v in info_rows],
        colWidths=[28 * mm, 100 * mm],
        hAlign="CENTER",
    )
    info.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.fonts.serif),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, MUTED),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    notice = draft_notice(data)
    caveat_style = st.note.clone("cover_caveat", alignment=1)
    status: list[Flowable] = [Spacer(1, 4 * mm), _p(CAVEAT, caveat_style)]
    if notice:
        status.append(_p(notice, caveat_style.clone("cover_draft", textColor=ACCENT)))
    return [
        Spacer(1, 20 * mm),
        Paragraph(text(data.county), st.cover_title),
        Paragraph("法治政府建设示范创建", st.cover_title),
        Paragraph("自评报告" + ("（草稿）" if data.is_draft else ""), st.cover_title),
        Spacer(1, 6 * mm),
        Paragraph(text(f"（依据《{data.catalog.title}》）"), st.cover_subtitle),
        Spacer(1, 14 * mm),
        info,
        *status,
        Spacer(1, 8 * mm),
        _SealBlock(data.issuing_body, format_date_cn(data.date), st.fonts.serif),
        NextPageTemplate("body"),
        PageBreak(),
    ]


def _contents(st: Styles, doc: _ReportDocument) -> list[Flowable]:
    toc = _Contents(doc)
    toc.levelStyles = list(st.toc_levels)
    # Every cell names a font, or reportlab selects (and references) unembedded Helvetica.
    toc.tableStyle = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), st.fonts.serif),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    toc.rightColumnWidth = 36
    return [Paragraph("目　　录", st.toc_title), toc, PageBreak()]


def _table(
    rows: Sequence[Sequence[Any]],
    widths_mm: Sequence[float],
    extra: Sequence[tuple[Any, ...]] = (),
    header_rows: int = 1,
) -> Table:
    scale = TEXT_WIDTH / (sum(widths_mm) * mm)
    table = Table(
        [list(r) for r in rows],
        colWidths=[w * mm * scale for w in widths_mm],
        repeatRows=header_rows,
        splitInRow=1 if _SPLIT_IN_ROW.get() else 0,
        hAlign="CENTER",
    )
    table.setStyle(TableStyle([*grid_table_style(header_rows), *extra]))
    return table


def _p(value: object, style: Any) -> Paragraph:
    return MemoParagraph(text(value), style)


# Parts 1–4: the office's narrative ---------------------------------------------------------------


def _narrative(data: ReportData, st: Styles, key: str) -> list[Flowable]:
    paragraphs = narrative_paragraphs(data, key)
    if not paragraphs:
        return [_p(NARRATIVE_GAP, st.note.clone("gap", textColor=ACCENT))]
    return [_p(p, st.body) for p in paragraphs]


def _basic(data: ReportData, st: Styles) -> list[Flowable]:
    return _narrative(data, st, PART_NARRATIVE[0])


def _practices(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = []
    for position, area in enumerate(data.catalog.areas, start=1):
        title = f"{area.code}、{area.name}"
        flow.append(_Heading(text(title), st.area, key=f"practice-{area.code}", outline=title, level=1))
        flow += _narrative(data, st, area_key(position))
    return flow


def _problems(data: ReportData, st: Styles) -> list[Flowable]:
    flow = _narrative(data, st, PART_NARRATIVE[2])
    if data.findings:
        flow.append(_p(f"报送前自查发现的 {len(data.findings)} 个问题见附录。", st.note))
    return flow


def _next_steps(data: ReportData, st: Styles) -> list[Flowable]:
    return _narrative(data, st, PART_NARRATIVE[3])


# Part 5 ------------------------------------------------------------------------------------------


def _summary(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = [_p(CAVEAT, st.note.clone("caveat", textColor=ACCENT))]
    flow += [_p(p, st.body) for p in summary_paragraphs(data)]
    flow.append(Spacer(1, 4 * mm))
    flow.append(_p("表1　各一级指标自评得分", st.minor.clone("caption", alignment=1)))
    body = summary_rows(data)
    rows: list[list[Any]] = [["序号", "一级指标", "满分", "得分", "得分率"]]
    rows += [[code, _p(name, st.cell), top, got, share] for code, name, top, got, share in body]
    n = len(rows)
    flow.append(
        _table(
            rows,
            (14, 80, 20, 20, 22),
            [
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (2, 1), (-1, -1), "CENTER"),
                ("FONTNAME", (0, n - 4), (-1, -1), st.fonts.sans),
                ("LINEABOVE", (0, n - 4), (-1, n - 4), 0.9, colors.black),
            ],
        )
    )
    flow.append(Spacer(1, 5 * mm))
    caption = _p("图1　各一级指标得分率", st.minor.clone("caption2", alignment=1))
    flow.append(KeepTogether([caption, _area_chart(data, st)]))
    return flow


def _area_chart(data: ReportData, st: Styles) -> Drawing:
    areas = list(reversed(data.catalog.areas))  # the chart draws the first category at the bottom
    values = []
    for area in areas:
        area_score = data.score.area(area.code)
        values.append(
            round(area_score.score / area_score.max * 100, 1) if area_score and area_score.max else 0
        )
    bar_height = 14
    height = len(areas) * bar_height + 40
    drawing = Drawing(TEXT_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x = 190
    chart.y = 22
    chart.width = TEXT_WIDTH - 225
    chart.height = height - 30
    chart.data = [values]
    chart.bars[0].fillColor = colors.HexColor("#8f2a24")
    chart.bars[0].strokeColor = None
    chart.barWidth = 9
    chart.categoryAxis.categoryNames = [f"{a.code}、{_short(a.name, 22)}" for a in areas]
    chart.categoryAxis.labels.fontName = st.fonts.serif
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = MUTED
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = st.fonts.serif
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barLabelFormat = "%.1f%%"
    chart.barLabels.fontName = st.fonts.serif
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _short(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


# Part 2 ------------------------------------------------------------------------------------------


def _indicator_tables(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = []
    catalog = data.catalog
    for area in catalog.areas:
        flow += _area_section(data, st, area)
    if not catalog.areas:
        flow.append(_p("指标体系中没有一级指标。", st.body))
    return flow


class _KeepSpaceFor(CondPageBreak):  # type: ignore[misc]
    """Starts a new page unless ``probe`` fits: keeps a heading with the first rows of its table."""

    def __init__(self, probe: Sequence[Flowable]) -> None:
        super().__init__(0)
        self.probe = list(probe)
        self.measured = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if not self.measured:
            self.height = sum(
                f.wrap(availWidth, 10**6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.probe
            )
            self.measured = True
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]


def _area_section(data: ReportData, st: Styles, area: Area) -> list[Flowable]:
    area_score = data.score.area(area.code)
    title = f"{area.code}、{area.name}"
    head: list[Flowable] = [_Heading(text(title), st.area, key=f"area-{area.code}", outline=title, level=1)]
    if area_score:
        head.append(
            _p(
                f"本项共 {len(area.numbers)} 项三级指标，满分 {format_points(area_score.max)} 分，"
                f"自评得分 {format_points(area_score.score)} 分。",
                st.body,
            )
        )
    groups = [_group_section(data, st, group, index) for index, group in enumerate(area.groups, start=1)]
    first_probe = groups[0][0].probe if groups else []
    flow: list[Flowable] = [_KeepSpaceFor([*head, *first_probe]), *head]
    for section in groups:
        flow += section
    return flow


def _group_section(
    data: ReportData, st: Styles, group: Group, index: int
) -> tuple[_KeepSpaceFor, Flowable, Table]:
    group_score = data.score.group(group.code)
    title = f"（{cn_ordinal(index)}）{group.name}"
    suffix = (
        f"（得分 {format_points(group_score.score)} / 满分 {format_points(group_score.max)}）"
        if group_score
        else ""
    )
    heading = _Heading(
        text(title) + f'<font size="10" color="#555555">{text(suffix)}</font>',
        st.group,
        key=f"group-{group.code}",
        outline=title,
        level=2,
    )
    rows: list[list[Any]] = [list(INDICATOR_HEADERS)]
    for number in group.numbers:
        rows += _indicator_rows(data, st, data.catalog.indicator(number))
    widths = (10, 60, 26, 16, 16, 28)
    table = _table(rows, widths, _indicator_table_style(len(rows)))
    probe = _table(rows[:3], widths, _indicator_table_style(3)) if len(rows) >= 3 else table
    keep = _KeepSpaceFor([Paragraph(heading.text, st.group), probe])
    return keep, heading, table


def _indicator_rows(data: ReportData, st: Styles, indicator: Indicator) -> list[list[Any]]:
    """Two rows per indicator: the assessment, then its evidence list across the columns."""
    level, points, comment = indicator_cells(data, indicator)
    level_markup = text(level)
    if level == "未达标":
        level_markup = f'<font color="#b8120f">{level_markup}</font>'
    elif level == NOT_ASSESSED:
        level_markup = f'<font color="#777777">{level_markup}</font>'
    label, listing, missing = evidence_summary(data, indicator)
    listing_markup = f'<font color="#b8120f">{text(listing)}</font>' if missing else text(listing)
    note = indicator_note(data, indicator.number)
    note_markup = f'<font name="{st.fonts.sans}">自评说明：</font>{text(note)}<br/>' if note else ""
    return [
        [
            str(indicator.number),
            _p(indicator.text, st.cell),
            _p(units_text(indicator), st.cell),
            MemoParagraph(level_markup, st.cell_center),
            points,
            _p(comment, st.cell),
        ],
        ["", MemoParagraph(f"{note_markup}{text(label)}：{listing_markup}", st.cell_small), "", "", "", ""],
    ]


def _indicator_table_style(row_count: int) -> list[tuple[Any, ...]]:
    commands: list[tuple[Any, ...]] = [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (4, -1), "CENTER"),
    ]
    for row in range(2, row_count, 2):
        commands += [
            ("NOSPLIT", (0, row - 1), (-1, row)),
            ("SPAN", (1, row), (5, row)),
            ("BACKGROUND", (0, row), (-1, row), SUBTLE_FILL),
            ("LINEABOVE", (1, row), (5, row), 0.25, colors.HexColor("#b0b0b0")),
        ]
    return commands


# Parts 3–6 ---------------------------------------------------------------------------------------


def _bonus(data: ReportData, st: Styles) -> list[Flowable]:
    if not data.bonus:
        return [_p("本指标体系未设加分项。", st.body)]
    rows: list[list[Any]] = [["项目", "加分事项", "分值上限", "申报分值", "说明（证明文件）"]]
    for claim in data.bonus:
        rows.append(
            [
                claim.id,
                _p(claim.text, st.cell),
                format_points(claim.max_points),
                format_points(claim.points),
                _p(claim.note or ("未申报" if not claim.points else ""), st.cell),
            ]
        )
    return [
        _table(
            rows,
            (12, 76, 16, 16, 36),
            [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (3, -1), "CENTER")],
        ),
        Spacer(1, 3 * mm),
        _p(bonus_total_text(data), st.body),
    ]


def _veto(data: ReportData, st: Styles) -> list[Flowable]:
    if not data.veto:
        return [_p("本指标体系未设否决项。", st.body)]
    rows: list[list[Any]] = [["项目", "否决情形", "自查结论", "说明"]]
    for item in data.veto:
        verdict = item.conclusion
        if item.triggered or verdict == UNREVIEWED:
            verdict = f'<font color="#b8120f">{verdict}</font>'
        rows.append(
            [item.id, _p(item.text, st.cell), MemoParagraph(verdict, st.cell_center), _p(item.note, st.cell)]
        )
    flow: list[Flowable] = [
        _table(rows, (12, 92, 20, 32), [("ALIGN", (0, 1), (0, -1), "CENTER")]),
        Spacer(1, 4 * mm),
    ]
    flow += [_p(line, st.body) for line in veto_statement(data)]
    return flow


def _findings(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = [_p(findings_intro(data), st.body)]
    if not data.findings:
        return flow
    rows: list[list[Any]] = [["序号", "类别", "指标", "责任单位", "问题说明"]]
    for index, finding in enumerate(data.findings, start=1):
        rows.append(
            [
                str(index),
                _p(finding.severity, st.cell_center),
                finding.indicator or "—",
                _p(finding.unit or "—", st.cell),
                _p(finding.message, st.cell),
            ]
        )
    flow.append(_table(rows, (12, 14, 14, 30, 86), [("ALIGN", (0, 1), (2, -1), "CENTER")]))
    return flow


def _scheme(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = [_p(scheme_intro(data), st.body)]
    flow += [_p(f"{i}. {line}", st.body) for i, line in enumerate(data.scheme_lines, start=1)]
    if data.disclaimer:
        flow.append(Spacer(1, 2 * mm))
        flow.append(_p(data.disclaimer, st.body))
    return flow


# Part 7 ------------------------------------------------------------------------------------------


def _evidence_index(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = [_p(evidence_index_intro(data), st.body)]
    widths = (10, 52, 30, 9, 12, 22, 25)
    scale = TEXT_WIDTH / (sum(widths) * mm)
    column_points = [w * mm * scale for w in widths]
    small = st.cell_small
    # File name, title and unit are drawn as a Paragraph in ``cell_small`` would draw them, from plain
    # strings broken into lines here (thousands of rows: see ``pdf_style.plain_lines``).
    index_style = [
        ("FONTSIZE", (0, 1), (-1, -1), 8),
        ("FONTSIZE", (6, 1), (6, -1), 7.5),
        ("FONTNAME", (1, 1), (2, -1), small.fontName),
        ("FONTSIZE", (1, 1), (2, -1), small.fontSize),
        ("LEADING", (1, 1), (2, -1), small.leading),
        ("ALIGN", (3, 1), (5, -1), "CENTER"),
    ]

    def wrapped(value: str, column: int) -> Any:
        lines = plain_lines(value, small.fontName, small.fontSize, column_points[column])
        return _p(value, small) if lines is None else lines

    for area in data.catalog.areas:
        title = f"{area.code}、{area.name}"
        heading = _Heading(text(title), st.area, key=f"index-{area.code}", outline=title, level=1, toc=False)
        blocks: list[Flowable] = []
        for number in area.numbers:
            indicator = data.catalog.indicator(number)
            if number != indicator.evidence_group[0]:
                continue
            items = evidence_items(data, indicator)
            label = index_label(indicator)
            if not items:
                blocks.append(
                    _p(f"{label}：暂无资料" + ("（实地核查）" if indicator.onsite else ""), st.note)
                )
                continue
            rows: list[list[Any]] = [list(INDEX_HEADERS)]
            for item in items:
                ident, filename, title_text, extent, period, span, digest = index_row(data, item)
                rows.append(
                    [
                        ident,
                        wrapped(filename, 1),
                        wrapped(title_text, 2),
                        extent,
                        period,
                        wrapped(span, 5),
                        digest,
                    ]
                )
            caption = f"{label}（{len(items)} 件）"
            probe = _table(rows[:2], widths, index_style)
            blocks += [
                _KeepSpaceFor([_p(caption, st.minor), probe]),
                _p(caption, st.minor),
                _table(rows, widths, index_style),
            ]
        flow.append(CondPageBreak(40 * mm))
        flow.append(heading)
        flow += blocks
    return flow


# Part 8 ------------------------------------------------------------------------------------------


def _sign_off(data: ReportData, st: Styles) -> list[Flowable]:
    label = st.cell.clone("sign_label", fontName=st.fonts.sans, fontSize=11, leading=16)
    values = {"自评单位（盖章）": data.issuing_body, "日期": "　　　　年　　月　　日"}
    rows = [[_p(name, label), _p(values.get(name, ""), st.cell)] for name in SIGN_OFF_LABELS]
    table = Table(rows, colWidths=[45 * mm, TEXT_WIDTH - 45 * mm], rowHeights=[16 * mm] * len(rows))
    table.setStyle(TableStyle([*grid_table_style(0), ("BACKGROUND", (0, 0), (0, -1), SUBTLE_FILL)]))
    return [
        _p(SIGN_OFF_STATEMENT, st.body),
        Spacer(1, 6 * mm),
        table,
    ]
