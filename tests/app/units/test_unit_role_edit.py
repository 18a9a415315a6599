"""Changing one unit's role on one indicator or task (``set_unit_role``) and a unit's assignments:
stored roles, the ``unit.role`` audit entry, refusals that leave the project unchanged."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.base.errors import UsageError
from app.cli.main import main
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.units.registry import add_unit, set_collective_members
from app.units.roles import (
    change_unit_role,
    indicator_roles,
    set_unit_role,
    undo_unit_role,
    unit_assignments,
)
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan


def _stored_roles(folder: Path) -> dict[str, object]:
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        (text,) = connection.execute("SELECT settings_json FROM project").fetchone()
    finally:
        connection.close()
    roles: dict[str, object] = json.loads(text).get("unit_roles", {})
    return roles


def test_lead_then_co_on_an_indicator(project: Project) -> None:
    assert indicator_roles(project)[1].lead == ()
    roles = set_unit_role(project, "县发改局", 1, "lead", actor="法制股")
    assert roles.lead == ("县发展和改革局",) and roles.co == ("县司法局",)
    assert _stored_roles(project.folder)["1"] == {"lead": "县发展和改革局", "co": ["县司法局"]}
    entry = list_log(project, action="unit.role")[-1]
    assert entry.actor == "法制股" and entry.target == "indicator:1"
    assert entry.detail["unit"] == "县发展和改革局"
    assert (entry.detail["before"], entry.detail["after"]) == ("配合", "牵头")
    assert entry.detail["lead"] == "县发展和改革局" and entry.detail["co"] == ["县司法局"]

    # Another lead: the old one becomes a co-unit.
    roles = set_unit_role(project, "县司法局", 1, "lead")
    assert roles.lead == ("县司法局",) and roles.co == ("县发展和改革局",)
    # The lead made a co-unit: no lead any more.
    roles = set_unit_role(project, "县司法局", 1, "co")
    assert roles.lead == () and set(roles.co) == {"县司法局", "县发展和改革局"}
    assert list_log(project, action="unit.role")[-1].detail["after"] == "配合"


def test_assignments_of_a_unit(project: Project) -> None:
    set_unit_role(project, "县司法局", 5, "lead")
    rows = {a.label: a for a in unit_assignments(project, "县司法局")}
    assert set(rows) == {"1", "3", "4", "5"}
    assert (rows["4"].role, rows["4"].via) == ("member", "县政府各工作部门")
    assert rows["5"].role == "lead" and rows["5"].role_name == "牵头"
    assert rows["1"].role == "co" and rows["1"].title == "权责清单"
    # A member of a collective the catalog names answers for its items through it.
    add_unit(project, "古城镇")
    set_collective_members(project, "各乡镇", ["古城镇"])
    [town] = unit_assignments(project, "古城镇")
    assert (town.label, town.role, town.via, town.lead) == ("5", "member", "各乡镇", ("县司法局",))
    # and may lead it
    roles = set_unit_role(project, "古城镇", 5, "lead")
    assert roles.lead == ("古城镇",) and "县司法局" in roles.co
    assert unit_assignments(project, "古城镇")[0].role == "lead"


def test_refusals_leave_the_project_unchanged(project: Project) -> None:
    before = _stored_roles(project.folder)
    count = len(list_log(project))
    with pytest.raises(UsageError, match="不是第 6 项指标的责任单位"):
        set_unit_role(project, "县司法局", 6, "lead")
    with pytest.raises(UsageError, match="角色无效"):
        set_unit_role(project, "县司法局", 1, "boss")
    with pytest.raises(UsageError, match="未知的指标"):
        set_unit_role(project, "县司法局", 99, "lead")
    assert _stored_roles(project.folder) == before and len(list_log(project)) == count


def test_read_only_is_refused(project_dir: Path) -> None:
    with open_project(project_dir, readonly=True) as project, pytest.raises(UsageError, match="只读"):
        set_unit_role(project, "县司法局", 1, "lead")


@pytest.fixture
def plan_project(tmp_path: Path) -> Iterator[Project]:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    with open_project(folder) as project:
        yield project


def test_plan_task_roles_by_task_id(plan_project: Project) -> None:
    catalog = plan_project.catalog
    task = next(i for i in catalog.indicators if i.label == "一.3")
    assert indicator_roles(plan_project)[task.number].lead == ()  # the plan names no 牵头单位
    rows = {a.label: a for a in unit_assignments(plan_project, "司法局")}  # as the plan writes it
    assert rows["一.3"].role == "co" and rows["一.3"].title
    roles = set_unit_role(plan_project, "县司法局", task.number, "lead")
    assert roles.lead == ("县司法局",) and "县委组织部" in roles.co
    roles = set_unit_role(plan_project, "县委组织部", task.number, "lead")
    assert roles.lead == ("县委组织部",) and "县司法局" in roles.co
    entry = list_log(plan_project, action="unit.role")[-1]
    assert entry.target == "task:一.3"
    assert entry.detail["indicator"] == "一.3" and entry.detail["what"] == "任务 一.3"
    assert {a.label: a for a in unit_assignments(plan_project, "县司法局")}["一.3"].role == "co"


def test_cli_set_role(project_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", str(project_dir), "--set-role", "1=县发改局:牵头"]) == 0
    assert "第 1 项指标 牵头单位：县发展和改革局；配合单位：县司法局" in capsys.readouterr().out
    assert main(["units", str(project_dir), "--set-role", "1=县司法局:lead", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {"indicator": "1", "lead": ["县司法局"], "co": ["县发展和改革局"]}
    assert main(["units", str(project_dir), "--set-role", "1=县司法局:老大"]) != 0
    assert "应写成" in capsys.readouterr().err
    assert _stored_roles(project_dir)["1"] == {"lead": "县司法局", "co": ["县发展和改革局"]}


def test_a_role_change_is_undone_to_what_was_stored(project: Project) -> None:
    """``undo_unit_role`` puts the item's stored entry back (none: the catalog's own roles) and logs it."""
    first = change_unit_role(project, "县发改局", 1, "lead", actor="法制股")
    assert first.before is None and first.after == {"lead": "县发展和改革局", "co": ["县司法局"]}
    second = change_unit_role(project, "县司法局", 1, "lead")
    assert second.before == first.after

    roles = undo_unit_role(project, second, actor="法制股")
    assert roles.lead == ("县发展和改革局",)
    assert _stored_roles(project.folder)["1"] == first.after
    roles = undo_unit_role(project, first)
    assert roles.lead == () and "1" not in _stored_roles(project.folder)
    entry = list_log(project, action="unit.role.undo")[-1]
    assert entry.target == "indicator:1" and entry.detail["unit"] == "县发展和改革局"
    assert entry.detail["undone"] == "牵头" and entry.detail["restored"] is None


def test_an_undo_that_no_longer_fits_is_refused(project: Project) -> None:
    step = change_unit_role(project, "县发改局", 1, "lead")
    set_unit_role(project, "县司法局", 1, "lead")  # changed again since (e.g. fazhi units --set-role)
    stored = _stored_roles(project.folder)
    entries = len(list_log(project))
    with pytest.raises(UsageError, match="又改过"):
        undo_unit_role(project, step)
    assert _stored_roles(project.folder) == stored and len(list_log(project)) == entries
