"""app.scoring.scheme: moved from app.scoring.compute."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.base.errors import FazhiError, UsageError
from app.base.jsonsafe import JsonLimitError, loads_limited
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


def dec(value: float | int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def num(value: Decimal | float) -> float:
    return float(value)


def json_number(value: float | None) -> float | int | None:
    """Whole numbers print as integers in JSON (10, not 10.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 4)


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def scheme_from_document(doc: Any, catalog: Catalog, source_name: str) -> ScoringScheme:
    """Validate a scheme document (parsed YAML/JSON) against ``catalog``; raise ``SchemeError`` listing
    every problem (file, entry, reason). Omitted sections keep the reference scheme's values."""
    problems: list[SchemeProblem] = []

    def add(path: str, reason: str) -> None:
        problems.append(SchemeProblem(source_name, path, reason))

    def number(value: Any, path: str, *, minimum: float = 0, maximum: float | None = None) -> float | None:
        if not is_number(value):
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
        if is_number(section):  # shorthand: ``points: 10``
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
            "default": json_number(s.default_points),
            "overrides": {str(n): json_number(p) for n, p in s.points_overrides},
        },
        "levels": {level: json_number(f) for level, f in s.level_factors},
        "bonus": {
            "caps": {item: json_number(cap) for item, cap in s.bonus_caps},
            "total_cap": json_number(s.bonus_total_cap),
        },
        "base_scale": json_number(s.base_scale),
        "pass_mark": json_number(s.pass_mark),
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
            doc = loads_limited(text)
        except json.JSONDecodeError as exc:
            raise fail(f"第 {exc.lineno} 行第 {exc.colno} 列", f"JSON 格式错误：{exc.msg}") from exc
        except JsonLimitError as exc:
            raise fail("", str(exc)) from None
    else:
        try:
            import yaml

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
