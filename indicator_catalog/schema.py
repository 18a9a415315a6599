"""JSON Schema of a catalog file (YAML or JSON). Semantic checks live in ``loader``."""

from __future__ import annotations

from typing import Any

from indicator_catalog.demands import PERIODS
from indicator_catalog.model import CATALOG_KINDS, SCHEMA_VERSION

# ``pattern`` rejects text that is only spaces (the loader reports both as 文本为空).
NON_BLANK = r"\S"
_TEXT = {"type": "string", "minLength": 1, "pattern": NON_BLANK}
_YEAR = {"type": ["integer", "null"], "minimum": 1990, "maximum": 2100}

REQUIREMENT: dict[str, Any] = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        "key": {"type": "string"},
        "text": _TEXT,
        "min_count": {"type": ["integer", "null"], "minimum": 1},
        "needs_url": {"type": "boolean"},
        "needs_contact": {"type": "boolean"},
        "onsite": {"type": "boolean"},
        "since": _YEAR,
        "year": _YEAR,
        "period": {"enum": [*PERIODS, None]},
        "period_since": _YEAR,
        "as_list": {"type": "boolean"},
        "distinct": {"type": ["string", "null"]},
    },
}

INDICATOR: dict[str, Any] = {
    "type": "object",
    "required": ["number", "group", "text"],
    "additionalProperties": False,
    "properties": {
        "number": {"type": "integer", "minimum": 1},
        "area": {"type": "string"},
        "group": _TEXT,
        "text": _TEXT,
        "units_as_written": {"type": "string"},
        "units": {"type": "array", "items": _TEXT, "uniqueItems": True},
        "evidence_as_written": {"type": "string"},
        "requirements": {"type": "array", "items": REQUIREMENT},
        "onsite": {"type": "boolean"},
        "shared_with": {"type": "array", "items": {"type": "integer"}, "uniqueItems": True},
        "since": _YEAR,
        "points": {"type": "number", "minimum": 0},
        "notes": {"type": "array", "items": {"type": "string"}},
        "deadline": {"type": ["string", "null"]},
        "task_id": _TEXT,
        "lead_units": {"type": "array", "items": _TEXT, "uniqueItems": True},
    },
}

CATALOG: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "areas", "indicators"],
    # A typo in a top-level key (``bonus_cp``) must not be silently ignored.
    "additionalProperties": False,
    "properties": {
        "schema_version": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
        "kind": {"enum": list(CATALOG_KINDS)},
        "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
        "title": _TEXT,
        "source": {"type": "string"},
        "bonus_cap": {"type": ["number", "null"], "minimum": 0},
        # A plan stored as a catalog (``plan_catalog.plan_as_catalog``): its 实施步骤.
        "stages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "due"],
                "additionalProperties": False,
                "properties": {"text": _TEXT, "due": {"type": "string", "format": "date"}},
            },
        },
        # Written by ``Catalog.to_dict()`` for readers; informational, not checked against the content.
        "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
        "units": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    "name": _TEXT,
                    "aliases": {"type": "array", "items": _TEXT},
                    "collective": {"type": "boolean"},
                },
            },
        },
        "areas": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["code", "name", "groups"],
                "additionalProperties": False,
                "properties": {
                    "code": _TEXT,
                    "name": _TEXT,
                    "groups": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["code", "name"],
                            "additionalProperties": False,
                            "properties": {
                                "code": _TEXT,
                                "name": _TEXT,
                                "numbers": {"type": "array", "items": {"type": "integer"}},
                            },
                        },
                    },
                },
            },
        },
        "indicators": {"type": "array", "minItems": 1, "items": INDICATOR},
        "bonus": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "text", "max_points"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^B[0-9]+$"},
                    "text": _TEXT,
                    "max_points": {"type": "number", "minimum": 0},
                    "units": {"type": "array", "items": _TEXT},
                    "since": _YEAR,
                    "year": _YEAR,
                },
            },
        },
        "open_questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "indicator", "question", "placements", "default"],
                "additionalProperties": False,
                "properties": {
                    "id": _TEXT,
                    "kind": {"enum": ["placement"]},
                    "indicator": {"type": "integer", "minimum": 1},
                    "question": _TEXT,
                    "placements": {
                        "type": "array",
                        "minItems": 2,
                        "items": {
                            "type": "object",
                            "required": ["group", "basis"],
                            "additionalProperties": False,
                            "properties": {"group": _TEXT, "basis": _TEXT, "quote": {"type": "string"}},
                        },
                    },
                    "default": _TEXT,
                    "chosen": {"type": ["string", "null"]},
                },
            },
        },
        "veto": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "text"],
                "additionalProperties": False,
                "properties": {"id": {"type": "string", "pattern": "^V[0-9]+$"}, "text": _TEXT},
            },
        },
    },
}
