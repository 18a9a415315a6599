"""附加项: veto items (triggered or cleared, with a note) and bonus items (points within the caps, with the
document that proves them); and the red 一票否决 banner every pane shows while a veto is triggered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.assessment.levels import MarkRecord, claim_bonus, set_veto
from app.base.progress import CancelToken, ProgressCallback
from app.evidence.attach import list_evidence
from app.project.folder import Project
from app.scoring.compute import ScoreResult
from indicator_catalog import BonusItem, Catalog, VetoItem
from ui.common.background import BackgroundTask, run_in_background
from ui.common.row_table_model import RowT, RowTableModel
from ui.common.state import ProjectChange, ProjectState
from ui.review.review_pane import local_time
from ui.scoring.score_models import (
    VETO_RED,
    AssessmentSnapshot,
    ScoreKeeper,
    ScoringChange,
    fmt,
    reviewer_name,
)

ModelIndex = QModelIndex | QPersistentModelIndex


# -- the banner ------------------------------------------------------------------------------------


class VetoBanner(QLabel):
    """A red strip, shown only while a veto item is triggered: 一票否决, whatever the points."""

    def __init__(self, keeper: ScoreKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vetoBanner")
        self.keeper = keeper
        self._suppressed = False
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            f"QLabel#vetoBanner {{ background: {VETO_RED}; color: white; font-weight: bold; padding: 6px; }}"
        )
        keeper.updated.connect(self._on_keeper_updated)
        keeper.cleared.connect(self._on_keeper_cleared)
        self.update_from(keeper.score)

    def set_suppressed(self, suppressed: bool) -> None:
        """Never show this banner (the window shows one above every page instead)."""
        self._suppressed = suppressed
        self.update_from(self.keeper.score)

    def update_from(self, score: ScoreResult | None) -> None:
        catalog = self.keeper.state.catalog
        if score is None or not score.vetoed or catalog is None or self._suppressed:
            self.clear()
            self.hide()
            return
        items = "、".join(f"{v}（{catalog.veto_item(v).text}）" for v in score.veto_items)
        self.setText(
            self.tr("一票否决：否决项 {items} 已触发。无论得分多少，评估结果均为“一票否决”。").format(
                items=items
            )
        )
        self.show()

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        self.update_from(snapshot.score)

    def _on_keeper_cleared(self) -> None:
        self.update_from(None)


# -- models ----------------------------------------------------------------------------------------


class ExtraRole(IntEnum):
    ITEM_ID = Qt.ItemDataRole.UserRole + 1
    TRIGGERED = Qt.ItemDataRole.UserRole + 2
    CLAIMED = Qt.ItemDataRole.UserRole + 3
    CAP = Qt.ItemDataRole.UserRole + 4
    AWARDED = Qt.ItemDataRole.UserRole + 5
    PROOF_ID = Qt.ItemDataRole.UserRole + 6


class _ExtrasModel(RowTableModel[RowT]):
    TITLES: tuple[str, ...] = ()
    role_enum = ExtraRole

    def titles(self) -> tuple[str, ...]:
        return tuple(self.tr(title) for title in self.TITLES)


class VetoTableModel(_ExtrasModel[VetoItem]):
    TITLES = ("编号", "否决情形", "状态", "说明", "标记人", "时间")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks: dict[str, MarkRecord] = {}

    def set_data(self, items: Sequence[VetoItem], marks: dict[str, MarkRecord]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self._marks = dict(marks)
        self.endResetModel()

    def item(self, row: int) -> VetoItem:
        return self.row_at(row)

    def mark(self, item_id: str) -> MarkRecord | None:
        return self._marks.get(item_id)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._row_for(index)
        if item is None:
            return None
        mark = self._marks.get(item.id)
        triggered = bool(mark and mark.triggered)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            state = (
                self.tr("已触发：一票否决")
                if triggered
                else (self.tr("已解除") if mark else self.tr("未触发"))
            )
            values = (
                item.id,
                item.text,
                state,
                mark.note if mark else "",
                mark.by if mark else "",
                local_time(mark.at) if mark else "",
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            return item.text if column == 1 else (mark.note if mark else None)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor(VETO_RED if triggered else "#1e8e3e")
        if role == Qt.ItemDataRole.FontRole and column == 2 and triggered:
            font = QFont()
            font.setBold(True)
            return font
        if role == ExtraRole.ITEM_ID:
            return item.id
        if role == ExtraRole.TRIGGERED:
            return triggered
        return None


@dataclass(frozen=True)
class EvidenceChoice:
    """An active evidence record offered as a bonus proof."""

    id: int
    filename: str
    unit: str

    @property
    def label(self) -> str:
        return f"{self.id} · {self.filename}（{self.unit}）"


class BonusTableModel(_ExtrasModel[BonusItem]):
    TITLES = ("编号", "加分情形", "申报分", "单项上限", "计入分", "证明资料", "说明")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks: dict[str, MarkRecord] = {}
        self._score: ScoreResult | None = None
        self._evidence: dict[int, EvidenceChoice] = {}

    def set_data(
        self,
        items: Sequence[BonusItem],
        marks: dict[str, MarkRecord],
        score: ScoreResult | None,
        evidence: dict[int, EvidenceChoice],
    ) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self._marks = dict(marks)
        self._score = score
        self._evidence = dict(evidence)
        self.endResetModel()

    def item(self, row: int) -> BonusItem:
        return self.row_at(row)

    def mark(self, item_id: str) -> MarkRecord | None:
        return self._marks.get(item_id)

    def _numbers(self, item: BonusItem) -> tuple[float, float, float]:
        score = next((b for b in self._score.bonus_items if b.id == item.id), None) if self._score else None
        if score is None:
            return 0.0, float(item.max_points), 0.0
        return score.claimed, score.cap, score.awarded

    def _proof(self, mark: MarkRecord | None) -> str:
        if mark is None or mark.proof_evidence_id is None:
            return self.tr("未附") if mark and mark.points else ""
        choice = self._evidence.get(mark.proof_evidence_id)
        if choice is None:
            return self.tr("资料 {id}（已撤回）").format(id=mark.proof_evidence_id)
        return choice.label

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._row_for(index)
        if item is None:
            return None
        mark = self._marks.get(item.id)
        claimed, cap, awarded = self._numbers(item)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                item.id,
                item.text,
                fmt(claimed) if mark else self.tr("未申报"),
                fmt(cap),
                fmt(awarded),
                self._proof(mark),
                mark.note if mark else "",
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4 and claimed > cap:
                return self.tr("申报 {c} 分超过单项上限 {cap} 分，按上限计").format(
                    c=fmt(claimed), cap=fmt(cap)
                )
            if column in (1, 6):
                return item.text if column == 1 else (mark.note if mark else None)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if (
                column == 5
                and mark is not None
                and mark.points
                and self._proof(mark) in ("", self.tr("未附"))
            ):
                return QColor(VETO_RED)
            if column == 4 and claimed > cap:
                return QColor("#b06000")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        by_role = {
            ExtraRole.ITEM_ID: item.id,
            ExtraRole.CLAIMED: claimed,
            ExtraRole.CAP: cap,
            ExtraRole.AWARDED: awarded,
            ExtraRole.PROOF_ID: mark.proof_evidence_id if mark else None,
        }
        return by_role.get(ExtraRole(role)) if role in by_role else None


# -- dialogs ---------------------------------------------------------------------------------------


class VetoDialog(QDialog):
    """Trigger or clear a veto item; the note (why) is required."""

    def __init__(
        self, item: VetoItem, mark: MarkRecord | None, triggered: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vetoDialog")
        self.setWindowTitle(self.tr("否决项 {id}").format(id=item.id))
        self.item = item
        text = QLabel(f"<b>{item.id}</b> {item.text}")
        text.setWordWrap(True)
        self.trigger_radio = QRadioButton(self.tr("已触发（结果为一票否决）"))
        self.clear_radio = QRadioButton(self.tr("未触发 / 解除"))
        group = QButtonGroup(self)
        group.addButton(self.trigger_radio)
        group.addButton(self.clear_radio)
        (self.trigger_radio if triggered else self.clear_radio).setChecked(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("vetoNote")
        self.note_edit.setPlaceholderText(self.tr("必填：依据或核查情况，如“经核查，2023年未发生……”"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if mark is not None:
            last = QLabel(
                self.tr("当前：{state}（{by}，{at}）").format(
                    state=self.tr("已触发") if mark.triggered else self.tr("未触发"),
                    by=mark.by,
                    at=local_time(mark.at),
                )
            )
            last.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(last)
        layout.addWidget(self.trigger_radio)
        layout.addWidget(self.clear_radio)
        layout.addWidget(QLabel(self.tr("说明：")))
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)
        self._on_note_edit_text_changed()
        self.resize(480, 300)

    def _on_note_edit_text_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note()))

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def triggered(self) -> bool:
        return self.trigger_radio.isChecked()


class BonusDialog(QDialog):
    """Claim points for a bonus item: at most its cap and what the overall cap leaves; note and proof."""

    def __init__(
        self,
        item: BonusItem,
        mark: MarkRecord | None,
        *,
        cap: float,
        total_cap: float,
        others: float,
        evidence: Sequence[EvidenceChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bonusDialog")
        self.setWindowTitle(self.tr("加分项 {id}").format(id=item.id))
        self.item = item
        self.limit = max(0.0, min(cap, total_cap - others))
        text = QLabel(f"<b>{item.id}</b> {item.text}")
        text.setWordWrap(True)
        self.points_spin = QDoubleSpinBox()
        self.points_spin.setObjectName("bonusPoints")
        self.points_spin.setDecimals(1)
        self.points_spin.setSingleStep(0.5)
        self.points_spin.setRange(0.0, self.limit)
        self.points_spin.setSuffix(self.tr(" 分"))
        self.points_spin.setValue(min(float(mark.points or 0), self.limit) if mark else 0.0)
        self.limit_label = QLabel(
            self.tr(
                "单项上限 {cap} 分；加分合计上限 {total} 分，"
                "其他加分项已计 {others} 分；本项最多 {limit} 分。"
            ).format(cap=fmt(cap), total=fmt(total_cap), others=fmt(others), limit=fmt(self.limit))
        )
        self.limit_label.setObjectName("bonusLimit")
        self.limit_label.setWordWrap(True)
        self.proof_combo = QComboBox()
        self.proof_combo.setObjectName("bonusProof")
        self.proof_combo.addItem(self.tr("（暂不附证明资料）"), None)
        for choice in evidence:
            self.proof_combo.addItem(choice.label, choice.id)
        if mark is not None and mark.proof_evidence_id is not None:
            position = self.proof_combo.findData(mark.proof_evidence_id)
            if position >= 0:
                self.proof_combo.setCurrentIndex(position)
        self.proof_combo.setToolTip(self.tr("证明加分情形的文件，从本项目已有的资料中选择"))
        self.proof_combo.setMinimumContentsLength(30)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("bonusNote")
        self.note_edit.setPlaceholderText(self.tr("必填：获得的表彰、推广的做法及文号"))
        self.note_edit.setMaximumHeight(90)
        if mark is not None:
            self.note_edit.setPlainText(mark.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        form = QFormLayout()
        form.addRow(self.tr("分值："), self.points_spin)
        form.addRow("", self.limit_label)
        form.addRow(self.tr("证明资料："), self.proof_combo)
        form.addRow(self.tr("说明："), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        note = QLabel(self.tr("分值为 0 即撤销本项加分申报。"))
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._on_note_edit_text_changed()
        self.resize(560, 340)

    def _on_note_edit_text_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note()))

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def points(self) -> float:
        return float(self.points_spin.value())

    def proof_id(self) -> int | None:
        data = self.proof_combo.currentData()
        return int(data) if data is not None else None


# -- the pane --------------------------------------------------------------------------------------


def load_evidence_choices(project: Project) -> dict[int, EvidenceChoice]:

    return {r.id: EvidenceChoice(r.id, r.filename, r.unit) for r in list_evidence(project)}


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class ExtrasPane(QWidget):
    """Veto and bonus items of the catalog, their marks in force, and dialogs to change them."""

    #: A mark was written and the hub told (carries the ``MarkRecord``).
    saved = Signal(object)

    def __init__(self, state: ProjectState, keeper: ScoreKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("extrasPane")
        self.state = state
        self.keeper = keeper
        self._evidence: dict[int, EvidenceChoice] = {}
        self._evidence_generation = 0
        self.last_task: BackgroundTask | None = None
        self.veto_dialog: VetoDialog | None = None
        self.bonus_dialog: BonusDialog | None = None

        self.banner = VetoBanner(keeper)
        self.veto_model = VetoTableModel(self)
        self.veto_view = self._table(self.veto_model, stretch=3)
        self.veto_view.setObjectName("vetoView")
        self.veto_view.activated.connect(self._on_veto_view_activated)
        self.trigger_button = QPushButton(self.tr("标记触发…"))
        self.trigger_button.setToolTip(self.tr("所选否决项已触发：结果为一票否决（需写明说明）"))
        self.trigger_button.clicked.connect(lambda: self.edit_veto(triggered=True))
        self.clear_button = QPushButton(self.tr("解除…"))
        self.clear_button.setToolTip(self.tr("所选否决项未触发或已解除（需写明说明）"))
        self.clear_button.clicked.connect(lambda: self.edit_veto(triggered=False))
        veto_bar = QHBoxLayout()
        veto_bar.addWidget(_bold(self.tr("否决项")))
        veto_bar.addStretch(1)
        veto_bar.addWidget(self.trigger_button)
        veto_bar.addWidget(self.clear_button)

        self.bonus_model = BonusTableModel(self)
        self.bonus_view = self._table(self.bonus_model, stretch=6)
        self.bonus_view.setObjectName("bonusView")
        self.bonus_view.activated.connect(self._on_bonus_view_activated)
        self.claim_button = QPushButton(self.tr("申报加分…"))
        self.claim_button.setToolTip(self.tr("为所选加分项申报分值并附证明资料"))
        self.claim_button.clicked.connect(self.edit_bonus)
        self.bonus_total_label = QLabel()
        self.bonus_total_label.setObjectName("bonusTotal")
        bonus_bar = QHBoxLayout()
        bonus_bar.addWidget(_bold(self.tr("加分项")))
        bonus_bar.addWidget(self.bonus_total_label)
        bonus_bar.addStretch(1)
        bonus_bar.addWidget(self.claim_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(veto_bar)
        layout.addWidget(self.veto_view, 2)
        layout.addLayout(bonus_bar)
        layout.addWidget(self.bonus_view, 3)
        hint = QLabel(
            self.tr("加分项分值按评分方案的单项上限和合计上限计入；申报加分须附证明资料，否则自检会提示。")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)

        self.veto_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.bonus_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        keeper.updated.connect(self._on_keeper_updated)
        keeper.cleared.connect(self._on_keeper_cleared)
        state.opened.connect(self._on_state_opened)
        state.changed.connect(self._on_state_changed)
        if state.project is not None:
            self.reload_evidence()
        self._fill()

    def _table(self, model: QAbstractTableModel, stretch: int) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        # The items' text is what the office judges against: wrap it rather than cut it.
        view.setWordWrap(True)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)  # the note
        return view

    # -- content -----------------------------------------------------------------------------------
    def _catalog(self) -> Catalog | None:
        return self.state.catalog

    def _fill(self) -> None:
        catalog = self._catalog()
        snapshot = self.keeper.snapshot
        marks = snapshot.marks if snapshot is not None else {}
        score = snapshot.score if snapshot is not None else None
        veto_row = self._selected_row(self.veto_view)
        bonus_row = self._selected_row(self.bonus_view)
        self.veto_model.set_data(catalog.veto if catalog else (), marks)
        self.bonus_model.set_data(catalog.bonus if catalog else (), marks, score, self._evidence)
        for view, row in ((self.veto_view, veto_row), (self.bonus_view, bonus_row)):
            if view.model().rowCount() > 0:
                view.selectRow(max(0, min(row, view.model().rowCount() - 1)))
        if score is not None:
            self.bonus_total_label.setText(
                self.tr("计入 {bonus} 分（合计上限 {cap} 分）").format(
                    bonus=fmt(score.bonus), cap=fmt(score.scheme.bonus_total_cap)
                )
            )
        else:
            self.bonus_total_label.clear()
        self._update_buttons()

    def _selected_row(self, view: QTableView) -> int:
        rows = view.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def _writable(self) -> bool:
        snapshot = self.state.snapshot
        project = self.state.project
        return (
            snapshot is not None
            and project is not None
            and not snapshot.is_unit_workspace
            and not project.readonly
        )

    def _update_buttons(self) -> None:
        writable = self._writable() and self.keeper.snapshot is not None
        has_veto = bool(self.veto_view.selectionModel().selectedRows())
        has_bonus = bool(self.bonus_view.selectionModel().selectedRows())
        self.trigger_button.setEnabled(writable and has_veto)
        self.clear_button.setEnabled(writable and has_veto)
        self.claim_button.setEnabled(writable and has_bonus)

    def reload_evidence(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None
        self._evidence_generation += 1
        generation = self._evidence_generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> dict[int, EvidenceChoice]:
            return load_evidence_choices(project)

        def done(choices: dict[int, EvidenceChoice]) -> None:
            if generation == self._evidence_generation:
                self._evidence = choices
                self._fill()

        return run_in_background(self, work, title=self.tr("读取资料"), on_done=done, show_progress=False)

    def select_item(self, item_id: str) -> bool:
        """Select a veto or bonus item by id (the self-check's link lands here)."""
        for view, model in ((self.veto_view, self.veto_model), (self.bonus_view, self.bonus_model)):
            for row in range(model.rowCount()):
                if model.index(row, 0).data(ExtraRole.ITEM_ID) == item_id:
                    view.selectRow(row)
                    view.setFocus()
                    return True
        return False

    # -- veto --------------------------------------------------------------------------------------
    def edit_veto(self, *, triggered: bool) -> VetoDialog | None:
        rows = self.veto_view.selectionModel().selectedRows()
        if not rows or not self._writable():
            return None
        item = self.veto_model.item(rows[0].row())
        dialog = VetoDialog(item, self.veto_model.mark(item.id), triggered, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.veto_dialog = dialog
        dialog.accepted.connect(lambda: self.set_veto(item.id, dialog.triggered(), dialog.note()))
        dialog.open()
        return dialog

    def set_veto(self, item_id: str, triggered: bool, note: str) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None

        by = reviewer_name()

        def work(progress: ProgressCallback, cancel: CancelToken) -> MarkRecord:
            return set_veto(project, item_id, triggered=triggered, note=note, by=by)

        self.last_task = run_in_background(
            self,
            work,
            title=self.tr("保存否决项"),
            on_done=self._on_mark_saved,
            writes=True,
            cancellable=False,
        )
        return self.last_task

    def _on_veto_view_activated(self, index: QModelIndex) -> None:
        triggered = bool(index.data(ExtraRole.TRIGGERED))
        self.edit_veto(triggered=not triggered)

    # -- bonus -------------------------------------------------------------------------------------
    def edit_bonus(self) -> BonusDialog | None:
        rows = self.bonus_view.selectionModel().selectedRows()
        score = self.keeper.score
        if not rows or score is None or not self._writable():
            return None
        item = self.bonus_model.item(rows[0].row())
        cap = next((b.cap for b in score.bonus_items if b.id == item.id), float(item.max_points))
        others = sum(b.awarded for b in score.bonus_items if b.id != item.id)
        dialog = BonusDialog(
            item,
            self.bonus_model.mark(item.id),
            cap=cap,
            total_cap=score.scheme.bonus_total_cap,
            others=others,
            evidence=sorted(self._evidence.values(), key=lambda c: c.id),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bonus_dialog = dialog
        dialog.accepted.connect(
            lambda: self.claim_bonus(item.id, dialog.points(), dialog.note(), dialog.proof_id())
        )
        dialog.open()
        return dialog

    def claim_bonus(
        self, item_id: str, points: float, note: str, proof_id: int | None
    ) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None

        by = reviewer_name()

        def work(progress: ProgressCallback, cancel: CancelToken) -> MarkRecord:
            return claim_bonus(project, item_id, points=points, note=note, proof_evidence_id=proof_id, by=by)

        self.last_task = run_in_background(
            self,
            work,
            title=self.tr("保存加分项"),
            on_done=self._on_mark_saved,
            writes=True,
            cancellable=False,
        )
        return self.last_task

    def _on_bonus_view_activated(self, index: QModelIndex) -> None:
        self.edit_bonus()

    def _on_mark_saved(self, mark: MarkRecord) -> None:
        self.state.apply(ScoringChange(marks=frozenset({mark.item_id})))
        self.saved.emit(mark)

    # -- the hub -----------------------------------------------------------------------------------
    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        self._fill()

    def _on_keeper_cleared(self) -> None:
        self._evidence = {}
        self._fill()

    def _on_state_opened(self, snapshot: object) -> None:
        self._evidence = {}
        self.reload_evidence()
        self._fill()

    def _on_state_changed(self, change: ProjectChange) -> None:
        if change.everything or change.evidence_ids:
            self.reload_evidence()

    def _on_selection_changed(self, *args: object) -> None:
        self._update_buttons()
