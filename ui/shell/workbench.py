"""Puts the review and scoring panes, the views and the exchange/export dialogs into the main window.

``install_workbench(window)`` is called once by ``MainWindow.__init__``. It:

- wraps the window's central stack with the red 一票否决 banner (visible on every page);
- puts the indicator panel and the review pane as tabs 资料 / 评审 in the middle of the splitter;
- makes the project page a set of tabs: 指标与资料, 评分, 附加项, 报送前自查, 进度总览, 操作记录;
- connects the actions of 评审, 交换, 导出 and the views (ui/shell/actions.py), puts the score in the
  status bar;
- connects the panes to the window: a click on a finding or a score row selects the indicator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.export.dispatch import ExportKind
from ui.audit.audit_view import AuditView
from ui.catalog.catalog_model import CatalogRole
from ui.catalog.catalog_pane import CatalogPane
from ui.catalog.indicator_panel import IndicatorPanel
from ui.common.plan_tasks import PlanTracker, TaskStatus, count_statuses, task_progress_html
from ui.common.state import ProjectState
from ui.common.undo import ProjectUndo, bind_actions
from ui.evidence.detail_models import EvidenceRow
from ui.evidence.preview import PreviewPanel
from ui.exchange.import_dialog import ImportSubmissionsDialog
from ui.exchange.kits_dialog import IssueKitsDialog
from ui.exchange.returns_dialog import ReturnNotesDialog
from ui.exchange.submit_dialog import SubmitDialog
from ui.export.bundle_learner import BundleLearner, LearnerIndicator
from ui.export.export_dialogs import ExportDialog
from ui.export.narrative_dock import NarrativeDock
from ui.review.placement_dialog import PlacementDialog, read_only_reason
from ui.review.review_pane import ReviewPane
from ui.scoring.extras_pane import ExtrasPane
from ui.scoring.score_models import VETO_RED, AssessmentSnapshot, ScoreKeeper, fmt
from ui.scoring.score_view import ScoreView
from ui.scoring.veto_banner import VetoBanner
from ui.shell.actions import ShellActions
from ui.status.dashboard import Dashboard
from ui.status.selfcheck_view import SelfCheckView
from ui.status.task_progress import TaskProgressController
from ui.status.unit_tasks_view import UnitTasksView


class WorkbenchHost(Protocol):
    """What the workbench needs of the window that composes it (the window is never imported here)."""

    state: ProjectState
    splitter: QSplitter
    panel: IndicatorPanel
    preview: PreviewPanel
    stack: QStackedWidget
    project_page: QWidget
    registry: ShellActions
    catalog: CatalogPane

    def statusBar(self) -> QStatusBar: ...
    def takeCentralWidget(self) -> QWidget | None: ...
    def setCentralWidget(self, widget: QWidget) -> None: ...
    def select_indicator(self, number: int) -> bool: ...
    def show_preview(self, row: EvidenceRow) -> None: ...
    def open_externally(self, row: EvidenceRow) -> Path | None: ...


class Workbench(QObject):
    """The part of the window that reviews, scores, checks, reports and exchanges."""

    def __init__(self, window: WorkbenchHost, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.window = window
        self.owner = parent  # the same window, as a Qt widget (parent of actions and dialogs)
        state = window.state
        self.keeper = ScoreKeeper(state, self)
        #: The open project's undo stack (levels, reviews, veto/bonus marks), behind 编辑 › 撤销/重做.
        self.undo = ProjectUndo(state, parent)
        #: A plan project's tasks with their progress (the tree, the dashboard, 登记进度 use them).
        self.tracker = PlanTracker(state, self)
        self.dialog: QWidget | None = None  # the last dialog opened (tests look at it)

        # -- the middle of the splitter: 资料 | 评审 ---------------------------------------------
        self.review_pane = ReviewPane(state, self.keeper, undo=self.undo)
        self.center_tabs = QTabWidget()
        self.center_tabs.setObjectName("centerTabs")
        self.center_tabs.setDocumentMode(True)
        position = window.splitter.indexOf(window.panel)
        sizes = window.splitter.sizes()
        window.splitter.replaceWidget(position, self.center_tabs)
        self.center_tabs.addTab(window.panel, self.tr("资料"))
        # In a scroll area: on a short screen (1280×720 with a taskbar) the pane scrolls instead of forcing
        # the window taller than the screen.
        self.review_page = QScrollArea()
        self.review_page.setObjectName("reviewScroll")
        self.review_page.setWidgetResizable(True)
        self.review_page.setFrameShape(QFrame.Shape.NoFrame)
        self.review_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.review_page.setWidget(self.review_pane)
        self.center_tabs.addTab(self.review_page, self.tr("评审"))
        self.center_tabs.setTabToolTip(1, self.tr("评定等级、逐单位审核资料 (F2)"))
        window.splitter.setSizes(sizes)

        # -- the project page: tabs of views --------------------------------------------------------
        self.score_view = ScoreView(state, self.keeper)
        self.extras_pane = ExtrasPane(state, self.keeper, undo=self.undo)
        self.selfcheck_view = SelfCheckView(state)
        self.dashboard = Dashboard(state, self.keeper)
        self.audit_view = AuditView(state)
        # A unit workspace's first page: the kit's tasks and the 报送 button (hidden in the office).
        self.tasks_view = UnitTasksView(state, window.registry.submit_action)
        self.views = QTabWidget()
        self.views.setObjectName("viewTabs")
        window.stack.removeWidget(window.splitter)
        self.views.addTab(self.tasks_view, self.tr("我的任务"))
        pages: list[tuple[QWidget, str]] = [
            (window.splitter, self.tr("指标与资料")),
            (self.score_view, self.tr("评分")),
            (self.extras_pane, self.tr("附加项")),
            (self.selfcheck_view, self.tr("报送前自查")),
            (self.dashboard, self.tr("进度总览")),
            (self.audit_view, self.tr("操作记录")),
        ]
        for page, title in pages:
            self.views.addTab(page, title)
        #: The pages the 查看 actions Ctrl+1 … show, in their order.
        self.view_pages = [page for page, _title in pages]
        self.office_pages: tuple[QWidget, ...] = (self.score_view, self.extras_pane, self.dashboard)
        window.stack.addWidget(self.views)
        window.project_page = self.views

        # -- the banner above every page (the panes' own banners stand down) ---------------------------
        self.banner = VetoBanner(self.keeper)
        for pane in (self.score_view, self.extras_pane, self.dashboard):
            pane.banner.set_suppressed(True)
        stack = window.takeCentralWidget()
        assert stack is window.stack
        central = QWidget()
        central.setObjectName("centralArea")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(stack, 1)
        window.setCentralWidget(central)

        # -- status bar: the score at a glance ----------------------------------------------------------
        self.score_label = QLabel()
        self.score_label.setObjectName("scoreStatus")
        self.score_label.setToolTip(self.tr("自评总分（参考评分方案，非官方分值）；点“评分”页查看构成"))
        window.statusBar().addPermanentWidget(self.score_label)
        # … and in a unit workspace the clerk's progress instead.
        self.tasks_label = QLabel()
        self.tasks_label.setObjectName("unitTasksStatus")
        self.tasks_label.setToolTip(self.tr("本单位任务包要求的完成情况；点“我的任务”页查看"))
        self.tasks_label.hide()
        window.statusBar().addPermanentWidget(self.tasks_label)
        # … and, while it runs, the bundle's head start (the stored files checked before the export).
        self.learner = BundleLearner(state, self)
        self.learner_indicator = LearnerIndicator(self.learner)
        window.statusBar().addPermanentWidget(self.learner_indicator)

        self._connect_actions()
        self._connect()
        self._update_actions()

    # -- actions (built by ui/shell/actions.py) ----------------------------------------------------
    def _connect_actions(self) -> None:
        a = self.window.registry
        self.view_actions = a.view_actions
        for index, action in enumerate(self.view_actions):
            action.triggered.connect(lambda _checked=False, i=index: self.show_view(i))
        self.review_action = a.review_action
        self.review_action.triggered.connect(self.toggle_review)
        # The pane's own actions: their keys work while the pane has focus, the 评审 menu shows them.
        self.next_action = self.review_pane.next_action
        self.previous_action = self.review_pane.previous_action
        a.adopt(self.next_action, self.previous_action)
        self.scheme_action = a.scheme_action
        self.scheme_action.triggered.connect(self.edit_scheme)
        self.check_action = a.check_action
        self.check_action.triggered.connect(self.run_check)
        self.placement_action = a.placement_action
        self.placement_action.triggered.connect(lambda _checked=False: self.choose_placement())
        self.kits_action = a.kits_action
        self.kits_action.triggered.connect(self.issue_kits)
        self.import_action = a.import_action
        self.import_action.triggered.connect(self.import_packages)
        self.returns_action = a.returns_action
        self.returns_action.triggered.connect(self.send_returns)
        self.export_actions = a.export_actions
        for kind, action in self.export_actions.items():
            action.triggered.connect(lambda _checked=False, k=kind: self.export(k))
        self.image_action = a.image_action
        self.image_action.triggered.connect(self.export_dashboard_image)
        bind_actions(self.undo, a.undo_action, a.redo_action)
        self.undo.message.connect(self._on_undo_message)
        self.submit_action = a.submit_action
        self.submit_action.triggered.connect(self.submit_package)
        self.tasks_view_action = a.tasks_view_action
        self.tasks_view_action.triggered.connect(self._on_tasks_view_action_triggered)
        self.narrative_action = a.narrative_action
        self.narrative_action.triggered.connect(lambda _checked=False: self.edit_narrative())
        self.narrative_dock: NarrativeDock | None = None
        # 评审 › 登记进度… (plan projects): undoable, on the selected task.
        self.progress_control = TaskProgressController(
            self.window.state,
            self.tracker,
            self.undo,
            a.progress_action,
            current=lambda: self.window.catalog.current,
            parent=self.owner,
        )
        self.window.panel.add_header_action(a.progress_action)

    # -- wiring --------------------------------------------------------------------------------------
    def _connect(self) -> None:
        window = self.window
        state = window.state
        window.catalog.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.review_pane.current_changed.connect(window.select_indicator)
        self.review_pane.evidence_selected.connect(self._on_review_pane_evidence_selected)
        self.review_pane.evidence_activated.connect(window.open_externally)
        self.score_view.indicator_requested.connect(self._on_score_view_indicator_requested)
        self.selfcheck_view.indicator_requested.connect(self._on_selfcheck_view_indicator_requested)
        self.selfcheck_view.item_requested.connect(self._on_selfcheck_view_item_requested)
        self.tasks_view.indicator_requested.connect(self._on_tasks_view_indicator_requested)
        self.tasks_view.updated.connect(self._on_tasks_view_updated)
        window.panel.note_requested.connect(self._on_panel_note_requested)
        window.panel.placement_requested.connect(self._on_panel_placement_requested)
        self.center_tabs.currentChanged.connect(self._on_center_tabs_current_changed)
        self.keeper.updated.connect(self._on_keeper_updated)
        self.keeper.cleared.connect(self._on_keeper_cleared)
        self.tracker.updated.connect(self._on_tracker_updated)
        self.tracker.cleared.connect(self._on_tracker_cleared)
        state.opened.connect(self._on_state_opened)
        state.closed.connect(self._on_state_closed)

    def _on_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:

        number = current.data(CatalogRole.NUMBER) if current.isValid() else None
        if number is not None:
            self.review_pane.show_indicator(int(number))
        self.progress_control.update()
        self._show_task_progress()

    def _on_tracker_updated(self, rows: Any) -> None:
        self.window.catalog.set_task_rows(rows)
        self.dashboard.set_task_rows(rows)
        self._show_task_status()
        self._show_task_progress()

    def _on_tracker_cleared(self) -> None:
        self.window.panel.show_task_progress("")

    def _show_task_progress(self) -> None:
        """The selected plan task's recorded progress on its page."""
        number = self.window.catalog.current
        row = self.tracker.row(number) if number is not None and self.tracker.active else None
        self.window.panel.show_task_progress(task_progress_html(row) if row is not None else "")

    def _show_task_status(self) -> None:
        """A plan project's status bar: tasks done and overdue instead of the score."""
        rows = self.tracker.rows
        if not self.tracker.active or not rows:
            self.score_label.clear()
            return
        counts = count_statuses(rows.values())
        self.score_label.setText(
            self.tr("任务完成 {done}/{total} · 逾期 {overdue}").format(
                done=counts[TaskStatus.DONE], total=len(rows), overdue=counts[TaskStatus.OVERDUE]
            )
        )
        self.score_label.setStyleSheet(f"color: {VETO_RED};" if counts[TaskStatus.OVERDUE] else "")

    def _on_review_pane_evidence_selected(self, row: Any) -> None:
        # The review pane loads while hidden (it follows the tree); only the shown tab drives the preview.
        if not self.reviewing:
            return
        if row is None:
            self.window.preview.clear()
        else:
            self.window.show_preview(row)

    def _on_center_tabs_current_changed(self, index: int) -> None:
        # Each tab previews its own selection.
        self.window.preview.clear()
        if self.reviewing:
            row = self.review_pane.selected_evidence()
            if row is not None:
                self.window.show_preview(row)
        else:
            row = self.window.panel.selected_evidence()
            if row is not None:
                self.window.show_preview(row)

    def _on_score_view_indicator_requested(self, number: int) -> None:
        self.show_indicator(number, review=True)

    def _on_panel_note_requested(self, number: int) -> None:
        self.edit_narrative(note=number)

    def _on_panel_placement_requested(self, number: int) -> None:
        self.choose_placement(number)

    def _on_selfcheck_view_indicator_requested(self, number: int) -> None:
        self.show_indicator(number, review=False)

    def _on_tasks_view_indicator_requested(self, number: int) -> None:
        self.show_indicator(number, review=False)

    def _on_tasks_view_action_triggered(self) -> None:
        if self.is_unit_mode:
            self.views.setCurrentWidget(self.tasks_view)

    def _on_tasks_view_updated(self, tasks: Any) -> None:
        self.tasks_label.setText(
            self.tr("已完成要求 {done}/{required}").format(done=tasks.done, required=tasks.required)
        )

    def _on_selfcheck_view_item_requested(self, item_id: str) -> None:
        self.views.setCurrentWidget(self.extras_pane)
        self.extras_pane.select_item(item_id)

    def _on_keeper_updated(self, snapshot: AssessmentSnapshot) -> None:
        current = self.window.state.snapshot
        if current is not None and current.catalog.is_plan:
            self._show_task_status()  # a task list has no score
            return
        score = snapshot.score
        if score.vetoed:
            self.score_label.setText(self.tr("总分 {total} · 一票否决").format(total=fmt(score.total)))
            self.score_label.setStyleSheet(f"color: {VETO_RED}; font-weight: bold;")
        else:
            self.score_label.setText(
                self.tr("总分 {total} · 已评 {done}/{count}").format(
                    total=fmt(score.total), done=score.assessed, count=len(score.indicators)
                )
            )
            self.score_label.setStyleSheet("")

    def _on_undo_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def _on_keeper_cleared(self) -> None:
        self.score_label.clear()

    def _on_state_opened(self, snapshot: Any) -> None:
        self._update_actions()
        unit = self.is_unit_mode
        self.views.setCurrentWidget(self.tasks_view if unit else self.window.splitter)

    def _on_state_closed(self) -> None:
        self._update_actions()

    @property
    def is_unit_mode(self) -> bool:
        """The open project is a unit workspace (made from a kit): the clerk's window."""
        snapshot = self.window.state.snapshot
        return snapshot is not None and snapshot.is_unit_workspace

    def _update_actions(self) -> None:
        snapshot = self.window.state.snapshot
        has = snapshot is not None
        unit = self.is_unit_mode
        office = has and not unit
        for action in (self.review_action, self.check_action):
            action.setEnabled(has)
        # Office-only things are hidden, not just greyed, in a unit workspace: the clerk's window shows
        # the clerk's work (tasks, evidence, self-check, 报送). A plan project (a task list) is never
        # scored: progress instead of points.
        plan = snapshot is not None and snapshot.catalog.is_plan
        self.window.registry.set_plan(plan)
        self.views.setTabText(
            self.views.indexOf(self.window.splitter), self.tr("任务与资料") if plan else self.tr("指标与资料")
        )
        for action in (self.scheme_action, self.kits_action, self.returns_action):
            action.setEnabled(office and not (plan and action is self.scheme_action))
            action.setVisible(not unit and not (plan and action is self.scheme_action))
        # 选择待定指标的归属: only where the catalog leaves a placement open; disabled, with the reason
        # in the tooltip, where it cannot be changed (read-only, unit workspace).
        questions = snapshot is not None and bool(snapshot.catalog.open_questions)
        reason = read_only_reason(self.window.state) if has else ""
        self.placement_action.setVisible(questions and not unit)
        self.placement_action.setEnabled(questions and not reason)
        tip = reason or self.tr("附件1中位置存疑的指标（第 69 项：四.6 还是五.1）按哪种归属计分")
        self.placement_action.setToolTip(tip)
        self.placement_action.setStatusTip(tip)
        self.window.panel.set_placement_allowed(reason)
        self.import_action.setEnabled(has)
        self.import_action.setText(self.window.registry.import_text(not has or office))
        self.import_action.setIconText(self.tr("导入退回通知") if unit else self.tr("导入提交包"))
        for action in [*self.export_actions.values(), self.image_action, self.narrative_action]:
            action.setEnabled(office)
            action.setVisible(not unit)
        # A task list has no 自评报告 prose: its report is the progress report (the export actions).
        self.narrative_action.setEnabled(office and not plan)
        self.narrative_action.setVisible(not unit and not plan)
        self.submit_action.setEnabled(unit)
        self.submit_action.setVisible(unit)
        self.tasks_view_action.setEnabled(unit)
        self.tasks_view_action.setVisible(unit)
        self.views.setTabVisible(self.views.indexOf(self.tasks_view), unit)
        # A unit workspace has no score of its own to show (the office scores).
        scored_pages = (self.score_view, self.extras_pane)
        for widget in self.office_pages:
            self.views.setTabVisible(
                self.views.indexOf(widget), not unit and not (plan and widget in scored_pages)
            )
        for action, page in zip(self.view_actions, self.view_pages, strict=False):
            shown = self.views.isTabVisible(self.views.indexOf(page))
            action.setEnabled(has and shown)
            action.setVisible(shown)
        self.score_label.setVisible(not unit)
        self.tasks_label.setVisible(unit)
        if plan:
            self._show_task_status()
        self.score_label.setToolTip(
            self.tr("任务清单的完成情况；点“进度总览”页查看")
            if plan
            else self.tr("自评总分（参考评分方案，非官方分值）；点“评分”页查看构成")
        )
        self.progress_control.update()

    @property
    def reviewing(self) -> bool:
        """The middle shows the 评审 tab (the review pane)."""
        return self.center_tabs.currentWidget() is self.review_page

    # -- commands ------------------------------------------------------------------------------------
    def show_view(self, index: int) -> None:
        """Show the page of 查看 action ``index`` (Ctrl+1 …), unless it is hidden in this workspace."""
        if 0 <= index < len(self.view_pages):
            page = self.view_pages[index]
            if self.views.isTabVisible(self.views.indexOf(page)):
                self.views.setCurrentWidget(page)

    def show_indicator(self, number: int, *, review: bool) -> None:
        """Go to the indicator page and select ``number`` (on the 评审 tab if ``review``)."""
        self.views.setCurrentWidget(self.window.splitter)
        if review:
            self.center_tabs.setCurrentWidget(self.review_page)
        self.window.select_indicator(number)

    def toggle_review(self) -> None:
        self.views.setCurrentWidget(self.window.splitter)
        reviewing = self.reviewing
        self.center_tabs.setCurrentWidget(self.window.panel if reviewing else self.review_page)
        if not reviewing:
            self.review_pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def edit_scheme(self) -> None:
        self.views.setCurrentWidget(self.score_view)
        self.dialog = self.score_view.edit_scheme()

    def choose_placement(self, number: int | None = None) -> PlacementDialog | None:
        """评审 › 选择待定指标的归属…: the open question of ``number`` (default: the catalog's first)."""
        snapshot = self.window.state.snapshot
        if snapshot is None or not snapshot.catalog.open_questions:
            return None
        questions = snapshot.catalog.open_questions
        question = next((q for q in questions if q.indicator == number), questions[0])
        dialog = PlacementDialog(self.window.state, self.undo, question.id, self.owner)
        self._open(dialog)
        return dialog

    def run_check(self) -> None:
        self.views.setCurrentWidget(self.selfcheck_view)
        self.selfcheck_view.run()

    def _open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def issue_kits(self) -> QWidget | None:
        if self.window.state.project is None:
            return None
        return self._open(IssueKitsDialog(self.window.state, self.owner))

    def import_packages(self) -> QWidget | None:
        if self.window.state.project is None:
            return None
        return self._open(ImportSubmissionsDialog(self.window.state, parent=self.owner))

    def send_returns(self) -> QWidget | None:
        if self.window.state.project is None:
            return None
        return self._open(ReturnNotesDialog(self.window.state, self.owner))

    def export(self, kind: ExportKind) -> QWidget | None:
        if self.window.state.project is None:
            return None
        return self._open(ExportDialog(self.window.state, kind, self.owner))

    def submit_package(self) -> QWidget | None:
        """报送: the self-check's summary, then the package (unit workspaces only)."""
        if self.window.state.project is None or not self.is_unit_mode:
            return None
        return self._open(SubmitDialog(self.window.state, self.owner))

    def edit_narrative(self, note: int | None = None) -> NarrativeDock | None:
        """The report's text editor as a dock (made on first use); ``note``: show that indicator's
        自评说明."""
        if self.window.state.project is None:
            return None
        dock = self.narrative_dock
        if dock is None:
            dock = self.narrative_dock = NarrativeDock(self.window.state, self.owner)
            self.owner.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.float_over(self.owner)  # the editor wants room; it can be docked left or right
        dock.show()
        dock.raise_()
        if note is not None:
            dock.editor.select_note(note)
        return dock

    def ask_about_unsaved_text(self) -> bool:
        """True (and the editor asks 保存 / 放弃 / 取消) when the report's text has unsaved changes:
        the caller stops closing; closing again after the answer goes on."""
        dock = self.narrative_dock
        if dock is None or not dock.editor.has_unsaved_changes():
            return False
        dock.show()
        dock.close()  # asks; see NarrativeDock.closeEvent
        return True

    def export_dashboard_image(self) -> None:
        self.views.setCurrentWidget(self.dashboard)
        self.dashboard.choose_image_file()


def install_workbench(window: WorkbenchHost, parent: QMainWindow) -> Workbench:
    return Workbench(window, parent)
