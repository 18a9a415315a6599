"""Help and printing for the main window: F1 opens the manual at the page of the current view, the
first-run guide of each role shows once, Ctrl+P prints the current view (the 自评报告, the self-check
list or the audit log) through ``QPrintDialog``, 打印预览 shows it first.

``install_assist(window)`` is called once by ``MainWindow.__init__`` after the workbench; it connects the
actions of 文件 › 打印 / 打印预览 and 帮助 › 用户手册 / 入门指引 (ui/shell/actions.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMainWindow, QStatusBar, QWidget

from app.base.progress import CancelToken, ProgressCallback
from app.export.dispatch import render_report_preview
from app.project.audit import AuditEntry
from app.status.selfcheck import Finding
from app.status.workspace import WorkspaceSnapshot
from ui.common.background import BackgroundTask, run_read
from ui.common.state import ProjectState
from ui.evidence.evidence_dialogs import AttachDialog, RefusedFilesDialog, WithdrawDialog
from ui.evidence.suggest_dialog import SuggestFilingDialog
from ui.exchange.batch_dialog import BatchDialog
from ui.exchange.submit_dialog import SubmitDialog
from ui.export.export_dialogs import ExportDialog
from ui.export.narrative_dock import NarrativeDock
from ui.export.narrative_history import NarrativeHistoryDialog
from ui.help.first_run import FirstRunGuide, guide_seen
from ui.help.help_window import HelpWindow, bring_to_front
from ui.help.manual_pages import VIEW_PAGES
from ui.printing.print_documents import audit_html, report_text_html, selfcheck_html, text_document
from ui.printing.print_jobs import HAS_QTPDF, PREVIEW_DPI, PrintFlow, PrintOutcome, print_pdf, print_text
from ui.review.return_dialog import ReturnDialog
from ui.scoring.extras_dialogs import BonusDialog, VetoDialog
from ui.scoring.scheme_editor import SchemeEditorDialog
from ui.search.search_window import SearchWindow
from ui.shell.actions import ShellActions
from ui.shell.workbench import Workbench
from ui.units.units_editor import UnitsEditorDialog

#: Which manual page a dialog's F1 opens.
_DIALOG_VIEWS: tuple[tuple[type[QWidget], str], ...] = (
    (BatchDialog, "exchange"),
    (ExportDialog, "export"),
    (AttachDialog, "evidence"),
    (WithdrawDialog, "evidence"),
    (RefusedFilesDialog, "evidence"),
    (UnitsEditorDialog, "evidence"),
    (VetoDialog, "extras"),
    (BonusDialog, "extras"),
    (SchemeEditorDialog, "score"),
    (ReturnDialog, "review"),
    (SearchWindow, "search"),
    (SuggestFilingDialog, "suggest"),
    (SubmitDialog, "submit"),
    (NarrativeHistoryDialog, "narrative"),
    (NarrativeDock, "narrative"),  # floated out of the window
)


class AssistHost(Protocol):
    """What help and printing need of the main window (the window is never imported here)."""

    @property
    def state(self) -> ProjectState: ...
    @property
    def registry(self) -> ShellActions: ...
    @property
    def workbench(self) -> Workbench: ...
    @property
    def catalog(self) -> QWidget: ...

    def statusBar(self) -> QStatusBar: ...


class WindowAssist(QObject):
    """The manual, the first-run guides and printing of one main window."""

    def __init__(self, window: AssistHost, owner: QMainWindow) -> None:
        super().__init__(owner)
        self.window = window
        self.owner = owner
        self.help_window: HelpWindow | None = None
        self.guide: FirstRunGuide | None = None
        self.printing = PrintFlow(owner)
        self.last_task: BackgroundTask | None = None
        self.last_outcome: PrintOutcome | None = None
        self._report_dir: tempfile.TemporaryDirectory[str] | None = None
        a = window.registry
        a.help_action.triggered.connect(self.show_help)
        a.guide_action.triggered.connect(self._on_guide_action_triggered)
        a.print_action.triggered.connect(self.print_current)
        a.print_preview_action.triggered.connect(self.preview_current)
        window.state.opened.connect(self._on_state_opened)
        window.state.closed.connect(self._on_state_closed)
        self._update_actions()

    # -- where the user is -----------------------------------------------------------------------------
    def current_view(self) -> str:
        """The view the user works in: a key of ``VIEW_PAGES`` (a dialog in front counts)."""
        active = QApplication.activeWindow()
        if active is not None and active is not self.owner and active.isVisible():
            for kind, view in _DIALOG_VIEWS:
                if isinstance(active, kind):
                    return view
        bench = self.window.workbench
        if self.window.state.project is None:
            return "start"
        focus = self.owner.focusWidget()  # the window's own, even while the manual is in front
        dock = bench.narrative_dock
        if focus is not None and dock is not None and dock.isVisible() and dock.isAncestorOf(focus):
            return "narrative"
        page = bench.views.currentWidget()
        pages: dict[QWidget, str] = {
            bench.tasks_view: "tasks",
            bench.score_view: "score",
            bench.extras_pane: "extras",
            bench.selfcheck_view: "selfcheck",
            bench.dashboard: "dashboard",
            bench.audit_view: "audit",
        }
        if page in pages:
            return pages[page]
        if bench.reviewing:
            return "review"
        catalog = self.window.catalog
        if focus is not None and (focus is catalog or catalog.isAncestorOf(focus)):
            return "catalog"
        return "evidence"

    # -- help -----------------------------------------------------------------------------------------
    def show_help(self, target: str | None = None) -> HelpWindow:
        """Open the manual at ``target`` (default: the page of the current view)."""
        page = target if isinstance(target, str) else VIEW_PAGES[self.current_view()]
        if self.help_window is None:
            self.help_window = HelpWindow(self.owner)
        self.help_window.show_page(page)
        return self.help_window

    def show_guide(self, role: str | None = None) -> FirstRunGuide:
        """The first-run guide at ``role``'s tab (default: the role of the open project)."""
        role = role or self._role()
        if self.guide is None:
            self.guide = FirstRunGuide(role, self.owner)
            self.guide.manual_requested.connect(self.show_help)
        else:
            self.guide.show_role(role)
        bring_to_front(self.guide, activate=False)
        return self.guide

    def _on_guide_action_triggered(self) -> None:
        self.show_guide()

    def _role(self) -> str:
        snapshot = self.window.state.snapshot
        return "unit" if snapshot is not None and snapshot.is_unit_workspace else "office"

    def _maybe_show_guide(self, role: str) -> None:
        if not guide_seen(role):
            self.show_guide(role)

    # -- printing -------------------------------------------------------------------------------------
    def print_current(self) -> BackgroundTask | None:
        """Print the current view: the self-check list, the audit log, or else the 自评报告."""
        return self._print(preview=False)

    def preview_current(self) -> BackgroundTask | None:
        return self._print(preview=True)

    def _print(self, *, preview: bool) -> BackgroundTask | None:
        if self.window.state.project is None:
            return None
        view = self.current_view()
        if view == "selfcheck":
            return self._print_selfcheck(preview)
        if view == "audit":
            return self._print_audit(preview)
        return self._print_report(preview)

    def _info(self) -> tuple[str, int]:
        snapshot = self.window.state.snapshot
        assert snapshot is not None
        return snapshot.info.county, snapshot.info.year

    def _finish(self, outcome: PrintOutcome | None) -> None:
        if outcome is None:
            return
        self.last_outcome = outcome
        self.window.statusBar().showMessage(self.tr("已送出打印：{n} 页").format(n=outcome.pages), 8000)
        QTimer.singleShot(0, lambda: self._maybe_show_guide("printing"))

    def _print_selfcheck(self, preview: bool) -> BackgroundTask | None:
        view = self.window.workbench.selfcheck_view
        if not view.model.findings() and view.last_task is None:
            # Never checked yet: check now, then print what the view shows.
            task = view.run()
            if task is not None:
                task.succeeded.connect(lambda _result: self._print_selfcheck(preview))
            self.last_task = task
            return task
        county, year = self._info()
        source = selfcheck_html(
            _finding_groups(view), county=county, year=year, summary=view.summary_label.text()
        )
        title = self.tr("报送前自查清单")
        self._finish(
            self.printing.run(
                "selfcheck",
                title,
                lambda printer: print_text(text_document(source), printer),
                preview=preview,
            )
        )
        return None

    def _print_audit(self, preview: bool) -> BackgroundTask | None:
        view = self.window.workbench.audit_view
        if view.model.rowCount() == 0 and view.last_task is None:
            task = view.reload()
            if task is not None:
                task.succeeded.connect(lambda _result: self._print_audit(preview))
            self.last_task = task
            return task
        county, year = self._info()
        source = audit_html(_audit_entries(view), county=county, year=year, scope=view.count_label.text())
        title = self.tr("操作记录")
        self._finish(
            self.printing.run(
                "audit", title, lambda printer: print_text(text_document(source), printer), preview=preview
            )
        )
        return None

    def _print_report(self, preview: bool) -> BackgroundTask:
        project = self.window.state.require_project()
        folder = project.folder
        if self._report_dir is not None:
            self._report_dir.cleanup()
        self._report_dir = tempfile.TemporaryDirectory(prefix="fazhi-print-")
        out = Path(self._report_dir.name) / "自评报告.pdf"

        def work(progress: ProgressCallback, cancel: CancelToken) -> Path:
            return render_report_preview(folder, out, progress=progress, cancel=cancel)

        def done(pdf: Path) -> None:
            self._print_report_file(pdf, preview)

        self.last_task = run_read(
            self.owner, work, title=self.tr("正在生成要打印的报告"), on_done=done, show_progress=True
        )
        return self.last_task

    def _print_report_file(self, pdf: Path, preview: bool) -> None:
        county, year = self._info()
        snapshot = self.window.state.snapshot
        if snapshot is not None and snapshot.catalog.is_plan:
            title = self.tr("{county}{year}年任务进度报告").format(county=county, year=year)
        else:
            title = self.tr("{county}{year}年自评报告").format(county=county, year=year)
        if not HAS_QTPDF:
            source = report_text_html(pdf, county=county, year=year)
            self._finish(
                self.printing.run(
                    "report", title, lambda p: print_text(text_document(source), p), preview=preview
                )
            )
            return

        def work(printer: QPrinter, progress: ProgressCallback, cancel: CancelToken) -> int:
            return print_pdf(pdf, printer, progress=progress, cancel=cancel)

        def preview_paint(printer: QPrinter) -> int:
            return print_pdf(pdf, printer, dpi=PREVIEW_DPI)

        task = self.printing.run_in_background(
            "report", title, work, preview_paint=preview_paint, preview=preview
        )
        if task is not None:
            self.last_task = task
            task.succeeded.connect(lambda _pages: self._finish(self.last_printed()))

    def last_printed(self) -> PrintOutcome | None:
        return self.printing.last_outcome

    # -- the hub --------------------------------------------------------------------------------------
    def _on_state_opened(self, snapshot: WorkspaceSnapshot) -> None:
        self._update_actions()
        role = "unit" if snapshot.is_unit_workspace else "office"
        QTimer.singleShot(0, lambda: self._maybe_show_guide(role))

    def _on_state_closed(self) -> None:
        self._update_actions()
        if self._report_dir is not None:
            self._report_dir.cleanup()
            self._report_dir = None

    def _update_actions(self) -> None:
        has = self.window.state.project is not None
        a = self.window.registry
        a.print_action.setEnabled(has)
        a.print_preview_action.setEnabled(has)


def _finding_groups(view: Any) -> list[tuple[str, list[Finding]]]:
    """The self-check view's groups and findings as shown (after its filters)."""
    proxy, model = view.proxy, view.model
    groups = []
    for row in range(proxy.rowCount()):
        group = proxy.index(row, 0)
        findings = []
        for child in range(proxy.rowCount(group)):
            finding = model.finding(proxy.mapToSource(proxy.index(child, 0, group)))
            if finding is not None:
                findings.append(finding)
        groups.append((str(group.data(Qt.ItemDataRole.DisplayRole)), findings))
    return groups


def _audit_entries(view: Any) -> list[AuditEntry]:
    """The audit view's entries as shown (after its text filter), in the view's order."""
    proxy, model = view.proxy, view.model
    rows = [proxy.mapToSource(proxy.index(row, 0)) for row in range(proxy.rowCount())]
    return [model.entry(index.row()) for index in rows if isinstance(index, QModelIndex) and index.isValid()]


def install_assist(window: AssistHost, owner: QMainWindow) -> WindowAssist:
    return WindowAssist(window, owner)
