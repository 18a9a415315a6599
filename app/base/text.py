"""Text rules every layer shares: unit-name folding and names made safe to print on one line."""

from __future__ import annotations

import os
from pathlib import Path


def normalize_name(name: str) -> str:
    return "".join(name.split())


# Characters that would break "one line" messages or reorder them on screen (bidi controls).
_INVISIBLE = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")


def printable_path(path: Path | str) -> str:
    """The path for a one-line message: control and bidi characters shown as \\uXXXX escapes."""
    return "".join(
        ch if ch.isprintable() and ch not in _INVISIBLE else f"\\u{ord(ch):04x}" for ch in os.fspath(path)
    )


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} 字节"
