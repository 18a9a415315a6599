"""The dashboard's figures: progress by 一级指标 and by unit (evidence coverage, returns outstanding,
accepted reviews) and the unit ranking. Pure data for the window's dashboard (and anyone else)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from app.assessment.reviews import list_reviews
from app.evidence.attach import active_evidence_per_unit
from app.project.folder import Project
from app.scoring.compute import ScoreResult
from app.scoring.scheme import NOT_ASSESSED
from app.status.returns import read_outstanding_returns
from app.status.workspace import IndicatorProgress, IndicatorStatus, project_progress
from app.units.registry import UnitInfo, list_units
from indicator_catalog import Catalog


@dataclass(frozen=True)
class AreaProgress:
    code: str
    name: str
    total: int
    complete: int  # 资料齐全 (实地核查 items count as ready)
    some: int
    none: int
    returned: int
    assessed: int = 0
    score: float = 0.0
    maximum: float = 0.0

    @property
    def coverage(self) -> float:
        return self.complete / self.total if self.total else 0.0


@dataclass(frozen=True)
class UnitProgress:
    name: str
    indicators: int  # indicators the unit answers for (directly or through a collective)
    covered: int  # of those, how many it has evidence for
    evidence: int  # active evidence records of the unit
    returns_outstanding: int  # returned and not yet answered with new evidence
    accepted: int

    @property
    def coverage(self) -> float:
        return self.covered / self.indicators if self.indicators else 0.0


@dataclass(frozen=True)
class DashboardData:
    areas: tuple[AreaProgress, ...]
    units: tuple[UnitProgress, ...]  # ranked: coverage, then fewer returns, then more evidence
    status_counts: dict[IndicatorStatus, int]
    indicator_count: int

    @property
    def ready(self) -> int:
        """Indicators whose evidence is complete (实地核查 items count as ready)."""
        return self.status_counts[IndicatorStatus.COMPLETE] + self.status_counts[IndicatorStatus.ONSITE]

    @property
    def ready_share(self) -> float:
        return self.ready / self.indicator_count if self.indicator_count else 0.0

    @property
    def returns_outstanding(self) -> int:
        """Returns not yet answered, over all units."""
        return sum(u.returns_outstanding for u in self.units)

    @property
    def units_with_returns(self) -> int:
        return sum(1 for u in self.units if u.returns_outstanding)


def rank_units(units: Sequence[UnitProgress]) -> list[UnitProgress]:
    return sorted(units, key=lambda u: (-u.coverage, u.returns_outstanding, -u.evidence, u.name))


def compute_dashboard(
    catalog: Catalog,
    progress: Mapping[int, IndicatorProgress],
    units: Sequence[UnitInfo],
    *,
    evidence_per_unit: Mapping[str, int],
    outstanding: Sequence[tuple[int, str]],
    accepted: Sequence[tuple[int, str]],
    score: ScoreResult | None = None,
) -> DashboardData:
    """Pure: the dashboard's numbers from progress, units and review facts."""
    levels = {i.number: i for i in score.indicators} if score is not None else {}
    area_scores = {a.code: a for a in score.areas} if score is not None else {}
    areas = []
    for area in catalog.areas:
        statuses = [progress[n].status if n in progress else IndicatorStatus.NONE for n in area.numbers]
        ready = sum(1 for s in statuses if s in (IndicatorStatus.COMPLETE, IndicatorStatus.ONSITE))
        assessed = sum(1 for n in area.numbers if n in levels and levels[n].level != NOT_ASSESSED)
        subtotal = area_scores.get(area.code)
        areas.append(
            AreaProgress(
                area.code,
                area.name,
                len(area.numbers),
                ready,
                statuses.count(IndicatorStatus.SOME),
                statuses.count(IndicatorStatus.NONE),
                statuses.count(IndicatorStatus.RETURNED),
                assessed,
                subtotal.score if subtotal else 0.0,
                subtotal.max if subtotal else 0.0,
            )
        )
    open_returns: dict[str, int] = {}
    for _number, name in set(outstanding):
        open_returns[name] = open_returns.get(name, 0) + 1
    accepted_count: dict[str, int] = {}
    for _number, name in set(accepted):
        accepted_count[name] = accepted_count.get(name, 0) + 1
    rows = []
    for unit in units:
        if unit.collective or not unit.indicators:
            continue
        covered = sum(
            1 for n in unit.indicators if n in progress and unit.name in progress[n].units_with_evidence
        )
        rows.append(
            UnitProgress(
                unit.name,
                len(unit.indicators),
                covered,
                int(evidence_per_unit.get(unit.name, 0)),
                open_returns.get(unit.name, 0),
                accepted_count.get(unit.name, 0),
            )
        )
    counts = dict.fromkeys(IndicatorStatus, 0)
    for number in (i.number for i in catalog.indicators):
        item = progress.get(number)
        counts[item.status if item else IndicatorStatus.NONE] += 1
    return DashboardData(tuple(areas), tuple(rank_units(rows)), counts, len(catalog.indicators))


def with_score(data: DashboardData, score: ScoreResult) -> DashboardData:
    """``data`` with the areas' assessed counts and subtotals taken from ``score``."""
    areas = {a.code: a for a in score.areas}
    rows = tuple(
        replace(a, score=areas[a.code].score, maximum=areas[a.code].max, assessed=areas[a.code].assessed)
        if a.code in areas
        else a
        for a in data.areas
    )
    return replace(data, areas=rows)


def load_dashboard(
    project: Project,
    progress: Mapping[int, IndicatorProgress],
    units: Sequence[UnitInfo],
    score: ScoreResult | None,
) -> DashboardData:
    """Reads the review facts and evidence counts (in a worker) and computes the dashboard."""

    per_unit = active_evidence_per_unit(project)
    # The one rule for "returned and not yet answered" (the tree and the self-check ask it too).
    outstanding = [(r.indicator, r.unit) for r in read_outstanding_returns(project)]
    accepted = [(r.indicator, r.unit) for r in list_reviews(project) if r.decision == "accepted"]
    return compute_dashboard(
        project.catalog,
        progress,
        units,
        evidence_per_unit=per_unit,
        outstanding=outstanding,
        accepted=accepted,
        score=score,
    )


def read_dashboard(project: Project, score: ScoreResult | None = None) -> DashboardData:
    """The dashboard of ``project`` as it is now (reads progress and units itself)."""
    return load_dashboard(project, project_progress(project), list_units(project), score)
