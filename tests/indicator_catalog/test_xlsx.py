"""任务分解 spreadsheets: export → import keeps every field; county sheets import; bad files are refused."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

import indicator_catalog.xlsx.guard as xlsx_guard
from app.base.errors import FazhiError
from indicator_catalog import (
    Catalog,
    CatalogError,
    UnitName,
    catalog_from_document,
    load_builtin,
    load_catalog_file,
)
from indicator_catalog.model import Area, Group, Indicator, Requirement
from indicator_catalog.xlsx import (
    MACHINE_SHEET,
    TASK_SHEET,
    TaskSheetError,
    export_task_xlsx,
    import_task_xlsx,
    parse_requirements,
    shared_note,
    write_catalog_file,
)

VOCABULARY = (
    UnitName("县行政审批服务管理局", ("县行政审批局",)),
    UnitName("县司法局"),
    UnitName("县发展和改革局", ("县发改局",)),
    UnitName("县教育局"),
    UnitName("县市场监督管理局"),
    UnitName("县政府各工作部门", ("政府各工作部门", "及政府各工作部门"), collective=True),
    UnitName("及相关审批部门", collective=True),
    UnitName("各乡镇", collective=True),
    UnitName("县直各行政执法单位", collective=True),
    UnitName("重大行政决策承办单位", collective=True),
    UnitName("重大行政决策执行单位", collective=True),
)


@pytest.fixture
def national() -> Catalog:
    try:
        return load_builtin("national-2021")
    except Exception as exc:  # the data file is owned (and may be mid-edit) by another engineer
        pytest.skip(f"national-2021 does not load: {exc}")


def tricky_catalog() -> Catalog:
    """Content the visible layout cannot show or that a naive writer would mangle."""
    document: dict[str, Any] = {
        "id": "tricky-1",
        "title": "刁钻的指标体系",
        "source": "测试用",
        "bonus_cap": 15,
        "units": [
            {"name": "县司法局", "aliases": ["司法局"], "collective": False},
            {"name": "各乡镇", "aliases": [], "collective": True},
        ],
        "areas": [
            {
                "code": "A",
                "name": "非中文编号的一级指标",
                "groups": [{"code": "A-x", "name": "编号不规则的二级指标"}],
            },
            {"code": "十一", "name": "第十一个", "groups": [{"code": "十一.7", "name": "七号"}]},
        ],
        "indicators": [
            {
                "number": 7,
                "group": "A-x",
                "text": "=SUM(A1:A9) 以等号开头的文字",
                "units": ["县司法局"],
                "units_as_written": "",
                "evidence_as_written": "",
                "requirements": [
                    {
                        "key": "x",
                        "text": "没有写在表格里的资料要求",
                        "min_count": 3,
                        "needs_url": True,
                        "since": 2018,
                    }
                ],
                "shared_with": [8],
                "points": 7.5,
                "notes": ["人工备注"],
            },
            {
                "number": 8,
                "group": "A-x",
                "text": "  前后有空格\n且有换行  ",
                "units": ["县司法局", "各乡镇"],
                "units_as_written": "司法局、各乡镇",
                "evidence_as_written": "表上写的和拆分的不一样",
                "requirements": [{"key": "y", "text": "拆分后的要求", "needs_contact": True}],
                "shared_with": [7, 9],
                "since": 2017,
            },
            {
                "number": 9,
                "group": "十一.7",
                "text": "控制字符\x07被去掉也能还原",
                "units": [],
                "requirements": [],
                "shared_with": [8],
                "onsite": False,
                "points": 0,
            },
        ],
        "bonus": [{"id": "B3", "text": "只有一个加分项", "max_points": 4.5, "units": ["各乡镇"]}],
        "veto": [],
    }
    return catalog_from_document(document, "tricky")


def _indicator_fields(catalog: Catalog) -> dict[int, dict[str, Any]]:
    return {i.number: i.to_dict() for i in catalog.indicators}


def test_round_trip_of_national_keeps_every_field(tmp_path: Path, national: Catalog) -> None:
    path = export_task_xlsx(national, tmp_path / "任务分解.xlsx")
    again = import_task_xlsx(path)
    # field by field first, for a readable failure
    assert (again.id, again.title, again.source, again.bonus_cap) == (
        national.id,
        national.title,
        national.source,
        national.bonus_cap,
    )
    assert [u.to_dict() for u in again.units] == [u.to_dict() for u in national.units]
    assert [a.to_dict() for a in again.areas] == [a.to_dict() for a in national.areas]
    before, after = _indicator_fields(national), _indicator_fields(again)
    assert list(after) == list(before)
    for number, fields in before.items():
        assert after[number] == fields, f"第 {number} 项"
    assert [b.to_dict() for b in again.bonus] == [b.to_dict() for b in national.bonus]
    assert [v.to_dict() for v in again.veto] == [v.to_dict() for v in national.veto]
    assert again == national


def test_round_trip_of_content_the_sheet_cannot_show(tmp_path: Path) -> None:
    catalog = tricky_catalog()
    again = import_task_xlsx(export_task_xlsx(catalog, tmp_path / "tricky.xlsx"))
    assert again == catalog
    assert again.indicator(7).points == 7.5 and again.indicator(7).requirements[0].key == "x"
    assert again.indicator(8).shared_with == (7, 9)  # symmetric but not transitive: kept as is
    assert again.bonus_cap == 15 and again.bonus[0].max_points == 4.5
    workbook = openpyxl.load_workbook(tmp_path / "tricky.xlsx")
    text_cell = workbook[TASK_SHEET]["D3"]
    assert (
        text_cell.value == "=SUM(A1:A9) 以等号开头的文字" and text_cell.data_type == "s"
    )  # text, not a formula


def test_round_trip_of_a_10_34_104_catalog(tmp_path: Path) -> None:
    areas: list[dict[str, Any]] = []
    for a in range(10):  # 4 + 4 + 4 + 4 + 3 × 6 = 34 groups
        code = chinese(a + 1)
        groups = [
            {"code": f"{code}.{g + 1}", "name": f"二级{a + 1}-{g + 1}"} for g in range(4 if a < 4 else 3)
        ]
        areas.append({"code": code, "name": f"一级{a + 1}", "groups": groups})
    group_codes = [g["code"] for a in areas for g in a["groups"]]
    # three per group, the last group takes five: 104 in all
    indicators = [
        {"number": n, "group": group_codes[min((n - 1) // 3, 33)], "text": f"指标{n}"} for n in range(1, 105)
    ]
    catalog = catalog_from_document({"id": "g10", "title": "新版", "areas": areas, "indicators": indicators})
    assert (
        catalog.counts["indicators"] == 104
        and catalog.counts["groups"] == 34
        and catalog.counts["areas"] == 10
    )
    again = import_task_xlsx(export_task_xlsx(catalog, tmp_path / "g10.xlsx"))
    assert again == catalog
    sheet = openpyxl.load_workbook(tmp_path / "g10.xlsx")[TASK_SHEET]
    assert sheet.cell(3 + 103, 3).value == 104  # the last indicator row


def chinese(number: int) -> str:
    digits = "零一二三四五六七八九"
    if number <= 10:
        return "十" if number == 10 else digits[number]
    return "十" + digits[number - 10]


def test_exported_workbook_looks_like_the_county_sheet(tmp_path: Path, national: Catalog) -> None:
    path = export_task_xlsx(national, tmp_path / "out.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [TASK_SHEET, MACHINE_SHEET]
    assert workbook[MACHINE_SHEET].sheet_state == "hidden"
    ws = workbook[TASK_SHEET]
    assert ws["A1"].value == f"{national.title}任务分解"
    assert [ws.cell(2, c).value for c in range(1, 7)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        None,
        "责任单位",
        "具体资料报送",
    ]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:F1", "C2:D2"} <= merged
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["D"].width > ws.column_dimensions["C"].width
    row_of = {ws.cell(r, 3).value: r for r in range(3, ws.max_row + 1)}
    # one merged area cell over each area's rows, one group cell over each group's rows
    for area in national.areas:
        first, last = row_of[area.numbers[0]], row_of[area.numbers[-1]]
        assert ws.cell(first, 1).value == f"{area.code}、{area.name}"
        if last > first:
            assert f"A{first}:A{last}" in merged
        for group in area.groups:
            g_first, g_last = row_of[group.numbers[0]], row_of[group.numbers[-1]]
            assert ws.cell(g_first, 2).value.endswith(f"{group.name}。")
            if g_last > g_first:
                assert f"B{g_first}:B{g_last}" in merged
    # a 合并提供 group written once, its cell merged over the rows that share it
    holders = [i for i in national.indicators if i.evidence_as_written and i.shared_with]
    assert holders
    for holder in holders:
        r = row_of[holder.number]
        assert ws.cell(r, 6).value == holder.evidence_as_written
        span = [n for n in holder.shared_with if n > holder.number]
        following = [i.number for i in national.indicators if i.number > holder.number][: len(span)]
        run = 0
        for number in following:
            if national.indicator(number).evidence_as_written:
                break
            run += 1
        if run:
            assert f"F{r}:F{r + run}" in merged
    for r in range(3, ws.max_row + 1):
        assert ws.cell(r, 4).alignment.wrap_text
    # the 附加项 rows after the last area
    bonus_rows = [r for r in range(3, ws.max_row + 1) if str(ws.cell(r, 3).value).startswith(("B", "V"))]
    assert [ws.cell(r, 3).value for r in bonus_rows] == [b.id for b in national.bonus] + [
        v.id for v in national.veto
    ]
    assert ws.cell(bonus_rows[0], 1).value.endswith("、附加项")


def test_plain_reading_of_the_exported_sheet_matches_the_transcription(
    tmp_path: Path, national: Catalog
) -> None:
    """Without the machine sheet, the heuristics alone rebuild what the transcriber decided by hand."""
    path = export_task_xlsx(national, tmp_path / "out.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook[MACHINE_SHEET]
    plain_path = tmp_path / "county.xlsx"
    workbook.save(plain_path)
    plain = import_task_xlsx(plain_path, units=national.units)
    assert plain.id == "county" and plain.title == national.title
    assert [a.to_dict() for a in plain.areas] == [a.to_dict() for a in national.areas]
    for want in national.indicators:
        got = plain.indicator(want.number).to_dict()
        expected = want.to_dict()
        got.pop("notes"), expected.pop("notes")
        assert got == expected, f"第 {want.number} 项"
    assert [b.to_dict() for b in plain.bonus] == [b.to_dict() for b in national.bonus]
    assert plain.veto == national.veto


# -- a county's own sheet -------------------------------------------------------------------------


def county_sheet(path: Path) -> Path:
    """Seed-like layout: number and text in one column, merged and blank cells, a repeated page header."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Sheet1"
    rows: list[list[Any]] = [
        ["某县法治政府建设指标体系（2021 年版）任务分解"],
        ["一级 指标", "二级 指标", "三级指标", "责任单位", "具体资料报送"],
        [
            "1、政府职能依法全面履行",
            "1. 加大简政放权力度。",
            "1 全面普及行政审批服务“马上办”。",
            "县行政审批局 及相关审批部门",
            "实地核查",
        ],
        [
            None,
            None,
            "2 依法实施行政许可，不存在变相许可事项。",
            "县行政审批服务管理局 政府各工作部门",
            "2020 年以来本级政府清理变相设置行政许可事项工作的情况（附清理台账）",
        ],
        [
            None,
            "2. 全面落实权责清单、负面清单制度。",
            "3、编制并对外公布权责清单。",
            "县发改局、县教育局",
            "1. 权责清单的公开方式及网址； 2. 中介机构名录，并注明负责人及其联系方式。",
        ],
        [
            None,
            None,
            "4 全面落实负面清单制度。",
            "县司法局",
            "2019年以来制定行政规范性文件的清单，并从中任选5个提供原件全文；投诉举报查处相关机制",
        ],
        ["某县法治政府建设指标体系（2021 年版）任务分解"],
        ["一级指标", "二级指标", "三级指标", "责任单位", "具体资料报送"],
        [
            "二、依法行政制度体系完善",
            "（一）加强行政规范性文件监督管理",
            "5 重要的行政规范性文件依法依规执行程序。",
            "县司法局 县政府各工作部门",
            "第 5、6、7 项指标，请合并提供 2020 年以来开展合法性审核工作的情况，"
            "并提供任意 10 件合法性审核意见书。",
        ],
        [None, None, "6 行政规范性文件没有增加法律之外的权力事项。", None, None],
        [None, None, "7 行政规范性文件的合法性审核率达 100%。", "县司法局 县档案馆", None],
        [
            None,
            "（二）及时开展备案审查",
            "8 重大行政决策经集体讨论。",
            "县政府办公室 重大行政决策承办单位、 执行单位",
            "提供 2021 年执法记录台账及 5 件执法全过程记录电子档案 (5个)",
        ],
        ["三、附加 项", "1. 加分 项。", "1 获得省部级以上表彰奖励。", "各乡镇 县直各行政执法单位", None],
        [None, "2. 否决 项。", "1 发生严重违法行政行为。", None, None],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A1:E1")
    ws.merge_cells("A3:A6")  # area 一 over its rows
    ws.merge_cells("B3:B4")  # group 1 over its rows; group 2 (B5) is followed by a blank B6
    ws.merge_cells("E9:E11")  # the 合并提供 cell over 5–7
    workbook.save(path)
    return path


def test_county_sheet_imports_to_the_expected_catalog(tmp_path: Path) -> None:
    catalog = import_task_xlsx(county_sheet(tmp_path / "county-sheet.xlsx"), units=VOCABULARY)
    assert catalog.id == "county-sheet"
    assert catalog.title == "某县法治政府建设指标体系（2021 年版）"
    assert [(a.code, a.name) for a in catalog.areas] == [
        ("一", "政府职能依法全面履行"),
        ("二", "依法行政制度体系完善"),
    ]
    assert [(g.code, g.name, g.numbers) for g in catalog.groups] == [
        ("一.1", "加大简政放权力度", (1, 2)),
        ("一.2", "全面落实权责清单、负面清单制度", (3, 4)),
        ("二.1", "加强行政规范性文件监督管理", (5, 6, 7)),
        ("二.2", "及时开展备案审查", (8,)),
    ]
    one, two, three, four = (catalog.indicator(n) for n in (1, 2, 3, 4))
    assert one.text == "全面普及行政审批服务“马上办”。"
    assert (
        one.units == ("县行政审批服务管理局", "及相关审批部门")
        and one.units_as_written == "县行政审批局 及相关审批部门"
    )
    assert one.onsite and [r.onsite for r in one.requirements] == [True]
    assert two.units == ("县行政审批服务管理局", "县政府各工作部门") and two.since == 2020
    assert three.text == "编制并对外公布权责清单。" and three.units == ("县发展和改革局", "县教育局")
    assert [(r.key, r.text, r.needs_url, r.needs_contact) for r in three.requirements] == [
        ("3.1", "权责清单的公开方式及网址", True, False),
        ("3.2", "中介机构名录，并注明负责人及其联系方式。", False, True),
    ]
    assert [(r.text, r.min_count, r.since) for r in four.requirements] == [
        ("2019年以来制定行政规范性文件的清单，并从中任选5个提供原件全文", 5, 2019),
        ("投诉举报查处相关机制", None, None),
    ]
    # 合并提供: the note names 5–7; the merged cell covers them; requirements shared under one key
    for number in (5, 6, 7):
        indicator = catalog.indicator(number)
        assert indicator.shared_with == tuple(n for n in (5, 6, 7) if n != number)
        assert [(r.key, r.min_count, r.since) for r in indicator.requirements] == [("5.1", 10, 2020)]
        assert (
            indicator.requirements[0].text
            == "2020 年以来开展合法性审核工作的情况，并提供任意 10 件合法性审核意见书。"
        )
    assert catalog.indicator(5).evidence_as_written.startswith("第 5、6、7 项指标")
    assert catalog.indicator(6).evidence_as_written == ""
    # a blank 责任单位 inherits from the row above; an unknown unit joins the vocabulary with a note
    assert catalog.indicator(6).units == ("县司法局", "县政府各工作部门")
    assert catalog.indicator(6).units_as_written == ""
    assert catalog.indicator(7).units == ("县司法局", "县档案馆")
    assert any("县档案馆" in note for note in catalog.indicator(7).notes)
    assert catalog.resolve_unit("县档案馆") is not None
    eight = catalog.indicator(8)
    assert "县政府办公室" in eight.units and eight.units[-2:] == (
        "重大行政决策承办单位",
        "重大行政决策执行单位",
    )
    # "提供 2021 年执法记录台账": the year 2021, not "2021年以来"
    assert (eight.requirements[0].min_count, eight.since, eight.requirements[0].year) == (5, None, 2021)
    assert [(b.id, b.text, b.units, b.max_points) for b in catalog.bonus] == [
        ("B1", "获得省部级以上表彰奖励。", ("各乡镇", "县直各行政执法单位"), 10)
    ]
    assert [(v.id, v.text) for v in catalog.veto] == [("V1", "发生严重违法行政行为。")]
    # what was imported is a valid catalog file
    out = write_catalog_file(catalog, tmp_path / "county.yaml")
    assert load_catalog_file(out) == catalog


def test_default_vocabulary_is_the_national_units(tmp_path: Path, national: Catalog) -> None:
    catalog = import_task_xlsx(county_sheet(tmp_path / "c.xlsx"))
    assert catalog.indicator(3).units == ("县发展和改革局", "县教育局")
    assert {u.name for u in national.units} <= {u.name for u in catalog.units}


def test_number_and_text_in_separate_columns(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["一级指标", "二级指标", "三级指标", None, "责任单位", "具体资料报送"])
    ws.append(["一、甲", "1. 乙", 1, "第一项", "县司法局", "（1）资料一（2）资料二，任意3件"])
    ws.append([None, None, "2", "第二项", "县司法局", "实地核查"])
    path = tmp_path / "two-columns.xlsx"
    workbook.save(path)
    catalog = import_task_xlsx(path, catalog_id="sep", title="分列", units=VOCABULARY)
    assert (catalog.id, catalog.title) == ("sep", "分列")
    assert [(i.number, i.text) for i in catalog.indicators] == [(1, "第一项"), (2, "第二项")]
    assert [(r.text, r.min_count) for r in catalog.indicator(1).requirements] == [
        ("资料一", None),
        ("资料二，任意3件", 3),
    ]
    assert catalog.indicator(2).onsite


def test_edited_visible_cells_win_over_the_machine_sheet(tmp_path: Path) -> None:
    catalog = tricky_catalog()
    path = export_task_xlsx(catalog, tmp_path / "edited.xlsx")
    workbook = openpyxl.load_workbook(path)
    ws = workbook[TASK_SHEET]
    row_of = {ws.cell(r, 3).value: r for r in range(3, ws.max_row + 1)}
    ws.cell(row_of[9], 4).value = "改过的第9项"
    ws.cell(row_of[9], 5).value = "各乡镇"
    ws.unmerge_cells(f"F{row_of[8]}:F{row_of[9]}")  # the clerk splits the 合并提供 cell and types new text
    ws.cell(row_of[9], 6).value = "1. 2022年以来的新资料； 2. 任意 4 件案例"
    workbook.save(path)
    again = import_task_xlsx(path)
    nine = again.indicator(9)
    assert nine.text == "改过的第9项"
    assert nine.units == ("各乡镇",) and nine.units_as_written == "各乡镇"
    assert [(r.key, r.min_count, r.since) for r in nine.requirements] == [
        ("9.1", None, 2022),
        ("9.2", 4, None),
    ]
    assert nine.points == 0  # not visible: kept from the machine sheet
    assert nine.shared_with == ()  # re-read: no 合并提供 any more …
    assert again.indicator(8).shared_with == (7,)  # … and the partner follows, so the file stays valid
    assert again.indicator(7) == catalog.indicator(7)  # untouched rows keep every machine field


def test_write_catalog_file_yaml_and_json(tmp_path: Path) -> None:
    catalog = tricky_catalog()
    for name in ("c.yaml", "c.yml", "c.json"):
        path = write_catalog_file(catalog, tmp_path / name)
        assert load_catalog_file(path) == catalog
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["id"] == "tricky-1"
    assert yaml.safe_load((tmp_path / "c.yaml").read_text(encoding="utf-8"))["title"] == "刁钻的指标体系"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json", "c.yaml", "c.yml"]  # no temp files left


def test_write_catalog_file_refuses_bad_suffix_and_invalid_catalog(tmp_path: Path) -> None:
    with pytest.raises(FazhiError, match=r"\.yaml、\.yml 或 \.json"):
        write_catalog_file(tricky_catalog(), tmp_path / "c.txt")
    group = Group("一.1", "组", "一", (1,))
    broken = Catalog(
        "bad",
        "坏的",
        (Area("一", "区", (group,)),),
        (Indicator(1, "一", "一.1", "文", (), (Requirement("k", "r"),), shared_with=(5,)),),
    )
    target = tmp_path / "bad.yaml"
    with pytest.raises(CatalogError, match="合并提供指向不存在的指标：5"):
        write_catalog_file(broken, target)
    assert list(tmp_path.iterdir()) == []


# -- requirement parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("2020年以来任意10家不同行业的企业", 10),
        ("提供2020年涉及该项指标工作的案例。（5件高质量案例）", 5),
        ("审查意见。 (5个)", 5),
        ("清单，并从中任选5个提供原件全文。", 5),
        ("非强制性执法案例 5 件。", 5),
        ("（提供5个具体实例）", 5),
        ("审核时间不少于 5 个工作日", None),
        ("2019年以来行政复议决定书网上公开情况。", None),
    ],
)
def test_counts(text: str, count: int | None) -> None:
    assert parse_requirements(text, "1")[0]["min_count"] == count


def test_requirement_flags_and_years() -> None:
    items = parse_requirements(
        "1. 清单及公开网址； 2. 名录及联系方式； 3. 实地核查； 4. 2019 以来的情况。", "12"
    )
    assert [(i["key"], i["needs_url"], i["needs_contact"], i["onsite"], i["since"]) for i in items] == [
        ("12.1", True, False, False, None),
        ("12.2", False, True, False, None),
        ("12.3", False, False, True, None),
        ("12.4", False, False, False, 2019),
    ]
    assert parse_requirements("2020 年以来的情况（2022 年按季度提供）", "1")[0]["since"] == 2020


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1. 甲； 2. 乙； 2. 丙。", ["甲", "乙", "丙。"]),  # the seed's "1. 2. 2." numbering
        ("1、甲；2、乙", ["甲", "乙"]),
        ("甲；乙；", ["甲", "乙"]),
        ("各相关部门提供： 1. 制度； 2. 情况。", ["制度", "情况。"]),
        ("1. 实地核查 2. 2020年以来的整改情况", ["实地核查", "2020年以来的整改情况"]),
        ("增长 2.5 倍的情况", ["增长 2.5 倍的情况"]),
        ("第2、3项的情况", ["第2、3项的情况"]),
    ],
)
def test_requirement_items_are_split(text: str, items: list[str]) -> None:
    assert [i["text"] for i in parse_requirements(text, "1")] == items


def test_shared_note_forms() -> None:
    assert shared_note("第 26、27、28、29 项指标，请合并提供 2020 年以来的情况")[0] == [26, 27, 28, 29]
    assert shared_note("第88、89、90项指标，合并提供2020年以来的情况。") == (
        [88, 89, 90],
        "2020年以来的情况。",
    )
    numbers, rest = shared_note("第 47、48 项指标，请合并并提供下列材料：1. 甲；2. 乙")
    assert numbers == [47, 48] and rest == "1. 甲；2. 乙"
    assert shared_note("第3-5项指标请合并提供资料")[0] == [3, 4, 5]
    assert shared_note("没有说明") == (None, "没有说明")


# -- bad input ------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MINIMAL = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in MINIMAL.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    return buffer.getvalue()


def _giant_merge(tmp_path: Path) -> bytes:
    source = export_task_xlsx(tricky_catalog(), tmp_path / "source.xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":  # one more merged range: the whole sheet
                data = re.sub(rb"<mergeCells count=\"\d+\">", rb'\g<0><mergeCell ref="A1:XFD1048576"/>', data)
                assert b"XFD1048576" in data
            copy.writestr(item, data)
    return buffer.getvalue()


def _no_header() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["单位", "数量"])
    workbook.active.append(["县司法局", 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HOSTILE: list[tuple[str, Any, str]] = [
    ("text file", b"id: not a workbook\n", "不是 xlsx 工作簿"),
    ("empty file", b"", "文件为空"),
    ("pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "不是 xlsx 工作簿"),
    (
        "truncated",
        lambda tmp: export_task_xlsx(tricky_catalog(), tmp / "t.xlsx").read_bytes()[:3000],
        "压缩包损坏",
    ),
    (
        "encrypted",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le"),
        "已加密",
    ),
    (
        "legacy xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"),
        "97-2003",
    ),
    (
        "docx",
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
        "缺少 xl/workbook.xml",
    ),
    ("zip bomb", lambda tmp: _bomb(), "疑为压缩炸弹"),
    (
        "entity expansion",
        _zip({**MINIMAL, "xl/styles.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a/>'}),
        "DTD",
    ),
    ("giant merged range", _giant_merge, "合并单元格范围过大"),
    ("no header", _no_header(), "找不到任务分解表的表头"),
]


@pytest.mark.parametrize(("case", "content", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_is_refused_naming_file_and_reason(
    tmp_path: Path, case: str, content: Any, reason: str
) -> None:
    data = content(tmp_path) if callable(content) else content
    path = tmp_path / "来自乡镇的任务分解.xlsx"
    path.write_bytes(data)
    with pytest.raises(TaskSheetError) as caught:
        import_task_xlsx(path)
    message = str(caught.value)
    assert str(path) in message and reason in message, message
    assert "\n" not in message
    assert isinstance(caught.value, CatalogError)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TaskSheetError, match="文件不存在"):
        import_task_xlsx(tmp_path / "无此文件.xlsx")
    with pytest.raises(TaskSheetError, match="是文件夹"):
        import_task_xlsx(tmp_path)


def test_member_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_guard, "MAX_MEMBER_BYTES", 100)
    path = tmp_path / "big.xlsx"
    path.write_bytes(_zip({**MINIMAL, "xl/sharedStrings.xml": b"x" * 101}, zipfile.ZIP_STORED))
    with pytest.raises(TaskSheetError, match="解压后过大"):
        import_task_xlsx(path)


def test_rows_without_numbers_and_duplicates_name_the_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "分解"
    ws.append(["一级指标", "二级指标", "三级指标", "责任单位", "具体资料报送"])
    ws.append(["一、甲", "1. 乙", "3 第三项", "县司法局", "资料"])
    ws.append([None, None, "没有编号的指标", "县司法局", "资料"])
    ws.append([None, None, "3 又一个第三项", "县司法局", "资料"])
    path = tmp_path / "rows.xlsx"
    workbook.save(path)
    with pytest.raises(TaskSheetError) as caught:
        import_task_xlsx(path, units=VOCABULARY)
    problems = [str(p) for p in caught.value.problems]
    assert problems == [f"{path}: 工作表“分解”第 3 行: 三级指标缺少编号：没有编号的指标"]
    ws.delete_rows(3)
    workbook.save(path)
    with pytest.raises(TaskSheetError) as caught:
        import_task_xlsx(path, units=VOCABULARY)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: 工作表“分解”第 3 行: 三级指标编号 3 重复（第 2 行已有）"
    ]


def test_empty_labels_and_bad_numbers_name_the_row_in_one_line(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "表"
    ws.append(["一级指标", "二级指标", "三级指标", None, "责任单位", "具体资料报送"])
    ws.append(["一、甲", None, 1, "没有二级指标的行", "县司法局", "资料"])
    ws.append([None, "1. 乙", 0, "编号为零", "县司法局", "资料"])
    ws.append([None, None, "第一行\n第二行没有编号", None, "县司法局", "资料"])
    ws.append([None, None, -4, "负数编号", "县司法局", "资料"])
    path = tmp_path / "labels.xlsx"
    workbook.save(path)
    with pytest.raises(TaskSheetError) as caught:
        import_task_xlsx(path, units=VOCABULARY)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: 工作表“表”第 2 行: 二级指标为空（该行及同一一级指标下的上方各行都没有写明）",
        f"{path}: 工作表“表”第 3 行: 三级指标缺少编号：0编号为零",
        f"{path}: 工作表“表”第 4 行: 三级指标缺少编号：第一行 第二行没有编号",
        f"{path}: 工作表“表”第 5 行: 三级指标缺少编号：-4负数编号",
    ]
    assert "\n" not in str(caught.value) and "另有 3 个问题" in str(caught.value)


def test_damaged_machine_sheet_is_reported(tmp_path: Path) -> None:
    path = export_task_xlsx(tricky_catalog(), tmp_path / "m.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook[MACHINE_SHEET]["C5"] = "{not json"
    workbook.save(path)
    with pytest.raises(TaskSheetError) as caught:
        import_task_xlsx(path)
    message = str(caught.value)
    assert str(path) in message and "_fazhi" in message and "JSON 损坏" in message
