"""The 附加项 page's changes as undoable steps (``ui.common.undo.Change``): a veto mark, a bonus claim."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.assessment.levels import MarkRecord, claim_bonus, set_veto
from app.assessment.undo import undo_mark
from app.project.folder import Project
from ui.common.state import ProjectState
from ui.common.undo import Change
from ui.scoring.score_models import ScoringChange, fmt

#: Called on the UI thread after a step: the mark written (or the one in force again, or ``None``).
Saved = Callable[[MarkRecord | None, bool], None]


def _change(
    state: ProjectState,
    item_id: str,
    text: str,
    make: Callable[[Project], MarkRecord],
    *,
    by: str,
    saved: Saved,
) -> Change:
    written: dict[str, int] = {}

    def do(project: Project) -> Any:
        mark = make(project)
        written["id"] = mark.id
        return mark

    def undo(project: Project) -> Any:
        return undo_mark(project, written["id"], by=by)

    def after(result: Any, undone: bool) -> None:
        state.apply(ScoringChange(marks=frozenset({item_id})))
        saved(result, undone)

    return Change(text, do, undo, after)


def veto_change(
    state: ProjectState, item_id: str, *, triggered: bool, note: str, by: str, saved: Saved
) -> Change:
    if triggered:
        text = QCoreApplication.translate("MarkChanges", "否决项 {id} 标记为已触发").format(id=item_id)
    else:
        text = QCoreApplication.translate("MarkChanges", "否决项 {id} 标记为未触发").format(id=item_id)
    return _change(
        state,
        item_id,
        text,
        lambda project: set_veto(project, item_id, triggered=triggered, note=note, by=by),
        by=by,
        saved=saved,
    )


def bonus_change(
    state: ProjectState,
    item_id: str,
    *,
    points: float,
    note: str,
    proof_id: int | None,
    by: str,
    saved: Saved,
) -> Change:
    if points:
        text = QCoreApplication.translate("MarkChanges", "加分项 {id} 申报 {points} 分").format(
            id=item_id, points=fmt(points)
        )
    else:
        text = QCoreApplication.translate("MarkChanges", "撤回加分项 {id} 的申报").format(id=item_id)
    return _change(
        state,
        item_id,
        text,
        lambda project: claim_bonus(
            project, item_id, points=points, note=note, proof_evidence_id=proof_id, by=by
        ),
        by=by,
        saved=saved,
    )
