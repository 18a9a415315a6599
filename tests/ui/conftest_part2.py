"""Fixtures for the part-2 panes (review, scoring, extras, self-check, dashboard, exchange, export, audit).

Imported by those test files with ``pytest_plugins = ["conftest_part2"]``. A small catalog of its own
(two bonus items so caps can be tested, two veto items), a temporary office project, an open
``ProjectState`` with a ``ScoreKeeper`` on it, and a helper that attaches real PDFs.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from catalog_samples import small_catalog_document
from pytestqt.qtbot import QtBot

from app.project.create import create_project
from app.project.folder import Project
from indicator_catalog import Catalog, catalog_from_document


def part2_catalog_document() -> dict[str, Any]:
    """Part 1's small test catalog with two bonus items, two veto items and an overall bonus cap of 15
    (so caps can be tested), and no start year on indicator 4 (no stale-evidence findings)."""
    document = copy.deepcopy(small_catalog_document())
    document["id"] = "part2-small"
    document["indicators"][3]["requirements"][0].pop("since", None)
    document["bonus"] = [
        {"id": "B1", "text": "法治政府建设工作获得表彰", "max_points": 10},
        {"id": "B2", "text": "创新做法被上级推广", "max_points": 10},
    ]
    document["bonus_cap"] = 15
    document["veto"] = [
        {"id": "V1", "text": "发生重大违法行政案件"},
        {"id": "V2", "text": "申报材料弄虚作假"},
    ]
    return dict(document)


@pytest.fixture
def part2_catalog() -> Catalog:
    return catalog_from_document(part2_catalog_document(), "part2-small")


@pytest.fixture
def part2_project_dir(tmp_path: Path, part2_catalog: Catalog) -> Path:
    folder = tmp_path / "测试县项目"
    create_project(folder, county="测试县", year=2024, catalog=part2_catalog)
    return folder


def write_pdf(path: Path, text: str = "测试资料", pages: int = 1) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        c.drawString(72, 720, f"{text.encode('unicode_escape').decode()} page {page + 1}")
        c.showPage()
    c.save()
    return path


AddEvidence = Callable[..., list[int]]


@pytest.fixture
def add_evidence(tmp_path: Path) -> AddEvidence:
    """``add_evidence(project, unit, indicators, count=1, stem="资料")`` → new evidence ids."""
    counter = iter(range(10_000))

    def add(
        project: Project, unit: str, indicators: list[int], count: int = 1, stem: str = "资料"
    ) -> list[int]:
        from app.evidence.attach import attach

        files = [
            write_pdf(tmp_path / "files" / f"{stem}{next(counter)}.pdf", text=f"{stem} {unit} {indicators}")
            for _ in range(count)
        ]
        result = attach(project, unit=unit, indicators=indicators, files=files)
        return [r.id for r in result.attached]

    return add


@pytest.fixture
def part2_state(qtbot: QtBot, part2_project_dir: Path) -> Iterator[Any]:
    """An open ``ProjectState`` on the project (closed, with background work drained, afterwards)."""
    from app.status.workspace import load_workspace
    from ui.common.background import cancel_all_and_wait
    from ui.common.state import ProjectState

    state = ProjectState()
    project, snapshot = load_workspace(part2_project_dir)
    state.set_project(project, snapshot)
    yield state
    cancel_all_and_wait()
    state.close()


@pytest.fixture
def window(qtbot: QtBot, part2_project_dir: Path) -> Iterator[Any]:
    """The main window at 1366×768 with the project open and its first score computed (a test file's
    own ``window`` fixture takes precedence)."""
    from ui.shell.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(part2_project_dir)
    qtbot.waitUntil(lambda: win.workbench.keeper.score is not None, timeout=10_000)
    yield win
    win.close()


@pytest.fixture
def part2_keeper(qtbot: QtBot, part2_state: Any) -> Any:
    """A ``ScoreKeeper`` on ``part2_state`` that has computed its first score."""
    from ui.scoring.score_models import ScoreKeeper

    keeper = ScoreKeeper(part2_state)
    qtbot.waitUntil(lambda: keeper.score is not None, timeout=10_000)
    return keeper


def refresh_state(qtbot: QtBot, state: Any) -> None:
    """Tell the hub everything changed (after a test wrote behind the window's back) and wait."""
    from app.base.changes import ProjectChange
    from app.status.workspace import project_progress
    from app.units.registry import list_units

    project = state.require_project()
    state.apply(ProjectChange(everything=True), project_progress(project), list_units(project))


def wait_task(qtbot: QtBot, task: Any, timeout: int = 30_000) -> None:
    """Wait for a ``BackgroundTask`` to finish (returns at once if it already has)."""
    assert task is not None
    if task.running:
        with qtbot.waitSignal(task.finished, timeout=timeout):
            pass


@pytest.fixture(name="wait_task")
def _wait_task_fixture() -> Callable[[QtBot, Any], None]:
    """``wait_task(qtbot, task)``: see ``wait_task``."""
    return wait_task


@pytest.fixture(name="refresh_state")
def _refresh_state_fixture() -> Callable[[QtBot, Any], None]:
    """``refresh_state(qtbot, state)``: see ``refresh_state``."""
    return refresh_state
