"""The open question of indicator 69 in the report: the placement in use, the alternative and how the
area subtotals differ, printed in the scheme section of the PDF (pypdf text) and the DOCX (XML)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.assessment.levels import score_project, set_level
from app.export.questions import question_paragraphs
from app.export.service import collect_report_data, export_report_docx, export_report_pdf
from app.project.create import create_project
from app.project.folder import open_project
from app.project.placements import set_placement
from indicator_catalog import Catalog


@pytest.fixture
def national_dir(tmp_path: Path, national_catalog: Catalog) -> Path:
    folder = tmp_path / "national"
    create_project(folder, county="平顺县", year=2024, catalog=national_catalog, actor="测试员")
    with open_project(folder) as project:
        for number in (66, 67, 68, 69, 70, 71):
            set_level(project, number, "达标")
    return folder


def _subtotals(paragraph: str) -> list[tuple[str, str, str, str, str]]:
    pattern = r"一级指标(.)的小计由 ([\d.]+) 分（满分 ([\d.]+) 分）变为 ([\d.]+) 分（满分 ([\d.]+) 分）"
    return re.findall(pattern, paragraph)


def test_the_default_placement_and_the_alternative_with_subtotals(national_dir: Path) -> None:
    with open_project(national_dir, readonly=True) as project:
        score = score_project(project)
        (paragraph,) = question_paragraphs(project, score)
        four = next(a for a in score.areas if a.code == "四")
        five = next(a for a in score.areas if a.code == "五")
    assert paragraph.startswith("待定问题：第 69 项的归属。")
    assert "本报告按四.6“健全行政执法人员管理制度”计算（指标体系默认" in paragraph
    assert "另一种归属：五.1“自觉接受各类监督”" in paragraph
    # 69 is assessed 达标 (10 points of 10): it moves from area 四 to area 五.
    assert _subtotals(paragraph) == [
        ("四", f"{four.score:g}", f"{four.max:g}", f"{four.score - 10:g}", f"{four.max - 10:g}"),
        ("五", f"{five.score:g}", f"{five.max:g}", f"{five.score + 10:g}", f"{five.max + 10:g}"),
    ]
    assert "总分不变" in paragraph


def test_the_office_s_choice_is_named(national_dir: Path) -> None:
    with open_project(national_dir) as project:
        set_placement(project, "69", "五.1")
        (paragraph,) = collect_report_data(project).open_questions
    assert "本报告按五.1“自觉接受各类监督”计算（依法治县办选定" in paragraph
    assert "另一种归属：四.6“健全行政执法人员管理制度”" in paragraph


@pytest.mark.slow
def test_printed_in_the_pdf_and_docx_scheme_section(national_dir: Path, tmp_path: Path) -> None:
    with open_project(national_dir) as project:
        pdf = export_report_pdf(project, tmp_path / "报告.pdf")
        docx_file = export_report_docx(project, tmp_path / "报告.docx")
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages).replace("\n", "")
    for words in ("待定问题：第 69 项的归属", "另一种归属：五.1“自觉接受各类监督”", "一级指标四的小计由"):
        assert words in text, words
    scheme_at = text.index("计分，具体如下")
    assert scheme_at < text.index("待定问题：第 69 项的归属")  # in the scheme section
    with zipfile.ZipFile(docx_file) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    runs = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    assert "待定问题：第 69 项的归属" in runs and "一级指标五的小计由" in runs
    assert runs.index("计分，具体如下") < runs.index("待定问题：第 69 项的归属")
