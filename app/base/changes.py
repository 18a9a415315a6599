"""Change sets: a plain description of what a core change touched, so views refresh only that."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProjectChange:
    """What a change touched. ``everything`` means: reload all (F5, a package import)."""

    indicators: frozenset[int] = field(default_factory=frozenset)
    units: frozenset[str] = field(default_factory=frozenset)
    evidence_ids: frozenset[int] = field(default_factory=frozenset)
    everything: bool = False
    #: The catalog's layout changed (an open placement question was answered or taken back): views that
    #: built a tree from the catalog rebuild it from the hub's new catalog.
    catalog: bool = False

    @classmethod
    def of(
        cls,
        *,
        indicators: Iterable[int] = (),
        units: Iterable[str] = (),
        evidence_ids: Iterable[int] = (),
        everything: bool = False,
        catalog: bool = False,
    ) -> ProjectChange:
        return cls(frozenset(indicators), frozenset(units), frozenset(evidence_ids), everything, catalog)

    def merged(self, other: ProjectChange) -> ProjectChange:
        return ProjectChange(
            self.indicators | other.indicators,
            self.units | other.units,
            self.evidence_ids | other.evidence_ids,
            self.everything or other.everything,
            self.catalog or other.catalog,
        )

    def touches(self, number: int) -> bool:
        return self.everything or number in self.indicators

    @property
    def empty(self) -> bool:
        return not (self.indicators or self.units or self.evidence_ids or self.everything or self.catalog)
