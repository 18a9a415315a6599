"""One open project used from many short-lived threads (the window's background tasks).

Qt's worker threads get a fresh thread state per task. With SQLAlchemy's SingletonThreadPool (what the
in-memory SQLite URL picks) every task opened a new connection and, past five, the pool closed older
ones, possibly while in use ("Cannot operate on a closed database", crashes). The engine must reuse a
bounded set of connections, whichever thread asks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.pool import QueuePool

from app.assessment.levels import score_project, set_level
from app.evidence.attach import attach, list_evidence
from app.project.database import POOL_OVERFLOW, POOL_SIZE
from app.project.folder import Project, open_project

MakePdf = Callable[..., Path]
THREADS = 12


def _pool(project: Project) -> QueuePool:
    pool = project.engine.pool
    assert isinstance(pool, QueuePool)
    return pool


def _count_connections(project: Project) -> list[int]:
    made = [0]

    @event.listens_for(project.engine, "connect")
    def _made(_dbapi: Any, _record: Any) -> None:
        made[0] += 1

    return made


def _task(project: Project, results: list[tuple[float, int]], errors: list[BaseException]) -> None:
    try:
        result = score_project(project)
        results.append((float(result.total), len(list_evidence(project))))
    except BaseException as exc:  # collected: an exception in a thread would otherwise vanish
        errors.append(exc)


def _run_threads(project: Project, *, together: bool) -> tuple[list[tuple[float, int]], list[BaseException]]:
    results: list[tuple[float, int]] = []
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_task, args=(project, results, errors)) for _ in range(THREADS)]
    if together:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    else:
        for thread in threads:  # one after another: each thread lives for one task, like a Qt worker
            thread.start()
            thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results, errors


@pytest.fixture
def busy_project(project_dir: Path, make_pdf: MakePdf, tmp_path: Path) -> Project:
    with open_project(project_dir) as project:
        attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")])
        set_level(project, 1, "达标")
    return project


@pytest.mark.parametrize("readonly", [False, True])
def test_short_lived_threads_one_after_another(
    project_dir: Path, busy_project: Project, readonly: bool
) -> None:
    with open_project(project_dir, readonly=readonly) as project:
        assert isinstance(project.engine.pool, QueuePool)
        expected = (float(score_project(project).total), 1)
        made = _count_connections(project)
        results, errors = _run_threads(project, together=False)
        assert errors == []
        assert results == [expected] * THREADS
        assert made[0] == 0, "a connection was opened per thread instead of reused"
        assert _pool(project).checkedout() == 0
        assert _pool(project).checkedin() <= POOL_SIZE


@pytest.mark.parametrize("readonly", [False, True])
def test_short_lived_threads_at_once(project_dir: Path, busy_project: Project, readonly: bool) -> None:
    with open_project(project_dir, readonly=readonly) as project:
        expected = (float(score_project(project).total), 1)
        made = _count_connections(project)
        results, errors = _run_threads(project, together=True)
        assert errors == []
        assert results == [expected] * THREADS
        assert made[0] <= POOL_SIZE + POOL_OVERFLOW
        assert _pool(project).checkedout() == 0
        assert _pool(project).checkedin() <= POOL_SIZE
        # And again, one after another: the pool still hands out working connections.
        results, errors = _run_threads(project, together=False)
        assert errors == [] and results == [expected] * THREADS


def test_close_closes_every_pooled_connection(project_dir: Path) -> None:
    project = open_project(project_dir)
    _run_threads(project, together=True)
    assert _pool(project).checkedin() >= 1
    project.close()
    assert _pool(project).checkedin() == 0


def test_writers_in_many_threads_wait_for_each_other(project_dir: Path) -> None:
    """Read-then-write transactions from many threads: each waits for the write lock at BEGIN (busy
    timeout), so none fails with "database is locked" and no update is lost."""
    errors: list[BaseException] = []

    def write(project: Project, key: str) -> None:
        try:
            project.update_settings({key: key}, actor="线程")
        except BaseException as exc:
            errors.append(exc)

    with open_project(project_dir) as project:
        threads = [threading.Thread(target=write, args=(project, f"k{n}")) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
    with open_project(project_dir, readonly=True) as project:
        assert {f"k{n}" for n in range(THREADS)} <= set(project.settings)
