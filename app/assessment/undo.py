"""Taking back the office's latest judgement: a level, a review decision, a veto or bonus mark, or the
answer to an open placement question (where indicator 69 belongs).

The window's 撤销 (Ctrl+Z) calls these. Each removes the one history row a change added, only while that
row is still the one in force for its key (so an undo never hides a later change), and writes an audit
entry naming what was undone and what is in force again, in the same transaction. 重做 calls the
original function again (``set_level``, ``review``, ``set_veto``, ``claim_bonus``), which writes its own
row and audit entry.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.assessment.levels import AssessmentRecord, MarkRecord, latest_levels, latest_marks
from app.assessment.reviews import DECISIONS, ReviewRecord
from app.base.actor import resolve_actor
from app.base.errors import NotFoundError, UsageError
from app.project.audit import record
from app.project.folder import Project
from app.project.placements import (
    PlacementStep,
    QuestionView,
    open_questions,
    placement_target,
)
from app.project.stored_catalog import PLACEMENTS_SETTING
from app.units.registry import unit_names
from models import Assessment, ExtraMark, Review

#: Shown for "nothing in force" in the audit entry of an undo.
UNASSESSED = "未评估"


def _require_office(project: Project, what: str) -> None:
    project._require_writable()
    if project.info.role == "unit":
        raise UsageError(f"单位工作区不能撤销{what}（由依法治县办评定）：{project.folder} (office only)")


def undo_level(project: Project, record_id: int, *, by: str | None = None) -> AssessmentRecord | None:
    """Take back the level ``record_id``; returns the level in force again (``None``: unassessed)."""
    _require_office(project, "评定")
    actor = resolve_actor(by)
    with project.session() as session:
        row = session.get(Assessment, record_id)
        if row is None:
            raise NotFoundError(f"要撤销的评定已不存在（记录 {record_id}） (nothing to undo)")
        number = row.indicator_number
        newest = session.scalar(select(func.max(Assessment.id)).where(Assessment.indicator_number == number))
        if newest != record_id:
            item = project.catalog.item_label(number)
            raise UsageError(f"{item}的评定在这一步之后又改过，不能撤销这一步 (not the latest)")
        undone = {"level": row.level, "comment": row.comment or ""}
        session.delete(row)
        session.flush()
        restored = latest_levels(session).get(number)
        record(
            session,
            "assessment.undo",
            f"indicator:{number}",
            {**undone, "restored": restored.level if restored else UNASSESSED},
            actor,
        )
        return restored


def undo_review(project: Project, record_id: int, *, by: str | None = None) -> ReviewRecord | None:
    """Take back the review decision ``record_id``; returns the decision in force again (or ``None``)."""
    _require_office(project, "审核结论")
    actor = resolve_actor(by)
    with project.session() as session:
        row = session.get(Review, record_id)
        if row is None:
            raise NotFoundError(f"要撤销的审核结论已不存在（记录 {record_id}） (nothing to undo)")
        number, unit_id = row.indicator_number, row.unit_id
        unit = unit_names(session).get(unit_id, "?")
        key = (Review.indicator_number == number) & (Review.unit_id == unit_id)
        if session.scalar(select(func.max(Review.id)).where(key)) != record_id:
            raise UsageError(
                f"{unit}{project.catalog.item_label(number)}的审核结论在这一步之后又改过，"
                "不能撤销这一步 (not the latest)"
            )
        undone = {"unit": unit, "decision": row.decision, "comment": row.comment or ""}
        session.delete(row)
        session.flush()
        previous = session.scalars(select(Review).where(key).order_by(Review.id.desc()).limit(1)).first()
        restored = (
            None
            if previous is None
            else ReviewRecord(
                previous.id,
                number,
                unit,
                previous.decision,
                previous.comment,
                previous.reviewed_by,
                previous.at,
            )
        )
        record(
            session,
            "review.undo",
            f"indicator:{number}",
            {**undone, "restored": DECISIONS[restored.decision] if restored else "未审核"},
            actor,
        )
        return restored


def undo_mark(project: Project, record_id: int, *, by: str | None = None) -> MarkRecord | None:
    """Take back the veto or bonus mark ``record_id``; returns the mark in force again (or ``None``)."""
    _require_office(project, "附加项标记")
    actor = resolve_actor(by)
    with project.session() as session:
        row = session.get(ExtraMark, record_id)
        if row is None:
            raise NotFoundError(f"要撤销的附加项标记已不存在（记录 {record_id}） (nothing to undo)")
        item, kind = row.item_id, row.kind
        what = "否决项" if kind == "veto" else "加分项"
        newest = session.scalar(select(func.max(ExtraMark.id)).where(ExtraMark.item_id == item))
        if newest != record_id:
            raise UsageError(f"{what} {item} 在这一步之后又改过，不能撤销这一步 (not the latest)")
        undone: dict[str, object] = {"note": row.note or ""}
        if kind == "veto":
            undone["triggered"] = bool(row.triggered)
        else:
            undone["points"] = row.points
        session.delete(row)
        session.flush()
        restored = latest_marks(session).get(item)
        if restored is None:
            state = "未标记"
        elif kind == "veto":
            state = "已触发" if restored.triggered else "未触发"
        else:
            state = f"{restored.points:g} 分"
        record(session, f"{kind}.undo", f"{kind}:{item}", {**undone, "restored": state}, actor)
        return restored


def undo_placement(project: Project, step: PlacementStep, *, by: str | None = None) -> QuestionView:
    """Take back the placement choice ``step`` (from ``choose_placement``): the stored answer goes back
    to ``step.before`` (``None``: no answer, the catalog's default). Refused when the answer in force is
    no longer ``step.after`` (changed again since). Returns the question as it now stands."""
    _require_office(project, "待定指标的归属")
    actor = resolve_actor(by)
    question = project.stored_catalog.open_question(step.question_id)

    def check(settings: dict[str, object]) -> None:
        choices = settings.get(PLACEMENTS_SETTING)
        stored = choices.get(step.question_id) if isinstance(choices, dict) else None
        if stored != step.after:
            now = stored if isinstance(stored, str) else question.default
            raise UsageError(
                f"第 {step.indicator} 项的归属在这一步之后又改过（现为 {now}），"
                "不能撤销这一步 (not the latest)"
            )

    choices = dict(project.settings.get(PLACEMENTS_SETTING) or {})
    if step.before is None:
        choices.pop(step.question_id, None)
    else:
        choices[step.question_id] = step.before
    restored = step.before or question.default
    detail = {
        "question": step.question_id,
        "indicator": step.indicator,
        "undone": step.after,
        "restored": restored,
        "restored_choice": step.before,
    }
    project.update_settings(
        {PLACEMENTS_SETTING: choices or None},
        actor,
        check=check,
        audit=("catalog.placement.undo", placement_target(step.question_id), detail),
    )
    return next(v for v in open_questions(project) if v.question.id == step.question_id)
