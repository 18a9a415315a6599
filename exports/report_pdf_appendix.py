"""The closing parts of the PDF 自评报告: the 印证资料索引 (most of the pages, built from plain strings
broken into lines ahead rather than a Paragraph per cell) and the 签署 block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exports.pdf_style import (
    TEXT_WIDTH,
    Styles,
    color,
    grid_table_style,
    mm,
    plain_lines,
    text,
)
from exports.report_data import ReportData
from exports.report_pdf_sections import (
    Heading,
    KeepSpaceFor,
    para,
    report_table,
)
from exports.report_text import (
    INDEX_HEADERS,
    SIGN_OFF_LABELS,
    SIGN_OFF_STATEMENT,
    evidence_index_intro,
    evidence_items,
    index_label,
    index_row,
)

if TYPE_CHECKING:  # reportlab loads when the report is drawn (see exports.pdf_style)
    from reportlab.platypus import Flowable


def evidence_index_part(data: ReportData, st: Styles) -> list[Flowable]:
    from reportlab.platypus import CondPageBreak

    flow: list[Flowable] = [para(evidence_index_intro(data), st.body)]
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
        return para(value, small) if lines is None else lines

    for area in data.catalog.areas:
        title = f"{area.code}、{area.name}"
        heading = Heading(text(title), st.area, key=f"index-{area.code}", outline=title, level=1, toc=False)
        blocks: list[Flowable] = []
        for number in area.numbers:
            indicator = data.catalog.indicator(number)
            if number != indicator.evidence_group[0]:
                continue
            items = evidence_items(data, indicator)
            label = index_label(indicator)
            if not items:
                blocks.append(
                    para(f"{label}：暂无资料" + ("（实地核查）" if indicator.onsite else ""), st.note)
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
            probe = report_table(rows[:2], widths, index_style)
            blocks += [
                KeepSpaceFor([para(caption, st.minor), probe]),
                para(caption, st.minor),
                report_table(rows, widths, index_style),
            ]
        flow.append(CondPageBreak(40 * mm))
        flow.append(heading)
        flow += blocks
    return flow


def sign_off_part(data: ReportData, st: Styles) -> list[Flowable]:
    from reportlab.platypus import Spacer, Table, TableStyle

    label = st.cell.clone("sign_label", fontName=st.fonts.sans, fontSize=11, leading=16)
    values = {"自评单位（盖章）": data.issuing_body, "日期": "　　　　年　　月　　日"}
    rows = [[para(name, label), para(values.get(name, ""), st.cell)] for name in SIGN_OFF_LABELS]
    table = Table(rows, colWidths=[45 * mm, TEXT_WIDTH - 45 * mm], rowHeights=[16 * mm] * len(rows))
    table.setStyle(TableStyle([*grid_table_style(0), ("BACKGROUND", (0, 0), (0, -1), color("SUBTLE_FILL"))]))
    return [
        para(SIGN_OFF_STATEMENT, st.body),
        Spacer(1, 6 * mm),
        table,
    ]
