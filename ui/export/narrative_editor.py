"""The narrative editor: the office's own text of the 自评报告, one plain-text editor per part.

The list on the left names every part (基本情况, 主要做法和成效 per 一级指标, 存在问题和整改措施, 下一步打算,
then each third-level indicator's 自评说明); the right shows the selected part's editor. 生成草稿 fills an
empty part with the draft made from the data (counts, scores, evidence titles), for the office to
rewrite; 保存 stores every changed part in one transaction with an audit entry (in the write pool);
历史 lists the saved versions and restores one into the editor; 放弃修改 puts the stored text back. A
part with unsaved changes shows ● in the list; closing the dock with unsaved changes asks first. A
read-only project (or a unit's workspace: the report is the office's) shows the text read-only.

Text stored from elsewhere while the editor is open (``fazhi narrative DIR --import``, another
window) is noticed when the program becomes the active application again and on every project change
(``ProjectState.changed``): the stored versions are read again and compared by version id. Parts
without unsaved edits take the new text silently; parts with unsaved edits whose stored version moved
on ask once: 保留我的修改 (saving later makes mine the newest version, theirs stays in 历史) or
采用新保存的文字.

All reading and writing goes through ``app.narrative`` in the background (ui/common/background).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.narrative.drafting import make_drafts
from app.narrative.store import (
    NarrativeState,
    NarrativeVersion,
    current_narrative,
    normalize,
    note_key,
    save_texts,
)
from app.project.folder import Project
from ui.common.background import BackgroundTask, run_read, run_write
from ui.common.formatting import local_time
from ui.common.state import ProjectState
from ui.export.narrative_history import NarrativeHistoryDialog
from ui.export.narrative_sections import KIND_NOTE, NarrativeRole, NarrativeSectionModel


@dataclass(frozen=True)
class SaveOutcome:
    changed: list[str]
    state: NarrativeState


def _stored_texts(state: NarrativeState) -> dict[str, str]:
    return {key: version.text for key, version in state.versions.items()}


class NarrativeEditor(QWidget):
    """Edits the report's text of the project open in ``state`` (see the module docstring)."""

    #: The stored text was read (after opening and after every save).
    loaded = Signal()
    #: A save finished; carries the keys that got a new version.
    saved = Signal(list)
    #: The draft of the current part was put into its editor (carries the key).
    drafted = Signal(str)
    #: The set of parts with unsaved changes changed (carries whether there are any).
    modified_changed = Signal(bool)
    #: Text stored elsewhere was taken in (carries the keys whose stored version changed).
    stored_changed = Signal(list)

    def __init__(self, state: ProjectState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("narrativeEditor")
        self.state = state
        self._stored: dict[str, str] = {}
        self._versions: dict[str, NarrativeVersion] = {}
        self._editors: dict[str, QPlainTextEdit] = {}
        self._drafts: dict[str, str] | None = None
        self._was_modified = False
        self.task: BackgroundTask | None = None
        self.history_dialog: NarrativeHistoryDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.conflict_box: QMessageBox | None = None
        self.refresh_task: BackgroundTask | None = None
        #: Counts the stored states taken from a load or a save: a re-read begun before one of them
        #: is out of date when it arrives, and dropped.
        self._generation = 0
        self._loaded = False

        self.model = NarrativeSectionModel(self)
        self.list_view = QListView()
        self.list_view.setObjectName("narrativeSections")
        self.list_view.setModel(self.model)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setMinimumWidth(150)
        self.list_view.selectionModel().selectionChanged.connect(self._on_list_view_selection_changed)

        self.title_label = QLabel()
        self.title_label.setObjectName("narrativeTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.version_label = QLabel()
        self.version_label.setObjectName("narrativeVersion")
        self.version_label.setStyleSheet("color: palette(placeholder-text);")
        self.readonly_label = QLabel()
        self.readonly_label.setObjectName("narrativeReadonly")
        self.readonly_label.setStyleSheet("color: #b06000;")
        self.readonly_label.setWordWrap(True)
        self.readonly_label.hide()
        self.message_label = QLabel()
        self.message_label.setObjectName("narrativeMessage")
        self.message_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.empty_page = QLabel(self.tr("在左侧选择报告的一个部分"))
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setStyleSheet("color: palette(placeholder-text);")
        self.stack.addWidget(self.empty_page)

        self.draft_button = QPushButton(self.tr("生成草稿"))
        self.draft_button.setObjectName("draftButton")
        self.draft_button.setToolTip(
            self.tr("根据项目数据（数量、得分、资料标题）为空白的部分生成初稿，请在此基础上改写")
        )
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("保存全部有改动的部分（保留历史版本并记入操作记录）(Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.revert_button = QPushButton(self.tr("放弃修改…"))
        self.revert_button.setObjectName("revertButton")
        self.revert_button.setToolTip(self.tr("放弃本部分未保存的修改，恢复为已保存的文字"))
        self.history_button = QPushButton(self.tr("历史…"))
        self.history_button.setObjectName("historyButton")
        self.history_button.setToolTip(self.tr("查看本部分保存过的各个版本，可恢复其中一个"))
        self.draft_button.clicked.connect(self._on_draft_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        self.history_button.clicked.connect(self._on_history_button_clicked)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.version_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addLayout(header)
        right_layout.addWidget(self.readonly_label)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(self.message_label)
        right_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("narrativeSplitter")
        self.splitter.addWidget(self.list_view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([230, 560])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        state.opened.connect(self._on_state_opened)
        state.closed.connect(self._on_state_closed)
        state.changed.connect(self._on_state_changed)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.applicationStateChanged.connect(self._on_application_state_changed)
        self._update_buttons()
        if state.project is not None:
            self.load()

    # -- the project ------------------------------------------------------------------------------
    @property
    def readonly(self) -> bool:
        project = self.state.project
        snapshot = self.state.snapshot
        return project is None or project.readonly or (snapshot is not None and snapshot.is_unit_workspace)

    def _on_state_opened(self, snapshot: Any) -> None:
        self.load()

    def _on_state_closed(self) -> None:
        self._reset(None)

    def _on_state_changed(self, change: ProjectChange) -> None:
        if self.isVisible():
            self.check_stored()

    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self.isVisible():
            self.check_stored()

    def _reset(self, project: Project | None) -> None:
        for editor in self._editors.values():
            self.stack.removeWidget(editor)
            editor.deleteLater()
        self._editors.clear()
        self._stored, self._versions, self._drafts = {}, {}, None
        self._generation += 1
        self._loaded = False
        self.model.set_catalog(self.state.catalog if project is not None else None)
        self.title_label.clear()
        self.version_label.clear()
        self.message_label.clear()
        self.stack.setCurrentWidget(self.empty_page)
        snapshot = self.state.snapshot
        if project is not None and project.readonly:
            self.readonly_label.setText(self.tr("项目以只读方式打开（另一窗口或程序正在使用它），只能查看。"))
        elif snapshot is not None and snapshot.is_unit_workspace:
            self.readonly_label.setText(self.tr("单位工作区只能查看：自评报告文字由依法治县办撰写。"))
        self.readonly_label.setVisible(project is not None and self.readonly)
        self._emit_modified()
        self._update_buttons()

    def load(self) -> BackgroundTask | None:
        """Read the stored text of the open project (discarding what the editors hold)."""
        project = self.state.project
        self._reset(project)
        if project is None:
            return None

        def work(progress: ProgressCallback, cancel: CancelToken) -> NarrativeState:
            return current_narrative(project)

        self.task = run_read(
            self, work, title=self.tr("正在读取报告文字"), on_done=self._on_loaded, show_progress=False
        )
        return self.task

    def _on_loaded(self, state: NarrativeState) -> None:
        self._take(state)
        self._loaded = True
        if not self.list_view.selectionModel().hasSelection() and self.model.rowCount():
            self.select_key(self.model.part_keys()[0])
        self.loaded.emit()

    def _take(self, state: NarrativeState) -> None:
        """Stored texts and versions from ``state``; editors without unsaved changes follow them."""
        self._generation += 1
        following = [key for key in self._editors if not self.is_modified(key)]  # before the swap
        self._stored = _stored_texts(state)
        self._versions = dict(state.versions)
        self.model.set_stored(self._stored)
        for key in following:
            self._set_editor_text(self._editors[key], self._stored.get(key, ""))
        self._show_version(self.current_key())

    # -- text stored elsewhere ----------------------------------------------------------------------
    def check_stored(self) -> BackgroundTask | None:
        """Read the stored versions again (in the background) and take what changed under the editor
        (see the module docstring); nothing while loading, saving or asking."""
        project = self.state.project
        busy = any(t is not None and t.running for t in (self.task, self.refresh_task))
        if project is None or not self._loaded or busy or self.conflict_box is not None:
            return None
        generation = self._generation

        def work(progress: ProgressCallback, cancel: CancelToken) -> NarrativeState:
            return current_narrative(project)

        def done(state: NarrativeState) -> None:
            if generation == self._generation and project is self.state.project:
                self._on_stored_read(state)

        self.refresh_task = run_read(
            self, work, title=self.tr("正在检查报告文字"), on_done=done, show_progress=False
        )
        return self.refresh_task

    def _on_stored_read(self, state: NarrativeState) -> None:
        before = {key: version.id for key, version in self._versions.items()}
        after = {key: version.id for key, version in state.versions.items()}
        moved = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
        if not moved:
            return
        mine = {key: self.text(key) for key in moved if self.is_modified(key)}
        self._take(state)  # unmodified editors follow; modified ones keep their text for now
        conflicts = [key for key, text in mine.items() if normalize(text) != self._stored.get(key, "")]
        for key in moved:
            self.model.set_modified(key, self.is_modified(key))
        self._emit_modified()
        self._update_buttons()
        names = "、".join(self.model.title(key) for key in moved if key not in conflicts)
        if names:
            self.message_label.setText(self.tr("已载入别处保存的新文字：{names}").format(names=names))
        self.stored_changed.emit(moved)
        if conflicts:
            self._ask_about(conflicts)

    def _ask_about(self, keys: list[str]) -> None:
        names = "、".join(self.model.title(key) for key in keys)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("报告文字已在别处修改"),
            self.tr(
                "以下部分已在别处（如命令行导入）保存了新的文字，而这里有未保存的修改：{names}。"
                "保留这里的修改（保存后成为最新版本，别处的文字留在历史中），还是采用新保存的文字？"
            ).format(names=names),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("storedChangedBox")
        keep = box.addButton(self.tr("保留我的修改"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepMineButton")
        take = box.addButton(self.tr("采用新保存的文字"), QMessageBox.ButtonRole.AcceptRole)
        take.setObjectName("takeTheirsButton")
        box.setDefaultButton(keep)
        box.finished.connect(lambda _result: self._on_conflict_box_finished(box, keys))
        self.conflict_box = box
        box.open()

    def _on_conflict_box_finished(self, box: QMessageBox, keys: list[str]) -> None:
        clicked = box.clickedButton()
        taken = clicked is not None and clicked.objectName() == "takeTheirsButton"
        self.conflict_box = None
        box.deleteLater()
        if not taken:
            return
        for key in keys:
            editor = self._editors.get(key)
            if editor is not None:
                self._set_editor_text(editor, self._stored.get(key, ""))
            self.model.set_modified(key, self.is_modified(key))
        self._emit_modified()
        self._update_buttons()
        self.message_label.setText(self.tr("已采用别处保存的文字"))

    # -- parts and their editors ------------------------------------------------------------------
    def current_key(self) -> str | None:
        rows = self.list_view.selectionModel().selectedRows()
        if not rows:
            return None
        key = rows[0].data(NarrativeRole.KEY)
        return str(key) if key else None

    def select_key(self, key: str) -> bool:
        """Show the part ``key`` (``indicator:N`` for a note); False if the list has no such part."""
        row = self.model.row_of(key)
        if row is None:
            return False
        index = self.model.index(row)
        self.list_view.setCurrentIndex(index)
        self.list_view.scrollTo(index)
        return True

    def select_note(self, number: int) -> bool:
        return self.select_key(note_key(number))

    def editor(self, key: str) -> QPlainTextEdit:
        """The editor of ``key`` (made on first use, holding the stored text)."""
        editor = self._editors.get(key)
        if editor is None:
            editor = QPlainTextEdit()
            editor.setObjectName("narrativeText")
            editor.setTabChangesFocus(True)
            row = self.model.row_of(key)
            if row is not None and self.model.entry(row).kind == KIND_NOTE:
                editor.setPlaceholderText(
                    self.tr("尚未填写本项自评说明。可点“生成草稿”根据评定和资料生成初稿，再改写。")
                )
            else:
                editor.setPlaceholderText(
                    self.tr("尚未撰写。可点“生成草稿”根据项目数据生成初稿，再改写成本县的文字。")
                )
            self._set_editor_text(editor, self._stored.get(key, ""))
            editor.setReadOnly(self.readonly)
            editor.textChanged.connect(lambda k=key: self._on_editor_text_changed(k))
            self._editors[key] = editor
            self.stack.addWidget(editor)
        return editor

    @staticmethod
    def _set_editor_text(editor: QPlainTextEdit, text: str) -> None:
        editor.blockSignals(True)
        try:
            editor.setPlainText(text)
        finally:
            editor.blockSignals(False)
        editor.document().setModified(False)

    def text(self, key: str) -> str:
        """What the editor of ``key`` holds (the stored text if it was never shown)."""
        editor = self._editors.get(key)
        return editor.toPlainText() if editor is not None else self._stored.get(key, "")

    def set_text(self, key: str, text: str) -> None:
        """Put ``text`` into the editor of ``key`` (an unsaved change until saved)."""
        self.editor(key).setPlainText(text)

    def is_modified(self, key: str) -> bool:
        editor = self._editors.get(key)
        return editor is not None and normalize(editor.toPlainText()) != self._stored.get(key, "")

    def modified_keys(self) -> list[str]:
        return [key for key in self.model.part_keys() if self.is_modified(key)]

    def has_unsaved_changes(self) -> bool:
        return any(self.is_modified(key) for key in self._editors)

    def _on_editor_text_changed(self, key: str) -> None:
        self.model.set_modified(key, self.is_modified(key))
        self._emit_modified()
        self._update_buttons()

    def _emit_modified(self) -> None:
        modified = self.has_unsaved_changes()
        if modified != self._was_modified:
            self._was_modified = modified
            self.modified_changed.emit(modified)

    def _on_list_view_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        key = self.current_key()
        if key is None:
            self.stack.setCurrentWidget(self.empty_page)
            self.title_label.clear()
        else:
            self.stack.setCurrentWidget(self.editor(key))
            self.title_label.setText(self.model.title(key))
        self.message_label.clear()
        self._show_version(key)
        self._update_buttons()

    def _show_version(self, key: str | None) -> None:
        version = self._versions.get(key) if key is not None else None
        if version is None:
            self.version_label.setText(self.tr("尚未保存过") if key is not None else "")
            return
        self.version_label.setText(
            self.tr("上次保存：{by}，{at}").format(by=version.by, at=local_time(version.at))
        )

    def _update_buttons(self) -> None:
        key = self.current_key()
        writable = not self.readonly
        busy = self.task is not None and self.task.running
        self.save_button.setEnabled(writable and not busy and self.has_unsaved_changes())
        empty = key is not None and not self.text(key).strip()
        self.draft_button.setEnabled(writable and empty)
        self.draft_button.setToolTip(
            self.tr("根据项目数据（数量、得分、资料标题）为空白的部分生成初稿，请在此基础上改写")
            if empty or key is None
            else self.tr("本部分已有文字：清空后才能生成草稿")
        )
        self.revert_button.setEnabled(key is not None and self.is_modified(key))
        self.history_button.setEnabled(key is not None and self.state.project is not None)

    # -- 生成草稿 -------------------------------------------------------------------------------------
    def _on_draft_button_clicked(self) -> None:
        self.generate_draft()

    def generate_draft(self) -> BackgroundTask | None:
        """Fill the current part, if empty, with the draft made from the data."""
        key = self.current_key()
        project = self.state.project
        if key is None or project is None or self.readonly:
            return None
        if self._drafts is not None:
            self._fill_draft(key, self._drafts)
            return None

        def work(progress: ProgressCallback, cancel: CancelToken) -> dict[str, str]:
            return make_drafts(project)

        def done(drafts: dict[str, str]) -> None:
            self._drafts = drafts
            self._fill_draft(key, drafts)

        self.task = run_read(self, work, title=self.tr("正在根据项目数据生成草稿"), on_done=done)
        self.task.finished.connect(self._update_buttons)
        return self.task

    def _fill_draft(self, key: str, drafts: Mapping[str, str]) -> None:
        draft = drafts.get(key, "")
        if self.text(key).strip() or not draft:
            return  # written meanwhile: a draft never replaces text
        self.set_text(key, draft)
        self.message_label.setText(
            self.tr("已填入草稿：请改写其中的数字说明，并补全“（请补充：…）”处，再保存。")
        )
        self.drafted.emit(key)

    # -- 保存 -----------------------------------------------------------------------------------------
    def _on_save_button_clicked(self) -> None:
        self.save()

    def save(self) -> BackgroundTask | None:
        """Store every part with unsaved changes (one transaction, audit-logged) in the write pool."""
        project = self.state.project
        texts = {key: self.text(key) for key in self.modified_keys()}
        if project is None or self.readonly or not texts:
            return None
        drafts = dict(self._drafts or {})
        from_draft = {k: v for k, v in texts.items() if normalize(v) == normalize(drafts.get(k, "\0"))}
        manual = {k: v for k, v in texts.items() if k not in from_draft}

        def work(progress: ProgressCallback, cancel: CancelToken) -> SaveOutcome:
            changed = save_texts(project, manual) if manual else []
            if from_draft:
                changed += save_texts(project, from_draft, source="draft")
            return SaveOutcome(changed, current_narrative(project))

        self.task = run_write(
            self,
            work,
            title=self.tr("正在保存报告文字"),
            on_done=self._on_saved,
            cancellable=False,
            show_progress=False,
        )
        self.task.finished.connect(self._update_buttons)
        self._update_buttons()
        return self.task

    def _on_saved(self, outcome: SaveOutcome) -> None:
        # What was saved is now the stored text: the editors keep what they hold (typed meanwhile too).
        self._take(outcome.state)
        for key in self._editors:
            self.model.set_modified(key, self.is_modified(key))
        self._emit_modified()
        names = "、".join(self.model.title(key) for key in outcome.changed)
        self.message_label.setText(
            self.tr("已保存：{names}").format(names=names) if names else self.tr("没有改动")
        )
        self.saved.emit(list(outcome.changed))

    # -- 放弃修改 ---------------------------------------------------------------------------------------
    def _on_revert_button_clicked(self) -> None:
        key = self.current_key()
        if key is None or not self.is_modified(key):
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("放弃修改"),
            self.tr("放弃“{title}”未保存的修改，恢复为已保存的文字？").format(title=self.model.title(key)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("revertBox")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._on_revert_box_finished(box, key))
        self.confirm_box = box
        box.open()

    def _on_revert_box_finished(self, box: QMessageBox, key: str) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Discard:
            self.revert(key)
        box.deleteLater()

    def revert(self, key: str) -> None:
        """Put the stored text back into the editor of ``key``."""
        editor = self._editors.get(key)
        if editor is not None:
            editor.setPlainText(self._stored.get(key, ""))
            self.message_label.setText(self.tr("已恢复为已保存的文字"))

    def discard_all(self) -> None:
        for key in self.modified_keys():
            self.revert(key)

    # -- 历史 -----------------------------------------------------------------------------------------
    def _on_history_button_clicked(self) -> None:
        self.show_history()

    def show_history(self) -> NarrativeHistoryDialog | None:
        key = self.current_key()
        project = self.state.project
        if key is None or project is None:
            return None
        dialog = NarrativeHistoryDialog(project, key, self.model.title(key), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(lambda text, k=key: self._on_history_restore_requested(k, text))
        self.history_dialog = dialog
        dialog.open()
        dialog.load()
        return dialog

    def _on_history_restore_requested(self, key: str, text: str) -> None:
        if self.readonly:
            return
        self.select_key(key)
        self.set_text(key, text)
        self.message_label.setText(self.tr("已把所选历史版本放回编辑器：保存后成为最新版本。"))
