"""The pages the evidence bundle adds (reportlab): the contents and the separator pages of a volume, and
the font of the page stamps.

The contents and all separators of a volume are one document laid out once. The page numbers they
print depend on how long they turn out (a separator may run to two pages), so they are not known while
laying out; they never change the layout either (they sit in table cells of fixed width), so each is
drawn as a Form XObject that the page references at once and that is defined after the last page,
when every page is known. Only the list of files given in earlier sections needs numbers inside
running text: those sections are already laid out when it is, so it is written at that moment.

The pages use only the bundled sans face, so only that one is registered (each CJK face costs tens of
milliseconds to load and to subset).
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # reportlab loads when pages are drawn (see exports.pdf_style)
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Table

from exports.bundle_flowables import kinds
from exports.bundle_plan import BundleSection, bundle_title, item_word
from exports.pdf_style import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_SIZE,
    TEXT_WIDTH,
    MemoParagraph,
    color,
    ensure_fonts,
    font_names,
    grid_table_style,
    mm,
    plain_lines,
    text,
)
from exports.report_data import ReportData, format_date_cn
from exports.report_text import units_text

TOP = 22 * mm
BOTTOM = 22 * mm


@dataclass(frozen=True)
class _Styles:
    font: str
    crumbs: ParagraphStyle
    heading: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    minor: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    contents: ParagraphStyle
    area_row: ParagraphStyle
    group_row: ParagraphStyle
    note: ParagraphStyle


@lru_cache(maxsize=1)
def _styles() -> _Styles:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    font = font_names().sans
    ensure_fonts(font)

    def style(name: str, size: float, leading: float, **kwargs: Any) -> ParagraphStyle:
        return ParagraphStyle(
            f"bundle_{name}", fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kwargs
        )

    return _Styles(
        font=font,
        crumbs=style("crumbs", 9.5, 15, textColor=color("MUTED"), alignment=TA_CENTER),
        heading=style("heading", 24, 34, alignment=TA_CENTER),
        label=style("label", 10.5, 15),
        value=style("value", 10.5, 16),
        minor=style("minor", 11, 18, spaceBefore=8, spaceAfter=4),
        small=style("small", 8.5, 12),
        title=style("title", 20, 30, alignment=TA_CENTER),
        subtitle=style("subtitle", 11.5, 19, alignment=TA_CENTER),
        contents=style("contents", 16, 26, alignment=TA_CENTER, spaceAfter=6),
        area_row=style("area_row", 9.5, 13.5),
        group_row=style("group_row", 9.5, 13.5),
        note=style("note", 9.5, 15, textColor=color("MUTED")),
    )


def _p(value: object, style: ParagraphStyle) -> Any:
    return MemoParagraph(text(value), style)


def _cell(value: str, style: ParagraphStyle, width: float) -> Any:
    """A plain string broken into lines when the text allows (the table draws it like a Paragraph)."""
    lines = plain_lines(value, style.fontName, style.fontSize, width)
    return _p(value, style) if lines is None else lines


def _lines(segments: Sequence[str], style: ParagraphStyle, width: float) -> Any:
    """Texts one under the other in a cell ``width`` wide: one string of pre-broken lines (see
    ``_cell``) or, when a text needs it, one Paragraph each."""
    broken = [plain_lines(segment, style.fontName, style.fontSize, width) for segment in segments]
    if all(lines is not None for lines in broken):
        return "\n".join(lines for lines in broken if lines is not None)
    return [_p(segment, style) for segment in segments]


def _table(rows: list[list[Any]], widths_mm: Sequence[float], extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    from reportlab.platypus import Table, TableStyle

    font = _styles().font
    table = Table(rows, colWidths=_widths(widths_mm), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([*grid_table_style(1, body_font=font, header_font=font), *extra]))
    return table


def _widths(widths_mm: Sequence[float]) -> list[float]:
    scale = TEXT_WIDTH / (sum(widths_mm) * mm)
    return [w * mm * scale for w in widths_mm]


def _page_span(first: int, count: int) -> str:
    if count <= 0:
        return "—"
    return f"第 {first} 页" if count == 1 else f"第 {first}–{first + count - 1} 页"


# -- numbers drawn after the layout -----------------------------------------------------------------


# -- the volume's pages ------------------------------------------------------------------------------


class _Layout:
    """Page numbers of a volume as its contents and separators are placed.

    Pages of the layout document: the contents, then each section's separator. In the bundle every
    separator is followed by its section's evidence, so a separator's bundle page is its document
    page plus the evidence pages of the sections before it.
    """

    def __init__(self, sections: Sequence[BundleSection]) -> None:
        self.sections = sections
        self.starts: list[int] = []  # document page of each separator, as they land
        self.evidence_before = [0]  # evidence pages of the sections before each one
        for section in sections:
            self.evidence_before.append(self.evidence_before[-1] + section.evidence_pages)

    def landed(self, index: int, page: int) -> None:
        assert index == len(self.starts)
        self.starts.append(page)
        if index:
            self._number(index - 1, page - self.starts[index - 1])

    def finish(self, pages: int) -> int:
        """Number the last section; return the contents' page count."""
        if self.starts:
            self._number(len(self.starts) - 1, pages + 1 - self.starts[-1])
            return self.starts[0] - 1
        return pages

    def _number(self, index: int, separator_pages: int) -> None:
        section = self.sections[index]
        section.separator_pages = separator_pages
        section.start_page = self.starts[index] + self.evidence_before[index]
        page = section.start_page + separator_pages
        section.file_pages = []
        for bundle_file in section.files:
            section.file_pages.append(page)
            page += bundle_file.pages


@dataclass(frozen=True)
class VolumePages:
    contents_pages: int
    separator_starts: list[int]  # page of each section's separator in the document


def render_volume_pages(
    data: ReportData,
    sections: Sequence[BundleSection],
    out: Path,
    *,
    volume: int,
    volumes: int,
    unit: str | None,
    measure_only: bool = False,
) -> VolumePages:
    """The contents and the separators of one volume as one PDF: the contents, then a separator of
    one page or more per section.

    Sets each section's ``start_page``, ``separator_pages`` and ``file_pages`` (pages of the volume).
    ``measure_only``: lay out and set those, draw and write nothing (``out`` is not created).
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    st = _styles()
    layout = _Layout(sections)
    late: list[Any] = []
    story = _contents_story(data, sections, st, late, volume=volume, volumes=volumes, unit=unit)
    for index, section in enumerate(sections):
        story.append(PageBreak())
        story.append(kinds().marker(index, layout.landed))
        story += _separator_story(data, section, st, late, unit)
    doc = BaseDocTemplate(
        io.BytesIO() if measure_only else str(out),
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title="目录与分隔页",
        creator="fazhi 法治政府建设示范创建自评系统",
        initialFontName=st.font,
    )
    frame = (kinds().measure_frame if measure_only else Frame)(
        MARGIN_LEFT, BOTTOM, TEXT_WIDTH, PAGE_SIZE[1] - TOP - BOTTOM, id="body", leftPadding=0, rightPadding=0
    )
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc._doSave = 0  # the late numbers are drawn below, then the file is saved
    doc.build(story)
    canvas = doc.canv
    contents_pages = layout.finish(canvas.getPageNumber() - 1)
    if not measure_only:
        for number in late:
            number.define(canvas, st.font)
        canvas.save()
    return VolumePages(contents_pages, layout.starts)


# -- what the pages are drawn from (exports.bundle_cache keeps them under this key) ----------------

#: The modules whose code decides how the bundle's own pages look, and the fonts they draw with.
_DRAWING_SOURCES = (
    "bundle_pages.py",
    "bundle_flowables.py",
    "bundle_plan.py",
    "bundle_stamps.py",
    "pdf_style.py",
    "report_data.py",
    "report_text.py",
    "fonts/__init__.py",
)


@lru_cache(maxsize=1)
def drawing_version() -> str:
    """A digest of the drawing code, the bundled font files (names and sizes) and the installed
    reportlab (its ``__init__.py``, which names its version; found on ``sys.path`` without importing
    it): pages kept by another version of the program or of reportlab are drawn again."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for entry in sys.path:
        marker = Path(entry or ".") / "reportlab" / "__init__.py"
        if marker.is_file():
            digest.update(marker.read_bytes())
            break
    for name in _DRAWING_SOURCES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    for font in sorted((here / "fonts").glob("*.ttf")):
        digest.update(f"{font.name}:{font.stat().st_size}".encode())
    return digest.hexdigest()


def pages_key(
    data: ReportData, sections: Sequence[BundleSection], *, volume: int, volumes: int, unit: str | None
) -> str:
    """Everything ``render_volume_pages`` draws from, digested: the drawing code, the project's
    names, catalog and evidence, the volume's sections and files, and the pages of sections in other
    volumes that separators point to. (The pages of this volume's sections are what the layout
    finds, so they are not part of the key.)"""
    described = {
        "drawing": drawing_version(),
        "county": data.county,
        "issuing_body": data.issuing_body,
        "date": data.date.isoformat(),
        "catalog": json.dumps(data.catalog.to_dict(), ensure_ascii=False, sort_keys=True),
        "evidence": repr(data.evidence),
        "volume": [volume, volumes, unit],
        "sections": [
            [
                list(section.numbers),
                section.volume,
                [[f.item.id, f.pages] for f in section.files],
                [
                    [
                        item.id,
                        earlier.label,
                        earlier.volume,
                        [f.item.id for f in earlier.files],
                        earlier.file_pages if earlier.volume != volume else None,
                    ]
                    for item, earlier in section.earlier
                ],
            ]
            for section in sections
        ],
    }
    return hashlib.sha256(json.dumps(described, ensure_ascii=False).encode("utf-8")).hexdigest()


def layout_of(pages: VolumePages, sections: Sequence[BundleSection]) -> dict[str, Any]:
    """What ``render_volume_pages`` found, as plain data (``with_layout`` puts it back)."""
    return {
        "contents_pages": pages.contents_pages,
        "separator_starts": list(pages.separator_starts),
        "sections": [[s.separator_pages, s.start_page, list(s.file_pages)] for s in sections],
    }


def with_layout(layout: dict[str, Any], sections: Sequence[BundleSection]) -> VolumePages | None:
    """Set the sections' pages from a kept ``layout_of``; ``None`` if it does not fit them."""
    try:
        kept = layout["sections"]
        if len(kept) != len(sections) or len(layout["separator_starts"]) != len(sections):
            return None
        for (_separators, _start, file_pages), section in zip(kept, sections, strict=True):
            if len(file_pages) != len(section.files):
                return None
        for (separator_pages, start_page, file_pages), section in zip(kept, sections, strict=True):
            section.separator_pages = int(separator_pages)
            section.start_page = int(start_page)
            section.file_pages = [int(p) for p in file_pages]
        return VolumePages(int(layout["contents_pages"]), [int(p) for p in layout["separator_starts"]])
    except (KeyError, TypeError, ValueError):
        return None


def _section_pages(section: BundleSection) -> str:
    return str(section.separator_pages + section.evidence_pages)


def _section_start(section: BundleSection) -> str:
    return str(section.start_page)


def _file_span(section: BundleSection, position: int) -> str:
    return _page_span(section.file_pages[position], section.files[position].pages)


def _late(late: list[Any], value: Callable[[], str], align: str = "LEFT") -> Any:
    number = kinds().late_number(f"FzLate{len(late)}", align, value)
    late.append(number)
    return number


def _contents_story(
    data: ReportData,
    sections: Sequence[BundleSection],
    st: _Styles,
    late: list[Any],
    *,
    volume: int,
    volumes: int,
    unit: str | None,
) -> list[Any]:
    from reportlab.platypus import Spacer

    catalog = data.catalog
    story: list[Any] = [
        _p(bundle_title(data).removesuffix("印证资料汇编"), st.title),
        _p("印证资料汇编", st.title),
        Spacer(1, 3 * mm),
    ]
    subtitle = [f"（{catalog.title}）"]
    if volumes > 1:
        subtitle.append(f"第 {volume} 册　共 {volumes} 册")
    if unit:
        subtitle.append(f"责任单位：{unit}")
    subtitle.append(f"{data.issuing_body}　{format_date_cn(data.date)}")
    story += [_p(line, st.subtitle) for line in subtitle]
    story.append(Spacer(1, 5 * mm))
    story.append(_p("目　　录", st.contents))
    widths_mm = (16, 100, 14, 12, 14)
    text_width = _widths(widths_mm)[1]
    word = item_word(data)
    own = "本任务" if catalog.is_plan else "本项"
    rows: list[list[Any]] = [[word, f"{word}内容", "资料", "页数", "起始页"]]
    extra: list[tuple[Any, ...]] = []
    last_area = last_group = ""
    for section in sections:
        indicator = section.indicator
        if indicator.area != last_area:
            area = catalog.area(indicator.area)
            rows.append([_p(f"{area.code}、{area.name}", st.area_row), "", "", "", ""])
            extra += [
                ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), color("SUBTLE_FILL")),
            ]
            last_area = indicator.area
        if indicator.group != last_group:
            group = catalog.group(indicator.group)
            rows.append([_p(group.name, st.group_row), "", "", "", ""])
            extra.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            last_group = indicator.group
        short = indicator.text if len(indicator.text) <= 60 else indicator.text[:59] + "…"
        rows.append(
            [
                _cell(section.code, st.small, _widths(widths_mm)[0]) if section.is_task else section.code,
                _cell(short, st.small, text_width),
                f"{len(section.files)} 件",
                _late(late, partial(_section_pages, section), "CENTER"),
                _late(late, partial(_section_start, section), "CENTER"),
            ]
        )
    story.append(
        _table(
            rows,
            widths_mm,
            [
                *extra,
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (2, 1), (-1, -1), "CENTER"),
                ("FONTSIZE", (1, 1), (1, -1), st.small.fontSize),
                ("LEADING", (1, 1), (1, -1), st.small.leading),
            ],
        )
    )
    if volume == 1:
        included = {n for s in sections for n in s.numbers}
        missing = [
            i.label
            for i in catalog.indicators
            if i.number not in included
            and i.number == i.evidence_group[0]
            and (unit is None or unit in i.units)
            and not i.onsite
        ]
        if missing and volumes == 1:
            story.append(Spacer(1, 4 * mm))
            listed = "、".join(missing)
            nothing = (
                f"暂无资料的任务：{listed}。" if catalog.is_plan else f"暂无资料的指标：第 {listed} 项。"
            )
            story.append(_p(nothing, st.note))
    story.append(Spacer(1, 3 * mm))
    story.append(
        _p(
            f"说明：每项资料前有分隔页，列明{word}内容、责任单位、资料要求及{own}资料清单；"
            "页码为本册页码，见各页右下角的页码章。",
            st.note,
        )
    )
    return story


def _demands(data: ReportData, section: BundleSection) -> list[str]:
    indicators = [data.catalog.indicator(n) for n in section.numbers]
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
            if requirement.time_demand:  # 2021年 / 2019年以来 / 2022年起按季度
                notes.append(requirement.time_demand)
            if requirement.onsite:
                notes.append("实地核查")
            suffix = f"（{'；'.join(notes)}）" if notes else ""
            demands.append(f"{len(demands) + 1}. {requirement.text}{suffix}")
    if not demands and section.indicator.evidence_as_written:
        demands.append(section.indicator.evidence_as_written)
    return demands


def _separator_story(
    data: ReportData,
    section: BundleSection,
    st: _Styles,
    late: list[Any],
    unit: str | None,
) -> list[Any]:
    from reportlab.platypus import Spacer, Table, TableStyle

    catalog = data.catalog
    first = section.indicator
    area = catalog.area(first.area)
    group = catalog.group(first.group)
    story: list[Any] = [
        _p(f"{area.code}、{area.name}　›　{group.name}", st.crumbs),
        Spacer(1, 8 * mm),
        _p(section.label + ("（合并提供）" if len(section.numbers) > 1 else ""), st.heading),
        Spacer(1, 6 * mm),
    ]
    indicators = [catalog.indicator(n) for n in section.numbers]
    units: list[str] = []
    for indicator in indicators:
        name = units_text(indicator)
        if name not in units:
            units.append(name)
    demands = _demands(data, section)
    value_width = TEXT_WIDTH - 24 * mm
    info = [
        [
            f"{item_word(data)}内容",
            _lines(
                [f"{i.label}{' ' if i.task_id else '. '}{i.text}" for i in indicators], st.value, value_width
            ),
        ],
        ["责任单位", _lines(["；".join(units)], st.value, value_width)],
        ["资料要求", _lines(demands or ["—"], st.value, value_width)],
    ]
    if unit:
        info.append(["本册单位", _lines([unit], st.value, value_width)])
    info_table = Table(info, colWidths=[24 * mm, value_width])
    info_table.setStyle(
        TableStyle(
            [
                *grid_table_style(0, body_font=st.font),
                ("BACKGROUND", (0, 0), (0, -1), color("SUBTLE_FILL")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTSIZE", (0, 0), (-1, -1), st.label.fontSize),
                ("LEADING", (0, 0), (0, -1), st.label.leading),
                ("LEADING", (1, 0), (1, -1), st.value.leading),
            ]
        )
    )
    story += [
        info_table,
        Spacer(1, 6 * mm),
        _p(
            f"{'本任务' if section.is_task else '本项'}资料 {len(section.files)} 件，"
            f"共 {section.evidence_pages} 页",
            st.minor,
        ),
    ]
    widths_mm = (10, 80, 34, 12, 28)
    widths = _widths(widths_mm)
    rows: list[list[Any]] = [["序号", "文件名", "责任单位", "页数", "本册页码"]]
    for seq, bundle_file in enumerate(section.files, start=1):
        title = data.evidence_name(bundle_file.item)
        if bundle_file.item.kind == "xlsx":
            title += "（电子表格，按表格排印）"
        rows.append(
            [
                str(seq),
                _cell(title, st.small, widths[1]),
                _cell(bundle_file.item.unit, st.small, widths[2]),
                str(bundle_file.pages),
                _late(late, partial(_file_span, section, seq - 1)),
            ]
        )
    story.append(
        _table(
            rows,
            widths_mm,
            [
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (3, 1), (3, -1), "CENTER"),
                ("FONTSIZE", (1, 1), (2, -1), st.small.fontSize),
                ("LEADING", (1, 1), (2, -1), st.small.leading),
            ],
        )
    )
    if section.earlier:
        story.append(Spacer(1, 4 * mm))
        story.append(_p("以下资料已在前文提供，不再重复：", st.minor))
        # The sections named here are laid out already when this is placed: their pages are known.
        story.append(kinds().written_when_placed(lambda: _earlier_list(data, section, st)))
    return story


def _earlier_list(data: ReportData, section: BundleSection, st: _Styles) -> Flowable:
    lines = []
    for item, earlier in section.earlier:
        where = earlier.label
        if earlier.file_pages:
            position = [f.item.id for f in earlier.files].index(item.id)
            page = earlier.file_pages[position]
            volume = f"第 {earlier.volume} 册" if earlier.volume != section.volume else ""
            where += f"，{volume}第 {page} 页"
        lines.append(text(f"· {data.evidence_name(item)}（见{where}）"))
    return MemoParagraph("<br/>".join(lines), st.small)
