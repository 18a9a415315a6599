"""签发任务包: issue task kits to units."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
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
from app.exchange.kits import issue_kit
from ui.common.background import BackgroundTask
from ui.common.dialog_parts import ResultRow, ResultTableModel
from ui.common.state import ProjectState
from ui.exchange.batch_dialog import BatchDialog, default_exchange_folder, kit_file_name, results_view


class IssueKitsDialog(BatchDialog):
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
        self.results = results_view(self.model, 3)
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
