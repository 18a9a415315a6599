"""The start dialog (recent projects, new project, open a folder or a unit kit) and the new-project form."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback
from app.exchange.kits import init_from_kit
from app.project.create import create_project
from app.project.folder import is_project_folder as core_is_project_folder
from indicator_catalog import builtin_catalog_ids, load_builtin, resolve_catalog
from ui.common import settings
from ui.common.background import BackgroundTask, run_write, show_error

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index: default parent of top-level rows


def is_project_folder(folder: Path) -> bool:

    return core_is_project_folder(folder)


class RecentRole(IntEnum):
    PATH = Qt.ItemDataRole.UserRole + 1
    EXISTS = Qt.ItemDataRole.UserRole + 2


class RecentProjectsModel(QAbstractListModel):
    """Recent project folders, newest first; missing folders are shown greyed out."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths: list[Path] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._paths = settings.recent_projects()
        self.endResetModel()

    def path(self, row: int) -> Path:
        return self._paths[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._paths)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names[int(RecentRole.PATH)] = QByteArray(b"path")
        names[int(RecentRole.EXISTS)] = QByteArray(b"exists")
        return names

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._paths):
            return None
        path = self._paths[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return path.name
        if role == Qt.ItemDataRole.ToolTipRole:
            exists = path.is_dir()
            return (
                str(path)
                if exists
                else self.tr("{path}（文件夹不存在，可能在未插入的U盘上）").format(path=path)
            )
        if role == Qt.ItemDataRole.ForegroundRole and not path.is_dir():
            return QColor("#80868b")
        if role == RecentRole.PATH:
            return str(path)
        if role == RecentRole.EXISTS:
            return path.is_dir()
        return None


class RecentProjectDelegate(QStyledItemDelegate):
    """Two lines per recent project: the folder name, and where it is in smaller grey type."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        metrics = option.fontMetrics
        return QSize(200, metrics.height() * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(8, 5, -8, -5)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_color = palette.highlightedText().color() if selected else palette.text().color()
        exists = bool(index.data(RecentRole.EXISTS))
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color if exists else QColor("#80868b"))
        line = QFontMetrics(bold).height()
        painter.drawText(
            rect.adjusted(0, 0, 0, -line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )
        small = QFont(opt.font)
        painter.setFont(small)
        grey = QColor(text_color)
        grey.setAlphaF(0.65)
        painter.setPen(grey)
        where = str(index.data(RecentRole.PATH) or "")
        if not exists:
            where = self.tr("（找不到）") + where
        painter.drawText(
            rect.adjusted(0, line + 2, 0, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            QFontMetrics(small).elidedText(where, Qt.TextElideMode.ElideMiddle, rect.width()),
        )
        painter.restore()


def default_projects_root() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "法治政府示范创建"


class NewProjectDialog(QDialog):
    """County, year, catalog and folder of a new project; creates it in the background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建项目"))
        self.setMinimumWidth(560)
        self.created_folder: Path | None = None
        self.task: BackgroundTask | None = None
        self._suggested_folder = ""
        self._catalog_file: Path | None = None

        self.county_edit = QLineEdit()
        self.county_edit.setPlaceholderText(self.tr("例如：陵川县"))
        self.county_edit.setToolTip(self.tr("申报示范创建的县（市、区）名称"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(dt.date.today().year)
        self.year_spin.setSuffix(self.tr(" 年"))
        self.year_spin.setToolTip(self.tr("创建年度"))
        self.catalog_combo = QComboBox()
        self.catalog_combo.setToolTip(self.tr("对照的指标体系；也可选择县里修改过的指标体系文件"))
        self._fill_catalogs()
        self.catalog_combo.activated.connect(self._on_catalog_combo_activated)
        self.folder_edit = QLineEdit()
        self.folder_edit.setToolTip(self.tr("项目的所有资料都保存在这个文件夹里，可整体复制备份"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._on_browse_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setStyleSheet("color: #d93025;")
        self.problem_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("县（市、区）："), self.county_edit)
        form.addRow(self.tr("年度："), self.year_spin)
        form.addRow(self.tr("指标体系："), self.catalog_combo)
        form.addRow(self.tr("项目文件夹："), folder_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("创建"))
        self.buttons.accepted.connect(self.create_project)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.county_edit.textChanged.connect(self._on_county_edit_text_changed)
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)
        self.folder_edit.textChanged.connect(self._validate)
        self._suggest_folder()
        self._validate()

    def _fill_catalogs(self) -> None:

        for catalog_id in builtin_catalog_ids():
            try:
                title = load_builtin(catalog_id).title
            except FazhiError:
                continue
            self.catalog_combo.addItem(title, catalog_id)
        self.catalog_combo.addItem(self.tr("从文件选择…"), None)

    def _on_catalog_combo_activated(self, index: int) -> None:
        if self.catalog_combo.itemData(index) is not None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择指标体系文件"), "", self.tr("指标体系文件 (*.yaml *.yml *.json)")
        )
        if not name:
            self.catalog_combo.setCurrentIndex(0)
            return
        self._catalog_file = Path(name)
        self.catalog_combo.insertItem(index, Path(name).name, str(name))
        self.catalog_combo.setCurrentIndex(index)

    def _on_browse_clicked(self) -> None:
        start = self.folder_edit.text() or str(default_projects_root())
        name = QFileDialog.getExistingDirectory(self, self.tr("选择项目文件夹"), str(Path(start).parent))
        if name:
            self.folder_edit.setText(name)

    def _on_county_edit_text_changed(self, text: str) -> None:
        self._suggest_folder()
        self._validate()

    def _on_year_spin_value_changed(self, value: int) -> None:
        self._suggest_folder()

    def _suggest_folder(self) -> None:
        """Keep the folder following county and year until the user puts another folder there."""
        if self.folder_edit.text() != self._suggested_folder:
            return
        county = self.county_edit.text().strip() or self.tr("新项目")
        name = self.tr("{county}{year}年示范创建").format(county=county, year=self.year_spin.value())
        self._suggested_folder = str(default_projects_root() / name)
        self.folder_edit.setText(self._suggested_folder)

    def _problem(self) -> str:
        if not self.county_edit.text().strip():
            return self.tr("请填写县（市、区）名称")
        folder_text = self.folder_edit.text().strip()
        if not folder_text:
            return self.tr("请选择项目文件夹")
        folder = Path(folder_text).expanduser()
        if folder.exists() and not folder.is_dir():
            return self.tr("这不是文件夹：{folder}").format(folder=folder)
        if folder.is_dir() and is_project_folder(folder):
            return self.tr("这个文件夹已经是一个项目，请用“打开项目”")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        # Only complain about the folder once the county is there: an empty form is not an error.
        self.problem_label.setText(problem if self.county_edit.text().strip() else "")
        self.create_button.setEnabled(not problem and (self.task is None or not self.task.running))

    def create_project(self) -> None:
        if self._problem():
            return

        folder = Path(self.folder_edit.text().strip()).expanduser()
        county = self.county_edit.text().strip()
        year = self.year_spin.value()
        catalog_ref = str(self.catalog_combo.currentData())
        self.create_button.setEnabled(False)

        def work(progress: Any, cancel: Any) -> Path:
            catalog = resolve_catalog(catalog_ref)
            return create_project(folder, county=county, year=year, catalog=catalog).folder

        self.task = run_write(
            self,
            work,
            title=self.tr("正在创建项目"),
            on_done=self._on_create_done,
            on_error=self._on_create_failed,
            cancellable=False,
        )

    def _on_create_done(self, folder: Path) -> None:
        self.created_folder = folder
        settings.add_recent_project(folder)
        self.accept()

    def _on_create_failed(self, error: BaseException) -> None:
        self._validate()
        show_error(self, self.tr("无法创建项目"), error)


class StartDialog(QDialog):
    """What the program shows when started without a project."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("法治政府建设示范创建自评系统"))
        self.setMinimumSize(720, 440)
        self.chosen_folder: Path | None = None
        self.new_dialog: NewProjectDialog | None = None
        self.kit_task: BackgroundTask | None = None

        title = QLabel(self.tr("法治政府建设示范创建自评系统"))
        title.setObjectName("startTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("对照指标体系整理印证资料、逐项审核、评分并生成自评报告"))
        subtitle.setObjectName("startSubtitle")

        self.recent_model = RecentProjectsModel(self)
        self.recent_view = QListView()
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setItemDelegate(RecentProjectDelegate(self.recent_view))
        self.recent_view.setUniformItemSizes(True)
        self.recent_view.activated.connect(self._on_recent_view_activated)
        self.recent_view.selectionModel().currentChanged.connect(self._on_recent_selection_current_changed)
        self.recent_empty = QLabel(self.tr("还没有打开过项目。新建一个项目，或打开已有的项目文件夹。"))
        self.recent_empty.setWordWrap(True)
        self.recent_empty.setVisible(self.recent_model.rowCount() == 0)

        self.open_recent_button = QPushButton(self.tr("打开所选项目"))
        self.open_recent_button.setEnabled(False)
        self.open_recent_button.clicked.connect(self._on_open_recent_button_clicked)
        self.new_button = QPushButton(self.tr("新建项目…"))
        self.new_button.setToolTip(self.tr("为本县新建一个示范创建自评项目 (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_project)
        self.open_button = QPushButton(self.tr("打开项目文件夹…"))
        self.open_button.setToolTip(self.tr("打开已有的项目文件夹 (Ctrl+O)"))
        self.open_button.clicked.connect(self.open_folder)
        self.kit_button = QPushButton(self.tr("打开单位任务包…"))
        self.kit_button.setToolTip(self.tr("用依法治县办下发的任务包（.zip）建立本单位的工作区"))
        self.kit_button.clicked.connect(self.open_kit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_project)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.open_folder)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("最近的项目")))
        left.addWidget(self.recent_view, 1)
        left.addWidget(self.recent_empty)
        left.addWidget(self.open_recent_button, 0, Qt.AlignmentFlag.AlignRight)
        right = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.kit_button):
            button.setMinimumHeight(36)
            right.addWidget(button)
        right.addStretch(1)
        close = QPushButton(self.tr("退出"))
        close.clicked.connect(self.reject)
        right.addWidget(close)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(12)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(body, 1)
        if self.recent_model.rowCount():
            self.recent_view.setCurrentIndex(self.recent_model.index(0))

    def _choose(self, folder: Path) -> None:
        self.chosen_folder = folder
        self.accept()

    def _on_recent_selection_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.open_recent_button.setEnabled(current.isValid())

    def _on_recent_view_activated(self, index: QModelIndex) -> None:
        self._open_recent(index)

    def _on_open_recent_button_clicked(self) -> None:
        self._open_recent(self.recent_view.currentIndex())

    def _open_recent(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        folder = self.recent_model.path(index.row())
        if not folder.is_dir():
            show_error(
                self,
                self.tr("打开项目"),
                FazhiError(self.tr("项目文件夹不存在：{folder}").format(folder=folder)),
            )
            return
        self._choose(folder)

    def new_project(self) -> NewProjectDialog:
        dialog = NewProjectDialog(self)
        self.new_dialog = dialog
        dialog.accepted.connect(self._on_new_dialog_accepted)
        dialog.open()
        return dialog

    def _on_new_dialog_accepted(self) -> None:
        if self.new_dialog is not None and self.new_dialog.created_folder is not None:
            self._choose(self.new_dialog.created_folder)

    def open_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("打开项目文件夹"), str(default_projects_root()))
        if name:
            self.try_open_folder(Path(name))

    def try_open_folder(self, folder: Path) -> bool:
        if not is_project_folder(folder):
            show_error(
                self,
                self.tr("打开项目"),
                FazhiError(
                    self.tr("这不是项目文件夹（里面没有 project.sqlite）：{folder}").format(folder=folder)
                ),
            )
            return False
        self._choose(folder)
        return True

    def open_kit(self) -> None:
        kit, _ = QFileDialog.getOpenFileName(self, self.tr("选择单位任务包"), "", self.tr("任务包 (*.zip)"))
        if not kit:
            return
        target = QFileDialog.getExistingDirectory(self, self.tr("选择本单位工作区的文件夹（应为空文件夹）"))
        if not target:
            return
        self.import_kit(Path(kit), Path(target))

    def import_kit(self, kit: Path, folder: Path) -> BackgroundTask:

        def work(progress: ProgressCallback, cancel: CancelToken) -> Path:
            init_from_kit(folder, kit, progress=progress, cancel=cancel)
            return folder

        self.kit_task = run_write(self, work, title=self.tr("正在建立单位工作区"), on_done=self._on_kit_done)
        return self.kit_task

    def _on_kit_done(self, folder: Path) -> None:
        settings.add_recent_project(folder)
        self._choose(folder)
