"""The main window: catalog tree on the left, the selected indicator in the middle, a preview on the right."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.base.changes import ProjectChange
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.evidence.attach import attach, evidence_path, list_evidence, withdraw
from app.status.workspace import (
    IndicatorStatus,
    WorkspaceSnapshot,
    load_workspace,
    project_progress,
    summarize,
)
from app.units.registry import list_units
from ui.catalog.catalog_model import CatalogFilterProxy, CatalogRole, CatalogTreeModel, Column
from ui.catalog.indicator_panel import IndicatorPanel
from ui.common import settings
from ui.common.background import BackgroundTask, cancel_all_and_wait, run_read, run_write, show_error
from ui.common.icons import status_icon, status_label
from ui.common.state import ProjectState
from ui.evidence.detail_models import EvidenceRow
from ui.evidence.evidence_dialogs import (
    AttachDialog,
    AttachRequest,
    RefusedFilesDialog,
    WithdrawDialog,
    evidence_file_filter,
)
from ui.evidence.preview import PreviewPanel
from ui.shell.start_dialog import NewProjectDialog, default_projects_root, is_project_folder
from ui.shell.workbench import install_workbench

_ALL_UNITS = "__all__"
_MY_TASKS = "__mine__"


def evidence_row(record: Any) -> EvidenceRow:
    """The evidence list's view of a core ``EvidenceRecord``."""
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


def first_indicator(snapshot: WorkspaceSnapshot) -> int:
    """The indicator shown first: a unit workspace's first task, else the catalog's first indicator."""
    if snapshot.is_unit_workspace and snapshot.info.unit:
        unit = snapshot.unit(snapshot.info.unit)
        if unit is not None and unit.indicators:
            return unit.indicators[0]
    return snapshot.catalog.indicators[0].number


def local_files(urls: Iterable[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]


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
        self.state.opened.connect(self._on_state_opened)
        self.state.changed.connect(self._on_state_changed)
        self.state.closed.connect(self._on_state_closed)
        self.tree_model: CatalogTreeModel | None = None
        self.proxy = CatalogFilterProxy(self)
        self.last_task: BackgroundTask | None = None
        self.attach_dialog: AttachDialog | None = None
        self.refused_dialog: RefusedFilesDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self._evidence_generation = 0
        self._open_copies: Path | None = None  # made on first use: copies opened in the system viewer
        self._closing = False
        self._preloaded_evidence: tuple[int, list[EvidenceRow]] | None = None

        self._build_catalog_pane()
        self.panel = IndicatorPanel()
        self.panel.indicator_requested.connect(self.select_indicator)
        self.panel.evidence_selected.connect(self._on_panel_evidence_selected)
        self.panel.evidence_activated.connect(self._on_panel_evidence_activated)
        self.panel.attach_requested.connect(self.choose_files_to_attach)
        self.panel.withdraw_requested.connect(self.withdraw_selected)
        self.panel.open_requested.connect(self.open_selected_externally)
        self.preview = PreviewPanel()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.catalog_pane)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([340, 560, 460])

        self.stack = QStackedWidget()
        self.empty_page = self._build_empty_page()
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)
        # What the stack shows for an open project (the workbench makes it a set of tabs).
        self.project_page: QWidget = self.splitter

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        # Review, scoring, self-check, dashboard, exchange and export (ui/workbench.py).
        self.workbench = install_workbench(self, self)
        self.setAcceptDrops(True)
        # Drops on a tree row go to that indicator (handled in eventFilter, not by the view).
        self.tree.setAcceptDrops(True)
        self.tree.viewport().setAcceptDrops(True)
        self.tree.viewport().installEventFilter(self)
        self.setWindowTitle(self.tr("未打开项目"))
        self.resize(1360, 820)
        geometry = settings.window_geometry("mainWindow")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("mainWindow/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        self._update_actions()

    # -- construction -------------------------------------------------------------------------------
    def _build_catalog_pane(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("搜索指标内容、编号、责任单位（Ctrl+F）"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(self.tr("输入关键词筛选指标；多个词用空格分开"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)  # filter once typing pauses, not on every key
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)

        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unitFilter")
        self.unit_combo.setToolTip(self.tr("只显示某个单位负责的指标"))
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_combo.setMinimumContentsLength(8)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_combo_current_index_changed)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.setToolTip(self.tr("按资料状态筛选"))
        self.status_combo.addItem(self.tr("全部状态"), None)
        self.status_combo.addItem(
            self.tr("未完成"),
            (IndicatorStatus.NONE, IndicatorStatus.SOME, IndicatorStatus.RETURNED),
        )
        for status in IndicatorStatus:
            self.status_combo.addItem(status_icon(status), status_label(status), (status,))
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_current_index_changed)

        self.tree = QTreeView()
        self.tree.setObjectName("catalogTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(14)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree_empty = QLabel(self.tr("没有符合条件的指标"))
        self.tree_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tree_empty.setStyleSheet("color: palette(placeholder-text);")
        self.tree_empty.hide()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setToolTip(
            self.tr(
                "齐全：资料满足全部要求；不全：已有部分资料；无资料：尚未提供；实地：实地核查项，无需上传"
            )
        )
        self.summary_label.setWordWrap(True)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.unit_combo, 3)
        filters.addWidget(self.status_combo, 2)
        self.catalog_pane = QWidget()
        layout = QVBoxLayout(self.catalog_pane)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.tree_empty)
        layout.addWidget(self.summary_label)

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

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            self.tr("新建项目(&N)…"),
            self.new_project,
            QKeySequence.StandardKey.New,
            self.tr("新建示范创建项目"),
        )
        self.open_action = self._action(
            self.tr("打开项目(&O)…"),
            self.choose_project_folder,
            QKeySequence.StandardKey.Open,
            self.tr("打开已有的项目文件夹"),
        )
        self.close_project_action = self._action(self.tr("关闭项目(&C)"), self.close_project)
        self.quit_action = self._action(self.tr("退出(&Q)"), self.close, QKeySequence("Ctrl+Q"))
        self.search_action = self._action(
            self.tr("搜索指标(&F)"), self.focus_search, QKeySequence.StandardKey.Find, self.tr("在指标中搜索")
        )
        self.attach_action = self._action(
            self.tr("添加资料(&I)…"),
            self.choose_files_to_attach,
            QKeySequence("Ctrl+I"),
            self.tr("为所选指标添加 PDF 或 Excel 资料"),
        )
        self.withdraw_action = self._action(
            self.tr("撤回资料(&D)…"),
            self.withdraw_selected,
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.tr("撤回所选资料（需说明原因）"),
        )
        # Del acts on the evidence list only, so it never steals the key from text fields.
        self.withdraw_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.panel.evidence_view.addAction(self.withdraw_action)
        self.open_external_action = self._action(
            self.tr("用系统程序打开(&E)"),
            self.open_selected_externally,
            QKeySequence("Ctrl+Return"),
            self.tr("用系统的 PDF 阅读器或表格软件打开所选资料"),
        )
        self.refresh_action = self._action(
            self.tr("刷新(&R)"),
            self.refresh,
            QKeySequence.StandardKey.Refresh,
            self.tr("重新读取项目数据 (F5)"),
        )
        if self.refresh_action.shortcut() != QKeySequence("F5"):
            self.refresh_action.setShortcuts([self.refresh_action.shortcut(), QKeySequence("F5")])
        self.expand_action = self._action(
            self.tr("全部展开"), self._on_expand_action_triggered, QKeySequence("Ctrl+E")
        )
        self.collapse_action = self._action(self.tr("全部折叠"), self._on_collapse_action_triggered)
        self.about_action = self._action(self.tr("关于(&A)"), self.show_about)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("最近的项目"))
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addAction(self.close_project_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        evidence_menu = menu_bar.addMenu(self.tr("资料(&E)"))
        evidence_menu.addAction(self.attach_action)
        evidence_menu.addAction(self.open_external_action)
        evidence_menu.addAction(self.withdraw_action)
        view_menu = self.view_menu = menu_bar.addMenu(self.tr("查看(&V)"))
        view_menu.addAction(self.search_action)
        view_menu.addAction(self.expand_action)
        view_menu.addAction(self.collapse_action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = self.help_menu = menu_bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.about_action)
        toolbar = self.toolbar = self.addToolBar(self.tr("工具栏"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Toolbar labels without the menu mnemonics ("(&O)").
        self.open_action.setIconText(self.tr("打开项目"))
        self.attach_action.setIconText(self.tr("添加资料"))
        self.open_external_action.setIconText(self.tr("打开原文件"))
        self.withdraw_action.setIconText(self.tr("撤回资料"))
        self.refresh_action.setIconText(self.tr("刷新"))
        for action in (self.open_action, self.attach_action, self.open_external_action, self.withdraw_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)

    def _build_status_bar(self) -> None:
        self.role_label = QLabel()
        self.role_label.setObjectName("roleLabel")
        self.statusBar().addPermanentWidget(self.role_label)

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
            self.tree.hide()
            self.tree_empty.setText(self.tr("正在打开项目…"))
            self.tree_empty.show()
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
        settings.add_recent_project(project.folder)
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
        self.recent_menu.clear()
        recent = settings.recent_projects()
        if not recent:
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)
        for folder in recent:
            action = self.recent_menu.addAction(str(folder))
            action.setEnabled(folder.is_dir())
            action.triggered.connect(lambda _checked=False, f=folder: self.open_project(f))

    # -- reacting to the hub -----------------------------------------------------------------------
    def _on_state_opened(self, snapshot: WorkspaceSnapshot) -> None:
        info = snapshot.info
        old_model = self.tree_model
        self.tree_model = CatalogTreeModel(snapshot.catalog, self)
        self.tree_model.set_progress(snapshot.progress, replace=True)
        self.proxy.setSourceModel(self.tree_model)
        if old_model is not None:
            old_model.deleteLater()
        # Section modes exist only once the model has columns.
        header = self.tree.header()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        # A fixed width, not ResizeToContents: measuring every row on each expand costs 100s of ms.
        header.setSectionResizeMode(Column.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.PROGRESS, self.tree.fontMetrics().horizontalAdvance("实地 · 000 件") + 16)
        self.panel.set_catalog(snapshot.catalog)
        self.preview.clear()
        self.setWindowTitle(self.tr("{county} {year}年").format(county=info.county, year=info.year))
        if snapshot.is_unit_workspace:
            self.role_label.setText(self.tr("单位工作区：{unit}").format(unit=info.unit))
        else:
            self.role_label.setText(self.tr("依法治县办"))
        self.role_label.setToolTip(str(info.folder))
        self._fill_unit_filter(snapshot)
        self.stack.setCurrentWidget(self.project_page)
        self.tree_empty.setText(self.tr("没有符合条件的指标"))
        self._after_filter()
        self._update_summary()
        self._update_actions()
        self.statusBar().showMessage(self.tr("已打开 {folder}").format(folder=info.folder), 5000)
        # The rest in the next turn of the event loop, so the window paints in between (no long freeze).
        QTimer.singleShot(0, lambda: self._finish_opening(snapshot))

    def _finish_opening(self, snapshot: WorkspaceSnapshot) -> None:
        if self.state.snapshot is not snapshot:
            return  # closed or replaced meanwhile
        self.tree.expandAll()
        if self.panel.number is None:  # unless something was selected meanwhile
            self._select_first_indicator()
        self.project_loaded.emit(snapshot)

    def _on_state_closed(self) -> None:
        self.proxy.setSourceModel(None)  # type: ignore[arg-type]
        self.tree_model = None
        self.panel.set_catalog(None)
        self.preview.clear()
        self.stack.setCurrentWidget(self.empty_page)
        self.setWindowTitle(self.tr("未打开项目"))
        self.role_label.clear()
        self._update_actions()

    def _on_state_changed(self, change: object) -> None:
        snapshot = self.state.snapshot
        # Other panes announce their own kinds of change (scores, marks); the tree cares about evidence.
        if snapshot is None or self.tree_model is None or not isinstance(change, ProjectChange):
            return
        if change.everything:
            self.tree_model.set_progress(snapshot.progress, replace=True)
            self._fill_unit_filter(snapshot)
        else:
            numbers = {m for n in change.indicators for m in snapshot.catalog.indicator(n).evidence_group}
            self.tree_model.set_progress({n: snapshot.progress[n] for n in numbers if n in snapshot.progress})
        self._update_summary()
        current = self.panel.number
        if current is not None and (change.everything or self._touches_group(change, current)):
            self.panel.set_progress(snapshot.progress.get(current))
            select = min(change.evidence_ids) if len(change.evidence_ids) == 1 else None
            self.load_evidence(current, select_id=select)

    def _touches_group(self, change: ProjectChange, number: int) -> bool:
        snapshot = self.state.snapshot
        assert snapshot is not None
        return bool(set(snapshot.catalog.indicator(number).evidence_group) & change.indicators)

    def _fill_unit_filter(self, snapshot: WorkspaceSnapshot) -> None:
        current = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        if snapshot.is_unit_workspace:
            self.unit_combo.addItem(self.tr("我的任务（{unit}）").format(unit=snapshot.info.unit), _MY_TASKS)
        self.unit_combo.addItem(self.tr("全部单位"), _ALL_UNITS)
        for unit in snapshot.units:
            if unit.indicators and not unit.collective:
                self.unit_combo.addItem(
                    self.tr("{name}（{n} 项）").format(name=unit.name, n=len(unit.indicators)), unit.name
                )
        index = self.unit_combo.findData(current) if current is not None else -1
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.unit_combo.blockSignals(False)
        self._apply_unit_filter()

    def _update_summary(self) -> None:
        snapshot = self.state.snapshot
        if snapshot is None:
            self.summary_label.clear()
            return
        allowed = self.proxy.allowed_numbers
        progress = (
            snapshot.progress
            if allowed is None
            else {n: p for n, p in snapshot.progress.items() if n in allowed}
        )
        counts = summarize(progress)
        parts = [
            self.tr("齐全 {n}").format(n=counts[IndicatorStatus.COMPLETE]),
            self.tr("不全 {n}").format(n=counts[IndicatorStatus.SOME]),
            self.tr("无资料 {n}").format(n=counts[IndicatorStatus.NONE]),
            self.tr("实地 {n}").format(n=counts[IndicatorStatus.ONSITE]),
        ]
        if counts[IndicatorStatus.RETURNED]:
            parts.append(self.tr("退回 {n}").format(n=counts[IndicatorStatus.RETURNED]))
        text = self.tr("共 {n} 项：").format(n=len(progress)) + " · ".join(parts)
        self.summary_label.setText(text)

    def _update_actions(self) -> None:
        has_project = self.state.project is not None
        has_indicator = has_project and self.panel.number is not None
        has_evidence = has_indicator and self.panel.selected_evidence() is not None
        self.close_project_action.setEnabled(has_project)
        self.search_action.setEnabled(has_project)
        self.attach_action.setEnabled(has_indicator)
        self.withdraw_action.setEnabled(has_evidence)
        self.open_external_action.setEnabled(has_evidence)
        self.refresh_action.setEnabled(has_project)
        self.expand_action.setEnabled(has_project)
        self.collapse_action.setEnabled(has_project)

    # -- catalog tree, filters and search ----------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_search_edit_text_changed(self, text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.apply_search()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.proxy.set_search_text(self.search_edit.text())
        self._after_filter()

    def _on_unit_combo_current_index_changed(self, index: int) -> None:
        self._apply_unit_filter()

    def _apply_unit_filter(self) -> None:
        snapshot = self.state.snapshot
        data = self.unit_combo.currentData()
        numbers: Sequence[int] | None = None
        if snapshot is not None and data not in (None, _ALL_UNITS):
            name = snapshot.info.unit if data == _MY_TASKS else str(data)
            unit = snapshot.unit(name) if name else None
            numbers = unit.indicators if unit is not None else ()
        self.proxy.set_allowed_numbers(numbers)
        if self.tree_model is not None:
            self.tree_model.set_scope(numbers)
        self._after_filter()
        self._update_summary()

    def _on_status_combo_current_index_changed(self, index: int) -> None:
        statuses = self.status_combo.currentData()
        self.proxy.set_statuses(statuses)
        self._after_filter()

    def _after_filter(self) -> None:
        if self.proxy.filtering:
            self.tree.expandAll()
        empty = self.proxy.rowCount() == 0 and self.tree_model is not None
        self.tree_empty.setVisible(empty)
        self.tree.setVisible(not empty)
        current = self.panel.number
        if current is not None:
            index = self._proxy_index(current)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)

    def _on_expand_action_triggered(self) -> None:
        self.tree.expandAll()

    def _on_collapse_action_triggered(self) -> None:
        self.tree.collapseAll()

    def _proxy_index(self, number: int) -> QModelIndex:
        if self.tree_model is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.tree_model.indicator_index(number))

    def _select_first_indicator(self) -> None:
        if self.tree_model is None:
            return
        snapshot = self.state.snapshot
        assert snapshot is not None
        numbers = [first_indicator(snapshot)] + [i.number for i in snapshot.catalog.indicators]
        for number in numbers:
            index = self._proxy_index(number)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                return

    def select_indicator(self, number: int) -> bool:
        """Select ``number`` in the tree (clearing filters that hide it)."""
        index = self._proxy_index(number)
        if not index.isValid():
            self.search_edit.clear()
            self.apply_search()
            self.status_combo.setCurrentIndex(0)
            index = self._proxy_index(number)
            if not index.isValid():
                self.unit_combo.setCurrentIndex(self.unit_combo.findData(_ALL_UNITS))
                index = self._proxy_index(number)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _on_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        number = current.data(CatalogRole.NUMBER) if current.isValid() else None
        if number is None or number == self.panel.number:
            return
        self.show_indicator(int(number))

    def show_indicator(self, number: int) -> None:
        self.panel.show_indicator(number, self.state.progress(number))
        self.preview.clear()
        preloaded, self._preloaded_evidence = self._preloaded_evidence, None
        if preloaded is not None and preloaded[0] == number:
            self._evidence_generation += 1
            self.panel.set_evidence(preloaded[1])
            self.evidence_loaded.emit(number)
        else:
            self.load_evidence(number)
        self._update_actions()

    # -- evidence list ------------------------------------------------------------------------------
    def load_evidence(self, number: int, *, select_id: int | None = None) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None
        self._evidence_generation += 1
        generation = self._evidence_generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[EvidenceRow]:

            return [evidence_row(r) for r in list_evidence(project, indicator=number)]

        def done(rows: list[EvidenceRow]) -> None:
            # A newer request (the user moved on) wins; stale answers are dropped.
            if generation == self._evidence_generation and self.panel.number == number:
                self.panel.set_evidence(rows, select_id=select_id)
                self._update_actions()
                self.evidence_loaded.emit(number)

        return run_read(self, work, title=self.tr("读取资料"), on_done=done, show_progress=False)

    def _on_panel_evidence_selected(self, row: EvidenceRow | None) -> None:
        self._update_actions()
        if row is None:
            self.preview.clear()
            return
        self.show_preview(row)

    def _on_panel_evidence_activated(self, row: EvidenceRow) -> None:
        self.open_externally(row)

    def _stored_file(self, row: EvidenceRow) -> Path | None:
        project = self.state.project
        if project is None:
            return None

        return evidence_path(project, row.sha256)

    def show_preview(self, row: EvidenceRow) -> None:
        try:
            path = self._stored_file(row)
        except FazhiError as exc:
            self.preview.show_message(str(exc))
            return
        if path is not None:
            self.preview.show_file(path, row.kind)

    def open_selected_externally(self) -> None:
        row = self.panel.selected_evidence()
        if row is not None:
            self.open_externally(row)

    def open_externally(self, row: EvidenceRow) -> Path | None:
        """Open a copy under its original name (the store names files by hash) in the system viewer."""
        try:
            stored = self._stored_file(row)
        except FazhiError as exc:
            show_error(self, self.tr("打开原文件"), exc)
            return None
        if stored is None:
            return None
        if self._open_copies is None:
            self._open_copies = Path(tempfile.mkdtemp(prefix="fazhi-open-"))
        folder = self._open_copies / str(row.evidence_id)
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / Path(row.filename).name
        if not copy.exists():
            shutil.copyfile(stored, copy)
            copy.chmod(0o444)  # a viewer must not make the user think edits go into the project
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            show_error(
                self,
                self.tr("打开原文件"),
                FazhiError(self.tr("系统中没有可以打开此文件的程序：{name}").format(name=row.filename)),
            )
        return copy

    # -- attaching ------------------------------------------------------------------------------------
    def choose_files_to_attach(self) -> None:
        if self.panel.number is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("选择资料文件"), "", evidence_file_filter())
        if names:
            self.attach_files([Path(n) for n in names])

    def attach_files(self, files: Sequence[Path], number: int | None = None) -> AttachDialog | None:
        """Ask where ``files`` go (unit, extra indicators), then attach them. Drops come through here."""
        snapshot = self.state.snapshot
        if snapshot is None or not files:
            return None
        if number is None:
            number = self.panel.number
        if number is None:
            self.statusBar().showMessage(self.tr("请先在左侧选择要添加资料的指标"), 5000)
            return None
        if number != self.panel.number:
            self.select_indicator(number)
        dialog = AttachDialog(
            snapshot.catalog,
            snapshot.units,
            number,
            files,
            own_unit=snapshot.info.unit if snapshot.is_unit_workspace else None,
            parent=self,
        )
        self.attach_dialog = dialog
        dialog.accepted.connect(lambda: self.start_attach(dialog.request()))
        dialog.open()
        return dialog

    def start_attach(self, request: AttachRequest) -> BackgroundTask:
        project = self.state.require_project()

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:

            result = attach(
                project,
                unit=request.unit,
                indicators=request.indicators,
                files=list(request.files),
                title=request.title,
                period=request.period,
                requirement_key=request.requirement_key,
                skip_refused=True,
                progress=progress,
                cancel=cancel,
            )
            # Fresh numbers for what changed, computed here so the UI thread only paints.
            return result, project_progress(project, request.indicators), list_units(project)

        self.last_task = run_write(
            self,
            work,
            title=self.tr("正在添加资料"),
            on_done=lambda outcome: self._on_attach_done(request, outcome),
            on_cancelled=self._on_attach_cancelled,
        )
        return self.last_task

    def _on_attach_done(self, request: AttachRequest, outcome: Any) -> None:
        result, progress, units = outcome
        ids = [record.id for record in result.attached]
        change = ProjectChange.of(indicators=request.indicators, units=[request.unit], evidence_ids=ids)
        self.state.apply(change, progress, units)
        if result.attached:
            self.statusBar().showMessage(self.tr("已添加 {n} 个文件").format(n=len(result.attached)), 8000)
        if result.refused:
            self.refused_dialog = RefusedFilesDialog(result.refused, len(result.attached), self)
            self.refused_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.refused_dialog.open()

    def _on_attach_cancelled(self) -> None:
        self.statusBar().showMessage(self.tr("已取消添加，未做任何更改"), 8000)

    # -- withdrawing -----------------------------------------------------------------------------------
    def withdraw_selected(self) -> WithdrawDialog | None:
        row = self.panel.selected_evidence()
        if row is None:
            return None
        dialog = WithdrawDialog(row, self)
        self.withdraw_dialog = dialog
        dialog.accepted.connect(lambda: self.start_withdraw(row, dialog.reason()))
        dialog.open()
        return dialog

    def start_withdraw(self, row: EvidenceRow, reason: str) -> BackgroundTask:
        project = self.state.require_project()

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:

            record = withdraw(project, row.evidence_id, reason=reason)
            return record, project_progress(project, record.indicators)

        def done(outcome: Any) -> None:
            record, progress = outcome
            change = ProjectChange.of(
                indicators=record.indicators, units=[record.unit], evidence_ids=[record.id]
            )
            self.state.apply(change, progress)
            self.statusBar().showMessage(self.tr("已撤回 {name}").format(name=record.filename), 8000)

        self.last_task = run_write(self, work, title=self.tr("正在撤回资料"), on_done=done, cancellable=False)
        return self.last_task

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

    # -- drag and drop ------------------------------------------------------------------------------------
    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return self.state.project is not None and mime.hasUrls() and bool(local_files(mime.urls()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Files dropped anywhere on the window go to the selected indicator."""
        if not self._accepts(event):
            event.ignore()
            return
        event.acceptProposedAction()
        self.attach_files(local_files(event.mimeData().urls()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dropped on an indicator in the tree go to that indicator."""
        if watched is self.tree.viewport() and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            assert isinstance(event, (QDragEnterEvent, QDragMoveEvent, QDropEvent))
            if not self._accepts(event):
                event.ignore()
                return True
            index = self.tree.indexAt(event.position().toPoint())
            number = index.data(CatalogRole.NUMBER) if index.isValid() else None
            if event.type() == QEvent.Type.Drop:
                event.acceptProposedAction()
                self.attach_files(local_files(event.mimeData().urls()), int(number) if number else None)
            else:
                event.acceptProposedAction()
            return True
        return super().eventFilter(watched, event)

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
        self._closing = True
        settings.save_window_state("mainWindow", self.saveGeometry(), self.saveState())
        settings.save_value("mainWindow/splitter", self.splitter.saveState())
        # Running writes roll back when cancelled; wait for them so the database is left clean.
        cancel_all_and_wait()
        self.state.close()
        if self._open_copies is not None:
            shutil.rmtree(self._open_copies, ignore_errors=True)
        super().closeEvent(event)
