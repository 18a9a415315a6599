"""What can be exported and the bundle's options: plain names, importable without the export stack
(the command line parses its arguments with them before it knows which path runs the export)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ExportKind(StrEnum):
    """What to export; the values are the ``fazhi export`` sub-command names."""

    REPORT_PDF = "report"
    REPORT_DOCX = "docx"
    WORKBOOK = "workbook"
    BUNDLE = "bundle"
    FOLDER_ZIP = "folder"

    @property
    def suffix(self) -> str:
        """The output file's suffix (a bundle per unit writes into a folder instead)."""
        return _SUFFIXES[self]


_SUFFIXES = {
    ExportKind.REPORT_PDF: ".pdf",
    ExportKind.REPORT_DOCX: ".docx",
    ExportKind.WORKBOOK: ".xlsx",
    ExportKind.BUNDLE: ".pdf",
    ExportKind.FOLDER_ZIP: ".zip",
}


class BundleScope(StrEnum):
    ALL = "all"  # one bundle of every unit's evidence
    PER_UNIT = "per_unit"  # one bundle per unit; ``out`` is a folder
    ONE_UNIT = "one_unit"  # only ``ExportOptions.unit``


@dataclass(frozen=True)
class ExportOptions:
    """Options of the evidence bundle (the other kinds have none)."""

    scope: BundleScope = BundleScope.ALL
    unit: str | None = None
    max_volume_bytes: int | None = None
    stamp_pages: bool = True
