"""The PDF of a photo that is kept without a stored rendition, made on demand from its original.

A JPEG whose PDF page is its own bytes unchanged (``ImageInfo.passthrough``: RGB or grey, upright or
turned by a multiple of 90°) is stored only as received: its record's ``sha256`` is the original's
(so the integrity check, dedup and freezes cover the file actually kept) and its ``kind`` "pdf" says
what preview and bundle are given. Storing that PDF as well would double the photo on disk and cost
a second SHA-256 pass per attach, for a file that takes about as long to make again as to hash.

``pdf_path`` returns the store's own file for every other record, and for such a photo a PDF under
``cache/renditions/``, made once (the bytes are deterministic: the same original gives the same PDF,
its /ID taken from the original's hash, so a cache lost or removed changes nothing). Older photo
records keep their stored rendition.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.base.errors import IntegrityError, RefusedFileError
from app.base.paths import cache_dir
from app.evidence.formats.common import JPEG_MAGIC
from app.evidence.formats.images import check_image, images_to_pdf
from app.project.store import EvidenceStore, fsync_file

RENDITIONS_DIR = Path("cache") / "renditions"
# In the cached file's name: a change of the page layout makes the PDFs again instead of reusing old ones.
RENDER_VERSION = 1


def stored_photo(path: Path) -> bool:
    """Whether the stored file is a JPEG (a photo kept without its PDF)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(JPEG_MAGIC)) == JPEG_MAGIC
    except OSError:
        return False  # missing: the caller's own check names it


def pdf_path(store: EvidenceStore, sha256: str, *, original_kind: str | None = None, name: str = "") -> Path:
    """The PDF that preview, bundle and folder ZIP use for the stored content ``sha256``.

    ``original_kind`` (the record's, when known) spares the look at the file for non-photos.
    Raises ``IntegrityError`` naming ``name`` when a stored photo cannot be made into a PDF.
    """
    stored = store.path_for(sha256)
    if original_kind not in (None, "jpeg") or not stored_photo(stored):
        return stored
    cached = store.folder / RENDITIONS_DIR / f"{sha256}-v{RENDER_VERSION}.pdf"
    if _complete(cached):
        return cached
    label = name or sha256[:12]
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        return _render(stored, cached, label, sha256, durable=store.durable)
    except OSError:
        # A project on a read-only medium: the PDF goes to this user's cache instead (never the shared
        # temporary folder, where another user could have left a file under the expected name).
        fallback = cache_dir() / "renditions" / cached.name
        if _complete(fallback):
            return fallback
        fallback.parent.mkdir(parents=True, exist_ok=True)
        return _render(stored, fallback, label, sha256, durable=store.durable)


def _complete(path: Path) -> bool:
    """A cached PDF that is all there (a power cut soon after the rename can leave it empty or short)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
            handle.seek(max(0, os.fstat(handle.fileno()).st_size - 32))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


def _render(stored: Path, cached: Path, name: str, sha256: str, *, durable: bool) -> Path:
    """Check the stored photo again (the store could have been altered) and write its PDF atomically."""
    try:
        info = check_image(stored, name, "jpeg")
    except RefusedFileError as exc:
        raise IntegrityError(f"证据文件无法打开：{name}（{exc.reason}），请先运行 fazhi verify") from None
    handle, temp_name = tempfile.mkstemp(dir=cached.parent, prefix=".render-", suffix=".pdf")
    os.close(handle)
    temp = Path(temp_name)
    try:
        images_to_pdf([(stored, name)], temp, infos=[info], document_id=bytes.fromhex(sha256[:32]))
        if durable:
            fsync_file(temp)
        os.replace(temp, cached)  # two processes making the same PDF write the same bytes
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    return cached
