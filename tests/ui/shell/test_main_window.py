"""The main window driven on a real temporary project: open, select, attach, preview, withdraw, cancel."""

# pytest-qt's qtmodeltester is untyped:
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.evidence.attach import list_evidence
from app.project.create import create_project
from app.project.folder import open_project
from app.status.workspace import IndicatorStatus
from indicator_catalog import Catalog
from ui.catalog.catalog_model import CatalogRole
from ui.common import background
from ui.evidence.evidence_dialogs import AttachDialog, RefusedFilesDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def project_dir(tmp_path: Path, small_catalog: Catalog) -> Path:
    folder = tmp_path / "测试县项目"
    create_project(folder, county="测试县", year=2022, catalog=small_catalog)
    return folder


@pytest.fixture
def window(qtbot: QtBot, project_dir: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(project_dir)
    yield win
    win.close()


def _drag_and_drop(target: QWidget, pos: QPoint, files: list[Path]) -> QDropEvent:
    """What the file manager does: a drag enters ``target`` (it becomes the drop target), then drops."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Qt marks the QPoint overload deprecated
        enter = QDragEnterEvent(
            pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    return drop


def _drop(window: MainWindow, files: list[Path]) -> None:
    _drag_and_drop(window, QPoint(window.width() // 2, window.height() // 2), files)


def _wait_task(qtbot: QtBot, window: MainWindow) -> None:
    task = window.last_task
    assert task is not None
    if task.running:
        with qtbot.waitSignal(task.finished, timeout=30_000):
            pass


def _checklist(window: MainWindow) -> list[str]:
    model = window.panel.checklist_model
    return [str(model.index(r, 1).data()) for r in range(model.rowCount())]


def test_open_select_attach_preview_withdraw(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    make_pdf_file: Callable[..., Path],
    *,
    make_xlsx_file: Callable[..., Path],
    qtmodeltester: ModelTester,
) -> None:
    assert window.windowTitle() == "测试县 2022年"
    assert window.catalog.tree_model is not None
    qtmodeltester.check(window.catalog.tree_model)
    qtmodeltester.check(window.catalog.proxy)

    assert window.select_indicator(2)
    assert window.panel.number == 2
    assert window.panel.title_label.text() == "第 2 项"
    assert _checklist(window) == ["0/1", "0/3"]

    pdfs = [make_pdf_file(tmp_path / f"审批案卷{i}.pdf", pages=i + 1, text=f"案卷 {i}") for i in range(2)]
    bad = tmp_path / "说明.txt"
    bad.write_text("不是 PDF", encoding="utf-8")
    _drop(window, [*pdfs, bad])
    dialog = window.evidence.attach_dialog
    assert isinstance(dialog, AttachDialog)
    assert dialog.isVisible()
    assert [p.name for p in dialog.files()] == ["审批案卷0.pdf", "审批案卷1.pdf", "说明.txt"]
    units = [dialog.unit_combo.itemText(i) for i in range(dialog.unit_combo.count())]
    assert units == ["县发展和改革局", "县市场监督管理局"]
    dialog.unit_combo.setCurrentIndex(1)
    dialog.period_edit.setText("2021-05")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _wait_task(qtbot, window)

    refused = window.evidence.refused_dialog
    assert isinstance(refused, RefusedFilesDialog)
    reasons = refused.reasons()
    assert list(reasons) == ["说明.txt"]
    refused.close()

    qtbot.waitUntil(lambda: window.panel.evidence_model.rowCount() == 2)
    assert _checklist(window) == ["2/1", "2/3"]
    assert window.catalog.tree_model.indicator_index(2).data(CatalogRole.STATUS) == IndicatorStatus.SOME
    assert window.catalog.tree_model.indicator_index(2, 1).data() == "2 件"
    evidence = window.panel.evidence_model
    qtmodeltester.check(evidence)
    assert evidence.index(0, 1).data() == "县市场监督管理局"
    assert evidence.index(1, 2).data() == "2 页"
    assert evidence.index(0, 3).data() == "2021-05"
    qtmodeltester.check(window.panel.checklist_model)

    # One more spreadsheet completes the "任意 3 件" demand.
    sheet = make_xlsx_file(tmp_path / "审批台账.xlsx")
    dialog = window.attach_files([sheet])
    assert dialog is not None
    dialog.accept()
    _wait_task(qtbot, window)
    qtbot.waitUntil(lambda: window.panel.evidence_model.rowCount() == 3)
    assert _checklist(window) == ["3/1", "3/3"]
    assert window.catalog.tree_model.indicator_index(2).data(CatalogRole.STATUS) == IndicatorStatus.COMPLETE

    # Preview the two-page PDF.
    row = next(r for r in range(evidence.rowCount()) if evidence.evidence(r).filename == "审批案卷1.pdf")
    window.panel.evidence_view.selectRow(row)
    document = window.preview.pdf.document
    assert window.preview.currentWidget() is window.preview.pdf
    assert document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() == 2

    # Withdraw it with a reason: the count drops and the record stays in history.
    withdraw = window.withdraw_selected()
    assert withdraw is not None
    assert not withdraw.ok_button.isEnabled()
    withdraw.reason_edit.setPlainText("上传错了")
    withdraw.ok_button.click()
    _wait_task(qtbot, window)
    qtbot.waitUntil(lambda: window.panel.evidence_model.rowCount() == 2)
    assert _checklist(window) == ["2/1", "2/3"]
    project = window.state.require_project()
    withdrawn = [r for r in list_evidence(project, include_withdrawn=True) if r.status == "withdrawn"]
    assert [(r.filename, r.withdraw_reason) for r in withdrawn] == [("审批案卷1.pdf", "上传错了")]


def test_drop_on_a_tree_row_targets_that_indicator(qtbot: QtBot, window: MainWindow, pdf_file: Path) -> None:
    window.catalog.tree.expandAll()
    index = window.catalog.proxy_index(4)
    rect = window.catalog.tree.visualRect(index)
    _drag_and_drop(window.catalog.tree.viewport(), rect.center(), [pdf_file])
    dialog = window.evidence.attach_dialog
    assert dialog is not None
    assert window.panel.number == 4
    assert "第 4 项" in dialog.windowTitle()
    dialog.reject()


def test_unit_filter_and_search(qtbot: QtBot, window: MainWindow) -> None:
    window.catalog.unit_combo.setCurrentIndex(window.catalog.unit_combo.findData("县司法局"))
    visible = [n for n in range(1, 6) if window.catalog.proxy_index(n).isValid()]
    assert visible == [4, 5]
    window.catalog.search_edit.setText("备案")
    window.catalog.apply_search()
    assert [n for n in range(1, 6) if window.catalog.proxy_index(n).isValid()] == [5]
    window.catalog.search_edit.setText("不存在的词")
    window.catalog.apply_search()
    assert window.catalog.tree_empty.isVisible()
    window.catalog.search_edit.clear()
    window.catalog.apply_search()
    window.catalog.unit_combo.setCurrentIndex(window.catalog.unit_combo.findData("__all__"))
    assert [n for n in range(1, 6) if window.catalog.proxy_index(n).isValid()] == [1, 2, 3, 4, 5]


def test_cancel_a_long_attach_leaves_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, make_pdf_file: Callable[..., Path], project_dir: Path
) -> None:
    source = make_pdf_file(tmp_path / "源.pdf", pages=1)
    files = []
    for i in range(400):
        target = tmp_path / "many" / f"文件{i:03}.pdf"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(source.read_bytes() + f"\n% {i}\n".encode())  # distinct content each
        files.append(target)
    window.select_indicator(4)
    from ui.evidence.evidence_dialogs import AttachRequest

    task = window.evidence.start_attach(AttachRequest(tuple(files), "县司法局", (4,)))
    dialog = task.dialog
    assert dialog is not None
    with qtbot.waitSignal(task.progressed, timeout=10_000):
        pass
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    buttons = [b for b in dialog.findChildren(type(window.panel.attach_button)) if b.text() == "取消"]
    assert buttons, "the progress dialog has a Cancel button"
    with qtbot.waitSignal(task.finished, timeout=30_000):
        buttons[0].click()
    assert task.token.cancelled
    assert type(task.error).__name__ == "CancelledError"
    assert window.statusBar().currentMessage() == "已取消添加，未做任何更改"

    project = window.state.require_project()
    assert list_evidence(project, include_withdrawn=True) == []
    incoming = project.store.incoming
    assert not incoming.exists() or list(incoming.iterdir()) == []
    window.close()
    # The database is consistent for the next opener: nothing half-written, the lock released.
    with open_project(project_dir) as reopened:
        assert list_evidence(reopened, include_withdrawn=True) == []


def test_background_helper_is_idle_after_tests() -> None:
    assert background.active_tasks() == []


def test_shortcuts_are_the_documented_ones(window: MainWindow) -> None:
    def keys(action: object) -> set[str]:
        return {s.toString() for s in action.shortcuts()}  # type: ignore[attr-defined]

    assert "Ctrl+O" in keys(window.registry.find("openProject"))
    assert "Ctrl+N" in keys(window.registry.find("newProject"))
    assert "Ctrl+F" in keys(window.registry.find("fullTextSearch"))
    assert "Ctrl+Shift+F" in keys(window.registry.find("searchIndicators"))
    assert "Ctrl+I" in keys(window.registry.find("attachEvidence"))
    assert "Del" in keys(window.registry.find("withdrawEvidence"))
    assert "F5" in keys(window.registry.find("refresh"))
    registry = window.registry
    assert "Ctrl+Q" in keys(registry.find("quit"))
    assert "Ctrl+E" in keys(registry.find("expandAll"))
    assert "Ctrl+Return" in keys(registry.find("openExternally"))
    assert "F2" in keys(registry.find("toggleReview"))
    assert "Ctrl+Shift+C" in keys(registry.find("runSelfCheck"))
    assert "Ctrl+Shift+I" in keys(registry.find("importPackages"))
    assert "Ctrl+P" in keys(registry.find("print"))
    assert "F1" in keys(registry.find("helpManual"))
    assert "Alt+Down" in keys(registry.find(window.workbench.next_action.objectName()))
    assert [keys(registry.find(f"showView{i}")) for i in range(1, 7)] == [{f"Ctrl+{i}"} for i in range(1, 7)]
    # Every action has a name, and every named shortcut is unique.
    shortcuts = [k for name in registry.names() for k in keys(registry.find(name))]
    assert all(registry.names()) and len(shortcuts) == len(set(shortcuts))
    window.registry.find("searchIndicators").trigger()
    assert window.catalog.search_edit.hasFocus() or QApplication.focusWidget() is window.catalog.search_edit


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_extra_indicators_open_externally_and_refresh(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, make_pdf_file: Callable[..., Path]
) -> None:
    assert window.select_indicator(2)
    pdf = make_pdf_file(tmp_path / "投资审批改革方案.pdf", pages=1)
    dialog = window.attach_files([pdf])
    assert dialog is not None
    extras = [
        dialog.extra_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.extra_list.count())
    ]
    assert extras == [1]  # 县发展和改革局's other indicator
    dialog.set_extra_indicators([1])
    assert dialog.request().indicators == (2, 1)
    dialog.accept()
    _wait_task(qtbot, window)
    assert window.catalog.tree_model is not None
    # The same file now counts for indicator 1 too, which the change named.
    assert window.catalog.tree_model.indicator_index(1).data(CatalogRole.STATUS) == IndicatorStatus.COMPLETE
    qtbot.waitUntil(lambda: window.panel.evidence_model.rowCount() == 1)

    catcher = _UrlCatcher()
    # The stub says bytes; PySide6 6.12 accepts only str at run time.
    QDesktopServices.setUrlHandler("file", catcher, "open")  # type: ignore[arg-type]
    try:
        window.panel.evidence_view.selectRow(0)
        copy = window.open_externally(window.panel.evidence_model.evidence(0))
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert copy is not None
    assert copy.name == "投资审批改革方案.pdf"  # the original name, not the store's hash
    assert copy.read_bytes() == pdf.read_bytes()
    assert [u.toLocalFile() for u in catcher.urls] == [str(copy)]

    task = window.refresh()
    assert task is not None
    with qtbot.waitSignal(window.state.changed, timeout=10_000) as blocker:
        pass
    assert blocker.args[0].everything


def test_shared_indicator_link_and_opening_a_non_project(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.select_indicator(4)
    assert "第 5 项" in window.panel.shared_label.text()
    window.panel.shared_label.linkActivated.emit("indicator:5")
    assert window.panel.number == 5

    other = MainWindow()
    qtbot.addWidget(other)
    task = other.open_project(tmp_path / "不存在的文件夹")
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    boxes = [b for b in other.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert "项目文件夹不存在" in boxes[0].text()
    assert other.stack.currentWidget() is other.empty_page
    boxes[0].close()


def test_units_editor_opens_from_the_edit_menu(qtbot: QtBot, window: MainWindow) -> None:
    action = window.registry.find("editUnits")
    assert action.isEnabled()
    action.trigger()
    dialog = window.units_dialog
    qtbot.waitUntil(dialog.isVisible)
    names = {dialog.model.unit(row).name for row in range(dialog.model.rowCount())}
    assert names == {u.name for u in window.state.units}
    dialog.reject()


def test_the_opened_message_names_county_and_year(window: MainWindow, project_dir: Path) -> None:
    message = window.statusBar().currentMessage()
    assert message.startswith("已打开 测试县 2022年（") and str(project_dir) in message
