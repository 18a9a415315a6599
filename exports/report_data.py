"""Plain, frozen data every export renders from (no Qt, no database).

``app.export.service`` collects a ``ReportData`` from an open project (store + scoring services); the
renderers in this package (PDF, DOCX, workbook, bundle, folder archive) only read it. Tests build it directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
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
    stored_path: Path  # the content-addressed file in the project's evidence store
    indicators: tuple[int, ...]
    pages: int | None = None
    sheets: int | None = None
    title: str = ""
    period: str = ""  # YYYY or YYYY-MM
    size: int = 0
    status: str = ""  # review status as shown to people (待审核 / 已通过 / 已退回)

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
    open_questions: tuple[str, ...] = ()  # the catalog's open questions and the choice in use, one line each
    disclaimer: str = ""
    generated_by: str = ""  # actor who exported

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


def unit_order(indicator: Indicator, units: Iterable[str]) -> list[str]:
    """Units in the order the catalog names them for the indicator, then any others by name."""
    listed = {name: index for index, name in enumerate(indicator.units)}
    return sorted(set(units), key=lambda name: (listed.get(name, len(listed)), name))
