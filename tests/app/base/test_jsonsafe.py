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
