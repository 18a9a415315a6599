"""``--indicator`` values: a catalog number (``26``) or, in a plan project, a task id (``一.（一）.3``).

argparse keeps the text (``indicator_ref``); once the project is open ``resolve_indicator_args`` turns
every value into the number core services take, or refuses an unknown task in one line.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.base.errors import UsageError
from indicator_catalog import Catalog


def indicator_ref(text: str) -> int | str:
    """argparse type: a number stays a number, anything else (a task id) stays text."""
    clean = text.strip()
    return int(clean) if clean.isdigit() else clean


def resolve_ref(catalog: Catalog, value: int | str) -> int:
    if isinstance(value, int):
        return value
    number = catalog.number_of(value)
    if number is None:
        what = "任务" if catalog.is_plan else "指标"
        raise UsageError(
            f"未知的{what}：{value}（{catalog.title}） (unknown {'task' if catalog.is_plan else 'indicator'})"
        )
    return number


def resolve_indicator_args(args: argparse.Namespace, catalog: Catalog) -> None:
    """Replace ``args.indicator`` (one value or a list) by catalog numbers, in place."""
    value = getattr(args, "indicator", None)
    if isinstance(value, list):
        args.indicator = [resolve_ref(catalog, v) for v in value]
    elif value is not None:
        args.indicator = resolve_ref(catalog, value)


def with_tasks(catalog: Catalog, document: dict[str, Any]) -> dict[str, Any]:
    """In a plan project, a JSON document with ``indicators`` (numbers) also gets ``tasks`` (the ids)."""
    if catalog.is_plan and isinstance(document.get("indicators"), list):
        document["tasks"] = [catalog.label_of(n) for n in document["indicators"]]
    return document


def with_task(catalog: Catalog, document: dict[str, Any]) -> dict[str, Any]:
    """In a plan project, a JSON document with one ``indicator`` (a number) also gets ``task`` (its id)."""
    if catalog.is_plan and isinstance(document.get("indicator"), int):
        document["task"] = catalog.label_of(document["indicator"])
    return document
