"""Export dialogs on a temporary project: preview and export the report (text read back with pypdf),
bundles per unit, the workbook, and Cancel leaving no file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from app.assessment.levels import set_level, set_veto
from app.base.errors import CancelledError
from app.export.dispatch import ExportKind
from app.project.audit_log import list_log
from ui.common import dialog_parts
from ui.export.export_dialogs import ExportDialog

pytest_plugins = ["conftest_part2"]


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(dialog_parts, "open_url", fake_open)
    return urls


def _dialog(qtbot: QtBot, state: Any, kind: ExportKind) -> ExportDialog:
    dialog = ExportDialog(state, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_preview_then_export_report_pdf(
    qtbot: QtBot, part2_state: Any, add_evidence: Any, tmp_path: Path, opened_urls: list[QUrl]
) -> None:
    project = part2_state.project
    add_evidence(project, "县发展和改革局", [1])
    set_level(project, 1, "达标", comment="清单已公布")
    set_veto(project, "V1", triggered=True, note="发生重大违法行政案件")
    dialog = _dialog(qtbot, part2_state, ExportKind.REPORT_PDF)
    assert dialog.path_edit.text().endswith("测试县法治政府建设示范创建自评报告.pdf")

    # Preview: the report shows in the app's PDF view; nothing is logged as exported.
    assert dialog.preview_button is not None and dialog.pdf_view is not None
    with qtbot.waitSignal(dialog.previewed, timeout=60_000):
        dialog.preview_button.click()
    assert dialog.pdf_view.isVisible()
    pages = dialog.pdf_view.document.pageCount()
    assert pages >= 2
    assert f"预览共 {pages} 页" in dialog.result_label.text()
    assert list_log(project, action="export.") == []

    out = tmp_path / "输出" / "报告"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        dialog.export_button.click()
    written = exported.args[0]
    assert written == [tmp_path / "输出" / "报告.pdf"]  # the suffix is added
    text = _pdf_text(written[0])
    for words in ("测试县", "自评报告", "一票否决", "清单已公布", "非官方"):
        assert words in text, words
    assert "已导出" in dialog.result_label.text()
    (entry,) = list_log(project, action="export.")
    assert entry.action == "export.report" and str(written[0].resolve()) in entry.detail["outputs"]

    # Open the file / show it in its folder.
    assert dialog.open_button.isVisible() and dialog.reveal_button.isVisible()
    dialog.open_button.click()
    dialog.reveal_button.click()
    assert [Path(u.toLocalFile()) for u in opened_urls] == [written[0], written[0].parent]
    dialog.reject()
    assert dialog._preview_dir is None


def test_bundle_per_unit_and_one_unit(
    qtbot: QtBot, part2_state: Any, add_evidence: Any, tmp_path: Path
) -> None:
    project = part2_state.project
    add_evidence(project, "县发展和改革局", [1], count=2, stem="许可清单")
    add_evidence(project, "县司法局", [4], stem="审核意见书")
    dialog = _dialog(qtbot, part2_state, ExportKind.BUNDLE)
    dialog.scope_per_unit.setChecked(True)
    assert dialog.path_caption.text() == "保存到文件夹："
    folder = tmp_path / "汇编"
    dialog.path_edit.setText(str(folder))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        dialog.export_button.click()
    names = sorted(p.name for p in exported.args[0])
    assert set(names) == {"印证资料汇编_县司法局.pdf", "印证资料汇编_县发展和改革局.pdf"}
    assert not dialog.open_button.isVisible() and dialog.reveal_button.isVisible()
    assert len(PdfReader(str(folder / "印证资料汇编_县发展和改革局.pdf")).pages) >= 2

    dialog.scope_one.setChecked(True)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("县司法局"))
    dialog.path_edit.setText(str(tmp_path / "司法局汇编.pdf"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        dialog.export_button.click()
    (only,) = exported.args[0]
    assert "审核意见书" in _pdf_text(only) or len(PdfReader(str(only)).pages) >= 1
    assert [e.detail["unit"] for e in list_log(project, action="export.bundle")][-1] == "县司法局"


def test_workbook_and_cancel(
    qtbot: QtBot, part2_state: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    dialog = _dialog(qtbot, part2_state, ExportKind.WORKBOOK)
    out = tmp_path / "打分表.xlsx"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.export_button.click()
    book = load_workbook(out, read_only=True)
    assert len(book.sheetnames) >= 2
    book.close()

    # A stand-in export that waits for Cancel (as a long one would) and writes nothing.
    from app.export import service as reporting

    def slow_export(project: Any, out: Path, progress: Any = None, cancel: Any = None) -> Path:
        progress(1, 10, "正在写入工作表")
        cancel._event.wait(30)
        raise CancelledError()

    monkeypatch.setattr(reporting, "export_workbook", slow_export)
    second = tmp_path / "取消.xlsx"
    dialog.path_edit.setText(str(second))
    dialog.export_button.click()
    task = dialog.last_task
    assert task is not None
    qtbot.waitUntil(lambda: dialog.progress.bar.maximum() == 10)
    assert not dialog.export_button.isEnabled()
    with qtbot.waitSignal(task.finished, timeout=30_000):
        dialog.progress.cancel_button.click()
    assert dialog.result_label.text() == "已取消导出，没有留下文件。"
    assert not second.exists()
    assert dialog.export_button.isEnabled()


@pytest.mark.parametrize("kind", [ExportKind.REPORT_PDF, ExportKind.WORKBOOK, ExportKind.BUNDLE])
def test_export_dialogs_are_as_tall_as_their_content(
    qtbot: QtBot, part2_state: Any, kind: ExportKind
) -> None:
    # A fixed 320 px left ~180 px of nothing above the buttons of the report and workbook dialogs.
    dialog = _dialog(qtbot, part2_state, kind)
    qtbot.waitExposed(dialog)
    assert dialog.height() <= dialog.sizeHint().height() + 8
