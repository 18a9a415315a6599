"""Converting a stored catalog document of an older schema to the current one.

Projects store ``Catalog.to_dict()`` as JSON text (``projects.catalog_json``). A document written before
schema version 2 has no ``schema_version``; its requirement items carry ``since`` for every year the
text names, so "2021年重大行政决策事项目录" reads as "2021年以来". ``upgrade_catalog_document`` re-reads
the time and shape demands from the verbatim texts (only where the stored value is what the old parser
derived: a hand-set ``since`` is kept), fixes the unit parse leftovers (``UNIT_RENAMES``, "及…" aliases),
adds ``kind`` and, for a built-in catalog, its open questions. Pure: no I/O, the input is not changed,
and upgrading an upgraded document changes nothing. A later Alembic migration calls it per project row
and renames the units' rows with ``UNIT_RENAMES``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from indicator_catalog.demands import parse_time_demand
from indicator_catalog.model import SCHEMA_VERSION

# Canonical names that were parse leftovers in version 1 → their corrected names.
UNIT_RENAMES: dict[str, str] = {"及相关审批部门": "相关审批部门"}

_OLD_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|以来)")


def legacy_since(text: str) -> int | None:
    """What the version-1 parser stored as ``since``: the smallest year the text names."""
    years = [int(y) for y in _OLD_YEAR.findall(text) if 1990 <= int(y) <= 2100]
    return min(years) if years else None


def _upgrade_requirement(requirement: dict[str, Any]) -> None:
    text = requirement.get("text")
    if not isinstance(text, str):
        return
    demand = parse_time_demand(text)
    if "year" not in requirement:
        if requirement.get("since") == legacy_since(text):  # derived by the old parser: re-derive
            requirement["since"] = demand.since
            requirement["year"] = demand.year
        else:  # set by hand: keep it
            requirement["year"] = None
    requirement.setdefault("period", demand.period)
    requirement.setdefault("period_since", demand.period_since if requirement["period"] else None)
    requirement.setdefault("as_list", demand.as_list)
    requirement.setdefault("distinct", demand.distinct)


def _rename(name: Any) -> Any:
    return UNIT_RENAMES.get(name, name) if isinstance(name, str) else name


def _upgrade_units(document: dict[str, Any]) -> None:
    units = document.get("units")
    if isinstance(units, list):
        for unit in units:
            if not isinstance(unit, dict):
                continue
            unit["name"] = _rename(unit.get("name"))
            aliases = unit.get("aliases")
            if isinstance(aliases, list):
                # "及政府各工作部门": the 及 belongs to the sentence, the matcher strips it anyway
                unit["aliases"] = [a for a in aliases if not (isinstance(a, str) and a.startswith("及"))]
    for key in ("indicators", "bonus"):
        items = document.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("units"), list):
                item["units"] = [_rename(u) for u in item["units"]]


def upgrade_catalog_document(
    document: Mapping[str, Any], builtin: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """``document`` (a stored ``Catalog.to_dict()``) converted to the current schema.

    ``builtin`` is the current built-in document of the same id, if there is one (``load_builtin(id)
    .to_dict()``): its ``open_questions`` are copied when the stored document has none. Returns a new
    dict; a current document comes back equal to the input.
    """
    upgraded: dict[str, Any] = json.loads(json.dumps(dict(document), ensure_ascii=False))
    version = upgraded.get("schema_version", 1)
    if isinstance(version, int) and version >= SCHEMA_VERSION:
        return upgraded
    upgraded.setdefault("kind", "assessment")
    indicators = upgraded.get("indicators")
    for indicator in indicators if isinstance(indicators, list) else ():
        if not isinstance(indicator, dict):
            continue
        requirements = [r for r in indicator.get("requirements") or () if isinstance(r, dict)]
        old: list[int] = [r["since"] for r in requirements if isinstance(r.get("since"), int)]
        derived = indicator.get("since") == (min(old) if old else None)
        for requirement in requirements:
            _upgrade_requirement(requirement)
        if derived:
            new = [r["since"] for r in requirements if isinstance(r.get("since"), int)]
            indicator["since"] = min(new) if new else None
    bonus = upgraded.get("bonus")
    for item in bonus if isinstance(bonus, list) else ():
        if isinstance(item, dict) and isinstance(item.get("text"), str) and "since" not in item:
            demand = parse_time_demand(item["text"])
            item["since"], item["year"] = demand.since, demand.year
    _upgrade_units(upgraded)
    if builtin is not None and builtin.get("id") == upgraded.get("id") and "open_questions" not in upgraded:
        questions = builtin.get("open_questions")
        if questions:
            upgraded["open_questions"] = json.loads(json.dumps(questions, ensure_ascii=False))
    upgraded["schema_version"] = SCHEMA_VERSION
    return upgraded
