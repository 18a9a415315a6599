"""The catalog a project stores (``project.catalog_json``) with the office's placement choices applied.

Kept apart from ``app.project.folder`` so that a reader without the ORM (``app.export.bundle_fast``)
builds exactly the catalog an opened ``Project`` has.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from app.base.jsonsafe import loads_limited
from indicator_catalog import Catalog
from indicator_catalog.loader import catalog_from_stored_document
from indicator_catalog.placements import apply_placements

#: Project setting: open placement question id → the group the office chose (e.g. "placement-69": "五.1").
PLACEMENTS_SETTING = "placements"


@lru_cache(maxsize=4)
def catalog_from_json(text: str, source: str) -> Catalog:
    del source  # kept for the cache key: one entry per project
    return catalog_from_stored_document(loads_limited(text))


def placed(catalog: Catalog, settings: dict[str, Any]) -> Catalog:
    """The stored catalog with the office's answers to its open placement questions applied."""
    choices = settings.get(PLACEMENTS_SETTING)
    if not isinstance(choices, dict) or not choices:
        return catalog
    known = {q.id for q in catalog.open_questions}
    valid = {str(k): str(v) for k, v in choices.items() if k in known and isinstance(v, str)}
    key = (id(catalog), tuple(sorted(valid.items())))
    cached = _PLACED.get(key)
    if cached is None or cached[0] is not catalog:
        if len(_PLACED) > 8:
            _PLACED.clear()
        cached = _PLACED[key] = (catalog, apply_placements(catalog, valid))
    return cached[1]


_PLACED: dict[tuple[int, tuple[tuple[str, str], ...]], tuple[Catalog, Catalog]] = {}
