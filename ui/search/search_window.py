"""The 全文搜索 window: a query, optional unit/indicator filters, the pages found, and a preview.

The search runs in a worker (``ui.common.background.run_read``): typing never waits for the database.
A newer search wins over an older one still running. Double-clicking (or Enter on) a result shows that
evidence in the preview on the right, at the page of the hit. Two-character words (复议, 备案) are found:
the core's bigram index handles them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.evidence.attach import evidence_pdf
from app.evidence.finding import SearchHit, search_evidence
from ui.common.background import BackgroundTask, run_read
from ui.common.formatting import item_heading
from ui.common.state import ProjectState
from ui.evidence.preview import PreviewPanel
from ui.search.search_models import SearchColumn, SearchResultsModel
from ui.search.snippet_delegate import RichTextDelegate

RESULT_LIMIT = 200


class SearchWindow(QDialog):
    """Non-modal: the clerk keeps it open beside the main window while working."""

    #: A search finished and its results are shown (carries the number of hits).
    searched = Signal(int)
    #: A result was opened in the preview (evidence id, 1-based page).
    hit_opened = Signal(int, int)

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchWindow")
        self.setWindowTitle(self.tr("全文搜索"))
        self.setModal(False)
        self.state = state
        self.last_task: BackgroundTask | None = None
        self._generation = 0

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setPlaceholderText(
            self.tr("搜索资料全文，如 复议、备案、合法性审查、文号（多个词用空格分隔）")
        )
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.returnPressed.connect(self.run_search)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("searchUnit")
        self.unit_combo.setToolTip(self.tr("只搜该单位的资料"))
        self.indicator_combo = QComboBox()
        self.indicator_combo.setObjectName("searchIndicator")
        self.indicator_combo.setToolTip(self.tr("只搜该指标（含合并提供组）的资料"))
        self.indicator_combo.setMaximumWidth(260)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_combo_current_index_changed)
        self.indicator_combo.currentIndexChanged.connect(self._on_indicator_combo_current_index_changed)
        self.search_button = QPushButton(self.tr("搜索"))
        self.search_button.setObjectName("searchButton")
        self.search_button.setAutoDefault(False)  # Enter in the query field searches once, by itself
        self.search_button.clicked.connect(self.run_search)
        self.status_label = QLabel()
        self.status_label.setObjectName("searchStatus")

        self.model = SearchResultsModel(self)
        self.table = QTableView()
        self.table.setObjectName("searchResults")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SearchColumn.SNIPPET, RichTextDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (SearchColumn.INDICATORS, 56),
            (SearchColumn.UNIT, 110),
            (SearchColumn.FILE, 170),
        ):
            header.resizeSection(column, width)
        header.resizeSection(SearchColumn.PAGE, 40)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        opener = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        opener.setContext(Qt.ShortcutContext.WidgetShortcut)
        opener.activated.connect(self._on_opener_activated)

        self.preview = PreviewPanel()
        self.preview.setObjectName("searchPreview")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([660, 440])

        row = QHBoxLayout()
        row.addWidget(self.query_edit, 1)
        row.addWidget(self.unit_combo)
        row.addWidget(self.indicator_combo)
        row.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        self.resize(1100, 640)
        self.fill_filters()
        state.opened.connect(self._on_state_opened)
        state.closed.connect(self._on_state_closed)
        state.changed.connect(self._on_state_changed)

    # -- filters ----------------------------------------------------------------------------------
    def fill_filters(self) -> None:
        """The units and indicators of the open project (the first entry of each: no filter)."""
        for combo in (self.unit_combo, self.indicator_combo):
            combo.blockSignals(True)
            combo.clear()
        self.unit_combo.addItem(self.tr("全部单位"), None)
        for unit in self.state.units:
            self.unit_combo.addItem(unit.name, unit.name)
        catalog = self.state.catalog
        plan = catalog is not None and catalog.is_plan
        self.model.set_catalog(catalog)
        self.indicator_combo.addItem(self.tr("全部任务") if plan else self.tr("全部指标"), None)
        if catalog is not None:
            for indicator in catalog.indicators:
                label = item_heading(catalog, indicator.number, indicator.text[:18])
                self.indicator_combo.addItem(label, indicator.number)
        for combo in (self.unit_combo, self.indicator_combo):
            combo.blockSignals(False)

    def _on_unit_combo_current_index_changed(self, _index: int) -> None:
        if self.query_edit.text().strip():
            self.run_search()

    def _on_indicator_combo_current_index_changed(self, _index: int) -> None:
        if self.query_edit.text().strip():
            self.run_search()

    def _on_state_opened(self, _snapshot: object) -> None:
        self.fill_filters()
        self.model.set_hits([])
        self.preview.clear()
        self.status_label.clear()

    def _on_state_changed(self, change: object) -> None:
        """Evidence changed (attached, withdrawn, read by OCR): the shown results are searched again."""
        touched = isinstance(change, ProjectChange) and (change.everything or bool(change.evidence_ids))
        if touched and self.isVisible() and self.query_edit.text().strip():
            self.run_search()

    def _on_state_closed(self) -> None:
        self.model.set_hits([])
        self.preview.clear()
        self.close()

    # -- searching ----------------------------------------------------------------------------------
    def focus_query(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def run_search(self) -> BackgroundTask | None:
        """Search for the query in a worker; the results replace the table's when they come."""
        project = self.state.project
        query = self.query_edit.text().strip()
        if project is None or not query:
            self.status_label.setText(self.tr("请输入要搜索的词"))
            return None
        unit = self.unit_combo.currentData()
        indicator = self.indicator_combo.currentData()
        self._generation += 1
        generation = self._generation
        self.status_label.setText(self.tr("正在搜索“{query}”…").format(query=query))

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[SearchHit]:
            return search_evidence(
                project, query, unit=unit, indicator=indicator, limit=RESULT_LIMIT, html=True
            )

        def done(hits: list[SearchHit]) -> None:
            if generation == self._generation:  # a newer search has been asked for: drop this one
                self._show_hits(query, hits)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.model.set_hits([])
                message = str(error) if isinstance(error, FazhiError) else repr(error)
                self.status_label.setText(self.tr("搜索失败：{error}").format(error=message))
                self.searched.emit(0)

        self.last_task = run_read(
            self, work, title=self.tr("全文搜索"), on_done=done, on_error=failed, show_progress=False
        )
        return self.last_task

    def _show_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        if not hits:
            self.status_label.setText(self.tr("没有找到“{query}”").format(query=query))
        elif len(hits) >= RESULT_LIMIT:
            self.status_label.setText(
                self.tr("找到 {n} 处以上“{query}”，只显示前 {n} 处；可按单位或指标缩小范围").format(
                    n=len(hits), query=query
                )
            )
        else:
            self.status_label.setText(
                self.tr("找到 {n} 处“{query}”；双击一条在右侧预览该页").format(n=len(hits), query=query)
            )
        if hits:
            self.table.selectRow(0)
        self.searched.emit(len(hits))

    # -- opening a hit ----------------------------------------------------------------------------
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_hit(index.row())

    def _on_opener_activated(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_hit(index.row())

    def open_hit(self, row: int) -> None:
        """Show the evidence of result ``row`` in the preview, at the hit's page."""
        project = self.state.project
        if project is None or not 0 <= row < self.model.rowCount():
            return
        hit = self.model.hit(row)
        try:
            path = evidence_pdf(project, hit.sha256)
        except FazhiError as exc:
            self.preview.show_message(str(exc))
            return
        self.preview.show_file(path, hit.kind)
        if hit.kind == "pdf":
            self.preview.pdf.go_to_page(hit.page - 1)
        self.hit_opened.emit(hit.evidence_id, hit.page)
