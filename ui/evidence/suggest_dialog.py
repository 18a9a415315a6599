"""添加资料 › 按文件夹智能归档: a folder of files, an indicator proposed for each, confirmed, attached.

Three steps in one dialog: pick a folder (and the unit), the core reads every file and proposes
indicators (``app.evidence.finding.propose_for_folder``, the same as ``fazhi attach --suggest``) in a
worker with progress and cancel; the clerk confirms or changes each file's indicator in the table (the
top suggestions first in each combo, 不归档 to leave a file out); 添加 attaches the confirmed files in a
write worker (``file_confirmed``), then the dialog lists what was added and every refused file with
its reason. With 识别扫描件文字（OCR） checked, scans and photos are read by the OCR before proposing
(``fazhi attach --suggest --ocr``); the dialog's ``OcrTexts`` keeps what was read, so filing them
indexes that text without reading them again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.evidence.finding import FilingResult, FolderProposal, file_confirmed, propose_for_folder
from app.evidence.formats import ocr_installed
from app.evidence.ocr_texts import OcrTexts
from app.status.workspace import project_progress
from app.units.registry import list_units
from ui.common.background import BackgroundTask, run_read, run_write
from ui.common.formatting import item_heading
from ui.common.state import ProjectState
from ui.evidence.suggest_models import ChoiceDelegate, FilingColumn, FilingTableModel


class SuggestFilingDialog(QDialog):
    """Non-modal, so the clerk can look things up in the window while deciding."""

    #: The proposals for the folder are shown (carries the number of files).
    proposed = Signal(int)
    #: The confirmed files were attached (carries the ``FilingResult``).
    filed = Signal(object)

    def __init__(
        self, state: ProjectState, parent: QWidget | None = None, *, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestFilingDialog")
        self.setWindowTitle(self.tr("按文件夹智能归档"))
        self.state = state
        self.proposal: FolderProposal | None = None
        self.filing_result: FilingResult | None = None
        self.last_task: BackgroundTask | None = None
        self._filing_task: BackgroundTask | None = None
        self._analysis_task: BackgroundTask | None = None
        # What the OCR read in this dialog's folders, by content: filing reuses it (read once).
        self.ocr_texts = OcrTexts()
        self._proposed_with_ocr = False

        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("filingFolder")
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setPlaceholderText(self.tr("选择存放资料文件的文件夹"))
        self.choose_button = QPushButton(self.tr("选择文件夹…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("filingUnit")
        self.unit_combo.setToolTip(self.tr("这些资料由哪个单位报送（只推荐该单位负责的指标）"))
        self.analyse_button = QPushButton(self.tr("分析并推荐"))
        self.analyse_button.setObjectName("filingAnalyse")
        self.analyse_button.clicked.connect(self.analyse)
        self.ocr_check = QCheckBox(self.tr("识别扫描件文字（OCR）"))
        self.ocr_check.setObjectName("filingOcr")
        if ocr_installed():
            self.ocr_check.setToolTip(
                self.tr("没有文字层的扫描件和照片先做文字识别，再按识别出的文字推荐指标（较慢，每页数秒）")
            )
        else:
            self.ocr_check.setEnabled(False)
            # Names what is missing so that the office's IT staff know what to install.
            self.ocr_check.setToolTip(self.tr("未安装文字识别组件（rapidocr、onnxruntime），无法识别扫描件"))

        self.model = FilingTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("filingTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(FilingColumn.CHOSEN, ChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FilingColumn.FILE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FilingColumn.FILE, 230)
        header.resizeSection(FilingColumn.SUGGESTED, 90)
        header.resizeSection(FilingColumn.CHOSEN, 380)
        header.setStretchLastSection(True)
        self.model.dataChanged.connect(self._on_model_data_changed)

        self.summary_label = QLabel(
            self.tr("选择文件夹后点“分析并推荐”：系统按每个文件的标题和内容推荐指标，请逐个确认")
        )
        self.summary_label.setObjectName("filingSummary")
        self.summary_label.setWordWrap(True)
        self.outcome_list = QListWidget()
        self.outcome_list.setObjectName("filingOutcome")
        self.outcome_list.setMaximumHeight(120)
        self.outcome_list.hide()

        self.buttons = QDialogButtonBox()
        self.attach_button = self.buttons.addButton(
            self.tr("添加已确认的文件"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.attach_button.setObjectName("filingAttach")
        self.attach_button.setEnabled(False)
        self.attach_button.clicked.connect(self.start_filing)
        close = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("文件夹：")))
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(QLabel(self.tr("单位：")))
        row.addWidget(self.unit_combo)
        row.addWidget(self.ocr_check)
        row.addWidget(self.analyse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome_list)
        layout.addWidget(self.buttons)
        self.resize(1000, 600)
        self._fill_units()
        if folder is not None:
            self.set_folder(folder)
        self._update_buttons()

    # -- inputs -------------------------------------------------------------------------------------
    def _fill_units(self) -> None:
        snapshot = self.state.snapshot
        self.unit_combo.clear()
        if snapshot is None:
            return
        if snapshot.is_unit_workspace and snapshot.info.unit:
            self.unit_combo.addItem(snapshot.info.unit, snapshot.info.unit)
            self.unit_combo.setEnabled(False)
            return
        for unit in snapshot.units:
            if not unit.collective:
                self.unit_combo.addItem(unit.name, unit.name)

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("选择资料文件夹"), self.folder_edit.text())
        if name:
            self.set_folder(Path(name))

    def set_folder(self, folder: Path) -> None:
        self.folder_edit.setText(str(folder))
        self.model.set_proposal(None, {})
        self.proposal = None
        self._update_buttons()

    def set_unit(self, name: str) -> bool:
        index = self.unit_combo.findData(name)
        if index >= 0:
            self.unit_combo.setCurrentIndex(index)
        return index >= 0

    def _labels(self) -> dict[int, str]:
        catalog = self.state.catalog
        if catalog is None:
            return {}
        # A plan's tasks by their ids as printed ("任务 一.3"), never by position.
        return {
            i.number: item_heading(catalog, i.number, i.text[:20].rstrip("。")) for i in catalog.indicators
        }

    # -- step 1: proposals ----------------------------------------------------------------------------
    def analyse(self) -> BackgroundTask | None:
        project = self.state.project
        folder = self.folder_edit.text()
        unit = self.unit_combo.currentData()
        if project is None or not folder or unit is None:
            self.summary_label.setText(self.tr("请先选择文件夹和单位"))
            return None
        self.outcome_list.hide()
        ocr = self.ocr_check.isEnabled() and self.ocr_check.isChecked()
        texts = self.ocr_texts

        def work(progress: ProgressCallback, cancel: CancelToken) -> tuple[FolderProposal, bool]:
            found = propose_for_folder(
                project, str(unit), Path(folder), ocr=ocr, ocr_texts=texts, progress=progress, cancel=cancel
            )
            return found, ocr

        self.last_task = self._analysis_task = run_read(
            self,
            work,
            title=self.tr("正在阅读文件并推荐指标"),
            on_done=self._on_proposed,
            on_cancelled=lambda: self.summary_label.setText(self.tr("已取消分析")),
        )
        # One step at a time: neither a second analysis nor filing while this one reads.
        self._analysis_task.finished.connect(self._update_buttons)
        self._update_buttons()
        return self.last_task

    def _on_proposed(self, outcome: tuple[FolderProposal, bool]) -> None:
        proposal, self._proposed_with_ocr = outcome
        self.proposal = proposal
        self.model.set_proposal(proposal, self._labels())
        for row in range(self.model.rowCount()):
            index = self.model.index(row, FilingColumn.CHOSEN)
            if self.model.flags(index) & self.model.flags(index).ItemIsEditable:
                self.table.openPersistentEditor(index)
        self.table.resizeRowsToContents()
        self._update_summary()
        self._update_buttons()
        self.proposed.emit(len(proposal.files))

    def _on_model_data_changed(self, *_args: Any) -> None:
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        if self.proposal is None:
            return
        files = len(self.proposal.files)
        refused = sum(1 for f in self.proposal.files if f.refused)
        self.summary_label.setText(
            self.tr(
                "{unit}：{files} 个文件，{ok} 个将归档，{refused} 个无法作为资料；"
                "可在“归入”列改选指标或“不归档”"
            ).format(unit=self.proposal.unit, files=files, ok=len(self.model.confirmed()), refused=refused)
        )

    def _update_buttons(self) -> None:
        busy = any(t is not None and t.running for t in (self._filing_task, self._analysis_task))
        self.attach_button.setEnabled(
            bool(self.model.confirmed()) and not busy and self.state.project is not None
        )
        self.analyse_button.setEnabled(
            bool(self.folder_edit.text()) and self.unit_combo.count() > 0 and not busy
        )

    def confirm(self, row: int, indicator: int | None) -> bool:
        """Set row ``row``'s indicator (None: 不归档), as the combo does."""
        return self.model.setData(self.model.index(row, FilingColumn.CHOSEN), indicator)

    # -- step 2: attaching ---------------------------------------------------------------------------
    def start_filing(self) -> BackgroundTask | None:
        project = self.state.project
        proposal = self.proposal
        choices = self.model.confirmed()
        if project is None or proposal is None or not choices:
            return None
        unit = proposal.unit
        ocr, texts = self._proposed_with_ocr, self.ocr_texts

        def work(progress: ProgressCallback, cancel: CancelToken) -> Any:
            result = file_confirmed(
                project, unit, choices, ocr=ocr, ocr_texts=texts, progress=progress, cancel=cancel
            )
            numbers = result.indicators
            return result, project_progress(project, numbers), list_units(project)

        self.last_task = self._filing_task = run_write(
            self, work, title=self.tr("正在添加资料"), on_done=self._on_filed
        )
        self._filing_task.finished.connect(self._update_buttons)
        self._update_buttons()
        return self.last_task

    def _on_filed(self, outcome: Any) -> None:
        result, progress, units = outcome
        self.filing_result = result
        assert self.proposal is not None
        if result.attached:
            change = ProjectChange.of(
                indicators=result.indicators, units=[self.proposal.unit], evidence_ids=result.evidence_ids
            )
            self.state.apply(change, progress, units)
        self.outcome_list.clear()
        for path, reason in result.refused:
            self.outcome_list.addItem(
                self.tr("未添加 {name}：{reason}").format(name=Path(path).name, reason=reason)
            )
        for path in result.not_done:
            self.outcome_list.addItem(self.tr("已取消，未添加 {name}").format(name=path.name))
        if self.proposal is not None:
            for item in self.proposal.files:
                if item.refused:
                    self.outcome_list.addItem(
                        self.tr("不是可用的资料 {name}：{reason}").format(
                            name=item.path.name, reason=item.refused
                        )
                    )
        self.outcome_list.setVisible(self.outcome_list.count() > 0)
        text = self.tr("已添加 {n} 个文件到 {k} 个指标").format(
            n=len(result.attached), k=len(result.indicators)
        )
        if result.cancelled:
            text += self.tr("；已取消，其余文件未添加")
        if result.refused:
            text += self.tr("；{n} 个文件被拒绝（见下方原因）").format(n=len(result.refused))
        self.summary_label.setText(text)
        self.model.set_proposal(None, {})
        self.proposal = None
        self._filing_task = None
        self._update_buttons()
        self.filed.emit(result)
