"""The one rule for "returned and not yet answered".

A unit's evidence for an indicator is *outstanding* when the latest review of that (indicator, unit) is
退回补充 and the unit has not added active evidence since then to that indicator or to any indicator it
shares evidence with (合并提供: the group's evidence answers for the whole group). The catalog tree, the
self-check, the dashboard, the unit workspace and the exchange all ask this module, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.project.folder import Project
from indicator_catalog import Catalog
from models import Evidence, EvidenceIndicator, Review, Unit

RETURNED = "returned"


@dataclass(frozen=True)
class ReviewFact:
    indicator: int
    unit: str
    decision: str  # accepted | returned
    at: datetime
    comment: str = ""


@dataclass(frozen=True)
class Resubmission:
    """Active evidence a unit added at ``added_at``, linked to ``indicators``."""

    unit: str
    indicators: tuple[int, ...]
    added_at: datetime


def latest_reviews(reviews: Iterable[ReviewFact]) -> dict[tuple[int, str], ReviewFact]:
    """The review that counts for each (indicator, unit): the latest one (ties: the later in the list)."""
    latest: dict[tuple[int, str], ReviewFact] = {}
    for review in sorted(reviews, key=lambda r: r.at):
        latest[(review.indicator, review.unit)] = review
    return latest


def outstanding_returns(
    catalog: Catalog, reviews: Iterable[ReviewFact], evidence: Iterable[Resubmission]
) -> list[ReviewFact]:
    """Returns not yet answered, in (indicator, unit) order; the rule described in the module doc."""
    pending = [
        review
        for review in latest_reviews(reviews).values()
        if review.decision == RETURNED and catalog.has_indicator(review.indicator)
    ]
    if not pending:
        return []
    by_unit: dict[str, list[Resubmission]] = {}
    for fact in evidence:
        by_unit.setdefault(fact.unit, []).append(fact)
    outstanding = []
    for review in pending:
        group = set(catalog.indicator(review.indicator).evidence_group)
        answered = any(
            fact.added_at > review.at and group.intersection(fact.indicators)
            for fact in by_unit.get(review.unit, ())
        )
        if not answered:
            outstanding.append(review)
    return sorted(outstanding, key=lambda r: (r.indicator, r.unit))


def read_outstanding_returns(
    project: Project, *, numbers: Iterable[int] | None = None, unit: str | None = None
) -> list[ReviewFact]:
    """``outstanding_returns`` for a project: every indicator, or those in the 合并提供 groups of
    ``numbers``; every unit, or only ``unit``."""
    catalog = project.catalog
    wanted: set[int] | None = None
    if numbers is not None:
        wanted = {m for n in numbers if catalog.has_indicator(n) for m in catalog.indicator(n).evidence_group}
    with project.session() as session:
        query = (
            select(Review.indicator_number, Unit.name, Review.decision, Review.at, Review.comment)
            .join(Unit, Unit.id == Review.unit_id)
            .order_by(Review.id)
        )
        if wanted is not None:
            query = query.where(Review.indicator_number.in_(wanted))
        if unit is not None:
            query = query.where(Unit.name == unit)
        reviews = [
            ReviewFact(number, name, decision, at, comment or "")
            for number, name, decision, at, comment in session.execute(query)
        ]
        returned_units = {r.unit for r in latest_reviews(reviews).values() if r.decision == RETURNED}
        if not returned_units:
            return []
        links: dict[int, tuple[str, datetime, list[int]]] = {}
        for evidence_id, name, added_at, number in session.execute(
            select(Evidence.id, Unit.name, Evidence.added_at, EvidenceIndicator.indicator_number)
            .join(Unit, Unit.id == Evidence.unit_id)
            .join(EvidenceIndicator, EvidenceIndicator.evidence_id == Evidence.id)
            .where(Evidence.status == "active", Unit.name.in_(returned_units))
        ):
            links.setdefault(evidence_id, (name, added_at, []))[2].append(number)
    resubmissions = [Resubmission(name, tuple(numbers_), at) for name, at, numbers_ in links.values()]
    return outstanding_returns(catalog, reviews, resubmissions)


def returned_indicators(
    project: Project, numbers: Iterable[int] | None = None, *, unit: str | None = None
) -> set[int]:
    """Indicators with at least one outstanding return (for ``unit`` only, when given)."""
    return {r.indicator for r in read_outstanding_returns(project, numbers=numbers, unit=unit)}
