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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.archival import archive_file
from exports.bundle import with_bundle_layout
from exports.common import atomic_output
from exports.pdf_style import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_SIZE,
    Styles,
    color,
    draw_string,
    mm,
    styles,
    text,
)
from exports.printable import check_report_text
from exports.report_data import ReportData, format_date_cn
from exports.report_pdf_appendix import evidence_index_part, sign_off_part
from exports.report_pdf_sections import (
    SPLIT_IN_ROW,
    Heading,
    basic_part,
    bonus_part,
    findings_part,
    heading_class,
    indicator_tables_part,
    next_steps_part,
    para,
    practices_part,
    problems_part,
    scheme_part,
    summary_part,
    veto_part,
)
from exports.report_text import (
    CAVEAT,
    DRAFT_MARK,
    PART_TITLES,
    cover_score,
    draft_notice,
)

if TYPE_CHECKING:  # reportlab loads when the report is drawn (see exports.pdf_style)
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Flowable


def render_report_pdf(
    data: ReportData,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write the report to ``out`` (all or nothing) and return its page count."""
    from reportlab.platypus.doctemplate import LayoutError

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
    return int(doc.pages)


#: Parts (indexes of ``PART_TITLES``) that start on a new page; the DOCX breaks at the same parts.
PART_PAGE_BREAKS = frozenset({1, 4, 5, 9, 11})


def report_outline(
    data: ReportData, cancel: CancelToken | None = None
) -> tuple[list[tuple[int, str, int, bool]], int]:
    """The contents of the report as laid out in the PDF: ``(level, title, page, starts a page)`` per
    entry, and the page total (the cover not counted). The DOCX prints these and breaks pages where
    the PDF does."""
    from reportlab.platypus.doctemplate import LayoutError

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
) -> Any:
    token = SPLIT_IN_ROW.set(split_in_row)
    try:
        doc = _ReportDocument(temp, data, st, progress, cancel)
        doc.build(_story(data, st, doc))
        doc.finish()
    finally:
        SPLIT_IN_ROW.reset(token)
    return doc


# -- document template ----------------------------------------------------------------------------


def _footer_form(number: int) -> str:
    return f"FzFooter{number}"


@cache
def _contents_class() -> Any:
    """``_Contents``, made on first use (reportlab loads lazily)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus.tableofcontents import TableOfContents

    class _Contents(TableOfContents):  # type: ignore[misc]
        """The table of contents, laid out before its page numbers are known.

        Its entries (one per heading, placeholders for the pages) are set before the build, so its height
        is final; each entry's dot leader and page number is a form the document defines at the end.
        """

        def __init__(self, doc: Any) -> None:
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

    return _Contents


def _Contents(*args: Any, **kwargs: Any) -> Any:
    """A new ``_Contents`` (see ``_contents_class``)."""
    return _contents_class()(*args, **kwargs)


@cache
def _document_class() -> Any:
    """``_ReportDocument``, made on first use (reportlab loads lazily)."""
    from reportlab.lib import colors
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus.tableofcontents import drawPageNumbers

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
            if not isinstance(flowable, heading_class()):
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
            canvas.setStrokeColor(color("ACCENT"))
            canvas.setFillColor(color("ACCENT"))
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
            canvas.setFillColor(color("MUTED"))
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
            canvas.setStrokeColor(color("MUTED"))
            canvas.setLineWidth(0.4)
            canvas.line(
                MARGIN_LEFT, PAGE_SIZE[1] - 19.5 * mm, PAGE_SIZE[0] - MARGIN_RIGHT, PAGE_SIZE[1] - 19.5 * mm
            )
            canvas.restoreState()

    return _ReportDocument


def _ReportDocument(*args: Any, **kwargs: Any) -> Any:
    """A new ``_ReportDocument`` (see ``_document_class``)."""
    return _document_class()(*args, **kwargs)


# -- story ----------------------------------------------------------------------------------------


@cache
def _seal_block_class() -> Any:
    """``_SealBlock``, made on first use (reportlab loads lazily)."""
    from reportlab.lib import colors
    from reportlab.platypus import Flowable

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
            canvas.setStrokeColor(color("ACCENT"))
            canvas.setDash(3, 3)
            canvas.setLineWidth(0.8)
            canvas.circle(centre_x, self.height / 2, 21 * mm)
            canvas.setDash()
            canvas.setFillColor(color("ACCENT"))
            canvas.setFont(self.font, 9)
            canvas.drawCentredString(centre_x, self.height / 2 + 14 * mm, "（盖章处）")
            canvas.setFillColor(colors.black)
            draw_string(canvas, centre_x, self.height / 2 + 2 * mm, self.issuer, self.font, 15, "centre")
            draw_string(canvas, centre_x, self.height / 2 - 9 * mm, self.date_text, self.font, 14, "centre")
            canvas.restoreState()

    return _SealBlock


def _SealBlock(*args: Any, **kwargs: Any) -> Any:
    """A new ``_SealBlock`` (see ``_seal_block_class``)."""
    return _seal_block_class()(*args, **kwargs)


def _story(data: ReportData, st: Styles, doc: Any) -> list[Flowable]:
    from reportlab.platypus import CondPageBreak, PageBreak

    story: list[Flowable] = []
    story += _cover(data, st)
    story += _contents(st, doc)
    parts = (
        basic_part,
        practices_part,
        problems_part,
        next_steps_part,
        summary_part,
        indicator_tables_part,
        bonus_part,
        veto_part,
        scheme_part,
        evidence_index_part,
        sign_off_part,
        findings_part,
    )
    for index, (title, part) in enumerate(zip(PART_TITLES, parts, strict=True)):
        if index in PART_PAGE_BREAKS:  # the long parts start on a new page; short ones follow on
            story.append(PageBreak())
        elif index:
            story.append(CondPageBreak(90 * mm))
        story.append(Heading(text(title), st.part, key=f"part{index + 1}", outline=title, level=0))
        story += part(data, st)
    # The contents lists every heading; its page numbers are drawn at the end.
    toc = next(f for f in story if isinstance(f, _contents_class()))
    doc.toc_entries = [
        (f.outline_level, f.outline_title, f.bookmark_key)
        for f in story
        if isinstance(f, heading_class()) and f.in_toc
    ]
    toc._lastEntries = [(level, text(title), 0, key) for level, title, key in doc.toc_entries]
    return story


def _cover(data: ReportData, st: Styles) -> list[Flowable]:
    from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

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
                ("LINEBELOW", (1, 0), (1, -1), 0.5, color("MUTED")),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    notice = draft_notice(data)
    caveat_style = st.note.clone("cover_caveat", alignment=1)
    status: list[Flowable] = [Spacer(1, 4 * mm), para(CAVEAT, caveat_style)]
    if notice:
        status.append(para(notice, caveat_style.clone("cover_draft", textColor=color("ACCENT"))))
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


def _contents(st: Styles, doc: Any) -> list[Flowable]:
    from reportlab.platypus import PageBreak, Paragraph, TableStyle

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


# Parts 1–4: the office's narrative ---------------------------------------------------------------


# Part 5 ------------------------------------------------------------------------------------------


# Part 2 ------------------------------------------------------------------------------------------


# Parts 3–6 ---------------------------------------------------------------------------------------


# Part 7 ------------------------------------------------------------------------------------------


# Part 8 ------------------------------------------------------------------------------------------
