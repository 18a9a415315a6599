"""Units: catalog vocabulary, aliases, collective members (defaults and edits), responsibility."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.base.errors import UsageError
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.project.seed import default_members
from app.units.registry import add_unit, list_units, resolve_unit, responsible_units, set_collective_members
from indicator_catalog import Catalog, catalog_from_document


def test_units_come_from_the_catalog_with_aliases_and_collectives(project: Project) -> None:
    units = {u.name: u for u in list_units(project)}
    assert list(units) == [
        "县司法局",
        "县发展和改革局",
        "县市场监督管理局",
        "县委办公室",
        "各乡镇",
        "县政府各工作部门",
    ]
    assert units["县发展和改革局"].aliases == ("县发改局",)
    assert units["各乡镇"].collective and units["县政府各工作部门"].collective
    assert not units["县司法局"].collective


def test_default_members(project: Project) -> None:
    units = {u.name: u for u in list_units(project)}
    assert units["各乡镇"].members == ()
    # Government departments: the 县… units that are not Party organs.
    assert units["县政府各工作部门"].members == ("县司法局", "县发展和改革局", "县市场监督管理局")
    assert units["县委办公室"].member_of == ()
    assert units["县市场监督管理局"].member_of == ("县政府各工作部门",)


def test_default_member_rules() -> None:
    real = [
        "县司法局",
        "县委组织部",
        "县纪委监委",
        "县人民法院",
        "县人大常委会办公室",
        "县政协办公室",
        "市生态环境局某分局",
    ]
    assert default_members("县直各行政执法单位", real) == ["县司法局"]
    assert default_members("各乡镇", real) == []
    assert default_members("县政府相关部门", real) == []
    assert default_members("重大行政决策承办单位", real) == []


def test_indicators_direct_and_via_collective(project: Project) -> None:
    units = {u.name: u for u in list_units(project)}
    assert units["县司法局"].indicators == (1, 3, 4, 5)  # 4 via 县政府各工作部门
    assert units["县市场监督管理局"].indicators == (4,)
    assert units["县政府各工作部门"].indicators == (4,)
    assert units["县委办公室"].indicators == (6,)


def test_resolve_by_name_alias_and_whitespace(project: Project) -> None:
    assert resolve_unit(project, "县发改局").name == "县发展和改革局"
    assert resolve_unit(project, " 县 司法局 ").name == "县司法局"
    assert resolve_unit(project, "政府各工作部门").name == "县政府各工作部门"


def test_an_everyday_abbreviation_resolves(project: Project) -> None:
    assert resolve_unit(project, "县发改委").name == "县发展和改革局"


def test_unknown_unit_suggests_close_names(project: Project) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_unit(project, "县发展改革办")
    message = str(caught.value)
    assert message.startswith("未知的单位：县发展改革办")
    assert "县发改局" in message or "县发展和改革局" in message
    assert "\n" not in message


def test_add_town_to_collective(project: Project) -> None:
    town = add_unit(project, "城关镇", aliases=("城关",), member_of=("各乡镇",), actor="管理员")
    assert town.indicators == (5,)
    assert town.member_of == ("各乡镇",)
    assert resolve_unit(project, "城关").name == "城关镇"
    assert resolve_unit(project, "各乡镇").members == ("城关镇",)
    assert [u.name for u in responsible_units(project, 5)] == ["县司法局", "城关镇"]
    entry = list_log(project, action="unit.add")[0]
    assert (entry.actor, entry.target, entry.detail["member_of"]) == ("管理员", "unit:城关镇", ["各乡镇"])


def test_set_collective_members_replaces_and_is_audited(project: Project) -> None:
    add_unit(project, "城关镇")
    add_unit(project, "马圪当乡")
    set_collective_members(project, "各乡镇", ["城关镇", "马圪当乡"])
    set_collective_members(project, "县政府各工作部门", ["县发改局"], actor="办公室")
    units = {u.name: u for u in list_units(project)}
    assert units["各乡镇"].members == ("城关镇", "马圪当乡")
    assert units["县政府各工作部门"].members == ("县发展和改革局",)
    assert units["县市场监督管理局"].indicators == ()
    entry = list_log(project, action="unit.members")[-1]
    assert entry.detail == {
        "before": ["县司法局", "县发展和改革局", "县市场监督管理局"],
        "after": ["县发展和改革局"],
    }
    with open_project(project.folder, readonly=True) as again:
        assert resolve_unit(again, "各乡镇").members == ("城关镇", "马圪当乡")


@pytest.mark.parametrize(
    ("collective", "members", "message"),
    [
        ("县司法局", ["县发改局"], "不是集体名称"),
        ("各乡镇", ["县政府各工作部门"], "是集体名称"),
        ("各乡镇", ["不存在的镇"], "未知的单位"),
        ("不存在", [], "未知的单位"),
    ],
)
def test_bad_member_edits_change_nothing(
    project: Project, collective: str, members: list[str], message: str
) -> None:
    before = list_units(project)
    with pytest.raises(UsageError, match=message):
        set_collective_members(project, collective, members)
    assert list_units(project) == before


@pytest.mark.parametrize(
    ("name", "aliases", "message"),
    [
        ("县司法局", (), "已被使用"),
        ("新单位", ("县发改局",), "已被使用"),
        ("  ", (), "不能为空"),
        ("新单位", ("甲", "甲"), "简称重复"),
    ],
)
def test_add_unit_refuses_clashes(
    project: Project, name: str, aliases: tuple[str, ...], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        add_unit(project, name, aliases)


def test_responsible_units(project: Project) -> None:
    assert [u.name for u in responsible_units(project, 4)] == [
        "县司法局",
        "县发展和改革局",
        "县市场监督管理局",
    ]
    assert [u.name for u in responsible_units(project, 4, include_collectives=True)][-1] == "县政府各工作部门"
    with pytest.raises(UsageError, match="未知的指标"):
        responsible_units(project, 99)


def test_units_named_only_by_indicators_are_added(
    tmp_path: Path, small_catalog_document: dict[str, Any]
) -> None:
    document = small_catalog_document
    del document["units"]
    document["indicators"][0]["units"] = ["县司法局", "县直各相关单位"]
    catalog: Catalog = catalog_from_document(document)
    create_project(tmp_path / "p", county="甲县", year=2024, catalog=catalog)
    with open_project(tmp_path / "p") as project:
        units = {u.name: u for u in list_units(project)}
    assert units["县直各相关单位"].collective
    assert not units["县司法局"].collective
    assert "各乡镇" in units and units["各乡镇"].collective


def test_national_catalog_defaults(tmp_path: Path, national_catalog: Catalog) -> None:
    create_project(tmp_path / "p", county="陵川县", year=2024, catalog=national_catalog)
    with open_project(tmp_path / "p", readonly=True) as project:
        units = {u.name: u for u in list_units(project)}
        enforcement = units["县直各行政执法单位"].members
        assert "县司法局" in enforcement and "县公安局" in enforcement
        assert not any(m.startswith(("县委", "县人民法院", "县人民检察院")) for m in enforcement)
        assert units["各乡镇"].members == ()
        assert resolve_unit(project, "县发改局").name == "县发展和改革局"
        for unit in units.values():
            for number in unit.indicators:
                assert national_catalog.has_indicator(number)
