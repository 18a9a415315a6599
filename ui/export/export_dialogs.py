"""Export dialogs: 自评报告 (PDF, DOCX), workbook, evidence bundle (volumes, per unit), folder archive.

Each runs in the background with a progress bar and Cancel (a cancelled export leaves no file) and ends
with "open the file" / "show in folder". The PDF report can be previewed in the app's PDF view first;
the preview is rendered from a read-only view of the project, so only the real export is logged.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.export.dispatch import BundleScope, ExportKind, ExportOptions, render_report_preview, run_export
from app.project.folder import EXPORTS_DIR, Project
from ui.common import settings
from ui.common.background import BackgroundTask, run_read, run_write
from ui.common.dialog_parts import InlineProgress, open_path, reveal_path
from ui.common.state import ProjectState
from ui.evidence.preview import PdfPreview


@dataclass(frozen=True)
class ExportSpec:
    title: str
    file_name: str  # {county} is filled in
    file_filter: str
    description: str


def _plan_spec(kind: ExportKind) -> ExportSpec:
    """A plan project's exports (a task list: progress, no scores, tasks instead of indicators)."""
    tr = QCoreApplication.translate
    if kind is ExportKind.REPORT_PDF:
        return ExportSpec(
            tr("ExportDialog", "导出任务进度报告（PDF）"),
            "{county}任务清单落实进度报告.pdf",
            tr("ExportDialog", "PDF 文件 (*.pdf)"),
            tr("ExportDialog", "各项任务的完成时限、进度和印证资料，按牵头单位统计，列出逾期任务；不打分。"),
        )
    if kind is ExportKind.REPORT_DOCX:
        return ExportSpec(
            tr("ExportDialog", "导出任务进度报告（Word）"),
            "{county}任务清单落实进度报告.docx",
            tr("ExportDialog", "Word 文档 (*.docx)"),
            tr("ExportDialog", "可编辑的任务进度报告，便于修改文字后印发。"),
        )
    if kind is ExportKind.WORKBOOK:
        return ExportSpec(
            tr("ExportDialog", "导出任务进度表（Excel）"),
            "{county}任务进度表.xlsx",
            tr("ExportDialog", "Excel 工作簿 (*.xlsx)"),
            tr("ExportDialog", "每项任务的编号、责任单位、完成时限、进度和印证资料。"),
        )
    if kind is ExportKind.BUNDLE:
        return ExportSpec(
            tr("ExportDialog", "导出印证资料汇编（PDF）"),
            "{county}印证资料汇编.pdf",
            tr("ExportDialog", "PDF 文件 (*.pdf)"),
            tr("ExportDialog", "全部 PDF 资料按任务顺序合成带书签的汇编，可分卷、可按单位分册。"),
        )
    return ExportSpec(
        tr("ExportDialog", "导出资料文件夹（ZIP）"),
        "{county}印证资料（按任务分文件夹）.zip",
        tr("ExportDialog", "ZIP 压缩包 (*.zip)"),
        tr("ExportDialog", "每项任务一个文件夹，保留原文件名，附 hashes.txt 校验清单。"),
    )


def export_spec(kind: ExportKind, *, plan: bool = False) -> ExportSpec:
    """What the dialog says about ``kind`` (translated; the file name stays as it is); ``plan``: in a
    plan project (a task list)."""
    if plan:
        return _plan_spec(kind)
    if kind is ExportKind.REPORT_PDF:
        return ExportSpec(
            QCoreApplication.translate("ExportDialog", "导出自评报告（PDF）"),
            "{county}法治政府建设示范创建自评报告.pdf",
            QCoreApplication.translate("ExportDialog", "PDF 文件 (*.pdf)"),
            QCoreApplication.translate(
                "ExportDialog",
                "可打印的总体自评报告：得分、各项评定及意见、附加项、资料目录，并注明所用评分方案。",
            ),
        )
    if kind is ExportKind.REPORT_DOCX:
        return ExportSpec(
            QCoreApplication.translate("ExportDialog", "导出自评报告（Word）"),
            "{county}法治政府建设示范创建自评报告.docx",
            QCoreApplication.translate("ExportDialog", "Word 文档 (*.docx)"),
            QCoreApplication.translate("ExportDialog", "可编辑的自评报告，便于修改文字后印发。"),
        )
    if kind is ExportKind.WORKBOOK:
        return ExportSpec(
            QCoreApplication.translate("ExportDialog", "导出任务分解与打分表（Excel）"),
            "{county}任务分解与自评打分表.xlsx",
            QCoreApplication.translate("ExportDialog", "Excel 工作簿 (*.xlsx)"),
            QCoreApplication.translate(
                "ExportDialog", "任务分解进度、自评打分表、资料清单和自查问题，各占一个工作表。"
            ),
        )
    if kind is ExportKind.BUNDLE:
        return ExportSpec(
            QCoreApplication.translate("ExportDialog", "导出印证资料汇编（PDF）"),
            "{county}印证资料汇编.pdf",
            QCoreApplication.translate("ExportDialog", "PDF 文件 (*.pdf)"),
            QCoreApplication.translate(
                "ExportDialog", "全部 PDF 资料按指标顺序合成带书签的汇编，可分卷、可按单位分册。"
            ),
        )
    assert kind is ExportKind.FOLDER_ZIP
    return ExportSpec(
        QCoreApplication.translate("ExportDialog", "导出资料文件夹（ZIP）"),
        "{county}印证资料（按指标分文件夹）.zip",
        QCoreApplication.translate("ExportDialog", "ZIP 压缩包 (*.zip)"),
        QCoreApplication.translate(
            "ExportDialog", "每项指标一个文件夹，保留原文件名，附 hashes.txt 校验清单。"
        ),
    )


_LAST_DIR_KEY = "export/last_dir"


@dataclass(frozen=True)
class ExportRequest:
    kind: ExportKind
    out: Path  # a file, or a folder for bundles per unit
    options: ExportOptions = field(default_factory=ExportOptions)

    @property
    def scope(self) -> BundleScope:
        return self.options.scope


class ExportDialog(QDialog):
    """One export: where to, options, progress with Cancel, then open the file or its folder."""

    #: The export finished (carries the list of files written).
    exported = Signal(object)
    #: The report preview is on screen.
    previewed = Signal(object)

    def __init__(self, state: ProjectState, kind: ExportKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ExportKind(kind)
        catalog = state.catalog
        self.spec = export_spec(self.kind, plan=catalog is not None and catalog.is_plan)
        self.state = state
        project = state.require_project()
        self.setObjectName(f"exportDialog_{self.kind.value}")
        self.setWindowTitle(self.spec.title)
        self.last_task: BackgroundTask | None = None
        self.outputs: list[Path] = []
        self._preview_dir: Path | None = None
        self.preview_file: Path | None = None

        description = QLabel(self.spec.description)
        description.setWordWrap(True)
        self.path_edit = QLineEdit(str(self.default_path(project)))
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setMinimumWidth(280)
        self.path_edit.textChanged.connect(self.path_edit.setToolTip)
        self.path_edit.setToolTip(self.path_edit.text())
        self.browse_button = QPushButton(self.tr("浏览…"))
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        self.path_caption = QLabel(self.tr("保存到："))
        form.addRow(self.path_caption, path_row)

        self.options = QWidget()
        self.options.hide()
        if self.kind == ExportKind.BUNDLE:
            self._build_bundle_options()

        self.progress = InlineProgress()
        self.result_label = QLabel()
        self.result_label.setObjectName("exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("打开文件"))
        self.open_button.setObjectName("openExported")
        self.open_button.clicked.connect(self.open_output)
        self.reveal_button = QPushButton(self.tr("在文件夹中显示"))
        self.reveal_button.setObjectName("revealExported")
        self.reveal_button.clicked.connect(self.reveal_output)
        done_row = QHBoxLayout()
        done_row.addWidget(self.result_label, 1)
        done_row.addWidget(self.open_button)
        done_row.addWidget(self.reveal_button)
        self.open_button.hide()
        self.reveal_button.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.export_button = self.buttons.addButton(self.tr("导出"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("runExport")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.preview_button: QPushButton | None = None
        self.pdf_view: PdfPreview | None = None
        if self.kind == ExportKind.REPORT_PDF:
            self.preview_button = self.buttons.addButton(
                self.tr("预览"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.preview_button.setObjectName("previewReport")
            self.preview_button.setToolTip(self.tr("先在窗口中查看报告，再决定保存"))
            self.preview_button.clicked.connect(self.preview)
            self.pdf_view = PdfPreview()
            self.pdf_view.setObjectName("reportPreview")
            self.pdf_view.hide()

        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(description)
        layout.addLayout(form)
        layout.addWidget(self.options)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addLayout(done_row)
        layout.addWidget(self.buttons)
        outer = QVBoxLayout(self)
        if self.pdf_view is not None:
            self.splitter = QSplitter(Qt.Orientation.Horizontal)
            self.splitter.addWidget(side)
            self.splitter.addWidget(self.pdf_view)
            self.splitter.setStretchFactor(1, 2)
            outer.addWidget(self.splitter)
        else:
            outer.addWidget(side)
        # As tall as the content: a fixed 320 px left a gap above the buttons of the short dialogs.
        self.resize(620, self.sizeHint().height())

    # -- options -----------------------------------------------------------------------------------
    def _build_bundle_options(self) -> None:
        box = QGroupBox(self.tr("范围"))
        self.scope_all = QRadioButton(self.tr("全部资料合成一册"))
        self.scope_per_unit = QRadioButton(self.tr("每个单位一册（保存到一个文件夹）"))
        self.scope_one = QRadioButton(self.tr("只含一个单位："))
        self.scope_all.setChecked(True)
        self.scope_group = QButtonGroup(self)
        for button in (self.scope_all, self.scope_per_unit, self.scope_one):
            self.scope_group.addButton(button)
            button.toggled.connect(self._on_scope_toggled)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("bundleUnit")
        for unit in self.state.units:
            if not unit.collective and unit.indicators:
                self.unit_combo.addItem(unit.name, unit.name)
        self.unit_combo.setEnabled(False)
        one = QHBoxLayout()
        one.addWidget(self.scope_one)
        one.addWidget(self.unit_combo, 1)
        scope = QVBoxLayout(box)
        scope.addWidget(self.scope_all)
        scope.addWidget(self.scope_per_unit)
        scope.addLayout(one)
        self.volume_check = QCheckBox(self.tr("分卷，每卷不超过"))
        self.volume_spin = QSpinBox()
        self.volume_spin.setObjectName("volumeSize")
        self.volume_spin.setRange(5, 4000)
        self.volume_spin.setValue(200)
        self.volume_spin.setSuffix(" MB")
        self.volume_spin.setEnabled(False)
        self.volume_check.toggled.connect(self.volume_spin.setEnabled)
        volume = QHBoxLayout()
        volume.addWidget(self.volume_check)
        volume.addWidget(self.volume_spin)
        volume.addStretch(1)
        self.stamp_check = QCheckBox(self.tr("每页加印汇编页码"))
        self.stamp_check.setChecked(True)
        layout = QVBoxLayout(self.options)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addLayout(volume)
        layout.addWidget(self.stamp_check)
        self.options.show()

    def _on_scope_toggled(self, checked: bool) -> None:
        if not checked:
            return
        self.unit_combo.setEnabled(self.scope_one.isChecked())
        project = self.state.project
        if project is None:
            return
        current = Path(self.path_edit.text())
        if self.scope_per_unit.isChecked():
            self.path_caption.setText(self.tr("保存到文件夹："))
            if current.suffix:
                self.path_edit.setText(str(current.parent / self.tr("印证资料汇编（按单位）")))
            self.stamp_check.setEnabled(False)
        else:
            self.path_caption.setText(self.tr("保存到："))
            if not current.suffix:
                self.path_edit.setText(str(self.default_path(project)))
            self.stamp_check.setEnabled(True)

    # -- paths -------------------------------------------------------------------------------------
    def default_path(self, project: Project) -> Path:

        remembered = settings.value(_LAST_DIR_KEY)
        folder = (
            Path(str(remembered))
            if remembered and Path(str(remembered)).is_dir()
            else project.folder / EXPORTS_DIR
        )
        return folder / self.spec.file_name.format(county=project.info.county)

    def request(self) -> ExportRequest:
        out = Path(self.path_edit.text().strip()).expanduser()
        if self.kind != ExportKind.BUNDLE:
            if out.suffix.lower() != self.kind.suffix:
                out = out.with_name(out.name + self.kind.suffix)
            return ExportRequest(self.kind, out)
        if self.scope_per_unit.isChecked():
            scope = BundleScope.PER_UNIT
        elif self.scope_one.isChecked():
            scope = BundleScope.ONE_UNIT
        else:
            scope = BundleScope.ALL
        if scope != BundleScope.PER_UNIT and out.suffix.lower() != self.kind.suffix:
            out = out.with_name(out.name + self.kind.suffix)
        volume = self.volume_spin.value() * 1024 * 1024 if self.volume_check.isChecked() else None
        unit = str(self.unit_combo.currentData()) if scope == BundleScope.ONE_UNIT else None
        return ExportRequest(
            self.kind, out, ExportOptions(scope, unit, volume, stamp_pages=self.stamp_check.isChecked())
        )

    def _on_browse_button_clicked(self) -> None:
        current = self.path_edit.text()
        if self.kind == ExportKind.BUNDLE and self.scope_per_unit.isChecked():
            name = QFileDialog.getExistingDirectory(self, self.tr("选择文件夹"), current)
        else:
            name, _ = QFileDialog.getSaveFileName(self, self.spec.title, current, self.spec.file_filter)
        if name:
            self.path_edit.setText(name)

    # -- running -----------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        if self.preview_button is not None:
            self.preview_button.setEnabled(not busy)
        self.path_edit.setEnabled(not busy)
        self.browse_button.setEnabled(not busy)
        self.options.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not busy)

    def start(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None:
            return None
        request = self.request()
        target_dir = request.out if request.scope == BundleScope.PER_UNIT else request.out.parent
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.result_label.setText(
                self.tr("无法创建文件夹 {folder}：{error}").format(folder=target_dir, error=error)
            )
            return None
        settings.save_value(_LAST_DIR_KEY, str(request.out.parent))
        self.outputs = []
        self.open_button.hide()
        self.reveal_button.hide()
        self.result_label.clear()

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[Path]:
            return run_export(
                project, request.kind, request.out, options=request.options, progress=progress, cancel=cancel
            )

        def done(paths: list[Path]) -> None:
            self.outputs = list(paths)
            self._show_outputs(request)
            # Nothing in the project changed but its log: the audit view reloads.
            self.state.apply(ProjectChange())
            self.exported.emit(list(paths))

        def cancelled() -> None:
            self.result_label.setText(self.tr("已取消导出，没有留下文件。"))

        def failed(error: BaseException) -> None:

            text = str(error) if isinstance(error, FazhiError) else f"{type(error).__name__}: {error}"
            self.result_label.setText(self.tr("导出失败：{error}").format(error=text))
            self.result_label.setStyleSheet("color: #d93025;")

        self.result_label.setStyleSheet("")
        self._busy(True)
        task = run_write(
            self,
            work,
            title=self.spec.title,
            on_done=done,
            on_cancelled=cancelled,
            on_error=failed,
            show_progress=False,
        )
        task.finished.connect(lambda: self._busy(False))
        self.progress.track(task, self.tr("正在导出……"))
        self.last_task = task
        return task

    def _show_outputs(self, request: ExportRequest) -> None:
        paths = self.outputs
        if not paths:
            self.result_label.setText(self.tr("没有可导出的内容（例如还没有 PDF 资料）。"))
            return
        if len(paths) == 1:
            text = self.tr("已导出：{path}").format(path=paths[0])
        else:
            folder = paths[0].parent
            text = self.tr("已导出 {n} 个文件到 {folder}：{names}").format(
                n=len(paths),
                folder=folder,
                names="、".join(p.name for p in paths[:6]) + ("…" if len(paths) > 6 else ""),
            )
        self.result_label.setText(text)
        self.open_button.setVisible(len(paths) == 1)
        self.reveal_button.show()

    def open_output(self) -> bool:
        return bool(self.outputs) and open_path(self.outputs[0])

    def reveal_output(self) -> bool:
        return bool(self.outputs) and reveal_path(self.outputs[0])

    # -- preview -----------------------------------------------------------------------------------
    def preview(self) -> BackgroundTask | None:
        project = self.state.project
        if project is None or self.pdf_view is None:
            return None
        if self._preview_dir is None:
            self._preview_dir = Path(tempfile.mkdtemp(prefix="fazhi-preview-"))
        out = self._preview_dir / "自评报告预览.pdf"
        folder = project.folder

        def work(progress: ProgressCallback, cancel: CancelToken) -> Path:
            return render_report_preview(folder, out, progress, cancel)

        def done(path: Path) -> None:
            assert self.pdf_view is not None
            self.preview_file = path
            error = self.pdf_view.load(path)
            if error != QPdfDocument.Error.None_:
                self.result_label.setText(self.tr("无法显示预览（{error}）").format(error=error.name))
                return
            if not self.pdf_view.isVisible():
                self.pdf_view.show()
                size = QSize(max(self.width(), 1180), max(self.height(), 760))
                screen = self.screen()
                if screen is not None:  # 760 px ran off a 1280×720 screen
                    room = screen.availableGeometry().size() - QSize(40, 60)
                    size = size.boundedTo(room)
                self.resize(size)
                # The options keep their width; the preview takes the rest.
                self.splitter.setSizes([420, max(self.width() - 440, 400)])
            self.result_label.setText(
                self.tr("预览共 {n} 页。确认无误后点“导出”保存。").format(
                    n=self.pdf_view.document.pageCount()
                )
            )
            self.previewed.emit(path)

        self._busy(True)
        task = run_read(self, work, title=self.tr("生成预览"), on_done=done, show_progress=False)
        task.finished.connect(lambda: self._busy(False))
        self.progress.track(task, self.tr("正在生成预览……"))
        self.last_task = task
        return task

    # -- closing -----------------------------------------------------------------------------------
    def reject(self) -> None:
        if self.last_task is not None and self.last_task.running:
            self.last_task.cancel()
            return
        self._cleanup()
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.last_task is not None and self.last_task.running:
            self.last_task.cancel()
            event.ignore()
            return
        self._cleanup()
        super().closeEvent(event)

    def _cleanup(self) -> None:
        if self.pdf_view is not None:
            self.pdf_view.clear()
        if self._preview_dir is not None:
            shutil.rmtree(self._preview_dir, ignore_errors=True)
            self._preview_dir = None


def export_kinds() -> Sequence[ExportKind]:
    return tuple(ExportKind)
