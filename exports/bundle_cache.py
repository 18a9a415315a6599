"""What the bundle learns about a stored evidence file, kept between exports.

Stored evidence never changes (the store is content-addressed by SHA-256), so what one export learns
about a file holds for every later one: its page count, whether every font it uses is embedded, the
PDF/A-2b validator's verdict on it (checked on its own, see ``exports.archival.source_conforms``), and
the PDF a spreadsheet is drawn as. Without this every export re-opened every PDF, re-ran the validator
over every glyph of every embedded font subset (seconds for the demo county) and redrew every
spreadsheet (openpyxl and numpy loaded for it).

The bundle's own pages are kept the same way, keyed by everything they are drawn from (see
``exports.bundle_pages.pages_key``): the contents and separators of a volume (the PDF and the page
numbers its layout gave each section), and what stamping needs from reportlab (the stamp font subset,
and each stamp text's width and box). An export of an unchanged project then loads neither reportlab
nor a CJK face. Only the newest ``KEEP_PAGES`` page files are kept.

The cache is a folder (the project's ``cache/bundle``): ``facts.json``, ``stamps.json``, the drawn
spreadsheets and volume pages. It is an optimisation only: a missing, unreadable or foreign file is
ignored (the facts are found again, the pages drawn again), a failed write is ignored, and the
verdicts are dropped when the validator's version changes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.base.jsonsafe import loads_limited

#: Bump when what is cached changes meaning (the spreadsheet drawing, the facts' fields).
CACHE_VERSION = 1
FACTS_FILE = "facts.json"
#: A facts file larger than this is not read (it would be a foreign file).
MAX_FACTS_BYTES = 64 * 1024 * 1024
STAMPS_FILE = "stamps.json"
#: Volume pages (contents and separators) kept: the newest few layouts.
KEEP_PAGES = 6
PAGES_PREFIX = f"pages-v{CACHE_VERSION}-"


@dataclass
class StampData:
    """What stamping needs from reportlab: the font subset's one-page PDF, its character codes, and per
    stamp text its width and its box's path operators (reportlab's own numbers, kept exactly)."""

    font_pdf: bytes
    codes: dict[str, int]
    widths: dict[str, float]
    boxes: dict[str, str]


@dataclass(frozen=True)
class SourceFacts:
    pages: int
    fonts_embedded: bool
    #: The PDF/A-2b verdict on the file on its own; ``None``: not checked yet.
    conforms: bool | None = None


class BundleCache:
    """Facts per stored file (by SHA-256) and drawn spreadsheets, in ``folder`` (``None``: this export
    only, nothing kept)."""

    def __init__(self, folder: Path | None, validator: str) -> None:
        self.folder = folder
        self.validator = validator
        self._facts: dict[str, SourceFacts] = {}
        self._dirty = False
        if folder is not None:
            self._facts = self._read(folder / FACTS_FILE)

    def _read(self, path: Path) -> dict[str, SourceFacts]:
        """The facts kept in ``path`` (empty when missing, unreadable or foreign); verdicts of another
        validator are dropped."""
        found: dict[str, SourceFacts] = {}
        try:
            document = loads_limited(path.read_bytes(), max_bytes=MAX_FACTS_BYTES)
        except (OSError, ValueError):
            return found
        if not isinstance(document, dict) or document.get("version") != CACHE_VERSION:
            return found
        same_validator = document.get("validator") == self.validator
        facts = document.get("files")
        if not isinstance(facts, dict):
            return found
        for sha, entry in facts.items():
            try:
                conforms = entry.get("conforms") if same_validator else None
                found[str(sha)] = SourceFacts(
                    int(entry["pages"]),
                    bool(entry["fonts_embedded"]),
                    None if conforms is None else bool(conforms),
                )
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        return found

    # -- facts ----------------------------------------------------------------------------------
    def facts(self, sha256: str) -> SourceFacts | None:
        return self._facts.get(sha256)

    def known(self, sha256: str) -> bool:
        """Everything an export needs about PDF ``sha256`` is kept (its page count and verdict)."""
        facts = self._facts.get(sha256)
        return facts is not None and facts.conforms is not None

    def put(self, sha256: str, facts: SourceFacts) -> None:
        if self._facts.get(sha256) != facts:
            self._facts[sha256] = facts
            self._dirty = True

    # -- drawn spreadsheets -------------------------------------------------------------------------
    def rendition(self, sha256: str, title: str) -> Path | None:
        """Where the drawing of spreadsheet ``sha256`` under ``title`` is kept (``None``: not kept)."""
        if self.folder is None:
            return None
        tag = hashlib.sha256(title.encode("utf-8")).hexdigest()[:12]
        return self.folder / f"xlsx-v{CACHE_VERSION}-{sha256[:32]}-{tag}.pdf"

    def keep_rendition(self, drawn: Path, sha256: str, title: str) -> None:
        """Keep a copy of ``drawn`` (the spreadsheet's PDF) for later exports."""
        target = self.rendition(sha256, title)
        if target is None or target.is_file():
            return
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".xlsx-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(drawn.read_bytes())
                os.replace(temp, target)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    # -- the bundle's own pages -------------------------------------------------------------------
    def pages(self, key: str) -> tuple[Path, dict[str, Any]] | None:
        """The kept volume pages drawn under ``key`` and their layout, or ``None``."""
        if self.folder is None:
            return None
        pdf = self.folder / f"{PAGES_PREFIX}{key}.pdf"
        try:
            layout = loads_limited(pdf.with_suffix(".json").read_bytes(), max_bytes=MAX_FACTS_BYTES)
        except (OSError, ValueError):
            return None
        if not isinstance(layout, dict) or layout.get("key") != key or not pdf.is_file():
            return None
        return pdf, layout

    def keep_pages(self, key: str, drawn: Path, layout: dict[str, Any]) -> None:
        """Keep ``drawn`` (a volume's contents and separators) and its layout under ``key``."""
        if self.folder is None:
            return
        pdf = self.folder / f"{PAGES_PREFIX}{key}.pdf"
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomically(pdf, drawn.read_bytes())
            _write_atomically(pdf.with_suffix(".json"), json.dumps({**layout, "key": key}).encode("utf-8"))
            kept = sorted(self.folder.glob(f"{PAGES_PREFIX}*.pdf"), key=lambda p: p.stat().st_mtime_ns)
            for old in kept[:-KEEP_PAGES]:
                old.unlink()
                old.with_suffix(".json").unlink(missing_ok=True)

    def stamps(self, version: str) -> StampData | None:
        if self.folder is None:
            return None
        try:
            document = loads_limited((self.folder / STAMPS_FILE).read_bytes(), max_bytes=MAX_FACTS_BYTES)
            if not isinstance(document, dict) or document.get("version") != version:
                return None
            return StampData(
                base64.b64decode(document["font_pdf"]),
                {str(k): int(v) for k, v in document["codes"].items()},
                {str(k): float(v) for k, v in document["widths"].items()},
                {str(k): str(v) for k, v in document["boxes"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def keep_stamps(self, version: str, data: StampData) -> None:
        if self.folder is None:
            return
        document = {
            "version": version,
            "font_pdf": base64.b64encode(data.font_pdf).decode("ascii"),
            "codes": data.codes,
            "widths": data.widths,
            "boxes": data.boxes,
        }
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            content = json.dumps(document, ensure_ascii=False).encode("utf-8")
            _write_atomically(self.folder / STAMPS_FILE, content)

    # -- writing --------------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the facts if anything was learnt (atomically; a failure only loses the cache). What
        another writer kept meanwhile (an export beside the head start, another copy of the program)
        is merged in, ours winning where both know a file. False: the folder cannot be written."""
        if self.folder is None or not self._dirty:
            return True
        merged = self._read(self.folder / FACTS_FILE)
        for sha, facts in self._facts.items():
            theirs = merged.get(sha)
            if theirs is None or facts.conforms is not None or theirs.conforms is None:
                merged[sha] = facts
        self._facts = merged
        document: dict[str, Any] = {
            "version": CACHE_VERSION,
            "validator": self.validator,
            "files": {
                sha: {"pages": f.pages, "fonts_embedded": f.fonts_embedded, "conforms": f.conforms}
                for sha, f in sorted(merged.items())
            },
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            content = json.dumps(document, ensure_ascii=False).encode("utf-8")
            _write_atomically(self.folder / FACTS_FILE, content)
        except OSError:
            return False
        self._dirty = False
        return True


def _write_atomically(target: Path, content: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".cache-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
