"""Time and shape demands of requirement items, and upgrading stored version-1 catalog documents."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from indicator_catalog import catalog_from_document, load_builtin
from indicator_catalog.demands import (
    describe_demands,
    describe_time_demand,
    parse_time_demand,
    year_meets_demand,
)
from indicator_catalog.model import SCHEMA_VERSION, Requirement
from indicator_catalog.upgrade import UNIT_RENAMES, legacy_since, upgrade_catalog_document


@pytest.mark.parametrize(
    ("text", "year", "since", "period", "period_since"),
    [
        ("提供2020年涉及该项指标工作的案例或典型做法。（5件高质量案例）", 2020, None, None, None),
        (
            "2021 年政务大厅开展政务服务“好差评”的情况，包括覆盖范围、参与人数、评价结果及整改措施的情况。"
            "（2022 年按季度提供）",
            2021,
            None,
            "quarterly",
            2022,
        ),
        ("县政府制定的2021年重大行政决策事项目录以及目录公开的网址", 2021, None, None, None),
        ("提供 2021 年执法记录台账及 5 件执法全过程记录电子档案", 2021, None, None, None),
        ("2019 以来各相关部门依法行政裁决、化解矛盾纠纷情况。", None, 2019, None, None),
        ("2020 年以来本级政府清理变相设置行政许可事项工作的情况", None, 2020, None, None),
        ("每年报送一次执法统计", None, None, "annual", None),
        ("市县法治政府建设指标体系（2021年版）", None, None, None, None),
        ("行政监督机制制度", None, None, None, None),
    ],
)
def test_parse_time_demand(
    text: str, year: int | None, since: int | None, period: str | None, period_since: int | None
) -> None:
    demand = parse_time_demand(text)
    assert (demand.year, demand.since, demand.period, demand.period_since) == (
        year,
        since,
        period,
        period_since,
    )


def test_list_and_variety() -> None:
    assert parse_time_demand("各部门列表提供 2019 年以来作出的行政处罚的案件总数").as_list
    assert not parse_time_demand("2019年以来行政复议决定书网上公开情况。").as_list
    assert parse_time_demand("2020年以来任意10家不同行业的企业接受现场检查").distinct == "行业"


def test_describe_time_demand_for_kits() -> None:
    assert describe_time_demand(Requirement("9.3", "…", year=2020)) == "2020年"
    assert describe_time_demand(Requirement("2.1", "…", since=2019)) == "2019年以来"
    assert describe_time_demand(Requirement("x", "…", period="quarterly")) == "按季度"
    assert (
        describe_time_demand(Requirement("19.1", "…", year=2021, period="quarterly", period_since=2022))
        == "2021年；2022年起按季度"
    )
    assert describe_time_demand({"since": None, "year": None}) == ""
    assert Requirement("34.1", "…", year=2021).time_demand == "2021年"
    req = Requirement("10.1", "…", min_count=10, needs_contact=True, since=2020, distinct="行业")
    assert describe_demands(req) == ["2020年以来", "至少10件", "不同行业", "附联系方式"]
    assert describe_demands({"as_list": True, "since": 2019}) == ["2019年以来", "列表提供"]


def test_national_catalog_describes_its_demands() -> None:
    national = load_builtin("national-2021")
    described = {
        r.key: r.time_demand for i in national.indicators for r in i.requirements if r.key in ("19.1", "34.1")
    }
    assert described == {"19.1": "2021年；2022年起按季度", "34.1": "2021年"}
    assert describe_time_demand(national.bonus_item("B1")) == "2019年以来"


# -- upgrading a version-1 document ----------------------------------------------------------------


def version_one(document: dict[str, Any]) -> dict[str, Any]:
    """A stored document as a version-1 project holds it (what ``catalog_json`` wrote before)."""
    old = copy.deepcopy(document)
    old.pop("schema_version")
    old.pop("kind")
    old.pop("open_questions", None)
    back = {new: old_name for old_name, new in UNIT_RENAMES.items()}
    for unit in old["units"]:
        if unit["name"] in back:
            unit["name"] = back[unit["name"]]
    for indicator in old["indicators"]:
        indicator["units"] = [back.get(u, u) for u in indicator["units"]]
        for r in indicator["requirements"]:
            for key in ("year", "period", "period_since", "as_list", "distinct"):
                r.pop(key)
            r["since"] = legacy_since(r["text"])
        years = [r["since"] for r in indicator["requirements"] if r["since"] is not None]
        indicator["since"] = min(years) if years else None
    for bonus in old["bonus"]:
        bonus.pop("since")
        bonus.pop("year")
    return old


def test_upgrade_turns_a_version_one_national_document_into_the_current_one() -> None:
    current = load_builtin("national-2021").to_dict()
    old = json.loads(json.dumps(version_one(current), ensure_ascii=False, sort_keys=True))
    # what the old data said: "2021年以来" for 19.1 and the 34–46 group
    nineteen = next(i for i in old["indicators"] if i["number"] == 19)
    assert nineteen["since"] == 2021
    before = copy.deepcopy(old)
    upgraded = upgrade_catalog_document(old, builtin=current)
    assert old == before  # the input is not changed
    assert upgraded == current
    assert catalog_from_document(upgraded).to_dict() == current
    assert upgrade_catalog_document(upgraded, builtin=current) == upgraded  # idempotent


def test_upgrade_keeps_a_hand_set_since_and_fixes_unit_leftovers() -> None:
    old = {
        "id": "county-x",
        "title": "某县",
        "units": [
            {
                "name": "县政府各工作部门",
                "aliases": ["政府各工作部门", "及政府各工作部门"],
                "collective": True,
            },
            {"name": "及相关审批部门", "aliases": [], "collective": True},
        ],
        "areas": [{"code": "一", "name": "甲", "groups": [{"code": "一.1", "name": "乙"}]}],
        "indicators": [
            {
                "number": 1,
                "group": "一.1",
                "text": "某项",
                "units": ["及相关审批部门"],
                "requirements": [{"key": "1.1", "text": "2021年执法台账", "since": 2018}],
                "since": 2018,
            }
        ],
    }
    upgraded = upgrade_catalog_document(old)
    assert upgraded["schema_version"] == SCHEMA_VERSION and upgraded["kind"] == "assessment"
    req = upgraded["indicators"][0]["requirements"][0]
    assert (req["since"], req["year"]) == (2018, None)  # set by hand (not what the old parser gave): kept
    assert upgraded["indicators"][0]["units"] == ["相关审批部门"]
    assert upgraded["units"][0]["aliases"] == ["政府各工作部门"]
    assert upgraded["units"][1]["name"] == "相关审批部门"
    assert catalog_from_document(upgraded).indicator(1).units == ("相关审批部门",)


def test_year_meets_demand() -> None:
    assert year_meets_demand(Requirement("55.1", "…", year=2021), 2021) is True
    assert year_meets_demand(Requirement("55.1", "…", year=2021), 2022) is False  # not "2021年以来"
    assert year_meets_demand(Requirement("2.1", "…", since=2020), 2023) is True
    assert year_meets_demand(Requirement("2.1", "…", since=2020), 2019) is False
    nineteen = Requirement("19.1", "…", year=2021, period="quarterly", period_since=2022)
    assert year_meets_demand(nineteen, 2021) and year_meets_demand(nineteen, 2023)
    assert year_meets_demand(nineteen, 2020) is False
    assert year_meets_demand({"text": "行政监督机制制度"}, 2020) is None
