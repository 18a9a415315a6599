"""Remembered answers inside the PDF/A validator (pikepdf's ``pikepdf.pdfa``).

Evidence files of one county are made by the same few office programs and embed subsets of the same
few fonts (宋体, 仿宋, 黑体), so the validator answers the same questions over and over. Two of them
are pure functions of their input and are remembered here:

- **Glyph checks**: ``TrueTypeProgram.has_gid`` unpacks a glyph's outline with fontTools. Whether a
  *simple* TrueType glyph can be unpacked depends only on its bytes (and the table's ``extended``
  flag, which fontTools passes on), so the verdict is kept per exact byte string. In the demo county
  33,067 glyph checks had 679 distinct outlines. Composite glyphs (which depend on other glyphs), CFF
  outlines, empty glyphs and glyphs fontTools has already unpacked go to the original method.
- **Schema checks**: ``SchemaSet.check`` validates the shallow JSON of each PDF object against its
  role's JSON schema (jsonschema). Only a *pass* is remembered, per (the flavour's schema file, role, the
  shallow JSON exactly): a pass records nothing, so answering it again from memory changes nothing, while a
  failure still runs the schema so that its findings name the object. Demo county: 3,588 checks, 745
  distinct.

Each wrapper is installed only over the exact method it was written against (its code names the
same attributes); on any other pikepdf the validator runs as shipped.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

#: Distinct answers remembered at most, per kind (≈ 200 bytes … 2 KB each); cleared when full.
MAX_REMEMBERED = 20_000
#: The names the wrapped methods of pikepdf 10.18 use: another body is not wrapped.
_HAS_GID_NAMES = ("_num_glyphs", "_cff", "has_gid", "_order", "_font", "expand", "Exception")
_CHECK_NAMES = ("list", "_validator", "iter_errors", "_interpret", "absolute_path", "_format_path", "deny")

_glyphs: dict[tuple[bytes, bool], bool] = {}
_passes: set[tuple[str, str, str]] = set()
_lock = threading.Lock()


class _Installed:
    """The methods wrapped (``None``: not installed)."""

    has_gid: Callable[[Any, int], bool] | None = None
    check: Callable[..., bool] | None = None


def _classes() -> tuple[Any, Any]:
    try:
        from pikepdf.pdfa import _fontprogram, _schemas
    except ImportError:
        return None, None
    return getattr(_fontprogram, "TrueTypeProgram", None), getattr(_schemas, "SchemaSet", None)


def _remembering_has_gid(self: Any, gid: int) -> bool:
    original = _Installed.has_gid
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
    verdict = _glyphs.get(key)
    if verdict is None:
        verdict = original(self, gid)
        with _lock:
            if len(_glyphs) >= MAX_REMEMBERED:
                _glyphs.clear()
            _glyphs[key] = verdict
    return verdict


def _remembering_check(self: Any, role: str, shallow: Any, ctx: Any, where: str) -> bool:
    original = _Installed.check
    assert original is not None
    # The flavour's schema file names the schemas the set holds.
    schema_file = getattr(self, "_flavour_file", None)
    try:
        key = (str(schema_file), role, json.dumps(shallow, sort_keys=True, ensure_ascii=False))
    except (TypeError, ValueError):  # not plain JSON: no memory
        return original(self, role, shallow, ctx, where)
    if schema_file is None:
        return original(self, role, shallow, ctx, where)
    if key in _passes:
        return True
    passed = original(self, role, shallow, ctx, where)
    if passed:
        with _lock:
            if len(_passes) >= MAX_REMEMBERED:
                _passes.clear()
            _passes.add(key)
    return passed


def _wrap(owner: Any, name: str, expected: tuple[str, ...], wrapper: Callable[..., Any]) -> Any:
    """Put ``wrapper`` in place of ``owner.name``; returns the original (``None``: not wrapped)."""
    current = getattr(owner, name, None)
    if current is wrapper:
        return None
    code = getattr(current, "__code__", None)
    if code is None or code.co_names != expected:
        return None
    setattr(owner, name, wrapper)
    return current


def install() -> bool:
    """Wrap both methods (once); False when this pikepdf's methods are not the ones this was
    written against (those are left as they are)."""
    program, schemas = _classes()
    if program is not None and _Installed.has_gid is None:
        _Installed.has_gid = _wrap(program, "has_gid", _HAS_GID_NAMES, _remembering_has_gid)
    if schemas is not None and _Installed.check is None:
        _Installed.check = _wrap(schemas, "check", _CHECK_NAMES, _remembering_check)
    return _Installed.has_gid is not None and _Installed.check is not None


def uninstall() -> None:
    """Put the original methods back and forget the answers (tests)."""
    program, schemas = _classes()
    if program is not None and _Installed.has_gid is not None:
        program.has_gid = _Installed.has_gid
    if schemas is not None and _Installed.check is not None:
        schemas.check = _Installed.check
    _Installed.has_gid = _Installed.check = None
    with _lock:
        _glyphs.clear()
        _passes.clear()


def remembered() -> tuple[int, int]:
    """How many distinct glyph outlines and schema passes are remembered."""
    return len(_glyphs), len(_passes)
