"""The plan progress report (PDF, DOCX) and workbook from plain data: text, cells, all-or-nothing writes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.base.errors import FazhiError
from exports.plan_report import (
    TASK_HEADERS,
    PlanReportData,
    PlanTaskLine,
    write_plan_docx,
    write_plan_pdf,
    write_plan_workbook,
)

DATA = PlanReportData(
    county="五台县",
    year=2024,
    title="五台县“十四五”法治乡村建设规划（2021—2025）主要任务清单",
    generated="2024-06-01 09:30",
    tasks=2,
    done=1,
    in_progress=0,
    overdue=1,
    lines=(
        PlanTaskLine("一.1", "健全法治乡村执法体制机制", "县司法局", "县公安局", "2025年6月前", "已完成", 2),
        PlanTaskLine("一.3", "法治乡村执法队伍建设", "—", "县人民法院、县公安局", "2023年底前", "已逾期", 0),
    ),
    by_lead=(("县司法局", 1, 1, 0, 0),),
    findings=(("错误", "一.3", "任务 一.3 已逾期：完成时限“2023年底前”（2023-12-31）已过，尚未完成"),),
)


def test_pdf_has_the_summary_table_and_problems(tmp_path: Path) -> None:
    out = write_plan_pdf(DATA, tmp_path / "进度.pdf")
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    for words in ("五台县2024年", "落实进度报告", "已完成 1 项", "已逾期 1 项", "按牵头单位统计", "完成时限"):
        assert words in text
    assert "一.3" in text and "2023年底前" in text and "体检发现的问题" in text


def test_docx_tables(tmp_path: Path) -> None:
    out = write_plan_docx(DATA, tmp_path / "进度.docx")
    document = docx.Document(str(out))
    tables = document.tables
    assert [c.text for c in tables[1].rows[0].cells] == list(TASK_HEADERS)
    assert [c.text for c in tables[1].rows[2].cells] == [
        "一.3",
        "法治乡村执法队伍建设",
        "—",
        "县人民法院、县公安局",
        "2023年底前",
        "已逾期",
        "0",
    ]


def test_workbook_cells(tmp_path: Path) -> None:
    book = load_workbook(write_plan_workbook(DATA, tmp_path / "进度.xlsx"))
    sheet = book["任务进度"]
    assert sheet["A1"].value == DATA.heading and [c.value for c in sheet[3]] == list(TASK_HEADERS)
    assert [c.value for c in sheet[4]] == [
        "一.1",
        "健全法治乡村执法体制机制",
        "县司法局",
        "县公安局",
        "2025年6月前",
        "已完成",
        2,
    ]
    assert [c.value for c in book["牵头单位"][2]] == ["县司法局", 1, 1, 0, 0]
    assert book["体检问题"]["B2"].value == "一.3"


def test_a_missing_folder_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(FazhiError, match="输出目录不存在"):
        write_plan_pdf(DATA, tmp_path / "无此目录" / "进度.pdf")
    assert not (tmp_path / "无此目录").exists()
