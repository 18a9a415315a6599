"""The clerk's printable task list that goes into every kit (one PDF page per few indicators)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from app.units.roles import Roles
from exports.fonts import FONT_NAMES, register_reportlab_fonts
from indicator_catalog import Indicator, Requirement, describe_demands


def demand_note(requirement: Requirement) -> str:
    """What an item demands beyond its words, in brackets: "（2021年；列表提供）", "（2019年以来；至少10件）".

    A demand the text already spells out is still printed when it is a time (the clerk scans for the
    year); a count is left out when the text names the number (任意10件)."""
    phrases = [
        p
        for p in describe_demands(requirement)
        if not (
            requirement.min_count
            and p == f"至少{requirement.min_count}件"
            and str(requirement.min_count) in requirement.text
        )
    ]
    return f"（{'；'.join(phrases)}）" if phrases else ""


def role_note(role: Roles | None, unit: str) -> str:
    """ "本单位牵头；配合单位：县公安局" or "本单位配合；牵头单位：县司法局" ("" if no lead is known)."""
    if role is None or not role.lead:
        return ""
    if unit in role.lead:
        others = [u for u in role.lead if u != unit]
        lead = f"（与 {'、'.join(others)} 共同牵头）" if others else ""
        return f"本单位牵头{lead}；配合单位：{'、'.join(role.co) or '无'}"
    return f"本单位配合；牵头单位：{'、'.join(role.lead)}"


def task_list_pdf(
    *,
    county: str,
    year: int,
    unit: str,
    deadline: str | None,
    indicators: Sequence[Indicator],
    kit_id: str,
    roles: Mapping[int, Roles] | None = None,
    plan_title: str | None = None,
) -> bytes | None:
    """The clerk's printable checklist: each indicator (or plan task), its text, the unit's role (lead or
    co-unit, and who leads) and what to hand in."""
    names = register_reportlab_fonts(FONT_NAMES.sans, FONT_NAMES.sans_bold)

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    regular, bold = names.sans, names.sans_bold
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=24, alignment=1, wordWrap="CJK")
    info = ParagraphStyle("info", fontName=regular, fontSize=10.5, leading=16, wordWrap="CJK")
    heading = ParagraphStyle(
        "heading", fontName=bold, fontSize=11.5, leading=18, spaceBefore=8, wordWrap="CJK"
    )
    item = ParagraphStyle("item", fontName=regular, fontSize=10.5, leading=16, leftIndent=14, wordWrap="CJK")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{unit} 任务清单",
        author="fazhi",
    )
    story: list[Any] = [
        Paragraph(
            escape(
                f"{county}{year}年 {plan_title} 任务落实资料报送清单"
                if plan_title
                else f"{county}{year}年法治政府建设示范创建 资料报送任务清单"
            ),
            title,
        ),
        Spacer(1, 4 * mm),
        Paragraph(escape(f"责任单位：{unit}"), info),
        Paragraph(escape(f"报送截止日期：{deadline or '以通知为准'}"), info),
        Paragraph(
            escape(f"{'任务' if plan_title else '指标'}数：{len(indicators)}　任务包编号：{kit_id[:12]}"),
            info,
        ),
        Spacer(1, 4 * mm),
    ]
    for indicator in indicators:
        where = f"任务 {indicator.task_id}" if indicator.task_id else f"第 {indicator.number} 项"
        block = [Paragraph(escape(f"□ {where}　{indicator.text}"), heading)]
        note = role_note((roles or {}).get(indicator.number), unit)
        if note:
            block.append(Paragraph(escape(note), item))
        if indicator.deadline is not None:
            block.append(Paragraph(escape(f"完成时限：{indicator.deadline.text}"), item))
        if indicator.onsite:
            block.append(Paragraph("□ 实地核查：备好现场资料，无需报送文件", item))
        for requirement in indicator.requirements:
            block.append(Paragraph(escape(f"□ {requirement.text}{demand_note(requirement)}"), item))
        if not indicator.requirements and not indicator.onsite:
            block.append(Paragraph("□ 报送能证明本项指标落实情况的资料", item))
        if indicator.shared_with:
            shared = "、".join(str(n) for n in indicator.shared_with)
            block.append(Paragraph(escape(f"与第 {shared} 项合并提供资料"), item))
        story.append(KeepTogether(block))
    story += [
        Spacer(1, 10 * mm),
        Paragraph("报送人：____________　联系电话：____________　报送日期：____________", info),
    ]
    document.build(story)
    return buffer.getvalue()
