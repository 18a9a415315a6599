"""The dashboard's figures (app.status.dashboard) on a real project and on plain facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.assessment.reviews import review
from app.evidence.attach import attach
from app.project.folder import Project
from app.status.dashboard import DashboardData, UnitProgress, rank_units, read_dashboard
from app.status.workspace import IndicatorStatus


def _unit(data: DashboardData, name: str) -> UnitProgress:
    return next(u for u in data.units if u.name == name)


def test_figures_follow_evidence_and_reviews(
    project: Project, tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")])
    attach(project, unit="县发展和改革局", indicators=[2], files=[make_pdf(tmp_path / "b.pdf", text="营商")])
    review(project, indicator=1, unit="县司法局", decision="returned", comment="请补充盖章件")
    review(project, indicator=2, unit="县发展和改革局", decision="accepted", comment="")

    data = read_dashboard(project)
    assert data.indicator_count == 6
    assert sum(data.status_counts.values()) == 6
    assert [(a.code, a.total) for a in data.areas] == [("一", 4), ("二", 2)]
    justice = _unit(data, "县司法局")
    assert (justice.returns_outstanding, justice.evidence) == (1, 1)
    reform = _unit(data, "县发展和改革局")
    assert (reform.accepted, reform.returns_outstanding, reform.indicators, reform.covered) == (1, 0, 3, 1)
    assert abs(reform.coverage - 1 / 3) < 1e-9  # 1, 2 and 4 (through 县政府各工作部门)
    assert (data.returns_outstanding, data.units_with_returns) == (1, 1)
    assert data.status_counts[IndicatorStatus.RETURNED] >= 1
    # Collective units (各乡镇) are not ranked.
    assert "各乡镇" not in {u.name for u in data.units}

    # New evidence answers the return: the one rule says it is no longer outstanding.
    attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "c.pdf", text="补充")])
    after = read_dashboard(project)
    assert (after.returns_outstanding, after.units_with_returns) == (0, 0)
    assert _unit(after, "县司法局").evidence == 2


def test_ranking_prefers_coverage_then_fewer_returns_then_more_evidence() -> None:
    rows = [
        UnitProgress("乙", 4, 2, 5, 0, 0),
        UnitProgress("甲", 4, 4, 1, 1, 0),
        UnitProgress("丙", 4, 2, 5, 1, 0),
        UnitProgress("丁", 4, 2, 9, 0, 0),
    ]
    assert [u.name for u in rank_units(rows)] == ["甲", "丁", "乙", "丙"]
    assert UnitProgress("戊", 0, 0, 0, 0, 0).coverage == 0.0
