"""OCR after the fact: read the pages of stored evidence that have no text layer (scans, photos).

``ocr_evidence(project)`` looks at every active evidence file (or one, ``evidence_id``) whose stored
content can hold pictures (PDF, photo, OFD rendition), finds its pages without searchable text in the
search index, runs the offline OCR on those pages only (slow: seconds a page) and stores what it read
into the index with ``source="ocr"``. A page OCR read without finding words is stored too (an ``ocr``
row with an empty body), so it is not read again on the next run. Each file is committed on its own
as soon as it is read, so a cancel (the window's 取消, Ctrl+C in the CLI) keeps the files finished so
far and stops at the next page. 文号, 成文日期 and 发文机关 found in the new text fill the record's
empty fields (and its period when none was given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from app.base.actor import resolve_actor
from app.base.errors import CancelledError, NotFoundError, UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.evidence.formats import ExtractedText, document_metadata, ocr_available, ocr_missing_pages
from app.evidence.formats.text import IMAGE_KINDS, has_text
from app.evidence.ocr_texts import indexed_ocr
from app.project.audit import record
from app.project.folder import Project
from app.search import index_pages
from models import Evidence

#: Kinds whose stored file is read by OCR: a PDF (the original or a rendition) or the photo itself.
_READABLE = ("pdf", *IMAGE_KINDS, "ofd")


@dataclass(frozen=True)
class OcrFile:
    evidence_id: int
    filename: str
    pages: tuple[int, ...]  # the 1-based pages that had no text and were read
    found: tuple[int, ...]  # of those, the pages where OCR found text
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "evidence_id": self.evidence_id,
            "filename": self.filename,
            "pages": list(self.pages),
            "found": list(self.found),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class OcrResult:
    files: tuple[OcrFile, ...]  # files that had pages without text, in evidence order
    checked: int  # evidence files looked at
    cancelled: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def pages_read(self) -> int:
        return sum(len(f.pages) for f in self.files)

    @property
    def pages_found(self) -> int:
        return sum(len(f.found) for f in self.files)

    def to_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "pages_read": self.pages_read,
            "pages_found": self.pages_found,
            "cancelled": self.cancelled,
            "files": [f.to_json() for f in self.files],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class _Job:
    evidence_id: int
    filename: str
    pages: int
    path: Path  # what OCR reads
    kind: str  # "pdf" or an image kind
    texts: dict[int, tuple[str, str]]  # page → (body, source) already indexed
    content: str | None = None  # the original's SHA-256: another record of it may have been read


def _jobs(project: Project, evidence_id: int | None) -> tuple[list[_Job], int]:
    query = select(Evidence).order_by(Evidence.id)
    if evidence_id is not None:
        query = query.where(Evidence.id == evidence_id)
    else:
        query = query.where(Evidence.status == "active")
    jobs: list[_Job] = []
    with project.session() as session:
        rows = list(session.scalars(query))
        if evidence_id is not None and not rows:
            raise NotFoundError(f"没有编号为 {evidence_id} 的资料 (no such evidence)")
        for row in rows:
            original = row.original_kind or row.kind
            if row.kind != "pdf" or original not in _READABLE or not row.pages:
                continue
            indexed = {
                int(page): (str(body), str(source))
                for page, body, source in session.execute(
                    text("SELECT page, body, source FROM evidence_text WHERE evidence_id = :e"),
                    {"e": row.id},
                )
            }
            if not _unread(indexed, row.pages):
                continue
            # A photo is read from the original (full resolution); everything else from its PDF.
            if original in IMAGE_KINDS and row.original_sha256:
                path, kind = project.store.path_for(row.original_sha256), original
            else:
                path, kind = project.store.path_for(row.sha256), "pdf"
            jobs.append(_Job(row.id, row.filename, row.pages, path, kind, indexed, row.original_sha256))
    return jobs, len(rows)


def ocr_evidence(
    project: Project,
    *,
    evidence_id: int | None = None,
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> OcrResult:
    """OCR the pages without text of active evidence (or of ``evidence_id``) and index what is read."""
    project._require_writable()
    if not ocr_available():
        raise UsageError("未安装文字识别组件（rapidocr、onnxruntime），无法识别扫描件 (OCR not installed)")
    actor = resolve_actor(actor)
    jobs, checked = _jobs(project, evidence_id)
    total = sum(len(_unread(job.texts, job.pages)) for job in jobs)
    done_pages = 0
    results: list[OcrFile] = []
    cancelled = False
    for job in jobs:
        missing = _unread(job.texts, job.pages)
        pages = [job.texts.get(n, ("", "text"))[0] for n in range(1, job.pages + 1)]
        sources = [job.texts.get(n, ("", "text"))[1] for n in range(1, job.pages + 1)]
        extracted = ExtractedText(pages, sources)
        offset = done_pages

        def page_progress(
            done: int, _total: int, message: str, offset: int = offset, name: str = job.filename
        ) -> None:
            report(progress, offset + done, total, f"{name}：{message}" if message else name)

        try:
            check_cancel(cancel)
            if not job.path.is_file():
                results.append(
                    OcrFile(job.evidence_id, job.filename, (), (), ("资料文件缺失，请运行 fazhi verify",))
                )
                continue
            # The same content filed twice (two units, two indicators) is read once: pages the OCR
            # read in another record of it are taken from the index.
            reused = indexed_ocr(project, job.content) if job.content else {}
            for n in missing:
                if n in reused:
                    extracted.pages[n - 1], extracted.sources[n - 1] = reused[n], "ocr"
            unread = [n for n in missing if n not in reused]
            if unread:
                ocr_missing_pages(
                    job.path, job.kind, extracted, pages=unread, progress=page_progress, cancel=cancel
                )
        except CancelledError:
            cancelled = True
            break
        done_pages += len(missing)
        tried = tuple(n for n in missing if extracted.sources[n - 1] == "ocr")
        found = tuple(n for n in tried if has_text(extracted.pages[n - 1]))
        if tried:  # also when nothing was found: those pages are recorded as read
            _store(project, job.evidence_id, extracted, tried=tried, found=found, actor=actor)
        results.append(OcrFile(job.evidence_id, job.filename, tuple(missing), found, tuple(extracted.notes)))
    report(progress, done_pages, total, "已取消" if cancelled else "完成")
    return OcrResult(tuple(results), checked, cancelled)


def _unread(texts: dict[int, tuple[str, str]], pages: int) -> list[int]:
    """The 1-based pages without text that OCR has not read yet (an ``ocr`` row means it has)."""
    unread = []
    for n in range(1, pages + 1):
        body, source = texts.get(n, ("", "text"))
        if source != "ocr" and not has_text(body):
            unread.append(n)
    return unread


def _store(
    project: Project,
    evidence_id: int,
    extracted: ExtractedText,
    *,
    tried: tuple[int, ...],
    found: tuple[int, ...],
    actor: str,
) -> None:
    """Index the file's pages (old and new) and fill empty 文号/日期/机关 from the new text."""
    meta = document_metadata(extracted.pages)
    with project.session() as session:
        row = session.get(Evidence, evidence_id)
        if row is None:  # pragma: no cover - evidence is never deleted
            return
        count = index_pages(session, evidence_id, extracted.pages, extracted.sources)
        filled: dict[str, str] = {}
        if row.wenhao is None and meta.wenhao:
            row.wenhao = filled["wenhao"] = meta.wenhao
        if row.doc_date is None and meta.date is not None:
            row.doc_date = filled["doc_date"] = meta.date.isoformat()
        if row.issuer is None and meta.agency:
            row.issuer = filled["issuer"] = meta.agency[:200]
        if row.period is None and meta.period:
            row.period = filled["period"] = meta.period
        record(
            session,
            "evidence.ocr",
            f"evidence:{evidence_id}",
            {
                "filename": row.filename,
                "pages": list(found),
                "read_empty": [n for n in tried if n not in found],
                "indexed_pages": count,
                **filled,
            },
            actor,
        )
