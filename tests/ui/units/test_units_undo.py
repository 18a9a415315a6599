"""改名 and 简称 in the units window go on the project's undo stack: Ctrl+Z in the window puts the old
name back everywhere (unit, aliases, the evidence and kit that point at it, the lead/co-unit choices,
the table), Ctrl+Shift+Z renames again; the 编辑 menu names the step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.evidence.attach import attach
from app.exchange.kits import issue_kit
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project
from app.units.editing import set_indicator_units
from indicator_catalog import Catalog
from models import Evidence, ProjectRow, Unit, UnitAlias, UnitKey
from tests.app.conftest import write_pdf
from ui.shell.main_window import MainWindow
from ui.units.role_models import AssignmentRole
from ui.units.units_editor import NameRole, UnitsEditorDialog

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def folder(tmp_path: Path, small_catalog: Catalog) -> Path:
    folder = tmp_path / "项目"
    create_project(folder, county="测试县", year=2024, catalog=small_catalog, actor="测试员")
    return folder


def _rows(project: Project) -> dict[str, Any]:
    with project.session() as session:
        return {
            "units": session.execute(select(Unit.id, Unit.name).order_by(Unit.id)).all(),
            "aliases": session.execute(
                select(UnitAlias.id, UnitAlias.unit_id, UnitAlias.alias).order_by(UnitAlias.id)
            ).all(),
            "evidence": session.execute(
                select(Evidence.id, Unit.name).join(Unit, Evidence.unit_id == Unit.id)
            ).all(),
            "kits": session.execute(
                select(UnitKey.kit_id, Unit.name).join(Unit, UnitKey.unit_id == Unit.id)
            ).all(),
            "settings": session.scalars(select(ProjectRow.settings_json)).one(),
        }


def _names(dialog: UnitsEditorDialog) -> list[str]:
    model = dialog.model
    return [model.index(r, 0).data(NameRole) for r in range(model.rowCount())]


def _window(qtbot: QtBot, folder: Path) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.project_loaded, timeout=10_000):
        win.open_project(folder)
    return win


def test_rename_undone_and_redone_with_the_keyboard(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    win = _window(qtbot, folder)
    project = win.state.require_project()
    attach(project, unit="县司法局", indicators=[4], files=[write_pdf(tmp_path / "台账.pdf")])
    issue_kit(project, unit="县司法局", out=tmp_path / "kit.fzkit")
    set_indicator_units(project, 4, "县司法局", [])
    before = _rows(project)
    dialog = win.edit_units()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)  # shortcuts go to the active window
    assert dialog.select_unit("县司法局")
    assert dialog.rename("县司法局", "县司法行政局")
    renamed = _rows(project)
    assert {n for _i, n in renamed["evidence"]} == {"县司法行政局"} and renamed["kits"][0][
        1
    ] == "县司法行政局"
    assert win.registry.find("undo").text() == "撤销“把 县司法局 改名为 县司法行政局”(&U)"
    assert dialog.undo_action.isEnabled()

    bench = win.workbench
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.keyClick(dialog.view, Qt.Key.Key_Z, CTRL)
    assert _rows(project) == before
    assert "县司法局" in _names(dialog) and "县司法行政局" not in _names(dialog)
    assert dialog.shown_unit == "县司法局"
    assert dialog.assignments_model.rowCount() and all(
        dialog.assignments_model.index(r, 0).data(AssignmentRole.LABEL)
        for r in range(dialog.assignments_model.rowCount())
    )
    entry = list_log(project, action="unit.rename.undo")[-1]
    assert entry.detail == {"undone": "县司法行政局", "restored": "县司法局"}
    assert win.registry.find("redo").text() == "重做“把 县司法局 改名为 县司法行政局”(&R)"

    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        qtbot.keyClick(dialog.view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _rows(project)["units"] == renamed["units"] and _rows(project)["settings"] == renamed["settings"]
    assert dialog.shown_unit == "县司法行政局" and "县司法行政局" in _names(dialog)
    dialog.close()
    # After the dialog is closed the window's 编辑 › 撤销 still takes it back.
    with qtbot.waitSignal(bench.undo.applied, timeout=10_000):
        win.registry.find("undo").trigger()
    assert _rows(project) == before
    win.close()


def test_alias_edit_undone(qtbot: QtBot, folder: Path) -> None:
    win = _window(qtbot, folder)
    project = win.state.require_project()
    before = _rows(project)
    dialog = win.edit_units()
    assert dialog is not None
    assert dialog.set_aliases("县发展和改革局", ["发改局", "发改委"]), dialog.message.text()
    assert win.registry.find("undo").text() == "撤销“修改 县发展和改革局 的简称”(&U)"
    with qtbot.waitSignal(win.workbench.undo.applied, timeout=10_000):
        dialog.undo_action.trigger()
    assert _rows(project) == before
    assert list_log(project, action="unit.aliases.undo")[-1].detail["undone"] == ["发改局", "发改委"]
    dialog.close()
    win.close()
