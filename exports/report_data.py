"""Plain, frozen data every export renders from (no Qt, no database).

``app.export.service`` collects a ``ReportData`` from an open project (store + scoring services); the
renderers in this package (PDF, DOCX, workbook, bundle, folder archive) only read it. Tests build it directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from indicator_catalog import Catalog, Indicator

#: Reviewer levels in the order the report lists them; ``None`` means not yet assessed.
LEVELS: tuple[str, ...] = ("达标", "基本达标", "未达标", "不适用")
NOT_ASSESSED = "未评估"  # the scoring service's word for "no level yet"


def level_label(level: str | None) -> str:
    return level if level else NOT_ASSESSED


def format_points(value: float) -> str:
    """Whole numbers without decimals (10, not 10.0); otherwise up to two decimals (8.57)."""
    rounded = round(float(value), 2)
    if rounded.is_integer():
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0").rstrip(".")


def format_date_cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class IndicatorScore:
    """One third-level indicator's assessment: level → factor → points (traceable)."""

    number: int
    level: str | None  # one of LEVELS, or None when not yet assessed
    factor: float
    points: float
    max: float
    comment: str = ""
    applicable: bool = True  # False for 不适用: removed from the maximum
    assessed_by: str = ""


@dataclass(frozen=True)
class GroupScore:
    code: str
    name: str
    area: str
    score: float
    max: float


@dataclass(frozen=True)
class AreaScore:
    code: str
    name: str
    score: float
    max: float


@dataclass(frozen=True)
class ScoreSummary:
    total: float
    base: float
    base_max: float
    bonus: float
    vetoed: bool
    veto_items: tuple[str, ...]
    result: str  # 有效 / 一票否决
    areas: tuple[AreaScore, ...]
    groups: tuple[GroupScore, ...]
    indicators: tuple[IndicatorScore, ...]

    @cached_property
    def _by_number(self) -> dict[int, IndicatorScore]:
        return {s.number: s for s in self.indicators}

    def indicator(self, number: int) -> IndicatorScore | None:
        return self._by_number.get(number)

    def area(self, code: str) -> AreaScore | None:
        return next((a for a in self.areas if a.code == code), None)

    def group(self, code: str) -> GroupScore | None:
        return next((g for g in self.groups if g.code == code), None)

    @property
    def level_counts(self) -> dict[str, int]:
        counts = {label: 0 for label in (*LEVELS, NOT_ASSESSED)}
        for score in self.indicators:
            counts[level_label(score.level)] += 1
        return counts


@dataclass(frozen=True)
class EvidenceItem:
    """One active (not withdrawn) evidence file and the indicators it is filed under."""

    id: str
    filename: str  # the original (Chinese) file name
    unit: str
    kind: str  # "pdf" or "xlsx"
    sha256: str
    stored_path: Path  # the content-addressed file in the project's evidence store (a PDF or XLSX)
    indicators: tuple[int, ...]
    pages: int | None = None
    sheets: int | None = None
    title: str = ""
    period: str = ""  # YYYY or YYYY-MM
    size: int = 0
    status: str = ""  # review status as shown to people (待审核 / 已通过 / 已退回)
    # The stored file ``sha256`` names when ``stored_path`` is a PDF made from it on demand (a photo):
    # the folder ZIP carries this one, so its hashes are the ones the index prints.
    kept_path: Path | None = None

    @property
    def display_title(self) -> str:
        return self.title or Path(self.filename).stem

    @property
    def extent(self) -> str:
        """页数 or 工作表数, as printed in lists."""
        if self.kind == "pdf":
            return f"{self.pages}页" if self.pages is not None else ""
        return f"{self.sheets}个工作表" if self.sheets is not None else ""


@dataclass(frozen=True)
class UnitTask:
    """One responsible unit's task for one indicator (a row of the 任务分解)."""

    indicator: int
    unit: str
    status: str  # 未提交 / 待审核 / 已通过 / 已退回 …
    evidence_count: int = 0
    pages: int = 0
    comment: str = ""


@dataclass(frozen=True)
class BonusClaim:
    id: str
    text: str
    max_points: float
    points: float  # claimed points (0 when not claimed)
    note: str = ""


@dataclass(frozen=True)
class VetoDeclaration:
    id: str
    text: str
    triggered: bool
    note: str = ""
    reviewed: bool = False  # someone recorded a conclusion (a triggered item counts as reviewed)

    @property
    def conclusion(self) -> str:
        """已发生 / 未发生 / 未审查, as printed."""
        if self.triggered:
            return "已发生"
        return "未发生" if self.reviewed else UNREVIEWED


UNREVIEWED = "未审查"
ERROR_SEVERITY = "错误"

#: How the generated draft marks what the office still has to write; a section still holding it counts as
#: not written (the report stays a 草稿).
DRAFT_PLACEHOLDER = "（请补充："

#: Narrative keys besides the per-area ones (``area_key``), in the report's order.
BASIC_KEY = "basic"
PROBLEMS_KEY = "problems"
NEXT_STEPS_KEY = "next_steps"


def area_key(position: int) -> str:
    """The narrative key of the ``position``-th (1-based) 一级指标's 主要做法和成效: ``area:1`` …"""
    return f"area:{position}"


def narrative_sections(catalog: Catalog) -> list[tuple[str, str]]:
    """``(key, title)`` of every narrative section in the official order of a 自评报告."""
    sections = [(BASIC_KEY, "基本情况")]
    sections += [(area_key(i), f"{area.code}、{area.name}") for i, area in enumerate(catalog.areas, start=1)]
    sections += [(PROBLEMS_KEY, "存在问题和整改措施"), (NEXT_STEPS_KEY, "下一步打算")]
    return sections


@dataclass(frozen=True)
class Finding:
    """A problem the self-check found (open before submission)."""

    severity: str  # 错误 / 警告 / 提示 (or the checker's own words)
    message: str
    indicator: str = ""  # "26", "B1", "" for project-wide
    unit: str = ""


@dataclass(frozen=True)
class ReportData:
    county: str
    year: int
    catalog: Catalog
    issuing_body: str  # e.g. 某某县人民政府
    date: dt.date
    score: ScoreSummary
    evidence: tuple[EvidenceItem, ...] = ()
    unit_tasks: tuple[UnitTask, ...] = ()
    bonus: tuple[BonusClaim, ...] = ()
    veto: tuple[VetoDeclaration, ...] = ()
    findings: tuple[Finding, ...] = ()
    scheme_name: str = "参考评分方案"
    scheme_lines: tuple[str, ...] = ()
    #: The catalog's open questions: the placement in use, the alternative and its subtotals (a
    #: paragraph each).
    open_questions: tuple[str, ...] = ()
    disclaimer: str = ""
    generated_by: str = ""  # actor who exported
    #: The office's own text per section (keys: ``narrative_sections``); empty ones print a gap note.
    narrative: Mapping[str, str] = field(default_factory=dict)
    #: 自评说明 per third-level indicator (number → text).
    indicator_notes: Mapping[int, str] = field(default_factory=dict)
    #: Level → factor of the scheme in force (the workbook's formulas); empty: taken from the scores.
    level_factors: Mapping[str, float] = field(default_factory=dict)
    #: Evidence id → (first page, pages) in the one-volume bundle (``exports.bundle.bundle_pages``);
    #: empty: not laid out (the report then computes it).
    bundle_pages: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    # -- honest status ---------------------------------------------------------------------------
    @property
    def unassessed(self) -> int:
        """Third-level indicators without a level."""
        scored = {s.number: s for s in self.score.indicators}
        return sum(
            1 for i in self.catalog.indicators if i.number not in scored or scored[i.number].level is None
        )

    @property
    def unreviewed_veto(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.veto if not v.triggered and not v.reviewed)

    @property
    def selfcheck_errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR_SEVERITY)

    @property
    def missing_narrative(self) -> tuple[str, ...]:
        """Titles of the narrative sections not written yet (empty, or still the draft's placeholder)."""
        return tuple(
            title
            for key, title in narrative_sections(self.catalog)
            if not self.narrative.get(key, "").strip() or DRAFT_PLACEHOLDER in self.narrative.get(key, "")
        )

    @property
    def draft_reasons(self) -> tuple[str, ...]:
        """Why the report is still a 草稿 (empty: it may be handed in)."""
        reasons = []
        if self.unassessed:
            reasons.append(f"尚有 {self.unassessed} 项三级指标未评估")
        if self.unreviewed_veto:
            reasons.append(f"否决项 {'、'.join(self.unreviewed_veto)} 未审查")
        if self.selfcheck_errors:
            reasons.append(f"报送前自查有 {self.selfcheck_errors} 个错误")
        if self.missing_narrative:
            reasons.append(f"{len(self.missing_narrative)} 个部分尚未撰写")
        return tuple(reasons)

    @property
    def is_draft(self) -> bool:
        return bool(self.draft_reasons)

    @property
    def title(self) -> str:
        return f"{self.county}法治政府建设示范创建自评报告"

    @cached_property
    def _evidence_by_indicator(self) -> dict[int, tuple[EvidenceItem, ...]]:
        index: dict[int, list[EvidenceItem]] = {}
        for item in self.evidence:
            for number in item.indicators:
                index.setdefault(number, []).append(item)
        return {number: tuple(items) for number, items in index.items()}

    def evidence_for(self, number: int) -> tuple[EvidenceItem, ...]:
        """Evidence filed under indicator ``number`` (in collection order)."""
        return self._evidence_by_indicator.get(number, ())

    def evidence_for_group(self, indicator: Indicator) -> tuple[EvidenceItem, ...]:
        """Evidence of the indicator's 合并提供 group, each file once."""
        seen: set[str] = set()
        items: list[EvidenceItem] = []
        for number in indicator.evidence_group:
            for item in self.evidence_for(number):
                if item.id not in seen:
                    seen.add(item.id)
                    items.append(item)
        return tuple(items)

    def tasks_for(self, number: int) -> tuple[UnitTask, ...]:
        return tuple(t for t in self.unit_tasks if t.indicator == number)

    @cached_property
    def evidence_names(self) -> dict[str, str]:
        """Evidence id → the one name the file has everywhere (report index, bundle separators and
        bookmarks, folder archive): ``{indicator}-{seq}_{unit}_{original name}``, where indicator and
        seq place the file where the bundle first includes it."""
        names: dict[str, str] = {}
        for indicator, items in evidence_sections(self):
            seq = 0
            for item in items:
                if item.id in names:
                    continue
                seq += 1
                names[item.id] = f"{indicator.number}-{seq}_{item.unit}_{item.filename}"
        return names

    def evidence_name(self, item: EvidenceItem) -> str:
        return self.evidence_names.get(item.id, item.filename)


def evidence_sections(
    data: ReportData, unit: str | None = None
) -> list[tuple[Indicator, list[EvidenceItem]]]:
    """Evidence in bundle order: per indicator (a 合并提供 group once, under its first indicator), the
    files by unit (the catalog's order) then in the order they came in. A file filed under several
    indicators appears under each. ``unit``: only that unit's files."""
    sections: list[tuple[Indicator, list[EvidenceItem]]] = []
    for indicator in data.catalog.indicators:
        group = indicator.evidence_group
        if indicator.number != group[0]:
            continue
        items = data.evidence_for_group(indicator) if len(group) > 1 else data.evidence_for(indicator.number)
        if unit is not None:
            items = tuple(item for item in items if item.unit == unit)
        order = {name: i for i, name in enumerate(unit_order(indicator, (item.unit for item in items)))}
        ranked = [
            item for _, item in sorted(enumerate(items), key=lambda pair: (order[pair[1].unit], pair[0]))
        ]
        sections.append((indicator, ranked))
    return sections


def unit_order(indicator: Indicator, units: Iterable[str]) -> list[str]:
    """Units in the order the catalog names them for the indicator, then any others by name."""
    listed = {name: index for index, name in enumerate(indicator.units)}
    return sorted(set(units), key=lambda name: (listed.get(name, len(listed)), name))
