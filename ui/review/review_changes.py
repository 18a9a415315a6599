"""The review pane's changes as undoable steps (``ui.common.undo.Change``): a level (with its comment)
and a unit's accept/return. Each names the core call that makes it and the one that takes it back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.assessment.levels import set_level
from app.assessment.reviews import review
from app.assessment.undo import undo_level, undo_placement, undo_review
from app.base.changes import ProjectChange
from app.project.folder import Project
from app.project.placements import PlacementStep, choose_placement
from app.status.workspace import project_progress
from ui.common.formatting import item_label
from ui.common.state import ProjectState
from ui.common.undo import Change

#: Called on the UI thread after a step: the record written (or the one in force again) and ``undone``.
Saved = Callable[[Any, bool], None]


def level_change(
    state: ProjectState,
    number: int,
    level: str,
    *,
    comment: str,
    by: str | None,
    comment_only: bool,
    saved: Saved,
) -> Change:
    """Give ``number`` the ``level`` (or, ``comment_only``, change the comment of the level in force)."""
    written: dict[str, int] = {}

    def do(project: Project) -> Any:
        record = set_level(project, number, level, comment=comment, by=by)
        written["id"] = record.id
        return record

    def undo(project: Project) -> Any:
        return undo_level(project, written["id"], by=by)

    def after(result: Any, undone: bool) -> None:
        state.apply(ProjectChange.of(indicators=[number]))
        saved(result, undone)

    item = item_label(state.catalog, number)
    if comment_only:
        text = QCoreApplication.translate("ReviewChanges", "修改{item}的评审意见").format(item=item)
    else:
        text = QCoreApplication.translate("ReviewChanges", "{item}评定为 {level}").format(
            item=item, level=level
        )
    return Change(text, do, undo, after)


def review_change(
    state: ProjectState,
    number: int,
    unit: str,
    decision: str,
    *,
    comment: str,
    by: str | None,
    saved: Saved,
) -> Change:
    """Accept (``accept``) or return (``return``) ``unit``'s evidence for ``number``."""
    written: dict[str, int] = {}

    def do(project: Project) -> Any:
        record = review(project, indicator=number, unit=unit, decision=decision, comment=comment, actor=by)
        written["id"] = record.id
        # A return changes the indicator's status (被退回): fresh progress for the tree.
        return record, project_progress(project, [number])

    def undo(project: Project) -> Any:
        restored = undo_review(project, written["id"], by=by)
        return restored, project_progress(project, [number])

    def after(result: Any, undone: bool) -> None:
        record, progress = result
        state.apply(ProjectChange.of(indicators=[number], units=[unit]), progress)
        saved(record, undone)

    item = item_label(state.catalog, number)
    if decision.startswith("accept"):
        text = QCoreApplication.translate("ReviewChanges", "通过{unit}{item}的资料").format(
            unit=unit, item=item
        )
    else:
        text = QCoreApplication.translate("ReviewChanges", "退回{unit}{item}的资料").format(
            unit=unit, item=item
        )
    return Change(text, do, undo, after)


def placement_change(
    state: ProjectState, question_id: str, number: int, group: str, *, by: str | None, saved: Saved
) -> Change:
    """Answer open question ``question_id`` (where indicator ``number`` belongs) with ``group``.

    The catalog's layout changes: the hub gets the project's new catalog with a ``catalog`` change and
    fresh progress for everything, so the tree, the panel, the scores and the dashboard follow.
    """
    written: dict[str, PlacementStep] = {}

    def do(project: Project) -> Any:
        step = choose_placement(project, question_id, group, by)
        written["step"] = step
        return step.view, project.catalog, project_progress(project)

    def undo(project: Project) -> Any:
        view = undo_placement(project, written["step"], by=by)
        return view, project.catalog, project_progress(project)

    def after(result: Any, undone: bool) -> None:
        view, catalog, progress = result
        change = ProjectChange.of(indicators=[number], everything=True, catalog=True)
        state.apply(change, progress, catalog=catalog)
        saved(view, undone)

    text = QCoreApplication.translate("ReviewChanges", "{item}归入 {group}").format(
        item=item_label(state.catalog, number), group=group
    )
    return Change(text, do, undo, after)
