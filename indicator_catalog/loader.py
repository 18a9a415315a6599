"""Loading and validating catalog files (YAML or JSON), and the built-in catalogs.

Every problem names the file, the entry (a JSON-path-like location) and the reason, and validation
collects all problems before it reports, so a county editing the file can fix them in one pass.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from app.errors import FazhiError
from indicator_catalog.model import (
    Area,
    BonusItem,
    Catalog,
    Group,
    Indicator,
    Requirement,
    UnitName,
    VetoItem,
)
from indicator_catalog.schema import CATALOG

DEFAULT_CATALOG_ID = "national-2021"
MAX_CATALOG_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CatalogProblem:
    file: str
    path: str  # e.g. "indicators[25].requirements[0].min_count"
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '(文件)'}: {self.reason}"


class CatalogError(FazhiError):
    """A catalog file is unreadable or invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        more = f"（另有 {len(self.problems) - 1} 个问题）" if len(self.problems) > 1 else ""
        super().__init__(f"指标体系文件无效 {first}{more}")


# -- reading --------------------------------------------------------------------------------------


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
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise CatalogError(
                [CatalogProblem(name, f"第 {exc.lineno} 行第 {exc.colno} 列", f"JSON 格式错误：{exc.msg}")]
            ) from exc
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)  # a SafeLoader: no arbitrary objects
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


# -- validation -----------------------------------------------------------------------------------


def _location(parts: Iterable[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _indicator_label(document: Mapping[str, Any], index: int) -> str:
    try:
        return f"indicators[{index}]（第 {document['indicators'][index]['number']} 项）"
    except (KeyError, IndexError, TypeError):
        return f"indicators[{index}]"


_SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(CATALOG)


def _schema_reason(error: jsonschema.ValidationError) -> str:
    validator = error.validator
    if validator == "required":
        wanted = error.validator_value if isinstance(error.validator_value, list) else []
        missing = [p for p in wanted if isinstance(error.instance, dict) and p not in error.instance]
        return f"缺少字段 {', '.join(missing)}"
    if validator == "additionalProperties":
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
        return f"未知字段 {', '.join(map(str, extra))}"
    if validator == "type":
        return f"类型错误：应为 {error.validator_value}，实际为 {error.instance!r}"
    if validator == "minLength":
        return "文本为空"
    if validator == "minimum":
        return f"数值 {error.instance!r} 小于 {error.validator_value}"
    if validator == "maximum":
        return f"数值 {error.instance!r} 大于 {error.validator_value}"
    if validator == "minItems":
        return "列表为空"
    if validator == "pattern":
        return f"格式不符：{error.instance!r}"
    return error.message


def validate_document(document: Any, source_name: str = "<catalog>") -> list[CatalogProblem]:
    """Every problem in a parsed catalog document (empty list if it is valid)."""
    problems: list[CatalogProblem] = []

    def add(path: str, reason: str) -> None:
        problems.append(CatalogProblem(source_name, path, reason))

    if not isinstance(document, dict):
        add("", "顶层应为对象（id, title, areas, indicators …）")
        return problems

    for error in sorted(_SCHEMA_VALIDATOR.iter_errors(document), key=lambda e: list(map(str, e.path))):
        parts = list(error.path)
        path = _location(parts)
        if len(parts) >= 2 and parts[0] == "indicators" and isinstance(parts[1], int):
            rest = _location(parts[2:])
            separator = "." if rest and not rest.startswith("[") else ""
            path = _indicator_label(document, parts[1]) + separator + rest
        add(path, _schema_reason(error))
    if problems:
        return problems  # semantic checks assume the structure is right

    # areas and groups
    area_codes = Counter(a["code"] for a in document["areas"])
    for index, area in enumerate(document["areas"]):
        if area_codes[area["code"]] > 1:
            add(f"areas[{index}].code", f"一级指标编号重复：{area['code']}")
    group_area: dict[str, str] = {}
    for a_index, area in enumerate(document["areas"]):
        for g_index, group in enumerate(area["groups"]):
            if group["code"] in group_area:
                add(f"areas[{a_index}].groups[{g_index}].code", f"二级指标编号重复：{group['code']}")
            group_area[group["code"]] = area["code"]

    # units vocabulary
    unit_names: set[str] = set()
    seen_names: dict[str, int] = {}
    for index, unit in enumerate(document.get("units") or []):
        for name in (unit["name"], *unit.get("aliases", [])):
            key = "".join(name.split())
            if key in seen_names and seen_names[key] != index:
                add(f"units[{index}]", f"单位名称或简称重复：{name}")
            seen_names[key] = index
            unit_names.add(key)

    # indicators
    numbers = Counter(i["number"] for i in document["indicators"])
    for index, ind in enumerate(document["indicators"]):
        label = _indicator_label(document, index)
        number = ind["number"]
        if numbers[number] > 1:
            add(f"{label}.number", f"三级指标编号重复：{number}")
        group = ind["group"]
        if group not in group_area:
            add(f"{label}.group", f"未知的上级（二级指标）：{group}")
        elif "area" in ind and ind["area"] != group_area[group]:
            add(
                f"{label}.area",
                f"一级指标 {ind['area']} 与二级指标 {group} 所属的 {group_area[group]} 不一致",
            )
        for s_index, other in enumerate(ind.get("shared_with", [])):
            if other == number:
                add(f"{label}.shared_with[{s_index}]", "合并提供不能指向自身")
            elif other not in numbers:
                add(f"{label}.shared_with[{s_index}]", f"合并提供指向不存在的指标：{other}")
        if unit_names:
            for u_index, unit in enumerate(ind.get("units", [])):
                if "".join(unit.split()) not in unit_names:
                    add(f"{label}.units[{u_index}]", f"未知的责任单位：{unit}")
        keys = Counter(r.get("key") for r in ind.get("requirements", []) if r.get("key"))
        for r_index, req in enumerate(ind.get("requirements", [])):
            if req.get("key") and keys[req["key"]] > 1:
                add(f"{label}.requirements[{r_index}].key", f"资料要求编号重复：{req['key']}")
        reqs = ind.get("requirements", [])
        if ind.get("onsite") and reqs and not all(r.get("onsite") for r in reqs):
            add(f"{label}.onsite", "标记为实地核查，但资料要求中有非实地核查的项目")
        since_values = [r["since"] for r in reqs if r.get("since") is not None]
        if ind.get("since") is not None and since_values and ind["since"] > min(since_values):
            add(f"{label}.since", f"起始年份 {ind['since']} 晚于资料要求中的 {min(since_values)}")

    # shared_with must be symmetric: evidence of a 合并提供 group counts for every member
    shared = {i["number"]: set(i.get("shared_with", [])) for i in document["indicators"]}
    for index, ind in enumerate(document["indicators"]):
        for other in ind.get("shared_with", []):
            if other in shared and ind["number"] not in shared[other]:
                add(
                    f"{_indicator_label(document, index)}.shared_with",
                    f"合并提供不对称：第 {other} 项未列出第 {ind['number']} 项",
                )

    # group.numbers, where given, must agree with the indicators' stored parents
    for a_index, area in enumerate(document["areas"]):
        for g_index, group in enumerate(area["groups"]):
            if "numbers" in group:
                actual = sorted(i["number"] for i in document["indicators"] if i["group"] == group["code"])
                if sorted(group["numbers"]) != actual:
                    add(
                        f"areas[{a_index}].groups[{g_index}].numbers",
                        f"与各指标的上级不一致：列出 {sorted(group['numbers'])}，实际 {actual}",
                    )
    used_groups = {i["group"] for i in document["indicators"]}
    for a_index, area in enumerate(document["areas"]):
        for g_index, group in enumerate(area["groups"]):
            if group["code"] not in used_groups:
                add(f"areas[{a_index}].groups[{g_index}]", f"二级指标 {group['code']} 下没有三级指标")

    for kind in ("bonus", "veto"):
        ids = Counter(item["id"] for item in document.get(kind, []))
        for index, item in enumerate(document.get(kind, [])):
            if ids[item["id"]] > 1:
                add(f"{kind}[{index}].id", f"编号重复：{item['id']}")
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
            BonusItem(b["id"], b["text"], b["max_points"], tuple(b.get("units", [])))
            for b in document.get("bonus", [])
        ),
        veto=tuple(VetoItem(v["id"], v["text"]) for v in document.get("veto", [])),
        bonus_cap=document.get("bonus_cap"),
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
