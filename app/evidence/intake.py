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

from app.base.errors import RefusedFileError
from app.base.progress import CancelToken, ProgressCallback
from app.base.text import describe_size, printable_path
from app.evidence.filecheck import inspect_file
from app.evidence.formats import DocMeta, FormatFacts, complete_text, document_metadata, inspect_any
from app.project.folder import Project
from app.project.store import StagedFile, hash_file


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
    store = project.store
    part = store.copy_in(path, max_bytes=max_bytes, cancel=cancel, fsync=False)
    staged: list[StagedFile] = []
    rendition_file: Path | None = None
    try:
        # The rendition is written straight into the store's incoming area and staged where it lies:
        # no second copy (a crash leaves it under a name ``store.recover`` discards).
        facts = inspect_any(part.path, label, workdir=store.incoming, max_bytes=max_bytes, cancel=cancel)
        rendition_file = facts.rendition_pdf
        sheet_names: tuple[str, ...] = ()
        if facts.kind == "xlsx":
            sheet_names = inspect_file(
                part.path, max_bytes=max_bytes, sha256=part.sha256, display_name=label
            ).sheet_names
        pages, sources = _pages(part.path, facts, ocr, progress, cancel)
        rendition = None
        if rendition_file is not None:
            rendition = store.stage(_adopt(rendition_file, label, max_bytes, cancel))
            rendition_file = None
            staged.append(rendition)
        original = store.stage(part)
        staged.append(original)
    except BaseException:
        for stage in staged:
            store.discard(stage)
        store.discard(part)
        if rendition_file is not None:
            rendition_file.unlink(missing_ok=True)
        raise
    return CheckedFile(original, rendition, facts, sheet_names, pages, sources, document_metadata(pages))


def _adopt(made: Path, label: str, max_bytes: int, cancel: CancelToken | None) -> StagedFile:
    """A rendition written in the incoming area, hashed in place (it is read from the page cache)."""
    size = made.stat().st_size
    if size > max_bytes:
        raise RefusedFileError(
            label,
            f"生成的 PDF 版本过大（{describe_size(size)}，上限 {describe_size(max_bytes)}） (file too large)",
        )
    return StagedFile(made, hash_file(made, cancel), size, f"{label} 的 PDF 版本")
