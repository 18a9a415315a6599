"""Depth and size budgets for untrusted JSON."""

from __future__ import annotations

import pytest

from app.base.jsonsafe import JsonLimitError, json_or_empty, loads_limited


def test_deep_json_is_one_clear_refusal() -> None:
    with pytest.raises(JsonLimitError, match="嵌套过深"):
        loads_limited("[" * 100_000 + "]" * 100_000)
    assert json_or_empty('{"a":' * 50_000 + "1" + "}" * 50_000) == {}


def test_brackets_in_strings_do_not_count_and_normal_json_loads() -> None:
    assert (
        loads_limited('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\""}')["a"][
            0
        ]
        == "["
    )
    assert loads_limited(b'{"x": [1, {"y": 2}]}') == {"x": [1, {"y": 2}]}


def test_size_budget() -> None:
    with pytest.raises(JsonLimitError, match="过大"):
        loads_limited("[" + "1," * 100 + "1]", max_bytes=50)


def test_every_json_reader_goes_through_loads_limited() -> None:
    """No ``json.load``/``json.loads`` outside ``app.base.jsonsafe``, except the listed deep copies of
    in-memory data and a migration (which must not import ``app``)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    allowed = {
        "app/base/jsonsafe.py",
        "indicator_catalog/upgrade.py",  # json.loads(json.dumps(...)): a deep copy, not a reader
        "models/migrations/versions/0002_catalog_v2.py",  # the project's own stored catalog
    }
    offenders = []
    for package in ("app", "models", "indicator_catalog", "exports", "ui"):
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel in allowed:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if re.search(r"\bjson\.loads?\(", line):
                    offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
