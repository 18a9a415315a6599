"""The main window: catalog tree on the left, the selected indicator in the middle, a preview on the right.

The window composes the feature panes: ``ui.catalog.catalog_pane.CatalogPane`` (tree, filters, search),
``ui.evidence.evidence_controller.EvidenceController`` (list, preview, attach, withdraw, drops), the
actions and menus of ``ui.shell.actions`` and the workbench (review, scoring, views, exchange, export).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.base.changes import ProjectChange
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.evidence.attach import list_evidence
from app.evidence.formats import ocr_installed
from app.status.workspace import WorkspaceSnapshot, load_workspace, project_progress
from app.units.registry import list_units
from ui.catalog.catalog_pane import CatalogPane, first_indicator
from ui.catalog.indicator_panel import IndicatorPanel
from ui.common import settings
from ui.common.background import BackgroundTask, cancel_all_and_wait, run_read, run_write, show_error
from ui.common.state import ProjectState
from ui.evidence.detail_models import EvidenceRow
from ui.evidence.evidence_controller import EvidenceController, evidence_row
from ui.evidence.evidence_dialogs import AttachDialog, WithdrawDialog
from ui.evidence.preview import PreviewPanel
from ui.evidence.suggest_dialog import SuggestFilingDialog
from ui.search.search_window import SearchWindow
from ui.shell.actions import ShellActions
from ui.shell.assist import install_assist
from ui.shell.close_guard import CloseGuard
from ui.shell.start_dialog import NewProjectDialog, default_projects_root, is_project_folder
from ui.shell.window_fit import clamp_shown_window, fit_window
from ui.shell.workbench import install_workbench
from ui.units.units_editor import UnitsEditorDialog

#: Widths of tree, middle and preview before anything is remembered (scaled to the window by the splitter).
#: At 1366 px the tree's names get ~250 px (they were cut at ~190), the middle's evidence list fits all
#: its columns, the preview shows an A4 page at a readable width.
SPLITTER_DEFAULT = (360, 590, 410)
#: How extra width is shared when the window grows (the middle gets most).
SPLITTER_STRETCH = (3, 5, 3)
# "splitter3": states saved by older versions had the narrow tree (splitter2) or squeezed the middle.
SPLITTER_KEY = "mainWindow/splitter3"
PREVIEW_KEY = "mainWindow/preview"
#: How long after the tree is filled the first indicator is selected (its first paint comes between).
FINISH_OPENING_DELAY_MS = 20


class MainWindow(QMainWindow):
    """One window per open project."""

    #: The evidence list of the current indicator was (re)loaded.
    evidence_loaded = Signal(int)
    #: A project finished opening (carries the snapshot).
    project_loaded = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.state = ProjectState(self)
        self._ocr_installed = ocr_installed()  # a package lookup, no import (menus stay quick)
        self.state.opened.connect(self._on_state_opened)
        self.state.changed.connect(self._on_state_changed)
        self.state.closed.connect(self._on_state_closed)
        self.last_task: BackgroundTask | None = None
        self._closing = False
        # Asks before closing while an export, import, attach … runs (ui/shell/close_guard.py).
        self.close_guard = CloseGuard(self)
        self._close_confirmed = False
        self._preloaded_evidence: tuple[int, list[EvidenceRow]] | None = None
        self.search_window: SearchWindow | None = None
        self.suggest_dialog: SuggestFilingDialog | None = None

        self.catalog = CatalogPane(self.state)
        self.catalog.indicator_selected.connect(self.show_indicator)
        self.panel = IndicatorPanel()
        self.panel.indicator_requested.connect(self.select_indicator)
        self.preview = PreviewPanel()
        self.evidence = EvidenceController(
            self.state,
            self.panel,
            self.preview,
            self,
            tree=self.catalog.tree,
            select=self.select_indicator,
            message=self._show_message,
        )
        self.evidence.loaded.connect(self.evidence_loaded)
        self.evidence.task_started.connect(self._on_task_started)
        self.evidence.actions_changed.connect(self._update_actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.catalog)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.preview)

        self.stack = QStackedWidget()
        self.empty_page = self._build_empty_page()
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)
        # What the stack shows for an open project (the workbench makes it a set of tabs).
        self.project_page: QWidget = self.splitter

        self.registry = ShellActions(self)
        self._connect_actions()
        self.role_label = QLabel()
        self.role_label.setObjectName("roleLabel")
        self.statusBar().addPermanentWidget(self.role_label)
        # Review, scoring, self-check, dashboard, exchange and export (ui/shell/workbench.py).
        self.workbench = install_workbench(self, self)
        self.menus = self.registry.build_menus(
            (self.workbench.review_pane.next_action, self.workbench.review_pane.previous_action)
        )
        self.menus.recent.aboutToShow.connect(self._on_recent_menu_about_to_show)
        # Help (F1, first-run guides) and printing (Ctrl+P): ui/shell/assist.py.
        self.assist = install_assist(self, self)
        self._lay_out_splitter()
        self.setWindowTitle(self.tr("未打开项目"))
        # Within the available screen (taskbar excluded), remembered geometry clamped to it.
        fit_window(self, settings.window_geometry("mainWindow"))
        self._shown_once = False
        state = settings.value(SPLITTER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        if settings.value(PREVIEW_KEY) in (False, "false"):
            self.set_preview_visible(False)
        self._update_actions()

    # -- construction -------------------------------------------------------------------------------
    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        label = QLabel(self.tr("没有打开项目"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        label.setFont(font)
        self.empty_message = QLabel(self.tr("新建一个示范创建项目，或打开已有的项目文件夹。"))
        self.empty_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_message.setWordWrap(True)
        new_button = QPushButton(self.tr("新建项目… (Ctrl+N)"))
        new_button.clicked.connect(self.new_project)
        open_button = QPushButton(self.tr("打开项目文件夹… (Ctrl+O)"))
        open_button.clicked.connect(self.choose_project_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(label)
        layout.addWidget(self.empty_message)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(3)
        return page

    def _connect_actions(self) -> None:
        a = self.registry
        a.new_action.triggered.connect(self.new_project)
        a.open_action.triggered.connect(self.choose_project_folder)
        a.close_project_action.triggered.connect(self.close_project)
        a.quit_action.triggered.connect(self.close)
        a.search_action.triggered.connect(self.catalog.focus_search)
        a.fulltext_action.triggered.connect(self.show_full_text_search)
        a.suggest_action.triggered.connect(self.show_suggest_filing)
        a.attach_action.triggered.connect(self.evidence.choose_files_to_attach)
        a.withdraw_action.triggered.connect(self.withdraw_selected)
        a.ocr_selected_action.triggered.connect(self.evidence.recognize_selected)
        a.ocr_all_action.triggered.connect(self.evidence.recognize_all)
        # Del acts on the evidence list only, so it never steals the key from text fields.
        self.panel.evidence_view.addAction(a.withdraw_action)
        # The list's context menu: its own actions (OCR, withdraw).
        for action in (a.evidence_menu_separator, a.ocr_selected_action, a.ocr_all_action):
            self.panel.evidence_view.addAction(action)
        self.panel.evidence_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        a.open_external_action.triggered.connect(self.evidence.open_selected_externally)
        a.refresh_action.triggered.connect(self.refresh)
        a.expand_action.triggered.connect(self.catalog.expand_all)
        a.collapse_action.triggered.connect(self.catalog.collapse_all)
        a.about_action.triggered.connect(self.show_about)
        a.units_action.triggered.connect(self.edit_units)
        a.preview_action.toggled.connect(self._on_preview_action_toggled)

    # -- fitting the screen, the preview ----------------------------------------------------------------
    def _lay_out_splitter(self) -> None:
        # After the workbench put its tabs in the middle (a replaced widget loses its stretch factor).
        for index, stretch in enumerate(SPLITTER_STRETCH):
            self.splitter.setStretchFactor(index, stretch)
        # The tree and the middle never vanish; the preview folds away (drag its handle to the edge, or
        # 查看 › 显示预览) and gives its width to the middle, where the review pane needs it.
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setCollapsible(2, True)
        self.splitter.setSizes(list(SPLITTER_DEFAULT))
        self.splitter.splitterMoved.connect(self._on_splitter_splitter_moved)
        self._preview_width = SPLITTER_DEFAULT[2]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # The window manager's frame is known only now: pull the window inside if it sticks out.
            QTimer.singleShot(0, lambda: clamp_shown_window(self))

    @property
    def preview_visible(self) -> bool:
        return self.registry.preview_action.isChecked()

    def set_preview_visible(self, visible: bool) -> None:
        """Fold the preview away (its width goes to the middle) or bring it back at its last width."""
        sizes = self.splitter.sizes()
        total = sum(sizes) or sum(SPLITTER_DEFAULT)
        if visible and sizes[2] == 0:
            width = max(self._preview_width, self.preview.minimumSizeHint().width(), 240)
            middle = max(sizes[1] - width, self.workbench.center_tabs.minimumSizeHint().width())
            self.splitter.setSizes([sizes[0], middle, max(total - sizes[0] - middle, 0)])
        elif not visible and sizes[2] > 0:
            self._preview_width = sizes[2]
            self.splitter.setSizes([sizes[0], sizes[1] + sizes[2], 0])
        if self.registry.preview_action.isChecked() != visible:
            self.registry.preview_action.setChecked(visible)

    def _on_preview_action_toggled(self, checked: bool) -> None:
        self.set_preview_visible(checked)

    def _on_splitter_splitter_moved(self, pos: int, index: int) -> None:
        # Dragging the handle to the edge folds the preview; the action follows.
        shown = self.splitter.sizes()[2] > 0
        if shown:
            self._preview_width = self.splitter.sizes()[2]
        if self.registry.preview_action.isChecked() != shown:
            self.registry.preview_action.blockSignals(True)
            self.registry.preview_action.setChecked(shown)
            self.registry.preview_action.blockSignals(False)

    def _show_message(self, text: str, timeout: int) -> None:
        self.statusBar().showMessage(text, timeout)

    def _on_task_started(self, task: BackgroundTask) -> None:
        self.last_task = task

    # -- projects ------------------------------------------------------------------------------------
    @property
    def snapshot(self) -> WorkspaceSnapshot | None:
        return self.state.snapshot

    def open_project(self, folder: Path) -> BackgroundTask:
        """Open ``folder`` in the background; the window stays responsive and fills in when ready."""

        folder = Path(folder).expanduser().absolute()
        self.statusBar().showMessage(self.tr("正在打开 {folder}…").format(folder=folder))
        if self.state.project is None:
            # Lay the workspace out now, while the project loads, not after.
            self.catalog.show_loading()
            self.stack.setCurrentWidget(self.project_page)

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:

            project, snapshot = load_workspace(folder, progress=progress, cancel=cancel)
            # The first indicator's evidence comes with the project: one worker round trip less, and
            # no second worker competing with the UI thread while the filled window first paints.
            first = first_indicator(snapshot)
            try:
                rows = [evidence_row(r) for r in list_evidence(project, indicator=first)]
            except BaseException:
                project.close()
                raise
            return project, snapshot, (first, rows)

        self.last_task = run_write(
            self,
            work,
            title=self.tr("正在打开项目"),
            on_done=self._on_project_loaded,
            on_error=self._on_project_failed,
            on_cancelled=self._on_project_cancelled,
        )
        return self.last_task

    def _on_project_loaded(self, result: Any) -> None:
        project, snapshot, first_evidence = result
        if self._closing:
            project.close()  # the window closed while the project was opening
            return
        self._preloaded_evidence = first_evidence
        self.state.set_project(project, snapshot)

    def _on_project_failed(self, error: BaseException) -> None:
        self.statusBar().clearMessage()
        if self.state.project is None:
            self.stack.setCurrentWidget(self.empty_page)
        show_error(self, self.tr("无法打开项目"), error)

    def _on_project_cancelled(self) -> None:
        self.statusBar().showMessage(self.tr("已取消打开项目"), 5000)
        if self.state.project is None:
            self.stack.setCurrentWidget(self.empty_page)

    def close_project(self) -> None:
        """关闭项目: asks about unsaved report text first, then while work runs (wait, cancel, close)."""
        if self.state.project is None:
            return
        if self.workbench.ask_about_unsaved_text():
            return  # the report's text editor asks first
        if self.close_guard.request(self.tr("关闭项目"), self._close_project_now):
            return
        self._close_project_now()

    def _close_project_now(self) -> None:
        if cancel_all_and_wait():
            self.state.close()

    def new_project(self) -> None:

        dialog = NewProjectDialog(self)
        dialog.accepted.connect(lambda: self._on_new_project_created(dialog))
        dialog.open()

    def _on_new_project_created(self, dialog: Any) -> None:
        if dialog.created_folder is not None:
            self.open_project(dialog.created_folder)

    def choose_project_folder(self) -> None:

        name = QFileDialog.getExistingDirectory(self, self.tr("打开项目文件夹"), str(default_projects_root()))
        if not name:
            return
        if not is_project_folder(Path(name)):
            show_error(
                self,
                self.tr("打开项目"),
                FazhiError(
                    self.tr("这不是项目文件夹（里面没有 project.sqlite）：{folder}").format(folder=name)
                ),
            )
            return
        self.open_project(Path(name))

    def _on_recent_menu_about_to_show(self) -> None:
        self.menus.recent.clear()
        recent = settings.recent_projects()
        if not recent:
            self.menus.recent.addAction(self.tr("（无）")).setEnabled(False)
        for folder in recent:
            action = self.menus.recent.addAction(str(folder))
            action.setEnabled(folder.is_dir())
            action.triggered.connect(lambda _checked=False, f=folder: self.open_project(f))

    # -- reacting to the hub -----------------------------------------------------------------------
    def _on_state_opened(self, snapshot: WorkspaceSnapshot) -> None:
        info = snapshot.info
        self.catalog.current = None
        self.catalog.set_snapshot(snapshot)
        # Expanded before its first paint: painting the collapsed tree and then the expanded one costs
        # two paints (and two layouts) in the start-up's longest pass.
        self.catalog.expand_all()
        self.panel.set_catalog(snapshot.catalog)
        self.preview.clear()
        if snapshot.is_unit_workspace:
            # The clerk's window says whose it is: the unit first, then the county's project.
            self.setWindowTitle(
                self.tr("{unit} · {county} {year}年 · 单位工作区").format(
                    unit=info.unit, county=info.county, year=info.year
                )
            )
            self.role_label.setText(self.tr("单位工作区：{unit}").format(unit=info.unit))
        else:
            self.setWindowTitle(self.tr("{county} {year}年").format(county=info.county, year=info.year))
            self.role_label.setText(self.tr("依法治县办"))
        # The office's reports are not the clerk's business: the whole 导出 menu goes in a workspace.
        self.menus.export.menuAction().setVisible(not snapshot.is_unit_workspace)
        self.role_label.setToolTip(str(info.folder))
        self.stack.setCurrentWidget(self.project_page)
        self._update_actions()
        # People know the project by county and year (the title); the folder follows for the USB stick.
        opened = self.tr("已打开 {title}（{folder}）").format(title=self.windowTitle(), folder=info.folder)
        self.statusBar().showMessage(opened, 5000)
        # The selection (the first indicator's page and list) a little later, so the filled tree paints
        # in between: a zero-delay call ran in the same event-loop pass as that first paint, and both
        # together were the window's longest freeze (benchmarks/RESULTS.md, start-up stall).
        QTimer.singleShot(FINISH_OPENING_DELAY_MS, lambda: self._finish_opening(snapshot))

    def _finish_opening(self, snapshot: WorkspaceSnapshot) -> None:
        if self.state.snapshot is not snapshot:
            return  # closed or replaced meanwhile
        if self.panel.number is None:  # unless something was selected meanwhile
            self.catalog.select_first_indicator()
        # Writing the settings file (≈ 6–14 ms) in a pass of its own, after the selection has painted.
        folder = self.state.require_project().folder
        QTimer.singleShot(0, self, lambda: settings.add_recent_project(folder))
        self.project_loaded.emit(snapshot)

    def _on_state_closed(self) -> None:
        self.catalog.clear()
        self.panel.set_catalog(None)
        self.preview.clear()
        self.stack.setCurrentWidget(self.empty_page)
        self.setWindowTitle(self.tr("未打开项目"))
        self.role_label.clear()
        self.menus.export.menuAction().setVisible(True)
        self._update_actions()

    def _on_state_changed(self, change: object) -> None:
        snapshot = self.state.snapshot
        # Other panes announce their own kinds of change (scores, marks); the tree cares about evidence.
        if snapshot is None or self.catalog.tree_model is None or not isinstance(change, ProjectChange):
            return
        if change.catalog:
            self._relayout_catalog(snapshot)
            return
        self.catalog.apply_change(change)
        current = self.panel.number
        group = set(snapshot.catalog.indicator(current).evidence_group) if current is not None else set()
        if current is not None and (change.everything or group & change.indicators):
            self.panel.set_progress(snapshot.progress.get(current))
            select = min(change.evidence_ids) if len(change.evidence_ids) == 1 else None
            self.evidence.load(current, select_id=select)

    def _relayout_catalog(self, snapshot: WorkspaceSnapshot) -> None:
        """The catalog was laid out anew (indicator 69 moved): rebuild the tree, keep the selection."""
        current = self.panel.number
        self.catalog.set_snapshot(snapshot)
        self.panel.set_catalog(snapshot.catalog)
        self.catalog.expand_all()
        if current is not None and snapshot.catalog.has_indicator(current):
            self.catalog.current = None
            self.select_indicator(current)

    def _update_actions(self) -> None:
        a = self.registry
        has_project = self.state.project is not None
        has_indicator = has_project and self.panel.number is not None
        has_evidence = has_indicator and self.panel.selected_evidence() is not None
        for action in (a.close_project_action, a.search_action, a.refresh_action, a.units_action):
            action.setEnabled(has_project)
        for action in (a.fulltext_action, a.suggest_action):
            action.setEnabled(has_project)
        for action in (a.expand_action, a.collapse_action):
            action.setEnabled(has_project)
        a.attach_action.setEnabled(has_indicator)
        a.withdraw_action.setEnabled(has_evidence)
        a.open_external_action.setEnabled(has_evidence)
        project = self.state.project
        can_ocr = project is not None and not project.readonly and self._ocr_installed
        a.ocr_selected_action.setEnabled(can_ocr and has_evidence)
        a.ocr_all_action.setEnabled(can_ocr)

    # -- the shown indicator and its evidence ------------------------------------------------------
    def select_indicator(self, number: int) -> bool:
        """Select ``number`` in the tree (clearing filters that hide it)."""
        return self.catalog.select_indicator(number)

    def show_indicator(self, number: int) -> None:
        self.catalog.current = number
        self.panel.show_indicator(number, self.state.progress(number))
        self.preview.clear()
        preloaded, self._preloaded_evidence = self._preloaded_evidence, None
        if preloaded is not None and preloaded[0] == number:
            self.evidence.show_rows(number, preloaded[1])
        else:
            self.evidence.load(number)
        self._update_actions()

    def show_preview(self, row: EvidenceRow) -> None:
        self.evidence.show_preview(row)

    def open_externally(self, row: EvidenceRow) -> Path | None:
        return self.evidence.open_externally(row)

    def attach_files(self, files: Sequence[Path], number: int | None = None) -> AttachDialog | None:
        """Ask where ``files`` go, then attach them (see ``EvidenceController.attach_files``)."""
        return self.evidence.attach_files(files, number)

    def withdraw_selected(self) -> WithdrawDialog | None:
        return self.evidence.withdraw_selected()

    # -- refresh -------------------------------------------------------------------------------------------
    def refresh(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:
            return project_progress(project), list_units(project)

        def done(outcome: Any) -> None:
            progress, units = outcome
            self.state.apply(ProjectChange(everything=True), progress, units)
            self.statusBar().showMessage(self.tr("已刷新"), 3000)

        self.last_task = run_read(self, work, title=self.tr("正在刷新"), on_done=done, show_progress=False)
        return self.last_task

    def edit_units(self) -> UnitsEditorDialog | None:
        """The county's units; the tree and the panels refresh when the dialog changed something."""
        project = self.state.project
        if project is None:
            return None
        dialog = UnitsEditorDialog(project, self, undo=self.workbench.undo, refresh_window=self.refresh)
        dialog.changed.connect(self.refresh)
        self.units_dialog = dialog
        dialog.open()
        return dialog

    def show_full_text_search(self) -> SearchWindow | None:
        """查看 › 全文搜索 (Ctrl+F): one non-modal search window per main window, raised when open."""
        if self.state.project is None:
            return None
        if self.search_window is None:
            self.search_window = SearchWindow(self.state, self)
        self.search_window.show()
        self.search_window.raise_()
        self.search_window.activateWindow()
        self.search_window.focus_query()
        return self.search_window

    def show_suggest_filing(self) -> SuggestFilingDialog | None:
        """编辑 › 按文件夹智能归档: propose an indicator for each file of a folder, confirm, attach."""
        if self.state.project is None:
            return None
        dialog = SuggestFilingDialog(self.state, self)
        self.suggest_dialog = dialog
        dialog.show()
        return dialog

    def _close_now(self) -> None:
        self.close_without_asking()

    def close_without_asking(self) -> bool:
        """Close now: running work is cancelled (its writes roll back), unsaved report text is dropped.
        For scripted runs (FAZHI_QUIT_AFTER_MS, FAZHI_QUIT_WHEN_OPEN), where nobody answers a question."""
        self._close_confirmed = True
        return self.close()

    # -- misc ------------------------------------------------------------------------------------------------
    def show_about(self) -> None:

        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr(
                "<b>法治政府建设示范创建自评系统</b><br>版本 {version}<br><br>"
                "对照《市县法治政府建设示范指标体系》整理印证资料、逐项审核、评分并生成自评报告。"
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_confirmed and self.workbench.ask_about_unsaved_text():
            event.ignore()  # the report's text editor asks first; closing again goes on
            return
        if not self._close_confirmed and self.close_guard.request(self.tr("关闭窗口"), self._close_now):
            event.ignore()
            return
        self._close_confirmed = False
        self.close_guard.forget()
        self._closing = True
        settings.save_window_state("mainWindow", self.saveGeometry(), self.saveState())
        settings.save_value(SPLITTER_KEY, self.splitter.saveState())
        settings.save_value(PREVIEW_KEY, self.registry.preview_action.isChecked())
        # Running writes roll back when cancelled; wait for them so the database is left clean.
        cancel_all_and_wait()
        self.state.close()
        self.evidence.remove_copies()
        super().closeEvent(event)
