"""The review pane: the office's level for one indicator, per-unit accept/return, and the history.

Keyboard-driven: 1/2/3/4 give 达标/基本达标/未达标/不适用 (saved with the comment in the box as one step
of the window's undo stack: the status bar says what changed and that Ctrl+Z takes it back),
Ctrl+Enter saves the comment, Alt+↓/Alt+↑ move to the next/previous indicator, A accepts and R returns
the selected unit's evidence. Digits and letters typed into a text box stay in the box (Qt gives text
fields the key before any shortcut).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QWidget,
)

from app.assessment.levels import AssessmentRecord
from app.assessment.reviews import ReviewRecord
from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.scoring.scheme import REVIEW_LEVELS
from ui.common.background import BackgroundTask, run_read
from ui.common.formatting import indicator_path, item_label, local_time
from ui.common.state import ProjectState
from ui.common.undo import ProjectUndo
from ui.evidence.detail_models import EvidenceRow
from ui.review.return_dialog import ReturnDialog
from ui.review.review_changes import level_change, review_change
from ui.review.review_layout import ReviewLayout
from ui.review.review_models import (
    ReviewData,
    UnitReviewRow,
    load_review_data,
)
from ui.scoring.score_models import (
    LEVEL_COLORS,
    AssessmentSnapshot,
    ScoreKeeper,
    fmt,
    level_text,
    set_reviewer_name,
)

ModelIndex = QModelIndex | QPersistentModelIndex

#: The key that gives each level (shown in the buttons' tooltips).
LEVEL_KEYS: dict[str, str] = {level: str(position + 1) for position, level in enumerate(REVIEW_LEVELS)}


# -- data read in a worker -------------------------------------------------------------------------


# -- per-unit review model -------------------------------------------------------------------------


# -- history model ---------------------------------------------------------------------------------


# -- the return dialog -----------------------------------------------------------------------------


# -- the pane --------------------------------------------------------------------------------------


class ReviewPane(ReviewLayout):
    """Review one indicator: level and comment, per-unit accept/return, history."""

    #: The pane moved to another indicator by itself (next/previous); the window selects it too.
    current_changed = Signal(int)
    #: The indicator's review data was (re)loaded (for tests and the status bar).
    loaded = Signal(int)
    #: A write finished and the hub was told.
    saved = Signal(object)
    #: A file of the selected unit was selected (``EvidenceRow`` or ``None``): the window previews it.
    evidence_selected = Signal(object)
    #: A file was double-clicked or Enter was pressed on it: the window opens it.
    evidence_activated = Signal(object)

    def __init__(
        self,
        state: ProjectState,
        keeper: ScoreKeeper,
        parent: QWidget | None = None,
        *,
        undo: ProjectUndo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPane")
        self.state = state
        #: The window's undo stack (a pane on its own keeps one of its own).
        self.undo = undo if undo is not None else ProjectUndo(state, self)
        self.keeper = keeper
        self._number: int | None = None
        self._data: ReviewData | None = None
        self._shown_comment = ""  # the comment last put in the box (to tell typing from showing)
        self._generation = 0
        self.last_task: BackgroundTask | None = None
        self.return_dialog: ReturnDialog | None = None

        self._build_layout()
        self._connect_widgets()

        self._build_shortcuts()
        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)
        keeper.updated.connect(self._on_keeper_updated)
        self.clear()

    def _shortcut(self, keys: Sequence[str], slot: Any, text: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # Only while the pane (or a child) has focus: the catalog tree keeps its own keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_shortcuts(self) -> None:
        self.level_actions: dict[str, QAction] = {}
        for level in REVIEW_LEVELS:
            key = LEVEL_KEYS[level]
            self.level_actions[level] = self._shortcut(
                [key],
                lambda _checked=False, lv=level: self.set_level(lv),
                self.tr("评定为{level}").format(level=level),
            )
        self.next_action = self._shortcut(["Alt+Down"], self.go_next, self.tr("下一项"))
        self.previous_action = self._shortcut(["Alt+Up"], self.go_previous, self.tr("上一项"))
        self.next_action.setObjectName("reviewNext")
        self.previous_action.setObjectName("reviewPrevious")
        self.save_action = self._shortcut(
            ["Ctrl+Return", "Ctrl+Enter"], self.save_comment, self.tr("保存意见")
        )
        self.accept_action = self._shortcut(["A"], self.accept_selected, self.tr("通过"))
        self.return_action = self._shortcut(["R"], self.return_selected, self.tr("退回补充"))

    def _connect_widgets(self) -> None:
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        for level, button in self.level_buttons.items():
            button.clicked.connect(lambda _checked=False, lv=level: self.set_level(lv))
        self.reviewer_edit.editingFinished.connect(self._on_reviewer_edit_editing_finished)
        self.save_button.clicked.connect(self.save_comment)
        self.unit_view.selectionModel().selectionChanged.connect(self._on_unit_view_selection_changed)
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button.clicked.connect(self.return_selected)
        self.evidence_view.selectionModel().selectionChanged.connect(self._on_evidence_view_selection_changed)
        self.evidence_view.activated.connect(self._on_evidence_view_activated)

    # -- state -------------------------------------------------------------------------------------
    @property
    def number(self) -> int | None:
        return self._number

    @property
    def writable(self) -> bool:
        return self.state.office_writable

    def clear(self) -> None:
        self._number = None
        self._data = None
        self._generation += 1
        self.unit_model.set_rows([])
        self.evidence_model.set_rows([])
        self.history_model.set_data(None)
        self._set_comment("")
        self.placeholder.show()
        self.splitter.hide()
        self._update_controls()

    def selected_unit(self) -> str | None:
        rows = self.unit_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.unit_model.row_data(rows[0].row()).unit

    def select_unit(self, unit: str) -> bool:
        row = self.unit_model.row_of(unit)
        if row < 0:
            return False
        self.unit_view.selectRow(row)
        return True

    # -- showing an indicator ----------------------------------------------------------------------
    def show_indicator(self, number: int) -> BackgroundTask | None:
        """Show ``number`` (no-op if it is already shown) and load its units and history."""
        catalog = self.state.catalog
        if catalog is None or not catalog.has_indicator(number):
            return None
        if number == self._number:
            return None
        self._number = number
        self._data = None
        indicator = catalog.indicator(number)
        self.path_label.setText(indicator_path(catalog, number))
        self.title_label.setText(item_label(catalog, number))
        self.evidence_model.catalog = catalog
        self.text_label.setText(indicator.text)
        # A plan task is reviewed per unit but never rated or scored.
        rating = (self.levels_label, *self.level_buttons.values(), self.level_chip, self.points_label)
        for widget in (*rating, self.comment_edit, self.save_button):
            widget.setVisible(not catalog.is_plan)
        for action in (*self.level_actions.values(), self.save_action):
            action.setEnabled(not catalog.is_plan)
        self.unit_model.set_rows([])
        self.evidence_model.set_rows([])
        self.history_model.set_data(None)
        record = self.keeper.level_of(number)
        self._set_comment(record.comment if record else "")
        self._show_level()
        self._show_progress()
        self.placeholder.hide()
        self.splitter.show()
        self._update_controls()
        return self.reload()

    def reload(self) -> BackgroundTask | None:
        project = self.state.project
        number = self._number
        if project is None or number is None:
            return None
        self._generation += 1
        generation = self._generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> ReviewData:
            return load_review_data(project, number)

        def done(data: ReviewData) -> None:
            if generation == self._generation and self._number == number:
                self._set_data(data)

        self.last_task = run_read(
            self, work, title=self.tr("读取评审记录"), on_done=done, show_progress=False
        )
        return self.last_task

    def _set_data(self, data: ReviewData) -> None:
        self._data = data
        selected = self.selected_unit()
        names = [u.name for u in self.state.units if not u.collective and data.number in u.indicators]
        others = sorted(u for u in data.evidence_by_unit if u not in names)
        latest: dict[str, ReviewRecord] = {}
        for record in data.reviews:
            latest[record.unit] = record
        rows = [
            UnitReviewRow(name, name in names, data.evidence_by_unit.get(name, 0), latest.get(name))
            for name in [*names, *others]
        ]
        self.unit_model.set_rows(rows)
        if (selected is None or not self.select_unit(selected)) and rows:
            self.unit_view.selectRow(0)
        self._show_unit_files()
        self.history_model.set_data(data)
        self._show_progress()
        self._update_controls()
        self.loaded.emit(data.number)

    def _show_level(self) -> None:
        number = self._number
        if number is None:
            return
        record = self.keeper.level_of(number)
        level = record.level if record else None
        for name, button in self.level_buttons.items():
            button.blockSignals(True)
            button.setChecked(name == level)
            button.blockSignals(False)
        if level is None:
            # Exclusive groups keep one button down; none is down when nothing was given yet.
            self.level_group.setExclusive(False)
            for button in self.level_buttons.values():
                button.setChecked(False)
            self.level_group.setExclusive(True)
        text = level_text(level)
        color = LEVEL_COLORS.get(text, LEVEL_COLORS["未评估"])
        self.level_chip.setText(text)
        self.level_chip.setStyleSheet(
            f"QLabel {{ background: {color}; color: white; border-radius: 3px; padding: 1px 8px; }}"
        )
        tip = self.tr("{by} 于 {at} 评定").format(by=record.by, at=local_time(record.at)) if record else ""
        self.level_chip.setToolTip(tip)
        score = self.keeper.score
        if score is not None:
            ind = score.indicator(number)
            if ind.applicable:
                self.points_label.setText(self.tr("得分 {p} / {m}").format(p=fmt(ind.points), m=fmt(ind.max)))
            else:
                self.points_label.setText(self.tr("不适用：不计入满分"))
        else:
            self.points_label.clear()

    def _show_progress(self) -> None:
        number = self._number
        if number is None:
            return
        progress = self.state.progress(number)
        parts = []
        if progress is not None:
            met = progress.demands_met
            parts.append(
                self.tr("资料 {n} 件，资料要求已满足 {met}/{all} 项").format(
                    n=progress.evidence_count, met=met, all=len(progress.requirements)
                )
            )
        if self._data is not None:
            returned = [r.unit for r in self._latest_reviews().values() if r.decision == "returned"]
            if returned:
                parts.append(
                    self.tr("退回待补：{units}").format(units="、".join(html.escape(u) for u in returned))
                )
        self.evidence_label.setText("；".join(parts))

    def _latest_reviews(self) -> dict[str, ReviewRecord]:
        latest: dict[str, ReviewRecord] = {}
        if self._data is not None:
            for review in self._data.reviews:
                latest[review.unit] = review
        return latest

    def _update_controls(self) -> None:
        has = self._number is not None and self.state.project is not None
        writable = has and self.writable
        for button in self.level_buttons.values():
            button.setEnabled(writable)
        for action in self.level_actions.values():
            action.setEnabled(writable)
        self.comment_edit.setReadOnly(not writable)
        self.save_button.setEnabled(writable and self.keeper.level_of(self._number or 0) is not None)
        self.save_action.setEnabled(self.save_button.isEnabled())
        unit = writable and self.selected_unit() is not None
        self.accept_button.setEnabled(unit)
        self.return_button.setEnabled(unit)
        self.accept_action.setEnabled(unit)
        self.return_action.setEnabled(unit)
        catalog = self.state.catalog
        numbers = [i.number for i in catalog.indicators] if catalog is not None else []
        position = numbers.index(self._number) if self._number in numbers else -1
        self.previous_button.setEnabled(position > 0)
        self.next_button.setEnabled(0 <= position < len(numbers) - 1)
        self.previous_action.setEnabled(self.previous_button.isEnabled())
        self.next_action.setEnabled(self.next_button.isEnabled())
        snapshot = self.state.snapshot
        self.readonly_label.setVisible(snapshot is not None and snapshot.is_unit_workspace)

    # -- navigation --------------------------------------------------------------------------------
    def _step(self, delta: int) -> None:
        catalog = self.state.catalog
        if catalog is None or self._number is None:
            return
        numbers = [i.number for i in catalog.indicators]
        position = numbers.index(self._number) + delta
        if 0 <= position < len(numbers):
            self.show_indicator(numbers[position])
            self.current_changed.emit(numbers[position])

    def go_next(self) -> None:
        self._step(1)

    def go_previous(self) -> None:
        self._step(-1)

    # -- writing -----------------------------------------------------------------------------------
    def _reviewer(self) -> str | None:
        name = self.reviewer_edit.text().strip()
        return name or None

    def _on_reviewer_edit_editing_finished(self) -> None:
        set_reviewer_name(self.reviewer_edit.text())

    def set_level(self, level: str, *, comment_only: bool = False) -> BackgroundTask | None:
        """Record ``level`` for the shown indicator, with the comment in the box (an undoable step)."""
        number = self._number
        project = self.state.project
        if project is None or project.catalog.is_plan:  # a plan task is never rated
            return None
        if number is None or not self.writable:
            return None
        change = level_change(
            self.state,
            number,
            level,
            comment=self.comment_edit.toPlainText(),
            by=self._reviewer(),
            comment_only=comment_only,
            saved=lambda record, undone: self._on_level_saved(number, record, undone),
        )
        self.last_task = self.undo.push(change)
        return self.last_task

    def _on_level_saved(self, number: int, record: AssessmentRecord | None, undone: bool) -> None:
        # After an undo or redo the box shows the comment in force again (typing since is replaced).
        if number == self._number:
            self._set_comment(record.comment if record is not None else "")
        self.saved.emit(record)

    def _on_change_saved(self, record: object, undone: bool) -> None:
        self.saved.emit(record)

    def save_comment(self) -> BackgroundTask | None:
        record = self.keeper.level_of(self._number) if self._number is not None else None
        if record is None:
            return None
        return self.set_level(record.level, comment_only=True)

    def accept_selected(self) -> BackgroundTask | None:
        unit = self.selected_unit()
        if unit is None:
            return None
        return self.review_unit(unit, "accept", "")

    def return_selected(self) -> ReturnDialog | None:
        unit = self.selected_unit()
        if unit is None or self._number is None or not self.writable:
            return None
        number = self._number
        dialog = ReturnDialog(number, unit, self, item=item_label(self.state.catalog, number))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.return_dialog = dialog
        dialog.accepted.connect(lambda: self.review_unit(unit, "return", dialog.comment(), number=number))
        dialog.open()
        return dialog

    def review_unit(
        self, unit: str, decision: str, comment: str, *, number: int | None = None
    ) -> BackgroundTask | None:
        """Accept or return ``unit``'s evidence for the shown indicator (or ``number``)."""
        project = self.state.project
        number = number if number is not None else self._number
        if project is None or number is None or not self.writable:
            return None

        change = review_change(
            self.state,
            number,
            unit,
            decision,
            comment=comment,
            by=self._reviewer(),
            saved=self._on_change_saved,
        )
        self.last_task = self.undo.push(change)
        return self.last_task

    # -- the hub -----------------------------------------------------------------------------------
    def _on_state_opened(self, snapshot: object) -> None:
        self.clear()

    def _on_state_closed(self) -> None:
        self.clear()

    def _on_state_changed(self, change: ProjectChange) -> None:
        number = self._number
        if number is None:
            return
        catalog = self.state.catalog
        group = set(catalog.indicator(number).evidence_group) if catalog is not None else {number}
        if change.everything or group & change.indicators:
            self.reload()
        self._show_progress()

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        if self._number is None:
            return
        record = snapshot.levels.get(self._number)
        # Show the comment in force, unless the reviewer has typed something not yet saved.
        typed = self.comment_edit.toPlainText()
        if record is not None and (typed == self._shown_comment or typed.strip() == record.comment):
            self._set_comment(record.comment)
        elif record is None and typed == self._shown_comment:
            self._set_comment("")  # the level was undone: no comment in force
        self._show_level()
        self._update_controls()

    def _set_comment(self, text: str) -> None:
        self._shown_comment = text
        self.comment_edit.setPlainText(text)

    def _on_unit_view_selection_changed(self, *args: object) -> None:
        self._show_unit_files()
        self._update_controls()

    def _show_unit_files(self) -> None:
        unit = self.selected_unit()
        rows = [r for r in self._data.evidence if r.unit == unit] if self._data is not None and unit else []
        self.evidence_model.set_rows(rows)
        if unit:
            self.files_label.setText(
                self.tr("{unit}的资料（{n} 件，双击用系统程序打开）").format(unit=unit, n=len(rows))
            )
        else:
            self.files_label.setText(self.tr("该单位的资料"))
        self.evidence_selected.emit(None)

    def selected_evidence(self) -> EvidenceRow | None:
        rows = self.evidence_view.selectionModel().selectedRows()
        return self.evidence_model.evidence(rows[0].row()) if rows else None

    def _on_evidence_view_selection_changed(self, *args: object) -> None:
        self.evidence_selected.emit(self.selected_evidence())

    def _on_evidence_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.evidence_activated.emit(self.evidence_model.evidence(index.row()))
