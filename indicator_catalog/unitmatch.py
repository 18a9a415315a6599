"""Matching unit names as counties write them to a county's known units, for the user to confirm.

A catalog names roles (县司法局, 各乡镇); a county writes 司法局, 县市场监管局, 县发改委, 各乡（镇）人民政府,
县住建局（县人防办）. ``match_unit`` proposes candidates with a score and a reason in Chinese, best first;
it never decides: the window or the CLI asks the user. ``COMMON_ALIASES`` is the table of everyday
abbreviations (abbreviation → usual full name); ``parse_unit_rows`` reads a county's unit list (rows of a
spreadsheet as plain values) into plain data. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from indicator_catalog.model import UnitName

# Everyday abbreviation → the usual full name of a county unit (names as used since the 2018–2019
# institutional reform; older names such as 发展和改革委员会 and 卫生健康委员会 are aliases too).
COMMON_ALIASES: dict[str, str] = {
    "县发改委": "县发展和改革局",
    "县发改局": "县发展和改革局",
    "县发展和改革委员会": "县发展和改革局",
    "县市场监管局": "县市场监督管理局",
    "县市监局": "县市场监督管理局",
    "县卫健委": "县卫生健康局",
    "县卫健局": "县卫生健康局",
    "县卫生健康委员会": "县卫生健康局",
    "县卫体局": "县卫生健康和体育局",
    "县住建局": "县住房和城乡建设局",
    "县人防办": "县人民防空办公室",
    "县人社局": "县人力资源和社会保障局",
    "县工信局": "县工业和信息化局",
    "县科工局": "县科学技术和工业信息化局",
    "县文旅局": "县文化和旅游局",
    "县农业局": "县农业农村局",
    "县农委": "县农业农村局",
    "县交通局": "县交通运输局",
    "县医保局": "县医疗保障局",
    "县应急局": "县应急管理局",
    "县退役军人局": "县退役军人事务局",
    "县行政审批局": "县行政审批服务管理局",
    "县审批局": "县行政审批服务管理局",
    "县数据局": "县数据资源管理局",
    "县统计局": "县统计局",
    "县委编办": "县委机构编制委员会办公室",
    "县编办": "县委机构编制委员会办公室",
    "县委政法委": "县委政法委员会",
    "县委依法治县办": "县委依法治县办公室",
    "依法治县办": "县委依法治县办公室",
    "县委巡察办": "县委巡察工作领导小组办公室",
    "巡察办": "县委巡察工作领导小组办公室",
    "县纪委监委机关": "县纪委监委",
    "县法院": "县人民法院",
    "县检察院": "县人民检察院",
    "县政府办": "县政府办公室",
    "县人大常委会办公室": "县人大常委会办公室",
    "人大常委会办公室": "县人大常委会办公室",
    "县政协办": "县政协办公室",
    "县政府": "县人民政府",
    "扫黑办": "县扫黑除恶专项斗争领导小组办公室",
    "县扫黑办": "县扫黑除恶专项斗争领导小组办公室",
    "政协办公室": "县政协办公室",
    # collective names
    "各乡（镇）人民政府": "各乡镇",
    "各乡镇人民政府": "各乡镇",
    "各乡（镇）": "各乡镇",
    "各乡(镇)人民政府": "各乡镇",
    "各乡(镇)": "各乡镇",
    "各镇（园区）": "各乡镇",
    "乡（镇）政府": "各乡镇",
    "乡镇政府": "各乡镇",
    "各镇(园区)": "各乡镇",
    "各镇": "各乡镇",
    "各乡镇街道": "各乡镇",
    "县直各执法单位": "县直各行政执法单位",
    "各行政执法单位": "县直各行政执法单位",
    "县直各行政执法部门": "县直各行政执法单位",
    "县政府各部门": "县政府各工作部门",
    "政府各部门": "县政府各工作部门",
    "县直各部门": "县政府各工作部门",
    "县直各单位": "县直各相关单位",
    "县直有关单位": "县直各相关单位",
    "相关审批部门": "相关审批部门",
}

_LEADING = re.compile(r"^(?:及|和|与|以及|、|，|,)+")
_TRAILING = re.compile(r"(?:等|等单位|等部门|按职责分工负责|分别负责|负责)$")
_BRACKETS = re.compile(r"[（(]([^（）()]+)[)）]")
_BRACKET_KEEP = ("镇", "园区", "乡", "街道")  # 各乡（镇）, 各镇（园区）: part of the name, not a second name


def normalise_unit_name(name: str) -> str:
    """Whitespace, a leading 及/和 and trailing 等/负责 removed; half-width brackets made full-width."""
    text = "".join(name.split()).replace("(", "（").replace(")", "）")
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text)
    return text.strip("，,。；;、")


@dataclass(frozen=True)
class UnitCandidate:
    """A known unit that ``name`` may mean, with how sure the matcher is (0–1) and why."""

    name: str  # the known unit's canonical name
    score: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": round(self.score, 3), "reason": self.reason}


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(char in it for char in short)


def _core(name: str) -> str:
    return name.removeprefix("县").removeprefix("本级")


def match_unit(
    name: str,
    known_units: Sequence[UnitName],
    aliases: Mapping[str, str] | None = None,
    *,
    limit: int = 5,
    threshold: float = 0.45,
) -> list[UnitCandidate]:
    """Candidates among ``known_units`` for a unit written as ``name``, best first (at most ``limit``).

    ``aliases`` is the everyday-abbreviation table (default ``COMMON_ALIASES``): abbreviation → full
    name. A score of 1 is an exact name, about 0.95 a known alias or an abbreviation from the table;
    lower scores are guesses (省略“县”字, 逐字包含, 字面相近) the user must confirm.
    """
    table = COMMON_ALIASES if aliases is None else aliases
    written = normalise_unit_name(name)
    if not written:
        return []
    by_name = {normalise_unit_name(u.name): u for u in known_units}
    by_alias: dict[str, UnitName] = {}
    for unit in known_units:
        for alias in unit.aliases:
            by_alias.setdefault(normalise_unit_name(alias), unit)
    best: dict[str, UnitCandidate] = {}

    def offer(unit: UnitName, score: float, reason: str) -> None:
        current = best.get(unit.name)
        if current is None or score > current.score:
            best[unit.name] = UnitCandidate(unit.name, score, reason)

    def exact(text: str, score: float, how: str) -> bool:
        if text in by_name:
            offer(by_name[text], score, how.rstrip("，") or "名称相同")
            return True
        if text in by_alias:
            offer(by_alias[text], score - 0.02, f"{how}“{text}”是本县“{by_alias[text].name}”的简称")
            return True
        return False

    def table_lookup(text: str, score: float, how: str) -> None:
        target = table.get(text)
        if target is None:
            return
        target = normalise_unit_name(target)
        if not exact(target, score, f"{how}常用简称“{text}”即“{target}”"):
            for unit in known_units:
                core = _core(normalise_unit_name(unit.name))
                if _is_subsequence(_core(target), core) or _is_subsequence(core, _core(target)):
                    offer(
                        unit,
                        score - 0.15,
                        f"{how}常用简称“{text}”通常指“{target}”，与本县的“{unit.name}”相近",
                    )

    # the name itself, then without brackets (县住建局（县人防办）: one unit with two plates)
    forms: list[tuple[str, str]] = [(written, "")]
    brackets = _BRACKETS.findall(written)
    if brackets and not any(b in _BRACKET_KEEP for b in brackets):
        outer = _BRACKETS.sub("", written)
        forms.append((outer, f"括号中的“{'、'.join(brackets)}”是同一单位的另一块牌子，"))
    for text, how in forms:
        bonus = 0.0 if not how else -0.03
        exact(text, 1.0 + bonus, how)
        table_lookup(text, 0.95 + bonus, how)
        if not text.startswith(("县", "各", "市", "省")):
            with_county = "县" + text
            exact(with_county, 0.93 + bonus, f"{how}省略了“县”字，")
            table_lookup(with_county, 0.9 + bonus, f"{how}省略了“县”字，")
    if not best:
        target = _core(forms[-1][0])
        for unit in known_units:
            core = _core(normalise_unit_name(unit.name))
            if len(target) >= 2 and _is_subsequence(target, core):
                offer(
                    unit, 0.8 * len(target) / max(len(core), 1) + 0.2, f"按简称推断：逐字包含于“{unit.name}”"
                )
            ratio = SequenceMatcher(None, target, core).ratio()
            if ratio >= threshold:
                offer(unit, ratio * 0.85, f"字面相近（相似度 {ratio:.2f}）")
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.name))
    return [c for c in ranked if c.score >= threshold * 0.85][:limit]


# -- a county's unit list -------------------------------------------------------------------------


@dataclass
class UnitListEntry:
    """One row of a county's unit list: a unit or a collective name with what it covers."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "unit"  # "unit" | "collective"
    members: list[str] = field(default_factory=list)
    row: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "members": list(self.members),
            "row": self.row,
        }


@dataclass
class UnitList:
    entries: list[UnitListEntry]
    problems: list[str]  # "第 5 行：…" one line each

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [e.to_dict() for e in self.entries], "problems": list(self.problems)}


_HEADER_WORDS = {
    "name": ("单位名称", "名称", "单位", "部门名称", "部门"),
    "aliases": ("简称", "别名", "又称", "其他名称"),
    "kind": ("类型", "类别", "性质"),
    "members": ("包含单位", "成员单位", "涵盖单位", "包括", "成员", "下属单位"),
}
_SPLIT = re.compile(r"[、，,；;/／\n]+")


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _split_names(value: Any) -> list[str]:
    return [n for n in (normalise_unit_name(p) for p in _SPLIT.split(_cell(value))) if n]


def _header(row: Sequence[Any]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, value in enumerate(row):
        text = "".join(_cell(value).split())
        for key, words in _HEADER_WORDS.items():
            if key not in found and text and any(text == w or text.startswith(w) for w in words):
                found[key] = index
                break
    return found if "name" in found else None


def parse_unit_rows(rows: Iterable[Sequence[Any]]) -> UnitList:
    """A county's unit list from spreadsheet rows (values only): header row with 单位名称 and optional
    简称 / 类型 / 包含单位 columns. A filled 包含单位 cell or a 类型 of 集体/统称 makes a collective name;
    without a 类型, a name with 各 or 相关/有关 is one. Duplicates and blank names become problems."""
    entries: list[UnitListEntry] = []
    problems: list[str] = []
    columns: dict[str, int] | None = None
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        values = list(row)
        if columns is None:
            columns = _header(values)
            continue
        if not any(_cell(v) for v in values):
            continue

        def get(key: str, values: list[Any] = values, columns: dict[str, int] = columns) -> Any:
            index = columns.get(key)
            return values[index] if index is not None and index < len(values) else None

        name = normalise_unit_name(_cell(get("name")))
        if not name:
            problems.append(f"第 {number} 行：单位名称为空")
            continue
        if name in seen:
            problems.append(f"第 {number} 行：单位“{name}”重复（第 {seen[name]} 行已有）")
            continue
        seen[name] = number
        members = _split_names(get("members"))
        kind_text = _cell(get("kind"))
        if any(w in kind_text for w in ("集体", "统称", "合称", "类别")) or members:
            collective = True
        elif kind_text:  # 单位 / 部门 / 机关: the county says it is one unit
            collective = False
        else:
            collective = "各" in name or "相关" in name or "有关" in name
        aliases = [a for a in _split_names(get("aliases")) if a != name]
        entries.append(UnitListEntry(name, aliases, "collective" if collective else "unit", members, number))
    if columns is None:
        problems.append("找不到表头（需要“单位名称”列）")
    return UnitList(entries, problems)


def common_units(aliases: Mapping[str, str] | None = None) -> list[UnitName]:
    """The full names of the alias table as units, each with its abbreviations (a starting list for a
    county that has no unit list of its own). Collective names are marked collective."""
    table = COMMON_ALIASES if aliases is None else aliases
    grouped: dict[str, list[str]] = {}
    for alias, full in table.items():
        names = grouped.setdefault(full, [])
        if alias != full and alias not in names:
            names.append(alias)
    return [
        UnitName(full, tuple(names), collective=full.startswith("各") or "相关" in full)
        for full, names in grouped.items()
    ]
