"""Loading and validating plan catalogs (``kind: plan``), and the built-in ones in ``data/plans/``.

Problems name the file, the entry and the reason, all collected in one pass, as for assessment
catalogs. ``load_any_document`` picks the loader by ``kind`` so callers can accept either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.base.errors import FazhiError
from indicator_catalog.loader import (
    CatalogError,
    CatalogProblem,
    catalog_from_document,
    location,
    read_document,
    schema_reason,
)
from indicator_catalog.model import SCHEMA_VERSION, Catalog, UnitName
from indicator_catalog.plan import Milestone, PlanCatalog, PlanSection, Task, parse_deadline
from indicator_catalog.schema import NON_BLANK

if TYPE_CHECKING:
    import jsonschema

_TEXT = {"type": "string", "minLength": 1, "pattern": NON_BLANK}
_NAMES = {"type": "array", "items": _TEXT, "uniqueItems": True}

PLAN: dict[str, Any] = {
    "type": "object",
    "required": ["kind", "id", "title", "sections", "tasks"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"type": "integer", "minimum": 2, "maximum": SCHEMA_VERSION},
        "kind": {"const": "plan"},
        "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
        "title": _TEXT,
        "source": {"type": "string"},
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
        "sections": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["code", "name"],
                "additionalProperties": False,
                "properties": {"code": _TEXT, "name": _TEXT, "parent": {"type": ["string", "null"]}},
            },
        },
        "tasks": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "section", "text"],
                "additionalProperties": False,
                "properties": {
                    "id": _TEXT,
                    "section": _TEXT,
                    "number": {"type": "string"},
                    "title": {"type": "string"},
                    "text": _TEXT,
                    "lead_units": _NAMES,
                    "units": _NAMES,
                    "units_as_written": {"type": "string"},
                    "deadline": {"type": ["string", "null"]},
                    "notes": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "stages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "due"],
                "additionalProperties": False,
                "properties": {"text": _TEXT, "due": {"type": "string", "format": "date"}},
            },
        },
    },
}


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # heavy third-party: on first validation only

    return jsonschema.Draft202012Validator(PLAN)


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def validate_plan_document(document: Any, source_name: str = "<plan>") -> list[CatalogProblem]:
    """Every problem in a parsed plan document (empty if valid)."""
    problems: list[CatalogProblem] = []

    def add(path: str, reason: str) -> None:
        problems.append(CatalogProblem(source_name, path, reason))

    if not isinstance(document, dict):
        add("", f"顶层应为对象（kind: plan, id, title, sections, tasks …），实际为 {type(document).__name__}")
        return problems
    for error in sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path))):
        add(location(list(error.path)), schema_reason(error))

    sections = _dicts(document.get("sections"))
    codes = Counter(s.get("code") for _, s in sections)
    for index, section in sections:
        code, parent = section.get("code"), section.get("parent")
        if isinstance(code, str) and codes[code] > 1:
            add(f"sections[{index}].code", f"章节编号重复：{code}")
        if isinstance(parent, str) and parent not in codes:
            add(f"sections[{index}].parent", f"未知的上级章节：{parent}")
    unit_names = {
        "".join(n.split())
        for _, u in _dicts(document.get("units"))
        for n in (u.get("name"), *(u.get("aliases") or []))
        if isinstance(n, str)
    }
    tasks = _dicts(document.get("tasks"))
    ids = Counter(t.get("id") for _, t in tasks)
    for index, task in tasks:
        label = f"tasks[{index}]（{task.get('id')}）"
        task_id = task.get("id")
        if isinstance(task_id, str) and ids[task_id] > 1:
            add(f"{label}.id", f"任务编号重复：{task_id}")
        parent_code = task.get("section")
        if isinstance(parent_code, str) and parent_code not in codes:
            add(f"{label}.section", f"未知的章节：{parent_code}")
        elif (
            isinstance(parent_code, str)
            and isinstance(task_id, str)
            and not task_id.startswith(f"{parent_code}.")
        ):
            add(f"{label}.id", f"任务编号 {task_id} 应以所属章节 {parent_code}. 开头")
        for key in ("lead_units", "units"):
            names = task.get(key)
            for u_index, name in enumerate(names if isinstance(names, list) else []):
                if unit_names and isinstance(name, str) and "".join(name.split()) not in unit_names:
                    add(f"{label}.{key}[{u_index}]", f"未知的单位：{name}（不在 units 单位词表中）")
    for index, stage in _dicts(document.get("stages")):
        try:
            _iso_date(stage.get("due"))
        except ValueError:
            add(f"stages[{index}].due", f"日期格式应为 YYYY-MM-DD，实际为 {stage.get('due')!r}")
    return problems


def _iso_date(value: Any) -> date:
    if not isinstance(value, str):
        raise ValueError(value)
    return date.fromisoformat(value)


def plan_from_document(document: Any, source_name: str = "<plan>") -> PlanCatalog:
    """Validate plain data and build a ``PlanCatalog``; ``CatalogError`` lists every problem."""
    problems = validate_plan_document(document, source_name)
    if problems:
        raise CatalogError(problems)
    return _build(document)


def _build(document: Mapping[str, Any]) -> PlanCatalog:
    tasks = tuple(
        Task(
            id=t["id"],
            section=t["section"],
            number=t.get("number", ""),
            title=t.get("title", ""),
            text=t["text"],
            lead_units=tuple(t.get("lead_units", [])),
            units=tuple(t.get("units", [])),
            units_as_written=t.get("units_as_written", ""),
            deadline=parse_deadline(t["deadline"]) if t.get("deadline") else None,
            notes=tuple(t.get("notes", [])),
        )
        for t in document["tasks"]
    )
    return PlanCatalog(
        id=document["id"],
        title=document["title"],
        source=document.get("source", ""),
        sections=tuple(PlanSection(s["code"], s["name"], s.get("parent")) for s in document["sections"]),
        tasks=tasks,
        units=tuple(
            UnitName(u["name"], tuple(u.get("aliases", [])), bool(u.get("collective", False)))
            for u in document.get("units", [])
        ),
        stages=tuple(Milestone(s["text"], _iso_date(s["due"])) for s in document.get("stages", [])),
    )


def load_plan_file(path: str | Path) -> PlanCatalog:
    path = Path(path)
    return plan_from_document(read_document(path), str(path))


def load_any_document(document: Any, source_name: str = "<catalog>") -> Catalog | PlanCatalog:
    """An assessment ``Catalog`` or a ``PlanCatalog``, by the document's ``kind`` (default assessment)."""
    if isinstance(document, dict) and document.get("kind") == "plan":
        return plan_from_document(document, source_name)
    return catalog_from_document(document, source_name)


def load_any_file(path: str | Path) -> Catalog | PlanCatalog:
    path = Path(path)
    return load_any_document(read_document(path), str(path))


# -- built-in plans -------------------------------------------------------------------------------


def _plans_dir() -> Path:
    return Path(str(resources.files("indicator_catalog") / "data" / "plans"))


def builtin_plan_ids() -> list[str]:
    return sorted(p.stem for p in _plans_dir().glob("*.yaml"))


@lru_cache(maxsize=8)
def load_builtin_plan(plan_id: str) -> PlanCatalog:
    path = _plans_dir() / f"{plan_id}.yaml"
    if not path.is_file():
        known = "、".join(builtin_plan_ids()) or "无"
        raise FazhiError(f"未知的任务清单：{plan_id}（内置：{known}）")
    return load_plan_file(path)
