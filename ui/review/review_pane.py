"""The review pane: the office's level for one indicator, per-unit accept/return, and the history.

Keyboard-driven: 1/2/3/4 give 达标/基本达标/未达标/不适用 (saved at once, with the comment in the box),
Ctrl+Enter saves the comment, Alt+↓/Alt+↑ move to the next/previous indicator, A accepts and R returns
the selected unit's evidence. Digits and letters typed into a text box stay in the box (Qt gives text
fields the key before any shortcut).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.assessment.levels import AssessmentRecord, history, set_level
from app.assessment.reviews import DECISIONS, ReviewRecord, list_reviews, review
from app.base.progress import CancelToken, ProgressCallback
from app.evidence.attach import EvidenceRecord, list_evidence
from app.project.folder import Project
from app.scoring.compute import REVIEW_LEVELS
from app.status.workspace import project_progress
from ui.common.background import BackgroundTask, run_in_background
from ui.common.row_table_model import RowTableModel
from ui.common.state import ProjectChange, ProjectState
from ui.evidence.detail_models import EvidenceColumn, EvidenceRow, EvidenceTableModel
from ui.scoring.score_models import (
    LEVEL_COLORS,
    AssessmentSnapshot,
    ScoreKeeper,
    fmt,
    level_text,
    reviewer_name,
    set_reviewer_name,
)

ModelIndex = QModelIndex | QPersistentModelIndex

#: The key that gives each level (shown in the buttons' tooltips).
LEVEL_KEYS: dict[str, str] = {level: str(position + 1) for position, level in enumerate(REVIEW_LEVELS)}


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


# -- data read in a worker -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewData:
    number: int
    levels: tuple[AssessmentRecord, ...]  # oldest first
    reviews: tuple[ReviewRecord, ...]  # every review of the indicator, oldest first
    evidence_by_unit: dict[str, int]
    evidence: tuple[EvidenceRow, ...] = ()  # active evidence of the indicator's 合并提供 group


def evidence_row(record: EvidenceRecord) -> EvidenceRow:
    return EvidenceRow(
        evidence_id=record.id,
        sha256=record.sha256,
        filename=record.filename,
        kind=record.kind,
        unit=record.unit,
        pages=record.pages,
        sheets=record.sheets,
        period=record.period,
        added_by=record.added_by,
        added_at=record.added_at,
        title=record.title,
        indicators=tuple(record.indicators),
        size=record.size,
        status=record.status,
    )


def load_review_data(project: Project, number: int) -> ReviewData:

    counts: dict[str, int] = {}
    records = list_evidence(project, indicator=number)
    for record in records:
        counts[record.unit] = counts.get(record.unit, 0) + 1
    return ReviewData(
        number,
        tuple(history(project, number)),
        tuple(list_reviews(project, indicator=number, latest=False)),
        counts,
        tuple(evidence_row(r) for r in records),
    )


# -- per-unit review model -------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitReviewRow:
    unit: str
    responsible: bool  # named by the catalog (directly or through a collective)
    evidence: int
    review: ReviewRecord | None  # the review in force


class UnitReviewRole(IntEnum):
    UNIT = Qt.ItemDataRole.UserRole + 1
    DECISION = Qt.ItemDataRole.UserRole + 2
    EVIDENCE_COUNT = Qt.ItemDataRole.UserRole + 3


class UnitReviewColumn(IntEnum):
    UNIT = 0
    EVIDENCE = 1
    DECISION = 2
    COMMENT = 3
    REVIEWER = 4
    AT = 5


class UnitReviewModel(RowTableModel[UnitReviewRow]):
    """One row per unit that answers for the indicator: its evidence count and the review in force."""

    role_enum = UnitReviewRole

    def row_data(self, row: int) -> UnitReviewRow:
        return self.row_at(row)

    def row_of(self, unit: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.unit == unit), -1)

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("单位"),
            self.tr("资料"),
            self.tr("审核结论"),
            self.tr("意见"),
            self.tr("审核人"),
            self.tr("时间"),
        )

    def _decision(self, row: UnitReviewRow) -> str:
        if row.review is None:
            return self.tr("未审核")
        return DECISIONS.get(row.review.decision, row.review.decision)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_for(index)
        if row is None:
            return None
        column = index.column()
        review = row.review
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                row.unit,
                self.tr("{n} 件").format(n=row.evidence),
                self._decision(row),
                review.comment if review else "",
                review.reviewed_by if review else "",
                local_time(review.at) if review else "",
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == UnitReviewColumn.UNIT and not row.responsible:
                return self.tr("该单位不是本项的责任单位，但为合并提供的指标提交了资料")
            if column == UnitReviewColumn.COMMENT and review and review.comment:
                return review.comment
            if column == UnitReviewColumn.DECISION and review is not None:
                return self.tr("{by} 于 {at} 审核").format(by=review.reviewed_by, at=local_time(review.at))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == UnitReviewColumn.DECISION and review is not None:
                return QColor("#d93025" if review.decision == "returned" else "#1e8e3e")
            if column == UnitReviewColumn.EVIDENCE and row.evidence == 0:
                return QColor("#d93025")
            return None
        if role == UnitReviewRole.UNIT:
            return row.unit
        if role == UnitReviewRole.DECISION:
            return review.decision if review else None
        if role == UnitReviewRole.EVIDENCE_COUNT:
            return row.evidence
        return None


# -- history model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str  # "level" | "review"
    subject: str  # 本项 or the unit
    outcome: str
    comment: str
    by: str


class HistoryRole(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1
    OUTCOME = Qt.ItemDataRole.UserRole + 2


class HistoryModel(RowTableModel[HistoryEntry]):
    """Levels given and unit reviews of the indicator, newest first."""

    role_enum = HistoryRole

    def set_data(self, data: ReviewData | None) -> None:
        rows: list[HistoryEntry] = []
        if data is not None:
            for level in data.levels:
                rows.append(
                    HistoryEntry(level.at, "level", self.tr("本项"), level.level, level.comment, level.by)
                )
            for review in data.reviews:
                outcome = DECISIONS.get(review.decision, review.decision)
                rows.append(
                    HistoryEntry(
                        review.at, "review", review.unit, outcome, review.comment, review.reviewed_by
                    )
                )
        rows.sort(key=lambda e: e.at, reverse=True)
        self.set_rows(rows)

    def entry(self, row: int) -> HistoryEntry:
        return self.row_at(row)

    def titles(self) -> tuple[str, ...]:
        return (self.tr("时间"), self.tr("对象"), self.tr("结论"), self.tr("意见"), self.tr("人员"))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self._row_for(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            subject = (
                self.tr("评定等级")
                if entry.kind == "level"
                else self.tr("审核 {unit}").format(unit=entry.subject)
            )
            values = (local_time(entry.at), subject, entry.outcome, entry.comment, entry.by)
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and entry.comment:
            return entry.comment
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            if entry.kind == "level":
                return QColor(LEVEL_COLORS.get(entry.outcome, "#5f6368"))
            return QColor("#d93025" if entry.outcome == DECISIONS["returned"] else "#1e8e3e")
        if role == HistoryRole.KIND:
            return entry.kind
        if role == HistoryRole.OUTCOME:
            return entry.outcome
        return None


# -- the return dialog -----------------------------------------------------------------------------


class ReturnDialog(QDialog):
    """Asks why a unit's evidence goes back (the comment is required and goes into the return note)."""

    def __init__(self, number: int, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("退回补充"))
        self.setObjectName("returnDialog")
        label = QLabel(
            self.tr("退回 {unit} 为第 {n} 项提交的资料。请写明需要补充或修改的内容：").format(
                unit=unit, n=number
            )
        )
        label.setWordWrap(True)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("returnComment")
        self.comment_edit.setPlaceholderText(self.tr("例如：缺少2021年度的合法性审核意见书，请补充"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("退回"))
        ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.comment_edit.textChanged.connect(self._on_comment_edit_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.comment_edit)
        layout.addWidget(self.buttons)
        self.resize(460, 220)

    def _on_comment_edit_text_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.comment().strip()))

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()


# -- the pane --------------------------------------------------------------------------------------


def _section(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class ReviewPane(QWidget):
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

    def __init__(self, state: ProjectState, keeper: ScoreKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPane")
        self.state = state
        self.keeper = keeper
        self._number: int | None = None
        self._data: ReviewData | None = None
        self._shown_comment = ""  # the comment last put in the box (to tell typing from showing)
        self._generation = 0
        self.last_task: BackgroundTask | None = None
        self.return_dialog: ReturnDialog | None = None

        # -- header --------------------------------------------------------------------------------
        self.path_label = QLabel()
        self.path_label.setStyleSheet("color: palette(placeholder-text);")
        self.path_label.setWordWrap(True)
        self.title_label = QLabel()
        self.title_label.setObjectName("reviewTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.level_chip = QLabel()
        self.level_chip.setObjectName("levelChip")
        self.points_label = QLabel()
        self.points_label.setObjectName("pointsLabel")
        self.previous_button = QPushButton(self.tr("◀ 上一项"))
        self.previous_button.setToolTip(self.tr("上一项指标 (Alt+↑)"))
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button = QPushButton(self.tr("下一项 ▶"))
        self.next_button.setToolTip(self.tr("下一项指标 (Alt+↓)"))
        self.next_button.clicked.connect(self.go_next)
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.level_chip)
        header.addWidget(self.points_label)
        header.addStretch(1)
        header.addWidget(self.previous_button)
        header.addWidget(self.next_button)
        self.text_label = QLabel()
        self.text_label.setObjectName("reviewText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence_label = QLabel()
        self.evidence_label.setObjectName("reviewEvidenceSummary")
        self.evidence_label.setWordWrap(True)

        # -- level ---------------------------------------------------------------------------------
        self.level_group = QButtonGroup(self)
        self.level_group.setExclusive(True)
        self.level_buttons: dict[str, QPushButton] = {}
        levels = QHBoxLayout()
        levels.addWidget(_section(self.tr("评定等级")))
        for level in REVIEW_LEVELS:
            key = LEVEL_KEYS[level]
            button = QPushButton(f"{level} ({key})")
            button.setObjectName(f"level{key}")
            button.setCheckable(True)
            button.setToolTip(self.tr("评定为“{level}”并保存（快捷键 {key}）").format(level=level, key=key))
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {LEVEL_COLORS[level]}; color: white;"
                " font-weight: bold; }"
            )
            button.clicked.connect(lambda _checked=False, lv=level: self.set_level(lv))
            self.level_group.addButton(button)
            self.level_buttons[level] = button
            levels.addWidget(button)
        levels.addStretch(1)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("levelComment")
        self.comment_edit.setPlaceholderText(self.tr("评定意见（可选）：依据、不足之处、整改要求……"))
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setMaximumHeight(64)
        self.reviewer_edit = QLineEdit(reviewer_name())
        self.reviewer_edit.setObjectName("reviewerEdit")
        self.reviewer_edit.setToolTip(self.tr("评定与审核记录在此姓名下"))
        self.reviewer_edit.setMaximumWidth(160)
        self.reviewer_edit.editingFinished.connect(self._on_reviewer_edit_editing_finished)
        self.save_button = QPushButton(self.tr("保存意见"))
        self.save_button.setToolTip(self.tr("以所选等级保存评定意见 (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save_comment)
        reviewer_row = QHBoxLayout()
        reviewer_row.addWidget(QLabel(self.tr("评定人：")))
        reviewer_row.addWidget(self.reviewer_edit)
        reviewer_row.addStretch(1)
        reviewer_row.addWidget(self.save_button)
        self.readonly_label = QLabel(self.tr("单位工作区只能查看：等级与审核由依法治县办评定。"))
        self.readonly_label.setStyleSheet("color: #b06000;")
        self.readonly_label.hide()

        # -- units ---------------------------------------------------------------------------------
        self.unit_model = UnitReviewModel(self)
        self.unit_view = QTableView()
        self.unit_view.setObjectName("unitReviewView")
        self.unit_view.setModel(self.unit_model)
        self._table_defaults(self.unit_view)
        unit_header = self.unit_view.horizontalHeader()
        unit_header.setSectionResizeMode(UnitReviewColumn.COMMENT, QHeaderView.ResizeMode.Stretch)
        for column in (UnitReviewColumn.UNIT, UnitReviewColumn.EVIDENCE, UnitReviewColumn.DECISION):
            unit_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Who reviewed and when: in the decision's tooltip and the history below.
        self.unit_view.setColumnHidden(UnitReviewColumn.REVIEWER, True)
        self.unit_view.setColumnHidden(UnitReviewColumn.AT, True)
        self.unit_view.selectionModel().selectionChanged.connect(self._on_unit_view_selection_changed)
        self.accept_button = QPushButton(self.tr("通过 (A)"))
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setToolTip(self.tr("所选单位的资料审核通过 (A)"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button = QPushButton(self.tr("退回补充… (R)"))
        self.return_button.setObjectName("returnButton")
        self.return_button.setToolTip(self.tr("把所选单位的资料退回补充，需写明意见 (R)"))
        self.return_button.clicked.connect(self.return_selected)
        unit_buttons = QHBoxLayout()
        unit_buttons.addWidget(_section(self.tr("各单位资料审核")))
        unit_buttons.addStretch(1)
        unit_buttons.addWidget(self.accept_button)
        unit_buttons.addWidget(self.return_button)

        # -- the selected unit's files -------------------------------------------------------------
        self.evidence_model = EvidenceTableModel(self)
        self.evidence_view = QTableView()
        self.evidence_view.setObjectName("reviewEvidenceView")
        self.evidence_view.setModel(self.evidence_model)
        self._table_defaults(self.evidence_view)
        self.evidence_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # The unit is the selected one, and it added its own files: room for the file names.
        self.evidence_view.setColumnHidden(EvidenceColumn.UNIT, True)
        self.evidence_view.setColumnHidden(EvidenceColumn.ADDED_BY, True)
        evidence_header = self.evidence_view.horizontalHeader()
        evidence_header.setSectionResizeMode(EvidenceColumn.FILENAME, QHeaderView.ResizeMode.Stretch)
        for evidence_column in (EvidenceColumn.EXTENT, EvidenceColumn.PERIOD, EvidenceColumn.ADDED_AT):
            evidence_header.setSectionResizeMode(evidence_column, QHeaderView.ResizeMode.ResizeToContents)
        self.evidence_view.selectionModel().selectionChanged.connect(self._on_evidence_view_selection_changed)
        self.evidence_view.activated.connect(self._on_evidence_view_activated)
        self.files_label = _section(self.tr("该单位的资料"))

        # -- history -------------------------------------------------------------------------------
        self.history_model = HistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setObjectName("reviewHistoryView")
        self.history_view.setModel(self.history_model)
        self._table_defaults(self.history_view)
        history_header = self.history_view.horizontalHeader()
        history_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for section in (0, 1, 2):
            history_header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.path_label)
        top_layout.addLayout(header)
        top_layout.addWidget(self.text_label)
        top_layout.addWidget(self.evidence_label)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        top_layout.addWidget(line)
        top_layout.addLayout(levels)
        top_layout.addWidget(self.comment_edit)
        top_layout.addLayout(reviewer_row)
        top_layout.addWidget(self.readonly_label)
        top_layout.addLayout(unit_buttons)
        top_layout.addWidget(self.unit_view, 1)
        files = QWidget()
        files_layout = QVBoxLayout(files)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(self.files_label)
        files_layout.addWidget(self.evidence_view, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(_section(self.tr("评审记录")))
        bottom_layout.addWidget(self.history_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(files)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)

        self.placeholder = QLabel(self.tr("在左侧选择一项三级指标进行评审"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.placeholder, 0, 0)
        layout.addWidget(self.splitter, 0, 0)

        self._build_shortcuts()
        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        state.closed.connect(self._on_state_closed)
        keeper.updated.connect(self._on_keeper_updated)
        self.clear()

    def _table_defaults(self, view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(26)

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
        self.save_action = self._shortcut(
            ["Ctrl+Return", "Ctrl+Enter"], self.save_comment, self.tr("保存意见")
        )
        self.accept_action = self._shortcut(["A"], self.accept_selected, self.tr("通过"))
        self.return_action = self._shortcut(["R"], self.return_selected, self.tr("退回补充"))

    # -- state -------------------------------------------------------------------------------------
    @property
    def number(self) -> int | None:
        return self._number

    @property
    def writable(self) -> bool:
        snapshot = self.state.snapshot
        project = self.state.project
        return (
            snapshot is not None
            and project is not None
            and not snapshot.is_unit_workspace
            and not project.readonly
        )

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
        area = catalog.area(indicator.area)
        group = catalog.group(indicator.group)
        self.path_label.setText(f"{area.code}、{area.name}  ›  {group.code} {group.name}")
        self.title_label.setText(self.tr("第 {n} 项").format(n=number))
        self.text_label.setText(indicator.text)
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

        self.last_task = run_in_background(
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

    def set_level(self, level: str) -> BackgroundTask | None:
        """Record ``level`` for the shown indicator, with the comment in the box."""
        project = self.state.project
        number = self._number
        if project is None or number is None or not self.writable:
            return None

        comment = self.comment_edit.toPlainText()
        by = self._reviewer()

        def work(progress: ProgressCallback, cancel: CancelToken) -> AssessmentRecord:
            return set_level(project, number, level, comment=comment, by=by)

        def done(record: AssessmentRecord) -> None:
            self.state.apply(ProjectChange.of(indicators=[number]))
            self.saved.emit(record)

        self.last_task = run_in_background(
            self, work, title=self.tr("保存评定"), on_done=done, writes=True, cancellable=False
        )
        return self.last_task

    def save_comment(self) -> BackgroundTask | None:
        record = self.keeper.level_of(self._number) if self._number is not None else None
        if record is None:
            return None
        return self.set_level(record.level)

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
        dialog = ReturnDialog(number, unit, self)
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

        by = self._reviewer()

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:
            record = review(
                project, indicator=number, unit=unit, decision=decision, comment=comment, actor=by
            )
            # A return changes the indicator's status (被退回): fresh progress for the tree.
            return record, project_progress(project, [number])

        def done(outcome: Any) -> None:
            record, progress = outcome
            self.state.apply(ProjectChange.of(indicators=[number], units=[unit]), progress)
            self.saved.emit(record)

        self.last_task = run_in_background(
            self, work, title=self.tr("保存审核结论"), on_done=done, writes=True, cancellable=False
        )
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
