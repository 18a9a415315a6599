"""The CJK fonts shipped with fazhi, and their registration with reportlab.

The files are static TrueType subsets of Noto Sans SC (Hei style) and Noto Serif CJK SC (Song
style), covering GB 2312 plus ASCII, Latin-1 and the usual punctuation and symbol blocks (see
README.md beside this file; ``packaging/build_fonts.py`` makes them). reportlab embeds them as
subsets, so a printed PDF looks the same on any machine.

Nothing happens on import: call :func:`register_reportlab_fonts` before building a PDF, and
:func:`missing_glyphs` to find the characters of a text that would print as boxes.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "FONT_DIR",
    "FONT_NAMES",
    "SANS_BOLD",
    "SANS_REGULAR",
    "SERIF_BOLD",
    "SERIF_REGULAR",
    "FontNames",
    "missing_glyphs",
    "register_reportlab_fonts",
]

FONT_DIR: Path = Path(__file__).resolve().parent
SANS_REGULAR: Path = FONT_DIR / "NotoSansSC-Regular.ttf"
SANS_BOLD: Path = FONT_DIR / "NotoSansSC-Bold.ttf"
SERIF_REGULAR: Path = FONT_DIR / "NotoSerifSC-Regular.ttf"
SERIF_BOLD: Path = FONT_DIR / "NotoSerifSC-Bold.ttf"


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


def register_reportlab_fonts() -> FontNames:
    """Register the four fonts and two families with reportlab; safe to call any number of times.

    The families map bold to the bold file and italic to upright (CJK type has no italics), so
    ``<b>`` and ``<i>`` in a Paragraph keep to embedded fonts.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = set(pdfmetrics.getRegisteredFontNames())
    files = (
        (FONT_NAMES.serif, SERIF_REGULAR),
        (FONT_NAMES.serif_bold, SERIF_BOLD),
        (FONT_NAMES.sans, SANS_REGULAR),
        (FONT_NAMES.sans_bold, SANS_BOLD),
    )
    for name, path in files:
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # Italic and bold italic default to the upright faces.
    pdfmetrics.registerFontFamily(FONT_NAMES.serif, bold=FONT_NAMES.serif_bold)
    pdfmetrics.registerFontFamily(FONT_NAMES.sans, bold=FONT_NAMES.sans_bold)
    return FONT_NAMES


@cache
def _mapped_code_points(font: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    char_to_glyph: dict[int, int] = TTFontFile(str(font)).charToGlyph
    return frozenset(char_to_glyph)


def missing_glyphs(text: str, font: Path = SERIF_REGULAR) -> set[str]:
    """The characters of ``text`` that ``font`` has no glyph for (they would print as boxes).

    Control characters (line breaks, tabs) are not drawn and are never reported.
    """
    mapped = _mapped_code_points(font)
    return {char for char in set(text) if ord(char) not in mapped and unicodedata.category(char) != "Cc"}
