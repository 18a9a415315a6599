"""The shipped CJK fonts: embedded as subsets by reportlab, text extractable, coverage as built."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from exports.fonts import (
    SANS_BOLD,
    SANS_REGULAR,
    SERIF_BOLD,
    SERIF_REGULAR,
    FontNames,
    missing_glyphs,
    register_reportlab_fonts,
)

ALL_FONTS = (SERIF_REGULAR, SERIF_BOLD, SANS_REGULAR, SANS_BOLD)
LINE = "陵川县法治政府建设示范创建自评报告 第 1 页 共 3 页 ①"
# From shared/seeds/002_8533c05fc9345b12.txt (a county's plan): brackets, full-width
# punctuation, a name, digits.
SEED_PARAGRAPH = (
    "(二十七)完善法治政府建设示范创建机制。继续加强推进省级法治政府建设示范创建工作，"
    "争创国家法治政府建设示范地区和项目，树立一批新时代法治政府建设的新标杆。"
    "〔牵头县领导：陈明月；牵头责任单位：县委依法治县办；协同责任单位：各镇(园区)，"
    "县政府各部门、各直属机构]"
)
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def build_pdf(names: FontNames) -> bytes:
    """One page: the line in each of the four fonts, then a Paragraph using <b> in the serif."""
    buffer = io.BytesIO()
    # Without initialFontName every page would also name an unembedded Helvetica.
    canvas = Canvas(buffer, pagesize=A4, initialFontName=names.serif)
    y = 780.0
    for font in (names.serif, names.serif_bold, names.sans, names.sans_bold):
        canvas.setFont(font, 14)
        canvas.drawString(60, y, LINE)
        y -= 28
    style = ParagraphStyle("body", fontName=names.serif, fontSize=12, leading=18)
    paragraph = Paragraph("正文：<b>加粗</b>与常规", style)
    paragraph.wrapOn(canvas, 470, 100)
    paragraph.drawOn(canvas, 60, y - 18)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build_pdf(register_reportlab_fonts())


def page_fonts(pdf: bytes) -> list[Any]:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    resources: Any = reader.pages[0]["/Resources"]
    fonts = resources["/Font"]
    return [fonts[key].get_object() for key in fonts]


def test_register_is_idempotent() -> None:
    first = register_reportlab_fonts()
    assert register_reportlab_fonts() == first
    assert first == FontNames("FazhiSerif", "FazhiSerifBold", "FazhiSans", "FazhiSansBold")


def test_every_font_is_an_embedded_subset(pdf: bytes) -> None:
    fonts = page_fonts(pdf)
    assert fonts
    base_names = set()
    for page_font in fonts:
        font = page_font
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        base_name = str(font["/BaseFont"])
        assert re.fullmatch(r"/?[A-Z]{6}\+\S+", base_name), base_name
        assert "/FontFile2" in font["/FontDescriptor"], base_name
        base_names.add(base_name.split("+", 1)[1])
    # All four files were used, <b> in the Paragraph included.
    assert base_names == {
        "NotoSerifCJKsc-Regular",
        "NotoSerifCJKsc-Bold",
        "NotoSansSC-Regular",
        "NotoSansSC-Bold",
    }


def test_text_extracts_as_written(pdf: bytes) -> None:
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert text.splitlines() == [LINE] * 4 + ["正文：加粗与常规"]


@pytest.mark.parametrize("font", ALL_FONTS, ids=lambda p: p.stem)
def test_missing_glyphs(font: Path) -> None:
    assert missing_glyphs(SEED_PARAGRAPH, font) == set()
    assert missing_glyphs(LINE + "\n\t", font) == set()
    assert missing_glyphs("陵川县𠀀", font) == {"𠀀"}  # CJK Ext-B: not in the subset


def test_missing_glyphs_defaults_to_serif() -> None:
    assert missing_glyphs("𠀀陵川") == {"𠀀"}


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="shared/seeds is not beside the repository")
@pytest.mark.parametrize("font", ALL_FONTS, ids=lambda p: p.stem)
def test_every_seed_character_is_covered(font: Path) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt")))
    assert missing_glyphs(text, font) == set()


def test_every_gbk_and_ext_a_character_prints() -> None:
    # The fallback fonts cover the rest of GBK and CJK Extension A (GB 18030's required hanzi).
    gbk = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                gbk.add(text)
    assert len(gbk) > 21000
    assert missing_glyphs("".join(gbk)) == {"≒"}  # U+2252: Noto Serif CJK has no glyph for it
    ext_a = "".join(chr(c) for c in range(0x3400, 0x4DB6))  # Unicode 3.0's Ext. A (GB 18030-2005)
    assert missing_glyphs(ext_a) == set()
    assert missing_glyphs("镕珺玥堃喆昇祎垚") == set()


def test_fallback_files_stay_under_the_size_limit() -> None:
    from exports.fonts import FALLBACK_FILES

    for path in FALLBACK_FILES:
        assert path.stat().st_size < 8_000_000, path.name


def test_coverage_file_matches_the_fonts() -> None:
    import json

    from exports.fonts import COVERAGE_FILE, measured_coverage

    assert json.loads(COVERAGE_FILE.read_text(encoding="utf-8")) == measured_coverage()


REPO = Path(__file__).resolve().parents[2]
#: Registers a caller-given TrueType file or the built-in CID font for OFD pages (not a bundled face).
REGISTER_ALLOWED = {"exports/fonts/__init__.py", "app/evidence/formats/ofd.py"}


def test_only_exports_fonts_registers_fonts() -> None:
    callers = {
        path.relative_to(REPO).as_posix()
        for package in ("app", "exports", "models", "indicator_catalog", "ui", "packaging")
        for path in (REPO / package).rglob("*.py")
        if re.search(r"\bregisterFont\(", path.read_text(encoding="utf-8"))
    }
    assert "exports/fonts/__init__.py" in callers
    assert callers <= REGISTER_ALLOWED, sorted(callers - REGISTER_ALLOWED)


def test_register_only_the_faces_asked_for() -> None:
    script = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from exports.fonts import FONT_NAMES, register_reportlab_fonts\n"
        "register_reportlab_fonts(FONT_NAMES.sans)\n"
        "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith('Fazhi')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "['FazhiSans']"


def test_register_refuses_an_unknown_face() -> None:
    with pytest.raises(KeyError, match="Helvetica"):
        register_reportlab_fonts("Helvetica")
