"""Helpers every export shares: all-or-nothing output files and Windows-safe names."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from app.base.errors import FazhiError

#: Temporaries older than this are leftovers of a killed export (a live one keeps writing to its own).
STALE_TEMPORARY_SECONDS = 6 * 3600


def sweep_stale_temporaries(folder: Path, pattern: str) -> list[Path]:
    """Remove our own temporary files or folders matching ``pattern`` in ``folder`` that a killed export
    left behind (older than ``STALE_TEMPORARY_SECONDS``); return what was removed. Never raises."""
    removed: list[Path] = []
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    with contextlib.suppress(OSError):
        for leftover in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if leftover.is_symlink() or leftover.lstat().st_mtime > cutoff:
                    continue
                if leftover.is_dir():
                    shutil.rmtree(leftover)
                else:
                    leftover.unlink()
                removed.append(leftover)
    return removed


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it over ``target`` only if the block succeeds.

    A cancelled or failed export leaves nothing half-written: the temporary file is removed and an
    existing ``target`` stays as it was.
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise FazhiError(f"输出目录不存在：{parent} (output folder does not exist)")
    sweep_stale_temporaries(parent, f".{target.name}.*.part")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
    os.close(handle)
    temp = Path(name)
    # mkstemp makes the file private (0600); an export is an ordinary document (0666 less the umask).
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        temp.chmod(0o666 & ~umask)
    try:
        yield temp
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


@contextlib.contextmanager
def atomic_outputs(targets: list[Path]) -> Iterator[list[Path]]:
    """Like ``atomic_output`` for several files that appear together or not at all."""
    with contextlib.ExitStack() as stack:
        temps = [stack.enter_context(atomic_output(target)) for target in targets]
        yield temps


_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_filename(name: str, max_chars: int = 60, fallback: str = "文件") -> str:
    """A file-name part that Windows, Kylin and ZIP tools all accept.

    Removes characters Windows forbids, collapses whitespace, strips trailing dots and spaces, avoids
    reserved device names and keeps the name short (paths under 260 characters once unpacked).
    """
    text = unicodedata.normalize("NFC", name)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = text[:max_chars].rstrip(" .")
    text = text.lstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text
