"""A unit clerk's own tasks: the indicators the office's kit listed for this unit, and how far they are.

Qt-free (the window's 我的任务 view and tests use it). ``unit_tasks`` is pure: the kit settings the
workspace keeps (``app.evidence.scope.KIT_SETTINGS_KEY``) and the progress the window already holds;
``kit_settings`` reads the former from an open project (kept in memory by ``Project``: no query).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.evidence.scope import KIT_SETTINGS_KEY
from app.project.folder import Project
from app.status.workspace import IndicatorProgress, IndicatorStatus, RequirementProgress
from indicator_catalog import Catalog


@dataclass(frozen=True)
class UnitTask:
    """One indicator of the kit: its text, its demands with their counts, its status."""

    number: int
    text: str
    requirements: tuple[RequirementProgress, ...]
    status: IndicatorStatus
    evidence_count: int

    @property
    def documents(self) -> tuple[RequirementProgress, ...]:
        """The demands that want documents (实地核查 items are prepared on site, not handed in)."""
        return tuple(r for r in self.requirements if not r.onsite)

    @property
    def done(self) -> int:
        return sum(1 for r in self.documents if r.done)

    @property
    def required(self) -> int:
        return len(self.documents)

    @property
    def onsite_only(self) -> bool:
        """Nothing to hand in: every demand is checked on site."""
        return self.required == 0

    @property
    def complete(self) -> bool:
        """Every document demand has its count (and the office has not returned it)."""
        return not self.onsite_only and self.done >= self.required and self.status != IndicatorStatus.RETURNED


@dataclass(frozen=True)
class UnitTasks:
    unit: str
    county: str
    year: int
    deadline: str | None
    kit_id: str
    tasks: tuple[UnitTask, ...]

    @property
    def done(self) -> int:
        """Document demands met, over every task."""
        return sum(t.done for t in self.tasks)

    @property
    def required(self) -> int:
        return sum(t.required for t in self.tasks)

    @property
    def complete_tasks(self) -> int:
        return sum(1 for t in self.tasks if t.complete)

    @property
    def document_tasks(self) -> int:
        """Tasks that want documents (the others are prepared for the site visit)."""
        return sum(1 for t in self.tasks if not t.onsite_only)

    def numbers(self) -> tuple[int, ...]:
        return tuple(t.number for t in self.tasks)


def kit_settings(project: Project) -> dict[str, Any]:
    """What the workspace keeps of its kit (empty for an office project or a workspace without a kit)."""
    if project.info.role != "unit":
        return {}
    value = project.settings.get(KIT_SETTINGS_KEY)
    return dict(value) if isinstance(value, Mapping) else {}


def unit_tasks(
    catalog: Catalog,
    *,
    unit: str,
    county: str,
    year: int,
    kit: Mapping[str, Any],
    progress: Mapping[int, IndicatorProgress],
    fallback: Iterable[int] = (),
) -> UnitTasks:
    """The kit's indicators (in catalog order) with their progress; unknown numbers are left out.

    ``fallback``: the unit's own indicators, used when the workspace keeps no kit list (made before
    kits carried one)."""
    wanted = {int(n) for n in kit.get("indicators") or ()} or {int(n) for n in fallback}
    tasks = []
    for indicator in catalog.indicators:
        if indicator.number not in wanted:
            continue
        item = progress.get(indicator.number)
        tasks.append(
            UnitTask(
                number=indicator.number,
                text=indicator.text,
                requirements=item.requirements if item is not None else (),
                status=item.status if item is not None else IndicatorStatus.NONE,
                evidence_count=item.evidence_count if item is not None else 0,
            )
        )
    deadline = kit.get("deadline")
    return UnitTasks(
        unit=unit,
        county=county,
        year=year,
        deadline=str(deadline) if deadline else None,
        kit_id=str(kit.get("kit_id") or ""),
        tasks=tuple(tasks),
    )
