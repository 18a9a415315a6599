"""Undo and redo of the office's judgements: one ``QUndoStack`` per open project.

A pane that changes a level, a review decision or a veto/bonus mark (or the units window a unit's
name, aliases or roles) describes the change as a ``Change``: its text (第 9 项评定为 达标), the core
call that makes it, the core call that takes it back (``app.assessment.undo``, ``app.units.unit_undo``)
and what to tell the window afterwards. ``ProjectUndo.push`` turns it into a
``QUndoCommand``; the command's ``redo``/``undo`` run those core calls in the write pool
(``ui.common.background.run_write``), so both the change and its undo are in the project's audit log.

The stack is cleared when a project opens or closes; a read-only project or a unit workspace has no
undo (``push`` refuses). If a step fails (the project changed meanwhile) the error is shown and the
stack is cleared: its steps no longer describe the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from app.base.progress import CancelToken, ProgressCallback
from app.project.folder import Project
from ui.common.background import BackgroundTask, run_write, show_error
from ui.common.state import ProjectState

#: A core call made in the write pool: gets the open project, returns what ``after`` receives.
CoreCall = Callable[[Project], Any]


@dataclass(frozen=True)
class Change:
    """One user change, undoable."""

    #: What the change does, for menus and the status bar ("第 9 项评定为 达标").
    text: str
    #: Makes the change (worker thread).
    do: CoreCall
    #: Takes it back (worker thread; runs after ``do`` in the single write pool).
    undo: CoreCall
    #: On the UI thread, after either: (result, undone) → tell the hub, emit the pane's signals.
    after: Callable[[Any, bool], None]


class ChangeCommand(QUndoCommand):
    """A ``Change`` on the stack; ``redo``/``undo`` start the core calls in the background."""

    def __init__(self, owner: ProjectUndo, change: Change, *, made: bool = False) -> None:
        super().__init__(change.text)
        self.owner = owner
        self.change = change
        self.done_once = False
        #: The change was already written by its caller (``ProjectUndo.record``): the push's redo skips.
        self.made = made

    def redo(self) -> None:
        again = self.done_once
        self.done_once = True
        if self.made and not again:
            return
        self.owner._run(self.change, undoing=False, again=again)

    def undo(self) -> None:
        self.owner._run(self.change, undoing=True, again=False)


class ProjectUndo(QObject):
    """The undo stack of the window's open project."""

    #: What just changed, for the status bar (the window shows it).
    message = Signal(str)
    #: A step (do, undo or redo) was written and announced; carries the ``Change``.
    applied = Signal(object)
    #: Whether there is something to undo or redo changed (the menu updates).
    availability_changed = Signal()

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.widget = parent
        self.stack = QUndoStack(self)
        self.last_task: BackgroundTask | None = None
        state.opened.connect(self._on_state_opened)
        state.closed.connect(self._on_state_closed)
        for signal in (self.stack.canUndoChanged, self.stack.canRedoChanged):
            signal.connect(self._on_stack_can_change)
        self.stack.undoTextChanged.connect(self._on_stack_can_change)
        self.stack.redoTextChanged.connect(self._on_stack_can_change)

    # -- state ------------------------------------------------------------------------------------------
    @property
    def writable(self) -> bool:
        """Only a writable office project has undo."""
        return self.state.office_writable

    def can_undo(self) -> bool:
        return self.writable and self.stack.canUndo()

    def can_redo(self) -> bool:
        return self.writable and self.stack.canRedo()

    def undo_text(self) -> str:
        return self.stack.undoText() if self.can_undo() else ""

    def redo_text(self) -> str:
        return self.stack.redoText() if self.can_redo() else ""

    def clear(self) -> None:
        self.stack.clear()
        self.availability_changed.emit()

    # -- commands ---------------------------------------------------------------------------------------
    def push(self, change: Change) -> BackgroundTask | None:
        """Make ``change`` (its core call starts now) and put it on the stack; ``None`` if read-only."""
        if not self.writable:
            return None
        self.stack.push(ChangeCommand(self, change))
        return self.last_task

    def record(self, change: Change) -> bool:
        """Put a change its caller has already written on the stack (a modal dialog that writes at once,
        e.g. the units editor); only its undo and redo run here. False if read-only."""
        if not self.writable:
            return False
        self.stack.push(ChangeCommand(self, change, made=True))
        return True

    def undo(self) -> BackgroundTask | None:
        if not self.can_undo():
            return None
        self.stack.undo()
        return self.last_task

    def redo(self) -> BackgroundTask | None:
        if not self.can_redo():
            return None
        self.stack.redo()
        return self.last_task

    def _run(self, change: Change, *, undoing: bool, again: bool) -> None:
        project = self.state.project
        if project is None:
            return
        if undoing:
            title = self.tr("撤销")
            note = self.tr("已撤销：{text}（Ctrl+Y 重做）").format(text=change.text)
        elif again:
            title = self.tr("重做")
            note = self.tr("已重做：{text}（Ctrl+Z 撤销）").format(text=change.text)
        else:
            title = self.tr("保存")
            note = self.tr("{text}（Ctrl+Z 撤销）").format(text=change.text)
        call = change.undo if undoing else change.do

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:
            return call(project)

        def done(result: Any) -> None:
            if self.state.project is not project:
                return  # closed meanwhile: nothing left to tell
            change.after(result, undoing)
            self.message.emit(note)
            self.applied.emit(change)

        def failed(error: BaseException) -> None:
            show_error(self.widget, title, error)
            # The stack no longer describes the database: start afresh.
            if shiboken6.isValid(self.stack):
                self.clear()

        self.last_task = run_write(
            self.widget,
            work,
            title=title,
            on_done=done,
            on_error=failed,
            cancellable=False,
            show_progress=False,
        )

    # -- the hub ----------------------------------------------------------------------------------------
    def _on_state_opened(self, snapshot: object) -> None:
        self.clear()

    def _on_state_closed(self) -> None:
        self.clear()

    def _on_stack_can_change(self, *args: object) -> None:
        self.availability_changed.emit()


def bind_actions(undo: ProjectUndo, undo_action: QAction, redo_action: QAction) -> None:
    """Wire the 编辑 menu's 撤销/重做 to ``undo``: triggered, enabled and texts follow the stack."""

    def update() -> None:
        if not (shiboken6.isValid(undo_action) and shiboken6.isValid(redo_action)):
            return  # a closed units window's own actions may be gone
        undo_text, redo_text = undo.undo_text(), undo.redo_text()
        undo_action.setEnabled(bool(undo_text))
        redo_action.setEnabled(bool(redo_text))
        undo_action.setText(
            undo.tr("撤销“{text}”(&U)").format(text=undo_text) if undo_text else undo.tr("撤销(&U)")
        )
        redo_action.setText(
            undo.tr("重做“{text}”(&R)").format(text=redo_text) if redo_text else undo.tr("重做(&R)")
        )

    undo_action.triggered.connect(undo.undo)
    redo_action.triggered.connect(undo.redo)
    undo.availability_changed.connect(update)
    undo.state.opened.connect(update)
    undo.state.closed.connect(update)
    update()
