"""import-xlsx with 完成时限 columns: task lists become plan catalogs; deadlines are never start years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from indicator_catalog import Catalog, UnitName
from indicator_catalog.plan import PlanCatalog
from indicator_catalog.plan_loader import load_any_file, load_builtin_plan
from indicator_catalog.xlsx import (
    PlanSheetError,
    TaskSheetError,
    export_plan_xlsx,
    import_plan_xlsx,
    import_task_xlsx,
    import_xlsx,
    write_catalog_file,
)

UNITS = (
    UnitName("县司法局"),
    UnitName("县政府办公室"),
    UnitName("县发展和改革局", ("县发改局",)),
    UnitName("县市场监督管理局"),
    UnitName("各乡镇", collective=True),
    UnitName("县政府各工作部门", collective=True),
)


def plan_sheet(path: Path) -> Path:
    """A 天镇县-style task list: two-level sections, 牵头单位 and 责任单位, 完成时限."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "任务清单"
    ws.append(["某县法治政府建设重点任务清单"])
    ws.append(["序号", "主要任务", "牵头单位", "责任单位", "完成时限"])
    ws.append([None, "一、健全政府机构职能体系"])
    ws.append([None, "（一）推进政府机构职能优化协同高效"])
    ws.append(
        [
            1,
            "1.坚持优化政府组织结构。推进机构、职能、权限、程序、责任法定化。",
            "县政府办公室",
            "县司法局",
            "2022年底前",
        ]
    )
    ws.append(
        [2, "深化“放管服”改革。", "县发改委", "县市场监管局、各乡（镇）人民政府", "长期，2025年底前取得成效"]
    )
    ws.append([None, "（二）深入推进“放管服”改革"])
    ws.append([3, "全面实行政府权责清单制度。", "县司法局", "县政府各部门", "2023年6月前"])
    ws.append([None, "二、健全依法行政制度体系"])
    ws.append([None, "4.加强重要领域立法。", "司法局", None, "2021年底"])
    workbook.save(path)
    return path


def test_a_task_list_becomes_a_plan_catalog(tmp_path: Path) -> None:
    plan = import_plan_xlsx(
        plan_sheet(tmp_path / "plan.xlsx"), "county-plan", "某县任务清单", units=list(UNITS)
    )
    assert [s.code for s in plan.sections] == ["一", "一.（一）", "一.（二）", "二"]
    assert plan.section("一.（二）").parent == "一" and plan.section("一.（二）").level == 2
    assert [t.id for t in plan.tasks] == ["一.（一）.1", "一.（一）.2", "一.（二）.3", "二.4"]
    first = plan.task("一.（一）.1")
    assert first.text == "坚持优化政府组织结构。推进机构、职能、权限、程序、责任法定化。"
    assert first.title == "坚持优化政府组织结构"
    assert (first.lead_units, first.units) == (("县政府办公室",), ("县司法局",))
    second = plan.task("一.（一）.2")
    assert second.lead_units == ("县发展和改革局",)  # 县发改委: an everyday abbreviation
    assert second.units == ("县市场监督管理局", "各乡镇")
    assert any("县市场监管局" in note for note in second.notes)  # the user is asked to confirm
    assert plan.task("一.（二）.3").units == ("县政府各工作部门",)
    assert plan.task("二.4").lead_units == ("县司法局",)
    # 完成时限 is a deadline, not a year "since"
    deadline = plan.task("一.（二）.3").deadline
    assert deadline is not None and deadline.text == "2023年6月前" and deadline.due == date(2023, 6, 30)
    long_term = second.deadline
    assert long_term is not None and long_term.ongoing and long_term.due == date(2025, 12, 31)
    assert plan.tasks_of_unit("县司法局", lead_only=True) == ("一.（二）.3", "二.4")
    assert plan.title == "某县任务清单" and plan.id == "county-plan"


def test_import_xlsx_picks_the_kind_and_write_catalog_file_writes_plans(tmp_path: Path) -> None:
    path = plan_sheet(tmp_path / "plan.xlsx")
    with pytest.raises(PlanSheetError, match="任务清单"):
        import_task_xlsx(path, units=UNITS)
    plan = import_xlsx(path, units=UNITS)
    assert isinstance(plan, PlanCatalog)
    out = write_catalog_file(plan, tmp_path / "plan.yaml")
    again = load_any_file(out)
    assert isinstance(again, PlanCatalog) and again.to_dict() == plan.to_dict()
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_the_builtin_plan_written_and_read_back(tmp_path: Path) -> None:
    plan = load_builtin_plan("wutai-rural-2021")
    out = write_catalog_file(plan, tmp_path / "wutai.json")
    again = load_any_file(out)
    assert isinstance(again, PlanCatalog) and again.to_dict() == plan.to_dict()


def test_an_indicator_sheet_with_a_deadline_column(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["一级指标", "二级指标", "三级指标", "完成时限", "责任单位", "具体资料报送"])
    ws.append(
        ["一、甲", "1. 乙", "1 依法全面履行政府职能。", "2021年底前", "县司法局", "2020年以来的工作情况"]
    )
    ws.append([None, None, "2 推进政务公开。", "2022年6月前", "县司法局", "政务公开目录"])
    path = tmp_path / "sheet.xlsx"
    workbook.save(path)
    catalog = import_xlsx(path, units=UNITS)
    assert isinstance(catalog, Catalog)
    one, two = catalog.indicator(1), catalog.indicator(2)
    assert one.text == "依法全面履行政府职能。"  # the 完成时限 column is not part of the text
    assert one.deadline is not None and one.deadline.due == date(2021, 12, 31)
    assert one.since == 2020  # from 具体资料报送 "2020年以来", not from the deadline
    assert two.deadline is not None and two.deadline.text == "2022年6月前"
    assert two.since is None and two.requirements[0].year is None
    assert catalog.indicator(1).to_dict()["deadline"] == "2021年底前"


def test_sheets_without_any_known_header_are_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["甲", "乙"])
    path = tmp_path / "none.xlsx"
    workbook.save(path)
    with pytest.raises(TaskSheetError, match="找不到任务清单的表头"):
        import_plan_xlsx(path)
    with pytest.raises(TaskSheetError, match="找不到任务分解表的表头"):
        import_xlsx(path)


def test_export_then_import_keeps_the_builtin_plan(tmp_path: Path) -> None:
    plan = load_builtin_plan("wutai-rural-2021")
    path = export_plan_xlsx(plan, tmp_path / "wutai.xlsx")
    workbook = openpyxl.load_workbook(path)
    ws = workbook["任务清单"]
    assert [c.value for c in ws[2]] == ["序号", "主要任务", "牵头单位", "责任单位", "完成时限"]
    assert ws["A3"].value == "一、加强行政执法队伍建设，规范涉农领域行政执法"
    assert (ws["A4"].value, ws["D4"].value, ws["E4"].value) == (
        "1",
        "县委政法委、法院、检察院、公安局、司法局",
        "2025年6月前",
    )
    assert workbook["_fazhi_plan"].sheet_state == "hidden"
    again = import_xlsx(path)
    assert isinstance(again, PlanCatalog) and again.to_dict() == plan.to_dict()
    # the visible sheet stays the truth: an edited deadline is re-read, the other tasks keep their fields
    ws["E4"].value = "2024年底前"
    workbook.save(path)
    edited = import_plan_xlsx(path)
    first = edited.task("一.1").deadline
    assert first is not None and first.due == date(2024, 12, 31)
    assert edited.task("一.1").units == plan.task("一.1").units
    assert edited.task("三.14").to_dict() == plan.task("三.14").to_dict()
    # without the hidden sheet the visible cells alone give the same tasks and deadlines
    del workbook["_fazhi_plan"]
    workbook.save(path)
    plain = import_plan_xlsx(path)
    assert [t.id for t in plain.tasks] == [t.id for t in plan.tasks]
    assert [t.text for t in plain.tasks] == [t.text for t in plan.tasks]
    assert [t.deadline for t in plain.tasks][1:] == [t.deadline for t in plan.tasks][1:]
    assert plain.task("一.1").units == plan.task("一.1").units
    assert plain.title == plan.title


def test_a_damaged_hidden_plan_sheet_is_refused(tmp_path: Path) -> None:
    path = export_plan_xlsx(load_builtin_plan("wutai-rural-2021"), tmp_path / "wutai.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["_fazhi_plan"]["C3"].value = "{broken"
    workbook.save(path)
    with pytest.raises(TaskSheetError, match="JSON 损坏"):
        import_plan_xlsx(path)
