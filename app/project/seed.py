"""The unit tables of a new project, seeded from the catalog vocabulary; unit rows by name or alias."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.base.text import normalize_name
from indicator_catalog import Catalog
from models import CollectiveMember, Unit, UnitAlias, utcnow

# Collectives the county fills in itself.
_NO_DEFAULT_MEMBERS = ("乡镇", "相关", "重大行政决策", "审批")


# 县… units that are not government bodies (Party, congress, CPPCC, judiciary).
_NOT_GOVERNMENT = ("县委", "县纪委", "县人大", "县政协", "县人民法院", "县人民检察院")


def is_government_unit(name: str) -> bool:
    return name.startswith("县") and not name.startswith(_NOT_GOVERNMENT)


def default_members(collective: str, real_units: Iterable[str]) -> list[str]:
    if any(word in collective for word in _NO_DEFAULT_MEMBERS):
        return []
    return [name for name in real_units if is_government_unit(name)]


def _looks_collective(name: str) -> bool:
    return "各" in name or "相关" in name


def seed_units(session: Session, catalog: Catalog, actor: str) -> None:
    """Units from the catalog vocabulary plus any unit an indicator names that the vocabulary lacks."""
    now = utcnow()
    entries: list[tuple[str, tuple[str, ...], bool]] = [
        (u.name, u.aliases, u.collective) for u in catalog.units
    ]
    known = {normalize_name(name) for name, _a, _c in entries} | {
        normalize_name(a) for _n, aliases, _c in entries for a in aliases
    }
    for indicator in catalog.indicators:
        for name in indicator.units:
            if normalize_name(name) not in known:
                entries.append((name, (), _looks_collective(name)))
                known.add(normalize_name(name))
    rows: dict[str, Unit] = {}
    for name, aliases, collective in entries:
        row = Unit(name=name, collective=collective, source="catalog", added_at=now, added_by=actor)
        row.aliases = [UnitAlias(alias=alias) for alias in dict.fromkeys(aliases) if alias != name]
        session.add(row)
        rows[name] = row
    session.flush()
    real = [name for name, _a, collective in entries if not collective]
    for name, _aliases, collective in entries:
        if collective:
            for member in default_members(name, real):
                session.add(CollectiveMember(collective_id=rows[name].id, member_id=rows[member].id))
    session.flush()


def unit_row_by_name(session: Session, name_or_alias: str) -> Unit | None:
    key = normalize_name(name_or_alias)
    row = session.scalars(select(Unit).where(Unit.name == key)).one_or_none()
    if row is not None:
        return row
    alias = session.scalars(select(UnitAlias).where(UnitAlias.alias == key)).one_or_none()
    if alias is not None:
        return alias.unit
    # Names are stored as written; compare without whitespace as a fallback.
    for unit in session.scalars(select(Unit)):
        if normalize_name(unit.name) == key:
            return unit
    return None
