"""Fixtures of the fault tests: a small catalog (as a file too) and small projects made through the core."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fault_helpers import small_catalog_document

from indicator_catalog import Catalog, catalog_from_document


@pytest.fixture
def fault_catalog() -> Catalog:
    return catalog_from_document(small_catalog_document(), "faults")


@pytest.fixture
def fault_catalog_file(tmp_path: Path) -> Path:
    """The same catalog as a JSON file, for ``fazhi init --catalog FILE``."""
    path = tmp_path / "faults-catalog.json"
    path.write_text(json.dumps(small_catalog_document(), ensure_ascii=False), encoding="utf-8")
    return path
