"""Fonts, paragraph styles and table styles for every PDF the exports draw (report, separators, tables).

The look follows Chinese official documents: Song/FangSong-style serif for body text, Hei-style sans for
headings, A4 with generous margins. Every font is the bundled CJK TrueType font, embedded as a subset;
nothing falls back to the unembedded PDF base-14 fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

from exports.fonts import (
    FONT_NAMES,
    font_runs,
    missing_glyphs,
    printable,
    register_fallback_fonts,
    register_reportlab_fonts,
)
from exports.printable import (
    UnprintableError,
    check_printable,
    clean_text,
    snippet_around,
    unprintable_message,
)

# reportlab loads only when a PDF is drawn (it costs ~0.1 s and 16 MB at start-up, and the window and
# most commands never draw one): its units are restated here, the colours, the line-breaking rules and
# the Paragraph subclass are made on first use.
#: reportlab.lib.units.mm, the same float.
MM = 72.0 / 2.54 * 0.1
mm = MM
#: reportlab.lib.pagesizes.A4.
A4 = (210 * MM, 297 * MM)
PAGE_SIZE = A4
# 公文 page margins (GB/T 9704 is 37/35/28/26 mm); slightly smaller top and bottom for table-heavy pages.
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 28 * mm
MARGIN_LEFT = 28 * mm
MARGIN_RIGHT = 26 * mm
TEXT_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

#: The colours by name (``GRID`` … are reportlab Colors made on first use; see ``__getattr__``).
PALETTE = {
    "GRID": "#5a5a5a",
    "HEADER_FILL": "#e8e8e8",
    "SUBTLE_FILL": "#f5f5f5",
    "MUTED": "#555555",
    "ACCENT": "#b8120f",  # the red of official documents, used sparingly
}


@cache
def color(name: str) -> Any:
    """The reportlab Color of a ``PALETTE`` entry."""
    from reportlab.lib import colors

    return colors.HexColor(PALETTE[name])


def __getattr__(name: str) -> Any:
    # ``from exports.pdf_style import GRID`` inside a drawing function: the Color, made on first use.
    if name in PALETTE:
        return color(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class PdfFonts:
    serif: str
    serif_bold: str
    sans: str
    sans_bold: str


def font_names() -> PdfFonts:
    """The reportlab names of the bundled fonts, without registering them (see ``ensure_fonts``)."""

    return PdfFonts(FONT_NAMES.serif, FONT_NAMES.serif_bold, FONT_NAMES.sans, FONT_NAMES.sans_bold)


def ensure_fonts(*names: str) -> None:
    """Register only the named bundled fonts (parsing a CJK TrueType file costs tens of milliseconds
    each, so a PDF that draws in one face should not pay for four); see ``fonts.register_reportlab_fonts``."""
    install_line_breaking()
    register_reportlab_fonts(*names)


@lru_cache(maxsize=1)
def pdf_fonts() -> PdfFonts:
    """Register the bundled CJK fonts with reportlab (once per process) and return their names."""
    from reportlab.graphics import shapes

    install_line_breaking()
    names = register_reportlab_fonts()
    # reportlab graphics select their default font (unembedded Helvetica) before drawing anything;
    # every drawing this program makes is Chinese, so the default becomes the embedded serif.
    shapes.STATE_DEFAULTS["fontName"] = names.serif
    return PdfFonts(names.serif, names.serif_bold, names.sans, names.sans_bold)


_FALLBACK_READY: list[bool] = []


def _ensure_fallback() -> None:
    if not _FALLBACK_READY:
        register_fallback_fonts()
        _FALLBACK_READY.append(True)


def _escape(value: str) -> str:
    # As xml.sax.saxutils.escape, whose import drags in urllib, http.client and ssl (~50 ms a start).
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(value: object) -> str:
    """Plain text made safe for reportlab's paragraph markup (newlines become line breaks).

    Characters the main faces lack are set in the fallback fonts (``<font face=…>`` runs); a character
    no font has raises ``UnprintableError`` (nothing prints as a box)."""
    plain = str(value)
    if not printable(plain):
        plain = clean_text(plain)
        missing = missing_glyphs(plain)
        if missing:
            first = min(missing, key=plain.index)
            raise UnprintableError(unprintable_message(first, f"“{snippet_around(plain, first)}”"))
        runs = font_runs(plain, "")
        if len(runs) > 1 or runs[0][0]:
            _ensure_fallback()
            marked = "".join(
                _escape(run) if not face else f'<font face="{face}">{_escape(run)}</font>'
                for face, run in runs
            )
            return marked.replace("\n", "<br/>")
    return _escape(plain).replace("\n", "<br/>")


def draw_string(  # noqa: PLR0917 - drawString's own argument order
    canvas: Any, x: float, y: float, value: str, font: str, size: float, align: str = "left"
) -> None:
    """Draw one line on a canvas like ``drawString`` (``align``: left, centre, right), switching to the
    fallback fonts for characters the main face lacks; raise ``UnprintableError`` for a box."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    plain = clean_text(value)
    check_printable(plain, f"“{plain[:16]}”")
    runs = font_runs(plain, font)
    if len(runs) > 1 or runs[0][0] != font:
        _ensure_fallback()
    widths = [stringWidth(run, face, size) for face, run in runs]
    total = sum(widths)
    start = x - total / 2 if align == "centre" else x - total if align == "right" else x
    for (face, run), width in zip(runs, widths, strict=True):
        canvas.setFont(face, size)
        canvas.drawString(start, y, run)
        start += width


@dataclass(frozen=True)
class Styles:
    fonts: PdfFonts
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_info: ParagraphStyle
    part: ParagraphStyle  # 第一部分 …
    area: ParagraphStyle  # 一、…
    group: ParagraphStyle  # （一）…
    minor: ParagraphStyle  # small headings inside a part
    body: ParagraphStyle
    body_plain: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_small: ParagraphStyle
    header_cell: ParagraphStyle
    toc_title: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]
    right: ParagraphStyle


def _style(name: str, **kwargs: Any) -> ParagraphStyle:
    from reportlab.lib.styles import ParagraphStyle

    install_line_breaking()
    kwargs.setdefault("wordWrap", "CJK")
    return ParagraphStyle(name, **kwargs)


@lru_cache(maxsize=1)
def styles() -> Styles:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT

    f = pdf_fonts()
    body = _style("body", fontName=f.serif, fontSize=12, leading=21, firstLineIndent=24, alignment=TA_JUSTIFY)
    cell = _style("cell", fontName=f.serif, fontSize=9.5, leading=13.5, alignment=TA_LEFT)
    return Styles(
        fonts=f,
        cover_title=_style(
            "cover_title", fontName=f.serif_bold, fontSize=26, leading=40, alignment=TA_CENTER
        ),
        cover_subtitle=_style(
            "cover_subtitle", fontName=f.serif, fontSize=14, leading=24, alignment=TA_CENTER
        ),
        cover_info=_style("cover_info", fontName=f.serif, fontSize=14, leading=22, alignment=TA_LEFT),
        part=_style(
            "part",
            fontName=f.sans,
            fontSize=16,
            leading=26,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=14,
        ),
        area=_style("area", fontName=f.sans, fontSize=14, leading=24, spaceBefore=10, spaceAfter=6),
        group=_style(
            "group",
            fontName=f.sans,
            fontSize=12,
            leading=20,
            spaceBefore=8,
            spaceAfter=5,
        ),
        minor=_style("minor", fontName=f.sans, fontSize=11, leading=18, spaceBefore=8, spaceAfter=4),
        body=body,
        body_plain=_style("body_plain", parent=body, firstLineIndent=0),
        note=_style("note", fontName=f.serif, fontSize=9.5, leading=15, textColor=color("MUTED")),
        cell=cell,
        cell_center=_style("cell_center", parent=cell, alignment=TA_CENTER),
        cell_small=_style("cell_small", parent=cell, fontSize=8.5, leading=12),
        header_cell=_style("header_cell", fontName=f.sans, fontSize=9.5, leading=13.5, alignment=TA_CENTER),
        toc_title=_style(
            "toc_title", fontName=f.sans, fontSize=16, leading=26, alignment=TA_CENTER, spaceAfter=14
        ),
        toc_levels=(
            _style("toc0", fontName=f.sans, fontSize=12, leading=20, leftIndent=0, firstLineIndent=0),
            _style("toc1", fontName=f.serif, fontSize=11, leading=18, leftIndent=14, firstLineIndent=0),
            _style("toc2", fontName=f.serif, fontSize=10, leading=16, leftIndent=30, firstLineIndent=0),
        ),
        right=_style("right", fontName=f.serif, fontSize=12, leading=21, alignment=TA_RIGHT),
    )


def grid_table_style(
    header_rows: int = 1, *, body_font: str | None = None, header_font: str | None = None
) -> list[tuple[Any, ...]]:
    """The ruled table of official forms: thin grid, shaded header, vertically centred cells.

    The fonts default to the serif body and the sans header (all four faces get registered); a caller
    that registers only some faces (``ensure_fonts``) names them.
    """
    from reportlab.lib import colors

    if body_font is None or (header_rows and header_font is None):
        f = pdf_fonts()
        body_font = body_font or f.serif
        header_font = header_font or f.sans
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), body_font),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, color("GRID")),
        ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), color("HEADER_FILL")),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), header_font),
            ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ]
    return commands


# -- Chinese line breaking (禁则) ---------------------------------------------------------------------
#
# reportlab's CJK wrapping hangs one closing mark in the margin and knows neither the full-width comma
# and semicolon nor opening brackets, so lines began with ，；） and ended with （“. Here no line starts
# with a closing mark and none ends with an opening one: the break moves back (推出) a character or
# more. Nothing hangs past the margin (it would cross a table's rule).

CANNOT_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…‥·・％‰℃,.;:?!)]}%々ー～")
CANNOT_END = frozenset("（《「『【〔〈［｛“‘([{")


def kinsoku_break(chars: Sequence[str], start: int, at: int) -> int:
    """Where the line from ``start`` should end when ``chars[at]`` no longer fits (``at`` > ``start``):
    the index of the next line's first character."""
    cut = at
    if ord(chars[cut][:1] or " ") < 0x3000 and chars[cut].strip() and chars[cut - 1].strip():
        # Inside a Latin word or number: back to the space or CJK character before it (half a line at most).
        for j in range(cut - 1, (start + cut) // 2, -1):
            if not chars[j].strip() or ord(chars[j][:1] or " ") >= 0x3000:
                cut = j + 1
                break
    while cut > start + 1 and (chars[cut] in CANNOT_START or chars[cut - 1] in CANNOT_END):
        cut -= 1
    return cut


def _cjk_frag_split(frags: Any, maxWidths: Any, calcBounds: Any, encoding: str = "utf8") -> Any:  # noqa: N803
    """reportlab's ``cjkFragSplit`` with the breaking rules above."""
    from reportlab.platypus import paragraph as rl_paragraph

    units: list[Any] = []
    for frag in frags:
        value = frag.text
        if isinstance(value, bytes):
            value = value.decode(encoding)
        if value:
            units.extend(rl_paragraph.cjkU(t, frag, encoding) for t in value)
        else:
            units.append(rl_paragraph.cjkU(value, frag, encoding))
    lines: list[Any] = []
    count = len(units)
    start = i = 0
    used = 0.0

    def max_width() -> float:
        return float(maxWidths[min(len(lines), len(maxWidths) - 1)])

    def width_of(unit: Any, limit: float) -> float:
        width = unit.width
        if hasattr(width, "normalizedValue"):
            width._normalizer = limit
            width = width.normalizedValue(limit)
        return float(width)

    limit = max_width()
    while i < count:
        unit = units[i]
        used += width_of(unit, limit)
        i += 1
        if hasattr(unit.frag, "lineBreak"):
            lines.append(
                rl_paragraph.makeCJKParaLine(units[start:i], limit, used, limit - used, True, calcBounds)
            )
            start, used = i, 0.0
            limit = max_width()
        elif used > limit + rl_paragraph._FUZZ and i - start > 1:
            cut = kinsoku_break(units, start, i - 1)
            width = sum(width_of(u, limit) for u in units[start:cut])
            lines.append(
                rl_paragraph.makeCJKParaLine(units[start:cut], limit, width, limit - width, False, calcBounds)
            )
            start = i = cut
            used = 0.0
            limit = max_width()
    if start < count:
        lines.append(
            rl_paragraph.makeCJKParaLine(units[start:], limit, used, limit - used, False, calcBounds)
        )
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def _dumb_split(word: str, widths: Sequence[float], maxWidths: Any) -> list[list[Any]]:  # noqa: N803
    """reportlab's ``dumbSplit`` (single-font CJK paragraphs) with the breaking rules above."""
    limits = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    lines: list[list[Any]] = []
    start = i = 0
    used = 0.0
    count = len(word)
    limit = limits[0] + 1e-6
    while i < count:
        used += widths[i]
        i += 1
        if used > limit and i - start > 1:
            cut = kinsoku_break(word, start, i - 1)
            lines.append([limit - 1e-6 - sum(widths[start:cut]), word[start:cut].strip()])
            start = i = cut
            used = 0.0
            limit = limits[min(len(lines), len(limits) - 1)] + 1e-6
    if start < count:
        lines.append([limit - 1e-6 - used, word[start:]])
    return lines


@cache
def install_line_breaking() -> None:
    """Put the rules above into reportlab (once, before anything is wrapped: every style, font
    registration and ``memo_paragraph`` passes here)."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph as rl_paragraph

    rl_paragraph.cjkFragSplit = _cjk_frag_split
    textsplit.dumbSplit = _dumb_split


def split_lines(value: str, widths: Sequence[float], available: float) -> list[str]:
    """``value`` broken into lines of at most ``available`` points by the rules above."""
    return [line for _, line in _dumb_split(value, widths, [available])]


# -- fast table cells ---------------------------------------------------------------------------------
#
# A long table of short texts spends most of its time in reportlab's Paragraph: parsing markup, then
# wrapping every cell again each time the table is measured, split across a page and drawn. Plain text
# needs none of that: it is broken into lines here exactly as a Paragraph with ``wordWrap="CJK"`` breaks
# it (reportlab's own ``dumbSplit`` on the same glyph widths) and handed to the table as a string with
# line breaks. A table draws such a string at the same baseline as the Paragraph (its first baseline one
# font size below the top, lines one leading apart), so the page looks the same.

#: Table cell padding of ``grid_table_style`` (left + right).
CELL_PADDING = 7.0


@lru_cache(maxsize=16)
def _glyph_widths(font_name: str, font_size: float) -> dict[str, float]:
    return {}


def plain_lines(value: object, font_name: str, font_size: float, width: float) -> str | None:
    """``value`` broken into lines for a column ``width`` points wide (padding included), joined by
    newlines, as a CJK-wrapping Paragraph in that font would break it; ``None`` when the text needs a
    real Paragraph (markup-sensitive whitespace, explicit line breaks, soft hyphens)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    plain = str(value)
    if not plain or plain != " ".join(plain.split()) or "\xad" in plain or not printable(plain):
        return None  # (text the main face cannot draw alone goes through ``text``: fallback fonts)
    widths = _glyph_widths(font_name, font_size)
    try:
        char_widths = [widths[c] for c in plain]
    except KeyError:
        for c in plain:
            if c not in widths:
                widths[c] = stringWidth(c, font_name, font_size)
        char_widths = [widths[c] for c in plain]
    available = width - CELL_PADDING
    if sum(char_widths) <= available:  # the common case: one line, nothing to split
        return plain
    return "\n".join(split_lines(plain, char_widths, available))


@cache
def memo_paragraph_class() -> Any:
    """``MemoParagraph``: a Paragraph subclass, made on first use (reportlab loads lazily)."""
    from reportlab.platypus import Paragraph

    install_line_breaking()

    class MemoParagraph(Paragraph):  # type: ignore[misc]
        """A Paragraph that wraps once per width: a table wraps its cells when it is measured, again for
        each part it is split into and again when it draws them."""

        _memo: tuple[float, Any, list[float], float, float] | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
            # A Paragraph's lines depend on the width only.
            memo = self._memo
            if memo is not None and memo[0] == availWidth:
                self.blPara, self._wrapWidths, self.width, self.height = memo[1:]
                return self.width, self.height
            width, height = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):
                self._memo = (availWidth, self.blPara, self._wrapWidths, width, height)
            return width, height

    return MemoParagraph


def MemoParagraph(*args: Any, **kwargs: Any) -> Any:
    """A ``MemoParagraph`` (see ``memo_paragraph_class``)."""
    return memo_paragraph_class()(*args, **kwargs)
