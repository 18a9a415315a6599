"""What the window shows per indicator: evidence counts, the checklist of demands, a status.

Qt-free so the CLI and tests can use it too. ``compute_progress`` is pure (catalog + evidence facts);
``project_progress`` reads the facts from a project (one lean query: the window opens projects with
thousands of evidence records and must show them within a second); ``load_workspace`` opens a project
with everything the window needs at start.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.project.folder import Project, ProjectInfo, open_project
from app.status.returns import returned_indicators
from app.units.registry import UnitInfo, list_units
from indicator_catalog import Catalog, Indicator, Requirement
from models import Evidence, EvidenceIndicator, Unit


class IndicatorStatus(StrEnum):
    NONE = "none"  # no evidence yet
    SOME = "some"  # some evidence, demands not all met
    COMPLETE = "complete"  # every document demand has its count
    ONSITE = "onsite"  # 实地核查: prepared for the site visit, no documents expected
    RETURNED = "returned"  # the office returned the evidence for rework


@dataclass(frozen=True)
class EvidenceFact:
    """The little the progress needs to know about one active evidence record."""

    evidence_id: int
    indicators: tuple[int, ...]
    unit: str
    requirement: str | None = None  # requirement key, when the evidence names one


@dataclass(frozen=True)
class RequirementProgress:
    key: str
    text: str
    have: int
    need: int  # the demanded count (任意10件 → 10), 1 when none is named, 0 for 实地核查
    onsite: bool

    @property
    def done(self) -> bool:
        return self.onsite or self.have >= self.need


@dataclass(frozen=True)
class IndicatorProgress:
    number: int
    evidence_count: int  # active evidence counting for this indicator (its 合并提供 group included)
    requirements: tuple[RequirementProgress, ...]
    status: IndicatorStatus
    units_with_evidence: tuple[str, ...] = ()

    @property
    def demands_met(self) -> int:
        return sum(1 for r in self.requirements if r.done)


def _status(
    indicator: Indicator, count: int, requirements: tuple[RequirementProgress, ...], returned: bool
) -> IndicatorStatus:
    if returned:
        return IndicatorStatus.RETURNED
    documents = [r for r in requirements if not r.onsite]
    if indicator.onsite or (requirements and not documents):
        return IndicatorStatus.ONSITE
    if count == 0:
        return IndicatorStatus.NONE
    if all(r.done for r in documents):
        return IndicatorStatus.COMPLETE
    return IndicatorStatus.SOME


def demands_of(catalog: Catalog, indicator: Indicator) -> tuple[Requirement, ...]:
    """The indicator's evidence demands; a 合并提供 member without its own uses its group's."""
    if indicator.requirements:
        return indicator.requirements
    seen: dict[str, Requirement] = {}
    for number in indicator.shared_with:
        if catalog.has_indicator(number):
            for requirement in catalog.indicator(number).requirements:
                seen.setdefault(requirement.key, requirement)
    return tuple(seen.values())


def compute_progress(
    catalog: Catalog,
    evidence: Iterable[EvidenceFact],
    *,
    returned: Iterable[int] = (),
    numbers: Iterable[int] | None = None,
) -> dict[int, IndicatorProgress]:
    """Progress of every indicator (or of ``numbers``) from the active evidence.

    Evidence attached to any member of a 合并提供 group counts for every member. Evidence naming a
    requirement counts for that requirement only; evidence naming none counts for every document
    requirement of the indicator (the store does not always know which demand a file answers).
    """
    by_indicator: dict[int, dict[int, EvidenceFact]] = defaultdict(dict)
    for fact in evidence:
        for number in fact.indicators:
            if catalog.has_indicator(number):
                for member in catalog.indicator(number).evidence_group:
                    by_indicator[member][fact.evidence_id] = fact
    returned_set = set(returned)
    wanted = catalog.indicators if numbers is None else [catalog.indicator(n) for n in numbers]
    result: dict[int, IndicatorProgress] = {}
    for indicator in wanted:
        facts = list(by_indicator.get(indicator.number, {}).values())
        demands = demands_of(catalog, indicator)
        keys = {r.key for r in demands}
        general = sum(1 for f in facts if f.requirement is None or f.requirement not in keys)
        per_key: dict[str, int] = defaultdict(int)
        for fact in facts:
            if fact.requirement in keys:
                per_key[fact.requirement] += 1
        requirements = tuple(
            RequirementProgress(
                key=r.key,
                text=r.text,
                have=0 if r.onsite else general + per_key[r.key],
                need=0 if r.onsite else (r.min_count or 1),
                onsite=r.onsite,
            )
            for r in demands
        )
        if not requirements and not indicator.onsite:
            # An indicator without itemised demands still wants at least one document.
            requirements = (
                RequirementProgress(f"{indicator.number}.0", "相关佐证资料", len(facts), 1, False),
            )
        result[indicator.number] = IndicatorProgress(
            number=indicator.number,
            evidence_count=len(facts),
            requirements=requirements,
            status=_status(indicator, len(facts), requirements, indicator.number in returned_set),
            units_with_evidence=tuple(sorted({f.unit for f in facts})),
        )
    return result


def summarize(progress: Mapping[int, IndicatorProgress]) -> dict[IndicatorStatus, int]:
    counts = dict.fromkeys(IndicatorStatus, 0)
    for item in progress.values():
        counts[item.status] += 1
    return counts


# -- reading a project ----------------------------------------------------------------------------


def _groups_of(catalog: Catalog, numbers: Iterable[int]) -> set[int]:
    return {m for n in numbers if catalog.has_indicator(n) for m in catalog.indicator(n).evidence_group}


def evidence_facts(project: Project, numbers: Iterable[int] | None = None) -> list[EvidenceFact]:
    """Active evidence as facts (for every indicator, or for the 合并提供 groups of ``numbers``)."""

    query = (
        select(Evidence.id, EvidenceIndicator.indicator_number, EvidenceIndicator.requirement_key, Unit.name)
        .join(EvidenceIndicator, EvidenceIndicator.evidence_id == Evidence.id)
        .join(Unit, Unit.id == Evidence.unit_id)
        .where(Evidence.status == "active")
        .order_by(Evidence.id)
    )
    if numbers is not None:
        group = _groups_of(project.catalog, numbers)
        query = query.where(
            Evidence.id.in_(
                select(EvidenceIndicator.evidence_id).where(EvidenceIndicator.indicator_number.in_(group))
            )
        )
    links: dict[int, tuple[set[int], set[str | None], str]] = {}
    with project.session() as session:
        # Core rows, not ORM results: this runs at every start on thousands of records.
        rows = session.connection().execute(query).all()
    for evidence_id, number, key, unit in rows:
        entry = links.get(evidence_id)
        if entry is None:
            links[evidence_id] = ({number}, {key}, unit)
        else:
            entry[0].add(number)
            entry[1].add(key)
    facts = []
    for evidence_id, (indicators, keys, unit) in links.items():
        # A record serving one requirement names it; a record linked without one serves all of them.
        requirement = next(iter(keys)) if len(keys) == 1 else None
        numbers = tuple(indicators) if len(indicators) == 1 else tuple(sorted(indicators))
        facts.append(EvidenceFact(evidence_id, numbers, unit, requirement))
    return facts


def project_progress(project: Project, numbers: Iterable[int] | None = None) -> dict[int, IndicatorProgress]:
    """Progress of every indicator of the project, or of ``numbers`` (and their 合并提供 groups)."""
    wanted = None if numbers is None else sorted(_groups_of(project.catalog, numbers))
    facts = evidence_facts(project, wanted)
    returned = returned_indicators(project, wanted)
    return compute_progress(project.catalog, facts, returned=returned, numbers=wanted)


@dataclass(frozen=True)
class WorkspaceSnapshot:
    """Everything the window shows right after opening a project."""

    info: ProjectInfo
    catalog: Catalog
    units: tuple[UnitInfo, ...]
    progress: dict[int, IndicatorProgress]

    @property
    def is_unit_workspace(self) -> bool:
        return self.info.role == "unit" and bool(self.info.unit)

    def unit(self, name: str) -> UnitInfo | None:
        return next((u for u in self.units if u.name == name), None)


def snapshot(project: Project) -> WorkspaceSnapshot:

    return WorkspaceSnapshot(
        project.info, project.catalog, tuple(list_units(project)), project_progress(project)
    )


def load_workspace(
    folder: Path, *, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
) -> tuple[Project, WorkspaceSnapshot]:
    """Open ``folder`` for writing and read what the window needs; the caller closes the project."""

    report(progress, 0, 2, "打开项目")
    project = open_project(folder)
    try:
        check_cancel(cancel)
        report(progress, 1, 2, "读取资料")
        state = snapshot(project)
        check_cancel(cancel)
    except BaseException:
        project.close()
        raise
    report(progress, 2, 2, "")
    return project, state
