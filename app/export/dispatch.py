"""The one export entry: ``run_export(project, kind, out, options=, progress=, cancel=)``.

The command line (``fazhi export report|docx|workbook|bundle|folder``) and the window's export dialog
both call it, so a kind means the same files and the same audit entries wherever it is started. The
exports record ``export.*`` entries in the audit log: callers run this as a write.
"""

from __future__ import annotations

from pathlib import Path

from app.base.progress import CancelToken, ProgressCallback
from app.export import service
from app.export.kinds import BundleScope, ExportKind, ExportOptions
from app.export.plan import export_plan
from app.project.folder import Project, open_project

__all__ = ["BundleScope", "ExportKind", "ExportOptions", "render_report_preview", "run_export"]


def run_export(
    project: Project,
    kind: ExportKind,
    out: Path,
    *,
    options: ExportOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Export ``kind`` of ``project`` to ``out``; returns the files written (a bundle may be several)."""
    out = Path(out)
    options = options or ExportOptions()
    # The service's functions are looked up at call time (tests stand in for one).
    if project.catalog.is_plan and kind in (
        ExportKind.REPORT_PDF,
        ExportKind.REPORT_DOCX,
        ExportKind.WORKBOOK,
    ):
        return [export_plan(project, kind.value, out)]  # progress instead of points
    if kind == ExportKind.REPORT_PDF:
        return [service.export_report_pdf(project, out, progress=progress, cancel=cancel)]
    if kind == ExportKind.REPORT_DOCX:
        return [service.export_report_docx(project, out, progress=progress, cancel=cancel)]
    if kind == ExportKind.WORKBOOK:
        return [service.export_workbook(project, out, progress=progress, cancel=cancel)]
    if kind == ExportKind.FOLDER_ZIP:
        return [service.export_folder_zip(project, out, progress=progress, cancel=cancel)]
    if options.scope == BundleScope.PER_UNIT:
        return service.export_unit_bundles(
            project, out, options.max_volume_bytes, progress=progress, cancel=cancel
        )
    unit = options.unit if options.scope == BundleScope.ONE_UNIT else None
    return service.export_bundle(
        project,
        out,
        unit,
        options.max_volume_bytes,
        stamp_pages=options.stamp_pages,
        progress=progress,
        cancel=cancel,
    )


def render_report_preview(
    folder: Path, out: Path, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
) -> Path:
    """The PDF report of the project at ``folder``, from a read-only view (a preview: not logged); a plan
    project's is its progress report."""
    with open_project(folder, readonly=True) as project:
        if project.catalog.is_plan:
            return export_plan(project, "report", out)
        return service.export_report_pdf(project, out, progress=progress, cancel=cancel)
