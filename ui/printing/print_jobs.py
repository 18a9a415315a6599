"""Printing: a printer chosen in ``QPrintDialog`` (or shown in ``QPrintPreviewDialog``), then the pages.

``PrintFlow`` asks for the printer, then paints: a ``QTextDocument`` (the self-check list, the audit log,
the report's text) or the pages of a PDF (the 自评报告 as exported, rendered with ``QPdfDocument`` when
``PySide6.QtPdf`` is there). The two dialog steps are functions given to the flow, so tests print
straight to a PDF file without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRect, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QPainter, QTextDocument, QTransform
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from app.base.errors import FazhiError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from ui.common.background import BackgroundTask, run_read

try:  # Qt's PDF module is an add-on: without it the report prints as text.
    from PySide6 import QtPdf

    #: Whether PDF pages can be printed as they are (else: the report's text).
    HAS_QTPDF = True
except ImportError:  # pragma: no cover - present in the shipped wheels
    HAS_QTPDF = False
#: Resolution PDF pages are rendered at for printing (sharp on paper, bounded memory per page).
PDF_PRINT_DPI = 200
#: …and for the on-screen preview (quick to page through).
PREVIEW_DPI = 96

#: Paints everything on the printer; returns the number of pages.
Paint = Callable[[QPrinter], int]
#: Paints in a worker thread, reporting progress and stopping when cancelled; returns the pages.
BackgroundPaint = Callable[[QPrinter, ProgressCallback, CancelToken], int]
#: The dialog step before printing: set up ``printer``; False when the user cancelled.
ChoosePrinter = Callable[[QPrinter, QWidget | None], bool]
#: The preview step: show ``paint``'s pages for ``printer`` (the dialog prints if asked to).
ShowPreview = Callable[[QPrinter, Paint, QWidget | None], None]


def ask_with_dialog(printer: QPrinter, parent: QWidget | None) -> bool:
    """The standard print dialog (printer, copies, page range, duplex)."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintFlow", "打印"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def preview_with_dialog(printer: QPrinter, paint: Paint, parent: QWidget | None) -> None:
    """The standard print preview (pages on screen, a button to print them)."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintFlow", "打印预览"))
    dialog.paintRequested.connect(paint)
    dialog.resize(900, 700)
    dialog.exec()


def print_text(document: QTextDocument, printer: QPrinter) -> int:
    """Print ``document`` on the printer's pages, each with 第 n 页，共 m 页 at its foot; returns the pages
    printed (the dialog's page range applies)."""
    laid = document.clone()
    laid.documentLayout().setPaintDevice(printer)
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    footer = printer.logicalDpiY() * 0.45
    body = QSizeF(page.width(), page.height() - footer)
    laid.setPageSize(body)
    count = laid.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise FazhiError(_not_started(printer))
    try:
        painter.setFont(laid.defaultFont())
        first, last = _page_range(printer, count)
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            painter.save()
            painter.setTransform(QTransform.fromTranslate(0, -index * body.height()))
            laid.drawContents(painter, QRectF(QPointF(0, index * body.height()), body))
            painter.restore()
            note = QCoreApplication.translate("PrintFlow", "第 {n} 页，共 {count} 页").format(
                n=index + 1, count=count
            )
            painter.drawText(
                QRectF(0, body.height(), body.width(), footer), int(Qt.AlignmentFlag.AlignCenter), note
            )
        return last - first + 1
    finally:
        painter.end()


def print_pdf(
    pdf: Path,
    printer: QPrinter,
    dpi: int = PDF_PRINT_DPI,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Print the pages of ``pdf``, each scaled to fit the printer's page (aspect kept, centred).

    Runs in a worker thread too (Qt paints on a QPrinter outside the GUI thread); a cancel aborts
    the print run (a PDF output file is not left half-written)."""
    if not HAS_QTPDF:
        raise RuntimeError("PySide6.QtPdf is not available")
    document = QtPdf.QPdfDocument()
    document.load(str(pdf))
    count = document.pageCount()
    if document.status() != QtPdf.QPdfDocument.Status.Ready or count == 0:
        document.close()
        raise FazhiError(
            QCoreApplication.translate("PrintFlow", "无法读取要打印的文件：{file}").format(file=pdf)
        )
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise FazhiError(_not_started(printer))
    try:
        first, last = _page_range(printer, count)
        for index in range(first, last + 1):
            if cancel is not None and cancel.cancelled:
                printer.abort()
                check_cancel(cancel)
            report(
                progress,
                index - first,
                last - first + 1,
                QCoreApplication.translate("PrintFlow", "第 {n} 页").format(n=index + 1),
            )
            if index > first:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
            image = document.render(index, size)
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = target.x() + (target.width() - scaled.width()) // 2
            y = target.y() + (target.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
        return last - first + 1
    finally:
        painter.end()
        document.close()


def _not_started(printer: QPrinter) -> str:
    name = printer.outputFileName() or printer.printerName()
    return QCoreApplication.translate("PrintFlow", "打印机无法开始打印：{name}").format(name=name)


def _page_range(printer: QPrinter, count: int) -> tuple[int, int]:
    """The 0-based first and last page the dialog asked for (all pages by default)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = min(printer.fromPage(), count) - 1
        last = min(max(printer.toPage(), printer.fromPage()), count) - 1
        return first, last
    return 0, count - 1


@dataclass(frozen=True)
class PrintOutcome:
    """What was printed: the kind (report | selfcheck | audit), pages and the printer's output file."""

    kind: str
    pages: int
    output_file: str


class PrintFlow(QObject):
    """Ask for a printer (or show a preview), then paint; one per window."""

    #: A document was printed (not a preview); carries the ``PrintOutcome``.
    printed = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        *,
        choose: ChoosePrinter = ask_with_dialog,
        preview: ShowPreview = preview_with_dialog,
    ) -> None:
        super().__init__(parent)
        self.widget = parent
        self.choose = choose
        self.preview = preview
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.task: BackgroundTask | None = None
        self.last_outcome: PrintOutcome | None = None

    @property
    def busy(self) -> bool:
        """A print run is going on in the background (the printer is in use)."""
        return self.task is not None and self.task.running

    def run_in_background(
        self, kind: str, title: str, work: BackgroundPaint, *, preview_paint: Paint, preview: bool = False
    ) -> BackgroundTask | None:
        """Like ``run``, but the pages are painted in a worker (progress dialog with 取消).

        ``preview_paint`` paints the preview (on the UI thread, as the preview dialog asks)."""
        if self.busy:
            return None
        printer = self.printer
        printer.setDocName(title)
        if preview:
            self.preview(printer, preview_paint, self.widget)
            return None
        printer.setPrintRange(QPrinter.PrintRange.AllPages)
        if not self.choose(printer, self.widget):
            return None

        def job(progress: ProgressCallback, cancel: CancelToken) -> int:
            return work(printer, progress, cancel)

        def done(pages: int) -> None:
            self.last_outcome = PrintOutcome(kind, pages, printer.outputFileName())
            self.printed.emit(self.last_outcome)

        self.task = run_read(
            self.widget,
            job,
            title=QCoreApplication.translate("PrintFlow", "正在打印：{title}").format(title=title),
            on_done=done,
        )
        return self.task

    def run(self, kind: str, title: str, paint: Paint, *, preview: bool = False) -> PrintOutcome | None:
        """Print (after the dialog) or preview what ``paint`` paints; ``None`` when cancelled/previewed."""
        if self.busy:
            return None
        printer = self.printer
        printer.setDocName(title)
        if preview:
            self.preview(printer, paint, self.widget)
            return None
        printer.setPrintRange(QPrinter.PrintRange.AllPages)
        if not self.choose(printer, self.widget):
            return None
        pages = paint(printer)
        outcome = PrintOutcome(kind, pages, printer.outputFileName())
        self.last_outcome = outcome
        self.printed.emit(outcome)
        return outcome
