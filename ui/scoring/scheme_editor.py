"""The scoring scheme editor: points per indicator, level factors, bonus caps, base scale, pass mark.

Every edit is validated at once by the core's own ``scheme_from_document`` (the same check a scheme file
gets), so the dialog can only save what the core accepts. The saved scheme is written as a JSON file
under the project's ``exports/`` folder and put in force with ``load_scheme`` (the audit log records the
file and the whole scheme); the previous scheme stays in history.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.assessment.levels import load_scheme, reset_scheme
from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.project.folder import EXPORTS_DIR, Project
from app.scoring.scheme import (
    DISCLAIMER,
    FACTOR_LEVELS,
    SchemeError,
    ScoringScheme,
    read_scheme_file,
    reference_scheme,
    scheme_from_document,
    scheme_to_document,
)
from indicator_catalog import Catalog
from ui.common.background import BackgroundTask, run_write, show_error
from ui.common.formatting import item_label
from ui.common.state import ProjectState
from ui.scoring.score_models import DISCLAIMER_STYLE, ScoringChange, fmt, reviewer_name

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument
EDITOR_SOURCE = "评分方案编辑器"
SCHEME_FILE_FILTER = "评分方案 (*.json *.yaml *.yml);;所有文件 (*)"


class PointsRole(IntEnum):
    NUMBER = Qt.ItemDataRole.UserRole + 1
    POINTS = Qt.ItemDataRole.UserRole + 2
    OVERRIDDEN = Qt.ItemDataRole.UserRole + 3


class PointsColumn(IntEnum):
    NUMBER = 0
    TEXT = 1
    POINTS = 2


class IndicatorPointsModel(QAbstractTableModel):
    """Points of every indicator; the points column is editable. Values differing from the default are
    overrides; anything typed is kept as typed so the validator can name it."""

    #: An edit changed a value.
    edited = Signal()

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._numbers = [i.number for i in catalog.indicators]
        self._points: dict[int, Any] = {}
        self._default: float = 10.0

    def set_scheme(self, scheme: ScoringScheme) -> None:
        self.beginResetModel()
        self._default = scheme.default_points
        self._points = {n: scheme.points_for(n) for n in self._numbers}
        self.endResetModel()

    def set_default(self, value: float) -> None:
        """A new default: indicators that followed the old default follow the new one."""
        old = self._default
        self._default = value
        for number, points in self._points.items():
            if points == old:
                self._points[number] = value
        if self._numbers:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._numbers) - 1, len(PointsColumn) - 1))

    def overrides(self) -> dict[str, Any]:
        return {str(n): p for n, p in self._points.items() if p != self._default}

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._numbers)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(PointsColumn)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in PointsRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PointsColumn.POINTS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("编号"), self.tr("三级指标"), self.tr("分值"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._numbers):
            return None
        number = self._numbers[index.row()]
        points = self._points.get(number, self._default)
        column = index.column()
        overridden = points != self._default
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PointsColumn.NUMBER:
                return str(number)
            if column == PointsColumn.TEXT:
                return self._catalog.indicator(number).text
            return fmt(points) if isinstance(points, int | float) else str(points)
        if role == Qt.ItemDataRole.EditRole and column == PointsColumn.POINTS:
            return float(points) if isinstance(points, int | float) else 0.0
        if role == Qt.ItemDataRole.ToolTipRole and column == PointsColumn.TEXT:
            return self._catalog.indicator(number).text
        if role == Qt.ItemDataRole.ForegroundRole and column == PointsColumn.POINTS and overridden:
            return QColor("#1a73e8")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != PointsColumn.TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PointsRole.NUMBER:
            return number
        if role == PointsRole.POINTS:
            return points
        if role == PointsRole.OVERRIDDEN:
            return overridden
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != PointsColumn.POINTS or role != Qt.ItemDataRole.EditRole:
            return False
        number = self._numbers[index.row()]
        if isinstance(value, str):
            with contextlib.suppress(ValueError):  # kept as typed: the validator names the entry
                value = float(value.strip())
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = float(value)
        self._points[number] = value
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


def _spin(maximum: float, decimals: int = 2, step: float = 1.0, minimum: float = 0.0) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setKeyboardTracking(True)
    return spin


class SchemeEditorDialog(QDialog):
    """Edit the scheme in force; saves only what the core validates."""

    #: The new scheme is in force and the hub was told (carries the ``ScoringScheme``).
    saved = Signal(object)

    def __init__(self, state: ProjectState, scheme: ScoringScheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemeEditor")
        self.setWindowTitle(self.tr("评分方案"))
        self.state = state
        catalog = state.catalog
        assert catalog is not None
        self.catalog: Catalog = catalog
        self.scheme = scheme
        self.validated: ScoringScheme | None = None
        self.problems: list[str] = []
        self.last_task: BackgroundTask | None = None
        self._filling = False

        disclaimer = QLabel(self.tr("注意：{text}。").format(text=DISCLAIMER))
        disclaimer.setObjectName("disclaimerLabel")
        disclaimer.setWordWrap(True)
        disclaimer.setStyleSheet(DISCLAIMER_STYLE)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("schemeName")
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("可选：方案依据，如“参照市评估办法（2023）”"))
        self.default_spin = _spin(1000, step=1)
        self.default_spin.setObjectName("defaultPoints")
        self.default_spin.setToolTip(self.tr("每项三级指标的分值；下表中单独设定的指标除外"))
        self.scale_spin = _spin(100000, step=100)
        self.scale_spin.setObjectName("baseScale")
        self.scale_spin.setToolTip(self.tr("基础分 = 折算满分 × 得分 ÷ 适用指标满分"))
        self.pass_check = QCheckBox(self.tr("设合格线"))
        self.pass_spin = _spin(100000, step=10)
        self.pass_spin.setObjectName("passMark")
        self.pass_spin.setEnabled(False)
        self.pass_check.toggled.connect(self.pass_spin.setEnabled)

        general = QFormLayout()
        general.addRow(self.tr("方案名称："), self.name_edit)
        general.addRow(self.tr("每项分值："), self.default_spin)
        general.addRow(self.tr("基础分折算满分："), self.scale_spin)
        pass_row = QHBoxLayout()
        pass_row.addWidget(self.pass_check)
        pass_row.addWidget(self.pass_spin, 1)
        general.addRow(self.tr("合格线："), pass_row)
        general.addRow(self.tr("说明："), self.note_edit)

        self.factor_spins: dict[str, QDoubleSpinBox] = {}
        factors_box = QGroupBox(self.tr("等级系数（0～1）"))
        factors = QGridLayout(factors_box)
        for position, level in enumerate(FACTOR_LEVELS):
            spin = _spin(1, step=0.05)
            spin.setObjectName(f"factor{position}")
            self.factor_spins[level] = spin
            factors.addWidget(QLabel(level), position, 0)
            factors.addWidget(spin, position, 1)
        na = QLabel(self.tr("不适用：不计分，也不计入满分"))
        na.setStyleSheet("color: palette(placeholder-text);")
        factors.addWidget(na, len(FACTOR_LEVELS), 0, 1, 2)

        self.cap_spins: dict[str, QDoubleSpinBox] = {}
        caps_box = QGroupBox(self.tr("加分上限"))
        caps = QFormLayout(caps_box)
        for item in self.catalog.bonus:
            spin = _spin(1000, step=1)
            spin.setObjectName(f"cap{item.id}")
            spin.setToolTip(item.text)
            self.cap_spins[item.id] = spin
            caps.addRow(self.tr("{id} 单项上限：").format(id=item.id), spin)
        self.total_cap_spin = _spin(1000, step=1)
        self.total_cap_spin.setObjectName("totalCap")
        caps.addRow(self.tr("加分合计上限："), self.total_cap_spin)

        self.points_model = IndicatorPointsModel(self.catalog, self)
        self.points_view = QTableView()
        self.points_view.setObjectName("pointsView")
        self.points_view.setModel(self.points_model)
        self.points_view.verticalHeader().hide()
        self.points_view.verticalHeader().setDefaultSectionSize(24)
        self.points_view.setWordWrap(False)
        self.points_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.points_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.points_view.horizontalHeader()
        header.setSectionResizeMode(PointsColumn.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PointsColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PointsColumn.POINTS, QHeaderView.ResizeMode.ResizeToContents)
        points_box = QGroupBox(self.tr("单项分值（双击修改；蓝色为单独设定）"))
        points_layout = QVBoxLayout(points_box)
        points_layout.addWidget(self.points_view)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("schemeSummary")
        self.summary_label.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("schemeProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #c5221f;")

        self.reset_button = QPushButton(self.tr("恢复参考方案"))
        self.reset_button.setToolTip(self.tr("填入内置参考方案的数值（保存后生效）"))
        self.reset_button.clicked.connect(self.fill_reference)
        self.load_button = QPushButton(self.tr("从文件载入…"))
        self.load_button.setToolTip(self.tr("读取 YAML/JSON 方案文件到编辑器（保存后生效）"))
        self.load_button.clicked.connect(self.choose_file_to_load)
        self.export_button = QPushButton(self.tr("另存为文件…"))
        self.export_button.clicked.connect(self.choose_file_to_export)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存并启用"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reset_button)
        bottom.addWidget(self.load_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        left = QVBoxLayout()
        left.addLayout(general)
        left.addWidget(factors_box)
        left.addWidget(caps_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(points_box, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(disclaimer)
        layout.addLayout(columns, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_label)
        layout.addLayout(bottom)

        for spin in [self.default_spin, self.scale_spin, self.pass_spin, self.total_cap_spin]:
            spin.valueChanged.connect(self._on_field_changed)
        for spin in [*self.factor_spins.values(), *self.cap_spins.values()]:
            spin.valueChanged.connect(self._on_field_changed)
        self.default_spin.valueChanged.connect(self._on_default_spin_value_changed)
        self.name_edit.textChanged.connect(self._on_field_changed)
        self.note_edit.textChanged.connect(self._on_field_changed)
        self.pass_check.toggled.connect(self._on_field_changed)
        self.points_model.edited.connect(self._on_field_changed)
        self.fill(scheme)
        self.resize(980, 640)
        writable = state.project is not None and not state.project.readonly
        snapshot = state.snapshot
        if not writable or (snapshot is not None and snapshot.is_unit_workspace):
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(
                self.tr("单位工作区不能更改评分方案")
            )

    # -- filling -----------------------------------------------------------------------------------
    def fill(self, scheme: ScoringScheme) -> None:
        self._filling = True
        try:
            self.name_edit.setText(scheme.name)
            self.note_edit.setText(scheme.note)
            self.default_spin.setValue(scheme.default_points)
            self.scale_spin.setValue(scheme.base_scale)
            self.pass_check.setChecked(scheme.pass_mark is not None)
            self.pass_spin.setValue(scheme.pass_mark or 0.0)
            for level, factor in scheme.level_factors:
                if level in self.factor_spins:
                    self.factor_spins[level].setValue(factor)
            for item_id, spin in self.cap_spins.items():
                cap = scheme.bonus_cap(item_id)
                spin.setValue(cap if cap is not None else self.catalog.bonus_item(item_id).max_points)
            self.total_cap_spin.setValue(scheme.bonus_total_cap)
            self.points_model.set_scheme(scheme)
        finally:
            self._filling = False
        self.validate()

    def fill_reference(self) -> None:
        self.fill(reference_scheme(self.catalog))

    # -- validating --------------------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "name": self.name_edit.text(),
            "catalog": self.catalog.id,
            "points": {"default": self.default_spin.value(), "overrides": self.points_model.overrides()},
            "levels": {level: spin.value() for level, spin in self.factor_spins.items()},
            "bonus": {
                "caps": {item_id: spin.value() for item_id, spin in self.cap_spins.items()},
                "total_cap": self.total_cap_spin.value(),
            },
            "base_scale": self.scale_spin.value(),
            "pass_mark": self.pass_spin.value() if self.pass_check.isChecked() else None,
        }
        if self.note_edit.text().strip():
            doc["note"] = self.note_edit.text().strip()
        return doc

    def validate(self) -> ScoringScheme | None:
        try:
            scheme = scheme_from_document(self.document(), self.catalog, EDITOR_SOURCE)
        except SchemeError as error:
            self.validated = None
            self.problems = [f"{self.field_name(p.path)}：{p.reason}" for p in error.problems]
        else:
            self.validated = scheme
            self.problems = []
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        writable = self.state.project is not None and not self.state.project.readonly
        snapshot = self.state.snapshot
        save.setEnabled(
            self.validated is not None
            and writable
            and not (snapshot is not None and snapshot.is_unit_workspace)
        )
        self.export_button.setEnabled(self.validated is not None)
        if self.problems:
            self.problems_label.setText(self.tr("无法保存：") + "；".join(self.problems))
            self.problems_label.show()
        else:
            self.problems_label.clear()
            self.problems_label.hide()
        self._update_summary()
        return self.validated

    def field_name(self, path: str) -> str:
        """The editor's name for a scheme document path (``points.overrides.12`` → 第 12 项分值)."""
        fixed = {
            "": self.tr("方案"),
            "name": self.tr("方案名称"),
            "note": self.tr("说明"),
            "catalog": self.tr("指标体系"),
            "points.default": self.tr("每项分值"),
            "base_scale": self.tr("基础分折算满分"),
            "pass_mark": self.tr("合格线"),
            "bonus.total_cap": self.tr("加分合计上限"),
        }
        if path in fixed:
            return fixed[path]
        head, _, tail = path.rpartition(".")
        if head == "points.overrides":
            return self.tr("{item}分值").format(item=item_label(None, int(tail)) if tail.isdigit() else tail)
        if head == "levels":
            return self.tr("等级系数“{level}”").format(level=tail)
        if head == "bonus.caps":
            return self.tr("{id} 单项上限").format(id=tail)
        return path

    def _update_summary(self) -> None:
        scheme = self.validated
        if scheme is None:
            self.summary_label.clear()
            return
        full = sum(scheme.points_for(i.number) for i in self.catalog.indicators)
        overrides = len(self.points_model.overrides())
        text = self.tr(
            "{count} 项三级指标满分合计 {full} 分（{overrides} 项单独设定），基础分折算为 {scale} 分；"
            "加分最多 {bonus} 分；最高总分 {top} 分。"
        ).format(
            count=len(self.catalog.indicators),
            full=fmt(full),
            overrides=overrides,
            scale=fmt(scheme.base_scale),
            bonus=fmt(scheme.bonus_total_cap),
            top=fmt(scheme.base_scale + scheme.bonus_total_cap),
        )
        if scheme.reference:
            text += self.tr("（与内置参考方案相同）")
        self.summary_label.setText(text)

    def _on_field_changed(self, *args: object) -> None:
        if not self._filling:
            self.validate()

    def _on_default_spin_value_changed(self, value: float) -> None:
        if not self._filling:
            self.points_model.set_default(value)
            self.validate()

    # -- files -------------------------------------------------------------------------------------
    def choose_file_to_load(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("载入评分方案"), "", SCHEME_FILE_FILTER)
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:

        try:
            scheme = read_scheme_file(path, self.catalog)
        except FazhiError as error:
            show_error(self, self.tr("载入评分方案"), error)
            return False
        self.fill(scheme)
        return True

    def choose_file_to_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存评分方案"), "评分方案.json", SCHEME_FILE_FILTER
        )
        if name:
            self.export_file(Path(name))

    def export_file(self, path: Path) -> Path | None:
        scheme = self.validate()
        if scheme is None:
            return None
        path.write_text(
            json.dumps(scheme_to_document(scheme), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return path

    # -- saving ------------------------------------------------------------------------------------
    def save(self) -> BackgroundTask | None:
        scheme = self.validate()
        project = self.state.project
        if scheme is None or project is None:
            return None
        document = scheme_to_document(scheme)
        by = reviewer_name()

        reference = scheme.reference

        def work(progress: ProgressCallback, cancel: CancelToken) -> ScoringScheme:
            # The reference values go back in as the reference scheme (the report then says so).
            if reference:
                return reset_to_reference(project, by=by)
            return save_scheme_document(project, document, by=by)

        def done(saved: ScoringScheme) -> None:
            self.state.apply(ScoringChange(scheme=True))
            self.saved.emit(saved)
            self.accept()

        self.last_task = run_write(self, work, title=self.tr("保存评分方案"), on_done=done, cancellable=False)
        return self.last_task


def save_scheme_document(project: Project, document: dict[str, Any], *, by: str | None) -> ScoringScheme:
    """Write ``document`` as DIR/exports/评分方案-<time>.json and put it in force (kept for the record)."""

    folder = project.folder / EXPORTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"评分方案-{stamp}.json"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"评分方案-{stamp}-{counter}.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return load_scheme(project, path, by=by)


def reset_to_reference(project: Project, *, by: str | None) -> ScoringScheme:

    return reset_scheme(project, by=by)


__all__: Sequence[str] = (
    "IndicatorPointsModel",
    "SchemeEditorDialog",
    "reset_to_reference",
    "save_scheme_document",
)
