"""Entry point of the window: ``run_gui(project)`` (``fazhi gui [DIR]`` and plain ``fazhi``)."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog

import indicator_catalog  # noqa: F401
from app import __version__
from exports import fonts
from ui.common import settings
from ui.common.background import shut_down_workers
from ui.shell.main_window import MainWindow
from ui.shell.start_dialog import StartDialog

log = logging.getLogger("fazhi.ui")

I18N_DIR = Path(__file__).resolve().parents[1] / "i18n"
APP_DISPLAY_NAME = "法治政府建设示范创建自评系统"

# Kept alive for the life of the application (Qt does not own translators).
_translators: list[QTranslator] = []


def bundled_font_files() -> list[Path]:
    """The CJK fonts shipped with the exports (``exports.fonts``), if they are there."""
    try:
        pass
    except ImportError:
        return []
    names = ("SANS_REGULAR", "SANS_BOLD")
    files = [Path(str(getattr(fonts, name))) for name in names if getattr(fonts, name, None)]
    return [f for f in files if f.is_file()]


def register_fonts(app: QGuiApplication) -> list[str]:
    """Register the bundled CJK font; make it the UI font where the system has no Chinese font.

    Returns the families registered. Linux machines without Chinese fonts (minimal Kylin/UOS installs,
    servers) would otherwise show boxes for every character.
    """
    had_chinese = bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    families: list[str] = []
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not register font %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if families and not had_chinese:
        font = QFont(app.font())
        font.setFamilies([families[0], *font.families()])
        app.setFont(font)
    return families


def install_translators(app: QCoreApplication) -> list[str]:
    """Qt's own Chinese strings (standard buttons, dialogs) and ours if a .qm exists (source: zh_CN)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [("qtbase_zh_CN", qt_dir)]
    candidates += [(qm.stem, str(I18N_DIR)) for qm in sorted(I18N_DIR.glob("*.qm"))]
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded.append(name)
    return loaded


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, set up once (names, high-DPI, translators, fonts); reused if it exists."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scaling (125 %, 150 % on Windows laptops) without rounding blur.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    configure_application(app)
    return app


def configure_application(app: QApplication) -> None:
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("fazhi")
    icon_file = Path(__file__).resolve().parents[1] / "icons" / "fazhi.png"
    if icon_file.is_file():
        app.setWindowIcon(QIcon(str(icon_file)))
    install_translators(app)
    register_fonts(app)


class MainThreadGarbageCollector(QObject):
    """Python's cyclic garbage collector, run on the UI thread only (qutebrowser's approach).

    Left automatic, a collection can start in a worker thread and free a Qt object there, which Qt
    does not allow (crashes). So automatic collection is off and a timer collects on the UI thread.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def _on_timer_timeout(self) -> None:
        threshold = gc.get_threshold()
        counts = gc.get_count()
        # Collect the youngest generation that is due, as the automatic collector would.
        for generation in (2, 1, 0):
            if counts[generation] > threshold[generation]:
                gc.collect(generation)
                break


def install_main_thread_gc(app: QCoreApplication) -> MainThreadGarbageCollector:
    collector = MainThreadGarbageCollector(app)
    collector.start()
    app.aboutToQuit.connect(collector.stop)
    return collector


def run_gui(project: Path | None) -> int:
    """Show the window on ``project``, or the start dialog; returns the exit code."""
    app = create_application()
    install_main_thread_gc(app)
    code = _show_and_run(app, project)
    # The window's Python side went with _show_and_run's frame; what cycles kept goes now, while the
    # interpreter is whole (see tear_down).
    gc.collect()
    return code


def _show_and_run(app: QApplication, project: Path | None) -> int:
    try:
        if project is None:
            start = StartDialog()
            accepted = start.exec() == QDialog.DialogCode.Accepted
            project = start.chosen_folder if accepted else None
            if project is None:
                return 0
        window = MainWindow()
        window.show()
        window.open_project(project)
        _quit_after_env_delay(app, window)
        return app.exec()
    finally:
        tear_down(app)


def tear_down(app: QCoreApplication) -> None:
    """Destroy the windows, the workers and what they left while the interpreter is still whole.

    Left to the interpreter's exit, a window that had a project open was freed by the final garbage
    collection, after Qt's application was gone: PySide6 then released references it did not hold
    ("Fatal Python error: bool_dealloc … refcount error in a C extension", abort; 6 of 10 exits of a
    script that kept its window in a global). Here the order is fixed: background work cancelled and
    waited for, its results delivered, the windows closed (closeEvent saves and closes the project;
    nothing runs now that the close guard would ask about), the top-level widgets deleted, the
    garbage collected, the worker pools stopped. The caller drops its own references afterwards.
    """
    shut_down_workers()
    # Results of the cancelled work and zero-delay timers reach the windows while they still exist.
    QCoreApplication.processEvents()
    if isinstance(app, QApplication):
        app.closeAllWindows()
        for widget in QApplication.topLevelWidgets():
            widget.deleteLater()
    shut_down_workers()  # anything a closing window started
    # Only the deletions now: no other event runs against a half-deleted window.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def _quit_after_env_delay(app: QApplication, window: MainWindow) -> None:
    """FAZHI_QUIT_AFTER_MS=N closes the window after N ms: the packaged program's smoke test starts the
    real window without a person to close it. FAZHI_QUIT_WHEN_OPEN=1 (tests) closes it as soon as the
    project is open and its first list shown, i.e. just after the opening's background work finished.
    Either closes without asking: a question about running work (the bundle's head start, an import)
    would wait for an answer nobody gives, and the scripted run would never end."""
    delay = os.environ.get("FAZHI_QUIT_AFTER_MS", "").strip()
    if delay.isdigit():
        QTimer.singleShot(int(delay), lambda: quit_without_asking(app, window))
    if os.environ.get("FAZHI_QUIT_WHEN_OPEN", "").strip() == "1":
        window.evidence_loaded.connect(
            lambda _number: QTimer.singleShot(0, lambda: quit_without_asking(app, window))
        )


def quit_without_asking(app: QApplication, window: MainWindow) -> None:
    """Close ``window`` (its running work cancelled, see ``MainWindow.close_without_asking``), then every
    other window; the event loop ends with the last one."""
    if shiboken6.isValid(window) and window.isVisible():
        window.close_without_asking()
    app.closeAllWindows()
