"""One evidence file from the user's disk to staged store content, its text and its metadata.

``check_file`` copies the file into the store's incoming area, checks the copy by content with
``app.evidence.formats.inspect_any`` (PDF, XLSX, XLS, DOCX, OFD, JPG, PNG, TIFF), stages the original and,
when one was made, its PDF rendition (preview and the bundle use it), and returns the page texts
(OCR only with ``ocr=True``: it is slow) and the 文号/成文日期/发文机关 found in them. A refusal is one
``RefusedFileError`` and leaves nothing staged.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.base.progress import CancelToken, ProgressCallback
from app.base.text import printable_path
from app.evidence.filecheck import inspect_file
from app.evidence.formats import DocMeta, FormatFacts, complete_text, document_metadata, inspect_any
from app.project.folder import Project
from app.project.store import StagedFile


@dataclass(frozen=True)
class CheckedFile:
    original: StagedFile
    rendition: StagedFile | None  # the PDF made from a photo, OFD, DOCX or XLS
    facts: FormatFacts
    sheet_names: tuple[str, ...]
    text_pages: list[str]
    sources: list[str]
    meta: DocMeta

    @property
    def staged(self) -> list[StagedFile]:
        return [self.original] + ([self.rendition] if self.rendition is not None else [])

    @property
    def sha256(self) -> str:
        """The content preview and the bundle use (the rendition when there is one)."""
        return (self.rendition or self.original).sha256

    @property
    def kind(self) -> str:
        return "pdf" if self.rendition is not None else self.facts.kind

    @property
    def size(self) -> int:
        return self.original.size


def text_of(
    path: Path,
    label: str,
    *,
    max_bytes: int,
    ocr: bool = False,
    convert: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> tuple[FormatFacts, list[str], list[str]]:
    """Check ``path`` and read its text without storing anything (``--suggest`` reads a folder so)."""
    with tempfile.TemporaryDirectory(prefix="fazhi-text-") as tmp:
        facts = inspect_any(
            path, label, workdir=Path(tmp), max_bytes=max_bytes, convert=convert, cancel=cancel
        )
        pages, sources = _pages(path, facts, ocr, progress, cancel)
    return facts, pages, sources


def _pages(
    path: Path,
    facts: FormatFacts,
    ocr: bool,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> tuple[list[str], list[str]]:
    if ocr and facts.ocr_pages:
        extracted = complete_text(path, facts, progress, cancel)
        return list(extracted.pages), list(extracted.sources)
    return list(facts.text_pages), ["text"] * len(facts.text_pages)


def check_file(
    project: Project,
    path: Path,
    *,
    max_bytes: int,
    ocr: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> CheckedFile:
    """Copy ``path`` in and check the copy (what we check is what we keep); stage original and rendition."""
    label = printable_path(path)
    part = project.store.copy_in(path, max_bytes=max_bytes, cancel=cancel, fsync=False)
    staged: list[StagedFile] = []
    try:
        with tempfile.TemporaryDirectory(prefix="fazhi-intake-") as tmp:
            facts = inspect_any(part.path, label, workdir=Path(tmp), max_bytes=max_bytes, cancel=cancel)
            sheet_names: tuple[str, ...] = ()
            if facts.kind == "xlsx":
                sheet_names = inspect_file(
                    part.path, max_bytes=max_bytes, sha256=part.sha256, display_name=label
                ).sheet_names
            pages, sources = _pages(part.path, facts, ocr, progress, cancel)
            rendition = None
            if facts.rendition_pdf is not None:
                made = project.store.copy_in(
                    facts.rendition_pdf, max_bytes=max_bytes, cancel=cancel, fsync=False
                )
                try:
                    rendition = project.store.stage(made)
                except BaseException:
                    project.store.discard(made)
                    raise
                staged.append(rendition)
        original = project.store.stage(part)
        staged.append(original)
    except BaseException:
        for stage in staged:
            project.store.discard(stage)
        project.store.discard(part)
        raise
    return CheckedFile(original, rendition, facts, sheet_names, pages, sources, document_metadata(pages))
