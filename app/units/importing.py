"""Applying a county's unit list all-or-nothing.

``validate_unit_import`` checks the whole confirmed plan first (the reader's row problems, empty or
duplicate names, a name or alias another unit already uses, members that are unknown or collective,
members of a name that is not collective) and refuses the file with one line naming the row and the
reason; only then ``apply_plan`` writes every change (new units, aliases, members, one audit entry) in
one transaction. A refused file leaves the project as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select

from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.base.text import normalize_name
from app.project.audit import record
from app.project.folder import Project
from app.units.registry import UnitInfo, list_units
from models import CollectiveMember, Unit, UnitAlias, utcnow


@dataclass
class _Planned:
    name: str  # canonical (an existing unit's name, or the new one)
    row: int
    new: bool
    collective: bool
    aliases: list[str] = field(default_factory=list)  # to add
    members: list[str] | None = None  # written names; None: leave as is


def _refuse(source: str, row: int, reason: str) -> UsageError:
    where = f"第 {row} 行：" if row else ""
    return UsageError(f"{Path(source).name} {where}{reason}；整个文件未导入，项目未改动 (unit list refused)")


def validate_unit_import(
    project: Project,
    source: str,
    rows: Sequence[tuple[int, str, str | None, Sequence[str], str, Sequence[str]]],
) -> list[_Planned]:
    """``rows``: (row, written name, target or None for new, aliases, kind, members), confirmed."""
    infos = list_units(project)
    owner: dict[str, str] = {}
    for info in infos:
        owner[normalize_name(info.name)] = info.name
        owner.update({normalize_name(a): info.name for a in info.aliases})
    by_name = {i.name: i for i in infos}
    planned: list[_Planned] = []
    for row, written, target, aliases, kind, members in rows:
        name = normalize_name(target or written)
        if not name:
            raise _refuse(source, row, "单位名称为空")
        if target is None:
            if name in owner:
                raise _refuse(source, row, f"单位名称“{name}”已被 {owner[name]} 使用")
            owner[name] = name
            entry = _Planned(name, row, True, kind == "collective")
        else:
            if target not in by_name:
                raise _refuse(source, row, f"未知的单位：{target}")
            entry = _Planned(name, row, False, by_name[target].collective)
        for alias in (written, *aliases):
            clean = normalize_name(alias)
            if not clean or clean == name:
                continue
            if owner.get(clean, name) != name:
                raise _refuse(source, row, f"简称“{clean}”已被 {owner[clean]} 使用")
            if owner.get(clean) != name:
                entry.aliases.append(clean)
            owner[clean] = name
        if members:
            if not entry.collective:
                raise _refuse(source, row, f"{name} 不是集体名称，不能写包含单位")
            entry.members = list(members)
        planned.append(entry)
    collective = {p.name for p in planned if p.collective} | {i.name for i in infos if i.collective}
    for entry in planned:
        for member in entry.members or ():
            found = owner.get(normalize_name(member))
            if found is None:
                raise _refuse(source, entry.row, f"包含单位“{member}”不在单位名单中，也不是本项目的单位")
            if found in collective:
                raise _refuse(source, entry.row, f"包含单位“{member}”是集体名称，不能作为成员")
    return planned


def apply_plan(
    project: Project, source: str, planned: Sequence[_Planned], actor: str | None
) -> list[UnitInfo]:
    """Write a validated plan in one transaction."""
    actor = resolve_actor(actor)
    with project.session() as session:
        ids: dict[str, int] = {}
        for entry in planned:
            if entry.new:
                unit = Unit(name=entry.name, collective=entry.collective, source="county", added_by=actor)
                unit.added_at = utcnow()
                session.add(unit)
                session.flush()
                ids[entry.name] = unit.id
            else:
                found = session.scalars(select(Unit).where(Unit.name == entry.name)).one()
                ids[entry.name] = found.id
            for alias in entry.aliases:
                session.add(UnitAlias(unit_id=ids[entry.name], alias=alias))
        session.flush()
        lookup: dict[str, int] = {}
        for unit_id, name in session.execute(select(Unit.id, Unit.name)):
            lookup[normalize_name(name)] = unit_id
        for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
            lookup[normalize_name(alias)] = unit_id
        for entry in planned:
            if entry.members is None:
                continue
            collective_id = ids[entry.name]
            session.execute(delete(CollectiveMember).where(CollectiveMember.collective_id == collective_id))
            for member_id in dict.fromkeys(lookup[normalize_name(m)] for m in entry.members):
                session.add(CollectiveMember(collective_id=collective_id, member_id=member_id))
        record(
            session,
            "unit.import",
            f"file:{Path(source).name}",
            {
                "units": [p.name for p in planned],
                "added": [p.name for p in planned if p.new],
                "aliases": {p.name: p.aliases for p in planned if p.aliases},
            },
            actor,
        )
    wanted = {p.name for p in planned}
    return [i for i in list_units(project) if i.name in wanted]
