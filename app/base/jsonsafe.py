"""JSON from untrusted places (package manifests, settings) read without surprises."""

from __future__ import annotations

import json
from typing import Any


def json_or_empty(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
