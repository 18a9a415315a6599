"""附加项: veto items (triggered or cleared, with a note) and bonus items (points within the caps, with the
document that proves them); and the red 一票否决 banner every pane shows while a veto is triggered."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.assessment.levels import MarkRecord
from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from indicator_catalog import Catalog
from ui.common.background import BackgroundTask, run_read
from ui.common.state import ProjectState
from ui.common.undo import ProjectUndo
from ui.common.when_shown import RefreshWhenShown
from ui.scoring.extras_dialogs import BonusDialog, VetoDialog, bold_label
from ui.scoring.extras_models import (
    BonusTableModel,
    EvidenceChoice,
    ExtraRole,
    VetoTableModel,
    load_evidence_choices,
)
from ui.scoring.mark_changes import bonus_change, veto_change
from ui.scoring.score_models import (
    AssessmentSnapshot,
    ScoreKeeper,
    fmt,
    reviewer_name,
)
from ui.scoring.veto_banner import VetoBanner

ModelIndex = QModelIndex | QPersistentModelIndex


# -- the banner ------------------------------------------------------------------------------------


# -- models ----------------------------------------------------------------------------------------


# -- dialogs ---------------------------------------------------------------------------------------


# -- the pane --------------------------------------------------------------------------------------


class ExtrasPane(QWidget):
    """Veto and bonus items of the catalog, their marks in force, and dialogs to change them."""

    #: A mark was written and the hub told (carries the ``MarkRecord``).
    saved = Signal(object)

    def __init__(
        self,
        state: ProjectState,
        keeper: ScoreKeeper,
        parent: QWidget | None = None,
        *,
        undo: ProjectUndo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("extrasPane")
        self.state = state
        #: The window's undo stack (a pane on its own keeps one of its own).
        self.undo = undo if undo is not None else ProjectUndo(state, self)
        self.keeper = keeper
        self._evidence: dict[int, EvidenceChoice] = {}
        self._evidence_generation = 0
        # The evidence choices must be read again before the pane is next filled.
        self._evidence_stale = False
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
        veto_bar.addWidget(bold_label(self.tr("否决项")))
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
        bonus_bar.addWidget(bold_label(self.tr("加分项")))
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
        # Behind another tab the pane fills when it is shown, not at every change (ui/common/when_shown.py).
        self.refresher = RefreshWhenShown(self, self._refresh)
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
        return self.state.office_writable

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
                self.refresher.request()

        return run_read(self, work, title=self.tr("读取资料"), on_done=done, show_progress=False)

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
        """Trigger or clear a veto item (an undoable step)."""
        if self.state.project is None:
            return None
        change = veto_change(
            self.state, item_id, triggered=triggered, note=note, by=reviewer_name(), saved=self._on_mark_saved
        )
        self.last_task = self.undo.push(change)
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
        """Claim bonus points (0 withdraws the claim), an undoable step."""
        if self.state.project is None:
            return None
        change = bonus_change(
            self.state,
            item_id,
            points=points,
            note=note,
            proof_id=proof_id,
            by=reviewer_name(),
            saved=self._on_mark_saved,
        )
        self.last_task = self.undo.push(change)
        return self.last_task

    def _on_bonus_view_activated(self, index: QModelIndex) -> None:
        self.edit_bonus()

    def _on_mark_saved(self, mark: MarkRecord | None, undone: bool) -> None:
        self.saved.emit(mark)

    # -- the hub -----------------------------------------------------------------------------------
    def _refresh(self) -> None:
        if self._evidence_stale:
            self._evidence_stale = False
            self.reload_evidence()
        self._fill()

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        self.refresher.request()

    def _on_keeper_cleared(self) -> None:
        self._evidence = {}
        self._evidence_stale = False
        self.refresher.request()

    def _on_state_opened(self, snapshot: object) -> None:
        self._evidence = {}
        self._evidence_stale = True
        self.refresher.request()

    def _on_state_changed(self, change: ProjectChange) -> None:
        if change.everything or change.evidence_ids:
            self._evidence_stale = True
            self.refresher.request()

    def _on_selection_changed(self, *args: object) -> None:
        self._update_buttons()
