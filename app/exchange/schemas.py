"""JSON Schemas of the exchange manifests (kit, submission, return note): every key, type and bound."""

from __future__ import annotations

from typing import Any

PACKAGE_FORMAT = "fazhi-exchange"
PACKAGE_VERSION = 1
KIND_KIT = "kit"
KIND_SUBMISSION = "submission"
KIND_RETURNS = "returns"
KIND_LABELS = {KIND_KIT: "任务包", KIND_SUBMISSION: "提交包", KIND_RETURNS: "退回通知"}

#: The most files one package may hold (also the ZIP guard's member limit for packages).
MAX_PACKAGE_FILES = 20_000

_ID = {"type": "string", "pattern": "^[0-9a-f]{32}$"}


_TEXT = {"type": "string", "minLength": 1, "maxLength": 200}


_OPTIONAL_TEXT = {"type": ["string", "null"], "maxLength": 2000}


_SHA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}


_NUMBER_LIST = {
    "type": "array",
    "items": {"type": "integer", "minimum": 1},
    "minItems": 1,
    "uniqueItems": True,
}


_STRING_LIST = {"type": "array", "items": {"type": "string", "maxLength": 2000}, "maxItems": 200}


_COMMON = {
    "format": {"const": PACKAGE_FORMAT},
    "version": {"const": PACKAGE_VERSION},
    "package_id": _ID,
    "project_id": _TEXT,
    "catalog_id": _TEXT,
    "unit": _TEXT,
    "created_at": _TEXT,
    "created_by": {"type": "string", "maxLength": 200},
    "app_version": {"type": "string", "maxLength": 50},
}


_COMMON_REQUIRED = [
    "format",
    "version",
    "kind",
    "package_id",
    "project_id",
    "catalog_id",
    "unit",
    "created_at",
]


SUBMISSION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": [*_COMMON_REQUIRED, "kit_id", "files"],
    "properties": {
        **_COMMON,
        "kind": {"const": KIND_SUBMISSION},
        "kit_id": _ID,
        # Monotonic per unit and kit (replay protection); absent in packages of older versions.
        "sequence": {"type": "integer", "minimum": 1, "maximum": 2**53},
        "files": {
            "type": "array",
            "maxItems": MAX_PACKAGE_FILES,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["member", "sha256", "size", "kind", "filename", "indicators"],
                "properties": {
                    "member": {"type": "string", "pattern": "^files/[0-9a-f]{64}\\.[a-z0-9]{1,8}$"},
                    "sha256": _SHA,
                    "size": {"type": "integer", "minimum": 1},
                    "kind": {"type": "string", "pattern": "^[a-z0-9]{1,8}$"},
                    "filename": {"type": "string", "minLength": 1, "maxLength": 255},
                    "indicators": _NUMBER_LIST,
                    "title": _OPTIONAL_TEXT,
                    "period": {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2})?$"},
                    "urls": _STRING_LIST,
                    "contacts": _STRING_LIST,
                    "requirement_keys": _STRING_LIST,
                    "note": _OPTIONAL_TEXT,
                    "unit_evidence_id": {"type": ["integer", "string"]},
                    "added_at": {"type": ["string", "null"], "maxLength": 50},
                    "original": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["member", "sha256", "size", "kind"],
                        "properties": {
                            "member": {"type": "string", "pattern": "^files/[0-9a-f]{64}\\.[a-z0-9]{1,8}$"},
                            "sha256": _SHA,
                            "size": {"type": "integer", "minimum": 1},
                            "kind": {"enum": ["jpeg", "png", "tiff", "ofd", "docx", "xls"]},
                        },
                    },
                },
            },
        },
        "info": {
            "type": "array",
            "maxItems": 10_000,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["indicator", "kind", "value"],
                "properties": {
                    "indicator": {"type": "integer", "minimum": 1},
                    "kind": {"enum": ["url", "contact", "note"]},
                    "value": {"type": "string", "minLength": 1, "maxLength": 4000},
                    "requirement_key": {"type": ["string", "null"], "maxLength": 32},
                },
            },
        },
    },
}


RETURNS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": [*_COMMON_REQUIRED, "items"],
    "properties": {
        **_COMMON,
        "kind": {"const": KIND_RETURNS},
        "items": {
            "type": "array",
            "maxItems": 10_000,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["indicator", "decision", "comment", "at"],
                "properties": {
                    "indicator": {"type": "integer", "minimum": 1},
                    "decision": {"enum": ["returned", "accepted"]},
                    "comment": {"type": "string", "maxLength": 4000},
                    "at": _TEXT,
                    "by": {"type": "string", "maxLength": 200},
                },
            },
        },
    },
}


KIT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        *_COMMON_REQUIRED,
        "key",
        "county",
        "year",
        "catalog",
        "indicators",
        "allowed_indicators",
        "unit_aliases",
        "member_of",
    ],
    "properties": {
        **_COMMON,
        "kind": {"const": KIND_KIT},
        "key": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "county": _TEXT,
        "year": {"type": "integer", "minimum": 1900, "maximum": 2999},
        "deadline": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "unit_aliases": _STRING_LIST,
        "member_of": _STRING_LIST,
        "allowed_indicators": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "catalog": {"type": "object"},
        "roles": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "lead", "co"],
                "properties": {
                    "number": {"type": "integer", "minimum": 1},
                    "indicator": {"type": "string"},
                    "role": {"enum": ["lead", "co", None]},
                    "lead": _STRING_LIST,
                    "co": _STRING_LIST,
                },
            },
        },
        "indicators": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "text"],
                "properties": {"number": {"type": "integer", "minimum": 1}, "text": {"type": "string"}},
            },
        },
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["member", "sha256", "size"],
                "properties": {
                    "member": {"type": "string"},
                    "sha256": _SHA,
                    "size": {"type": "integer", "minimum": 0},
                    "title": {"type": "string"},
                },
            },
        },
    },
}


SCHEMAS = {KIND_KIT: KIT_SCHEMA, KIND_SUBMISSION: SUBMISSION_SCHEMA, KIND_RETURNS: RETURNS_SCHEMA}
