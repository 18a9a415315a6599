"""The bundle's head start in the window: it runs after an evidence change, keeps what it learnt in
the project's bundle cache (read back from facts.json), shows its progress in the status bar only
when it takes a while, stops on 停止, and leaves read-only projects and unwritable caches alone."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.base.changes import ProjectChange
from app.base.progress import CancelToken, ProgressCallback
from app.export.service import bundle_cache_dir
from app.project.folder import open_project
from app.status.workspace import snapshot
from exports.bundle_cache import FACTS_FILE
from exports.bundle_learn import Learnt
from ui.common.state import ProjectState
from ui.export import bundle_learner
from ui.export.bundle_learner import BundleLearner, LearnerIndicator

pytest_plugins = ["conftest_part2"]


def _learner(qtbot: QtBot, state: Any) -> tuple[BundleLearner, LearnerIndicator]:
    learner = BundleLearner(state)
    indicator = LearnerIndicator(learner)
    qtbot.addWidget(indicator)
    return learner, indicator


def test_an_evidence_change_starts_it_and_the_facts_are_kept(
    qtbot: QtBot, part2_state: Any, add_evidence: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_learner, "START_DELAY_MS", 0)
    project = part2_state.project
    ids = add_evidence(project, "县发展和改革局", [1], count=3)
    learner, _indicator = _learner(qtbot, part2_state)
    part2_state.changed.emit(ProjectChange.of(indicators=[1]))  # no evidence touched: nothing to do
    assert not learner._timer.isActive()
    with qtbot.waitSignal(learner.finished, timeout=60_000) as ended:
        part2_state.changed.emit(ProjectChange.of(evidence_ids=ids))
    learnt = ended.args[0]
    assert isinstance(learnt, Learnt)
    assert (learnt.sources, learnt.learnt, learnt.stopped, learnt.kept) == (3, 3, False, True)
    facts = json.loads((bundle_cache_dir(project) / FACTS_FILE).read_text("utf-8"))
    assert len(facts["files"]) == 3
    assert all(entry["pages"] == 1 for entry in facts["files"].values())
    # Nothing new: the next run learns nothing.
    with qtbot.waitSignal(learner.finished, timeout=60_000) as again:
        learner.schedule(0)
    assert again.args[0].learnt == 0


def test_the_indicator_shows_a_long_run_and_stop_ends_it(
    qtbot: QtBot, part2_state: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_learner, "SHOW_AFTER_MS", 0)
    reached = threading.Event()

    def slow(_project: object, progress: ProgressCallback, cancel: CancelToken) -> Learnt:
        progress(2, 7, "预检 资料.pdf")
        reached.set()
        while not cancel.cancelled:  # a worker thread waiting for 停止, as a long validation would
            threading.Event().wait(0.01)
        cancel.raise_if_cancelled()
        raise AssertionError("unreachable")

    monkeypatch.setattr(bundle_learner, "learn_bundle_sources", slow)
    learner, indicator = _learner(qtbot, part2_state)
    learner.schedule(0)
    qtbot.waitUntil(
        lambda: indicator.isVisible() and indicator.label.text() == "预检汇编资料 2/7", timeout=10_000
    )
    assert reached.is_set() and learner.running
    assert indicator.bar.maximum() == 7 and indicator.bar.value() == 2
    with qtbot.waitSignal(learner.finished, timeout=10_000) as ended:
        indicator.stop_button.click()
    assert ended.args[0] is None
    assert not indicator.isVisible()
    assert learner.task is None
    assert not learner._timer.isActive()  # stopped by the clerk: not retried at once


def test_a_quick_run_never_shows_the_indicator(
    qtbot: QtBot, part2_state: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(
        bundle_learner, "learn_bundle_sources", lambda *_a: Learnt(0, 0, 0, stopped=False, kept=True)
    )
    learner, indicator = _learner(qtbot, part2_state)
    learner.started.connect(lambda: seen.append(indicator.isVisible()))
    with qtbot.waitSignal(learner.finished, timeout=10_000):
        learner.schedule(0)
    assert seen == [False] and not indicator.isVisible()


def test_it_tries_again_after_giving_way_and_not_when_the_cache_cannot_be_kept(
    qtbot: QtBot, part2_state: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = iter([Learnt(4, 1, 0, stopped=True, kept=True), Learnt(4, 0, 0, stopped=False, kept=False)])
    monkeypatch.setattr(bundle_learner, "learn_bundle_sources", lambda *_a: next(outcomes))
    learner, _indicator = _learner(qtbot, part2_state)
    with qtbot.waitSignal(learner.finished, timeout=10_000):
        learner.schedule(0)
    assert learner._timer.isActive()
    assert learner._timer.remainingTime() > bundle_learner.RETRY_DELAY_MS - 2000
    with qtbot.waitSignal(learner.finished, timeout=10_000):
        learner.schedule(0)
    assert not learner._timer.isActive()
    learner.schedule(0)  # the cache of this project cannot be written: not tried again
    assert not learner._timer.isActive()


def test_a_read_only_project_is_left_alone(qtbot: QtBot, part2_project_dir: Path) -> None:
    state = ProjectState()
    project = open_project(part2_project_dir, readonly=True)
    learner, _indicator = _learner(qtbot, state)
    try:
        state.set_project(project, snapshot(project))
        assert project.readonly
        learner.schedule(0)
        assert not learner._timer.isActive()
    finally:
        state.close()
