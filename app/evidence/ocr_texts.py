"""OCR text kept by content, so that a scanned file is read by the OCR once.

Smart filing reads a folder to propose indicators, then files what the clerk confirmed: with OCR on,
both steps need the text of the scans and photos, and OCR costs seconds a page. ``OcrTexts`` keeps the
page texts the OCR read, keyed by the SHA-256 of the file's content, for one run (one ``fazhi attach
--suggest --ocr`` call, one suggest dialog): the attach that follows the proposal takes them from here.
Before reading a file it also looks in the project's search index: content the OCR read when it was
attached before (``evidence_text`` rows with source ``ocr``, any unit, any status) is not read again,
so a later attach of the same content costs no OCR either. Only a finished read is kept: a cancel in
the middle of a file keeps nothing of it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, text

from app.base.progress import CancelToken, ProgressCallback
from app.evidence.formats import FormatFacts, complete_text
from app.project.folder import Project
from models import Evidence


@dataclass
class OcrTexts:
    """Page texts per content SHA-256 (1-based page → text the OCR read there, maybe empty)."""

    _read: dict[str, dict[int, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: Files the OCR engine actually read (a page or more), for the summary and the tests.
    files_read: int = 0

    def pages(
        self,
        project: Project | None,
        path: Path,
        sha256: str,
        facts: FormatFacts,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> tuple[list[str], list[str]]:
        """The pages of ``path`` (content ``sha256``, checked as ``facts``) and their sources, its pages
        without text layer read by the OCR unless this run or the project already has them."""
        if not facts.ocr_pages:
            return list(facts.text_pages), ["text"] * len(facts.text_pages)
        with self._lock:
            known = dict(self._read.get(sha256, {}))
        if project is not None and any(n not in known for n in facts.ocr_pages):
            known.update({n: body for n, body in indexed_ocr(project, sha256).items() if n not in known})
        extracted = complete_text(path, facts, progress, cancel, known=known)
        read = {
            n: extracted.pages[n - 1]
            for n in facts.ocr_pages
            if n <= len(extracted.sources) and extracted.sources[n - 1] == "ocr"
        }
        with self._lock:
            if any(n not in known for n in read):
                self.files_read += 1
            self._read[sha256] = read
        return list(extracted.pages), list(extracted.sources)


def indexed_ocr(project: Project, sha256: str) -> dict[int, str]:
    """What the OCR read in stored evidence with this original content (page → text), from the index."""
    with project.session() as session:
        ids = list(
            session.scalars(
                select(Evidence.id).where(Evidence.original_sha256 == sha256).order_by(Evidence.id)
            )
        )
        found: dict[int, str] = {}
        for evidence_id in ids:
            for page, body in session.execute(
                text("SELECT page, body FROM evidence_text WHERE evidence_id = :e AND source = 'ocr'"),
                {"e": evidence_id},
            ):
                found.setdefault(int(page), str(body))
    return found
