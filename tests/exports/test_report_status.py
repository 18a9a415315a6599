"""Honest status (草稿, 未审查, the caveat), the narrative, print-exact names and line-breaking rules."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest

from exports.bundle import write_bundle
from exports.narrative import draft_narrative
from exports.pdf_style import CANNOT_END, CANNOT_START
from exports.printable import UnprintableError
from exports.report_data import ReportData, narrative_sections
from exports.report_docx import render_report_docx
from exports.report_pdf import render_report_pdf
from exports.workbook import write_workbook

NAMES = "镕珺玥堃喆昇祎垚"  # outside GB 2312: people's names


def final_data(data: ReportData) -> ReportData:
    """``data`` made complete: every indicator assessed, every veto item reviewed, no self-check
    error, every narrative section written (the report is no longer a draft)."""
    from exports.narrative import draft_narrative

    scores = tuple(
        dataclasses.replace(s, level=s.level or "达标", factor=1.0 if s.level is None else s.factor)
        for s in data.score.indicators
    )
    return dataclasses.replace(
        data,
        score=dataclasses.replace(data.score, indicators=scores),
        veto=tuple(dataclasses.replace(v, reviewed=True) for v in data.veto),
        findings=tuple(f for f in data.findings if f.severity != "错误"),
        # The office rewrote the draft: its placeholders are gone.
        narrative={
            key: "\n".join(line for line in text.splitlines() if not line.startswith("（请补充："))
            for key, text in draft_narrative(data).items()
        },
    )


def _pages(path: Path) -> list[str]:
    return ["".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def test_a_draft_says_so_on_every_page_and_never_claims_a_result(
    report_data: ReportData, tmp_path: Path
) -> None:
    assert report_data.is_draft  # indicator 6 unassessed, V2 never reviewed, one self-check error
    out = tmp_path / "draft.pdf"
    render_report_pdf(report_data, out)
    pages = _pages(out)
    assert all("草稿" in page for page in pages)
    cover = pages[0]
    assert "（有效）" not in cover and "草稿，自评未完成" in cover
    assert "尚有1项三级指标未评估" in cover and "否决项V2未审查" in cover and "自查有1个错误" in cover
    assert "非官方分值" in cover
    summary = next(page for page in pages[2:] if "第五部分自评得分情况" in page and "表1" in page)
    assert "非官方分值" in summary
    veto = next(page for page in pages[2:] if "第八部分否决项声明" in page)
    assert "未审查" in veto
    # The declaration names only the reviewed item.
    assert "未发生上述第V1项否决情形" in veto and "特此声明" in veto
    assert "未发生上述否决情形" not in veto


def test_a_complete_report_is_final(report_data: ReportData, tmp_path: Path) -> None:
    data = final_data(report_data)
    assert not data.is_draft and data.draft_reasons == ()
    out = tmp_path / "final.pdf"
    render_report_pdf(data, out)
    pages = _pages(out)
    assert not any("草稿" in page for page in pages)
    assert "（有效）" in pages[0]
    assert "未发生上述否决情形" in "".join(pages) and "未审查" not in "".join(pages)


def test_narrative_prints_in_the_official_order_and_findings_are_an_appendix(
    report_data: ReportData, tmp_path: Path
) -> None:
    narrative = {
        key: f"【{title}】正文第一段。\n第二段。" for key, title in narrative_sections(report_data.catalog)
    }
    findings = tuple(
        dataclasses.replace(report_data.findings[0], message=f"第 {i} 个问题，说明文字" + "很长" * 30)
        for i in range(1, 41)
    )
    data = dataclasses.replace(report_data, narrative=narrative, findings=findings)
    out = tmp_path / "narrative.pdf"
    render_report_pdf(data, out)
    flat = "".join(_pages(out)[2:])  # after the cover and the contents
    order = [flat.index(f"【{title}】") for _, title in narrative_sections(data.catalog)]
    assert order == sorted(order)
    assert (
        flat.index("【下一步打算】")
        < flat.index("第五部分自评得分情况")
        < flat.index("附录报送前自查问题清单")
    )
    appendix = flat[flat.index("附录报送前自查问题清单") :]
    assert all(f"第{i}个问题" in appendix for i in range(1, 41))  # complete, never cut
    assert "…" not in appendix


def test_an_unwritten_section_is_shown_as_a_gap(report_data: ReportData, tmp_path: Path) -> None:
    out = tmp_path / "gap.pdf"
    render_report_pdf(report_data, out)
    assert "本部分尚未撰写" in "".join(_pages(out))
    assert "5个部分尚未撰写" in _pages(out)[0]


def test_draft_narrative_covers_every_section_from_the_data(report_data: ReportData) -> None:
    draft = draft_narrative(report_data)
    # Left as generated, every section still counts as unwritten: the report stays a draft.
    unchanged = dataclasses.replace(final_data(report_data), narrative=draft)
    assert unchanged.is_draft and len(unchanged.missing_narrative) == len(draft)
    assert list(draft) == [key for key, _ in narrative_sections(report_data.catalog)]
    assert "三级指标 7 项" in draft["basic"] and "印证资料 6 件" in draft["basic"]
    assert "《2023年政务服务工作总结》" in draft["area:1"] and "满分 40 分" in draft["area:1"]
    assert "第 3 项" in draft["problems"] and "未达标" in draft["problems"]
    assert draft == draft_narrative(report_data)  # pure


def test_names_outside_gb2312_are_in_the_text_layer(report_data: ReportData, tmp_path: Path) -> None:
    evidence = list(report_data.evidence)
    evidence[0] = dataclasses.replace(evidence[0], filename=f"{NAMES}同志事迹材料.pdf", unit="县司法局")
    data = dataclasses.replace(
        report_data,
        evidence=tuple(evidence),
        narrative={"basic": f"创建工作由{NAMES}等同志负责。"},
        indicator_notes={1: f"{NAMES}牵头。"},
        issuing_body="测试县人民政府（堃）",
    )
    out = tmp_path / "names.pdf"
    render_report_pdf(data, out)
    text = "".join(_pages(out))
    assert text.count(NAMES) >= 3
    assert "测试县人民政府（堃）" in _pages(out)[0]  # drawn on the canvas (the seal block)
    bundle = tmp_path / "bundle.pdf"
    write_bundle(data, bundle)
    assert NAMES in "".join(_pages(bundle))  # separator pages and bookmarks


@pytest.mark.parametrize("export", ["pdf", "docx", "xlsx", "bundle"])
def test_a_character_no_font_has_fails_the_export(
    report_data: ReportData, tmp_path: Path, export: str
) -> None:
    scores = list(report_data.score.indicators)
    scores[1] = dataclasses.replace(scores[1], comment="核查人：张𠀀")  # CJK Ext. B
    data = dataclasses.replace(
        report_data, score=dataclasses.replace(report_data.score, indicators=tuple(scores))
    )
    out = tmp_path / f"out.{export}"
    render: Any = {
        "pdf": render_report_pdf,
        "docx": render_report_docx,
        "xlsx": write_workbook,
        "bundle": write_bundle,
    }[export]
    with pytest.raises(UnprintableError) as caught:
        render(data, out)
    message = str(caught.value)
    assert "𠀀" in message and "第 2 项的评定意见" in message and "\n" not in message
    assert not out.exists()


def test_invisible_characters_are_dropped_not_boxed(report_data: ReportData, tmp_path: Path) -> None:
    data = dataclasses.replace(report_data, narrative={"basic": "零宽\u200b空格与\ufeff方向\u200e符号"})
    out = tmp_path / "clean.pdf"
    render_report_pdf(data, out)
    assert "零宽空格与方向符号" in "".join(_pages(out))


def _lines(path: Path) -> list[str]:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout
        return [line.strip() for line in out.splitlines() if line.strip()]
    reader = pypdf.PdfReader(path)
    return [
        line.strip() for page in reader.pages for line in page.extract_text().splitlines() if line.strip()
    ]


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    report_data: ReportData, tmp_path: Path
) -> None:
    prose = (
        "县司法局（县政府法制办）牵头，全年审核规范性文件一百二十件；纠正不当条款十七处，"
        "组织“法治讲堂”十二期。行政复议决定书全部公开，纠错率（含调解）为百分之八。"
    )
    narrative = {
        key: prose * (3 + i % 4) for i, (key, _) in enumerate(narrative_sections(report_data.catalog))
    }
    notes = {n: prose[: 20 + 7 * n] for n in range(1, 8)}
    data = dataclasses.replace(report_data, narrative=narrative, indicator_notes=notes)
    out = tmp_path / "lines.pdf"
    render_report_pdf(data, out)
    lines = _lines(out)
    assert len(lines) > 100
    bad = [line for line in lines if line[0] in CANNOT_START or line[-1] in CANNOT_END]
    assert bad == []


def test_a_spreadsheet_cell_no_font_has_fails_the_bundle_naming_the_cell(
    report_data: ReportData, tmp_path: Path
) -> None:
    import hashlib

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "台账"
    sheet.append(["序号", "经办人"])
    sheet.append([1, f"{NAMES}（可以打印）"])
    sheet.append([2, "张𠀀"])
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    evidence = list(report_data.evidence)
    index = next(i for i, item in enumerate(evidence) if item.kind == "xlsx")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    evidence[index] = dataclasses.replace(evidence[index], stored_path=path, sha256=digest)
    data = dataclasses.replace(report_data, evidence=tuple(evidence))
    out = tmp_path / "bundle.pdf"
    with pytest.raises(UnprintableError, match=r"工作表“台账”单元格 B3.*𠀀"):
        write_bundle(data, out)
    assert not out.exists()
