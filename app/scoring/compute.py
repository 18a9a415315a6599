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

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from app.base.errors import FazhiError, UsageError
from indicator_catalog import Catalog

DISCLAIMER = "参考评分方案，非官方分值；官方分值由中央评估专家组确定"
RESULT_VALID = "有效"
RESULT_VETOED = "一票否决"
MAX_SCHEME_BYTES = 2 * 1024 * 1024


class Level(StrEnum):
    MET = "达标"
    PARTIAL = "基本达标"
    UNMET = "未达标"
    NA = "不适用"
    NOT_ASSESSED = "未评估"


MET = Level.MET.value
PARTIAL = Level.PARTIAL.value
UNMET = Level.UNMET.value
NA = Level.NA.value
NOT_ASSESSED = Level.NOT_ASSESSED.value

#: Levels a reviewer can give (``未评估`` is the absence of one).
REVIEW_LEVELS: tuple[str, ...] = (MET, PARTIAL, UNMET, NA)
#: Levels that carry a factor in a scheme (``不适用`` removes the indicator instead).
FACTOR_LEVELS: tuple[str, ...] = (MET, PARTIAL, UNMET, NOT_ASSESSED)

_LEVEL_ALIASES: dict[str, str] = {
    MET: MET,
    PARTIAL: PARTIAL,
    UNMET: UNMET,
    NA: NA,
    "met": MET,
    "partial": PARTIAL,
    "unmet": UNMET,
    "na": NA,
    "n/a": NA,
}
_FACTOR_KEY_ALIASES: dict[str, str] = {
    MET: MET,
    PARTIAL: PARTIAL,
    UNMET: UNMET,
    NOT_ASSESSED: NOT_ASSESSED,
    "met": MET,
    "partial": PARTIAL,
    "unmet": UNMET,
    "not_assessed": NOT_ASSESSED,
}


def parse_level(text: str) -> str:
    """The canonical level for ``text`` (Chinese name or English alias); ``UsageError`` otherwise."""
    key = "".join(str(text).split())
    level = _LEVEL_ALIASES.get(key) or _LEVEL_ALIASES.get(key.lower())
    if level is None:
        valid = "、".join(REVIEW_LEVELS)
        raise UsageError(f"未知的评估等级：{text!r}（可用：{valid}；或 met、partial、unmet、na）")
    return level


def _dec(value: float | int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _num(value: Decimal | float) -> float:
    return float(value)


def _json_number(value: float | None) -> float | int | None:
    """Whole numbers print as integers in JSON (10, not 10.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 4)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# -- the scheme -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoringScheme:
    """How levels, bonus claims and vetoes become points. Data, not code."""

    name: str
    catalog_id: str
    default_points: float
    points_overrides: tuple[tuple[int, float], ...]  # (indicator number, points), sorted
    level_factors: tuple[tuple[str, float], ...]  # one per FACTOR_LEVELS entry
    bonus_caps: tuple[tuple[str, float], ...]  # (bonus item id, cap) in catalog order
    bonus_total_cap: float
    base_scale: float = 1000
    pass_mark: float | None = None
    note: str = ""
    source: str = field(default="内置参考方案", compare=False)  # where it came from, not what it is
    reference: bool = False  # the built-in reference scheme, unchanged
    _points: dict[int, float] = field(default_factory=dict, compare=False, repr=False)
    _factors: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _caps: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._points.update(self.points_overrides)
        self._factors.update(self.level_factors)
        self._caps.update(self.bonus_caps)

    def points_for(self, number: int) -> float:
        return self._points.get(number, self.default_points)

    def factor(self, level: str) -> float:
        return self._factors[level]

    def bonus_cap(self, item_id: str) -> float | None:
        return self._caps.get(item_id)

    @property
    def official(self) -> bool:
        """Never: official point values are unpublished (the product must not claim otherwise)."""
        return False


def reference_scheme(catalog: Catalog) -> ScoringScheme:
    """design.md's reference scheme: 10 per indicator (or the catalog's stated points), factors
    1.0/0.6/0/0, each bonus item up to its catalog maximum, bonus capped at 20, base scaled to 1000."""
    default = 10.0
    overrides = tuple(sorted((i.number, float(i.points)) for i in catalog.indicators if i.points != default))
    return ScoringScheme(
        name="参考评分方案（每项三级指标10分）",
        catalog_id=catalog.id,
        default_points=default,
        points_overrides=overrides,
        level_factors=((MET, 1.0), (PARTIAL, 0.6), (UNMET, 0.0), (NOT_ASSESSED, 0.0)),
        bonus_caps=tuple((b.id, float(b.max_points)) for b in catalog.bonus),
        bonus_total_cap=float(catalog.bonus_cap) if catalog.bonus_cap is not None else 20.0,
        base_scale=1000.0,
        pass_mark=None,
        note="",
        source="内置参考方案",
        reference=True,
    )


@dataclass(frozen=True)
class SchemeProblem:
    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '(文件)'}: {self.reason}"


class SchemeError(FazhiError):
    """A scoring scheme file is unreadable or invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[SchemeProblem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        more = f"（另有 {len(self.problems) - 1} 个问题）" if len(self.problems) > 1 else ""
        super().__init__(f"评分方案文件无效 {first}{more}")


_TOP_KEYS = {"name", "catalog", "points", "levels", "bonus", "base_scale", "pass_mark", "note"}
# Printed by ``fazhi scheme --json`` for the reader; ignored on load so that output loads back as is.
_INFORMATIONAL_KEYS = {"source", "reference", "official", "disclaimer"}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def scheme_from_document(doc: Any, catalog: Catalog, source_name: str) -> ScoringScheme:
    """Validate a scheme document (parsed YAML/JSON) against ``catalog``; raise ``SchemeError`` listing
    every problem (file, entry, reason). Omitted sections keep the reference scheme's values."""
    problems: list[SchemeProblem] = []

    def add(path: str, reason: str) -> None:
        problems.append(SchemeProblem(source_name, path, reason))

    def number(value: Any, path: str, *, minimum: float = 0, maximum: float | None = None) -> float | None:
        if not _is_number(value):
            add(path, f"应为数值，实际为 {value!r}")
            return None
        if value < minimum:
            add(path, f"数值 {value!r} 小于 {minimum:g}")
            return None
        if maximum is not None and value > maximum:
            add(path, f"数值 {value!r} 大于 {maximum:g}")
            return None
        return float(value)

    ref = reference_scheme(catalog)
    if not isinstance(doc, dict):
        add("", "顶层应为对象（name, points, levels, bonus, base_scale …）")
        raise SchemeError(problems)
    for key in doc:
        if key not in _TOP_KEYS and key not in _INFORMATIONAL_KEYS:
            add(str(key), f"未知字段（可用：{', '.join(sorted(_TOP_KEYS))}）")

    name = doc.get("name", "自定义评分方案")
    if not isinstance(name, str) or not name.strip():
        add("name", "应为非空文本")
        name = "自定义评分方案"
    note = doc.get("note", "")
    if not isinstance(note, str):
        add("note", "应为文本")
        note = ""
    catalog_id = doc.get("catalog", catalog.id)
    if catalog_id != catalog.id:
        add("catalog", f"方案适用于指标体系 {catalog_id!r}，本项目使用 {catalog.id!r}")

    # points
    default_points = ref.default_points
    overrides: dict[int, float] = dict(ref.points_overrides)
    if "points" in doc:
        section = doc["points"]
        if _is_number(section):  # shorthand: ``points: 10``
            section = {"default": section}
        if not isinstance(section, dict):
            add("points", "应为对象（default, overrides）或数值")
        else:
            overrides = {}
            for key in section:
                if key not in {"default", "overrides"}:
                    add(f"points.{key}", "未知字段（可用：default, overrides）")
            if "default" in section:
                value = number(section["default"], "points.default")
                if value is not None:
                    default_points = value
            raw = section.get("overrides") or {}
            if not isinstance(raw, dict):
                add("points.overrides", "应为对象：指标编号 → 分值")
                raw = {}
            for key, value in raw.items():
                path = f"points.overrides.{key}"
                try:
                    indicator = int(str(key).strip())
                except ValueError:
                    add(path, f"不是指标编号：{key!r}")
                    continue
                if not catalog.has_indicator(indicator):
                    add(path, f"指标体系 {catalog.id} 中没有第 {indicator} 项指标")
                    continue
                points = number(value, path)
                if points is not None:
                    overrides[indicator] = points

    # level factors
    factors = dict(ref.level_factors)
    if "levels" in doc:
        section = doc["levels"]
        if not isinstance(section, dict):
            add("levels", "应为对象：等级 → 系数（达标、基本达标、未达标、未评估）")
        else:
            for key, value in section.items():
                path = f"levels.{key}"
                level = _FACTOR_KEY_ALIASES.get(str(key).strip()) or _FACTOR_KEY_ALIASES.get(
                    str(key).strip().lower()
                )
                if level is None:
                    if parse_level_or_none(str(key)) == NA:
                        add(path, "不适用不设系数：该指标不计入满分，基础分按适用指标折算")
                    else:
                        add(path, f"未知的等级（可用：{'、'.join(FACTOR_LEVELS)}）")
                    continue
                factor = number(value, path, maximum=1)
                if factor is not None:
                    factors[level] = factor

    # bonus
    caps = dict(ref.bonus_caps)
    total_cap = ref.bonus_total_cap
    if "bonus" in doc:
        section = doc["bonus"]
        if not isinstance(section, dict):
            add("bonus", "应为对象（caps, total_cap）")
        else:
            for key in section:
                if key not in {"caps", "total_cap"}:
                    add(f"bonus.{key}", "未知字段（可用：caps, total_cap）")
            raw = section.get("caps") or {}
            if not isinstance(raw, dict):
                add("bonus.caps", "应为对象：加分项编号 → 上限")
                raw = {}
            known = {b.id for b in catalog.bonus}
            for key, value in raw.items():
                path = f"bonus.caps.{key}"
                item = str(key).strip().upper()
                if item not in known:
                    add(
                        path,
                        f"指标体系 {catalog.id} 中没有加分项 {key}（有：{'、'.join(sorted(known)) or '无'}）",
                    )
                    continue
                cap = number(value, path)
                if cap is not None:
                    caps[item] = cap
            if "total_cap" in section:
                value = number(section["total_cap"], "bonus.total_cap")
                if value is not None:
                    total_cap = value

    base_scale = ref.base_scale
    if "base_scale" in doc:
        value = number(doc["base_scale"], "base_scale")
        if value is not None and value <= 0:
            add("base_scale", "应大于 0")
        elif value is not None:
            base_scale = value

    pass_mark: float | None = None
    if doc.get("pass_mark") is not None:
        pass_mark = number(doc["pass_mark"], "pass_mark")
        if pass_mark is not None and pass_mark > base_scale + total_cap:
            add("pass_mark", f"合格线 {pass_mark:g} 高于可能的最高分 {base_scale + total_cap:g}")

    if problems:
        raise SchemeError(problems)
    scheme = ScoringScheme(
        name=name.strip(),
        catalog_id=catalog.id,
        default_points=default_points,
        points_overrides=tuple(sorted(overrides.items())),
        level_factors=tuple((level, factors[level]) for level in FACTOR_LEVELS),
        bonus_caps=tuple((b.id, caps[b.id]) for b in catalog.bonus if b.id in caps),
        bonus_total_cap=total_cap,
        base_scale=base_scale,
        pass_mark=pass_mark,
        note=note,
        source=source_name,
    )
    return _with_reference_flag(scheme, ref)


def _with_reference_flag(scheme: ScoringScheme, ref: ScoringScheme) -> ScoringScheme:
    same = (
        scheme.default_points == ref.default_points
        and dict(scheme.points_overrides) == dict(ref.points_overrides)
        and scheme.level_factors == ref.level_factors
        and scheme.bonus_caps == ref.bonus_caps
        and scheme.bonus_total_cap == ref.bonus_total_cap
        and scheme.base_scale == ref.base_scale
        and scheme.pass_mark is None
    )
    if same == scheme.reference:
        return scheme

    return replace(scheme, reference=same)


def parse_level_or_none(text: str) -> str | None:
    try:
        return parse_level(text)
    except UsageError:
        return None


def scheme_to_document(s: ScoringScheme) -> dict[str, Any]:
    """The scheme as a plain document; ``scheme_from_document`` accepts it back unchanged."""
    doc: dict[str, Any] = {
        "name": s.name,
        "catalog": s.catalog_id,
        "points": {
            "default": _json_number(s.default_points),
            "overrides": {str(n): _json_number(p) for n, p in s.points_overrides},
        },
        "levels": {level: _json_number(f) for level, f in s.level_factors},
        "bonus": {
            "caps": {item: _json_number(cap) for item, cap in s.bonus_caps},
            "total_cap": _json_number(s.bonus_total_cap),
        },
        "base_scale": _json_number(s.base_scale),
        "pass_mark": _json_number(s.pass_mark),
    }
    if s.note:
        doc["note"] = s.note
    return doc


def read_scheme_file(path: str | Path, catalog: Catalog) -> ScoringScheme:
    """Read and validate a YAML or JSON scheme file; ``SchemeError`` names the file, entry and reason."""
    path = Path(path)
    name = str(path)

    def fail(where: str, reason: str) -> SchemeError:
        return SchemeError([SchemeProblem(name, where, reason)])

    try:
        size = path.stat().st_size
        if size > MAX_SCHEME_BYTES:
            raise fail("", f"文件过大（{size} 字节）")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise fail("", "文件不存在") from exc
    except OSError as exc:
        raise fail("", f"无法读取：{exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail("", "不是 UTF-8 编码的文本文件") from exc
    if not text.strip():
        raise fail("", "文件为空")
    doc: Any
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(f"第 {exc.lineno} 行第 {exc.colno} 列", f"JSON 格式错误：{exc.msg}") from exc
    else:
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark is not None else ""
            raise fail(where, f"YAML 格式错误：{getattr(exc, 'problem', None) or exc}") from exc
    return scheme_from_document(doc, catalog, name)


def describe_scheme(s: ScoringScheme) -> list[str]:
    """Human-readable lines describing the scheme (for reports, the CLI and the window)."""
    factors = "，".join(f"{level} ×{f:g}" for level, f in s.level_factors)
    overrides = "；".join(f"第{n}项 {p:g} 分" for n, p in s.points_overrides)
    caps = "、".join(f"{item} 最高 {cap:g} 分" for item, cap in s.bonus_caps)
    lines = [
        f"评分方案：{s.name}（{'内置参考方案' if s.reference else '来源 ' + s.source}）",
        DISCLAIMER,
        f"每项三级指标 {s.default_points:g} 分" + (f"（另：{overrides}）" if overrides else ""),
        f"等级系数：{factors}；不适用的指标不计入满分",
        f"基础分 = {s.base_scale:g} × 得分 ÷ 适用指标满分",
        f"加分项：{caps or '无'}，合计最高 {s.bonus_total_cap:g} 分；总分 = 基础分 + 加分",
        "否决项：任一触发即为“一票否决”（分数仍列出）",
    ]
    if s.pass_mark is not None:
        lines.append(f"合格线：{s.pass_mark:g} 分")
    if s.note:
        lines.append(f"说明：{s.note}")
    return lines


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
            "score": _json_number(self.points),
            "max": _json_number(self.max),
            "factor": _json_number(self.factor),
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
            "score": _json_number(self.score),
            "max": _json_number(self.max),
            "full_max": _json_number(self.full_max),
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
            "score": _json_number(self.score),
            "max": _json_number(self.max),
            "full_max": _json_number(self.full_max),
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
            "claimed": _json_number(self.claimed),
            "cap": _json_number(self.cap),
            "awarded": _json_number(self.awarded),
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
            "total": _json_number(self.total),
            "base": _json_number(self.base),
            "base_max": _json_number(self.base_max),
            "bonus": _json_number(self.bonus),
            "bonus_max": _json_number(self.bonus_max),
            "vetoed": self.vetoed,
            "veto_items": list(self.veto_items),
            "result": self.result,
            "passed": self.passed,
            "pass_mark": _json_number(self.scheme.pass_mark),
            "earned": _json_number(self.earned),
            "applicable_max": _json_number(self.applicable_max),
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
        if not _is_number(claimed) or claimed < 0:
            raise UsageError(f"加分项 {item} 的分值无效：{claimed!r}（应为不小于 0 的数）")

    comments = comments or {}
    points_dec = {ind.number: _dec(scheme.points_for(ind.number)) for ind in catalog.indicators}
    factor_dec = {level: _dec(factor) for level, factor in scheme.level_factors}
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
                points=_num(earned),
                max=_num(max_points),
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
            GroupScore(group.code, group.name, group.area, _num(score), _num(gmax), _num(full), group.numbers)
        )
    area_scores: list[AreaScore] = []
    for area in catalog.areas:
        score, amax, full = subtotal(area.numbers)
        area_assessed = sum(1 for n in area.numbers if levels.get(n) not in (None, NOT_ASSESSED))
        area_scores.append(
            AreaScore(
                area.code, area.name, _num(score), _num(amax), _num(full), area_assessed, len(area.numbers)
            )
        )

    earned_total = sum(earned_by_number.values(), Decimal(0))
    applicable_total = sum(max_by_number.values(), Decimal(0))
    scale = _dec(scheme.base_scale)
    base = _cents(scale * earned_total / applicable_total) if applicable_total > 0 else Decimal(0)
    base = min(base, scale)  # factors are ≤ 1, so this only guards against a bad scheme

    bonus_scores: list[BonusScore] = []
    claimed_total = Decimal(0)
    caps_total = Decimal(0)
    for bonus_item in catalog.bonus:
        item_claim = _dec(bonus_points.get(bonus_item.id, 0))
        cap_value = scheme.bonus_cap(bonus_item.id)
        cap = _dec(cap_value if cap_value is not None else bonus_item.max_points)
        awarded = min(item_claim, cap)
        claimed_total += awarded
        caps_total += cap
        bonus_scores.append(BonusScore(bonus_item.id, _num(item_claim), _num(cap), _num(awarded)))
    total_cap = _dec(scheme.bonus_total_cap)
    bonus = min(claimed_total, total_cap)
    bonus_max = min(caps_total, total_cap)
    total = base + bonus

    veto_order = [v.id for v in catalog.veto if v.id in triggered]
    vetoed = bool(veto_order)
    passed = None
    if scheme.pass_mark is not None:
        passed = (not vetoed) and total >= _dec(scheme.pass_mark)
    return ScoreResult(
        total=_num(total),
        base=_num(base),
        base_max=_num(scale),
        bonus=_num(bonus),
        vetoed=vetoed,
        veto_items=tuple(veto_order),
        result=RESULT_VETOED if vetoed else RESULT_VALID,
        areas=tuple(area_scores),
        groups=tuple(group_scores),
        indicators=tuple(indicator_scores),
        bonus_items=tuple(bonus_scores),
        scheme=scheme,
        disclaimer=DISCLAIMER,
        earned=_num(earned_total),
        applicable_max=_num(applicable_total),
        bonus_claimed=_num(claimed_total),
        bonus_max=_num(bonus_max),
        assessed=assessed,
        not_applicable=not_applicable,
        passed=passed,
        veto_ids=tuple(v.id for v in catalog.veto),
    )


# -- explain --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExplainStep:
    """One link of the chain from an indicator's level to the total."""

    kind: (
        str  # indicator | level | factor | points | group | area | base | bonus_item | bonus | total | result
    )
    label: str
    value: float | str | None
    detail: str

    def to_json(self) -> dict[str, Any]:
        value = self.value if isinstance(self.value, str) or self.value is None else _json_number(self.value)
        return {"kind": self.kind, "label": self.label, "value": value, "detail": self.detail}


def _g(value: float) -> str:
    """A number as people write it: 10, 0.6, 542.86 (never 10.0 or 0.6000)."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def _tail_steps(result: ScoreResult) -> list[ExplainStep]:
    s = result.scheme
    steps = [
        ExplainStep(
            "base",
            "基础分",
            result.base,
            f"{_g(s.base_scale)} × {_g(result.earned)} ÷ {_g(result.applicable_max)} = {_g(result.base)}"
            f"（不适用 {result.not_applicable} 项不计入满分；保留两位小数）",
        ),
        ExplainStep(
            "bonus",
            "加分",
            result.bonus,
            f"各加分项（按单项上限）合计 {_g(result.bonus_claimed)}，合计上限 {_g(s.bonus_total_cap)}，"
            f"计 {_g(result.bonus)}",
        ),
        ExplainStep(
            "total",
            "总分",
            result.total,
            f"基础分 {_g(result.base)} + 加分 {_g(result.bonus)} = {_g(result.total)}",
        ),
    ]
    if result.vetoed:
        detail = f"否决项 {'、'.join(result.veto_items)} 已触发：结果为一票否决（分数仍列出）"
    else:
        detail = "未触发否决项：结果有效"
    if s.pass_mark is not None:
        detail += f"；合格线 {_g(s.pass_mark)}：{'达到' if result.passed else '未达到'}"
    steps.append(ExplainStep("result", "结论", result.result, detail))
    return steps


def explain(result: ScoreResult, target: int | str = "total") -> list[ExplainStep]:
    """Steps from ``target`` (an indicator number, a bonus item id, a veto id, an area or group code, or
    ``total``) to the result. ``UsageError`` for an unknown target."""
    text = str(target).strip()
    if text.isdigit():
        number = int(text)
        try:
            ind = result.indicator(number)
        except KeyError:
            raise UsageError(f"没有第 {number} 项指标") from None
        steps = [
            ExplainStep(
                "indicator",
                "三级指标",
                number,
                f"所属 {ind.area} / {ind.group}；满分 {_g(ind.max)}",
            ),
            ExplainStep("level", "评估等级", ind.level, ind.comment or ""),
        ]
        if ind.applicable:
            assert ind.factor is not None
            steps.append(ExplainStep("factor", "等级系数", ind.factor, f"{ind.level} ×{_g(ind.factor)}"))
            steps.append(
                ExplainStep(
                    "points", "得分", ind.points, f"{_g(ind.max)} × {_g(ind.factor)} = {_g(ind.points)}"
                )
            )
        else:
            steps.append(
                ExplainStep("points", "得分", None, "不适用：不计分，也不计入满分（基础分按适用指标折算）")
            )
        group = next(g for g in result.groups if g.code == ind.group)
        area = next(a for a in result.areas if a.code == ind.area)
        steps.append(
            ExplainStep(
                "group",
                f"二级指标 {group.code} {group.name}",
                group.score,
                f"小计 {_g(group.score)} / {_g(group.max)}",
            )
        )
        steps.append(
            ExplainStep(
                "area",
                f"一级指标 {area.code} {area.name}",
                area.score,
                f"小计 {_g(area.score)} / {_g(area.max)}",
            )
        )
        return steps + _tail_steps(result)
    key = text.upper()
    if key in dict(result.scheme.bonus_caps) or any(b.id == key for b in result.bonus_items):
        item = next((b for b in result.bonus_items if b.id == key), None)
        if item is None or item.claimed == 0:
            steps = [ExplainStep("bonus_item", f"加分项 {key}", 0.0, "未申报加分")]
        else:
            steps = [
                ExplainStep(
                    "bonus_item",
                    f"加分项 {key}",
                    item.awarded,
                    f"申报 {_g(item.claimed)}，单项上限 {_g(item.cap)}，计 {_g(item.awarded)}",
                )
            ]
        return steps + _tail_steps(result)[1:]
    if key in result.veto_ids:
        state = "已触发" if key in result.veto_items else "未触发"
        return [
            ExplainStep("veto", f"否决项 {key}", state, "任一否决项触发即为一票否决"),
            *_tail_steps(result)[-1:],
        ]
    if text.lower() in {"total", "总分", "base", "基础分", "bonus", "加分"}:
        steps = [
            ExplainStep("area", f"一级指标 {a.code} {a.name}", a.score, f"小计 {_g(a.score)} / {_g(a.max)}")
            for a in result.areas
        ]
        steps.append(
            ExplainStep(
                "earned",
                "三级指标得分合计",
                result.earned,
                f"{_g(result.earned)} / 适用满分 {_g(result.applicable_max)}",
            )
        )
        return steps + _tail_steps(result)
    for area in result.areas:
        if area.code == text:
            groups = [g for g in result.groups if g.area == area.code]
            steps = [
                ExplainStep(
                    "group", f"二级指标 {g.code} {g.name}", g.score, f"小计 {_g(g.score)} / {_g(g.max)}"
                )
                for g in groups
            ]
            steps.append(
                ExplainStep(
                    "area",
                    f"一级指标 {area.code} {area.name}",
                    area.score,
                    f"小计 {_g(area.score)} / {_g(area.max)}",
                )
            )
            return steps + _tail_steps(result)
    for group in result.groups:
        if group.code == text:
            steps = [
                ExplainStep(
                    "points",
                    f"第 {i.number} 项（{i.level}）",
                    i.points,
                    f"{_g(i.max)} × {_g(i.factor)} = {_g(i.points)}" if i.factor is not None else "不适用",
                )
                for i in result.indicators
                if i.group == group.code
            ]
            steps.append(
                ExplainStep(
                    "group",
                    f"二级指标 {group.code} {group.name}",
                    group.score,
                    f"小计 {_g(group.score)} / {_g(group.max)}",
                )
            )
            return steps + _tail_steps(result)
    raise UsageError(f"无法解释：{target!r}（可用：指标编号、加分项/否决项编号、一级/二级指标编号或 total）")
