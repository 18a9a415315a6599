"""Remembered glyph checks for the PDF/A validator (pikepdf's ``pikepdf.pdfa``).

The validator checks that every glyph a document shows can be read from its embedded font program:
``TrueTypeProgram.has_gid`` unpacks the glyph's outline with fontTools. Evidence files of one county
embed subsets of the same few fonts (宋体, 仿宋, 黑体 from the same office machines), so the same
glyph outlines are unpacked over and over: in the demo county 33,067 glyph checks had 679 distinct
outlines, and the checks were more than half of the validator's time.

Whether a *simple* TrueType glyph can be unpacked depends only on its bytes (and the table's
``extended`` flag, which fontTools passes on), so the verdict is remembered per exact byte string.
Composite glyphs (which depend on other glyphs), CFF outlines, empty glyphs and glyphs fontTools has
already unpacked go to the original method unchanged. The wrapper is installed only over the exact
``has_gid`` this was written against (its code names the same attributes); on any other pikepdf the
validator runs as shipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

#: Distinct outlines remembered at most (≈ 200 bytes each); the memory is cleared when full.
MAX_REMEMBERED = 20_000
#: The names ``TrueTypeProgram.has_gid`` of pikepdf 10.18 uses: another body is not wrapped.
_EXPECTED_NAMES = ("_num_glyphs", "_cff", "has_gid", "_order", "_font", "expand", "Exception")

_verdicts: dict[tuple[bytes, bool], bool] = {}
_lock = threading.Lock()


class _Installed:
    """The method wrapped (``None``: not installed)."""

    original: Callable[[Any, int], bool] | None = None


def _program_class() -> Any:
    try:
        from pikepdf.pdfa import _fontprogram
    except ImportError:
        return None
    return getattr(_fontprogram, "TrueTypeProgram", None)


def _remembering_has_gid(self: Any, gid: int) -> bool:
    original = _Installed.original
    assert original is not None
    if not 0 <= gid < self._num_glyphs or self._cff is not None:
        return original(self, gid)
    try:
        table = self._font["glyf"]
        glyph = table.glyphs[self._order[gid]]
        data = glyph.__dict__.get("data")
    except Exception:  # the original method gives the verdict on a table it cannot read
        return original(self, gid)
    # int16 numberOfContours < 0: a composite, whose outline comes from other glyphs.
    if not isinstance(data, bytes) or len(data) < 2 or data[0] & 0x80:
        return original(self, gid)
    key = (data, bool(getattr(table, "extended", False)))
    verdict = _verdicts.get(key)
    if verdict is None:
        verdict = original(self, gid)
        with _lock:
            if len(_verdicts) >= MAX_REMEMBERED:
                _verdicts.clear()
            _verdicts[key] = verdict
    return verdict


def install() -> bool:
    """Wrap ``TrueTypeProgram.has_gid`` (once); False when this pikepdf's method is not the one
    this was written against (nothing changed then)."""
    program = _program_class()
    if program is None:
        return False
    current = program.has_gid
    if current is _remembering_has_gid:
        return True
    if getattr(current, "__code__", None) is None or current.__code__.co_names != _EXPECTED_NAMES:
        return False
    _Installed.original = current
    program.has_gid = _remembering_has_gid
    return True


def uninstall() -> None:
    """Put the original method back and forget the verdicts (tests)."""
    program = _program_class()
    original = _Installed.original
    if program is not None and original is not None and program.has_gid is _remembering_has_gid:
        program.has_gid = original
    _Installed.original = None
    with _lock:
        _verdicts.clear()


def remembered() -> int:
    """How many distinct outlines have a remembered verdict."""
    return len(_verdicts)
