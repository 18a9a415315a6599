"""导入提交包: import unit submissions (or, in a unit workspace, return notes and kits)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.errors import CancelledError, FazhiError
from app.base.progress import CancelToken, ProgressCallback, check_cancel
from app.exchange.importing import PackageImport, import_package
from app.exchange.package import AlreadyImportedError, PackageError
from app.exchange.receive import ImportResult
from app.exchange.returns import ReturnsImportResult
from app.status.workspace import project_progress
from app.units.registry import list_units
from ui.common.background import BackgroundTask
from ui.common.dialog_parts import ResultRow, ResultTableModel
from ui.common.state import ProjectState
from ui.exchange.batch_dialog import PACKAGE_FILTER, BatchDialog, results_view


@dataclass(frozen=True)
class ImportOutcome:
    rows: list[ResultRow]
    progress: dict[int, Any]
    units: list[Any]


class ImportSubmissionsDialog(BatchDialog):
    """Several packages at once: each is checked whole and imported or refused with the reason."""

    def __init__(
        self, state: ProjectState, files: Sequence[Path] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(state, self.tr("导入提交包"), parent)
        self.setObjectName("importSubmissionsDialog")
        self.setAcceptDrops(True)
        self.file_list = QListWidget()
        self.file_list.setObjectName("packageFiles")
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("添加文件…"))
        add.clicked.connect(self._on_add_clicked)
        remove = QPushButton(self.tr("移除所选"))
        remove.clicked.connect(self._on_remove_clicked)
        pick = QHBoxLayout()
        pick.addWidget(add)
        pick.addWidget(remove)
        pick.addStretch(1)
        hint = QLabel(
            self.tr(
                "可一次选择多个单位的提交包（.zip），也可以把文件拖到这里。每个包先整体核验，不合格的整包拒收。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.model = ResultTableModel(
            [
                self.tr("文件"),
                self.tr("单位"),
                self.tr("结果"),
                self.tr("新增"),
                self.tr("未变"),
                self.tr("被替代"),
                self.tr("说明"),
            ],
            status_column=2,
            parent=self,
        )
        self.results = results_view(self.model, 6)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.file_list, 1)
        layout.addLayout(pick)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.buttons)
        self.add_files(files)
        self.resize(860, 600)

    def files(self) -> list[Path]:
        return [
            Path(str(self.file_list.item(r).data(Qt.ItemDataRole.UserRole)))
            for r in range(self.file_list.count())
        ]

    def add_files(self, files: Sequence[Path]) -> None:
        known = set(self.files())
        for name in files:
            path = Path(name)
            if path in known:
                continue
            known.add(path)
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.file_list.addItem(item)

    def _on_add_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("选择提交包"), "", PACKAGE_FILTER)
        self.add_files([Path(n) for n in names])

    def _on_remove_clicked(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_files([f for f in files if f.is_file()])
        event.acceptProposedAction()

    def start(self) -> BackgroundTask | None:
        project = self.state.project
        files = self.files()
        if project is None or not files:
            self.summary_label.setText(self.tr("请先添加提交包文件。"))
            return None

        def work(progress: ProgressCallback, cancel: CancelToken) -> ImportOutcome:
            rows: list[ResultRow] = []
            for index, path in enumerate(files):
                check_cancel(cancel)
                progress(index, len(files), f"{path.name}（{index + 1}/{len(files)}）")
                try:
                    result = import_package(project, path, cancel=cancel)
                except AlreadyImportedError as error:
                    rows.append(
                        ResultRow((path.name, "", "已导入过", "", "", "", error.reason), None, str(path))
                    )
                except PackageError as error:
                    rows.append(
                        ResultRow((path.name, "", "拒收", "", "", "", error.reason), False, str(path))
                    )
                except CancelledError:
                    raise
                except FazhiError as error:
                    rows.append(ResultRow((path.name, "", "拒收", "", "", "", str(error)), False, str(path)))
                else:
                    rows.append(import_row(path, result))
            progress(len(files), len(files), "正在更新进度")
            # A package touches many indicators: fresh progress for all, computed here.
            return ImportOutcome(rows, project_progress(project), list_units(project))

        def after(outcome: ImportOutcome) -> list[ResultRow]:
            rows = outcome.rows
            self.model.set_rows(rows)
            imported = sum(1 for r in rows if r.ok)
            refused = sum(1 for r in rows if r.ok is False)
            summary = self.tr("共 {n} 个包：导入 {ok} 个，拒收 {bad} 个").format(
                n=len(rows), ok=imported, bad=refused
            )
            duplicates = len(rows) - imported - refused
            if duplicates:
                summary += self.tr("，此前已导入 {dup} 个（未重复导入）").format(dup=duplicates)
            if refused:
                summary += self.tr("。拒收的包没有带来任何更改，原因见“说明”，请联系报送单位重新生成")
            self.summary_label.setText(summary + "。")
            if imported:
                self.state.apply(ProjectChange(everything=True), outcome.progress, outcome.units)
            return rows

        return self._run(work, message=self.tr("正在核验并导入……"), writes=True, after=after)


def import_row(path: Path, result: PackageImport) -> ResultRow:
    if isinstance(result, ImportResult):
        note = f"提交包编号 {result.submission_id}"
        if result.supersedes_submission_id is not None:
            note += f"，替代此前的提交（编号 {result.supersedes_submission_id}）"
        if result.info_added:
            note += f"，网址/联系方式 {result.info_added} 条"
        cells = (
            path.name,
            result.unit,
            "已导入",
            str(len(result.added)),
            str(len(result.unchanged)),
            str(len(result.superseded)),
            note,
        )
        return ResultRow(cells, True, str(path))
    if isinstance(result, ReturnsImportResult):
        note = f"退回 {len(result.returned)} 项，通过 {len(result.accepted)} 项"
        return ResultRow((path.name, result.unit, "已导入", "", "", "", note), True, str(path))
    return ResultRow((path.name, result.unit, "已导入", "", "", "", "任务包已更新"), True, str(path))
