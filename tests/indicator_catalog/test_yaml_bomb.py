"""A YAML alias bomb in a catalog file is refused at once, in one line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicator_catalog import CatalogError, load_catalog_file


def test_billion_laughs_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join(f"*a{level - 1}" for _ in range(9))
        lines.append(f"a{level}: &a{level} [{refs}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog_file(path)
    assert "别名" in str(info.value) and "bomb.yaml" in str(info.value)
