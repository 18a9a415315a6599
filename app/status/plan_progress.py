"""Progress of a plan project's tasks, instead of points: what the office records and what it sees.

``set_task_progress`` records a task's progress (未启动 / 推进中 / 已完成 / 长期推进; a history, the latest
row counts, audit-logged). ``task_rows`` gives one plain row per task: ids as printed, lead and
participating units, 完成时限, progress, the status against today (已完成 / 已逾期 / 即将到期 …) and the
evidence each unit gave; ``progress_summary`` the counts for the whole plan and per lead unit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.project.audit import record
from app.project.folder import Project
from app.units.roles import indicator_roles
from indicator_catalog import Catalog
from indicator_catalog.plan import PROGRESS_NAMES, PROGRESS_STATES, STATUS_NAMES, task_title
from models import Evidence, EvidenceIndicator, TaskProgress, Unit

__all__ = [
    "PROGRESS_NAMES",
    "STATUS_NAMES",
    "TaskRow",
    "progress_summary",
    "require_plan",
    "set_task_progress",
    "task_rows",
    "task_status_of",
]

_STATE_WORDS = {**{v: k for k, v in PROGRESS_NAMES.items()}, "进行中": "in_progress", "完成": "done"}


def require_plan(project: Project, what: str) -> Catalog:
    catalog = project.catalog
    if not catalog.is_plan:
        raise UsageError(f"{what}只用于任务清单（计划类）项目：{project.info.county} {project.info.year}")
    return catalog


def _state(text: str) -> str:
    clean = text.strip()
    state = clean if clean in PROGRESS_STATES else _STATE_WORDS.get(clean)
    if state is None:
        names = "、".join(PROGRESS_NAMES.values())
        raise UsageError(f"进度无效：{text}（应为 {names}，或 {'/'.join(PROGRESS_STATES)}）")
    return state


@dataclass(frozen=True)
class TaskRow:
    number: int
    task_id: str
    section: str
    title: str
    lead: tuple[str, ...]
    co: tuple[str, ...]
    deadline: str  # 完成时限 as written ("" if none)
    deadline_label: str
    due: date | None
    state: str  # one of PROGRESS_STATES
    status: str  # see STATUS_NAMES; "in_progress" shown when recorded and not yet due
    evidence: int  # active evidence files
    evidence_by_unit: dict[str, int] = field(default_factory=dict)
    milestones_due: tuple[str, ...] = ()  # milestones whose date has passed (task not done)

    @property
    def status_name(self) -> str:
        if self.status in ("on_track", "due_soon", "no_deadline") and self.state == "in_progress":
            return PROGRESS_NAMES["in_progress"]
        return STATUS_NAMES[self.status]

    def to_json(self) -> dict[str, Any]:
        return {
            "task": self.task_id,
            "title": self.title,
            "lead_units": list(self.lead),
            "units": list(self.co),
            "deadline": self.deadline,
            "due": self.due.isoformat() if self.due else None,
            "progress": self.state,
            "status": self.status,
            "status_name": self.status_name,
            "evidence": self.evidence,
            "evidence_by_unit": dict(self.evidence_by_unit),
            "milestones_due": list(self.milestones_due),
        }


def set_task_progress(
    project: Project, task: int, state: str, note: str = "", actor: str | None = None
) -> TaskRow:
    """Record the progress of task number ``task`` (see ``app.cli.refs`` for ids → numbers)."""
    project._require_writable()
    catalog = require_plan(project, "登记任务进度")
    if not catalog.has_indicator(task):
        raise UsageError(f"未知的任务：{task} (unknown task)")
    value = _state(state)
    task_id = catalog.label_of(task)
    actor = resolve_actor(actor)
    with project.session() as session:
        session.add(
            TaskProgress(task_id=task_id, indicator_number=task, state=value, note=note, set_by=actor)
        )
        record(session, "task.progress", f"task:{task_id}", {"state": value, "note": note}, actor)
    return next(r for r in task_rows(project) if r.number == task)


def task_status_of(due: date | None, ongoing: bool, state: str, today: date) -> str:
    """The same rule as ``indicator_catalog.plan.task_status``, on plain values."""
    if state == "done":
        return "done"
    if due is None:
        return "ongoing" if ongoing else "no_deadline"
    if today > due:
        return "ongoing" if ongoing else "overdue"
    if (due - today).days <= 90:
        return "due_soon"
    return "ongoing" if state == "ongoing" else "on_track"


def task_rows(project: Project, today: date | None = None) -> list[TaskRow]:
    """One row per task of the plan, in plan order."""
    catalog = require_plan(project, "任务进度")
    today = today or date.today()
    roles = indicator_roles(project)
    with project.session() as session:
        latest = select(func.max(TaskProgress.id)).group_by(TaskProgress.indicator_number).scalar_subquery()
        states = dict(
            session.execute(
                select(TaskProgress.indicator_number, TaskProgress.state).where(TaskProgress.id.in_(latest))
            ).all()
        )
        per_unit: dict[int, Counter[str]] = {}
        for number, unit, count in session.execute(
            select(EvidenceIndicator.indicator_number, Unit.name, func.count(func.distinct(Evidence.id)))
            .join(Evidence, Evidence.id == EvidenceIndicator.evidence_id)
            .join(Unit, Unit.id == Evidence.unit_id)
            .where(Evidence.status == "active")
            .group_by(EvidenceIndicator.indicator_number, Unit.name)
        ):
            per_unit.setdefault(number, Counter())[unit] = count
    rows: list[TaskRow] = []
    for ind in catalog.indicators:
        state = states.get(ind.number, "not_started")
        deadline = ind.deadline
        due = deadline.due if deadline else None
        status = task_status_of(due, bool(deadline and deadline.ongoing), state, today)
        passed = (
            tuple(m.text for m in deadline.milestones if m.due < today)
            if deadline is not None and state != "done"
            else ()
        )
        units = per_unit.get(ind.number, Counter())
        role = roles[ind.number]
        rows.append(
            TaskRow(
                number=ind.number,
                task_id=ind.label,
                section=ind.group,
                title=task_title(ind.text),
                lead=role.lead,
                co=role.co,
                deadline=deadline.text if deadline else "",
                deadline_label=deadline.label if deadline else "",
                due=due,
                state=state,
                status=status,
                evidence=sum(units.values()),
                evidence_by_unit=dict(units),
                milestones_due=passed,
            )
        )
    return rows


def progress_summary(rows: list[TaskRow]) -> dict[str, Any]:
    """Counts by status for the whole plan and per lead unit (a task without a lead: "未定牵头单位")."""
    by_status = Counter(r.status for r in rows)
    units: dict[str, Counter[str]] = {}
    for row in rows:
        for lead in row.lead or ("未定牵头单位",):
            counter = units.setdefault(lead, Counter())
            counter["tasks"] += 1
            counter[row.status] += 1
            if row.state == "in_progress" and row.status != "done":
                counter["in_progress"] += 1
    total = len(rows)
    return {
        "tasks": total,
        "done": by_status["done"],
        "in_progress": sum(1 for r in rows if r.state == "in_progress" and r.status != "done"),
        "overdue": by_status["overdue"],
        "by_status": {k: by_status[k] for k in STATUS_NAMES},
        "done_share": round(by_status["done"] / total, 4) if total else 0.0,
        "by_lead_unit": [
            {
                "unit": unit,
                "tasks": c["tasks"],
                "done": c["done"],
                "in_progress": c["in_progress"],
                "overdue": c["overdue"],
            }
            for unit, c in units.items()
        ],
    }
