"""A first draft of the report's narrative, made from the data (counts, scores, evidence titles).

The office rewrites it: it states only what the project records show and leaves the judgement (what
worked, why, what to do next) to the people who know. ``draft_narrative`` is pure: same data, same text.
"""

from __future__ import annotations

from exports.report_data import (
    BASIC_KEY,
    DRAFT_PLACEHOLDER,
    ERROR_SEVERITY,
    NEXT_STEPS_KEY,
    PROBLEMS_KEY,
    ReportData,
    area_key,
    format_points,
)
from exports.report_text import cn_ordinal, rate

#: Evidence titles quoted per 二级指标 in a draft.
TITLES_PER_GROUP = 3
#: Indicators named in the draft's 存在问题.
PROBLEMS_LISTED = 8


def _short(value: str, limit: int = 30) -> str:
    value = value.rstrip("。；;，, ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _distinct(titles: list[str]) -> list[str]:
    """Titles in order, each once (several files often share one title, e.g. 台账 of two units)."""
    return list(dict.fromkeys(titles))


def draft_narrative(data: ReportData) -> dict[str, str]:
    """Draft text for every narrative section (keys as ``narrative_sections``)."""
    catalog = data.catalog
    score = data.score
    units = sorted({item.unit for item in data.evidence if item.unit})
    pages = sum(item.pages or 0 for item in data.evidence)
    counts = score.level_counts
    levels = "、".join(f"{label} {n} 项" for label, n in counts.items() if n)
    draft: dict[str, str] = {}
    draft[BASIC_KEY] = "\n".join(
        (
            f"{data.county}对照《{catalog.title}》开展法治政府建设示范创建自评，"
            f"涉及一级指标 {len(catalog.areas)} 项、二级指标 {len(catalog.groups)} 项、"
            f"三级指标 {len(catalog.indicators)} 项。",
            f"{len(units)} 个责任单位报送印证资料 {len(data.evidence)} 件（PDF 共 {pages} 页），"
            f"依法治县办逐项审核。三级指标评定结果：{levels or '尚未评定'}；"
            f"按{data.scheme_name}计算自评总分 {format_points(score.total)} 分（非官方分值）。",
            f"{DRAFT_PLACEHOLDER}县情概况，创建工作的组织领导、工作机制和推进过程。）",
        )
    )
    for position, area in enumerate(catalog.areas, start=1):
        area_score = score.area(area.code)
        lines = []
        if area_score:
            lines.append(
                f"本项共 {len(area.numbers)} 项三级指标，满分 {format_points(area_score.max)} 分，"
                f"自评得分 {format_points(area_score.score)} 分"
                f"（得分率 {rate(area_score.score, area_score.max)}）。"
            )
        for index, group in enumerate(area.groups, start=1):
            seen: set[str] = set()
            titles: list[str] = []
            for number in group.numbers:
                for item in data.evidence_for(number):
                    if item.id not in seen:
                        seen.add(item.id)
                        titles.append(item.display_title)
            if titles:
                quoted = "、".join(f"《{_short(t)}》" for t in _distinct(titles)[:TITLES_PER_GROUP])
                more = f"等 {len(titles)} 件" if len(titles) > TITLES_PER_GROUP else f"共 {len(titles)} 件"
                lines.append(f"（{cn_ordinal(index)}）{group.name}。报送{quoted}{more}资料。")
            else:
                lines.append(f"（{cn_ordinal(index)}）{group.name}。暂无印证资料。")
        lines.append(f"{DRAFT_PLACEHOLDER}主要做法、取得的成效和关键数据。）")
        draft[area_key(position)] = "\n".join(lines)
    problems = []
    for indicator in catalog.indicators:
        indicator_score = score.indicator(indicator.number)
        if indicator_score is None or indicator_score.level not in ("基本达标", "未达标"):
            continue
        reason = f"：{indicator_score.comment.rstrip('。')}" if indicator_score.comment else ""
        problems.append(
            f"第 {indicator.number} 项“{_short(indicator.text)}”自评{indicator_score.level}{reason}。"
        )
    lines = []
    if problems:
        shown = problems[:PROBLEMS_LISTED]
        lines.append("对照指标体系，仍有以下差距：" + "".join(shown))
        if len(problems) > PROBLEMS_LISTED:
            lines.append(f"另有 {len(problems) - PROBLEMS_LISTED} 项三级指标未完全达标。")
    errors = sum(1 for f in data.findings if f.severity == ERROR_SEVERITY)
    if errors:
        lines.append(f"报送前自查发现 {errors} 个错误（详见附录），正在逐项整改。")
    if not lines:
        lines.append("对照指标体系逐项自查，未发现未达标的指标。")
    lines.append(f"{DRAFT_PLACEHOLDER}问题原因和整改措施、责任单位、完成时限。）")
    draft[PROBLEMS_KEY] = "\n".join(lines)
    draft[NEXT_STEPS_KEY] = (
        f"{data.county}将以示范创建为抓手，巩固创建成果，补齐短板弱项，推动法治政府建设各项任务落地见效。\n"
        f"{DRAFT_PLACEHOLDER}下一步的具体安排。）"
    )
    return draft


def draft_note(data: ReportData, number: int) -> str:
    """Draft 自评说明 of third-level indicator ``number``: its level and points, the reviewer's comment,
    the evidence titles and units, and a gap note for what only the office can say."""
    indicator = data.catalog.indicator(number)
    score = data.score.indicator(number)
    lines: list[str] = []
    if score is None or score.level is None:
        lines.append("本项尚未评定等级。")
    elif not score.applicable:
        lines.append(f"本项自评{score.level}。")
    else:
        points, most = format_points(score.points), format_points(score.max)
        lines.append(f"本项自评{score.level}，得分 {points} 分（满分 {most} 分）。")
    if score is not None and score.comment:
        lines.append(f"评定意见：{score.comment.rstrip('。')}。")
    items = data.evidence_for_group(indicator)
    if items:
        units = "、".join(sorted({item.unit for item in items if item.unit}))
        titles = _distinct([item.display_title for item in items])
        quoted = "、".join(f"《{_short(title)}》" for title in titles[:TITLES_PER_GROUP])
        more = f"等 {len(items)} 件" if len(items) > TITLES_PER_GROUP else f"共 {len(items)} 件"
        lines.append(f"{units or '责任单位'}报送{quoted}{more}印证资料。")
    else:
        units = "、".join(indicator.units)
        lines.append(f"暂无印证资料{f'（责任单位：{units}）' if units else ''}。")
    lines.append(f"{DRAFT_PLACEHOLDER}本项的主要做法、成效和关键数据。）")
    return "\n".join(lines)


def draft_notes(data: ReportData) -> dict[int, str]:
    """Draft 自评说明 of every third-level indicator (number → text)."""
    return {indicator.number: draft_note(data, indicator.number) for indicator in data.catalog.indicators}
