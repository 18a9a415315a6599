"""The 自评报告 as DOCX, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
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
