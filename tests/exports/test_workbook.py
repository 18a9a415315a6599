"""The workbook, read back with openpyxl; levels read back from an edited 自评打分表."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.report_data import ReportData
from exports.workbook import write_workbook
from exports.workbook_read import SCORE_SHEET, WorkbookError, read_levels


@pytest.fixture
def workbook(report_data: ReportData, tmp_path: Path) -> Path:
    out = tmp_path / "打分表.xlsx"
    write_workbook(report_data, out)
    return out


def test_workbook_sheets_headers_and_cells(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["自评打分表", "任务分解", "印证资料", "问题清单", "汇总", "评分方案"]
    score = book["自评打分表"]
    assert [c.value for c in score[1]] == [
        "序号",
        "一级指标",
        "二级指标",
        "指标内容",
        "责任单位",
        "等次",
        "系数",
        "得分",
        "满分",
        "评定意见",
    ]
    row = [c.value for c in score[3]]
    assert row[0] == 2 and row[5] == "基本达标" and row[8] == 10
    assert str(row[6]).startswith("=") and "VLOOKUP(F3,评分方案!" in str(row[6])  # live formulas
    assert row[7] == '=IF(F3="不适用","",ROUND(G3*I3,2))'
    assert score.freeze_panes == "A2" and score.auto_filter.ref == "A1:J8"
    assert score.column_dimensions["D"].width == 60
    assert [c.value for c in score[7]][5] == "未评估"
    tasks = book["任务分解"]
    assert [c.value for c in tasks[1]][6:8] == ["状态", "资料数"]
    statuses = {(r[2], r[5]): r[6] for r in tasks.iter_rows(min_row=2, values_only=True)}
    assert statuses[(5, "县司法局")] == "已退回" and statuses[(1, "县司法局")] == "已通过"
    evidence = list(book["印证资料"].iter_rows(min_row=2, values_only=True))
    assert len(evidence) == 6 and evidence[1][1] == "1、6" and len(evidence[1][11]) == 64
    findings = list(book["问题清单"].iter_rows(min_row=2, values_only=True))
    assert findings[0][1:4] == ("错误", "6", "县司法局")


def test_edited_levels_read_back(workbook: Path, report_data: ReportData) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book[SCORE_SHEET]
    sheet["F2"] = "未达标"
    sheet["J2"] = "复核后发现缺件"
    sheet["F7"] = "met"  # indicator 6, was 未评估
    book.save(workbook)
    rows = {r.indicator: r for r in read_levels(workbook, report_data.catalog)}
    assert rows[1].level == "未达标" and rows[1].comment == "复核后发现缺件" and rows[1].row == 2
    assert rows[6].level == "达标"
    assert 5 in rows and rows[5].level == "不适用"


def test_bad_rows_are_named_by_sheet_row_and_reason(workbook: Path, report_data: ReportData) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book[SCORE_SHEET]
    sheet["F3"] = "良好"
    sheet["A4"] = 99
    sheet.append([2, None, None, None, None, "达标"])
    book.save(workbook)
    with pytest.raises(WorkbookError) as caught:
        read_levels(workbook, report_data.catalog)
    problems = [str(p) for p in caught.value.problems]
    assert any("工作表“自评打分表”第 3 行" in p and "等次“良好”无效" in p for p in problems)
    assert any("第 4 行" in p and "没有第 99 项" in p for p in problems)
    assert any("第 9 行" in p and "重复" in p for p in problems)
    assert "工作表“自评打分表”第 3 行" in str(caught.value) and "另有 2 个问题" in str(caught.value)


def test_not_a_workbook_or_missing_sheet(tmp_path: Path, report_data: ReportData) -> None:
    bogus = tmp_path / "x.xlsx"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(WorkbookError, match="不是有效的 Excel 工作簿"):
        read_levels(bogus, report_data.catalog)
    other = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.save(other)
    with pytest.raises(WorkbookError, match="找不到工作表“自评打分表”"):
        read_levels(other, report_data.catalog)


def test_score_sheet_validation_heights_and_print_setup(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    score = book[SCORE_SHEET]
    (validation,) = score.data_validations.dataValidation
    assert validation.formula1 == '"达标,基本达标,未达标,不适用,未评估"'
    assert validation.showErrorMessage and validation.errorStyle == "stop" and validation.error
    assert str(validation.sqref) == "F2:F8"
    # The long indicator 5 (row 6) gets a row tall enough for its wrapped text.
    assert score.row_dimensions[6].height is not None and score.row_dimensions[6].height > 60
    assert all(score.row_dimensions[r].height for r in range(2, 9))
    for sheet in book.worksheets:
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows, sheet.title
        assert "&P" in sheet.oddFooter.center.text, sheet.title
    summary = book["汇总"]
    formulas = [c.value for row in summary.iter_rows(min_row=5, max_row=9) for c in row]
    assert any(str(v).startswith("=SUMIFS('自评打分表'!$H:$H") for v in formulas)
    assert book.calculation.fullCalcOnLoad


@pytest.mark.slow  # LibreOffice starts in a few seconds
def test_libreoffice_recalculates_the_scores(workbook: Path, report_data: ReportData, tmp_path: Path) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-calc-nogui)")
    out = tmp_path / "out"
    command = [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo"]
    command += ["--convert-to", "xlsx", "--outdir", str(out), str(workbook)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    book = openpyxl.load_workbook(out / workbook.name, data_only=True)
    score = book[SCORE_SHEET]
    points = {r[0]: r[7] for r in score.iter_rows(min_row=2, values_only=True)}
    for indicator in report_data.score.indicators:
        expected = indicator.points if indicator.applicable else None
        assert points[indicator.number] == expected, indicator.number
    summary = {r[0]: r for r in book["汇总"].iter_rows(min_row=5, values_only=True) if r[0]}
    for area in report_data.score.areas:
        name = next(a.name for a in report_data.catalog.areas if a.code == area.code)
        assert summary[f"{area.code}、{name}"][1:3] == (area.max, area.score)
    assert summary["折算基础得分"][2] == report_data.score.base
    assert summary["总分"][2] == report_data.score.total
