"""The widgets of the review pane, laid out (the pane in ``review_pane`` gives them behaviour)."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
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

from app.scoring.scheme import REVIEW_LEVELS
from ui.evidence.detail_models import EvidenceColumn, EvidenceTableModel
from ui.review.review_models import (
    HistoryModel,
    UnitReviewColumn,
    UnitReviewModel,
)
from ui.scoring.score_models import (
    LEVEL_COLORS,
    reviewer_name,
)

ModelIndex = QModelIndex | QPersistentModelIndex

#: The key that gives each level (shown in the buttons' tooltips).
LEVEL_KEYS: dict[str, str] = {level: str(position + 1) for position, level in enumerate(REVIEW_LEVELS)}


# -- data read in a worker -------------------------------------------------------------------------


# -- per-unit review model -------------------------------------------------------------------------


# -- history model ---------------------------------------------------------------------------------


# -- the return dialog -----------------------------------------------------------------------------


# -- the pane --------------------------------------------------------------------------------------


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


#: Unit rows the review table always shows (a county indicator has one to five units).
UNIT_ROWS_SHOWN = 3


def unit_review_min_height(view: QTableView, rows: int = UNIT_ROWS_SHOWN) -> int:
    """The header, ``rows`` rows and the frame: the unit table's least height."""
    header = view.horizontalHeader().sizeHint().height()
    return header + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth()


class ReviewLayout(QWidget):
    """Header, level buttons, comment, per-unit review table, the unit's files and the history."""

    def _build_layout(self) -> None:
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
        self.next_button = QPushButton(self.tr("下一项 ▶"))
        self.next_button.setToolTip(self.tr("下一项指标 (Alt+↓)"))
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
        self.levels_label = section_label(self.tr("评定等级"))
        levels.addWidget(self.levels_label)
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
        self.save_button = QPushButton(self.tr("保存意见"))
        self.save_button.setToolTip(self.tr("以所选等级保存评定意见 (Ctrl+Enter)"))
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
        # Three units show without scrolling however the splitter below shares the height.
        self.unit_view.setMinimumHeight(unit_review_min_height(self.unit_view))
        self.accept_button = QPushButton(self.tr("通过 (A)"))
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setToolTip(self.tr("所选单位的资料审核通过 (A)"))
        self.return_button = QPushButton(self.tr("退回补充… (R)"))
        self.return_button.setObjectName("returnButton")
        self.return_button.setToolTip(self.tr("把所选单位的资料退回补充，需写明意见 (R)"))
        unit_buttons = QHBoxLayout()
        unit_buttons.addWidget(section_label(self.tr("各单位资料审核")))
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
        self.files_label = section_label(self.tr("该单位的资料"))

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
        bottom_layout.addWidget(section_label(self.tr("评审记录")))
        bottom_layout.addWidget(self.history_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(files)
        self.splitter.addWidget(bottom)
        # The top keeps only what its content needs (its unit table had ~3 empty rows); the files and the
        # history share the rest (at 1366×768 the files list showed under two rows).
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)

        self.placeholder = QLabel(self.tr("在左侧选择一项三级指标进行评审"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.placeholder, 0, 0)
        layout.addWidget(self.splitter, 0, 0)

    def _table_defaults(self, view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(26)
