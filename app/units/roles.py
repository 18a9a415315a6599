"""Lead unit (牵头单位) and co-units (配合单位 / 责任单位) of each indicator or plan task.

What the county set (``fazhi units --roles``, the units editor; stored by ``editing.set_indicator_units``)
wins; otherwise a plan task's own 牵头单位 from the plan, the rest of its units being co-units. An
indicator with neither has no lead: all its units are co-units of equal standing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.base.errors import UsageError
from app.project.folder import Project
from app.units.editing import UNIT_ROLES_SETTING, set_indicator_units, unit_roles
from app.units.registry import list_units, resolve_unit
from indicator_catalog import Catalog
from indicator_catalog.plan import task_title

#: The roles a unit can have on an indicator or task, as the window and the log name them.
ROLE_NAMES = {"lead": "牵头", "co": "配合", "member": "责任"}


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


@dataclass(frozen=True)
class Assignment:
    """One indicator or task a unit answers for, and how: it leads, it co-works, or it is responsible
    as a member of a collective name the catalog uses (``via``)."""

    number: int
    label: str  # "26" or "一.（一）.3"
    title: str
    role: str  # "lead" | "co" | "member"
    via: str = ""  # the collective name, for "member"
    lead: tuple[str, ...] = ()  # the item's lead units (for context)

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]

    def to_json(self) -> dict[str, Any]:
        return {
            "indicator": self.label,
            "title": self.title,
            "role": self.role,
            "via": self.via,
            "lead": list(self.lead),
        }


def item_title(catalog: Catalog, number: int) -> str:
    """A short title of an indicator or task for tables (a plan task's title, an indicator's text)."""
    text = catalog.indicator(number).text
    return task_title(text) if catalog.is_plan else text


def unit_assignments(project: Project, unit: str) -> list[Assignment]:
    """Every indicator or task ``unit`` leads, co-works on or answers for through a collective, in
    catalog order."""
    info = resolve_unit(project, unit)
    roles = indicator_roles(project)
    catalog = project.catalog
    collectives = [i for i in list_units(project) if i.collective and i.name in info.member_of]
    result: list[Assignment] = []
    for number in info.indicators:
        role = roles[number]
        via = ""
        kind = role.role_of(info.name)
        if kind is None:
            via = next(
                (c.name for c in collectives if role.role_of(c.name) is not None or number in c.indicators),
                "",
            )
            kind = "member"
        result.append(Assignment(number, role.label, item_title(catalog, number), kind, via, role.lead))
    return result


def set_unit_role(project: Project, unit: str, indicator: int, role: str, actor: str | None = None) -> Roles:
    """Make ``unit`` the lead (``"lead"``, 牵头) or a co-unit (``"co"``, 配合) of one indicator or task.

    A new lead replaces the old one, who becomes a co-unit; a lead made a co-unit leaves the item
    without a lead (the county names another). Only a unit responsible for the item (named, or a member
    of a named collective) can take a role. Logged as ``unit.role`` (unit, before, after, lead, co).
    """
    project._require_writable()
    if role not in ("lead", "co"):
        raise UsageError(f"角色无效：{role}（应为 lead 牵头 或 co 配合） (bad role)")
    if not project.catalog.has_indicator(indicator):
        raise UsageError(f"未知的指标：第 {indicator} 项 (unknown indicator)")
    name = resolve_unit(project, unit).name
    current = indicator_roles(project)[indicator]
    before = current.role_of(name)
    if before == role:
        return current
    others = [u for u in (*current.lead, *current.co) if u != name]
    if role == "lead":
        lead: str | None = name
        co = others
    else:
        lead = next((u for u in current.lead if u != name), None)
        co = [u for u in others if u != lead]
        co.append(name)
    what = project.catalog.item_name(indicator)
    detail = {
        "indicator": current.label,
        "unit": name,
        "before": ROLE_NAMES.get(before or "", "未指定"),
        "after": ROLE_NAMES[role],
        "what": what,
    }
    target = f"task:{current.label}" if project.catalog.is_plan else f"indicator:{indicator}"
    set_indicator_units(project, indicator, lead, co, actor, audit=("unit.role", target, detail))
    return indicator_roles(project)[indicator]


@dataclass(frozen=True)
class RoleStep:
    """One role change as the undo stack keeps it: the item's stored entry before and after."""

    indicator: int
    unit: str
    role: str
    before: dict[str, Any] | None  # None: the county had set nothing (the catalog's own roles)
    after: dict[str, Any] | None


def _stored_entry(project: Project, indicator: int) -> dict[str, Any] | None:
    stored = project.settings.get(UNIT_ROLES_SETTING)
    entry = stored.get(str(indicator)) if isinstance(stored, dict) else None
    return dict(entry) if isinstance(entry, dict) else None


def change_unit_role(
    project: Project, unit: str, indicator: int, role: str, actor: str | None = None
) -> RoleStep:
    """``set_unit_role`` as an undoable step (see ``undo_unit_role``)."""
    before = _stored_entry(project, indicator)
    name = resolve_unit(project, unit).name
    set_unit_role(project, name, indicator, role, actor)
    return RoleStep(indicator, name, role, before, _stored_entry(project, indicator))


def undo_unit_role(project: Project, step: RoleStep, actor: str | None = None) -> Roles:
    """Take back ``step``: the item's stored roles go back to ``step.before``. Refused when they are no
    longer ``step.after`` (changed again since, e.g. from the command line). Logged as ``unit.role.undo``."""
    project._require_writable()
    key = str(step.indicator)
    label = project.catalog.label_of(step.indicator)

    def check(settings: dict[str, Any]) -> None:
        stored = settings.get(UNIT_ROLES_SETTING)
        now = stored.get(key) if isinstance(stored, dict) else None
        if now != step.after:
            raise UsageError(
                f"{project.catalog.item_name(step.indicator)}的牵头和配合单位在这一步之后又改过，"
                "不能撤销这一步 (not the latest)"
            )

    stored = dict(project.settings.get(UNIT_ROLES_SETTING) or {})
    if step.before is None:
        stored.pop(key, None)
    else:
        stored[key] = step.before
    target = f"task:{label}" if project.catalog.is_plan else f"indicator:{step.indicator}"
    detail = {
        "indicator": label,
        "unit": step.unit,
        "undone": ROLE_NAMES.get(step.role, step.role),
        "restored": step.before,
    }
    project.update_settings(
        {UNIT_ROLES_SETTING: stored or None}, actor, check=check, audit=("unit.role.undo", target, detail)
    )
    return indicator_roles(project)[step.indicator]
