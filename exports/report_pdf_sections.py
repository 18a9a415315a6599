"""The body parts of the PDF 自评报告: the office's narrative (parts 1–4), the score summary and chart,
the per-indicator tables, 加分项, 否决项, 存在问题 and 评分方案, plus the table and heading flowables they
share. ``exports.report_pdf`` assembles them into the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any

from exports.pdf_style import (
    TEXT_WIDTH,
    MemoParagraph,
    Styles,
    color,
    grid_table_style,
    mm,
    text,
)
from exports.report_data import NOT_ASSESSED, UNREVIEWED, ReportData, area_key, format_points
from exports.report_text import (
    CAVEAT,
    INDICATOR_HEADERS,
    NARRATIVE_GAP,
    PART_NARRATIVE,
    bonus_total_text,
    cn_ordinal,
    evidence_summary,
    findings_intro,
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

if TYPE_CHECKING:  # reportlab loads when the report is drawn (see exports.pdf_style)
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Flowable, Table

SPLIT_IN_ROW: ContextVar[bool] = ContextVar("split_in_row", default=False)


def report_table(
    rows: Sequence[Sequence[Any]],
    widths_mm: Sequence[float],
    extra: Sequence[tuple[Any, ...]] = (),
    header_rows: int = 1,
) -> Table:
    from reportlab.platypus import Table, TableStyle

    scale = TEXT_WIDTH / (sum(widths_mm) * mm)
    table = Table(
        [list(r) for r in rows],
        colWidths=[w * mm * scale for w in widths_mm],
        repeatRows=header_rows,
        splitInRow=1 if SPLIT_IN_ROW.get() else 0,
        hAlign="CENTER",
    )
    table.setStyle(TableStyle([*grid_table_style(header_rows), *extra]))
    return table


def para(value: object, style: Any) -> Any:
    return MemoParagraph(text(value), style)


def _narrative(data: ReportData, st: Styles, key: str) -> list[Flowable]:
    paragraphs = narrative_paragraphs(data, key)
    if not paragraphs:
        return [para(NARRATIVE_GAP, st.note.clone("gap", textColor=color("ACCENT")))]
    return [para(p, st.body) for p in paragraphs]


def basic_part(data: ReportData, st: Styles) -> list[Flowable]:
    return _narrative(data, st, PART_NARRATIVE[0])


def practices_part(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = []
    for position, area in enumerate(data.catalog.areas, start=1):
        title = f"{area.code}、{area.name}"
        flow.append(Heading(text(title), st.area, key=f"practice-{area.code}", outline=title, level=1))
        flow += _narrative(data, st, area_key(position))
    return flow


def problems_part(data: ReportData, st: Styles) -> list[Flowable]:
    flow = _narrative(data, st, PART_NARRATIVE[2])
    if data.findings:
        flow.append(para(f"报送前自查发现的 {len(data.findings)} 个问题见附录。", st.note))
    return flow


def next_steps_part(data: ReportData, st: Styles) -> list[Flowable]:
    return _narrative(data, st, PART_NARRATIVE[3])


def summary_part(data: ReportData, st: Styles) -> list[Flowable]:
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Spacer

    flow: list[Flowable] = [para(CAVEAT, st.note.clone("caveat", textColor=color("ACCENT")))]
    flow += [para(p, st.body) for p in summary_paragraphs(data)]
    flow.append(Spacer(1, 4 * mm))
    flow.append(para("表1　各一级指标自评得分", st.minor.clone("caption", alignment=1)))
    body = summary_rows(data)
    rows: list[list[Any]] = [["序号", "一级指标", "满分", "得分", "得分率"]]
    rows += [[code, para(name, st.cell), top, got, share] for code, name, top, got, share in body]
    n = len(rows)
    flow.append(
        report_table(
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
    caption = para("图1　各一级指标得分率", st.minor.clone("caption2", alignment=1))
    flow.append(KeepTogether([caption, _area_chart(data, st)]))
    return flow


def _area_chart(data: ReportData, st: Styles) -> Drawing:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

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
    chart.categoryAxis.strokeColor = color("MUTED")
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = st.fonts.serif
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeColor = color("MUTED")
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


def indicator_tables_part(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = []
    catalog = data.catalog
    for area in catalog.areas:
        flow += _area_section(data, st, area)
    if not catalog.areas:
        flow.append(para("指标体系中没有一级指标。", st.body))
    return flow


@cache
def keep_space_class() -> Any:
    """``KeepSpaceFor``, made on first use (reportlab loads lazily)."""
    from reportlab.platypus import CondPageBreak

    class KeepSpaceFor(CondPageBreak):  # type: ignore[misc]
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

    return KeepSpaceFor


def KeepSpaceFor(*args: Any, **kwargs: Any) -> Any:
    """A new ``KeepSpaceFor`` (see ``keep_space_class``)."""
    return keep_space_class()(*args, **kwargs)


def _area_section(data: ReportData, st: Styles, area: Area) -> list[Flowable]:
    area_score = data.score.area(area.code)
    title = f"{area.code}、{area.name}"
    head: list[Flowable] = [Heading(text(title), st.area, key=f"area-{area.code}", outline=title, level=1)]
    if area_score:
        head.append(
            para(
                f"本项共 {len(area.numbers)} 项三级指标，满分 {format_points(area_score.max)} 分，"
                f"自评得分 {format_points(area_score.score)} 分。",
                st.body,
            )
        )
    groups = [_group_section(data, st, group, index) for index, group in enumerate(area.groups, start=1)]
    first_probe = groups[0][0].probe if groups else []
    flow: list[Flowable] = [KeepSpaceFor([*head, *first_probe]), *head]
    for section in groups:
        flow += section
    return flow


def _group_section(data: ReportData, st: Styles, group: Group, index: int) -> tuple[Any, Flowable, Table]:
    from reportlab.platypus import Paragraph

    group_score = data.score.group(group.code)
    title = f"（{cn_ordinal(index)}）{group.name}"
    suffix = (
        f"（得分 {format_points(group_score.score)} / 满分 {format_points(group_score.max)}）"
        if group_score
        else ""
    )
    heading = Heading(
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
    table = report_table(rows, widths, _indicator_table_style(len(rows)))
    probe = report_table(rows[:3], widths, _indicator_table_style(3)) if len(rows) >= 3 else table
    keep = KeepSpaceFor([Paragraph(heading.text, st.group), probe])
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
            para(indicator.text, st.cell),
            para(units_text(indicator), st.cell),
            MemoParagraph(level_markup, st.cell_center),
            points,
            para(comment, st.cell),
        ],
        ["", MemoParagraph(f"{note_markup}{text(label)}：{listing_markup}", st.cell_small), "", "", "", ""],
    ]


def _indicator_table_style(row_count: int) -> list[tuple[Any, ...]]:
    from reportlab.lib import colors

    commands: list[tuple[Any, ...]] = [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (4, -1), "CENTER"),
    ]
    for row in range(2, row_count, 2):
        commands += [
            ("NOSPLIT", (0, row - 1), (-1, row)),
            ("SPAN", (1, row), (5, row)),
            ("BACKGROUND", (0, row), (-1, row), color("SUBTLE_FILL")),
            ("LINEABOVE", (1, row), (5, row), 0.25, colors.HexColor("#b0b0b0")),
        ]
    return commands


def bonus_part(data: ReportData, st: Styles) -> list[Flowable]:
    from reportlab.platypus import Spacer

    if not data.bonus:
        return [para("本指标体系未设加分项。", st.body)]
    rows: list[list[Any]] = [["项目", "加分事项", "分值上限", "申报分值", "说明（证明文件）"]]
    for claim in data.bonus:
        rows.append(
            [
                claim.id,
                para(claim.text, st.cell),
                format_points(claim.max_points),
                format_points(claim.points),
                para(claim.note or ("未申报" if not claim.points else ""), st.cell),
            ]
        )
    return [
        report_table(
            rows,
            (12, 76, 16, 16, 36),
            [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (3, -1), "CENTER")],
        ),
        Spacer(1, 3 * mm),
        para(bonus_total_text(data), st.body),
    ]


def veto_part(data: ReportData, st: Styles) -> list[Flowable]:
    from reportlab.platypus import Spacer

    if not data.veto:
        return [para("本指标体系未设否决项。", st.body)]
    rows: list[list[Any]] = [["项目", "否决情形", "自查结论", "说明"]]
    for item in data.veto:
        verdict = item.conclusion
        if item.triggered or verdict == UNREVIEWED:
            verdict = f'<font color="#b8120f">{verdict}</font>'
        rows.append(
            [
                item.id,
                para(item.text, st.cell),
                MemoParagraph(verdict, st.cell_center),
                para(item.note, st.cell),
            ]
        )
    flow: list[Flowable] = [
        report_table(rows, (12, 92, 20, 32), [("ALIGN", (0, 1), (0, -1), "CENTER")]),
        Spacer(1, 4 * mm),
    ]
    flow += [para(line, st.body) for line in veto_statement(data)]
    return flow


def findings_part(data: ReportData, st: Styles) -> list[Flowable]:
    flow: list[Flowable] = [para(findings_intro(data), st.body)]
    if not data.findings:
        return flow
    rows: list[list[Any]] = [["序号", "类别", "指标", "责任单位", "问题说明"]]
    for index, finding in enumerate(data.findings, start=1):
        rows.append(
            [
                str(index),
                para(finding.severity, st.cell_center),
                finding.indicator or "—",
                para(finding.unit or "—", st.cell),
                para(finding.message, st.cell),
            ]
        )
    flow.append(report_table(rows, (12, 14, 14, 30, 86), [("ALIGN", (0, 1), (2, -1), "CENTER")]))
    return flow


def scheme_part(data: ReportData, st: Styles) -> list[Flowable]:
    from reportlab.platypus import Spacer

    flow: list[Flowable] = [para(scheme_intro(data), st.body)]
    flow += [para(f"{i}. {line}", st.body) for i, line in enumerate(data.scheme_lines, start=1)]
    for question in data.open_questions:
        flow.append(para(question, st.body))
    if data.disclaimer:
        flow.append(Spacer(1, 2 * mm))
        flow.append(para(data.disclaimer, st.body))
    return flow


@cache
def heading_class() -> Any:
    """``Heading``, made on first use (reportlab loads lazily)."""
    from reportlab.platypus import Paragraph

    class Heading(Paragraph):  # type: ignore[misc]
        """A heading that becomes a bookmark (outline level) and optionally a table-of-contents entry."""

        def __init__(
            self, markup: str, style: Any, *, key: str, outline: str, level: int, toc: bool = True
        ) -> None:
            super().__init__(markup, style)
            self.bookmark_key = key
            self.outline_title = outline
            self.outline_level = level
            self.in_toc = toc

    return Heading


def Heading(*args: Any, **kwargs: Any) -> Any:
    """A new ``Heading`` (see ``heading_class``)."""
    return heading_class()(*args, **kwargs)
