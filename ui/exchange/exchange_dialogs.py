"""Exchange dialogs of the office: issue kits to units (one folder of kits), import submissions (several at
once, with a table of what came in and what was refused and why), send return notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.assessment.reviews import list_reviews
from app.base.errors import CancelledError, FazhiError
from app.base.progress import CancelToken, ProgressCallback, check_cancel
from app.exchange.importing import PackageImport, import_package
from app.exchange.kits import issue_kit
from app.exchange.package import AlreadyImportedError, PackageError
from app.exchange.receive import ImportResult
from app.exchange.returns import ReturnsImportResult, issue_returns
from app.project.folder import EXPORTS_DIR, Project
from app.status.workspace import project_progress
from app.units.registry import list_units
from ui.common.background import BackgroundTask, run_in_background
from ui.common.dialog_parts import InlineProgress, ResultRow, ResultTableModel, reveal_path, safe_file_name
from ui.common.state import ProjectChange, ProjectState

PACKAGE_FILTER = "交换包 (*.zip);;所有文件 (*)"


def default_exchange_folder(project: Project, what: str) -> Path:

    return project.folder / EXPORTS_DIR / f"{what}-{date.today():%Y%m%d}"


def kit_file_name(unit: str) -> str:
    return f"任务包_{safe_file_name(unit)}.zip"


def returns_file_name(unit: str) -> str:
    return f"退回通知_{safe_file_name(unit)}.zip"


def _results_view(model: ResultTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class _BatchDialog(QDialog):
    """Choose, run in the background with progress and Cancel, show what happened."""

    #: The batch finished (carries the result rows).
    finished_batch = Signal(object)

    def __init__(self, state: ProjectState, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.state = state
        self.last_task: BackgroundTask | None = None
        self.output_path: Path | None = None
        self.progress = InlineProgress()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("batchSummary")
        self.summary_label.setWordWrap(True)
        self.reveal_button = QPushButton(self.tr("打开所在文件夹"))
        self.reveal_button.setObjectName("revealFolder")
        self.reveal_button.clicked.connect(self._on_reveal_button_clicked)
        self.reveal_button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.run_button = self.buttons.addButton(title, QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.setObjectName("runBatch")
        self.run_button.clicked.connect(self.start)

    def _folder_row(self, default: Path) -> QHBoxLayout:
        self.folder_edit = QLineEdit(str(default))
        self.folder_edit.setObjectName("outputFolder")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        return row

    def _on_browse_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("选择输出文件夹"), self.folder_edit.text())
        if name:
            self.folder_edit.setText(name)

    def _on_reveal_button_clicked(self) -> None:
        if self.output_path is not None:
            reveal_path(self.output_path)

    def _running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not running)

    def start(self) -> BackgroundTask | None:
        raise NotImplementedError

    def _run(
        self,
        work: Callable[[ProgressCallback, CancelToken], Any],
        *,
        message: str,
        writes: bool,
        after: Callable[[Any], list[ResultRow]],
    ) -> BackgroundTask:
        """Run ``work`` in the background; ``after(result)`` shows the outcome and returns its rows."""
        self._running(True)
        self.summary_label.clear()

        def done(result: Any) -> None:
            self.finished_batch.emit(after(result))

        def cancelled() -> None:
            self.summary_label.setText(self.tr("已取消。"))

        task = run_in_background(
            self,
            work,
            title=self.windowTitle(),
            on_done=done,
            on_cancelled=cancelled,
            writes=writes,
            show_progress=False,
        )
        task.finished.connect(lambda: self._running(False))
        self.progress.track(task, message)
        self.last_task = task
        return task

    def closeEvent(self, event: Any) -> None:
        if self.last_task is not None and self.last_task.running:
            self.last_task.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.last_task is not None and self.last_task.running:
            self.last_task.cancel()
            return
        super().reject()


# -- kits ------------------------------------------------------------------------------------------


class IssueKitsDialog(_BatchDialog):
    """Kits for all or chosen units, written into one folder."""

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(state, self.tr("签发任务包"), parent)
        self.setObjectName("issueKitsDialog")
        project = state.require_project()
        self.unit_list = QListWidget()
        self.unit_list.setObjectName("kitUnits")
        for unit in state.units:
            if unit.collective or not unit.indicators:
                continue
            item = QListWidgetItem(
                self.tr("{name}（{n} 项指标）").format(name=unit.name, n=len(unit.indicators))
            )
            item.setData(Qt.ItemDataRole.UserRole, unit.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.unit_list.addItem(item)
        all_button = QPushButton(self.tr("全选"))
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button = QPushButton(self.tr("全不选"))
        none_button.clicked.connect(lambda: self._check_all(False))
        pick = QHBoxLayout()
        pick.addWidget(all_button)
        pick.addWidget(none_button)
        pick.addStretch(1)
        self.deadline_check = QCheckBox(self.tr("报送截止日期"))
        self.deadline_edit = QDateEdit(QDate.currentDate().addDays(30))
        self.deadline_edit.setObjectName("kitDeadline")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        self.deadline_edit.setEnabled(False)
        self.deadline_check.toggled.connect(self.deadline_edit.setEnabled)
        deadline = QHBoxLayout()
        deadline.addWidget(self.deadline_check)
        deadline.addWidget(self.deadline_edit)
        deadline.addStretch(1)
        self.new_key_check = QCheckBox(
            self.tr("生成新密钥（此前签发给这些单位的任务包作废，单位须改用新任务包）")
        )
        self.new_key_check.setObjectName("kitNewKey")
        form = QFormLayout()
        form.addRow(self.tr("输出文件夹："), self._folder_row(default_exchange_folder(project, "任务包")))
        self.model = ResultTableModel(
            [self.tr("单位"), self.tr("结果"), self.tr("指标数"), self.tr("文件或原因")],
            status_column=1,
            parent=self,
        )
        self.results = _results_view(self.model, 3)
        self.results.hide()  # until there is something to show
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenCount")
        self.unit_list.itemChanged.connect(self._on_unit_list_item_changed)
        pick.addWidget(self.chosen_label)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("为哪些单位签发：")))
        layout.addWidget(self.unit_list, 1)
        layout.addLayout(pick)
        layout.addLayout(deadline)
        layout.addWidget(self.new_key_check)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.buttons)
        self.resize(720, 620)
        self._update_chosen()

    def _on_unit_list_item_changed(self, item: QListWidgetItem) -> None:
        self._update_chosen()

    def _update_chosen(self) -> None:
        self.chosen_label.setText(
            self.tr("已选 {n} / {all} 个单位").format(n=len(self.chosen_units()), all=self.unit_list.count())
        )

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.unit_list.count()):
            self.unit_list.item(row).setCheckState(state)

    def chosen_units(self) -> list[str]:
        return [
            str(self.unit_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.unit_list.count())
            if self.unit_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen_units(self, names: Sequence[str]) -> None:
        for row in range(self.unit_list.count()):
            item = self.unit_list.item(row)
            chosen = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def start(self) -> BackgroundTask | None:
        project = self.state.project
        units = self.chosen_units()
        if project is None or not units:
            self.summary_label.setText(self.tr("请至少选择一个单位。"))
            return None
        folder = Path(self.folder_edit.text().strip()).expanduser()
        deadline = (
            self.deadline_edit.date().toString("yyyy-MM-dd") if self.deadline_check.isChecked() else None
        )
        new_key = self.new_key_check.isChecked()

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[ResultRow]:
            folder.mkdir(parents=True, exist_ok=True)
            rows: list[ResultRow] = []
            for index, unit in enumerate(units):
                check_cancel(cancel)
                progress(index, len(units), f"{unit}（{index + 1}/{len(units)}）")
                out = folder / kit_file_name(unit)
                try:
                    kit = issue_kit(
                        project, unit=unit, out=out, deadline=deadline, new_key=new_key, cancel=cancel
                    )
                except CancelledError:
                    raise
                except FazhiError as error:
                    rows.append(ResultRow((unit, "未签发", "", str(error)), False, unit))
                else:
                    state = "已签发（新密钥）" if kit.new_key else "已签发"
                    rows.append(ResultRow((unit, state, str(len(kit.indicators)), out.name), True, unit, out))
            progress(len(units), len(units), "")
            return rows

        def after(rows: list[ResultRow]) -> list[ResultRow]:
            self.model.set_rows(rows)
            self.results.show()
            done = sum(1 for r in rows if r.ok)
            self.summary_label.setText(
                self.tr("已签发 {done} 个任务包，失败 {failed} 个；文件在 {folder}").format(
                    done=done, failed=len(rows) - done, folder=folder
                )
            )
            self.output_path = folder
            self.reveal_button.setVisible(done > 0)
            self.state.apply(ProjectChange.of(units=[r.key for r in rows if r.ok]))
            return rows

        return self._run(work, message=self.tr("正在签发任务包……"), writes=True, after=after)


# -- submissions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ImportOutcome:
    rows: list[ResultRow]
    progress: dict[int, Any]
    units: list[Any]


class ImportSubmissionsDialog(_BatchDialog):
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
        self.results = _results_view(self.model, 6)
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

        def work(progress: ProgressCallback, cancel: CancelToken) -> _ImportOutcome:
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
                    rows.append(_import_row(path, result))
            progress(len(files), len(files), "正在更新进度")
            # A package touches many indicators: fresh progress for all, computed here.
            return _ImportOutcome(rows, project_progress(project), list_units(project))

        def after(outcome: _ImportOutcome) -> list[ResultRow]:
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


def _import_row(path: Path, result: PackageImport) -> ResultRow:
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


# -- return notes ----------------------------------------------------------------------------------


class ReturnNotesDialog(_BatchDialog):
    """Return notes (the current review of each indicator) for units that have reviews."""

    #: The units with reviews were listed.
    units_loaded = Signal()

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(state, self.tr("发送退回通知"), parent)
        self.setObjectName("returnNotesDialog")
        project = state.require_project()
        self.unit_list = QListWidget()
        self.unit_list.setObjectName("returnUnits")
        self.loading_label = QLabel(self.tr("正在读取审核结论……"))
        form = QFormLayout()
        form.addRow(self.tr("输出文件夹："), self._folder_row(default_exchange_folder(project, "退回通知")))
        self.model = ResultTableModel(
            [self.tr("单位"), self.tr("结果"), self.tr("退回"), self.tr("通过"), self.tr("文件或原因")],
            status_column=1,
            parent=self,
        )
        self.results = _results_view(self.model, 4)
        hint = QLabel(
            self.tr("退回通知列出该单位每项指标的当前审核结论和意见，由单位导入其工作区后按意见补充。")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.loading_label)
        layout.addWidget(self.unit_list, 1)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self.run_button.setEnabled(False)
        self.load_task = self._load_units()

    def _load_units(self) -> BackgroundTask:
        project = self.state.require_project()

        def work(progress: ProgressCallback, cancel: CancelToken) -> dict[str, tuple[int, int]]:
            counts: dict[str, tuple[int, int]] = {}
            for review in list_reviews(project):
                returned, accepted = counts.get(review.unit, (0, 0))
                if review.decision == "returned":
                    returned += 1
                else:
                    accepted += 1
                counts[review.unit] = (returned, accepted)
            return counts

        def done(counts: dict[str, tuple[int, int]]) -> None:
            order = [u.name for u in self.state.units]
            for name in sorted(counts, key=lambda n: order.index(n) if n in order else len(order)):
                returned, accepted = counts[name]
                item = QListWidgetItem(
                    self.tr("{name}：退回 {r} 项，通过 {a} 项").format(name=name, r=returned, a=accepted)
                )
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if returned else Qt.CheckState.Unchecked)
                self.unit_list.addItem(item)
            self.loading_label.setText(
                self.tr("选择要发送退回通知的单位（默认选中有退回项的单位）：")
                if counts
                else self.tr("还没有审核结论：先在“评审”中通过或退回各单位的资料。")
            )
            self.run_button.setEnabled(bool(counts))
            self.units_loaded.emit()

        return run_in_background(self, work, title=self.tr("读取审核结论"), on_done=done, show_progress=False)

    def chosen_units(self) -> list[str]:
        return [
            str(self.unit_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.unit_list.count())
            if self.unit_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def start(self) -> BackgroundTask | None:
        project = self.state.project
        units = self.chosen_units()
        if project is None or not units:
            self.summary_label.setText(self.tr("请至少选择一个单位。"))
            return None
        folder = Path(self.folder_edit.text().strip()).expanduser()

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[ResultRow]:
            folder.mkdir(parents=True, exist_ok=True)
            rows: list[ResultRow] = []
            for index, unit in enumerate(units):
                check_cancel(cancel)
                progress(index, len(units), unit)
                out = folder / returns_file_name(unit)
                try:
                    note = issue_returns(project, unit=unit, out=out, cancel=cancel)
                except CancelledError:
                    raise
                except FazhiError as error:
                    rows.append(ResultRow((unit, "未生成", "", "", str(error)), False, unit))
                else:
                    rows.append(
                        ResultRow(
                            (unit, "已生成", str(len(note.returned)), str(len(note.accepted)), out.name),
                            True,
                            unit,
                            out,
                        )
                    )
            progress(len(units), len(units), "")
            return rows

        def after(rows: list[ResultRow]) -> list[ResultRow]:
            self.model.set_rows(rows)
            done = sum(1 for r in rows if r.ok)
            self.summary_label.setText(
                self.tr("已生成 {done} 份退回通知；请通过 U 盘或电子邮件送达各单位。文件在 {folder}").format(
                    done=done, folder=folder
                )
            )
            self.output_path = folder
            self.reveal_button.setVisible(done > 0)
            return rows

        return self._run(work, message=self.tr("正在生成退回通知……"), writes=True, after=after)
