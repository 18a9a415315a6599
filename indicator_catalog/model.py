"""Typed, immutable view of an indicator catalog (一级 → 二级 → 三级, bonus and veto items).

Nothing here assumes a particular number of areas, groups or indicators: the 2021 guide has 9/32/100,
a newer one 10/34/104.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from indicator_catalog.deadlines import Deadline, Milestone
from indicator_catalog.demands import describe_time_demand

# Version 2 (issue 17): requirement year / period / period_since / as_list / distinct, bonus since / year,
# catalog kind, open questions. ``indicator_catalog.upgrade`` converts older documents.
SCHEMA_VERSION = 2
CATALOG_KINDS = ("assessment", "plan")


@dataclass(frozen=True)
class Requirement:
    """One item of an indicator's evidence demand (具体资料报送)."""

    key: str  # "<row number>.<item>"; items shared by a 合并提供 group keep the key of the row holding them
    text: str
    min_count: int | None = None  # 任意10件 → 10
    needs_url: bool = False  # the item asks for 网址
    needs_contact: bool = False  # the item asks for 联系方式
    onsite: bool = False  # 实地核查: prepared for a site visit, no document
    since: int | None = None  # 2019年以来 → 2019
    year: int | None = None  # one year, not "since": 2021 年执法记录台账 → 2021
    period: str | None = None  # "quarterly" | "annual" | "monthly": （2022 年按季度提供）
    period_since: int | None = None  # the year the period starts: （2022 年按季度提供） → 2022
    as_list: bool = False  # 列表提供
    distinct: str | None = None  # 任意10家不同行业的企业 → "行业"

    @property
    def time_demand(self) -> str:
        """ "2021年", "2019年以来", "2021年；2022年起按季度" or ""."""
        return describe_time_demand(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "text": self.text,
            "min_count": self.min_count,
            "needs_url": self.needs_url,
            "needs_contact": self.needs_contact,
            "onsite": self.onsite,
            "since": self.since,
            "year": self.year,
            "period": self.period,
            "period_since": self.period_since,
            "as_list": self.as_list,
            "distinct": self.distinct,
        }


@dataclass(frozen=True)
class Indicator:
    """A third-level (三级) indicator."""

    number: int
    area: str  # area code, e.g. "二"
    group: str  # group code, e.g. "二.3"
    text: str
    units: tuple[str, ...]  # canonical unit or collective names
    requirements: tuple[Requirement, ...]
    onsite: bool = False
    shared_with: tuple[int, ...] = ()
    since: int | None = None
    points: float = 10
    units_as_written: str = ""
    evidence_as_written: str = ""
    notes: tuple[str, ...] = ()
    deadline: Deadline | None = None  # a county sheet's 完成时限 (not a start year)
    task_id: str | None = None  # a plan task's id as printed ("一.（一）.3"); None for scored indicators
    lead_units: tuple[str, ...] = ()  # a plan task's 牵头单位 (also listed first in ``units``)

    @property
    def label(self) -> str:
        """How people address it: the task id of a plan task, else the number ("26")."""
        return self.task_id or str(self.number)

    @property
    def evidence_group(self) -> tuple[int, ...]:
        """This indicator and every indicator it shares evidence with (合并提供), sorted."""
        return tuple(sorted({self.number, *self.shared_with}))

    @property
    def document_requirements(self) -> tuple[Requirement, ...]:
        """Requirements that need documents (not 实地核查)."""
        return tuple(r for r in self.requirements if not r.onsite)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "area": self.area,
            "group": self.group,
            "text": self.text,
            "units_as_written": self.units_as_written,
            "units": list(self.units),
            "evidence_as_written": self.evidence_as_written,
            "requirements": [r.to_dict() for r in self.requirements],
            "onsite": self.onsite,
            "shared_with": list(self.shared_with),
            "since": self.since,
            "points": _number(self.points),
            "notes": list(self.notes),
            **({"deadline": self.deadline.text} if self.deadline is not None else {}),
            **({"task_id": self.task_id, "lead_units": list(self.lead_units)} if self.task_id else {}),
        }


@dataclass(frozen=True)
class Group:
    """A second-level (二级) indicator."""

    code: str
    name: str
    area: str
    numbers: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "numbers": list(self.numbers)}


@dataclass(frozen=True)
class Area:
    """A first-level (一级) indicator."""

    code: str
    name: str
    groups: tuple[Group, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(n for g in self.groups for n in g.numbers)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "groups": [g.to_dict() for g in self.groups]}


@dataclass(frozen=True)
class UnitName:
    """A responsible unit (县司法局) or a collective name (各乡镇) with its aliases."""

    name: str
    aliases: tuple[str, ...] = ()
    collective: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases), "collective": self.collective}


@dataclass(frozen=True)
class BonusItem:
    id: str  # B1, B2 …
    text: str
    max_points: float
    units: tuple[str, ...] = ()
    since: int | None = None  # 2019年以来 → 2019
    year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "max_points": _number(self.max_points),
            "units": list(self.units),
            "since": self.since,
            "year": self.year,
        }


@dataclass(frozen=True)
class VetoItem:
    id: str  # V1, V2 …
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True)
class Placement:
    """One answer to where an indicator belongs, with the source's basis for it."""

    group: str  # group code, e.g. "五.1"
    basis: str  # why, in Chinese (which part of the source says so)
    quote: str = ""  # the source's words, verbatim

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "basis": self.basis, "quote": self.quote}


@dataclass(frozen=True)
class OpenQuestion:
    """A point the source leaves open (the table and the body text disagree), recorded with every
    alternative so the office chooses and the product shows it, instead of deciding silently."""

    id: str  # e.g. "placement-69"
    indicator: int
    question: str
    placements: tuple[Placement, ...]
    default: str  # the group code the catalog file uses
    chosen: str | None = None  # set by ``placements.with_placement``

    @property
    def current(self) -> str:
        return self.chosen or self.default

    def placement(self, group: str) -> Placement:
        for placement in self.placements:
            if placement.group == group:
                return placement
        raise KeyError(group)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": "placement",
            "indicator": self.indicator,
            "question": self.question,
            "placements": [p.to_dict() for p in self.placements],
            "default": self.default,
        }
        if self.chosen is not None:
            data["chosen"] = self.chosen
        return data


@dataclass(frozen=True)
class Catalog:
    id: str
    title: str
    areas: tuple[Area, ...]
    indicators: tuple[Indicator, ...]  # in catalog order
    units: tuple[UnitName, ...] = ()
    bonus: tuple[BonusItem, ...] = ()
    veto: tuple[VetoItem, ...] = ()
    source: str = ""
    bonus_cap: float | None = None  # overall cap on bonus points, if the catalog states one
    kind: str = "assessment"  # "assessment" (scored indicators) | "plan" (a task list, see ``plan``)
    open_questions: tuple[OpenQuestion, ...] = ()
    stages: tuple[Milestone, ...] = ()  # a plan's 实施步骤 ("到2021年，…"), plan kind only
    _index: dict[int, Indicator] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({i.number: i for i in self.indicators})

    @property
    def is_plan(self) -> bool:
        """A task list (no scoring: progress instead of points)."""
        return self.kind == "plan"

    @cached_property
    def _task_numbers(self) -> dict[str, int]:
        return {i.task_id: i.number for i in self.indicators if i.task_id}

    def number_of(self, reference: str | int) -> int | None:
        """The number of the indicator or task ``reference`` names ("26", 26, "一.（一）.3"), or None."""
        if isinstance(reference, int):
            return reference if reference in self._index else None
        text = "".join(str(reference).split())
        if text in self._task_numbers:
            return self._task_numbers[text]
        if text.isdigit() and int(text) in self._index:
            return int(text)
        normal = text.replace("(", "（").replace(")", "）").replace("、", ".").replace("．", ".")
        return self._task_numbers.get(normal)

    def item_name(self, number: int) -> str:
        """How messages name it: "第 26 项指标", or "任务 一.（一）.3" in a plan."""
        return f"任务 {self.label_of(number)}" if self.is_plan else f"第 {number} 项指标"

    def item_label(self, number: int) -> str:
        """How a message names an item: "第 26 项", or "任务 一.（一）.3" in a plan (never 第 n 项)."""
        return (
            f"任务 {self.label_of(number)}" if self.is_plan and number in self._index else f"第 {number} 项"
        )

    def label_of(self, number: int) -> str:
        """The task id of a plan task, else the number as text."""
        found = self._index.get(number)
        return found.label if found is not None else str(number)

    # -- lookups -------------------------------------------------------------------------------
    def indicator(self, number: int) -> Indicator:
        """The indicator with ``number``; ``KeyError`` if there is none."""
        return self._index[number]

    def has_indicator(self, number: int) -> bool:
        return number in self._index

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        return tuple(g for a in self.areas for g in a.groups)

    def group(self, code: str) -> Group:
        for g in self.groups:
            if g.code == code:
                return g
        raise KeyError(code)

    def area(self, code: str) -> Area:
        for a in self.areas:
            if a.code == code:
                return a
        raise KeyError(code)

    def bonus_item(self, item_id: str) -> BonusItem:
        for b in self.bonus:
            if b.id == item_id:
                return b
        raise KeyError(item_id)

    def veto_item(self, item_id: str) -> VetoItem:
        for v in self.veto:
            if v.id == item_id:
                return v
        raise KeyError(item_id)

    @cached_property
    def _unit_lookup(self) -> dict[str, UnitName]:
        lookup: dict[str, UnitName] = {}
        for unit in self.units:
            lookup[unit.name] = unit
            for alias in unit.aliases:
                lookup.setdefault(alias, unit)
        return lookup

    def resolve_unit(self, name: str) -> UnitName | None:
        """The unit called ``name`` or by alias ``name`` (whitespace ignored), or ``None``."""
        return self._unit_lookup.get("".join(name.split()))

    def indicators_of_unit(self, canonical_name: str) -> tuple[int, ...]:
        """Numbers of the indicators that name this unit (or collective) directly."""
        return tuple(i.number for i in self.indicators if canonical_name in i.units)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "areas": len(self.areas),
            "groups": len(self.groups),
            "indicators": len(self.indicators),
            "bonus": len(self.bonus),
            "veto": len(self.veto),
        }

    @property
    def max_points(self) -> float:
        return sum(i.points for i in self.indicators)

    # -- serialisation -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The catalog as a plain document; itself a valid catalog file (``catalog show --json``)."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "counts": self.counts,
            "units": [u.to_dict() for u in self.units],
            "areas": [a.to_dict() for a in self.areas],
            "indicators": [i.to_dict() for i in self.indicators],
            "bonus": [b.to_dict() for b in self.bonus],
            "veto": [v.to_dict() for v in self.veto],
        }
        if self.bonus_cap is not None:
            data["bonus_cap"] = _number(self.bonus_cap)
        if self.open_questions:
            data["open_questions"] = [q.to_dict() for q in self.open_questions]
        if self.stages:
            data["stages"] = [m.to_dict() for m in self.stages]
        return data

    def open_question(self, question_id: str) -> OpenQuestion:
        for question in self.open_questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def open_questions_of(self, number: int) -> tuple[OpenQuestion, ...]:
        """The open questions about indicator ``number`` (for the catalog view and the report)."""
        return tuple(q for q in self.open_questions if q.indicator == number)


def _number(value: float) -> float | int:
    """Whole numbers print as integers in JSON (10, not 10.0)."""
    return int(value) if float(value).is_integer() else value
