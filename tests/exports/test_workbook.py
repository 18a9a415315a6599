"""The workbook, read back with openpyxl; levels read back from an edited 自评打分表."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.report_data import ReportData
from exports.workbook import SCORE_SHEET, WorkbookError, read_levels, write_workbook


@pytest.fixture
def workbook(report_data: ReportData, tmp_path: Path) -> Path:
    out = tmp_path / "打分表.xlsx"
    write_workbook(report_data, out)
    return out


def test_workbook_sheets_headers_and_cells(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["自评打分表", "任务分解", "印证资料", "问题清单", "汇总"]
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
    assert row[0] == 2 and row[5] == "基本达标" and row[6] == 0.6 and row[7] == 6 and row[8] == 10
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
