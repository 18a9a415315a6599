"""Editing a county's units: rename (the old name stays as an alias, references follow), aliases,
collective members, lead and co-units per indicator, and import of a unit list from a spreadsheet.

Names the county writes are matched with ``indicator_catalog.unitmatch.match_unit``; this module never
decides an uncertain match: ``plan_unit_import`` returns the candidates and the caller (CLI, window) asks
the user, then ``apply_unit_import`` applies what was confirmed. Every change is audit-logged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import update

from app.base.errors import UsageError
from app.base.text import normalize_name
from app.project.audit import record
from app.project.folder import Project
from app.units.importing import apply_plan, validate_unit_import
from app.units.registry import UnitInfo, list_units, resolve_unit, responsible_units
from indicator_catalog import UnitName
from indicator_catalog.unitmatch import UnitCandidate, UnitListEntry, match_unit
from indicator_catalog.xlsx import read_unit_list_xlsx
from models import ProjectRow, Unit, UnitAlias

#: Project setting: indicator number (text) → {"lead": unit, "co": [units]} chosen by the county.
UNIT_ROLES_SETTING = "unit_roles"


def _known(project: Project) -> list[UnitName]:
    return [UnitName(i.name, i.aliases, i.collective) for i in list_units(project)]


def unit_candidates(project: Project, written: str) -> list[UnitCandidate]:
    """The project's units that ``written`` may mean, best first, each with a reason."""
    return match_unit(written, _known(project))


def _taken(project: Project, *, besides: str | None = None) -> dict[str, str]:
    taken: dict[str, str] = {}
    for info in list_units(project):
        if info.name == besides:
            continue
        taken[normalize_name(info.name)] = info.name
        taken.update({normalize_name(a): info.name for a in info.aliases})
    return taken


def rename_unit(project: Project, old: str, new: str, actor: str | None = None) -> UnitInfo:
    """Rename a unit; the old name becomes an alias (history and catalog references keep working)."""
    project._require_writable()
    info = resolve_unit(project, old)
    new = normalize_name(new)
    if not new:
        raise UsageError("新的单位名称不能为空 (unit name is empty)")
    if new == info.name:
        return info
    taken = _taken(project, besides=info.name)
    if new in taken:
        raise UsageError(f"单位名称已被使用：{new}（属于 {taken[new]}） (name taken)")
    with project.session() as session:
        row = session.get(Unit, info.id)
        assert row is not None
        for alias in list(row.aliases):
            if alias.alias == new:
                row.aliases.remove(alias)
        session.flush()
        row.name = new
        if info.name not in {a.alias for a in row.aliases}:
            row.aliases.append(UnitAlias(alias=info.name))
        session.execute(update(ProjectRow).where(ProjectRow.unit_name == info.name).values(unit_name=new))
        record(session, "unit.rename", f"unit:{new}", {"before": info.name, "after": new}, actor)
    rename_in_roles(project, info.name, new, actor)
    return resolve_unit(project, new)


def set_aliases(project: Project, name: str, aliases: Sequence[str], actor: str | None = None) -> UnitInfo:
    """Replace a unit's aliases (short names the county uses for it)."""
    project._require_writable()
    info = resolve_unit(project, name)
    clean = list(dict.fromkeys(normalize_name(a) for a in aliases if normalize_name(a)))
    clean = [a for a in clean if a != info.name]
    taken = _taken(project, besides=info.name)
    for alias in clean:
        if alias in taken:
            raise UsageError(f"简称已被使用：{alias}（属于 {taken[alias]}） (alias taken)")
    with project.session() as session:
        row = session.get(Unit, info.id)
        assert row is not None
        for alias_row in [a for a in row.aliases if a.alias not in clean]:
            row.aliases.remove(alias_row)
        session.flush()  # deletes before inserts: an alias may move between rows
        present = {a.alias for a in row.aliases}
        row.aliases.extend(UnitAlias(alias=a) for a in clean if a not in present)
        record(
            session,
            "unit.aliases",
            f"unit:{info.name}",
            {"before": list(info.aliases), "after": clean},
            actor,
        )
    return resolve_unit(project, info.name)


def add_alias(project: Project, name: str, alias: str, actor: str | None = None) -> UnitInfo:
    info = resolve_unit(project, name)
    return set_aliases(project, info.name, [*info.aliases, alias], actor)


# -- lead and co-units per indicator ------------------------------------------------------------------


def unit_roles(project: Project) -> dict[int, dict[str, Any]]:
    """Indicator → {"lead": unit or None, "co": [units]} as the county set them."""
    stored = project.settings.get(UNIT_ROLES_SETTING) or {}
    roles: dict[int, dict[str, Any]] = {}
    if isinstance(stored, dict):
        for key, value in stored.items():
            if str(key).isdigit() and isinstance(value, dict):
                roles[int(key)] = {"lead": value.get("lead"), "co": list(value.get("co") or [])}
    return roles


def set_indicator_units(
    project: Project,
    indicator: int,
    lead: str | None,
    co: Sequence[str] = (),
    actor: str | None = None,
    *,
    audit: tuple[str, str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The lead unit (牵头单位) and co-units (配合单位) of one indicator for this county.

    ``audit`` (action, target, detail) names the change in the log instead of ``project.settings``
    (``roles.set_unit_role`` logs ``unit.role``)."""
    project._require_writable()
    if not project.catalog.has_indicator(indicator):
        raise UsageError(f"未知的指标：第 {indicator} 项 (unknown indicator)")
    lead_name = resolve_unit(project, lead).name if lead else None
    co_names = list(dict.fromkeys(resolve_unit(project, c).name for c in co))
    if lead_name in co_names:
        item = project.catalog.item_label(indicator)
        raise UsageError(f"{lead_name} 不能同时是{item}的牵头单位和配合单位")
    # Only a unit responsible for the item (named, or a member of a named collective) can lead or
    # take part: its kit lists the item and it may attach evidence to it.
    responsible = {u.name for u in responsible_units(project, indicator, include_collectives=True)}
    for name in (lead_name, *co_names):
        if name is not None and name not in responsible:
            what = project.catalog.item_name(indicator)
            raise UsageError(f"{name} 不是{what}的责任单位，不能设为牵头或配合单位 (not responsible)")
    stored = dict(project.settings.get(UNIT_ROLES_SETTING) or {})
    result: dict[str, Any] = {"lead": lead_name, "co": co_names}
    stored[str(indicator)] = result
    if audit is not None:
        action, target, detail = audit
        audit = (action, target, {**detail, "lead": lead_name, "co": co_names})
    project.update_settings({UNIT_ROLES_SETTING: stored}, actor, audit=audit)
    return result


def rename_in_roles(project: Project, old: str, new: str, actor: str | None) -> None:
    stored = project.settings.get(UNIT_ROLES_SETTING)
    if not isinstance(stored, dict) or not stored:
        return
    changed = False
    for value in stored.values():
        if isinstance(value, dict):
            if value.get("lead") == old:
                value["lead"], changed = new, True
            if old in (value.get("co") or []):
                value["co"], changed = [new if c == old else c for c in value["co"]], True
    if changed:
        project.update_settings({UNIT_ROLES_SETTING: stored}, actor)


# -- importing a unit list -----------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One entry of a county's unit list and what it would do to the project."""

    entry: UnitListEntry
    action: str  # "same" (exists), "new" (to be added), "confirm" (candidates to choose from)
    candidates: list[UnitCandidate] = field(default_factory=list)
    target: str | None = None  # the existing unit it is (action "same") or was confirmed as

    def to_json(self) -> dict[str, Any]:
        return {
            **self.entry.to_dict(),
            "action": self.action,
            "target": self.target,
            "candidates": [c.to_dict() for c in self.candidates],
        }


@dataclass
class ImportPlan:
    source: str
    rows: list[ImportRow]
    problems: list[str]

    @property
    def unconfirmed(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action == "confirm"]

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "rows": [r.to_json() for r in self.rows], "problems": self.problems}


def plan_unit_import(project: Project, path: Path) -> ImportPlan:
    """Read a unit-list workbook and match each name to the project's units (nothing is changed)."""
    units = read_unit_list_xlsx(path)
    if units.problems:  # any bad row refuses the whole file (nothing is changed)
        raise UsageError(
            f"{Path(path).name} {units.problems[0]}；整个文件未导入，项目未改动"
            + (f"（另有 {len(units.problems) - 1} 处问题）" if len(units.problems) > 1 else "")
            + " (unit list refused)"
        )
    known = _known(project)
    rows: list[ImportRow] = []
    for entry in units.entries:
        candidates = match_unit(entry.name, known)
        if candidates and candidates[0].score >= 1.0:
            rows.append(ImportRow(entry, "same", candidates[:1], candidates[0].name))
        elif candidates:
            rows.append(ImportRow(entry, "confirm", candidates))
        else:
            rows.append(ImportRow(entry, "new"))
    return ImportPlan(str(path), rows, list(units.problems))


def accept_best(plan: ImportPlan) -> None:
    """Take every row's best candidate (the CLI's ``--yes``)."""
    for row in plan.unconfirmed:
        row.action, row.target = "same", row.candidates[0].name


def apply_unit_import(
    project: Project,
    plan: ImportPlan,
    choices: Mapping[str, str | None] | None = None,
    actor: str | None = None,
) -> list[UnitInfo]:
    """Apply a confirmed plan: ``choices`` maps a written name to the unit it is (``None``: a new unit).
    New units are added, aliases added to matched ones, then collective members set."""
    project._require_writable()
    for row in plan.rows:
        if row.action == "confirm":
            if choices is None or row.entry.name not in choices:
                raise UsageError(f"单位“{row.entry.name}”尚未确认对应哪个单位：{plan.source}")
            target = choices[row.entry.name]
            row.action, row.target = ("same", target) if target else ("new", None)
    # Everything is checked before anything is written; then one transaction (``importing``).
    rows = [
        (r.entry.row, r.entry.name, r.target, r.entry.aliases, r.entry.kind, r.entry.members)
        for r in plan.rows
    ]
    planned = validate_unit_import(project, plan.source, rows)
    return apply_plan(project, plan.source, planned, actor)
