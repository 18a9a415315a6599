"""Lead unit (牵头单位) and co-units (配合单位 / 责任单位) of each indicator or plan task.

What the county set (``fazhi units --roles``, the units editor; stored by ``editing.set_indicator_units``)
wins; otherwise a plan task's own 牵头单位 from the plan, the rest of its units being co-units. An
indicator with neither has no lead: all its units are co-units of equal standing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.project.folder import Project
from app.units.editing import unit_roles
from indicator_catalog import Catalog


@dataclass(frozen=True)
class Roles:
    number: int
    label: str  # "26" or the task id "一.（一）.3"
    lead: tuple[str, ...]  # usually one unit; a plan may name several 牵头单位
    co: tuple[str, ...]

    def role_of(self, unit: str) -> str | None:
        """ "lead", "co" or None (the unit is not named)."""
        if unit in self.lead:
            return "lead"
        return "co" if unit in self.co else None

    def to_json(self) -> dict[str, Any]:
        return {"indicator": self.label, "lead": list(self.lead), "co": list(self.co)}


def roles_from(catalog: Catalog, stored: Mapping[int, Mapping[str, Any]]) -> dict[int, Roles]:
    """Roles of every indicator of ``catalog`` given the county's stored choices (pure)."""
    result: dict[int, Roles] = {}
    for ind in catalog.indicators:
        chosen = stored.get(ind.number)
        if chosen and (chosen.get("lead") or chosen.get("co")):
            lead: tuple[str, ...] = (str(chosen["lead"]),) if chosen.get("lead") else ()
            co = tuple(str(c) for c in chosen.get("co") or ())
            if not co:
                co = tuple(u for u in ind.units if u not in lead)
        else:
            lead = ind.lead_units
            co = tuple(u for u in ind.units if u not in lead)
        result[ind.number] = Roles(ind.number, ind.label, lead, co)
    return result


def indicator_roles(project: Project) -> dict[int, Roles]:
    """Roles of every indicator (or task) of the open project."""
    return roles_from(project.catalog, unit_roles(project))
