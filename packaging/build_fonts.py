#!/usr/bin/env python3
"""Build the CJK fonts shipped in ``exports/fonts/`` from their upstream files.

reportlab can embed only TrueType (``glyf``) fonts, so this script makes static, subset TrueType
fonts out of upstream Noto files:

* Noto Sans SC (Hei style): the variable TrueType font ``NotoSansSC[wght].ttf`` from the PyPI wheel
  ``justmytype-intl-cjk`` 0.1.0 (Google Fonts build, version 2.004), instanced at wght 400 and 700
  with ``fontTools.varLib.instancer``.
* Noto Serif CJK SC (Song style): the SC face of ``NotoSerifCJK-Regular.ttc`` (and ``-Bold.ttc``)
  from Debian's ``fonts-noto-cjk`` 1:20220127+repack1-1 (version 2.001). Its outlines are CFF, so
  they are converted to quadratic TrueType outlines with cu2qu (as in fontTools' ``otf2ttf``
  snippet: max error 1 font unit, contour direction reversed).

Every font is subset to the character set below (``--charset gb2312``, the default: every character
of Python's "gb2312" codec; ``--charset gbk``: that plus the rest of GBK's CJK Unified Ideographs,
about 3.3 times the size, see exports/fonts/README.md), plus ASCII, Latin-1,
general punctuation, arrows, enclosed alphanumerics, box drawing, CJK symbols and punctuation,
fullwidth forms, and every character of the ``--seeds`` text files. Hinting, OpenType layout tables
and vertical metrics are dropped (reportlab uses none of them); the ``name`` table is kept whole
(copyright, OFL notice, family "Noto Sans SC" / "Noto Serif CJK SC"), and the version string
(name ID 5) says that the font is a subset made for fazhi.

Getting the inputs (PyPI and Debian's archive)::

    pip download --no-deps justmytype-intl-cjk==0.1.0 -d /tmp/fontsrc
    (cd /tmp/fontsrc && apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb deb)

Rebuilding (from the repository root; takes a few minutes)::

    python packaging/build_fonts.py \\
        --sans /tmp/fontsrc/justmytype_intl_cjk-0.1.0-py3-none-any.whl \\
        --serif /tmp/fontsrc/deb/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \\
        --serif-bold /tmp/fontsrc/deb/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc \\
        --seeds ../shared/seeds --out exports/fonts

``--fallback`` builds only the two serif fallback fonts (the rest of GBK; CJK Extension A) from
``--serif``. After any rebuild, rewrite ``exports/fonts/coverage.json``:
``python -c "from exports.fonts import write_coverage; write_coverage()"``.

``--sans`` takes the wheel or the extracted ``NotoSansSC[wght].ttf`` (then give ``--ofl`` too);
``--serif``/``--serif-bold`` take a ``.ttc`` collection (the SC face is picked by name) or a
single ``.otf``. ``--serif-bold`` is optional. ``--measure`` prints the sizes of both charset
choices without writing anything. Needs fontTools (>= 4.40).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped, unused-ignore]
from fontTools.pens.cu2quPen import Cu2QuPen  # type: ignore[import-untyped, unused-ignore]
from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped, unused-ignore]
from fontTools.ttLib import TTCollection, TTFont, newTable  # type: ignore[import-untyped, unused-ignore]
from fontTools.varLib import instancer  # type: ignore[import-untyped, unused-ignore]

WHEEL_DIR = "justmytype_intl_cjk/fonts/ofl/notosanssc/"
SANS_VF_NAME = "NotoSansSC[wght].ttf"
SERIF_FAMILY = "Noto Serif CJK SC"

# Unicode blocks always kept, on top of the GB 2312 / GBK repertoire and the seed texts.
EXTRA_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (①…)
    (0x2500, 0x257F),  # Box Drawing
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)
CJK_UNIFIED = (0x4E00, 0x9FFF)
CJK_EXT_A = (0x3400, 0x4DBF)  # GB 18030's four-byte hanzi that its 2005 edition requires
#: The fallback fonts (each under the repository's ~8 MB per-file limit: one file would be 9.8 MB).
FALLBACK_FILES = ("NotoSerifSC-FallbackGBK.ttf", "NotoSerifSC-FallbackExtA.ttf")
MAX_ERR = 1.0  # cu2qu tolerance, font units (UPM 1000)


def double_byte_chars(codec: str) -> set[int]:
    """Every character that a double-byte code of ``codec`` (gb2312 or gbk) decodes to."""
    chars: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars.add(ord(text))
    return chars


def character_set(charset: str, seed_files: Iterable[Path]) -> set[int]:
    chars = double_byte_chars("gb2312")
    if charset == "gbk":
        lo, hi = CJK_UNIFIED
        chars |= {c for c in double_byte_chars("gbk") if lo <= c <= hi}
    for lo, hi in EXTRA_RANGES:
        chars.update(range(lo, hi + 1))
    for path in seed_files:
        chars.update(ord(c) for c in path.read_text(encoding="utf-8"))
    # Controls never draw; line breaks and tabs in the seeds are not glyphs.
    return {c for c in chars if c >= 0x20 and not 0x7F <= c < 0xA0}


def fallback_sets(primary: set[int]) -> tuple[set[int], set[int]]:
    """The fallback fonts' repertoires: the characters of GBK (every double-byte code) that
    ``primary`` lacks, then those of CJK Extension A (the rest of GB 18030's required hanzi)."""
    gbk = {c for c in double_byte_chars("gbk") - primary if c >= 0x20}
    ext_a = set(range(CJK_EXT_A[0], CJK_EXT_A[1] + 1)) - primary - gbk
    return gbk, ext_a


def subset_options() -> subset.Options:
    options = subset.Options()
    options.layout_features = []  # reportlab does no shaping: GSUB/GPOS would be dead weight
    options.hinting = False
    options.notdef_outline = True  # a missing character prints as a box, not as nothing
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.glyph_names = False  # post format 3
    options.drop_tables += ["BASE", "GDEF", "GSUB", "GPOS", "VORG", "vhea", "vmtx", "DSIG"]
    options.desubroutinize = True
    return options


def subset_font(font: TTFont, unicodes: set[int]) -> None:
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def otf_to_ttf(font: TTFont) -> None:
    """Replace CFF outlines by quadratic ``glyf`` outlines (fontTools' otf2ttf snippet)."""
    assert font.sfntVersion == "OTTO" and "CFF " in font
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph(dropImpliedOnCurves=True)
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
    ):
        setattr(maxp, attr, 0)
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    maxp.compile(font)  # also recalculates the point and contour maxima
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def mark_subset(font: TTFont, charset: str) -> None:
    """Say in the version string (name ID 5) that this is a modified (subset) version."""
    note = f"; subset ({charset.upper()}) and TrueType static build for fazhi"
    name = font["name"]
    for record in list(name.names):
        if record.nameID == 5:
            name.setName(record.toUnicode() + note, 5, record.platformID, record.platEncID, record.langID)


def set_style_bits(font: TTFont, bold: bool) -> None:
    os2, head = font["OS/2"], font["head"]
    os2.usWeightClass = 700 if bold else 400
    os2.fsSelection &= ~((1 << 0) | (1 << 5) | (1 << 6))  # italic, bold, regular
    os2.fsSelection |= (1 << 5) if bold else (1 << 6)
    head.macStyle = (head.macStyle & ~0b11) | (1 if bold else 0)


def read_sans(path: Path) -> tuple[bytes, str | None]:
    """The variable font's bytes and, from a wheel, its OFL.txt."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return wheel.read(WHEEL_DIR + SANS_VF_NAME), wheel.read(WHEEL_DIR + "OFL.txt").decode()
    return path.read_bytes(), None


def build_sans(vf_data: bytes, weight: int, unicodes: set[int], charset: str) -> TTFont:
    font = TTFont(io.BytesIO(vf_data))
    subset_font(font, unicodes)  # subset first: instancing ~30k glyphs is slow
    font = instancer.instantiateVariableFont(font, {"wght": weight}, updateFontNames=True)
    for tag in ("STAT", "fvar", "avar", "HVAR", "MVAR", "gvar"):
        if tag in font:
            del font[tag]
    set_style_bits(font, weight >= 700)
    mark_subset(font, charset)
    return font


def read_serif(path: Path) -> TTFont:
    if path.suffix.lower() == ".ttc":
        for face in TTCollection(path).fonts:
            if face["name"].getDebugName(1) == SERIF_FAMILY:
                return face
        raise SystemExit(f"{path}: no face named {SERIF_FAMILY!r}")
    return TTFont(path)


def build_serif(path: Path, unicodes: set[int], charset: str, bold: bool) -> TTFont:
    font = read_serif(path)
    subset_font(font, unicodes)
    otf_to_ttf(font)
    set_style_bits(font, bold)
    mark_subset(font, charset)
    return font


def build_fallback(serif: Path, primary: set[int], out: Path) -> int:
    """The serif fallback fonts: every character of ``fallback_sets`` the upstream serif has."""
    out.mkdir(parents=True, exist_ok=True)
    for file_name, wanted, label in zip(FALLBACK_FILES, fallback_sets(primary), ("GBK", "ExtA"), strict=True):
        started = time.monotonic()
        font = build_serif(serif, wanted, f"{label} fallback", bold=False)
        name = font["name"]
        for record in list(name.names):
            if record.nameID == 6:  # a PostScript name of its own: viewers must not mix it with the main face
                postscript = f"{record.toUnicode()}-Fallback{label}"
                name.setName(postscript, 6, record.platformID, record.platEncID, record.langID)
        data = font_bytes(font)
        have = set(font.getBestCmap())
        print(
            f"{file_name}: {len(wanted)} characters wanted, {len(have)} in the font, "
            f"{len(data):,} bytes, {time.monotonic() - started:.0f} s",
            flush=True,
        )
        (out / file_name).write_bytes(data)
    return 0


def font_bytes(font: TTFont) -> bytes:
    font.recalcTimestamp = False  # keep upstream's head.modified: rebuilds are byte-identical
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def ofl_text(sans_ofl: str, serif_copyright: str) -> str:
    """The upstream OFL.txt, with the serif's copyright line added to the sans's."""
    first, _, rest = sans_ofl.partition("\n")
    return f"Noto Sans SC: {first.strip()}\nNoto Serif CJK SC: {serif_copyright.strip()}\n{rest}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sans", type=Path, required=True, help="justmytype_intl_cjk wheel, or NotoSansSC[wght].ttf"
    )
    parser.add_argument(
        "--serif", type=Path, required=True, help="NotoSerifCJK-Regular.ttc (or NotoSerifCJKsc-Regular.otf)"
    )
    parser.add_argument("--serif-bold", type=Path, help="NotoSerifCJK-Bold.ttc (optional)")
    parser.add_argument("--ofl", type=Path, help="OFL.txt (default: the one in the wheel)")
    parser.add_argument(
        "--seeds",
        type=Path,
        action="append",
        default=[],
        help="folder of *.txt whose characters must all be kept (repeatable)",
    )
    parser.add_argument("--charset", choices=("gb2312", "gbk"), default="gb2312")
    parser.add_argument("--out", type=Path, default=Path("exports/fonts"))
    parser.add_argument(
        "--fallback",
        action="store_true",
        help="build only the serif fallback fonts: the GBK and CJK Ext. A characters the main fonts lack",
    )
    parser.add_argument(
        "--measure", action="store_true", help="print the sizes for both charsets; write nothing"
    )
    args = parser.parse_args(argv)

    seed_files = sorted(p for folder in args.seeds for p in folder.glob("*.txt"))
    vf_data, wheel_ofl = read_sans(args.sans)
    jobs: list[tuple[str, Callable[[set[int], str], TTFont]]] = [
        ("NotoSansSC-Regular.ttf", lambda u, c: build_sans(vf_data, 400, u, c)),
        ("NotoSansSC-Bold.ttf", lambda u, c: build_sans(vf_data, 700, u, c)),
        ("NotoSerifSC-Regular.ttf", lambda u, c: build_serif(args.serif, u, c, False)),
    ]
    if args.serif_bold:
        jobs.append(("NotoSerifSC-Bold.ttf", lambda u, c: build_serif(args.serif_bold, u, c, True)))

    if args.fallback:
        return build_fallback(args.serif, character_set(args.charset, seed_files), args.out)
    charsets = ("gb2312", "gbk") if args.measure else (args.charset,)
    if not args.measure:
        args.out.mkdir(parents=True, exist_ok=True)
    for charset in charsets:
        unicodes = character_set(charset, seed_files)
        print(f"{charset}: {len(unicodes)} characters", flush=True)
        for file_name, build in jobs:
            started = time.monotonic()
            font = build(unicodes, charset)
            data = font_bytes(font)
            glyphs = len(font.getGlyphOrder())
            print(
                f"  {file_name}: {len(data):,} bytes, {glyphs} glyphs, {time.monotonic() - started:.0f} s",
                flush=True,
            )
            if not args.measure:
                (args.out / file_name).write_bytes(data)

    if not args.measure:
        sans_ofl = args.ofl.read_text(encoding="utf-8") if args.ofl else wheel_ofl
        if sans_ofl is None:
            parser.error("--ofl is needed when --sans is not the wheel")
        serif_copyright = read_serif(args.serif)["name"].getDebugName(0) or ""
        (args.out / "OFL.txt").write_text(ofl_text(sans_ofl, serif_copyright), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
