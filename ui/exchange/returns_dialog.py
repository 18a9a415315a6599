"""发送退回通知: write return notes for the units whose evidence was returned."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.assessment.reviews import list_reviews
from app.base.errors import CancelledError, FazhiError
from app.base.progress import CancelToken, ProgressCallback, check_cancel
from app.exchange.returns import issue_returns
from ui.common.background import BackgroundTask, run_read
from ui.common.dialog_parts import ResultRow, ResultTableModel
from ui.common.state import ProjectState
from ui.exchange.batch_dialog import BatchDialog, default_exchange_folder, results_view, returns_file_name


class ReturnNotesDialog(BatchDialog):
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
        self.results = results_view(self.model, 4)
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

        return run_read(self, work, title=self.tr("读取审核结论"), on_done=done, show_progress=False)

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
