"""Renaming a unit and editing its aliases as undoable steps (the window's 撤销/重做).

``rename_step``/``aliases_step`` make the change through ``editing`` and return what it changed: the
unit's name and alias rows (with their ids) before and after, and whether the workspace's own unit
name followed. ``undo_rename``/``undo_aliases`` put exactly that back in one transaction, only while
the unit is still as the step left it (an undo never hides a later change), audit-logged as
``unit.rename.undo`` / ``unit.aliases.undo``. Evidence, kits, submissions and reviews point at the unit
by id, so they follow the name both ways; the lead/co-unit choices (``unit_roles``) name it and are
renamed back. Redo calls the step function again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update

from app.base.errors import NotFoundError, UsageError
from app.project.audit import record
from app.project.folder import Project
from app.units.editing import rename_in_roles, rename_unit, set_aliases
from app.units.registry import UnitInfo, resolve_unit
from models import ProjectRow, Unit, UnitAlias

#: A unit's alias rows as (id, alias), in id order: what an undo restores exactly.
AliasRows = tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class UnitStep:
    """One rename or alias edit of one unit, as the undo stack keeps it."""

    kind: str  # "rename" | "aliases"
    unit_id: int
    name_before: str
    name_after: str
    aliases_before: AliasRows
    aliases_after: AliasRows
    #: The unit workspace's own unit was this one (``project.unit_name`` followed the rename).
    workspace: bool = False


def _alias_rows(project: Project, unit_id: int) -> AliasRows:
    with project.session() as session:
        rows = session.execute(
            select(UnitAlias.id, UnitAlias.alias).where(UnitAlias.unit_id == unit_id).order_by(UnitAlias.id)
        )
        return tuple((alias_id, alias) for alias_id, alias in rows)


def _workspace_unit(project: Project) -> str | None:
    with project.session() as session:
        return session.scalars(select(ProjectRow.unit_name)).first()


def rename_step(project: Project, old: str, new: str, actor: str | None = None) -> UnitStep:
    """``rename_unit`` as an undoable step (see ``undo_rename``)."""
    info = resolve_unit(project, old)
    before = _alias_rows(project, info.id)
    workspace = _workspace_unit(project) == info.name
    renamed = rename_unit(project, info.name, new, actor)
    return UnitStep(
        "rename", info.id, info.name, renamed.name, before, _alias_rows(project, info.id), workspace
    )


def aliases_step(project: Project, name: str, aliases: list[str], actor: str | None = None) -> UnitStep:
    """``set_aliases`` as an undoable step (see ``undo_aliases``)."""
    info = resolve_unit(project, name)
    before = _alias_rows(project, info.id)
    set_aliases(project, info.name, aliases, actor)
    return UnitStep("aliases", info.id, info.name, info.name, before, _alias_rows(project, info.id))


def _restore(project: Project, step: UnitStep, action: str, actor: str | None) -> None:
    """Put the unit's name and alias rows back as ``step`` found them (one transaction, logged)."""
    project._require_writable()
    with project.session() as session:
        row = session.get(Unit, step.unit_id)
        if row is None:
            raise NotFoundError(f"要撤销的单位已不存在：{step.name_after} (nothing to undo)")
        now = tuple((a.id, a.alias) for a in sorted(row.aliases, key=lambda a: a.id))
        if row.name != step.name_after or now != step.aliases_after:
            raise UsageError(f"单位“{row.name}”在这一步之后又改过，不能撤销这一步 (not the latest)")
        keep = set(step.aliases_before)
        gone = [alias_id for alias_id, alias in now if (alias_id, alias) not in keep]
        session.execute(delete(UnitAlias).where(UnitAlias.id.in_(gone)))
        session.flush()  # deletes first: the restored rows may take back these ids and names
        session.expire(row, ["aliases"])
        present = set(now)
        for alias_id, alias in step.aliases_before:
            if (alias_id, alias) not in present:
                # Its old id back, so the aliases read in the same order as before the change.
                session.add(UnitAlias(id=alias_id, unit_id=step.unit_id, alias=alias))
        row.name = step.name_before
        if step.workspace:
            session.execute(update(ProjectRow).values(unit_name=step.name_before))
        detail: dict[str, object] = {
            "undone": step.name_after if step.kind == "rename" else [a for _i, a in step.aliases_after],
            "restored": step.name_before if step.kind == "rename" else [a for _i, a in step.aliases_before],
        }
        record(session, action, f"unit:{step.name_before}", detail, actor)


def undo_rename(project: Project, step: UnitStep, actor: str | None = None) -> UnitInfo:
    """Take back a rename: the old name, the old aliases (rows and ids), the workspace's unit name and
    the lead/co-unit choices as they were. Logged as ``unit.rename.undo``."""
    _restore(project, step, "unit.rename.undo", actor)
    rename_in_roles(project, step.name_after, step.name_before, actor)
    return resolve_unit(project, step.name_before)


def undo_aliases(project: Project, step: UnitStep, actor: str | None = None) -> UnitInfo:
    """Take back an alias edit: the unit's alias rows as they were. Logged as ``unit.aliases.undo``."""
    _restore(project, step, "unit.aliases.undo", actor)
    return resolve_unit(project, step.name_before)
