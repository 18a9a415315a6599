"""The CJK fonts shipped with fazhi, and their registration with reportlab.

The files are static TrueType subsets of Noto Sans SC (Hei style) and Noto Serif CJK SC (Song
style), covering GB 2312 plus ASCII, Latin-1 and the usual punctuation and symbol blocks (see
README.md beside this file; ``packaging/build_fonts.py`` makes them). reportlab embeds them as
subsets, so a printed PDF looks the same on any machine.

Two serif fallback fonts cover the rest of GBK and CJK Extension A (GB 18030's required hanzi):
text that uses such characters (names such as 镕 珺 玥 堃) switches to them run by run
(:func:`font_runs`). Nothing happens on import: call :func:`register_reportlab_fonts` (with the faces
a PDF draws in) and :func:`register_fallback_fonts` before building a PDF, and :func:`missing_glyphs` to
find the characters of a text that would still print as boxes. No other module registers fonts.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

from app.base.jsonsafe import loads_limited

__all__ = [
    "FACE_FILES",
    "FALLBACK_FILES",
    "FALLBACK_NAMES",
    "FONT_DIR",
    "FONT_NAMES",
    "SANS_BOLD",
    "SANS_REGULAR",
    "SERIF_BOLD",
    "SERIF_REGULAR",
    "FontNames",
    "font_runs",
    "missing_glyphs",
    "primary_code_points",
    "printable",
    "register_fallback_fonts",
    "register_reportlab_fonts",
]

FONT_DIR: Path = Path(__file__).resolve().parent
SANS_REGULAR: Path = FONT_DIR / "NotoSansSC-Regular.ttf"
SANS_BOLD: Path = FONT_DIR / "NotoSansSC-Bold.ttf"
SERIF_REGULAR: Path = FONT_DIR / "NotoSerifSC-Regular.ttf"
SERIF_BOLD: Path = FONT_DIR / "NotoSerifSC-Bold.ttf"
#: Serif fallbacks, in the order they are tried: the rest of GBK, then CJK Extension A.
FALLBACK_FILES: tuple[Path, ...] = (
    FONT_DIR / "NotoSerifSC-FallbackGBK.ttf",
    FONT_DIR / "NotoSerifSC-FallbackExtA.ttf",
)
FALLBACK_NAMES: tuple[str, ...] = ("FazhiFallbackGBK", "FazhiFallbackExtA")
#: The code points each font draws, as ranges (``coverage.json``, written by ``write_coverage``): reading
#: them from the fonts themselves means parsing 20 MB of TrueType at every export's start.
COVERAGE_FILE: Path = FONT_DIR / "coverage.json"


class FontNames(NamedTuple):
    """reportlab font names to pass as ``fontName`` (each also a family, so ``<b>`` works)."""

    serif: str
    serif_bold: str
    sans: str
    sans_bold: str


FONT_NAMES = FontNames(
    serif="FazhiSerif",
    serif_bold="FazhiSerifBold",
    sans="FazhiSans",
    sans_bold="FazhiSansBold",
)


#: The file of each main face, by reportlab name.
FACE_FILES: dict[str, Path] = {
    FONT_NAMES.serif: SERIF_REGULAR,
    FONT_NAMES.serif_bold: SERIF_BOLD,
    FONT_NAMES.sans: SANS_REGULAR,
    FONT_NAMES.sans_bold: SANS_BOLD,
}


def register_reportlab_fonts(*faces: str) -> FontNames:
    """Register the named main faces (all four when none is named) with reportlab and return their names;
    safe to call any number of times. This module is the only place that registers fonts.

    Parsing a CJK TrueType file costs tens of milliseconds, so a PDF that draws in one or two faces
    registers only those. A family is registered once both its faces are: bold maps to the bold file and
    italic to upright (CJK type has no italics), so ``<b>`` and ``<i>`` in a Paragraph keep to embedded
    fonts. Raises ``KeyError`` for a name that is not a bundled face.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    wanted = faces or tuple(FONT_NAMES)
    unknown = [name for name in wanted if name not in FACE_FILES]
    if unknown:
        raise KeyError(f"not a bundled font face: {', '.join(unknown)}")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in wanted:
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FACE_FILES[name])))
            registered.add(name)
    # Italic and bold italic default to the upright faces.
    for regular, bold in ((FONT_NAMES.serif, FONT_NAMES.serif_bold), (FONT_NAMES.sans, FONT_NAMES.sans_bold)):
        if regular in registered and bold in registered:
            pdfmetrics.registerFontFamily(regular, bold=bold)
    return FONT_NAMES


def register_fallback_fonts() -> tuple[str, ...]:
    """Register the fallback fonts (each its own family, bold and italic mapping to itself, so a
    fallback run inside ``<b>`` stays embedded); idempotent. Loaded only when a text needs them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, path in zip(FALLBACK_NAMES, FALLBACK_FILES, strict=True):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return FALLBACK_NAMES


@cache
def _mapped_code_points(font: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    char_to_glyph: dict[int, int] = TTFontFile(str(font)).charToGlyph
    return frozenset(char_to_glyph)


def _ranges(codes: frozenset[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def measured_coverage() -> dict[str, list[list[int]]]:
    """Each font file's code points (as ranges), read from the files."""
    fonts = (SERIF_REGULAR, SERIF_BOLD, SANS_REGULAR, SANS_BOLD, *FALLBACK_FILES)
    return {path.name: _ranges(_mapped_code_points(path)) for path in fonts}


def write_coverage() -> None:
    """Rewrite ``coverage.json`` from the font files (after rebuilding them)."""
    COVERAGE_FILE.write_text(json.dumps(measured_coverage(), separators=(",", ":")) + "\n", encoding="utf-8")


@cache
def _coverage_ranges() -> dict[str, list[list[int]]]:
    ranges: dict[str, list[list[int]]] = loads_limited(COVERAGE_FILE.read_text(encoding="utf-8"))
    return ranges


@cache
def _coverage(name: str) -> frozenset[int]:
    return frozenset(code for low, high in _coverage_ranges()[name] for code in range(low, high + 1))


@cache
def primary_code_points() -> frozenset[str]:
    """Characters all four main faces draw (a text of only these needs no fallback)."""
    ranges = _coverage_ranges()
    common = {code for low, high in ranges[SERIF_REGULAR.name] for code in range(low, high + 1)}
    for font in (SERIF_BOLD, SANS_REGULAR, SANS_BOLD):
        common.intersection_update(code for low, high in ranges[font.name] for code in range(low, high + 1))
    return frozenset(chr(c) for c in common)


@cache
def _fallback_of() -> dict[str, int]:
    """Character → index of the first fallback font drawing it (characters the main faces lack)."""
    primary = primary_code_points()
    found: dict[str, int] = {}
    for index, path in enumerate(FALLBACK_FILES):
        for code in _coverage(path.name):
            char = chr(code)
            if char not in primary and char not in found:
                found[char] = index
    return found


def printable(text: str) -> bool:
    """True when every character of ``text`` is drawn by the main faces (no fallback needed)."""
    return set(text) <= primary_code_points()


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` cut into ``(font name, run)``: the main ``font`` where it has the glyph, the fallback
    fonts elsewhere. Characters no font has stay with ``font`` (see :func:`missing_glyphs`)."""
    primary = primary_code_points()
    if set(text) <= primary:
        return [(font, text)]
    fallback = _fallback_of()
    runs: list[tuple[str, str]] = []
    for char in text:
        index = fallback.get(char) if char not in primary else None
        name = font if index is None else FALLBACK_NAMES[index]
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs


def missing_glyphs(text: str, font: Path = SERIF_REGULAR) -> set[str]:
    """The characters of ``text`` that would print as boxes: neither ``font`` nor any fallback font
    has a glyph for them.

    Control characters (line breaks, tabs) are not drawn and are never reported.
    """
    mapped = _coverage(font.name) if font.parent == FONT_DIR else _mapped_code_points(font)
    fallback = _fallback_of()
    return {
        char
        for char in set(text)
        if ord(char) not in mapped and char not in fallback and unicodedata.category(char) != "Cc"
    }
