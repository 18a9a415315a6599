"""Choosing where indicator 69 belongs as the window does it: every option explained with the area
subtotals under it, the choice audit-logged with who and when, and taken back by ``undo_placement``
(refused when the answer changed again since)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.assessment.levels import score_project, set_level
from app.assessment.placement_options import placement_question
from app.assessment.undo import undo_placement
from app.base.errors import UsageError
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.project.placements import choose_placement, last_decision, stored_choice
from indicator_catalog import Catalog


@pytest.fixture
def national_dir(tmp_path: Path, national_catalog: Catalog) -> Path:
    folder = tmp_path / "national"
    create_project(folder, county="平顺县", year=2024, catalog=national_catalog, actor="测试员")
    return folder


def _settings(folder: Path) -> dict[str, object]:
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        (text,) = connection.execute("SELECT settings_json FROM project").fetchone()
    finally:
        connection.close()
    loaded: dict[str, object] = json.loads(text)
    return loaded


def test_options_show_subtotals_under_each_placement(national_dir: Path) -> None:
    with open_project(national_dir) as project:
        set_level(project, 69, "达标", by="法制股")
        explained = placement_question(project, "69")
        assert explained.writable and explained.decision is None
        by_group = {o.group: o for o in explained.options}
        assert set(by_group) == {"四.6", "五.1"}
        four, five = by_group["四.6"], by_group["五.1"]
        assert four.in_force and four.is_default and not five.in_force
        assert (four.area, five.area) == ("四", "五")
        assert four.basis and five.basis and five.group_name == project.catalog.group("五.1").name
        # Both options show the subtotals of 一级指标 四 and 五; 69's points move from one to the other.
        assert [s.code for s in four.subtotals] == ["四", "五"] == [s.code for s in five.subtotals]
        actual = {a.code: a for a in score_project(project).areas}
        assert four.subtotals[0].score == actual["四"].score and four.subtotals[1].max == actual["五"].max
        points = next(i.points for i in score_project(project).indicators if i.number == 69)
        assert points and points > 0
        assert five.subtotals[0].score == pytest.approx(four.subtotals[0].score - points)
        assert five.subtotals[1].score == pytest.approx(four.subtotals[1].score + points)
        assert five.total == pytest.approx(four.total or 0)
    with open_project(national_dir, readonly=True) as project:
        assert not placement_question(project, "placement-69").writable


def test_choice_is_logged_and_undone(national_dir: Path) -> None:
    with open_project(national_dir) as project:
        step = choose_placement(project, "69", "五.1", by="法制股")
        assert (step.before, step.after, step.indicator) == (None, "五.1", 69)
        assert project.catalog.indicator(69).group == "五.1"
        decision = last_decision(project, "69")
        assert decision is not None and decision.actor == "法制股" and decision.group == "五.1"
        explained = placement_question(project, "69")
        assert explained.decision == decision
        assert next(o for o in explained.options if o.in_force).group == "五.1"

        view = undo_placement(project, step, by="法制股")
        assert view.current == "四.6" and view.question.chosen is None
        assert project.catalog.indicator(69).group == "四.6"
        assert stored_choice(project, "placement-69") is None
        entry = list_log(project, action="catalog.placement.undo")[-1]
        assert entry.target == "question:placement-69" and entry.actor == "法制股"
        assert entry.detail["undone"] == "五.1" and entry.detail["restored"] == "四.6"
        undone = last_decision(project, "69")
        assert undone is not None and undone.action == "catalog.placement.undo" and undone.group is None
    assert "placements" not in _settings(national_dir)


def test_undo_goes_back_to_an_earlier_choice(national_dir: Path) -> None:
    with open_project(national_dir) as project:
        choose_placement(project, "69", "五.1")
        second = choose_placement(project, "69", "四.6")
        assert second.before == "五.1"
        undo_placement(project, second)
        assert project.catalog.indicator(69).group == "五.1"
    assert _settings(national_dir)["placements"] == {"placement-69": "五.1"}


def test_undo_refuses_a_step_changed_since(national_dir: Path) -> None:
    with open_project(national_dir) as project:
        first = choose_placement(project, "69", "五.1")
        choose_placement(project, "69", "四.6")
        before = _settings(national_dir)
        count = len(list_log(project))
        with pytest.raises(UsageError, match="第 69 项的归属在这一步之后又改过"):
            undo_placement(project, first)
        assert _settings(national_dir) == before and len(list_log(project)) == count
        assert project.catalog.indicator(69).group == "四.6"
    with open_project(national_dir, readonly=True) as project, pytest.raises(UsageError, match="只读"):
        undo_placement(project, first)
