"""The 自评报告 PDF, read back with pypdf (text, bookmarks, fonts) and checked by qpdf."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest

from app.base.errors import CancelledError
from app.base.progress import CancelToken
from exports.report_data import ReportData, ScoreSummary
from exports.report_pdf import render_report_pdf


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def _outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles


@pytest.fixture
def report_pdf(report_data: ReportData, tmp_path: Path) -> Path:
    out = tmp_path / "自评报告.pdf"
    pages = render_report_pdf(report_data, out)
    assert pages == len(pypdf.PdfReader(out).pages)
    return out


def test_report_has_cover_parts_tables_and_page_numbers(report_pdf: Path) -> None:
    reader = pypdf.PdfReader(report_pdf)
    cover = reader.pages[0].extract_text()
    assert "测试县" in cover and "自评报告" in cover and "测试县人民政府" in cover
    assert "2024年5月20日" in cover and "盖章" in cover
    assert "第 " not in cover  # the cover carries no page number
    text = _text(report_pdf)
    for part in (
        "目",
        "基本情况",
        "主要做法和成效",
        "存在问题和整改措施",
        "下一步打算",
        "自评得分情况",
        "分项自评情况",
        "加分项",
        "否决项声明",
        "存在问题",
        "评分方案",
        "印证资料索引",
        "审核签署",
        "附录",
    ):
        assert part in text
    total = len(reader.pages) - 1
    assert f"第 1 页  共 {total} 页" in reader.pages[1].extract_text()
    assert f"第 {total} 页  共 {total} 页" in reader.pages[-1].extract_text()
    # Indicator rows: level, points, comment and evidence with pages (narrow cells wrap: compare flat).
    text = "".join(text.split())
    assert "基本达标" in text and "6/10" in text and "缺少2021年度资料" in text
    assert "2023年政务服务工作总结.pdf" in text and "2页" in text
    assert "与第3项合并提供" in text  # indicator 4 points to its 合并提供 group
    assert "实地核查" in text
    # Bonus, veto declaration, findings, the scheme's disclaimer.
    assert "省司法厅表彰文件" in text
    assert "未发生上述第V1项否决情形" in text and "否决项V2尚未审查" in text
    assert "第6项没有任何印证资料" in text
    assert "官方分值尚未公布" in text


def test_long_chinese_text_wraps_inside_the_page(report_pdf: Path) -> None:
    reader = pypdf.PdfReader(report_pdf)
    page_width = float(reader.pages[0].mediabox.width)
    positions: list[float] = []

    def visitor(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            positions.append(float(tm[4]) * float(cm[0]) + float(cm[4]))

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
    assert positions and max(positions) < page_width - 20
    # The long indicator text is printed whole (wrapped over lines, not cut).
    flat = "".join(_text(report_pdf).split())
    assert "评估论证结论在文件起草说明中写明" in flat


def test_bookmarks_cover_parts_areas_and_groups(report_pdf: Path) -> None:
    reader = pypdf.PdfReader(report_pdf)
    titles = _outline_titles(reader)
    assert "第一部分　基本情况" in titles and "附录　报送前自查问题清单" in titles
    assert "一、政府职能依法全面履行" in titles and "二、依法行政制度体系完善" in titles
    assert "（一）加大简政放权力度" in titles
    root: Any = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"  # the bookmark pane opens
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert len(top) == 12  # eleven parts and the appendix


def test_every_font_is_an_embedded_truetype_subset(report_pdf: Path) -> None:
    reader = pypdf.PdfReader(report_pdf)
    fonts: dict[str, Any] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name
        assert name[1:7].isupper() and name[7] == "+", name  # subset tag ABCDEF+


def test_qpdf_finds_no_problems(report_pdf: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf not installed (apt-get install qpdf)")
    result = subprocess.run([qpdf, "--check", str(report_pdf)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_veto_makes_the_result_one_vote_veto(report_data: ReportData, tmp_path: Path) -> None:
    score: ScoreSummary = dataclasses.replace(
        report_data.score, vetoed=True, veto_items=("V1",), result="一票否决"
    )
    veto = (dataclasses.replace(report_data.veto[0], triggered=True), report_data.veto[1])
    data = dataclasses.replace(report_data, score=score, veto=veto)
    out = tmp_path / "vetoed.pdf"
    render_report_pdf(data, out)
    text = _text(out)
    assert "存在否决情形（V1）" in text and "一票否决" in text


def test_a_huge_comment_still_lays_out(report_data: ReportData, tmp_path: Path) -> None:
    scores = list(report_data.score.indicators)
    scores[0] = dataclasses.replace(scores[0], comment="材料不全，" * 400)
    data = dataclasses.replace(
        report_data, score=dataclasses.replace(report_data.score, indicators=tuple(scores))
    )
    out = tmp_path / "long.pdf"
    render_report_pdf(data, out)
    assert "材料不全" in _text(out)


def test_cancel_leaves_no_file(report_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"previous")
    token = CancelToken()
    calls: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        calls.append(done)
        if len(calls) == 3:
            token.cancel()

    with pytest.raises(CancelledError):
        render_report_pdf(report_data, out, progress=progress, cancel=token)
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report")) == []


def test_contents_page_numbers_point_at_their_headings(report_pdf: Path) -> None:
    # Laid out once: the contents' numbers are drawn after the last page; they must be the real ones.
    reader = pypdf.PdfReader(report_pdf)
    flat_pages = ["".join(page.extract_text().split()) for page in reader.pages]
    # Each entry's dot leader and number come out of the text just before the entry's title.
    lines = ["".join(line.split()) for line in reader.pages[1].extract_text().splitlines()]
    titles = ("第一部分基本情况", "第六部分分项自评情况", "第十部分印证资料索引", "（一）加大简政放权力度")
    for title in titles:
        index = next(i for i, line in enumerate(lines) if line == title)
        number = int(lines[index - 1].strip("."))
        # Printed page N is the N-th page after the cover.
        assert title in flat_pages[number], (title, number)
        assert all(title not in page for page in flat_pages[2:number]), (title, number)
    total = len(reader.pages) - 1
    for index in range(1, len(reader.pages)):
        assert f"第 {index} 页  共 {total} 页" in reader.pages[index].extract_text()


def test_open_questions_are_printed_after_the_scheme(report_data: ReportData, tmp_path: Path) -> None:
    question = "待定问题：第 3 项的归属。本报告按一.1计算；另一种归属：二.1，一级指标一的小计变为 10 分。"
    data = dataclasses.replace(report_data, open_questions=(question,))
    out = tmp_path / "r.pdf"
    render_report_pdf(data, out)
    text = _text(out).replace("\n", "")
    assert question in text
    assert text.index("计分，具体如下") < text.index(question) < text.index("官方分值尚未公布")
