"""Text rules every layer shares: unit-name folding, names made safe to show, and safe file names.

``display_safe`` is THE rule for showing a name or title that came from outside (file names, titles,
unit names in packages): wherever one is printed — CLI output, refusal messages, the window's models,
exports — control characters (ANSI escapes included), bidi controls (U+202A–U+202E, U+2066–U+2069,
U+200E/U+200F, U+061C), line/paragraph separators (U+2028/U+2029) and every other format character
appear as a visible ``[U+202E]`` instead of acting on the screen. The stored value is never changed.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

#: Unicode categories that act on a display instead of showing: controls, format characters
#: (bidi controls, zero-width characters, BOM …), line and paragraph separators, lone surrogates.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
#: Zero-width joiners inside emoji and Indic scripts are harmless and common: shown as they are.
_ALLOWED_FORMAT = frozenset("\u200c\u200d")
#: The longest file name a package manifest may carry (``SUBMISSION_SCHEMA``).
MAX_FILE_NAME = 255


def normalize_name(name: str) -> str:
    return "".join(name.split())


def _hidden(ch: str) -> bool:
    return ch not in _ALLOWED_FORMAT and unicodedata.category(ch) in _HIDDEN_CATEGORIES


def display_safe(text: str) -> str:
    """``text`` with every character that would act on the display shown as ``[U+XXXX]``."""
    if not any(_hidden(ch) for ch in text):
        return text
    return "".join(f"[U+{ord(ch):04X}]" if _hidden(ch) else ch for ch in text)


def printable_path(path: Path | str) -> str:
    """A path for a one-line message, shown by the ``display_safe`` rule."""
    return display_safe(os.fspath(path))


def unsafe_name_reason(name: str) -> str | None:
    """Why ``name`` cannot travel as an evidence file name (``None``: it can).

    The one rule the office import applies to every file name in a submission and attach applies in a
    unit workspace, so a unit never attaches a file the office would refuse.
    """
    if not name or not name.strip():
        return "文件名为空"
    if name in {".", ".."} or any(c in name for c in "/\\"):
        return f"文件名不安全（含路径）：{display_safe(name)}"
    controls = sorted({f"U+{ord(c):04X}" for c in name if unicodedata.category(c) == "Cc"})
    if controls:
        return f"文件名含控制字符（{'、'.join(controls)}）：{display_safe(name)}，请改名后再添加"
    if len(name) > MAX_FILE_NAME:
        return f"文件名过长（{len(name)} 个字符，上限 {MAX_FILE_NAME}），请改名后再添加"
    return None


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} 字节"
