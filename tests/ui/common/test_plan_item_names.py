"""A plan project's tasks are named by their ids in every view that names items (never 第 n 项): the
evidence tooltip, the attach and suggest lists, the audit targets, the score tree, the core's reasons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.evidence.finding import FileSuggestion, confident_choices
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan
from ui.audit.audit_view import target_label
from ui.common.formatting import item_heading, item_labels
from ui.evidence.detail_models import EvidenceRow, EvidenceTableModel


def test_plan_tasks_never_show_a_position(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_as_catalog(load_builtin_plan("wutai-rural-2021"))
    folder = tmp_path / "五台县2024"
    create_project(folder, county="五台县", year=2024, catalog=plan)
    with open_project(folder) as project:
        catalog = project.catalog
        assert catalog.is_plan and catalog.item_label(3) == "任务 一.3"
        model = EvidenceTableModel()
        model.catalog = catalog
        model.set_rows(
            [EvidenceRow(1, "0" * 64, "台账.pdf", "pdf", "县司法局", 1, None, None, "x", None, "", (3, 4))]
        )
        tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert "用于指标：任务 一.3、任务 一.4" in tip and "第" not in tip.split("用于指标：")[1]
        assert item_labels(catalog, [3]) == "任务 一.3"
        assert item_heading(catalog, 3, "加强") == "任务 一.3  加强"
        assert target_label("indicator:3", catalog) == "任务 一.3"
        assert target_label("task:一.3") == "任务 一.3"
        assert target_label("indicator:3") == "第 3 项"  # no catalog: an indicator project
        weak = FileSuggestion(Path("总结.pdf"), (3, 4), (1.0, 0.5))
        [(_path, reason)] = confident_choices([weak], min_score=4.0, catalog=catalog)[1]
        assert reason.startswith("推荐任务 一.3的把握不足") and "第 3 项" not in reason
