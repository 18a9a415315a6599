"""Preview of an evidence file: PDF pages (QtPdf) or the first rows of each spreadsheet sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.base.progress import CancelToken, ProgressCallback, check_cancel
from ui.common.background import BackgroundTask, run_read

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: default parent of top-level rows

#: Rows and columns read per sheet for the preview (the whole file opens in the system viewer).
PREVIEW_ROWS = 500
PREVIEW_COLUMNS = 60
PREVIEW_SHEETS = 30


# -- spreadsheets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetPreview:
    name: str
    rows: tuple[tuple[Any, ...], ...]
    columns: int
    truncated: bool  # more rows or columns exist than are shown


def read_xlsx_preview(
    path: Path,
    *,
    max_rows: int = PREVIEW_ROWS,
    max_columns: int = PREVIEW_COLUMNS,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[SheetPreview]:
    """The first rows of every sheet, read with openpyxl in read-only mode (runs in a worker)."""
    from openpyxl import load_workbook

    # A file object, not the path: the store names files by hash, and openpyxl refuses names without
    # an Excel suffix.
    handle = path.open("rb")
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except BaseException:
        handle.close()
        raise
    try:
        sheets: list[SheetPreview] = []
        names = workbook.sheetnames[:PREVIEW_SHEETS]
        for position, name in enumerate(names):
            check_cancel(cancel)
            if progress is not None:
                progress(position, len(names), name)
            sheet = workbook[name]
            rows: list[tuple[Any, ...]] = []
            truncated = False
            width = 0
            for row in sheet.iter_rows(values_only=True):
                if len(rows) >= max_rows:
                    truncated = True
                    break
                if len(row) > max_columns:
                    truncated = True
                cells = tuple(row[:max_columns])
                width = max(width, len(cells))
                rows.append(cells)
            # Trailing empty rows and columns are noise in a preview.
            while rows and all(c is None for c in rows[-1]):
                rows.pop()
            while width and all(len(r) < width or r[width - 1] is None for r in rows):
                width -= 1
            sheets.append(SheetPreview(name, tuple(rows), width, truncated))
        return sheets
    finally:
        workbook.close()
        handle.close()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SheetRole(IntEnum):
    RAW_VALUE = Qt.ItemDataRole.UserRole + 1


class SheetTableModel(QAbstractTableModel):
    """One sheet's preview rows, read-only, Excel-style headers (A, B, C … / 1, 2, 3 …)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sheet: SheetPreview | None = None

    def set_sheet(self, sheet: SheetPreview | None) -> None:
        self.beginResetModel()
        self._sheet = sheet
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() or self._sheet is None else len(self._sheet.rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() or self._sheet is None else self._sheet.columns

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names[int(SheetRole.RAW_VALUE)] = QByteArray(b"raw_value")
        return names

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or section < 0:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _column_letter(section)
        return str(section + 1)

    def _value(self, index: ModelIndex) -> Any:
        assert self._sheet is not None
        row = self._sheet.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._sheet is None:
            return None
        if not (0 <= index.row() < len(self._sheet.rows) and 0 <= index.column() < self._sheet.columns):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _cell_text(self._value(index))
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 20 else None
        if role == SheetRole.RAW_VALUE:
            value = self._value(index)
            return value if isinstance(value, (str, int, float, bool)) else _cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(self._value(index), (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class XlsxPreview(QWidget):
    """Sheet chooser plus a read-only table; the rows are read in a background worker."""

    loaded = Signal(int)  # number of sheets

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sheets: list[SheetPreview] = []
        self._task: BackgroundTask | None = None
        self.sheet_combo = QComboBox()
        self.sheet_combo.setToolTip(self.tr("选择工作表"))
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_combo.setMinimumContentsLength(6)
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet_combo_current_index_changed)
        self.note = QLabel()
        self.note.setObjectName("previewNote")
        self.model = SheetTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.verticalHeader().setDefaultSectionSize(24)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("工作表：")))
        top.addWidget(self.sheet_combo)
        top.addStretch(1)
        top.addWidget(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def load(self, path: Path) -> BackgroundTask:
        if self._task is not None and self._task.running:
            self._task.cancel()
        self._sheets = []
        self.sheet_combo.clear()
        self.model.set_sheet(None)
        self.note.setText(self.tr("正在读取…"))
        self._task = run_read(
            self,
            lambda progress, cancel: read_xlsx_preview(path, progress=progress, cancel=cancel),
            title=self.tr("读取表格"),
            on_done=self._on_read_done,
            on_error=self._on_read_failed,
            show_progress=False,
        )
        return self._task

    def _on_read_done(self, sheets: list[SheetPreview]) -> None:
        self._sheets = sheets
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems([s.name for s in sheets])
        self.sheet_combo.blockSignals(False)
        self._show_sheet(0)
        self.loaded.emit(len(sheets))

    def _on_read_failed(self, error: BaseException) -> None:
        self.note.setText(self.tr("无法读取：{error}").format(error=error))

    def _on_sheet_combo_current_index_changed(self, index: int) -> None:
        self._show_sheet(index)

    def _show_sheet(self, index: int) -> None:
        sheet = self._sheets[index] if 0 <= index < len(self._sheets) else None
        self.model.set_sheet(sheet)
        if sheet is None:
            self.note.setText("")
        elif sheet.truncated:
            self.note.setText(
                self.tr("仅显示前 {rows} 行、{cols} 列").format(rows=PREVIEW_ROWS, cols=PREVIEW_COLUMNS)
            )
        else:
            self.note.setText(self.tr("共 {rows} 行").format(rows=len(sheet.rows)))

    @property
    def sheets(self) -> list[SheetPreview]:
        return list(self._sheets)


# -- PDF ------------------------------------------------------------------------------------------


class PdfPreview(QWidget):
    """QPdfView with page navigation and zoom."""

    ZOOM_STEPS: Sequence[float] = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)

        self.previous_button = self._tool_button(
            "◀", self.tr("上一页 (PgUp)"), QKeySequence.StandardKey.MoveToPreviousPage
        )
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button = self._tool_button(
            "▶", self.tr("下一页 (PgDown)"), QKeySequence.StandardKey.MoveToNextPage
        )
        self.next_button.clicked.connect(self.next_page)
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_spin.setToolTip(self.tr("页码"))
        self.page_spin.valueChanged.connect(self._on_page_spin_value_changed)
        self.page_count_label = QLabel()
        self.zoom_out_button = self._tool_button(
            "－", self.tr("缩小 (Ctrl+-)"), QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = self._tool_button(
            "＋", self.tr("放大 (Ctrl++)"), QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_width_button = self._tool_button(self.tr("适合宽度"), self.tr("页面宽度适合窗口"))
        self.fit_width_button.setCheckable(True)
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = self._tool_button(self.tr("整页"), self.tr("整页显示"))
        self.fit_page_button.setCheckable(True)
        self.fit_page_button.clicked.connect(self.fit_page)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(40)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        bar.addWidget(self.previous_button)
        bar.addWidget(QLabel(self.tr("第")))
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_width_button)
        bar.addWidget(self.fit_page_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._on_navigator_current_page_changed)
        self.view.zoomFactorChanged.connect(self._on_view_zoom_factor_changed)
        self.view.zoomModeChanged.connect(self._on_view_zoom_mode_changed)
        self._update_controls()

    def _tool_button(
        self, text: str, tip: str, shortcut: QKeySequence.StandardKey | None = None
    ) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        if shortcut is not None:
            button.setShortcut(QKeySequence(shortcut))
        return button

    # -- loading ----------------------------------------------------------------------------------
    def load(self, path: Path) -> QPdfDocument.Error:
        self.document.close()
        error = self.document.load(str(path))
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, self.document.pageCount()))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_controls()
        return error

    def clear(self) -> None:
        self.document.close()
        self._update_controls()

    # -- navigation -------------------------------------------------------------------------------
    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        """Jump to ``page`` (0-based), clamped to the document."""
        count = self.document.pageCount()
        if count == 0:
            return
        page = max(0, min(page, count - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def _on_page_spin_value_changed(self, value: int) -> None:
        if value - 1 != self.current_page:
            self.go_to_page(value - 1)

    def _on_navigator_current_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._update_controls()

    # -- zoom ---------------------------------------------------------------------------------------
    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def zoom_in(self) -> None:
        current = self.view.zoomFactor()
        self._set_zoom(next((z for z in self.ZOOM_STEPS if z > current + 0.01), self.ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self.view.zoomFactor()
        self._set_zoom(next((z for z in reversed(self.ZOOM_STEPS) if z < current - 0.01), self.ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _on_view_zoom_factor_changed(self, factor: float) -> None:
        self._update_controls()

    def _on_view_zoom_mode_changed(self, mode: QPdfView.ZoomMode) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        count = self.document.pageCount()
        page = self.current_page
        self.page_count_label.setText(self.tr("页，共 {count} 页").format(count=count))
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(count > 0 and page < count - 1)
        self.page_spin.setEnabled(count > 1)
        mode = self.view.zoomMode()
        self.fit_width_button.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_button.setChecked(mode == QPdfView.ZoomMode.FitInView)
        custom = mode == QPdfView.ZoomMode.Custom
        self.zoom_label.setText(f"{self.view.zoomFactor():.0%}" if custom else "")


# -- the panel ------------------------------------------------------------------------------------


class PreviewPanel(QStackedWidget):
    """Placeholder, PDF or spreadsheet preview, or why the file cannot be shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = QLabel(self.tr("在资料列表中选择一份资料，即可在此预览"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("placeholder")
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.pdf = PdfPreview()
        self.xlsx = XlsxPreview()
        for widget in (self.placeholder, self.pdf, self.xlsx, self.message):
            self.addWidget(widget)
        self.current_path: Path | None = None

    def show_file(self, path: Path, kind: str) -> None:
        self.current_path = path
        if not path.is_file():
            self.show_message(self.tr("找不到资料文件：{path}").format(path=path))
            return
        if kind == "pdf":
            error = self.pdf.load(path)
            if error != QPdfDocument.Error.None_:
                self.show_message(
                    self.tr("无法显示此 PDF（{error}），可用系统程序打开。").format(error=error.name)
                )
                return
            self.setCurrentWidget(self.pdf)
        elif kind == "xlsx":
            self.xlsx.load(path)
            self.setCurrentWidget(self.xlsx)
        else:
            self.show_message(self.tr("此类文件不能预览"))

    def show_message(self, text: str) -> None:
        self.pdf.clear()
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def clear(self) -> None:
        self.current_path = None
        self.pdf.clear()
        self.setCurrentWidget(self.placeholder)
