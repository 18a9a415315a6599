"""The office's answer to the open placement question of indicator 69: a project setting, audit-logged,
applied wherever the project's catalog is used, and shown by ``fazhi catalog placement``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.base.errors import FazhiError
from app.cli.main import main
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.project.placements import open_questions, set_placement
from indicator_catalog import Catalog


@pytest.fixture
def national_dir(tmp_path: Path, national_catalog: Catalog) -> Path:
    folder = tmp_path / "national"
    create_project(folder, county="平顺县", year=2024, catalog=national_catalog, actor="测试员")
    return folder


def test_default_is_the_tables_layout(national_dir: Path) -> None:
    with open_project(national_dir, readonly=True) as project:
        assert project.catalog.indicator(69).group == "四.6"
        [view] = open_questions(project)
        assert view.current == "四.6" and view.question.id == "placement-69"
        assert "五.1" in view.summary() and "四.6" in view.summary()


def test_set_placement_moves_69_and_is_kept_and_logged(national_dir: Path) -> None:
    with open_project(national_dir) as project:
        four = len(project.catalog.area("四").numbers)
        view = set_placement(project, "69", "五.1", by="法制股")
        assert view.current == "五.1"
        assert project.catalog.indicator(69).group == "五.1"
        assert 69 in project.catalog.group("五.1").numbers
        assert len(project.catalog.area("四").numbers) == four - 1
        assert project.stored_catalog.indicator(69).group == "四.6"  # the stored document is untouched
    with open_project(national_dir, readonly=True) as project:
        assert project.catalog.indicator(69).area == "五"
        entries = [e for e in list_log(project) if e.action == "catalog.placement"]
        assert entries and entries[-1].actor == "法制股"
        assert entries[-1].target == "question:placement-69"
        assert entries[-1].detail["from"] == "四.6" and entries[-1].detail["to"] == "五.1"
        assert entries[-1].detail["indicator"] == 69


def test_a_group_the_question_does_not_list_is_refused(national_dir: Path) -> None:
    with open_project(national_dir) as project:
        with pytest.raises(FazhiError, match="只能是"):
            set_placement(project, "placement-69", "一.1")
        with pytest.raises(FazhiError, match="没有待定问题"):
            set_placement(project, "70", "五.1")
        assert project.catalog.indicator(69).group == "四.6"


def test_cli_shows_and_sets_the_open_question(national_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "placement", str(national_dir), "--json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["current"] == "四.6" and {p["group"] for p in shown["placements"]} == {"四.6", "五.1"}
    assert all(p["basis"] for p in shown["placements"])
    assert shown["decided_by"] is None and shown["decided_at"] is None
    assert main(["catalog", "placement", str(national_dir), "--set", "69=五.1"]) == 0
    out = capsys.readouterr().out
    assert "当前归属：五.1" in out and "原文：" in out and "选定 五.1" in out
    assert main(["catalog", "placement", str(national_dir), "--json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["decided_by"] and shown["decided_at"] and shown["current"] == "五.1"
    assert main(["catalog", "placement", str(national_dir), "--set", "69=九.9"]) != 0
    assert "只能是" in capsys.readouterr().err
