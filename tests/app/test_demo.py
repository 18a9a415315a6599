"""The demo county: every screen must have something real to show (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.assessment import current_levels, current_marks, score_project
from app.demo import LEFT_EMPTY, NOT_ASSESSED, RETURNED, TOWNS, build_demo
from app.errors import UsageError
from app.evidence import list_evidence
from app.exchange import list_reviews
from app.project import open_project
from app.selfcheck import run_check
from app.units import list_units
from app.verify import verify


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "陵川县"
    build_demo(folder)
    return folder


def test_demo_has_units_evidence_and_levels(demo_dir: Path) -> None:
    with open_project(demo_dir, readonly=True) as project:
        assert project.info.county == "陵川县"
        units = {u.name: u for u in list_units(project)}
        assert set(TOWNS) <= set(units["各乡镇"].members)
        evidence = list_evidence(project)
        assert len(evidence) >= 120
        assert {e.kind for e in evidence} == {"pdf", "xlsx"}
        assert any((e.pages or 0) > 1 for e in evidence)  # scanned pages appended
        assert len({e.unit for e in evidence}) >= 10
        covered = {n for e in evidence for n in e.indicators}
        assert not covered & set(LEFT_EMPTY)
        levels = current_levels(project)
        assert len(levels) == len(project.catalog.indicators) - len(NOT_ASSESSED)
        assert levels[23].level == "不适用"
        marks = current_marks(project)
        assert marks["B1"].points == 5 and marks["B1"].proof_evidence_id is not None


def test_demo_leaves_findings_and_a_return(demo_dir: Path) -> None:
    with open_project(demo_dir, readonly=True) as project:
        findings = run_check(project)
        codes = {(f.code, f.indicator) for f in findings}
        for number in LEFT_EMPTY:
            assert ("no_evidence", number) in codes
        assert ("count_short", 26) in codes
        assert ("stale_evidence", 30) in codes
        number, unit, _comment = RETURNED
        reviews = list_reviews(project)
        assert any(r.indicator == number and r.unit == unit and r.decision == "returned" for r in reviews)
        result = score_project(project)
        assert result.result == "有效"
        assert 0 < result.base < 1000 and result.bonus == 5


def test_demo_store_is_consistent(demo_dir: Path) -> None:
    with open_project(demo_dir) as project:
        report = verify(project)
    assert report.problems == []


def test_demo_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("别动我", encoding="utf-8")
    with pytest.raises(UsageError, match="目录不为空"):
        build_demo(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
