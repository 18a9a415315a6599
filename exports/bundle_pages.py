"""The pages the evidence bundle adds (reportlab): contents, separator pages, page stamps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exports.pdf_style import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MUTED,
    PAGE_SIZE,
    SUBTLE_FILL,
    TEXT_WIDTH,
    Styles,
    grid_table_style,
    styles,
    text,
)
from exports.report_data import ReportData, format_date_cn
from exports.report_text import units_text

if TYPE_CHECKING:
    from exports.bundle import BundleSection

TOP = 22 * mm
BOTTOM = 22 * mm


class _Marker(Flowable):  # type: ignore[misc]
    """Zero-size flowable that records the page it lands on."""

    def __init__(self, index: int, pages: dict[int, int]) -> None:
        super().__init__()
        self.index = index
        self.pages = pages

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return (0, 0)

    def draw(self) -> None:
        self.pages[self.index] = self.canv.getPageNumber()


def _document(out: Path, title: str, st: Styles) -> BaseDocTemplate:
    doc = BaseDocTemplate(
        str(out),
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        creator="fazhi 法治政府建设示范创建自评系统",
        initialFontName=st.fonts.serif,
    )
    frame = Frame(
        MARGIN_LEFT, BOTTOM, TEXT_WIDTH, PAGE_SIZE[1] - TOP - BOTTOM, id="body", leftPadding=0, rightPadding=0
    )
    doc.addPageTemplates([PageTemplate("page", [frame])])
    return doc


def _table(rows: list[list[Any]], widths_mm: Sequence[float], extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    scale = TEXT_WIDTH / (sum(widths_mm) * mm)
    table = Table(rows, colWidths=[w * mm * scale for w in widths_mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([*grid_table_style(1), *extra]))
    return table


def _page_span(first: int, count: int) -> str:
    if count <= 0:
        return "—"
    return f"第 {first} 页" if count == 1 else f"第 {first}–{first + count - 1} 页"


# -- separators -----------------------------------------------------------------------------------


def render_separators(
    data: ReportData, sections: Sequence[BundleSection], out: Path, unit: str | None
) -> list[int]:
    """One separator (one page or more) per section; return each section's page count."""
    st = styles()
    catalog = data.catalog
    starts: dict[int, int] = {}
    story: list[Any] = []
    label_style = st.cell.clone("sep_label", fontName=st.fonts.sans, fontSize=10.5, leading=15)
    value_style = st.cell.clone("sep_value", fontSize=10.5, leading=16)
    big = st.cover_title.clone("sep_big", fontName=st.fonts.sans, fontSize=24, leading=34)
    crumbs = st.note.clone("sep_crumbs", alignment=1)
    for index, section in enumerate(sections):
        if index:
            story.append(PageBreak())
        story.append(_Marker(index, starts))
        first = section.indicator
        area = catalog.area(first.area)
        group = catalog.group(first.group)
        story.append(Paragraph(text(f"{area.code}、{area.name}　›　{group.name}"), crumbs))
        story.append(Spacer(1, 8 * mm))
        heading = section.label + ("（合并提供）" if len(section.numbers) > 1 else "")
        story.append(Paragraph(text(heading), big))
        story.append(Spacer(1, 6 * mm))
        indicators = [catalog.indicator(n) for n in section.numbers]
        texts = "<br/>".join(text(f"{i.number}. {i.text}") for i in indicators)
        units: list[str] = []
        for indicator in indicators:
            name = units_text(indicator)
            if name not in units:
                units.append(name)
        demands: list[str] = []
        seen_keys: set[str] = set()
        for indicator in indicators:
            for requirement in indicator.requirements:
                if requirement.key in seen_keys:
                    continue
                seen_keys.add(requirement.key)
                notes = []
                if requirement.min_count:
                    notes.append(f"至少 {requirement.min_count} 件")
                if requirement.since:
                    notes.append(f"{requirement.since}年以来")
                if requirement.onsite:
                    notes.append("实地核查")
                suffix = f"（{'；'.join(notes)}）" if notes else ""
                demands.append(f"{len(demands) + 1}. {requirement.text}{suffix}")
        if not demands and first.evidence_as_written:
            demands.append(first.evidence_as_written)
        info = [
            [Paragraph("指标内容", label_style), Paragraph(texts, value_style)],
            [Paragraph("责任单位", label_style), Paragraph(text("；".join(units)), value_style)],
            [
                Paragraph("资料要求", label_style),
                Paragraph("<br/>".join(text(d) for d in demands) or "—", value_style),
            ],
        ]
        if unit:
            info.append([Paragraph("本册单位", label_style), Paragraph(text(unit), value_style)])
        info_table = Table(info, colWidths=[24 * mm, TEXT_WIDTH - 24 * mm])
        info_table.setStyle(
            TableStyle(
                [
                    *grid_table_style(0),
                    ("BACKGROUND", (0, 0), (0, -1), SUBTLE_FILL),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(info_table)
        story.append(Spacer(1, 6 * mm))
        story.append(
            Paragraph(
                text(f"本项资料 {len(section.files)} 件，共 {section.evidence_pages} 页"),
                st.minor,
            )
        )
        rows: list[list[Any]] = [["序号", "文件名", "责任单位", "页数", "本册页码"]]
        for seq, (bundle_file, first_page) in enumerate(
            zip(section.files, section.file_pages or [0] * len(section.files), strict=True), start=1
        ):
            title = bundle_file.item.filename
            if bundle_file.item.kind == "xlsx":
                title += "（电子表格，按表格排印）"
            rows.append(
                [
                    str(seq),
                    Paragraph(text(title), st.cell_small),
                    Paragraph(text(bundle_file.item.unit), st.cell_small),
                    str(bundle_file.pages),
                    _page_span(first_page, bundle_file.pages),
                ]
            )
        story.append(
            _table(
                rows,
                (10, 80, 34, 12, 28),
                [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (3, 1), (3, -1), "CENTER")],
            )
        )
        if section.earlier:
            story.append(Spacer(1, 4 * mm))
            story.append(Paragraph("以下资料已在前文提供，不再重复：", st.minor))
            lines = []
            for item, earlier in section.earlier:
                where = earlier.label
                if earlier.file_pages:
                    position = [f.item.id for f in earlier.files].index(item.id)
                    page = earlier.file_pages[position]
                    volume = f"第 {earlier.volume} 册" if earlier.volume != section.volume else ""
                    where += f"，{volume}第 {page} 页"
                lines.append(text(f"· {item.filename}（{item.unit}；见{where}）"))
            story.append(Paragraph("<br/>".join(lines), st.cell_small))
    doc = _document(out, "分隔页", st)
    doc.build(story)
    total = doc.page
    counts = []
    for index in range(len(sections)):
        end = starts.get(index + 1, total + 1)
        counts.append(end - starts[index])
    return counts


# -- contents -------------------------------------------------------------------------------------


def render_contents(
    data: ReportData,
    sections: Sequence[BundleSection],
    out: Path,
    *,
    volume: int,
    volumes: int,
    unit: str | None,
) -> int:
    """The contents list opening a volume; return its page count."""
    st = styles()
    catalog = data.catalog
    title_style = st.cover_title.clone("bundle_title", fontSize=20, leading=30)
    story: list[Any] = [
        Paragraph(text(f"{data.county}法治政府建设示范创建"), title_style),
        Paragraph("印证资料汇编", title_style),
        Spacer(1, 3 * mm),
    ]
    subtitle = [f"（{catalog.title}）"]
    if volumes > 1:
        subtitle.append(f"第 {volume} 册　共 {volumes} 册")
    if unit:
        subtitle.append(f"责任单位：{unit}")
    subtitle.append(f"{data.issuing_body}　{format_date_cn(data.date)}")
    for line in subtitle:
        story.append(Paragraph(text(line), st.cover_subtitle.clone("bundle_sub", fontSize=11.5, leading=19)))
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph("目　　录", st.toc_title.clone("bundle_toc", spaceAfter=6)))
    rows: list[list[Any]] = [["指标", "指标内容", "资料", "页数", "起始页"]]
    extra: list[tuple[Any, ...]] = []
    last_area = last_group = ""
    for section in sections:
        indicator = section.indicator
        if indicator.area != last_area:
            area = catalog.area(indicator.area)
            rows.append(
                [
                    Paragraph(
                        text(f"{area.code}、{area.name}"), st.header_cell.clone("area_row", alignment=0)
                    ),
                    "",
                    "",
                    "",
                    "",
                ]
            )
            extra += [
                ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SUBTLE_FILL),
            ]
            last_area = indicator.area
        if indicator.group != last_group:
            group = catalog.group(indicator.group)
            rows.append(
                [
                    Paragraph(text(group.name), st.cell.clone("group_row", fontName=st.fonts.sans)),
                    "",
                    "",
                    "",
                    "",
                ]
            )
            extra.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            last_group = indicator.group
        short = indicator.text if len(indicator.text) <= 60 else indicator.text[:59] + "…"
        number = section.label.replace("第 ", "").replace(" 项", "")
        rows.append(
            [
                number,
                Paragraph(text(short), st.cell_small),
                f"{len(section.files)} 件",
                str(section.separator_pages + section.evidence_pages),
                str(section.start_page),
            ]
        )
    story.append(
        _table(
            rows,
            (16, 100, 14, 12, 14),
            [*extra, ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "CENTER")],
        )
    )
    if volume == 1:
        included = {n for s in sections for n in s.numbers}
        missing = [
            i.number
            for i in catalog.indicators
            if i.number not in included
            and i.number == i.evidence_group[0]
            and (unit is None or unit in i.units)
            and not i.onsite
        ]
        if missing and volumes == 1:
            story.append(Spacer(1, 4 * mm))
            listed = "、".join(str(n) for n in missing)
            story.append(Paragraph(text(f"暂无资料的指标：第 {listed} 项。"), st.note))
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            "说明：每项资料前有分隔页，列明指标内容、责任单位、资料要求及本项资料清单；"
            "页码为本册页码，见各页右下角的页码章。",
            st.note,
        )
    )
    doc = _document(out, "目录", st)
    doc.build(story)
    return int(doc.page)


# -- stamps ---------------------------------------------------------------------------------------


def render_stamps(
    boxes: Sequence[tuple[float, float, float, float, int]],
    labels: Sequence[str],
    first_number: int,
    out: Path,
) -> None:
    """One stamp page per bundle page, the size of that page as displayed, stamp at bottom right."""
    st = styles()
    canvas = Canvas(str(out), initialFontName=st.fonts.sans)
    size = 7.5
    for offset, ((x0, y0, x1, y1, rotate), label) in enumerate(zip(boxes, labels, strict=True)):
        width, height = x1 - x0, y1 - y0
        if rotate in (90, 270):
            width, height = height, width
        canvas.setPageSize((width, height))
        stamp = f"{label} · 第 {first_number + offset} 页"
        text_width = canvas.stringWidth(stamp, st.fonts.sans, size)
        margin = min(8 * mm, width * 0.04)
        box_w, box_h = text_width + 8, size + 6
        left, bottom = width - margin - box_w, min(6 * mm, height * 0.03)
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.4)
        canvas.roundRect(left, bottom, box_w, box_h, 2, stroke=1, fill=1)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.setFont(st.fonts.sans, size)
        canvas.drawString(left + 4, bottom + 4, stamp)
        canvas.showPage()
    canvas.save()
