"""The attach dialog on a plan task: the task's id as printed, 任务 wording, the other tasks by their ids."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.project.create import create_project
from app.project.folder import open_project
from app.units.registry import list_units
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.evidence.evidence_dialogs import AttachDialog


def test_attach_dialog_names_the_task(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "五台县2024"
    create_project(
        folder, county="五台县", year=2024, catalog=plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    )
    pdf = tmp_path / "方案.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with open_project(folder) as project:
        catalog, units = project.catalog, list_units(project)
    dialog = AttachDialog(catalog, units, 5, [pdf])  # 一.5: 县司法局 only
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "添加资料 — 任务 一.5"
    intro = dialog.findChild(type(dialog.file_count_label), "attachIntro")
    assert intro is not None and intro.text().startswith("任务 一.5：实行执法清单化管理")
    assert dialog.extra_filter.placeholderText() == "筛选任务（编号或关键词）"
    items = [dialog.extra_list.item(i).text() for i in range(dialog.extra_list.count())]
    assert items and all(t.startswith("任务 ") and "第" not in t.split()[1] for t in items)
    assert any(t.startswith("任务 一.3  ") for t in items)  # 县司法局 takes part in 一.3 too
