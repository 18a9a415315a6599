"""Plan catalogs (``kind: plan``): the task lists of a 法治政府建设 plan that a legal office tracks.

A plan has sections (一、… and, for two-level lists, （一）…), tasks with ids such as ``一.1`` or
``一.（一）.3`` (text, not numbers), lead units (牵头单位) and participating units (责任单位 / 协同单位),
and a 完成时限 read into a ``Deadline`` with milestones. There is no scoring: a task's progress
(``PROGRESS_STATES``) is tracked instead of points, and ``task_status`` says whether it is overdue.
Pure: no I/O (loading lives in ``plan_loader``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from indicator_catalog.deadlines import Deadline, Milestone, parse_deadline
from indicator_catalog.model import SCHEMA_VERSION, UnitName

__all__ = [
    "PROGRESS_NAMES",
    "PROGRESS_STATES",
    "STATUS_NAMES",
    "Deadline",
    "Milestone",
    "PlanCatalog",
    "PlanSection",
    "Task",
    "parse_deadline",
    "plan_progress",
    "task_status",
    "task_title",
]

# Progress of a task, as the office records it each year (instead of points).
PROGRESS_STATES = ("not_started", "in_progress", "done", "ongoing")
PROGRESS_NAMES = {"not_started": "未启动", "in_progress": "推进中", "done": "已完成", "ongoing": "长期推进"}
DUE_SOON_DAYS = 90


def task_title(text: str) -> str:
    """The leading sentence of a task, verbatim: up to the first 。 outside quotes ("落实“一村一法律顾问
    制度。”" ends inside its quote)."""
    first = text.split("\n", 1)[0]
    depth = 0
    for index, char in enumerate(first):
        if char in "“‘":
            depth += 1
        elif char in "”’":
            depth -= 1
        elif char == "。" and depth > 0 and first[index + 1 : index + 2] in ("”", "’"):
            return first[: index + 2]
        elif char == "。" and depth <= 0:
            return first[:index]
    return first


@dataclass(frozen=True)
class PlanSection:
    """A section of the task list: 一、… (level 1) or （一）… under it (level 2)."""

    code: str  # "一" or "一.（一）"
    name: str
    parent: str | None = None

    @property
    def level(self) -> int:
        return 1 if self.parent is None else 2

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "parent": self.parent}


@dataclass(frozen=True)
class Task:
    """One task of a plan."""

    id: str  # "一.1", "一.（一）.3": section code + the number as printed
    section: str  # the innermost section's code
    number: str  # as printed: "1", "3"
    title: str  # the leading sentence, verbatim ("健全法治乡村执法体制机制")
    text: str  # the whole task as written (title included), verbatim
    lead_units: tuple[str, ...] = ()  # 牵头单位 (canonical names)
    units: tuple[str, ...] = ()  # 责任单位 / 协同单位: participating units (canonical names)
    units_as_written: str = ""
    deadline: Deadline | None = None
    notes: tuple[str, ...] = ()

    @property
    def all_units(self) -> tuple[str, ...]:
        """Lead units first, then the participating ones (no repeats)."""
        return tuple(dict.fromkeys((*self.lead_units, *self.units)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "lead_units": list(self.lead_units),
            "units": list(self.units),
            "units_as_written": self.units_as_written,
            "deadline": self.deadline.text if self.deadline else None,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class PlanCatalog:
    """A task list (``kind == "plan"``): sections, tasks, units, the plan's own dated stages."""

    id: str
    title: str
    sections: tuple[PlanSection, ...]
    tasks: tuple[Task, ...]  # in list order
    units: tuple[UnitName, ...] = ()
    source: str = ""
    stages: tuple[Milestone, ...] = ()  # 实施步骤: "到2021年，…" (plan-level milestones)
    _index: dict[str, Task] = field(default_factory=dict, compare=False, repr=False)

    kind = "plan"

    def __post_init__(self) -> None:
        self._index.update({t.id: t for t in self.tasks})

    def task(self, task_id: str) -> Task:
        """The task with ``task_id``; ``KeyError`` if there is none."""
        return self._index[task_id]

    def has_task(self, task_id: str) -> bool:
        return task_id in self._index

    def section(self, code: str) -> PlanSection:
        for section in self.sections:
            if section.code == code:
                return section
        raise KeyError(code)

    def tasks_of_section(self, code: str) -> tuple[Task, ...]:
        """Tasks in section ``code`` or in its subsections."""
        return tuple(t for t in self.tasks if t.section == code or t.section.startswith(f"{code}."))

    @cached_property
    def _unit_lookup(self) -> dict[str, UnitName]:
        lookup: dict[str, UnitName] = {}
        for unit in self.units:
            lookup[unit.name] = unit
            for alias in unit.aliases:
                lookup.setdefault(alias, unit)
        return lookup

    def resolve_unit(self, name: str) -> UnitName | None:
        return self._unit_lookup.get("".join(name.split()))

    def tasks_of_unit(self, name: str, *, lead_only: bool = False) -> tuple[str, ...]:
        """Ids of the tasks a unit leads (``lead_only``) or takes part in."""
        return tuple(t.id for t in self.tasks if name in t.lead_units or (not lead_only and name in t.units))

    @property
    def counts(self) -> dict[str, int]:
        return {"sections": len(self.sections), "tasks": len(self.tasks)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "plan",
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "counts": self.counts,
            "units": [u.to_dict() for u in self.units],
            "sections": [s.to_dict() for s in self.sections],
            "tasks": [t.to_dict() for t in self.tasks],
            "stages": [m.to_dict() for m in self.stages],
        }


# -- progress instead of points -------------------------------------------------------------------


def task_status(task: Task, progress: str | None, today: date) -> str:
    """ "done", "overdue", "due_soon" (within ``DUE_SOON_DAYS``), "on_track", "ongoing" or "no_deadline".

    A 长期 task past its date is "ongoing" unless marked done; any other task past its date and not
    done is "overdue" (the self-check reports these).
    """
    if progress == "done":
        return "done"
    deadline = task.deadline
    if deadline is None or deadline.due is None:
        return "ongoing" if deadline is not None and deadline.ongoing else "no_deadline"
    if today > deadline.due:
        return "ongoing" if deadline.ongoing else "overdue"
    if (deadline.due - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "ongoing" if progress == "ongoing" else "on_track"


STATUS_NAMES = {
    "done": "已完成",
    "overdue": "已逾期",
    "due_soon": "即将到期",
    "on_track": "未到期",
    "ongoing": "长期推进",
    "no_deadline": "未定时限",
}


def plan_progress(
    plan: PlanCatalog, progress: Mapping[str, str], today: date, tasks: Iterable[str] | None = None
) -> dict[str, Any]:
    """Figures for a plan (or some of its tasks) instead of a score: counts by status and the share done.

    ``progress`` maps task id → one of ``PROGRESS_STATES`` (missing: not started).
    """
    ids = list(tasks) if tasks is not None else [t.id for t in plan.tasks]
    by_status = dict.fromkeys(STATUS_NAMES, 0)
    overdue: list[str] = []
    for task_id in ids:
        status = task_status(plan.task(task_id), progress.get(task_id), today)
        by_status[status] += 1
        if status == "overdue":
            overdue.append(task_id)
    total = len(ids)
    return {
        "tasks": total,
        "by_status": by_status,
        "done_share": round(by_status["done"] / total, 4) if total else 0.0,
        "overdue": overdue,
    }
