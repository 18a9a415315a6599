"""JSON from untrusted places (package manifests, settings, catalog files) read without surprises."""

from __future__ import annotations

import json
import re
from typing import Any

#: Deeper nesting than any manifest or catalog needs; Python's json would hit RecursionError near 1000.
MAX_JSON_DEPTH = 64
MAX_JSON_BYTES = 64 * 1024 * 1024

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


class JsonLimitError(ValueError):
    """The document is too deep or too large (the message is one Chinese line)."""


def json_depth(text: str) -> int:
    """The deepest nesting of arrays/objects in ``text`` (strings skipped), without recursion."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads_limited(
    text: str | bytes,
    *,
    max_depth: int = MAX_JSON_DEPTH,
    max_bytes: int = MAX_JSON_BYTES,
    **options: Any,
) -> Any:
    """``json.loads`` with a size and depth budget checked first: ``JsonLimitError`` or ``ValueError``.

    ``options`` go to ``json.loads`` (``object_pairs_hook``, ``parse_constant`` …). Every reader of JSON
    that may come from outside (packages, catalog and scheme files, spreadsheets' machine fields) and
    of JSON the project stores uses this, so no document can end in a ``RecursionError``.
    """
    if len(text) > max_bytes:
        raise JsonLimitError(f"JSON 过大（{len(text)} 字节，上限 {max_bytes}）")
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    depth = json_depth(text)
    if depth > max_depth:
        raise JsonLimitError(f"JSON 嵌套过深（{depth} 层，上限 {max_depth}），文件可能被构造")
    try:
        return json.loads(text, **options)
    except RecursionError:
        raise JsonLimitError("JSON 嵌套过深，文件可能被构造") from None


def json_or_empty(text: str) -> dict[str, Any]:
    try:
        value = loads_limited(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
