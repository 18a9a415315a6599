"""The exports of ``fazhi export`` that open the project the normal way (``open_project`` and
``app.export.dispatch.run_export``); loaded by ``app.cli.export`` only when one runs."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import stderr_progress
from app.export.dispatch import ExportKind, ExportOptions, run_export
from app.project.folder import open_project


def run(folder: Path, kind: ExportKind, out: Path, options: ExportOptions, label: str) -> list[Path]:
    with open_project(folder) as project:
        return run_export(project, kind, out, options=options, progress=stderr_progress(label))
