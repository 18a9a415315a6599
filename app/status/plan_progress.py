"""Progress of a plan project's tasks, instead of points: what the office records and what it sees.

``set_task_progress`` records a task's progress (未启动 / 推进中 / 已完成 / 长期推进, with a note, the
milestone reached and the completion date; a history, the latest row counts, audit-logged);
``undo_task_progress`` takes the latest record back (the window's 撤销), refusing one that is no longer
the latest. ``task_rows`` gives one plain row per task: ids as printed, lead and
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
from app.base.errors import NotFoundError, UsageError
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
    "undo_task_progress",
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
    note: str = ""  # of the latest progress record
    milestone: str = ""  # the milestone reached, as recorded
    completed_on: date | None = None
    record_id: int | None = None  # the latest progress record (None: never recorded)
    milestones: tuple[str, ...] = ()  # the milestones of the 完成时限, verbatim

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
            "note": self.note,
            "milestone": self.milestone,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
        }


def set_task_progress(
    project: Project,
    task: int,
    state: str,
    note: str = "",
    actor: str | None = None,
    *,
    milestone: str = "",
    completed_on: date | None = None,
) -> TaskRow:
    """Record the progress of task number ``task`` (see ``app.cli.refs`` for ids → numbers).

    ``milestone``: the milestone (阶段目标) reached, as text; ``completed_on``: the day the task was
    completed (only with 已完成; not in the future).
    """
    project._require_writable()
    catalog = require_plan(project, "登记任务进度")
    if not catalog.has_indicator(task):
        raise UsageError(f"未知的任务：{task} (unknown task)")
    value = _state(state)
    task_id = catalog.label_of(task)
    if completed_on is not None and value != "done":
        raise UsageError(f"任务 {task_id}：只有已完成的任务才有完成日期")
    if completed_on is not None and completed_on > date.today():
        raise UsageError(f"任务 {task_id}：完成日期 {completed_on.isoformat()} 晚于今天")
    actor = resolve_actor(actor)
    milestone = milestone.strip()
    with project.session() as session:
        session.add(
            TaskProgress(
                task_id=task_id,
                indicator_number=task,
                state=value,
                note=note,
                milestone=milestone,
                completed_on=completed_on,
                set_by=actor,
            )
        )
        details: dict[str, Any] = {"state": value, "note": note}
        if milestone:
            details["milestone"] = milestone
        if completed_on is not None:
            details["completed_on"] = completed_on.isoformat()
        record(session, "task.progress", f"task:{task_id}", details, actor)
    return next(r for r in task_rows(project) if r.number == task)


def undo_task_progress(project: Project, record_id: int, *, by: str | None = None) -> TaskRow:
    """Take back the progress record ``record_id`` (only while it is the latest for its task); returns
    the task as it stands again (the record before, or 未启动)."""
    project._require_writable()
    catalog = require_plan(project, "撤销任务进度")
    if project.info.role == "unit":
        raise UsageError(f"单位工作区不能撤销任务进度（由依法治县办登记）：{project.folder} (office only)")
    actor = resolve_actor(by)
    with project.session() as session:
        row = session.get(TaskProgress, record_id)
        if row is None:
            raise NotFoundError(f"要撤销的任务进度已不存在（记录 {record_id}） (nothing to undo)")
        number, task_id = row.indicator_number, row.task_id
        newest = session.scalar(
            select(func.max(TaskProgress.id)).where(TaskProgress.indicator_number == number)
        )
        if newest != record_id:
            raise UsageError(f"任务 {task_id} 的进度在这一步之后又改过，不能撤销这一步 (not the latest)")
        undone = {"state": row.state, "note": row.note or ""}
        session.delete(row)
        session.flush()
        previous = session.scalar(
            select(TaskProgress.state)
            .where(TaskProgress.indicator_number == number)
            .order_by(TaskProgress.id.desc())
            .limit(1)
        )
        restored = previous or "not_started"
        record(session, "task.progress.undo", f"task:{task_id}", {**undone, "restored": restored}, actor)
    if not catalog.has_indicator(number):
        raise NotFoundError(f"未知的任务：{task_id} (unknown task)")
    return next(r for r in task_rows(project) if r.number == number)


@dataclass(frozen=True)
class _Latest:
    id: int
    state: str
    note: str
    milestone: str
    completed_on: date | None


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
        records = {
            r.indicator_number: _Latest(r.id, r.state, r.note or "", r.milestone or "", r.completed_on)
            for r in session.scalars(select(TaskProgress).where(TaskProgress.id.in_(latest)))
        }
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
        latest_record = records.get(ind.number)
        state = latest_record.state if latest_record is not None else "not_started"
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
                note=latest_record.note if latest_record is not None else "",
                milestone=latest_record.milestone if latest_record is not None else "",
                completed_on=latest_record.completed_on if latest_record is not None else None,
                record_id=latest_record.id if latest_record is not None else None,
                milestones=tuple(m.text for m in deadline.milestones) if deadline is not None else (),
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
