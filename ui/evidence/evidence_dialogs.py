"""Dialogs around evidence: attach (files, unit, extra indicators), refused files, withdraw with a reason."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.evidence.formats import ocr_installed
from app.units.registry import UnitInfo
from indicator_catalog import Catalog
from ui.common.formatting import item_heading, item_label
from ui.evidence.detail_models import EvidenceRow


def evidence_file_filter() -> str:
    """Every kind attach accepts (cameras write upper-case .JPG; the check is by content anyway)."""
    return QCoreApplication.translate(
        "EvidenceDialogs",
        "印证资料 (*.pdf *.docx *.xlsx *.xls *.ofd *.jpg *.jpeg *.png *.tif *.tiff *.PDF *.JPG *.JPEG *.PNG);;PDF 文件 (*.pdf *.PDF);;Word 文档 (*.docx);;Excel 表格 (*.xlsx *.xls);;OFD 版式文件 (*.ofd);;照片和扫描件 (*.jpg *.jpeg *.png *.tif *.tiff *.JPG *.JPEG *.PNG);;所有文件 (*)",  # noqa: E501
    )


_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True)
class AttachRequest:
    files: tuple[Path, ...]
    unit: str
    indicators: tuple[int, ...]  # the main indicator first
    requirement_key: str | None = None
    title: str | None = None
    period: str | None = None
    ocr: bool = False  # read scans and photos right after attaching (slow)


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Dropped folders become the files inside them (hidden files skipped), in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def attachable_units(
    units: Sequence[UnitInfo], number: int, own_unit: str | None, named: Sequence[str] = ()
) -> list[UnitInfo]:
    """Real units that may add evidence to ``number`` (in a unit workspace: only that unit).

    Units the indicator names directly come first; members of a named collective follow.
    """
    candidates = [u for u in units if not u.collective and number in u.indicators]
    if own_unit:
        candidates = [u for u in candidates if u.name == own_unit]
    return sorted(candidates, key=lambda u: u.name not in named)


class AttachDialog(QDialog):
    """Confirms an attach: the files, which unit they come from, and for which indicators."""

    def __init__(
        self,
        catalog: Catalog,
        units: Sequence[UnitInfo],
        number: int,
        files: Sequence[Path],
        *,
        own_unit: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        item = item_label(catalog, number)  # "第 3 项"; a plan's task by its id as printed ("任务 一.3")
        plan = catalog.is_plan
        self.setWindowTitle(self.tr("添加资料 — {item}").format(item=item))
        self.setMinimumSize(640, 560)
        self._units = list(units)
        self._number = number
        self._own_unit = own_unit
        indicator = catalog.indicator(number)

        intro = QLabel(self.tr("{item}：{text}").format(item=item, text=indicator.text))
        intro.setWordWrap(True)
        intro.setObjectName("attachIntro")

        self.file_list = QListWidget()
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setToolTip(
            self.tr(
                "要添加的文件；接受 PDF、Word（.docx）、Excel（.xlsx、.xls）、OFD 和照片（JPG、PNG、TIFF）"
            )
        )
        add_files = QPushButton(self.tr("再添加文件…"))
        add_files.clicked.connect(self._on_add_files_clicked)
        self.remove_files_button = QPushButton(self.tr("移除所选"))
        self.remove_files_button.clicked.connect(self._on_remove_files_clicked)
        file_buttons = QHBoxLayout()
        self.file_count_label = QLabel()
        file_buttons.addWidget(self.file_count_label)
        file_buttons.addStretch(1)
        file_buttons.addWidget(add_files)
        file_buttons.addWidget(self.remove_files_button)

        self.unit_combo = QComboBox()
        self.unit_combo.setToolTip(self.tr("这些资料由哪个单位提供"))
        for unit in attachable_units(units, number, own_unit, indicator.units):
            self.unit_combo.addItem(unit.name, unit.name)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_combo_current_index_changed)
        self.unit_problem = QLabel()
        self.unit_problem.setWordWrap(True)
        self.unit_problem.setStyleSheet("color: #d93025;")

        self.requirement_combo = QComboBox()
        self.requirement_combo.setToolTip(self.tr("这些资料对应哪一项资料要求；不指定则计入本指标的全部要求"))
        self.requirement_combo.addItem(self.tr("不指定（计入全部要求）"), None)
        for requirement in indicator.requirements:
            if not requirement.onsite:
                text = requirement.text if len(requirement.text) <= 40 else requirement.text[:39] + "…"
                self.requirement_combo.addItem(text, requirement.key)
                self.requirement_combo.setItemData(
                    self.requirement_combo.count() - 1, requirement.text, Qt.ItemDataRole.ToolTipRole
                )

        self.extra_list = QListWidget()
        self.extra_list.setToolTip(
            self.tr("勾选后，同一份资料也计入这些任务")
            if plan
            else self.tr("勾选后，同一份资料也计入这些指标")
        )
        self.extra_list.setObjectName("extraIndicators")
        self.extra_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.extra_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.extra_filter = QLineEdit()
        self.extra_filter.setPlaceholderText(
            self.tr("筛选任务（编号或关键词）") if plan else self.tr("筛选指标（编号或关键词）")
        )
        self.extra_filter.setClearButtonEnabled(True)
        self.extra_filter.textChanged.connect(self._on_extra_filter_text_changed)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("默认用文件名"))
        self.period_edit = QLineEdit()
        self.period_edit.setPlaceholderText(self.tr("如 2021 或 2021-05，可不填"))
        self.period_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^\d{0,4}(-\d{0,2})?$"), self.period_edit)
        )
        self.period_edit.setToolTip(self.tr("资料所属的年份或月份"))
        self.period_edit.textChanged.connect(self._validate)

        form = QFormLayout()
        form.addRow(self.tr("提供单位："), self.unit_combo)
        form.addRow("", self.unit_problem)
        if self.requirement_combo.count() > 2:
            form.addRow(self.tr("对应要求："), self.requirement_combo)
        self.title_row_label = QLabel(self.tr("标题："))
        form.addRow(self.title_row_label, self.title_edit)
        form.addRow(self.tr("期间："), self.period_edit)
        self.ocr_check = QCheckBox(self.tr("识别扫描件和照片中的文字（OCR，较慢）"))
        self.ocr_check.setObjectName("attachOcr")
        if ocr_installed():
            self.ocr_check.setToolTip(
                self.tr(
                    "添加后立即识别没有文字层的页面，识别出的文字可全文搜索；也可以以后在“编辑”菜单中识别"
                )
            )
        else:
            self.ocr_check.setEnabled(False)
            self.ocr_check.setToolTip(self.tr("未安装文字识别组件（rapidocr、onnxruntime）"))
        form.addRow("", self.ocr_check)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("添加"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("文件：")))
        layout.addWidget(self.file_list, 1)
        layout.addLayout(file_buttons)
        layout.addLayout(form)
        extras_header = QHBoxLayout()
        extras_header.addWidget(
            QLabel(self.tr("同时用于以下任务（可选）：") if plan else self.tr("同时用于以下指标（可选）："))
        )
        extras_header.addWidget(self.extra_filter, 1)
        layout.addLayout(extras_header)
        layout.addWidget(self.extra_list, 2)
        layout.addWidget(self.buttons)

        self.add_files(files)
        self._fill_extra_indicators()
        self._validate()

    # -- files ----------------------------------------------------------------------------------------
    def add_files(self, files: Sequence[Path]) -> None:
        present = set(self.files())
        for path in expand_paths(files):
            if path not in present:
                item = QListWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.file_list.addItem(item)
                present.add(path)
        self._validate()

    def files(self) -> list[Path]:
        return [
            Path(str(self.file_list.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(self.file_list.count())
        ]

    def _on_add_files_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("选择资料文件"), "", evidence_file_filter())
        self.add_files([Path(n) for n in names])

    def _on_remove_files_clicked(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))
        self._validate()

    # -- unit and indicators ----------------------------------------------------------------------
    def _unit(self) -> UnitInfo | None:
        name = self.unit_combo.currentData()
        return next((u for u in self._units if u.name == name), None)

    def _on_unit_combo_current_index_changed(self, index: int) -> None:
        self._fill_extra_indicators()
        self._validate()

    def _fill_extra_indicators(self) -> None:
        checked = set(self.extra_indicators())
        self.extra_list.clear()
        unit = self._unit()
        if unit is None:
            return
        own_group = set(self._catalog.indicator(self._number).evidence_group)
        allowed: list[int] = []
        for number in unit.indicators:
            for member in self._catalog.indicator(number).evidence_group:
                if member not in own_group and member not in allowed:
                    allowed.append(member)
        order = {i.number: pos for pos, i in enumerate(self._catalog.indicators)}
        for number in sorted(allowed, key=order.__getitem__):
            text = self._catalog.indicator(number).text
            label = item_heading(self._catalog, number, text)
            item = QListWidgetItem(label)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if number in checked else Qt.CheckState.Unchecked)
            self.extra_list.addItem(item)

    def _on_extra_filter_text_changed(self, text: str) -> None:
        terms = text.split()
        for i in range(self.extra_list.count()):
            item = self.extra_list.item(i)
            haystack = f"{item.data(Qt.ItemDataRole.UserRole)} {item.text()}"
            item.setHidden(not all(t in haystack for t in terms))

    def extra_indicators(self) -> list[int]:
        return [
            int(self.extra_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.extra_list.count())
            if self.extra_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_extra_indicators(self, numbers: Sequence[int]) -> None:
        for i in range(self.extra_list.count()):
            item = self.extra_list.item(i)
            wanted = int(item.data(Qt.ItemDataRole.UserRole)) in numbers
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    # -- validation and result --------------------------------------------------------------------
    def _problem(self) -> str:
        if self.unit_combo.count() == 0:
            indicator = self._catalog.indicator(self._number)
            if self._own_unit:
                return self.tr("本工作区的单位（{unit}）不负责{item}，不能为它添加资料").format(
                    unit=self._own_unit, item=item_label(self._catalog, self._number)
                )
            names = "、".join(indicator.units) or self.tr("未列出")
            return self.tr(
                "{item}的责任单位（{names}）还没有对应的具体单位：请先在单位设置中为集体名称指定成员单位"
            ).format(item=item_label(self._catalog, self._number), names=names)
        if not self.files():
            return self.tr("请添加至少一个文件")
        period = self.period_edit.text().strip()
        if period and not _PERIOD.match(period):
            return self.tr("期间应写作 2021 或 2021-05")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.unit_problem.setText(problem)
        self.unit_problem.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        count = self.file_list.count()
        self.file_count_label.setText(self.tr("共 {n} 个文件").format(n=count))
        single = count == 1
        self.title_edit.setEnabled(single)
        self.title_row_label.setEnabled(single)
        if not single:
            self.title_edit.clear()

    def accept(self) -> None:
        if self._problem():
            return
        super().accept()

    def request(self) -> AttachRequest:
        unit = self._unit()
        assert unit is not None
        title = self.title_edit.text().strip() or None
        period = self.period_edit.text().strip() or None
        key = self.requirement_combo.currentData()
        return AttachRequest(
            files=tuple(self.files()),
            unit=unit.name,
            indicators=(self._number, *self.extra_indicators()),
            requirement_key=str(key) if key else None,
            title=title,
            period=period,
            ocr=self.ocr_check.isChecked(),
        )


class RefusedFilesDialog(QDialog):
    """Every refused file with its reason, in one dialog (the rest were attached)."""

    def __init__(
        self, refused: Sequence[tuple[Path, str]], attached: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("部分文件未添加"))
        self.setMinimumSize(640, 320)
        summary = QLabel(
            self.tr("已添加 {ok} 个文件；以下 {bad} 个文件未添加，原因如下。其他内容未受影响。").format(
                ok=attached, bad=len(refused)
            )
        )
        summary.setWordWrap(True)
        self.table = QTableWidget(len(refused), 2)
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("原因")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, (path, reason) in enumerate(refused):
            name = QTableWidgetItem(Path(path).name)
            name.setToolTip(str(path))
            self.table.setItem(row, 0, name)
            why = QTableWidgetItem(reason)
            why.setToolTip(reason)
            self.table.setItem(row, 1, why)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def reasons(self) -> dict[str, str]:
        reasons: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            name, why = self.table.item(row, 0), self.table.item(row, 1)
            if name is not None and why is not None:
                reasons[name.text()] = why.text()
        return reasons


class WithdrawDialog(QDialog):
    """Asks for the reason before evidence is withdrawn (it stays in history)."""

    def __init__(self, evidence: EvidenceRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("撤回资料"))
        self.setMinimumWidth(480)
        self.evidence = evidence
        text = QLabel(
            self.tr("撤回“{name}”（{unit}）？撤回后它不再计入指标，但文件和记录保留在历史中。").format(
                name=evidence.filename, unit=evidence.unit
            )
        )
        text.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("撤回原因（必填），例如：上传错文件、已被新版本替代"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(90)
        self.reason_edit.textChanged.connect(self._on_reason_edit_text_changed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("撤回"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("原因："), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _on_reason_edit_text_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if self.reason():
            super().accept()
