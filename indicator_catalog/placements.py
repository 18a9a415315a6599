"""Applying the office's answer to a catalog's open placement questions (e.g. where indicator 69 goes).

The catalog file keeps the table's layout (``default``); ``with_placement`` returns the catalog with an
indicator moved to another listed group: its area, the groups' numbers and so every area subtotal
follow. Pure: catalogs are immutable, a new one is returned and validated like a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.base.errors import FazhiError
from indicator_catalog.loader import catalog_from_document
from indicator_catalog.model import Catalog


def _moved_document(catalog: Catalog, question_id: str, group: str) -> dict[str, Any]:
    try:
        question = catalog.open_question(question_id)
    except KeyError:
        known = "、".join(q.id for q in catalog.open_questions) or "无"
        raise FazhiError(f"指标体系 {catalog.id} 中没有待定问题 {question_id}（现有：{known}）") from None
    try:
        question.placement(group)
    except KeyError:
        listed = "、".join(p.group for p in question.placements)
        raise FazhiError(f"待定问题 {question_id} 的归属只能是 {listed}，不能是 {group}") from None
    document = catalog.to_dict()
    for area in document["areas"]:
        for entry in area["groups"]:
            entry.pop("numbers", None)  # recomputed from the indicators' parents
    for indicator in document["indicators"]:
        if indicator["number"] == question.indicator:
            indicator["group"] = group
            indicator.pop("area", None)
    for entry in document["open_questions"]:
        if entry["id"] == question_id:
            entry["chosen"] = group
    return document


def with_placement(catalog: Catalog, question_id: str, group: str) -> Catalog:
    """``catalog`` with open question ``question_id`` answered by ``group`` (one of its placements).

    Within its new group the indicator keeps the catalog's number order (69 before 70 in 五.1).
    Raises ``FazhiError`` for an unknown question or a group the question does not list.
    """
    document = _moved_document(catalog, question_id, group)
    moved = catalog.open_question(question_id).indicator
    # keep catalog order by number inside the target group: place the indicator before the first
    # indicator of that group with a larger number, or after its last one
    indicators = [i for i in document["indicators"] if i["number"] != moved]
    entry = next(i for i in document["indicators"] if i["number"] == moved)
    in_group = [pos for pos, i in enumerate(indicators) if i["group"] == group]
    later = [pos for pos in in_group if indicators[pos]["number"] > moved]
    position = later[0] if later else (in_group[-1] + 1 if in_group else len(indicators))
    indicators.insert(position, entry)
    document["indicators"] = indicators
    return catalog_from_document(document, f"{catalog.id}（{question_id} → {group}）")


def apply_placements(catalog: Catalog, choices: Mapping[str, str]) -> Catalog:
    """``catalog`` with every chosen placement (question id → group code) applied; a question not in
    ``choices`` keeps its default. The project setting (app) is such a mapping."""
    result = catalog
    for question_id, group in choices.items():
        result = with_placement(result, question_id, group)
    return result
