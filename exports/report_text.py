"""The report's wording, shared by the PDF and the DOCX so both say exactly the same thing."""

from __future__ import annotations

from exports.report_data import (
    BASIC_KEY,
    NEXT_STEPS_KEY,
    PROBLEMS_KEY,
    EvidenceItem,
    ReportData,
    format_points,
    level_label,
)
from indicator_catalog import Indicator

#: The report's parts in the official order of a 自评报告: the office's narrative first (基本情况,
#: 主要做法和成效 per 一级指标, 存在问题和整改措施, 下一步打算), then the scores and the records behind
#: them; the self-check findings are an appendix.
PART_TITLES = (
    "第一部分　基本情况",
    "第二部分　主要做法和成效",
    "第三部分　存在问题和整改措施",
    "第四部分　下一步打算",
    "第五部分　自评得分情况",
    "第六部分　分项自评情况",
    "第七部分　加分项",
    "第八部分　否决项声明",
    "第九部分　评分方案",
    "第十部分　印证资料索引",
    "第十一部分　审核签署",
    "附录　报送前自查问题清单",
)
#: Narrative key of the parts that are one narrative section each (第二部分 has one per 一级指标).
PART_NARRATIVE = {0: BASIC_KEY, 2: PROBLEMS_KEY, 3: NEXT_STEPS_KEY}
NARRATIVE_GAP = "（本部分尚未撰写。可由系统根据自评数据生成初稿，经依法治县办改写后导出。）"
DRAFT_MARK = "草稿"
CAVEAT = "本报告分值按参考评分方案计算，非官方分值；官方分值由中央评估专家组确定。"

#: Evidence files listed in an indicator's row; the full list is in 第七部分.
EVIDENCE_IN_ROW = 12

INDICATOR_HEADERS = ("序号", "指标内容", "责任单位", "自评等次", "得分", "评定意见")
INDEX_HEADERS = ("编号", "文件名（汇编名称）", "资料标题", "页数", "期间", "汇编页码", "校验码")
SIGN_OFF_LABELS = (
    "自评单位（盖章）",
    "主要负责人（签字）",
    "分管负责人（签字）",
    "审核人（签字）",
    "填报人",
    "联系电话",
    "日期",
)
SIGN_OFF_STATEMENT = "".join(
    (
        "本单位对照指标体系逐项开展了自评，本报告所列自评情况、得分及印证资料真实、准确、完整。",
        "如有不实，愿承担相应责任。",
    )
)

_NUMERALS = "一二三四五六七八九十"


def cn_ordinal(index: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (for （一） style group numbers)."""
    if index <= 10:
        return _NUMERALS[index - 1]
    tens, ones = divmod(index, 10)
    head = "十" if tens == 1 else _NUMERALS[tens - 1] + "十"
    return head + (_NUMERALS[ones - 1] if ones else "")


def units_text(indicator: Indicator) -> str:
    """县司法局、县财政局及相关审批部门: collective names that start with 及 join without a comma."""
    out = ""
    for name in indicator.units:
        out += name if (not out or name.startswith("及")) else f"、{name}"
    return out or indicator.units_as_written


def draft_notice(data: ReportData) -> str:
    """The cover's explanation of the 草稿 mark (empty when the report is final)."""
    reasons = data.draft_reasons
    if not reasons:
        return ""
    return f"本报告为草稿，不得作为正式材料报送：{'；'.join(reasons)}。"


def cover_score(data: ReportData) -> str:
    """自评总分 as the cover prints it: a draft never claims a result."""
    total = f"{format_points(data.score.total)} 分"
    if data.is_draft:
        return f"{total}（草稿，自评未完成）"
    return f"{total}（{data.score.result}）"


def narrative_paragraphs(data: ReportData, key: str) -> list[str]:
    """The office's text of a section, one paragraph per line; empty when not written."""
    value = data.narrative.get(key, "")
    return [line.strip() for line in value.splitlines() if line.strip()]


def indicator_note(data: ReportData, number: int) -> str:
    return data.indicator_notes.get(number, "").strip()


def summary_paragraphs(data: ReportData) -> list[str]:
    score = data.score
    catalog = data.catalog
    counts = score.level_counts
    level_text = "、".join(f"{label} {n} 项" for label, n in counts.items() if n)
    veto_text = (
        f"触发否决项 {'、'.join(score.veto_items)}，按规定实行一票否决" if score.vetoed else "未触发否决项"
    )
    return [
        f"根据《{catalog.title}》，{data.county}对照 {len(catalog.areas)} 项一级指标、"
        f"{len(catalog.groups)} 项二级指标、{len(catalog.indicators)} 项三级指标，逐项收集印证资料、"
        f"逐项审核并开展自评。",
        f"经自评，三级指标评定结果为：{level_text}。基础得分 {format_points(score.base)} 分"
        f"（满分 {format_points(score.base_max)} 分），加分 {format_points(score.bonus)} 分，"
        f"总分 {format_points(score.total)} 分；{veto_text}。"
        + (f"自评结论：{score.result}。" if not data.is_draft else "自评尚未完成，暂不作结论。"),
    ]


def rate(got: float, top: float) -> str:
    return f"{got / top * 100:.1f}%" if top else "—"


def summary_rows(data: ReportData) -> list[list[str]]:
    """表1: one row per 一级指标, then the totals (序号, 一级指标, 满分, 得分, 得分率)."""
    score = data.score
    rows: list[list[str]] = []
    earned_total = 0.0
    max_total = 0.0
    for area in data.catalog.areas:
        area_score = score.area(area.code)
        got = area_score.score if area_score else 0.0
        top = area_score.max if area_score else 0.0
        earned_total += got
        max_total += top
        rows.append([area.code, area.name, format_points(top), format_points(got), rate(got, top)])
    rows.append(
        [
            "",
            "三级指标合计",
            format_points(max_total),
            format_points(earned_total),
            rate(earned_total, max_total),
        ]
    )
    rows.append(
        [
            "",
            "折算基础得分",
            format_points(score.base_max),
            format_points(score.base),
            rate(score.base, score.base_max),
        ]
    )
    rows.append(["", "加分", "", format_points(score.bonus), ""])
    rows.append(["", "总分", "", format_points(score.total), score.result])
    return rows


def indicator_cells(data: ReportData, indicator: Indicator) -> tuple[str, str, str]:
    """(level, points, comment) as printed for an indicator."""
    score = data.score.indicator(indicator.number)
    level = score.level if score else None
    if score and not score.applicable:
        points = "—"
    elif score:
        points = f"{format_points(score.points)}/{format_points(score.max)}"
    else:
        points = f"0/{format_points(indicator.points)}"
    return level_label(level), points, score.comment if score else ""


def evidence_items(data: ReportData, indicator: Indicator) -> tuple[EvidenceItem, ...]:
    """The evidence listed under an indicator: its 合并提供 group's files (each once) or its own."""
    if len(indicator.evidence_group) > 1:
        return data.evidence_for_group(indicator)
    return data.evidence_for(indicator.number)


def evidence_entry(item: EvidenceItem) -> str:
    details = "，".join(part for part in (item.unit, item.extent) if part)
    return f"{item.filename}（{details}）" if details else item.filename


def evidence_summary(data: ReportData, indicator: Indicator) -> tuple[str, str, bool]:
    """(label, list text, missing) for the evidence row under an indicator."""
    group = indicator.evidence_group
    if len(group) > 1 and indicator.number != group[0]:
        return "印证资料", f"与第 {group[0]} 项合并提供，见第 {group[0]} 项。", False
    items = evidence_items(data, indicator)
    label = "印证资料"
    if len(group) > 1:
        label += f"（第 {'、'.join(str(n) for n in group)} 项合并提供）"
    if not items:
        if indicator.onsite:
            return label, "实地核查项目，无需报送书面资料。", False
        return label, "暂无", True
    entries = [f"{i}. {evidence_entry(item)}" for i, item in enumerate(items[:EVIDENCE_IN_ROW], start=1)]
    more = ""
    if len(items) > EVIDENCE_IN_ROW:
        more = f"；……等共 {len(items)} 件，完整清单见第七部分“印证资料索引”"
    return f"{label}（{len(items)} 件）", "；".join(entries) + more, False


def index_label(indicator: Indicator) -> str:
    group = indicator.evidence_group
    return f"第 {indicator.number} 项" if len(group) == 1 else f"第 {group[0]}–{group[-1]} 项（合并提供）"


def bundle_span(data: ReportData, item: EvidenceItem) -> str:
    """``第 12–15 页``: the file's pages in the evidence bundle (``—`` when not laid out)."""
    placed = data.bundle_pages.get(item.id)
    if placed is None:
        return "—"
    first, count = placed
    return f"第 {first} 页" if count == 1 else f"第 {first}–{first + count - 1} 页"


def index_row(data: ReportData, item: EvidenceItem) -> list[str]:
    if item.kind == "pdf":
        extent = str(item.pages) if item.pages is not None else ""
    else:
        extent = f"{item.sheets}表" if item.sheets is not None else ""
    return [
        item.id,
        data.evidence_name(item),
        item.title,
        extent,
        item.period,
        bundle_span(data, item),
        item.sha256[:16],
    ]


def evidence_index_intro(data: ReportData) -> str:
    total_pages = sum(item.pages or 0 for item in data.evidence)
    return (
        f"本次自评共报送印证资料 {len(data.evidence)} 件（PDF 共 {total_pages} 页）。"
        "以下按指标顺序列出全部资料；文件名即资料在印证资料汇编和归档包中的名称，"
        "汇编页码为该资料在《印证资料汇编》中的页码；"
        "校验码为文件 SHA-256 值的前 16 位，完整值见资料归档包中的 hashes.txt。"
    )


def bonus_total_text(data: ReportData) -> str:
    cap = data.catalog.bonus_cap
    return (
        f"加分合计 {format_points(data.score.bonus)} 分"
        + (f"（加分上限 {format_points(cap)} 分）" if cap is not None else "")
        + "。"
    )


def veto_statement(data: ReportData) -> list[str]:
    """The declaration, only for the items someone reviewed; a line naming the unreviewed ones."""
    triggered = [v for v in data.veto if v.triggered]
    cleared = [v for v in data.veto if v.reviewed and not v.triggered]
    lines: list[str] = []
    if triggered:
        names = "、".join(v.id for v in triggered)
        lines.append(f"经自查，存在否决情形（{names}），按规定实行一票否决，自评结论为“一票否决”。")
    elif cleared:
        every = len(cleared) == len(data.veto)
        which = "上述否决情形" if every else f"上述第 {'、'.join(v.id for v in cleared)} 项否决情形"
        lines.append(
            f"经认真自查，{data.county}在示范创建期间未发生{which}，申报材料真实、准确，"
            "不存在故意编造、虚构有关数据、资料、文件或者隐瞒事实真相的情况。特此声明。"
        )
    if data.unreviewed_veto:
        lines.append(
            f"否决项 {'、'.join(data.unreviewed_veto)} 尚未审查（未审查），本报告不对其作出声明；"
            "审查完成前本报告为草稿。"
        )
    return lines


def findings_intro(data: ReportData) -> str:
    if not data.findings:
        return "报送前自查未发现问题。"
    return f"报送前自查发现以下 {len(data.findings)} 个问题（完整清单），需在正式报送前整改或作出说明："


def scheme_intro(data: ReportData) -> str:
    return f"本报告采用“{data.scheme_name}”计分，具体如下："
