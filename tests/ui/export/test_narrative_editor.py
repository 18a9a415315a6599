"""The narrative editor on a temporary project: edit and save (DB rows, history, audit entry), reopen
shows the saved text, 生成草稿 fills an empty part only, 历史 restores a version, unsaved marks and the
confirmations (放弃修改, closing the dock), read-only projects, and a report exported after saving
prints the text (pypdf)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.assessment.levels import set_level
from app.base.changes import ProjectChange
from app.export.service import export_report_pdf
from app.narrative.store import current_narrative, history, save_text, save_texts
from app.project.audit_log import list_log
from app.project.folder import open_project
from app.status.workspace import load_workspace, snapshot
from models import NarrativeText
from ui.common.state import ProjectState
from ui.export.narrative_dock import NarrativeDock
from ui.export.narrative_editor import NarrativeEditor
from ui.export.narrative_sections import MODIFIED_MARK, NarrativeRole
from ui.shell.main_window import MainWindow

pytest_plugins = ["conftest_part2"]


def _editor(qtbot: QtBot, state: Any) -> NarrativeEditor:
    editor = NarrativeEditor(state)
    qtbot.addWidget(editor)
    editor.resize(1000, 640)
    editor.show()
    assert editor.task is not None
    qtbot.waitUntil(lambda: not editor.task.running, timeout=10_000)  # type: ignore[union-attr]
    return editor


def _display(editor: NarrativeEditor, key: str) -> str:
    row = editor.model.row_of(key)
    assert row is not None
    return str(editor.model.index(row).data())


def _save(qtbot: QtBot, editor: NarrativeEditor) -> list[str]:
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        editor.save_button.click()
    return list(saved.args[0])


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_parts_listed_in_report_order(qtbot: QtBot, part2_state: Any) -> None:
    editor = _editor(qtbot, part2_state)
    catalog = part2_state.catalog
    keys = editor.model.part_keys()
    areas = [f"area:{i}" for i in range(1, len(catalog.areas) + 1)]
    notes = [f"indicator:{i.number}" for i in catalog.indicators]
    assert keys == ["basic", *areas, "problems", "next_steps", *notes]
    heading = editor.model.index(len(areas) + 3)
    assert heading.data() == "三级指标自评说明" and heading.data(NarrativeRole.KEY) == ""
    assert editor.current_key() == "basic"  # the first part is shown
    assert editor.title_label.text() == "基本情况"
    assert editor.version_label.text() == "尚未保存过"


def test_edit_save_reopen_history_and_audit(qtbot: QtBot, part2_state: Any, part2_project_dir: Path) -> None:
    project = part2_state.project
    editor = _editor(qtbot, part2_state)
    assert not editor.save_button.isEnabled()
    editor.select_key("basic")
    editor.editor("basic").setPlainText("测试县位于山区，创建工作由县委依法治县办统筹。")
    assert _display(editor, "basic").startswith(MODIFIED_MARK)
    assert editor.save_button.isEnabled() and editor.revert_button.isEnabled()
    editor.select_note(2)
    editor.editor("indicator:2").setPlainText("本项建立了行政规范性文件合法性审核机制。")
    assert editor.modified_keys() == ["basic", "indicator:2"]

    assert _save(qtbot, editor) == ["basic", "indicator:2"]
    assert not _display(editor, "basic").startswith(MODIFIED_MARK)
    assert not editor.save_button.isEnabled()
    assert "已保存" in editor.message_label.text()
    assert editor.version_label.text().startswith("上次保存：")
    with project.session() as session:
        rows = session.scalars(select(NarrativeText).order_by(NarrativeText.id)).all()
        assert [(r.key, r.text, r.source) for r in rows] == [
            ("basic", "测试县位于山区，创建工作由县委依法治县办统筹。", "manual"),
            ("indicator:2", "本项建立了行政规范性文件合法性审核机制。", "manual"),
        ]
    (entry,) = list_log(project, action="narrative.save")
    assert entry.detail["keys"] == ["basic", "indicator:2"]

    # A second save of the same part is a new version; the history lists both.
    editor.select_key("basic")
    editor.editor("basic").setPlainText("第二稿：测试县位于山区。")
    assert _save(qtbot, editor) == ["basic"]
    assert [v.text for v in history(project, "basic")] == [
        "第二稿：测试县位于山区。",
        "测试县位于山区，创建工作由县委依法治县办统筹。",
    ]

    # Reopening (a new editor on the project reopened) shows the saved text.
    editor.close()
    part2_state.close()
    state = ProjectState()
    with open_project(part2_project_dir) as reopened:
        assert current_narrative(reopened).sections["basic"] == "第二稿：测试县位于山区。"
    project2, snapshot = load_workspace(part2_project_dir)
    state.set_project(project2, snapshot)
    try:
        again = _editor(qtbot, state)
        assert again.text("basic") == "第二稿：测试县位于山区。"
        again.select_note(2)
        assert again.editor("indicator:2").toPlainText() == "本项建立了行政规范性文件合法性审核机制。"
        assert not again.has_unsaved_changes()
    finally:
        state.close()


def test_draft_fills_an_empty_part_only(qtbot: QtBot, part2_state: Any, add_evidence: Any) -> None:
    project = part2_state.project
    add_evidence(project, "县发展和改革局", [1], stem="权责清单")
    set_level(project, 1, "达标", comment="清单已公布")
    editor = _editor(qtbot, part2_state)
    editor.select_key("basic")
    assert editor.draft_button.isEnabled()
    with qtbot.waitSignal(editor.drafted, timeout=30_000) as drafted:
        editor.draft_button.click()
    assert drafted.args == ["basic"]
    text = editor.editor("basic").toPlainText()
    assert "测试县" in text and "（请补充：" in text
    assert editor.is_modified("basic") and not editor.draft_button.isEnabled()  # has text now

    # An indicator's note: level, points, comment and the evidence title.
    editor.select_note(1)
    editor.generate_draft()  # the drafts are kept: filled at once
    note = editor.editor("indicator:1").toPlainText()
    assert "本项自评达标" in note and "清单已公布" in note and "《权责清单" in note

    # A part with text is never replaced by a draft.
    editor.select_note(2)
    editor.editor("indicator:2").setPlainText("已有文字")
    assert not editor.draft_button.isEnabled()
    editor.generate_draft()
    assert editor.editor("indicator:2").toPlainText() == "已有文字"

    saved = _save(qtbot, editor)
    assert set(saved) == {"basic", "indicator:1", "indicator:2"}
    sources = {v.key: v.source for v in current_narrative(project).versions.values()}
    assert sources == {"basic": "draft", "indicator:1": "draft", "indicator:2": "manual"}


def test_history_restores_a_version(qtbot: QtBot, part2_state: Any) -> None:
    project = part2_state.project
    save_text(project, "problems", "第一稿：台账不全。")
    save_text(project, "problems", "第二稿：台账不全，正在补齐。")
    editor = _editor(qtbot, part2_state)
    editor.select_key("problems")
    assert editor.text("problems") == "第二稿：台账不全，正在补齐。"
    dialog = editor.show_history()
    assert dialog is not None
    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as loaded:
        pass
    assert loaded.args == [2]
    assert dialog.model.rowCount() == 2
    assert dialog.text_view.toPlainText() == "第二稿：台账不全，正在补齐。"  # newest selected
    dialog.select_version(1)
    assert dialog.text_view.toPlainText() == "第一稿：台账不全。"
    dialog.restore_button.click()
    assert editor.editor("problems").toPlainText() == "第一稿：台账不全。"
    assert editor.is_modified("problems") and _display(editor, "problems").startswith(MODIFIED_MARK)
    assert _save(qtbot, editor) == ["problems"]
    assert [v.text for v in history(project, "problems")] == [
        "第一稿：台账不全。",
        "第二稿：台账不全，正在补齐。",
        "第一稿：台账不全。",
    ]


def _answer(qtbot: QtBot, box: QMessageBox | None, button: QMessageBox.StandardButton) -> None:
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    clicked = box.button(button)
    assert isinstance(clicked, QPushButton)
    clicked.click()


def test_revert_asks_first(qtbot: QtBot, part2_state: Any) -> None:
    save_text(part2_state.project, "next_steps", "巩固创建成果。")
    editor = _editor(qtbot, part2_state)
    editor.select_key("next_steps")
    editor.editor("next_steps").setPlainText("改过的文字")
    editor.revert_button.click()
    _answer(qtbot, editor.confirm_box, QMessageBox.StandardButton.Cancel)
    assert editor.editor("next_steps").toPlainText() == "改过的文字"
    editor.revert_button.click()
    _answer(qtbot, editor.confirm_box, QMessageBox.StandardButton.Discard)
    assert editor.editor("next_steps").toPlainText() == "巩固创建成果。"
    assert not editor.has_unsaved_changes()


def test_closing_the_dock_with_changes_asks(qtbot: QtBot, part2_state: Any) -> None:
    project = part2_state.project
    dock = NarrativeDock(part2_state)
    qtbot.addWidget(dock)
    dock.show()
    editor = dock.editor
    qtbot.waitUntil(lambda: editor.task is not None and not editor.task.running, timeout=10_000)
    editor.editor("basic").setPlainText("未保存的基本情况")
    assert dock.windowTitle().endswith("*")
    dock.close()
    _answer(qtbot, dock.close_box, QMessageBox.StandardButton.Cancel)
    assert dock.isVisible() and editor.has_unsaved_changes()
    dock.close()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        _answer(qtbot, dock.close_box, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not dock.isVisible(), timeout=5_000)
    assert current_narrative(project).sections["basic"] == "未保存的基本情况"
    dock.show()
    editor.editor("basic").setPlainText("又改了")
    dock.close()
    _answer(qtbot, dock.close_box, QMessageBox.StandardButton.Discard)
    assert not dock.isVisible()
    assert editor.text("basic") == "未保存的基本情况"
    assert current_narrative(project).sections["basic"] == "未保存的基本情况"


def test_read_only_project_shows_the_text_read_only(qtbot: QtBot, part2_project_dir: Path) -> None:
    with open_project(part2_project_dir) as writable:
        save_text(writable, "basic", "只读时也能看到的文字")
    state = ProjectState()
    project = open_project(part2_project_dir, readonly=True)
    state.set_project(project, snapshot(project))
    try:
        editor = _editor(qtbot, state)
        assert editor.readonly_label.isVisible() and "只读" in editor.readonly_label.text()
        assert editor.text("basic") == "只读时也能看到的文字"
        assert editor.editor("basic").isReadOnly()
        assert not editor.save_button.isEnabled() and not editor.draft_button.isEnabled()
        assert editor.history_button.isEnabled()  # looking at the history is fine
        assert editor.save() is None
    finally:
        state.close()


def test_report_exported_after_saving_prints_the_text(qtbot: QtBot, part2_state: Any, tmp_path: Path) -> None:
    project = part2_state.project
    editor = _editor(qtbot, part2_state)
    editor.editor("basic").setPlainText("本县共有十二个乡镇，依法治县办牵头创建。")
    editor.editor("indicator:3").setPlainText("第三项的自评说明文字。")
    _save(qtbot, editor)
    out = export_report_pdf(project, tmp_path / "报告.pdf")
    text = _pdf_text(out).replace("\n", "")
    assert "本县共有十二个乡镇，依法治县办牵头创建。" in text
    assert "第三项的自评说明文字。" in text


# A floating dock is a window of its own: Qt raises it, which the offscreen test platform cannot do.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)\(\)")
def test_reached_from_the_export_menu_and_the_indicator_panel(qtbot: QtBot, part2_project_dir: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.open_project(part2_project_dir)
    try:
        action = window.registry.find("editNarrative")
        assert action in window.menus.export.actions() and action.isEnabled()
        action.trigger()
        dock = window.workbench.narrative_dock
        assert dock is not None and dock.isVisible()
        assert dock.width() <= 1366 and window.width() <= 1366  # floats over the window, never widens it
        qtbot.waitUntil(lambda: dock.editor.task is not None and not dock.editor.task.running)
        assert dock.editor.current_key() == "basic"
        window.select_indicator(3)
        qtbot.waitUntil(lambda: window.panel.number == 3)
        window.panel.note_button.click()
        assert window.workbench.narrative_dock is dock  # one editor per window
        assert dock.editor.current_key() == "indicator:3"
        assert dock.editor.title_label.text().startswith("3. ")
    finally:
        window.close()


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)\(\)")
def test_closing_the_window_with_unsaved_text_asks_first(qtbot: QtBot, part2_project_dir: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.open_project(part2_project_dir)
    dock = window.workbench.edit_narrative()
    assert dock is not None
    qtbot.waitUntil(lambda: dock.editor.task is not None and not dock.editor.task.running)
    dock.editor.editor("basic").setPlainText("还没保存的文字")
    window.close()
    assert window.isVisible() and window.state.project is not None  # not closed: the editor asks
    _answer(qtbot, dock.close_box, QMessageBox.StandardButton.Discard)
    assert not dock.editor.has_unsaved_changes()
    window.close()
    assert not window.isVisible() and window.state.project is None


def _stored_check(qtbot: QtBot, editor: NarrativeEditor, trigger: Any) -> list[str]:
    """Run ``trigger`` (an activation, a project change) and wait for the re-read it starts."""
    with qtbot.waitSignal(editor.stored_changed, timeout=10_000) as changed:
        trigger()
    return list(changed.args[0])


def _click(qtbot: QtBot, editor: NarrativeEditor, name: str) -> None:
    box = editor.conflict_box
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    button = box.findChild(QPushButton, name)
    assert isinstance(button, QPushButton)
    button.click()
    qtbot.waitUntil(lambda: editor.conflict_box is None, timeout=5_000)


def test_text_imported_elsewhere_is_taken_when_the_window_is_active_again(
    qtbot: QtBot, part2_state: Any
) -> None:
    project = part2_state.project
    save_text(project, "basic", "原来的基本情况")
    editor = _editor(qtbot, part2_state)
    editor.select_key("basic")
    assert editor.editor("basic").toPlainText() == "原来的基本情况"
    # As ``fazhi narrative DIR --import`` stores it while the editor is open.
    save_texts(
        project, {"basic": "命令行导入的基本情况", "next_steps": "导入的下一步打算"}, origin="正文.docx"
    )
    application = QGuiApplication.instance()
    assert isinstance(application, QGuiApplication)
    moved = _stored_check(
        qtbot, editor, lambda: application.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    )
    assert sorted(moved) == ["basic", "next_steps"]
    assert editor.editor("basic").toPlainText() == "命令行导入的基本情况"
    assert editor.text("next_steps") == "导入的下一步打算"
    assert not editor.has_unsaved_changes() and editor.conflict_box is None
    assert "命令行导入" not in editor.message_label.text() and "已载入" in editor.message_label.text()
    # Nothing new: a second check finds nothing and asks nothing.
    task = editor.check_stored()
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    assert editor.conflict_box is None and not editor.has_unsaved_changes()


def test_unsaved_edits_under_text_stored_elsewhere_ask_keep_mine_or_take_theirs(
    qtbot: QtBot, part2_state: Any
) -> None:
    project = part2_state.project
    save_texts(project, {"basic": "第一版", "next_steps": "下一步第一版"})
    editor = _editor(qtbot, part2_state)
    editor.editor("next_steps")
    editor.editor("basic").setPlainText("我在窗口里改的")
    save_texts(project, {"basic": "别处保存的", "next_steps": "下一步别处版"})
    _stored_check(qtbot, editor, lambda: part2_state.apply(ProjectChange.of(everything=True)))
    assert editor.text("next_steps") == "下一步别处版"  # not edited here: taken silently
    assert editor.text("basic") == "我在窗口里改的"  # asked first
    assert "基本情况" in (editor.conflict_box.text() if editor.conflict_box else "")
    _click(qtbot, editor, "keepMineButton")
    assert editor.text("basic") == "我在窗口里改的" and editor.is_modified("basic")
    assert _save(qtbot, editor) == ["basic"]
    assert current_narrative(project).sections["basic"] == "我在窗口里改的"
    assert [v.text for v in history(project, "basic")] == ["我在窗口里改的", "别处保存的", "第一版"]
    # Its own save is no change from elsewhere.
    task = editor.check_stored()
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    assert editor.conflict_box is None

    editor.editor("basic").setPlainText("又改了一次")
    save_texts(project, {"basic": "别处又保存了"})
    _stored_check(qtbot, editor, lambda: part2_state.apply(ProjectChange.of(indicators=[3])))
    _click(qtbot, editor, "takeTheirsButton")
    assert editor.text("basic") == "别处又保存了"
    assert not editor.has_unsaved_changes() and not editor.save_button.isEnabled()
    assert current_narrative(project).sections["basic"] == "别处又保存了"
