"""The county's units: catalog units, towns and departments the county adds, aliases, and which real
units each collective name (各乡镇, 县政府各工作部门 …) covers.

A unit's indicators are those naming it directly plus those naming a collective it is a member of.

Default members at project creation (editable with ``set_collective_members``):

- collectives about towns (name contains 乡镇) and about particular tasks (相关, 重大行政决策, 审批):
  none — the county picks them, since the catalog cannot know them;
- other county-wide collectives (县直各行政执法单位, 县政府各工作部门 …): every non-collective unit whose
  name starts with 县 and that is a government body, i.e. not a Party organ (县委…, 县纪委监委), the
  people's congress, the CPPCC, the court or the procuratorate.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.base.text import normalize_name
from app.project.audit import record
from app.project.folder import Project
from indicator_catalog import Catalog, UnitName
from indicator_catalog.unitmatch import match_unit
from models import CollectiveMember, Unit, UnitAlias, utcnow


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    aliases: tuple[str, ...]
    collective: bool
    members: tuple[str, ...]  # for a collective: the real units it covers
    indicators: tuple[int, ...]  # catalog order
    member_of: tuple[str, ...] = ()  # for a real unit: the collectives it belongs to
    source: str = "catalog"  # "catalog" | "county"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "indicators": list(self.indicators),
            "collective": self.collective,
            "members": list(self.members),
            "member_of": list(self.member_of),
            "source": self.source,
        }


# -- seeding (called by create_project inside its transaction) -----------------------------------


# -- reading ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _UnitTables:
    """The three unit tables read in one query each and joined in Python (relationship loads per unit
    cost a query each: N+1 round trips made listing units take a fifth of a second)."""

    rows: list[tuple[int, str, bool, str]]  # (id, name, collective, source) by id
    names: dict[int, str]
    aliases: dict[int, list[str]]
    members: dict[int, list[int]]
    member_of: dict[int, list[int]]

    def find(self, name_or_alias: str) -> tuple[int, str, bool, str] | None:
        key = normalize_name(name_or_alias)
        for row in self.rows:
            if key == normalize_name(row[1]) or key in {
                normalize_name(a) for a in self.aliases.get(row[0], ())
            }:
                return row
        return None


def _read_tables(session: Session) -> _UnitTables:
    # Core rows, not ORM loading: these are plain columns and this runs on every attach.
    connection = session.connection()
    rows = [
        (unit_id, name, bool(collective), source)
        for unit_id, name, collective, source in connection.execute(
            select(Unit.id, Unit.name, Unit.collective, Unit.source).order_by(Unit.id)
        )
    ]
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in connection.execute(
        select(UnitAlias.unit_id, UnitAlias.alias).order_by(UnitAlias.id)
    ):
        aliases.setdefault(unit_id, []).append(alias)
    members: dict[int, list[int]] = {}
    member_of: dict[int, list[int]] = {}
    for collective_id, member_id in connection.execute(
        select(CollectiveMember.collective_id, CollectiveMember.member_id)
    ):
        members.setdefault(collective_id, []).append(member_id)
        member_of.setdefault(member_id, []).append(collective_id)
    for ids in (*members.values(), *member_of.values()):
        ids.sort()
    return _UnitTables(rows, {row[0]: row[1] for row in rows}, aliases, members, member_of)


def _direct_indicators(catalog: Catalog) -> dict[str, tuple[int, ...]]:
    """Unit or collective name → the indicators naming it directly (one pass over the catalog)."""
    direct: dict[str, list[int]] = {}
    for indicator in catalog.indicators:
        for name in dict.fromkeys(indicator.units):
            direct.setdefault(name, []).append(indicator.number)
    return {name: tuple(numbers) for name, numbers in direct.items()}


def _info(
    tables: _UnitTables,
    row: tuple[int, str, bool, str],
    direct: Callable[[str], Iterable[int]],
    position: Callable[[int], int],
) -> UnitInfo:
    unit_id, name, collective, source = row
    # a renamed unit keeps its old name as an alias: the catalog may still name it so
    numbers = {n for key in (name, *tables.aliases.get(unit_id, ())) for n in direct(key)}
    if not collective:
        for collective_id in tables.member_of.get(unit_id, ()):
            collective_name = tables.names[collective_id]
            for key in (collective_name, *tables.aliases.get(collective_id, ())):
                numbers.update(direct(key))
    return UnitInfo(
        id=unit_id,
        name=name,
        aliases=tuple(tables.aliases.get(unit_id, ())),
        collective=collective,
        members=tuple(tables.names[m] for m in tables.members.get(unit_id, ())),
        indicators=tuple(sorted(numbers, key=position)),
        member_of=tuple(tables.names[c] for c in tables.member_of.get(unit_id, ())),
        source=source,
    )


def _positions(catalog: Catalog) -> Callable[[int], int]:
    return {i.number: pos for pos, i in enumerate(catalog.indicators)}.__getitem__


def _infos_of(tables: _UnitTables, catalog: Catalog) -> list[UnitInfo]:
    direct = _direct_indicators(catalog)
    position = _positions(catalog)

    def named(name: str) -> Iterable[int]:
        return direct.get(name, ())

    return [_info(tables, row, named, position) for row in tables.rows]


def _unit_infos(session: Session, catalog: Catalog) -> list[UnitInfo]:
    return _infos_of(_read_tables(session), catalog)


def list_units(project: Project) -> list[UnitInfo]:
    with project.session() as session:
        return _unit_infos(session, project.catalog)


def _unknown_unit(name: str, infos: Sequence[UnitInfo]) -> UsageError:
    candidates = [i.name for i in infos] + [a for i in infos for a in i.aliases]
    key = normalize_name(name)
    close = difflib.get_close_matches(key, candidates, n=3, cutoff=0.5)
    close += [c for c in candidates if key and (key in c or c in key) and c not in close][: 3 - len(close)]
    hint = f"（是否指：{'、'.join(close)}？）" if close else "（用 fazhi units 查看全部单位）"
    return UsageError(f"未知的单位：{name}{hint} (unknown unit)")


#: A matcher score at which an everyday name (县市场监管局, 司法局) resolves without asking: an exact name,
#: a known alias, an abbreviation of the table or a name written without 县.
CONFIDENT_SCORE = 0.9


def _everyday_name(tables: _UnitTables, written: str) -> tuple[int, str, bool, str] | None:
    """The unit an everyday name means, when the matcher is confident and there is no close rival."""
    known = [UnitName(row[1], tuple(tables.aliases.get(row[0], ())), row[2]) for row in tables.rows]
    candidates = match_unit(written, known, limit=2)
    if not candidates or candidates[0].score < CONFIDENT_SCORE:
        return None
    if len(candidates) > 1 and candidates[1].score >= candidates[0].score - 0.02:
        return None  # two units fit as well: the user must choose
    return tables.find(candidates[0].name)


def resolve_unit(project: Project, name_or_alias: str) -> UnitInfo:
    """The unit called ``name_or_alias`` (full name or alias, whitespace ignored)."""
    with project.session() as session:
        tables = _read_tables(session)
    row = tables.find(name_or_alias) or _everyday_name(tables, name_or_alias)
    if row is None:
        raise _unknown_unit(name_or_alias, _infos_of(tables, project.catalog))
    # Only this unit's info: attach and the exchange resolve a unit on every call.
    return _info(tables, row, project.catalog.indicators_of_unit, _positions(project.catalog))


def responsible_units(
    project: Project, indicator: int, *, include_collectives: bool = False
) -> list[UnitInfo]:
    """Real units responsible for ``indicator``: named directly or members of a named collective."""
    if not project.catalog.has_indicator(indicator):
        raise UsageError(f"未知的指标：第 {indicator} 项 (unknown indicator)")
    return [
        info
        for info in list_units(project)
        if indicator in info.indicators and (include_collectives or not info.collective)
    ]


# -- changing ---------------------------------------------------------------------------------------


def set_collective_members(
    project: Project, collective: str, members: Sequence[str], actor: str | None = None
) -> None:
    """Replace the real units a collective name covers (each must be an existing non-collective unit)."""
    project._require_writable()
    infos = list_units(project)
    target = resolve_unit(project, collective)
    if not target.collective:
        raise UsageError(f"{target.name} 不是集体名称，不能设置成员 (not a collective name)")
    member_infos: list[UnitInfo] = []
    for name in members:
        info = next(
            (
                i
                for i in infos
                if normalize_name(name) in {normalize_name(i.name), *(normalize_name(a) for a in i.aliases)}
            ),
            None,
        )
        if info is None:
            raise _unknown_unit(name, infos)
        if info.collective:
            raise UsageError(f"{info.name} 是集体名称，不能作为 {target.name} 的成员 (nested collective)")
        if info not in member_infos:
            member_infos.append(info)
    with project.session() as session:
        session.execute(delete(CollectiveMember).where(CollectiveMember.collective_id == target.id))
        for info in member_infos:
            session.add(CollectiveMember(collective_id=target.id, member_id=info.id))
        record(
            session,
            "unit.members",
            f"unit:{target.name}",
            {"before": list(target.members), "after": [i.name for i in member_infos]},
            actor,
        )


def add_unit(
    project: Project,
    name: str,
    aliases: Sequence[str] = (),
    actor: str | None = None,
    *,
    member_of: Sequence[str] = (),
    collective: bool = False,
) -> UnitInfo:
    """Add a unit the catalog lacks (a town, a department); optionally as a member of collectives."""
    project._require_writable()
    name = normalize_name(name)
    if not name:
        raise UsageError("单位名称不能为空 (unit name is empty)")
    infos = list_units(project)
    taken = {normalize_name(i.name): i.name for i in infos} | {
        normalize_name(a): i.name for i in infos for a in i.aliases
    }
    clean_aliases = [normalize_name(a) for a in aliases if normalize_name(a) and normalize_name(a) != name]
    for new in (name, *clean_aliases):
        if new in taken:
            raise UsageError(f"单位名称或简称已被使用：{new}（属于 {taken[new]}） (name taken)")
    if len(set(clean_aliases)) != len(clean_aliases):
        raise UsageError(f"简称重复：{'、'.join(clean_aliases)} (duplicate alias)")
    if collective and member_of:
        raise UsageError(f"集体名称不能属于另一个集体名称：{name} (nested collective)")
    collectives = [resolve_unit(project, c) for c in member_of]
    for info in collectives:
        if not info.collective:
            raise UsageError(f"{info.name} 不是集体名称 (not a collective name)")
    actor = resolve_actor(actor)
    with project.session() as session:
        row = Unit(name=name, collective=collective, source="county", added_at=utcnow(), added_by=actor)
        row.aliases = [UnitAlias(alias=a) for a in clean_aliases]
        session.add(row)
        session.flush()
        for info in collectives:
            session.add(CollectiveMember(collective_id=info.id, member_id=row.id))
        record(
            session,
            "unit.add",
            f"unit:{name}",
            {"aliases": clean_aliases, "member_of": [c.name for c in collectives], "collective": collective},
            actor,
        )
    return resolve_unit(project, name)


def unit_names(session: Session) -> dict[int, str]:
    return {unit_id: name for unit_id, name in session.execute(select(Unit.id, Unit.name))}
