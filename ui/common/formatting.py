"""Small display formats shared by the panes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from indicator_catalog import Catalog


def short(text: str, limit: int = 12) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def indicator_path(catalog: Catalog, number: int) -> str:
    """Where an indicator sits: "一、area  ›  1.1 group". A plan task directly under its section shows the
    section once; under a level-2 section, that section as printed ("（一）name", not "一.（一） name")."""
    indicator = catalog.indicator(number)
    area = catalog.area(indicator.area)
    group = catalog.group(indicator.group)
    path = f"{area.code}、{area.name}"
    if indicator.task_id and group.code == area.code:
        return path
    if indicator.task_id and group.code.startswith(f"{area.code}."):
        return f"{path}  ›  {group.code[len(area.code) + 1 :]}{group.name}"
    return f"{path}  ›  {group.code} {group.name}"


def item_label(catalog: Catalog | None, number: int) -> str:
    """How a message names an indicator: "第 3 项"; a plan's task by its id as printed: "任务 一.3"."""
    if catalog is not None and catalog.is_plan and catalog.has_indicator(number):
        return QCoreApplication.translate("Formatting", "任务 {task}").format(task=catalog.label_of(number))
    return QCoreApplication.translate("Formatting", "第 {n} 项").format(n=number)


def item_labels(catalog: Catalog | None, numbers: Iterable[int]) -> str:
    """Items named as ``item_label`` does, joined by 、: "第 3 项、第 5 项", "任务 一.3、任务 一.4"."""
    return "、".join(item_label(catalog, n) for n in numbers)


def item_heading(catalog: Catalog | None, number: int, text: str) -> str:
    """An item with its text, for lists and titles: "第 3 项  text"; a plan's task "任务 一.3  text"."""
    return f"{item_label(catalog, number)}  {text}"
