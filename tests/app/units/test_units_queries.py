"""Listing and resolving units reads each unit table once, however many units there are (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from app.project.folder import Project
from app.units.registry import add_unit, list_units, resolve_unit


@contextmanager
def _statements(project: Project) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):  # not BEGIN IMMEDIATE of a writer
            seen.append(statement)

    event.listen(project.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(project.engine, "before_cursor_execute", count)


def _queries(project: Project) -> tuple[int, int]:
    with _statements(project) as listed:
        list_units(project)
    with _statements(project) as resolved:
        resolve_unit(project, "城关镇简称")
    return len(listed), len(resolved)


def test_queries_do_not_grow_with_units(project: Project) -> None:
    add_unit(project, "城关镇", aliases=["城关镇简称"], member_of=["各乡镇"])
    few = _queries(project)
    for number in range(12):
        add_unit(project, f"第{number}镇", aliases=[f"{number}镇"], member_of=["各乡镇"])
    many = _queries(project)
    assert few == many
    assert many == (3, 3)  # units, aliases, collective members


def test_listing_matches_resolving(project: Project) -> None:
    add_unit(project, "城关镇", aliases=["城关"], member_of=["各乡镇"])
    for info in list_units(project):
        assert resolve_unit(project, info.name) == info
        for alias in info.aliases:
            assert resolve_unit(project, f" {alias} ") == info
