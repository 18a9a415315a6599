"""Evidence handling for the window: the list of the shown indicator, preview, attach, withdraw, drops,
and OCR of scans and photos (the selected file, or every file with pages not read yet)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QTreeView, QWidget

from app.base.changes import ProjectChange
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.base.text import display_safe
from app.evidence.attach import attach, evidence_pdf, get_evidence, list_evidence, withdraw
from app.evidence.recognize import OcrResult, ocr_evidence
from app.status.workspace import project_progress
from app.units.registry import list_units
from ui.catalog.catalog_model import CatalogRole
from ui.catalog.indicator_panel import IndicatorPanel
from ui.common.background import BackgroundTask, run_read, run_write, show_error
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

_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


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


def local_files(urls: Iterable[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]


class EvidenceController(QObject):
    """Connects the indicator panel and the preview to the core's evidence functions.

    ``owner`` parents the dialogs and takes file drops (anywhere: the shown indicator); ``tree`` takes
    drops on a row (that indicator). ``select`` moves the window to an indicator, ``message`` shows a
    line in the status bar.
    """

    #: The evidence list of the shown indicator was (re)loaded.
    loaded = Signal(int)
    #: A background task started (the window keeps the last one for tests and for closing).
    task_started = Signal(object)
    #: The enabled state of the evidence actions may have changed.
    actions_changed = Signal()
    #: An OCR run ended (finished or cancelled) and its text is stored; carries the ``OcrResult``.
    ocr_finished = Signal(object)

    def __init__(
        self,
        state: ProjectState,
        panel: IndicatorPanel,
        preview: PreviewPanel,
        owner: QWidget,
        *,
        tree: QTreeView,
        select: Callable[[int], bool],
        message: Callable[[str, int], None],
    ) -> None:
        super().__init__(owner)
        self.state = state
        self.panel = panel
        self.preview = preview
        self.owner = owner
        self.tree = tree
        self.select = select
        self.message = message
        self.last_task: BackgroundTask | None = None
        self.attach_dialog: AttachDialog | None = None
        self.refused_dialog: RefusedFilesDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self._generation = 0
        self._open_copies: Path | None = None  # made on first use: copies opened in the system viewer
        panel.evidence_selected.connect(self._on_panel_evidence_selected)
        panel.evidence_activated.connect(self.open_externally)
        panel.attach_requested.connect(self.choose_files_to_attach)
        panel.withdraw_requested.connect(self.withdraw_selected)
        panel.open_requested.connect(self.open_selected_externally)
        owner.setAcceptDrops(True)
        owner.installEventFilter(self)
        tree.setAcceptDrops(True)
        tree.viewport().setAcceptDrops(True)
        tree.viewport().installEventFilter(self)

    def _started(self, task: BackgroundTask) -> BackgroundTask:
        self.last_task = task
        self.task_started.emit(task)
        return task

    # -- the list ----------------------------------------------------------------------------------
    def show_rows(self, number: int, rows: list[EvidenceRow]) -> None:
        """Show rows read elsewhere (the first indicator's come with the project)."""
        self._generation += 1
        self.panel.set_evidence(rows)
        self.loaded.emit(number)

    def load(self, number: int, *, select_id: int | None = None) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None
        self._generation += 1
        generation = self._generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[EvidenceRow]:
            return [evidence_row(r) for r in list_evidence(project, indicator=number)]

        def done(rows: list[EvidenceRow]) -> None:
            # A newer request (the user moved on) wins; stale answers are dropped.
            if generation == self._generation and self.panel.number == number:
                self.panel.set_evidence(rows, select_id=select_id)
                self.actions_changed.emit()
                self.loaded.emit(number)

        return run_read(self.owner, work, title=self.tr("读取资料"), on_done=done, show_progress=False)

    def _on_panel_evidence_selected(self, row: EvidenceRow | None) -> None:
        self.actions_changed.emit()
        if row is None:
            self.preview.clear()
            return
        self.show_preview(row)

    def _stored_file(self, row: EvidenceRow) -> Path | None:
        project = self.state.project
        if project is None:
            return None
        return evidence_pdf(project, row.sha256, name=row.filename)

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
            show_error(self.owner, self.tr("打开原文件"), exc)
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
                self.owner,
                self.tr("打开原文件"),
                FazhiError(
                    self.tr("系统中没有可以打开此文件的程序：{name}").format(name=display_safe(row.filename))
                ),
            )
        return copy

    def remove_copies(self) -> None:
        if self._open_copies is not None:
            shutil.rmtree(self._open_copies, ignore_errors=True)
            self._open_copies = None

    # -- attaching -------------------------------------------------------------------------------------
    def choose_files_to_attach(self) -> None:
        if self.panel.number is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self.owner, self.tr("选择资料文件"), "", evidence_file_filter()
        )
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
            self.message(self.tr("请先在左侧选择要添加资料的指标"), 5000)
            return None
        if number != self.panel.number:
            self.select(number)
        dialog = AttachDialog(
            snapshot.catalog,
            snapshot.units,
            number,
            files,
            own_unit=snapshot.info.unit if snapshot.is_unit_workspace else None,
            parent=self.owner,
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
                ocr=request.ocr,
            )
            # Fresh numbers for what changed, computed here so the UI thread only paints.
            return result, project_progress(project, request.indicators), list_units(project)

        task = run_write(
            self.owner,
            work,
            title=self.tr("正在添加资料"),
            on_done=lambda outcome: self._on_attach_done(request, outcome),
            on_cancelled=self._on_attach_cancelled,
        )
        return self._started(task)

    def _on_attach_done(self, request: AttachRequest, outcome: Any) -> None:
        result, progress, units = outcome
        ids = [record.id for record in result.attached]
        change = ProjectChange.of(indicators=request.indicators, units=[request.unit], evidence_ids=ids)
        self.state.apply(change, progress, units)
        if result.attached:
            self.message(self.tr("已添加 {n} 个文件").format(n=len(result.attached)), 8000)
        if result.refused:
            self.refused_dialog = RefusedFilesDialog(result.refused, len(result.attached), self.owner)
            self.refused_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.refused_dialog.open()

    def _on_attach_cancelled(self) -> None:
        self.message(self.tr("已取消添加，未做任何更改"), 8000)

    # -- OCR -----------------------------------------------------------------------------------------
    def recognize_selected(self) -> BackgroundTask | None:
        """识别文字（OCR）: the selected evidence's pages without text."""
        row = self.panel.selected_evidence()
        if row is None or self.state.project is None:
            return None
        return self.start_ocr(row.evidence_id)

    def recognize_all(self) -> BackgroundTask | None:
        """识别全部无文字资料: every active evidence file's pages not read yet."""
        if self.state.project is None:
            return None
        return self.start_ocr(None)

    def start_ocr(self, evidence_id: int | None) -> BackgroundTask:
        project = self.state.require_project()

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:
            result = ocr_evidence(project, evidence_id=evidence_id, progress=progress, cancel=cancel)
            # The indicators whose lists show these files (their 文号/日期 may have been filled).
            indicators = sorted(
                {n for f in result.files for n in get_evidence(project, f.evidence_id).indicators}
            )
            return result, indicators

        task = run_write(
            self.owner,
            work,
            title=self.tr("正在识别文字（OCR）"),
            on_done=self._on_ocr_done,
        )
        return self._started(task)

    def _on_ocr_done(self, outcome: Any) -> None:
        result, indicators = outcome
        assert isinstance(result, OcrResult)
        ids = [f.evidence_id for f in result.files if f.pages]
        if ids:
            self.state.apply(ProjectChange.of(indicators=indicators, evidence_ids=ids))
        if result.cancelled:
            text = self.tr("已取消文字识别；已识别的 {files} 个文件已保存").format(files=len(ids))
        elif not result.files:
            text = self.tr("没有需要识别的页面（都有文字或已识别过）")
        else:
            text = self.tr("文字识别完成：识别 {pages} 页，其中 {found} 页识别出文字，可全文搜索").format(
                pages=result.pages_read, found=result.pages_found
            )
        self.message(text, 10000)
        self.ocr_finished.emit(result)

    # -- withdrawing ---------------------------------------------------------------------------------
    def withdraw_selected(self) -> WithdrawDialog | None:
        row = self.panel.selected_evidence()
        if row is None:
            return None
        dialog = WithdrawDialog(row, self.owner)
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
            self.message(self.tr("已撤回 {name}").format(name=display_safe(record.filename)), 8000)

        task = run_write(self.owner, work, title=self.tr("正在撤回资料"), on_done=done, cancellable=False)
        return self._started(task)

    # -- drag and drop -------------------------------------------------------------------------------
    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return self.state.project is not None and mime.hasUrls() and bool(local_files(mime.urls()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dropped on a tree row go to that indicator; anywhere else, to the shown one."""
        if event.type() not in _DRAG_EVENTS or watched not in (self.owner, self.tree.viewport()):
            return super().eventFilter(watched, event)
        assert isinstance(event, (QDragEnterEvent, QDragMoveEvent, QDropEvent))
        if not self._accepts(event):
            event.ignore()
            return True
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            number: int | None = None
            if watched is self.tree.viewport():
                index = self.tree.indexAt(event.position().toPoint())
                value = index.data(CatalogRole.NUMBER) if index.isValid() else None
                number = int(value) if value else None
            self.attach_files(local_files(event.mimeData().urls()), number)
        return True
