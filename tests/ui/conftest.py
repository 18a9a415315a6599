"""Fixtures for the window tests: a small catalog (never assume 9/32/100) and test files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from catalog_samples import small_catalog_document

from indicator_catalog import Catalog, catalog_from_document


@pytest.fixture
def small_catalog() -> Catalog:
    return catalog_from_document(small_catalog_document(), "test-small")


def make_pdf(path: Path, pages: int = 2, text: str = "测试资料") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        c.drawString(72, 720, f"{text} page {page + 1}")
        c.showPage()
    c.save()
    return path


def make_xlsx(path: Path, rows: int = 5, sheets: tuple[str, ...] = ("台账",)) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = sheets[0]
    for name in sheets[1:]:
        wb.create_sheet(name)
    for ws in wb.worksheets:
        ws.append(["序号", "事项名称", "办理时间"])
        for row in range(rows):
            ws.append([row + 1, f"事项{row + 1}", f"2021-0{row % 9 + 1}-01"])
    wb.save(path)
    return path


@pytest.fixture
def make_pdf_file() -> Callable[..., Path]:
    return make_pdf


@pytest.fixture
def make_xlsx_file() -> Callable[..., Path]:
    return make_xlsx


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "合法性审核意见书.pdf", pages=3)


@pytest.fixture
def xlsx_file(tmp_path: Path) -> Path:
    return make_xlsx(tmp_path / "审批台账.xlsx", rows=8, sheets=("台账", "汇总"))


# The offscreen platform plugin (used when no display is set) warns on every top-level window with a
# size constraint; that is the plugin's limitation, not ours. Every other Qt warning still fails a test.
_OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _ui_application(
    qapp: Any, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The application set up as ``run_gui`` does it; QSettings kept out of the real home."""
    from PySide6.QtCore import QSettings

    from ui.shell.app_setup import configure_application

    if not qapp.property("fazhi_configured"):
        configure_application(qapp)
        qapp.setProperty("fazhi_configured", True)
    folder = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    # The first-run guides would pop up over every window test; tests of the guide forget this.
    from ui.help.first_run import mark_all_guides_seen

    mark_all_guides_seen()
    # The bundle's head start would run behind every window test that lasts a few seconds; its own
    # tests (tests/ui/export/test_bundle_learner.py) start it themselves.
    monkeypatch.setattr("ui.export.bundle_learner.START_DELAY_MS", 24 * 3600 * 1000)
    # Suggested project folders must not land in the real Documents folder.
    documents = tmp_path_factory.mktemp("documents")
    monkeypatch.setattr("ui.shell.start_dialog.default_projects_root", lambda: documents / "法治政府示范创建")
