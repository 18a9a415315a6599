"""Renames and alias edits taken back by the core: the unit's name and alias rows (ids too), the
lead/co-unit choices, the evidence and kits that point at the unit read as before; refused once the
unit changed again; logged as ``unit.rename.undo`` / ``unit.aliases.undo``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.base.errors import UsageError
from app.evidence.attach import attach
from app.exchange.kits import issue_kit
from app.project.audit_log import list_log
from app.project.folder import Project
from app.units.editing import add_alias, rename_unit, set_indicator_units
from app.units.unit_undo import aliases_step, rename_step, undo_aliases, undo_rename
from models import Evidence, ProjectRow, Unit, UnitAlias, UnitKey
from tests.app.conftest import MakePdf


def _rows(project: Project) -> dict[str, Any]:
    """Everything a rename touches, straight from the database."""
    with project.session() as session:
        return {
            "units": session.execute(select(Unit.id, Unit.name).order_by(Unit.id)).all(),
            "aliases": session.execute(
                select(UnitAlias.id, UnitAlias.unit_id, UnitAlias.alias).order_by(UnitAlias.id)
            ).all(),
            "evidence": session.execute(
                select(Evidence.id, Unit.name).join(Unit, Evidence.unit_id == Unit.id).order_by(Evidence.id)
            ).all(),
            "kits": session.execute(
                select(UnitKey.kit_id, Unit.name).join(Unit, UnitKey.unit_id == Unit.id)
            ).all(),
            "workspace": session.scalars(select(ProjectRow.unit_name)).one(),
            "settings": session.scalars(select(ProjectRow.settings_json)).one(),
        }


def test_rename_undone_restores_every_row(project: Project, make_pdf: MakePdf, tmp_path: Path) -> None:
    attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "台账.pdf")])
    issue_kit(project, unit="县司法局", out=tmp_path / "kit.fzkit")
    add_alias(project, "县司法局", "司法行政局")
    set_indicator_units(project, 1, "县司法局", [])
    before = _rows(project)
    # The new name was one of its aliases: that row goes, the old name becomes one.
    step = rename_step(project, "县司法局", "司法行政局", actor="法制股")
    after = _rows(project)
    assert ("司法行政局" in {n for _i, n in after["evidence"]}) and after["kits"][0][1] == "司法行政局"
    assert "司法行政局" in after["settings"] and before != after

    info = undo_rename(project, step, actor="法制股")
    assert info.name == "县司法局" and info.aliases == ("司法行政局",)
    assert _rows(project) == before
    entry = list_log(project, action="unit.rename.undo")[-1]
    assert entry.target == "unit:县司法局" and entry.actor == "法制股"
    assert entry.detail == {"undone": "司法行政局", "restored": "县司法局"}

    again = rename_step(project, step.name_before, step.name_after)  # redo
    assert _rows(project)["units"] == after["units"] and _rows(project)["settings"] == after["settings"]
    undo_rename(project, again)
    assert _rows(project) == before


def test_alias_edit_undone(project: Project) -> None:
    add_alias(project, "县委办公室", "县委办")
    before = _rows(project)
    step = aliases_step(project, "县委办公室", ["两办", "县委办"])
    assert [a for _i, a in step.aliases_after] == ["县委办", "两办"]
    undo_aliases(project, step)
    assert _rows(project) == before
    assert list_log(project, action="unit.aliases.undo")[-1].detail == {
        "undone": ["县委办", "两办"],
        "restored": ["县委办"],
    }


def test_undo_refused_after_a_later_change(project: Project) -> None:
    step = rename_step(project, "县司法局", "县司法行政局")
    rename_unit(project, "县司法行政局", "县司法局（县行政复议局）")
    before = _rows(project)
    with pytest.raises(UsageError, match="又改过"):
        undo_rename(project, step)
    assert _rows(project) == before
