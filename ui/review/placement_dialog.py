"""评审 › 选择待定指标的归属…: where an indicator the source leaves open belongs (indicator 69: 四.6 by the
table's layout, 五.1 by the body text). Shows each listed placement with the source's reasoning and the
一级指标 subtotals under it, the choice in force and who made it when; 确定 makes the choice an undoable
step on the project's stack (``placement_change``). Read-only projects and unit workspaces only look."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.assessment.placement_options import PlacementOption, PlacementQuestion, placement_question
from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from ui.common.background import BackgroundTask, run_read
from ui.common.state import ProjectState
from ui.common.undo import ProjectUndo
from ui.review.review_changes import placement_change
from ui.scoring.score_models import fmt


def read_only_reason(state: ProjectState) -> str:
    """Why the placement cannot be chosen here ("" when it can)."""
    snapshot, project = state.snapshot, state.project
    if snapshot is None or project is None:
        return QCoreApplication.translate("PlacementDialog", "没有打开项目")
    if snapshot.is_unit_workspace:
        return QCoreApplication.translate(
            "PlacementDialog", "单位工作区不能选择待定指标的归属（由依法治县办选定）"
        )
    if project.readonly:
        return QCoreApplication.translate("PlacementDialog", "项目以只读方式打开，不能选择待定指标的归属")
    return ""


class PlacementDialog(QDialog):
    """Both placements of an open question, what each means, and the choice."""

    #: The question was read and shown (carries the ``PlacementQuestion``).
    loaded = Signal(object)

    def __init__(
        self, state: ProjectState, undo: ProjectUndo, question: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.undo = undo
        self.question_name = question
        self.question: PlacementQuestion | None = None
        self.last_task: BackgroundTask | None = None
        self.setObjectName("placementDialog")
        self.setWindowTitle(self.tr("选择待定指标的归属"))

        self.question_label = QLabel(self.tr("正在读取…"))
        self.question_label.setObjectName("questionLabel")
        self.question_label.setWordWrap(True)
        self.current_label = QLabel()
        self.current_label.setObjectName("currentLabel")
        self.current_label.setWordWrap(True)
        self.decision_label = QLabel()
        self.decision_label.setObjectName("decisionLabel")
        self.decision_label.setWordWrap(True)
        self.decision_label.setStyleSheet("color: palette(placeholder-text);")
        self.options_frame = QFrame()
        self.options_layout = QVBoxLayout(self.options_frame)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.choices = QButtonGroup(self)
        self.choices.buttonToggled.connect(self._on_choices_button_toggled)
        self.radios: dict[str, QRadioButton] = {}
        self.detail_labels: dict[str, QLabel] = {}
        self.reason_label = QLabel()
        self.reason_label.setObjectName("reasonLabel")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #8a5000;")
        self.reason_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.question_label)
        layout.addWidget(self.current_label)
        layout.addWidget(self.decision_label)
        layout.addWidget(self.options_frame)
        layout.addWidget(self.reason_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, 520)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)
        self.reload()

    # -- reading -----------------------------------------------------------------------------------
    def reload(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None
        name = self.question_name

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:
            return placement_question(project, name)

        self.last_task = run_read(
            self, work, title=self.tr("读取待定问题"), on_done=self._show, show_progress=False
        )
        return self.last_task

    def _show(self, question: PlacementQuestion) -> None:
        self.question = question
        view = question.view
        asked = view.question
        self.question_label.setText(
            self.tr("<b>第 {n} 项的归属待定：</b>{question}").format(
                n=asked.indicator, question=html.escape(asked.question)
            )
        )
        current = next(o for o in question.options if o.in_force)
        how = self.tr("依法治县办选定") if asked.chosen is not None else self.tr("指标体系默认")
        self.current_label.setText(
            self.tr("当前按 {group}“{name}”计分（{how}）。").format(
                group=current.group, name=current.group_name, how=how
            )
        )
        self.decision_label.setText(self._decision_text(question))
        for button in list(self.choices.buttons()):
            self.choices.removeButton(button)
        while self.options_layout.count():
            item = self.options_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.radios.clear()
        self.detail_labels.clear()
        for option in question.options:
            radio = QRadioButton(self._option_title(option))
            radio.setObjectName(f"placementChoice_{option.group}")
            detail = QLabel(self._option_detail(option))
            detail.setObjectName(f"placementDetail_{option.group}")
            detail.setWordWrap(True)
            detail.setTextFormat(Qt.TextFormat.RichText)
            detail.setContentsMargins(24, 0, 0, 8)
            self.choices.addButton(radio)
            self.options_layout.addWidget(radio)
            self.options_layout.addWidget(detail)
            self.radios[option.group] = radio
            self.detail_labels[option.group] = detail
            radio.setChecked(option.in_force)
        reason = read_only_reason(self.state)
        if not question.writable and not reason:
            reason = self.tr("项目以只读方式打开，不能选择待定指标的归属")
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        for radio in self.radios.values():
            radio.setEnabled(not reason)
        self._update_ok()
        self.loaded.emit(question)

    def _option_title(self, option: PlacementOption) -> str:
        marks = []
        if option.is_default:
            marks.append(self.tr("原表位置"))
        if option.in_force:
            marks.append(self.tr("当前"))
        title = self.tr("{group}“{name}”（一级指标{area}“{area_name}”）").format(
            group=option.group, name=option.group_name, area=option.area, area_name=option.area_name
        )
        return f"{title} [{'、'.join(marks)}]" if marks else title

    def _option_detail(self, option: PlacementOption) -> str:
        lines = [self.tr("依据：{basis}").format(basis=html.escape(option.basis))]
        if option.quote:
            lines.append(self.tr("原文：“{quote}”").format(quote=html.escape(option.quote)))
        if option.subtotals:
            parts = "，".join(
                self.tr("一级指标{code}小计 {score} 分（满分 {max} 分）").format(
                    code=s.code, score=fmt(s.score), max=fmt(s.max)
                )
                for s in option.subtotals
            )
            lines.append(
                self.tr("按此归属：{parts}；总分 {total} 分").format(parts=parts, total=fmt(option.total))
            )
        return "<br>".join(lines)

    def _decision_text(self, question: PlacementQuestion) -> str:
        decision = question.decision
        if decision is None:
            return self.tr("尚未选择过，按指标体系默认（原表位置）。")
        at = decision.at.astimezone().strftime("%Y-%m-%d %H:%M")
        if decision.group is None:
            return self.tr("{actor} 于 {at} 撤销了选择，恢复指标体系默认。").format(
                actor=decision.actor, at=at
            )
        return self.tr("{actor} 于 {at} 选定 {group}。").format(
            actor=decision.actor, at=at, group=decision.group
        )

    def _on_state_changed(self, change: object) -> None:
        # Undone, redone or chosen elsewhere while the dialog is open: show what is in force now.
        if isinstance(change, ProjectChange) and change.catalog and self.isVisible():
            self.reload()

    def _on_state_closed(self) -> None:
        self.reject()

    # -- choosing ----------------------------------------------------------------------------------
    def selected_group(self) -> str | None:
        return next((g for g, radio in self.radios.items() if radio.isChecked()), None)

    def select(self, group: str) -> None:
        self.radios[group].setChecked(True)

    def _on_choices_button_toggled(self, button: object, checked: bool) -> None:
        self._update_ok()

    def _update_ok(self) -> None:
        question = self.question
        if question is None or read_only_reason(self.state) or not question.writable:
            self.ok_button.setEnabled(False)
            return
        self.ok_button.setEnabled(self.selected_group() not in (None, question.view.current))

    def _on_buttons_accepted(self) -> None:
        question, group = self.question, self.selected_group()
        if question is None or group is None or group == question.view.current:
            self.reject()
            return
        change = placement_change(
            self.state,
            question.question_id,
            question.view.question.indicator,
            group,
            by=None,
            saved=lambda _view, _undone: None,
        )
        self.last_task = self.undo.push(change)
        self.accept()
