"""Scoring: a replaceable scheme (data) and pure functions that turn levels, bonus claims and vetoes into
a score. No database, no Qt.

The official point values are not published, so the product ships a *reference* scheme
(``reference_scheme``) and lets the office load its own (``scheme_from_document``). Every score carries
``DISCLAIMER`` and the scheme it was computed with.

Arithmetic is done in ``Decimal`` (values converted through ``str`` so 0.6 stays 0.6) and the base score
is rounded half-up to two decimals before the bonus is added, so every printed number adds up exactly and
tests can compute expected totals by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.base.errors import UsageError
from app.scoring.scheme import (
    DISCLAIMER,
    NA,
    NOT_ASSESSED,
    RESULT_VALID,
    RESULT_VETOED,
    ScoringScheme,
    cents,
    dec,
    is_number,
    json_number,
    num,
    parse_level,
    scheme_to_document,
)
from indicator_catalog import Catalog

# -- the scheme -----------------------------------------------------------------------------------


# -- the score ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorScore:
    number: int
    level: str
    factor: float | None  # None when 不适用
    points: float  # earned (max × factor), before rescaling
    max: float
    applicable: bool
    comment: str | None = None
    area: str = ""
    group: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "level": self.level,
            "score": json_number(self.points),
            "max": json_number(self.max),
            "factor": json_number(self.factor),
            "applicable": self.applicable,
            "area": self.area,
            "group": self.group,
            "comment": self.comment,
        }


@dataclass(frozen=True)
class AreaScore:
    code: str
    name: str
    score: float  # sum of its indicators' points, before rescaling
    max: float  # sum of its applicable indicators' maxima
    full_max: float = 0.0  # including 不适用 indicators
    assessed: int = 0
    count: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "score": json_number(self.score),
            "max": json_number(self.max),
            "full_max": json_number(self.full_max),
            "assessed": self.assessed,
            "count": self.count,
        }


@dataclass(frozen=True)
class GroupScore:
    code: str
    name: str
    area: str
    score: float
    max: float
    full_max: float = 0.0
    numbers: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "area": self.area,
            "score": json_number(self.score),
            "max": json_number(self.max),
            "full_max": json_number(self.full_max),
            "numbers": list(self.numbers),
        }


@dataclass(frozen=True)
class BonusScore:
    id: str
    claimed: float
    cap: float
    awarded: float  # after the item's cap, before the overall cap

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claimed": json_number(self.claimed),
            "cap": json_number(self.cap),
            "awarded": json_number(self.awarded),
        }


@dataclass(frozen=True)
class ScoreResult:
    total: float
    base: float
    base_max: float
    bonus: float
    vetoed: bool
    veto_items: tuple[str, ...]
    result: str
    areas: tuple[AreaScore, ...]
    groups: tuple[GroupScore, ...]
    indicators: tuple[IndicatorScore, ...]
    bonus_items: tuple[BonusScore, ...]
    scheme: ScoringScheme
    disclaimer: str = DISCLAIMER
    earned: float = 0.0  # sum of indicator points before rescaling
    applicable_max: float = 0.0  # sum of applicable indicators' maxima
    bonus_claimed: float = 0.0  # sum after per-item caps, before the overall cap
    bonus_max: float = 0.0
    assessed: int = 0
    not_applicable: int = 0
    passed: bool | None = None  # against the scheme's pass mark, if it has one
    veto_ids: tuple[str, ...] = ()  # every veto item of the catalog, triggered or not

    def indicator(self, number: int) -> IndicatorScore:
        for item in self.indicators:
            if item.number == number:
                return item
        raise KeyError(number)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": json_number(self.total),
            "base": json_number(self.base),
            "base_max": json_number(self.base_max),
            "bonus": json_number(self.bonus),
            "bonus_max": json_number(self.bonus_max),
            "vetoed": self.vetoed,
            "veto_items": list(self.veto_items),
            "result": self.result,
            "passed": self.passed,
            "pass_mark": json_number(self.scheme.pass_mark),
            "earned": json_number(self.earned),
            "applicable_max": json_number(self.applicable_max),
            "assessed": self.assessed,
            "not_applicable": self.not_applicable,
            "indicator_count": len(self.indicators),
            "areas": [a.to_json() for a in self.areas],
            "groups": [g.to_json() for g in self.groups],
            "indicators": [i.to_json() for i in self.indicators],
            "bonus_items": [b.to_json() for b in self.bonus_items],
            "scheme": {
                **scheme_to_document(self.scheme),
                "source": self.scheme.source,
                "reference": self.scheme.reference,
                "official": False,
            },
            "disclaimer": self.disclaimer,
        }


def compute_score(
    catalog: Catalog,
    scheme: ScoringScheme,
    levels: Mapping[int, str],
    bonus_points: Mapping[str, float],
    vetoes: Iterable[str],
    *,
    comments: Mapping[int, str | None] | None = None,
) -> ScoreResult:
    """Score ``catalog`` under ``scheme``. Missing levels count as 未评估. Raises ``UsageError`` for an
    unknown indicator, level, bonus or veto item, or a negative bonus claim."""
    for number in levels:
        if not catalog.has_indicator(number):
            raise UsageError(f"指标体系 {catalog.id} 中没有第 {number} 项指标")
    veto_ids = {v.id for v in catalog.veto}
    triggered = set()
    for item in vetoes:
        if item not in veto_ids:
            raise UsageError(f"未知的否决项：{item}（有：{'、'.join(sorted(veto_ids)) or '无'}）")
        triggered.add(item)
    bonus_ids = [b.id for b in catalog.bonus]
    for item, claimed in bonus_points.items():
        if item not in bonus_ids:
            raise UsageError(f"未知的加分项：{item}（有：{'、'.join(bonus_ids) or '无'}）")
        if not is_number(claimed) or claimed < 0:
            raise UsageError(f"加分项 {item} 的分值无效：{claimed!r}（应为不小于 0 的数）")

    comments = comments or {}
    points_dec = {ind.number: dec(scheme.points_for(ind.number)) for ind in catalog.indicators}
    factor_dec = {level: dec(factor) for level, factor in scheme.level_factors}
    indicator_scores: list[IndicatorScore] = []
    earned_by_number: dict[int, Decimal] = {}
    max_by_number: dict[int, Decimal] = {}
    assessed = not_applicable = 0
    for ind in catalog.indicators:
        raw_level = levels.get(ind.number)
        level = NOT_ASSESSED if raw_level in (None, NOT_ASSESSED) else parse_level(str(raw_level))
        max_points = points_dec[ind.number]
        if level == NA:
            not_applicable += 1
            factor: float | None = None
            earned = Decimal(0)
            applicable_max = Decimal(0)
        else:
            factor = scheme.factor(level)
            earned = max_points * factor_dec[level]
            applicable_max = max_points
        if level != NOT_ASSESSED:
            assessed += 1
        earned_by_number[ind.number] = earned
        max_by_number[ind.number] = applicable_max
        indicator_scores.append(
            IndicatorScore(
                number=ind.number,
                level=level,
                factor=factor,
                points=num(earned),
                max=num(max_points),
                applicable=level != NA,
                comment=comments.get(ind.number),
                area=ind.area,
                group=ind.group,
            )
        )

    def subtotal(numbers: Iterable[int]) -> tuple[Decimal, Decimal, Decimal]:
        nums = list(numbers)
        return (
            sum((earned_by_number[n] for n in nums), Decimal(0)),
            sum((max_by_number[n] for n in nums), Decimal(0)),
            sum((points_dec[n] for n in nums), Decimal(0)),
        )

    group_scores: list[GroupScore] = []
    for group in catalog.groups:
        score, gmax, full = subtotal(group.numbers)
        group_scores.append(
            GroupScore(group.code, group.name, group.area, num(score), num(gmax), num(full), group.numbers)
        )
    area_scores: list[AreaScore] = []
    for area in catalog.areas:
        score, amax, full = subtotal(area.numbers)
        area_assessed = sum(1 for n in area.numbers if levels.get(n) not in (None, NOT_ASSESSED))
        area_scores.append(
            AreaScore(
                area.code, area.name, num(score), num(amax), num(full), area_assessed, len(area.numbers)
            )
        )

    earned_total = sum(earned_by_number.values(), Decimal(0))
    applicable_total = sum(max_by_number.values(), Decimal(0))
    scale = dec(scheme.base_scale)
    base = cents(scale * earned_total / applicable_total) if applicable_total > 0 else Decimal(0)
    base = min(base, scale)  # factors are ≤ 1, so this only guards against a bad scheme

    bonus_scores: list[BonusScore] = []
    claimed_total = Decimal(0)
    caps_total = Decimal(0)
    for bonus_item in catalog.bonus:
        item_claim = dec(bonus_points.get(bonus_item.id, 0))
        cap_value = scheme.bonus_cap(bonus_item.id)
        cap = dec(cap_value if cap_value is not None else bonus_item.max_points)
        awarded = min(item_claim, cap)
        claimed_total += awarded
        caps_total += cap
        bonus_scores.append(BonusScore(bonus_item.id, num(item_claim), num(cap), num(awarded)))
    total_cap = dec(scheme.bonus_total_cap)
    bonus = min(claimed_total, total_cap)
    bonus_max = min(caps_total, total_cap)
    total = base + bonus

    veto_order = [v.id for v in catalog.veto if v.id in triggered]
    vetoed = bool(veto_order)
    passed = None
    if scheme.pass_mark is not None:
        passed = (not vetoed) and total >= dec(scheme.pass_mark)
    return ScoreResult(
        total=num(total),
        base=num(base),
        base_max=num(scale),
        bonus=num(bonus),
        vetoed=vetoed,
        veto_items=tuple(veto_order),
        result=RESULT_VETOED if vetoed else RESULT_VALID,
        areas=tuple(area_scores),
        groups=tuple(group_scores),
        indicators=tuple(indicator_scores),
        bonus_items=tuple(bonus_scores),
        scheme=scheme,
        disclaimer=DISCLAIMER,
        earned=num(earned_total),
        applicable_max=num(applicable_total),
        bonus_claimed=num(claimed_total),
        bonus_max=num(bonus_max),
        assessed=assessed,
        not_applicable=not_applicable,
        passed=passed,
        veto_ids=tuple(v.id for v in catalog.veto),
    )


# -- explain --------------------------------------------------------------------------------------
