"""The 自评报告 as DOCX, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from exports.report_data import ReportData
from exports.report_docx import render_report_docx


def test_docx_has_the_same_content_as_the_pdf(report_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "自评报告.docx"
    render_report_docx(report_data, out)
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert "测试县" in paragraphs and "自评报告（草稿）" in paragraphs
    for part in (
        "第一部分　基本情况",
        "第六部分　分项自评情况",
        "第八部分　否决项声明",
        "第十一部分　审核签署",
        "附录　报送前自查问题清单",
    ):
        assert part in paragraphs
    assert "未发生上述第 V1 项否决情形" in text and "官方分值尚未公布" in text
    assert "否决项 V2 尚未审查" in text
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert ("一、政府职能依法全面履行" in headings and "（一）加大简政放权力度" in headings[3:]) or any(
        h.startswith("（一）加大简政放权力度") for h in headings
    )

    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    flat = [value for row in cells for value in row]
    assert any(
        row[:6]
        == ["2", "依法实施行政许可。", "县发展和改革局、县司法局", "基本达标", "6/10", "缺少2021年度资料。"]
        for row in cells
    )
    assert any("2023年政务服务工作总结.pdf（县司法局，2页）" in value for value in flat)
    assert any("与第 3 项合并提供" in value for value in flat)
    assert "5-1_县司法局_合法性审核台账.xlsx" in flat  # evidence index row (its one name)
    # Header rows repeat on every page.
    indicator_table = next(
        t for t in document.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 6
    )
    row_properties = indicator_table.rows[0]._tr.trPr
    assert row_properties is not None and row_properties.find(qn("w:tblHeader")) is not None


def test_docx_sets_east_asian_fonts_margins_and_page_fields(report_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    render_report_docx(report_data, out)
    document = docx.Document(str(out))
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    heading = document.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == "黑体"
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert section.left_margin is not None and section.top_margin is not None
    assert round(section.left_margin.mm) == 28 and round(section.top_margin.mm) == 30
    footer_xml = document.sections[-1].footer.paragraphs[0]._p.xml
    # Pages of the body section, numbered from 1: the cover is not counted (as in the PDF).
    assert "PAGE" in footer_xml and "SECTIONPAGES" in footer_xml and "NUMPAGES" not in footer_xml
    assert document.sections[-1]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert "第 " in document.sections[-1].footer.paragraphs[0].text
    body_xml = document.element.body.xml
    assert "TOC \\o" in body_xml


def test_docx_opens_right_in_word_and_wps(report_data: ReportData, tmp_path: Path) -> None:
    import zipfile

    from exports.report_pdf import render_report_pdf, report_outline

    out = tmp_path / "r.docx"
    render_report_docx(report_data, out)
    with zipfile.ZipFile(out) as archive:
        styles_xml = archive.read("word/styles.xml").decode("utf-8")
        document_xml = archive.read("word/document.xml").decode("utf-8")
        settings_xml = archive.read("word/settings.xml").decode("utf-8")
    # No theme font anywhere: in Word and WPS a theme font wins over the named 黑体 / 仿宋.
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        assert attribute not in styles_xml and attribute not in document_xml
    assert 'w:eastAsia="zh-CN"' in styles_xml and 'w:eastAsia="en-US"' not in styles_xml
    assert "updateFields" not in settings_xml  # nothing for Word to ask about on opening
    # The contents: real entries with the PDF's page numbers, inside a TOC field (WPS prints these).
    outline, total = report_outline(report_data)
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("目\u3000\u3000录") + 1
    entries = paragraphs[start : start + len(outline)]
    assert entries == [f"{title}\t{page}" for _, title, page, _ in outline]
    assert all(page > 0 for _, _, page, _ in outline)
    # Pages break before the headings that start a page in the PDF.
    starts = {title for _, title, _, top in outline[1:] if top}
    breaking = {p.text for p in document.paragraphs if p.paragraph_format.page_break_before}
    assert starts and starts <= breaking
    assert 'fldCharType="separate"' in document_xml and "TOC \\o" in document_xml
    # The page total is the PDF's (the cover not counted in either).
    pdf = tmp_path / "r.pdf"
    pages = render_report_pdf(report_data, pdf)
    assert total == pages - 1
    footer = document.sections[-1].footer.paragraphs[0].text
    assert footer == f"第 1 页  共 {total} 页"
    header = document.sections[-1].header.paragraphs[0].text
    assert "草稿" in header  # the draft mark on every page


@pytest.mark.slow  # LibreOffice starts in a few seconds
def test_libreoffice_renders_the_docx_with_its_contents(report_data: ReportData, tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    import pypdf

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    out = tmp_path / "r.docx"
    render_report_docx(report_data, out)
    command = [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo"]
    command += ["--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)]
    # The fonts the program ships, so the Chinese text renders on a machine without CJK system fonts
    # (a bare Debian) as it does where 宋体/黑体 are installed; fontconfig falls back to them.
    fonts = Path(__file__).resolve().parents[2] / "exports" / "fonts"
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    subprocess.run(command, check=True, capture_output=True, timeout=120, env=env)
    reader = pypdf.PdfReader(tmp_path / "pdf" / "r.pdf")
    contents = "".join(reader.pages[1].extract_text().split())
    assert "第一部分基本情况" in contents and "附录报送前自查问题清单" in contents
    assert "更新域" not in contents  # no placeholder
    # Laid out by LibreOffice, every part starts on the page the contents give (the PDF's pages).
    from exports.report_pdf import report_outline

    outline, total = report_outline(report_data)
    pages = ["".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) - 1 == total
    for level, title, page, _ in outline:
        if level == 0:
            assert "".join(title.split()) in pages[page], (title, page)


def test_docx_prints_the_narrative_in_the_official_order(report_data: ReportData, tmp_path: Path) -> None:
    import dataclasses

    from exports.report_data import narrative_sections

    sections = narrative_sections(report_data.catalog)
    narrative = {key: f"【{title}】第一段。\n第二段。" for key, title in sections}
    data = dataclasses.replace(
        report_data, narrative=narrative, indicator_notes={2: "喆昇同志负责，已补齐资料。"}
    )
    out = tmp_path / "n.docx"
    render_report_docx(data, out)
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    order = [paragraphs.index(f"【{title}】第一段。") for _, title in sections]
    assert order == sorted(order) and paragraphs[order[0] + 1] == "第二段。"
    assert paragraphs.index("附录　报送前自查问题清单") > paragraphs.index("第十一部分　审核签署")
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert any("自评说明：喆昇同志负责" in c for c in cells)
    cover = "\n".join(paragraphs[: paragraphs.index("目\u3000\u3000录")])
    assert "【草稿】" in cover and "非官方分值" in cover
    assert "（有效）" not in "".join(cells[:12])  # the cover's table: no result for a draft
