"""OCR text kept by content, so that a scanned file is read by the OCR once.

Smart filing reads a folder to propose indicators, then files what the clerk confirmed: with OCR on,
both steps need the text of the scans and photos, and OCR costs seconds a page. ``OcrTexts`` keeps the
page texts the OCR read, keyed by the SHA-256 of the file's content, for one run (one ``fazhi attach
--suggest --ocr`` call, one suggest dialog): the attach that follows the proposal takes them from here.
Before reading a file it also looks in the project's search index: content the OCR read when it was
attached before (``evidence_text`` rows with source ``ocr``, any unit, any status) is not read again,
so a later attach of the same content costs no OCR either. And what the OCR read is also kept in the
project's ``cache/ocr`` folder (one small JSON file per content), so a proposal without filing
(``--suggest --ocr`` without ``--yes``) followed by the real run reads nothing again. Only a finished
read is kept: a cancel in the middle of a file keeps nothing of it. The cache folder is an
optimisation only: a missing, unreadable or foreign file is ignored, a failed write too.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, text

from app.base.jsonsafe import loads_limited
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
        if project is not None and any(n not in known for n in facts.ocr_pages):
            known.update({n: body for n, body in cached_ocr(project, sha256).items() if n not in known})
        extracted = complete_text(path, facts, progress, cancel, known=known)
        read = {
            n: extracted.pages[n - 1]
            for n in facts.ocr_pages
            if n <= len(extracted.sources) and extracted.sources[n - 1] == "ocr"
        }
        new = any(n not in known for n in read)
        with self._lock:
            if new:
                self.files_read += 1
            self._read[sha256] = read
        if new and project is not None:
            keep_ocr(project, sha256, read)
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


#: Where the OCR's texts are kept by content, inside the project folder.
OCR_CACHE_DIR = Path("cache") / "ocr"
_CACHE_VERSION = 1
_MAX_CACHE_BYTES = 16 * 1024 * 1024


def _cache_file(project: Project, sha256: str) -> Path | None:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        return None
    return project.folder / OCR_CACHE_DIR / f"{sha256}.json"


def cached_ocr(project: Project, sha256: str) -> dict[int, str]:
    """What an earlier run's OCR read in this content (page → text), from the project's cache."""
    path = _cache_file(project, sha256)
    if path is None:
        return {}
    try:
        document = loads_limited(path.read_bytes(), max_bytes=_MAX_CACHE_BYTES)
        if not isinstance(document, dict) or document.get("version") != _CACHE_VERSION:
            return {}
        if document.get("sha256") != sha256:
            return {}
        return {int(n): str(body) for n, body in document["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def keep_ocr(project: Project, sha256: str, pages: dict[int, str]) -> None:
    """Keep what the OCR read in this content for later runs (atomically; failures are ignored)."""
    path = _cache_file(project, sha256)
    if path is None or project.readonly or not pages:
        return
    document = {"version": _CACHE_VERSION, "sha256": sha256, "pages": {str(n): t for n, t in pages.items()}}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".ocr-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(document, out, ensure_ascii=False)
            os.replace(temp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
