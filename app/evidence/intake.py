"""One evidence file from the user's disk to staged store content, its text and its metadata.

``check_file`` copies the file into the store's incoming area, checks the copy by content with
``app.evidence.formats.inspect_any`` (PDF, XLSX, XLS, DOCX, OFD, JPG, PNG, TIFF), stages the original and,
when one was made, its PDF rendition (preview and the bundle use it; a JPEG that goes into its PDF
unchanged gets none: ``app.evidence.renditions`` makes it on demand), and returns the page texts
(OCR only with ``ocr=True``: it is slow; ``ocr_texts`` keeps what it read by content, see
``app.evidence.ocr_texts``) and the 文号/成文日期/发文机关 found in them. A refusal is one
``RefusedFileError`` and leaves nothing staged.

``check_files`` does the same for many files with the byte-moving work on a second core: a small pool
copies (and hashes) the next files into the incoming area and hashes each rendition once it is
written, while the calling thread checks and converts (the parsers, their time limits and the
warnings filter stay in one thread). SHA-256 and file I/O release the GIL, so they overlap with the
checking; any failure or cancel waits for the pool and removes everything it copied or staged.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.base.errors import RefusedFileError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.base.text import describe_size, printable_path
from app.evidence.filecheck import inspect_file
from app.evidence.formats import DocMeta, FormatFacts, document_metadata, inspect_any
from app.evidence.ocr_texts import OcrTexts
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
        """The content preview and the bundle use (the rendition when there is one; a photo whose PDF
        is made on demand is its original, see ``app.evidence.renditions``)."""
        return (self.rendition or self.original).sha256

    @property
    def kind(self) -> str:
        return "pdf" if self.rendition is not None or self.facts.pdf_on_demand else self.facts.kind

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
    project: Project | None = None,
    ocr_texts: OcrTexts | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> tuple[FormatFacts, list[str], list[str]]:
    """Check ``path`` and read its text without storing anything (``--suggest`` reads a folder so).

    With ``ocr`` the pages without text layer are read by the OCR, or taken from ``ocr_texts`` and
    ``project``'s index when the same content was read before."""
    with tempfile.TemporaryDirectory(prefix="fazhi-text-") as tmp:
        facts = inspect_any(
            path, label, workdir=Path(tmp), max_bytes=max_bytes, convert=convert, cancel=cancel
        )
        # Hashed only when the OCR may be needed: the content is the key its text is kept under.
        sha256 = hash_file(path, cancel) if ocr and facts.ocr_pages else ""
        pages, sources = _pages(
            path,
            sha256,
            facts,
            ocr=ocr,
            project=project,
            ocr_texts=ocr_texts,
            progress=progress,
            cancel=cancel,
        )
    return facts, pages, sources


def _pages(
    path: Path,
    sha256: str,
    facts: FormatFacts,
    *,
    ocr: bool,
    project: Project | None,
    ocr_texts: OcrTexts | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> tuple[list[str], list[str]]:
    if ocr and facts.ocr_pages:
        return (ocr_texts or OcrTexts()).pages(project, path, sha256, facts, progress=progress, cancel=cancel)
    return list(facts.text_pages), ["text"] * len(facts.text_pages)


def _sheets_and_pages(
    part: StagedFile,
    label: str,
    facts: FormatFacts,
    *,
    max_bytes: int,
    ocr: bool,
    project: Project | None,
    ocr_texts: OcrTexts | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> tuple[tuple[str, ...], list[str], list[str]]:
    """A checked copy's sheet names (spreadsheets) and its page texts with their sources."""
    sheet_names: tuple[str, ...] = ()
    if facts.kind == "xlsx":
        sheet_names = inspect_file(
            part.path, max_bytes=max_bytes, sha256=part.sha256, display_name=label
        ).sheet_names
    pages, sources = _pages(
        part.path,
        part.sha256,
        facts,
        ocr=ocr,
        project=project,
        ocr_texts=ocr_texts,
        progress=progress,
        cancel=cancel,
    )
    return sheet_names, pages, sources


#: Copying/hashing threads beside the checking thread (the target PCs have 2–4 cores); 0: one by one.
INTAKE_WORKERS = 2


def check_file(
    project: Project,
    path: Path,
    *,
    max_bytes: int,
    ocr: bool = False,
    ocr_texts: OcrTexts | None = None,
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
        facts = inspect_any(
            part.path, label, workdir=store.incoming, max_bytes=max_bytes, render_photos=False, cancel=cancel
        )
        rendition_file = facts.rendition_pdf
        sheet_names, pages, sources = _sheets_and_pages(
            part,
            label,
            facts,
            max_bytes=max_bytes,
            ocr=ocr,
            project=project,
            ocr_texts=ocr_texts,
            progress=progress,
            cancel=cancel,
        )
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


@dataclass
class _Checked:
    """A copied and checked file whose rendition (if any) is still being hashed."""

    part: StagedFile
    facts: FormatFacts
    sheet_names: tuple[str, ...]
    pages: list[str]
    sources: list[str]
    rendition: tuple[Path, int, Future[str]] | None  # (file, size, its SHA-256)


def check_files(
    project: Project,
    paths: Sequence[Path],
    *,
    max_bytes: int,
    ocr: bool = False,
    ocr_texts: OcrTexts | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[CheckedFile | RefusedFileError]:
    """``check_file`` for each of ``paths`` (in order), copying and hashing on a second core.

    Returns per file its ``CheckedFile`` (staged) or the ``RefusedFileError`` that refused it (nothing
    of it staged). Any other error or a cancel removes everything staged here and is raised.
    ``progress`` hears ``(index, len(paths), "检查 name")`` before each file is checked. ``ocr_texts``
    (one is made for the call when not given) keeps what the OCR read, so equal files are read once.
    """
    if ocr and ocr_texts is None:
        ocr_texts = OcrTexts()
    if len(paths) <= 1 or INTAKE_WORKERS == 0:
        results: list[CheckedFile | RefusedFileError] = []
        try:
            for index, path in enumerate(paths):
                check_cancel(cancel)
                report(progress, index, len(paths), f"检查 {path.name}")
                try:
                    results.append(
                        check_file(
                            project,
                            path,
                            max_bytes=max_bytes,
                            ocr=ocr,
                            ocr_texts=ocr_texts,
                            progress=file_progress(progress, index, len(paths), path.name),
                            cancel=cancel,
                        )
                    )
                except RefusedFileError as exc:
                    results.append(exc)
        except BaseException:
            for result in results:
                if isinstance(result, CheckedFile):
                    for stage in result.staged:
                        project.store.discard(stage)
            raise
        return results
    store = project.store
    made: list[Path] = []  # every file this call created, removed again on failure
    pool = ThreadPoolExecutor(max_workers=INTAKE_WORKERS, thread_name_prefix="fazhi-intake")
    copies: list[Future[StagedFile]] = []
    try:
        copies = [
            pool.submit(store.copy_in, path, max_bytes=max_bytes, cancel=cancel, fsync=False)
            for path in paths
        ]
        checked: list[_Checked | RefusedFileError] = []
        for index, (path, copy) in enumerate(zip(paths, copies, strict=True)):
            check_cancel(cancel)
            report(progress, index, len(paths), f"检查 {path.name}")
            try:
                part = copy.result()
            except RefusedFileError as exc:
                checked.append(exc)
                continue
            made.append(part.path)
            try:
                checked.append(
                    _check_copied(
                        project,
                        path,
                        part,
                        pool=pool,
                        made=made,
                        max_bytes=max_bytes,
                        ocr=ocr,
                        ocr_texts=ocr_texts,
                        progress=file_progress(progress, index, len(paths), path.name),
                        cancel=cancel,
                    )
                )
            except RefusedFileError as exc:
                store.discard(part)
                checked.append(exc)
        results = []
        for item in checked:
            if isinstance(item, RefusedFileError):
                results.append(item)
                continue
            rendition = None
            if item.rendition is not None:
                made_file, size, digest = item.rendition
                rendition = store.stage(
                    StagedFile(made_file, digest.result(), size, f"{item.part.source} 的 PDF 版本")
                )
                made.append(rendition.path)
            original = store.stage(item.part)
            made.append(original.path)
            meta = document_metadata(item.pages)
            results.append(
                CheckedFile(original, rendition, item.facts, item.sheet_names, item.pages, item.sources, meta)
            )
        return results
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        for copy in copies:
            if copy.done() and not copy.cancelled() and copy.exception() is None:
                made.append(copy.result().path)
        for leftover in made:
            leftover.unlink(missing_ok=True)
        raise
    finally:
        pool.shutdown(wait=True)


def file_progress(
    progress: ProgressCallback | None, index: int, total: int, name: str
) -> ProgressCallback | None:
    """A file's own steps (OCR page by page) reported as file ``index`` of ``total``, named."""
    if progress is None:
        return None

    def step(_done: int, _total: int, message: str) -> None:
        if message:  # the OCR's closing report carries no message: the next file's report follows
            report(progress, index, total, f"{name}：{message}")

    return step


def _check_copied(
    project: Project,
    path: Path,
    part: StagedFile,
    *,
    pool: ThreadPoolExecutor,
    made: list[Path],
    max_bytes: int,
    ocr: bool,
    ocr_texts: OcrTexts | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> _Checked:
    """``check_file``'s checks on a copy already in the incoming area; the rendition's hash is left
    to ``pool``."""
    label = printable_path(path)
    store = project.store
    facts = inspect_any(
        part.path, label, workdir=store.incoming, max_bytes=max_bytes, render_photos=False, cancel=cancel
    )
    rendition: tuple[Path, int, Future[str]] | None = None
    made_file = facts.rendition_pdf
    try:
        if made_file is not None:
            made.append(made_file)
            size = made_file.stat().st_size
            if size > max_bytes:
                raise RefusedFileError(
                    label,
                    f"生成的 PDF 版本过大（{describe_size(size)}，上限 {describe_size(max_bytes)}）"
                    " (file too large)",
                )
            rendition = (made_file, size, pool.submit(hash_file, made_file, cancel))
        sheet_names, pages, sources = _sheets_and_pages(
            part,
            label,
            facts,
            max_bytes=max_bytes,
            ocr=ocr,
            project=project,
            ocr_texts=ocr_texts,
            progress=progress,
            cancel=cancel,
        )
    except RefusedFileError:
        if rendition is not None:
            rendition[2].exception()  # wait: a file being read cannot be removed on Windows
        if made_file is not None:
            made_file.unlink(missing_ok=True)
        raise
    return _Checked(part, facts, sheet_names, pages, sources, rendition)
