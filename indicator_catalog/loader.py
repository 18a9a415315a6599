"""Loading and validating catalog files (YAML or JSON), and the built-in catalogs.

Every problem names the file, the entry (a JSON-path-like location) and the reason, and validation
collects all problems before it reports, so a county editing the file can fix them in one pass.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.base.errors import FazhiError
from app.base.jsonsafe import JsonLimitError, loads_limited
from indicator_catalog.deadlines import Milestone, parse_deadline
from indicator_catalog.model import (
    Area,
    BonusItem,
    Catalog,
    Group,
    Indicator,
    OpenQuestion,
    Placement,
    Requirement,
    UnitName,
    VetoItem,
)
from indicator_catalog.schema import CATALOG, NON_BLANK

if TYPE_CHECKING:
    import jsonschema

DEFAULT_CATALOG_ID = "national-2021"
MAX_CATALOG_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CatalogProblem:
    file: str
    path: str  # e.g. "indicators[25].requirements[0].min_count"
    reason: str

    def __str__(self) -> str:
        # One line whatever the file held: a reason may quote cell text or a key with line breaks.
        text = f"{self.file}: {self.path or '(文件)'}: {self.reason}"
        return " ".join(text.splitlines())


class CatalogError(FazhiError):
    """A catalog file is unreadable or invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        more = f"（另有 {len(self.problems) - 1} 个问题）" if len(self.problems) > 1 else ""
        super().__init__(f"指标体系文件无效 {first}{more}")


# -- reading --------------------------------------------------------------------------------------


#: Catalog files need no YAML aliases; a few are allowed, never enough to expand exponentially.
MAX_YAML_ALIASES = 20


@lru_cache(maxsize=1)
def _unique_key_loader() -> type[Any]:
    """The YAML loader class, made on first use: PyYAML costs start-up time most commands never need."""
    import yaml

    try:
        from yaml import CSafeLoader as _SafeLoader
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

    class _UniqueKeyLoader(_SafeLoader):
        """A safe loader that refuses duplicate keys: PyYAML would silently keep the last one, so a county
        that pastes a second ``text:`` under an indicator would lose the first without a word."""

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: dict[Any, yaml.Node] = {}
            for key_node, _value in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:  # unhashable key: the base class reports it
                    continue
                if first is not key_node:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"键 {key!r} 重复（第 {first.start_mark.line + 1} 行已有）",
                        key_node.start_mark,
                    )
            return super().construct_mapping(node, deep=deep)

    return _UniqueKeyLoader


def read_document(path: Path) -> Any:
    """Parse a YAML or JSON file into plain data, or raise ``CatalogError`` naming the file."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_CATALOG_BYTES:
            raise CatalogError([CatalogProblem(name, "", f"文件过大（{size} 字节）")])
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError([CatalogProblem(name, "", f"无法读取：{exc.strerror or exc}")]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogError([CatalogProblem(name, "", "不是 UTF-8 编码的文本文件")]) from exc
    if not text.strip():
        raise CatalogError([CatalogProblem(name, "", "文件为空")])
    if text.lstrip().startswith(("{", "[")):
        try:
            return loads_limited(text)
        except (RecursionError, JsonLimitError) as exc:
            reason = str(exc) if isinstance(exc, JsonLimitError) else "JSON 嵌套过深，文件可能被构造"
            raise CatalogError([CatalogProblem(name, "", reason)]) from None
        except json.JSONDecodeError as exc:
            raise CatalogError(
                [CatalogProblem(name, f"第 {exc.lineno} 行第 {exc.colno} 列", f"JSON 格式错误：{exc.msg}")]
            ) from exc
    import yaml

    try:
        # Aliases counted first, on the event stream (linear, never expanded): a "billion laughs"
        # document is refused at once instead of growing for minutes.
        events = yaml.parse(text, Loader=_unique_key_loader())
        aliases = sum(1 for event in events if isinstance(event, yaml.AliasEvent))
        if aliases > MAX_YAML_ALIASES:
            raise CatalogError(
                [
                    CatalogProblem(
                        name,
                        "",
                        f"YAML 别名（*引用）过多（{aliases} 个，上限 {MAX_YAML_ALIASES}），可能被构造",
                    )
                ]
            )
        return yaml.load(text, Loader=_unique_key_loader())  # a SafeLoader: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogError([CatalogProblem(name, where, f"YAML 格式错误：{problem}")]) from exc


def load_catalog_file(path: str | Path) -> Catalog:
    """Load and validate a catalog file; raise ``CatalogError`` with every problem."""
    path = Path(path)
    return catalog_from_document(read_document(path), str(path))


def catalog_from_document(document: Any, source_name: str = "<catalog>") -> Catalog:
    """Validate plain data (as parsed from a catalog file) and build a ``Catalog``."""
    problems = validate_document(document, source_name)
    if problems:
        raise CatalogError(problems)
    return _build(document)


def catalog_from_stored_document(document: Any) -> Catalog:
    """Build a ``Catalog`` from a document this program validated and stored itself (a project's
    frozen copy): the JSON Schema pass is skipped, since it costs start-up time on every open."""
    try:
        return _build(document)
    except (KeyError, TypeError, ValueError):  # not what we stored: validate to say what is wrong
        return catalog_from_document(document, "<stored catalog>")


# -- validation -----------------------------------------------------------------------------------


def location(parts: Iterable[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _indicator_label(document: Mapping[str, Any], index: int) -> str:
    try:
        return f"indicators[{index}]（第 {document['indicators'][index]['number']} 项）"
    except (KeyError, IndexError, TypeError):
        return f"indicators[{index}]"


@lru_cache(maxsize=1)
def _schema_validator() -> jsonschema.Draft202012Validator:
    # jsonschema is imported on first validation, not at import: every CLI start pays ~0.1 s otherwise.
    import jsonschema

    return jsonschema.Draft202012Validator(CATALOG)


_TYPE_NAMES = {
    "integer": "整数",
    "number": "数值",
    "string": "文本",
    "boolean": "true/false",
    "array": "列表",
    "object": "对象",
    "null": "null",
}


def _type_names(expected: Any) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return "或".join(_TYPE_NAMES.get(str(n), str(n)) for n in names)


def schema_reason(error: jsonschema.ValidationError) -> str:
    validator = error.validator
    if validator == "required":
        required = error.validator_value if isinstance(error.validator_value, list) else []
        missing = [p for p in required if isinstance(error.instance, dict) and p not in error.instance]
        return f"缺少字段 {', '.join(missing)}"
    if validator == "additionalProperties":
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
        known = "、".join(allowed)
        return f"未知字段 {', '.join(map(str, extra))}（可用字段：{known}）" if known else f"未知字段 {extra}"
    if validator == "type":
        return f"类型错误：应为{_type_names(error.validator_value)}，实际为 {error.instance!r}"
    if validator == "minLength" or (validator == "pattern" and error.validator_value == NON_BLANK):
        return "文本为空"
    if validator == "minimum":
        return f"数值 {error.instance!r} 小于 {error.validator_value}"
    if validator == "maximum":
        return f"数值 {error.instance!r} 大于 {error.validator_value}"
    if validator == "enum":
        values = error.validator_value if isinstance(error.validator_value, list) else []
        allowed = [str(v) for v in values if v is not None]
        return f"取值应为 {'、'.join(allowed)} 之一，实际为 {error.instance!r}"
    if validator == "minItems":
        return "列表为空"
    if validator == "uniqueItems":
        return "列表中有重复项"
    if validator == "pattern":
        where = [p for p in error.path if isinstance(p, str)]
        if where[:1] == ["bonus"]:
            return f"加分项编号应为 B1、B2 … 的形式，实际为 {error.instance!r}"
        if where[:1] == ["veto"]:
            return f"否决项编号应为 V1、V2 … 的形式，实际为 {error.instance!r}"
        if where == ["id"]:
            return f"id 只能由字母、数字和 . _ - 组成，实际为 {error.instance!r}"
        return f"格式不符：{error.instance!r}"
    return error.message


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """(index, entry) for the well-formed entries of a list; the schema reports the others."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def validate_document(document: Any, source_name: str = "<catalog>") -> list[CatalogProblem]:
    """Every problem in a parsed catalog document (empty list if it is valid).

    Structural (schema) problems and semantic ones are collected together: the semantic checks skip
    the entries the schema already found malformed, so one pass reports everything a county must fix.
    """
    problems: list[CatalogProblem] = []

    def add(path: str, reason: str) -> None:
        problems.append(CatalogProblem(source_name, path, reason))

    if not isinstance(document, dict):
        add("", f"顶层应为对象（id, title, areas, indicators …），实际为 {type(document).__name__}")
        return problems
    if document.get("kind") == "plan" and "tasks" in document:
        add("kind", "这是任务清单（kind: plan），不是指标体系：按任务清单读取（plan_loader.load_any_file）")
        return problems

    for error in sorted(_schema_validator().iter_errors(document), key=lambda e: list(map(str, e.path))):
        parts = list(error.path)
        path = location(parts)
        if len(parts) >= 2 and parts[0] == "indicators" and isinstance(parts[1], int):
            rest = location(parts[2:])
            separator = "." if rest and not rest.startswith("[") else ""
            path = _indicator_label(document, parts[1]) + separator + rest
        add(path, schema_reason(error))

    areas = _dicts(document.get("areas"))
    indicators = _dicts(document.get("indicators"))

    # areas and groups
    area_codes = Counter(_str(a.get("code")) for _, a in areas)
    for index, area in areas:
        code = _str(area.get("code"))
        if code is not None and area_codes[code] > 1:
            add(f"areas[{index}].code", f"一级指标编号重复：{code}")
    group_area: dict[str, str | None] = {}
    group_places: list[tuple[int, int, dict[str, Any]]] = []
    for a_index, area in areas:
        for g_index, group in _dicts(area.get("groups")):
            code = _str(group.get("code"))
            if code is None:
                continue
            if code in group_area:
                add(f"areas[{a_index}].groups[{g_index}].code", f"二级指标编号重复：{code}")
            group_area[code] = _str(area.get("code"))
            group_places.append((a_index, g_index, group))

    # units vocabulary
    unit_names: set[str] = set()
    seen_names: dict[str, int] = {}
    for index, unit in _dicts(document.get("units")):
        raw_aliases = unit.get("aliases")
        aliases: list[Any] = raw_aliases if isinstance(raw_aliases, list) else []
        for name in (unit.get("name"), *aliases):
            if not isinstance(name, str) or not name.strip():
                continue
            key = "".join(name.split())
            if key in seen_names and seen_names[key] != index:
                add(f"units[{index}]", f"单位名称或简称重复：{name}（与 units[{seen_names[key]}] 相同）")
            seen_names[key] = index
            unit_names.add(key)

    def check_units(path: str, units: Any) -> None:
        if not unit_names or not isinstance(units, list):
            return
        for u_index, unit in enumerate(units):
            if isinstance(unit, str) and unit.strip() and "".join(unit.split()) not in unit_names:
                add(f"{path}[{u_index}]", f"未知的责任单位：{unit}（不在 units 单位词表中）")

    # indicators
    numbers = Counter(_int(i.get("number")) for _, i in indicators)
    numbers.pop(None, None)
    shared: dict[int, set[int]] = {}
    for index, ind in indicators:
        label = _indicator_label(document, index)
        number = _int(ind.get("number"))
        if number is not None and numbers[number] > 1:
            add(f"{label}.number", f"三级指标编号重复：{number}")
        parent = _str(ind.get("group"))
        if parent is not None:
            if parent not in group_area:
                add(f"{label}.group", f"未知的上级（二级指标）：{parent}")
            elif isinstance(ind.get("area"), str) and ind["area"] != group_area[parent]:
                add(
                    f"{label}.area",
                    f"一级指标 {ind['area']} 与二级指标 {parent} 所属的 {group_area[parent]} 不一致",
                )
        raw = ind.get("shared_with")
        raw_shared: list[Any] = raw if isinstance(raw, list) else []
        if number is not None:
            shared[number] = {s for s in raw_shared if _int(s) is not None}
        for s_index, other in enumerate(raw_shared):
            if _int(other) is None:
                continue
            if other == number:
                add(f"{label}.shared_with[{s_index}]", "合并提供不能指向自身")
            elif other not in numbers:
                add(f"{label}.shared_with[{s_index}]", f"合并提供指向不存在的指标：{other}")
        check_units(f"{label}.units", ind.get("units"))
        reqs = [r for _, r in _dicts(ind.get("requirements"))]
        keys = Counter(r.get("key") for r in reqs if isinstance(r.get("key"), str) and r.get("key"))
        for r_index, req in _dicts(ind.get("requirements")):
            req_key = req.get("key")
            if isinstance(req_key, str) and req_key and keys[req_key] > 1:
                add(f"{label}.requirements[{r_index}].key", f"资料要求编号重复：{req_key}")
        if ind.get("onsite") is True and reqs and not all(r.get("onsite") is True for r in reqs):
            add(f"{label}.onsite", "标记为实地核查，但资料要求中有非实地核查的项目")
        for r_index, req in _dicts(ind.get("requirements")):
            if _int(req.get("period_since")) is not None and req.get("period") is None:
                add(f"{label}.requirements[{r_index}].period_since", "给出了周期起始年份，但没有周期 period")
        since_values = [r["since"] for r in reqs if _int(r.get("since")) is not None]
        since = _int(ind.get("since"))
        if since is not None and since_values and since > min(since_values):
            add(f"{label}.since", f"起始年份 {since} 晚于资料要求中的 {min(since_values)}")

    # shared_with must be symmetric: evidence of a 合并提供 group counts for every member
    for index, ind in indicators:
        number = _int(ind.get("number"))
        if number is None or numbers[number] > 1:
            continue
        for other in sorted(shared.get(number, ())):
            if other in shared and numbers[other] == 1 and number not in shared[other]:
                add(
                    f"{_indicator_label(document, index)}.shared_with",
                    f"合并提供不对称：第 {number} 项列出第 {other} 项，但第 {other} 项未列出第 {number} 项",
                )

    # group.numbers, where given, must agree with the indicators' stored parents
    parents = [(_str(i.get("group")), _int(i.get("number"))) for _, i in indicators]
    for a_index, g_index, group in group_places:
        code = group["code"]
        actual = sorted(n for g, n in parents if g == code and n is not None)
        listed = group.get("numbers")
        if isinstance(listed, list) and all(_int(n) is not None for n in listed) and sorted(listed) != actual:
            add(
                f"areas[{a_index}].groups[{g_index}].numbers",
                f"与各指标的上级不一致：列出 {sorted(listed)}，实际 {actual}",
            )
        if not any(g == code for g, _ in parents):
            add(f"areas[{a_index}].groups[{g_index}]", f"二级指标 {code} 下没有三级指标")

    # open questions: the indicator and every placement must exist, the file must use the default
    indicator_group = {_int(i.get("number")): _str(i.get("group")) for _, i in indicators}
    question_ids: set[str] = set()
    for q_index, question in _dicts(document.get("open_questions")):
        where = f"open_questions[{q_index}]"
        question_id = _str(question.get("id"))
        if question_id is not None:
            if question_id in question_ids:
                add(f"{where}.id", f"待定问题编号重复：{question_id}")
            question_ids.add(question_id)
        number = _int(question.get("indicator"))
        if number is not None and number not in indicator_group:
            add(f"{where}.indicator", f"待定问题指向不存在的指标：{number}")
        groups = [_str(p.get("group")) for _, p in _dicts(question.get("placements"))]
        for p_index, group_code in enumerate(groups):
            if group_code is not None and group_code not in group_area:
                add(f"{where}.placements[{p_index}].group", f"未知的二级指标：{group_code}")
        for field_name in ("default", "chosen"):
            value = _str(question.get(field_name))
            if value is not None and value not in groups:
                add(
                    f"{where}.{field_name}",
                    f"{value} 不是列出的归属之一（{'、'.join(g for g in groups if g)}）",
                )
        current = _str(question.get("chosen")) or _str(question.get("default"))
        if number in indicator_group and current is not None and indicator_group[number] != current:
            add(
                f"{where}",
                f"第 {number} 项的上级为 {indicator_group[number]}，与待定问题的当前归属 {current} 不一致",
            )

    for kind in ("bonus", "veto"):
        items = _dicts(document.get(kind))
        ids = Counter(_str(item.get("id")) for _, item in items)
        for index, item in items:
            item_id = _str(item.get("id"))
            if item_id is not None and ids[item_id] > 1:
                add(f"{kind}[{index}].id", f"编号重复：{item_id}")
            if kind == "bonus":
                check_units(f"bonus[{index}].units", item.get("units"))
    return problems


# -- building -------------------------------------------------------------------------------------


def _build(document: Mapping[str, Any]) -> Catalog:
    group_area = {g["code"]: a["code"] for a in document["areas"] for g in a["groups"]}
    indicators: list[Indicator] = []
    for ind in document["indicators"]:
        requirements = tuple(
            Requirement(
                key=str(r.get("key") or f"{ind['number']}.{i + 1}"),
                text=r["text"],
                min_count=r.get("min_count"),
                needs_url=bool(r.get("needs_url", False)),
                needs_contact=bool(r.get("needs_contact", False)),
                onsite=bool(r.get("onsite", False)),
                since=r.get("since"),
                year=r.get("year"),
                period=r.get("period"),
                period_since=r.get("period_since"),
                as_list=bool(r.get("as_list", False)),
                distinct=r.get("distinct"),
            )
            for i, r in enumerate(ind.get("requirements", []))
        )
        since_values = [r.since for r in requirements if r.since is not None]
        since = ind.get("since")
        if since is None and since_values:
            since = min(since_values)
        indicators.append(
            Indicator(
                number=ind["number"],
                area=group_area[ind["group"]],
                group=ind["group"],
                text=ind["text"],
                units=tuple(ind.get("units", [])),
                requirements=requirements,
                onsite=bool(ind.get("onsite", False)),
                shared_with=tuple(sorted(ind.get("shared_with", []))),
                since=since,
                points=ind.get("points", 10),
                units_as_written=ind.get("units_as_written", ""),
                evidence_as_written=ind.get("evidence_as_written", ""),
                notes=tuple(ind.get("notes", [])),
                deadline=parse_deadline(ind["deadline"]) if ind.get("deadline") else None,
                task_id=ind.get("task_id"),
                lead_units=tuple(ind.get("lead_units", [])),
            )
        )
    order = {i.number: pos for pos, i in enumerate(indicators)}
    areas = tuple(
        Area(
            code=a["code"],
            name=a["name"],
            groups=tuple(
                Group(
                    code=g["code"],
                    name=g["name"],
                    area=a["code"],
                    numbers=tuple(
                        sorted((i.number for i in indicators if i.group == g["code"]), key=order.__getitem__)
                    ),
                )
                for g in a["groups"]
            ),
        )
        for a in document["areas"]
    )
    # Catalog order is area → group → the file's order within the group.
    ordered = tuple(next(i for i in indicators if i.number == n) for a in areas for n in a.numbers)
    return Catalog(
        id=document["id"],
        title=document["title"],
        source=document.get("source", ""),
        areas=areas,
        indicators=ordered,
        units=tuple(
            UnitName(u["name"], tuple(u.get("aliases", [])), bool(u.get("collective", False)))
            for u in document.get("units", [])
        ),
        bonus=tuple(
            BonusItem(
                b["id"], b["text"], b["max_points"], tuple(b.get("units", [])), b.get("since"), b.get("year")
            )
            for b in document.get("bonus", [])
        ),
        veto=tuple(VetoItem(v["id"], v["text"]) for v in document.get("veto", [])),
        bonus_cap=document.get("bonus_cap"),
        kind=document.get("kind", "assessment"),
        stages=tuple(Milestone(m["text"], date.fromisoformat(m["due"])) for m in document.get("stages", [])),
        open_questions=tuple(
            OpenQuestion(
                id=q["id"],
                indicator=q["indicator"],
                question=q["question"],
                placements=tuple(
                    Placement(p["group"], p["basis"], p.get("quote", "")) for p in q["placements"]
                ),
                default=q["default"],
                chosen=q.get("chosen"),
            )
            for q in document.get("open_questions", [])
        ),
    )


# -- built-in catalogs ----------------------------------------------------------------------------


def _data_dir() -> Path:
    return Path(str(resources.files("indicator_catalog") / "data"))


def builtin_catalog_ids() -> list[str]:
    return sorted(p.stem for p in _data_dir().glob("*.yaml")) + sorted(
        p.stem for p in _data_dir().glob("*.json")
    )


@lru_cache(maxsize=8)
def load_builtin(catalog_id: str) -> Catalog:
    for suffix in (".yaml", ".json"):
        path = _data_dir() / f"{catalog_id}{suffix}"
        if path.is_file():
            return load_catalog_file(path)
    known = "、".join(builtin_catalog_ids())
    raise FazhiError(f"未知的指标体系：{catalog_id}（内置：{known}）")


def resolve_catalog(id_or_file: str | None) -> Catalog:
    """A built-in catalog by id, or a catalog file by path (default: ``national-2021``)."""
    if not id_or_file:
        return load_builtin(DEFAULT_CATALOG_ID)
    path = Path(id_or_file)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.exists():
        if not path.exists():
            raise CatalogError([CatalogProblem(str(path), "", "文件不存在")])
        return load_catalog_file(path)
    return load_builtin(id_or_file)
