"""Catalog files: validation names the file, the entry and the reason, and reports every problem at once."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicator_catalog import (
    Catalog,
    CatalogError,
    CatalogProblem,
    catalog_from_document,
    load_catalog_file,
    resolve_catalog,
    validate_document,
)

Document = dict[str, Any]


def base_document() -> Document:
    """A small valid catalog: 2 areas, 3 groups, 6 indicators, a 合并提供 pair {3, 4}, B1/B2, V1/V2."""

    def indicator(number: int, group: str, **extra: Any) -> Document:
        return {
            "number": number,
            "group": group,
            "text": f"第{number}项指标内容。",
            "units": ["县司法局"],
            "requirements": [{"key": f"{number}.1", "text": f"第{number}项资料", "min_count": None}],
            **extra,
        }

    return {
        "id": "tiny",
        "title": "测试指标体系",
        "units": [
            {"name": "县司法局", "aliases": [], "collective": False},
            {"name": "县发展和改革局", "aliases": ["县发改局"], "collective": False},
            {"name": "各乡镇", "aliases": [], "collective": True},
        ],
        "areas": [
            {
                "code": "一",
                "name": "政府职能依法全面履行",
                "groups": [
                    {"code": "一.1", "name": "加大简政放权力度"},
                    {"code": "一.2", "name": "优化公共服务"},
                ],
            },
            {
                "code": "二",
                "name": "依法行政制度体系完善",
                "groups": [{"code": "二.1", "name": "规范性文件"}],
            },
        ],
        "indicators": [
            indicator(1, "一.1"),
            indicator(2, "一.1", units=["县发展和改革局", "各乡镇"]),
            indicator(3, "一.2", shared_with=[4]),
            indicator(4, "一.2", shared_with=[3]),
            indicator(5, "二.1", since=2020),
            indicator(6, "二.1", onsite=True, requirements=[{"text": "实地核查", "onsite": True}]),
        ],
        "bonus": [
            {"id": "B1", "text": "获得省部级以上表彰", "max_points": 10, "units": ["各乡镇"]},
            {"id": "B2", "text": "经验在全国推广", "max_points": 10},
        ],
        "veto": [{"id": "V1", "text": "发生严重违法行政行为"}, {"id": "V2", "text": "申报材料弄虚作假"}],
    }


def write_yaml(folder: Path, document: Any, name: str = "broken.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(path: Path) -> tuple[CatalogError, list[CatalogProblem]]:
    with pytest.raises(CatalogError) as caught:
        load_catalog_file(path)
    return caught.value, caught.value.problems


def test_base_document_is_valid(tmp_path: Path) -> None:
    catalog = load_catalog_file(write_yaml(tmp_path, base_document(), "good.yaml"))
    assert catalog.counts == {"areas": 2, "groups": 3, "indicators": 6, "bonus": 2, "veto": 2}
    assert catalog.indicator(3).shared_with == (4,)
    assert catalog.group("一.2").numbers == (3, 4)
    assert catalog.resolve_unit("县发改局") is not None
    assert catalog.indicator(6).onsite is True


def _set(path: list[Any], value: Any) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        target: Any = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        target: Any = document
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return mutate


def _add_group(document: Document) -> None:
    document["areas"][0]["groups"].append({"code": "一.3", "name": "空的二级指标"})


def _asymmetric(document: Document) -> None:
    document["indicators"][3]["shared_with"] = []


BROKEN: list[tuple[str, Callable[[Document], None], str, str]] = [
    (
        "duplicate number",
        _set(["indicators", 1, "number"], 1),
        "indicators[1]（第 1 项）.number",
        "三级指标编号重复：1",
    ),
    (
        "unknown parent group",
        _set(["indicators", 2, "group"], "九.9"),
        "indicators[2]（第 3 项）.group",
        "未知的上级（二级指标）：九.9",
    ),
    ("missing text", _delete(["indicators", 0, "text"]), "indicators[0]（第 1 项）", "缺少字段 text"),
    ("empty text", _set(["indicators", 4, "text"], ""), "indicators[4]（第 5 项）.text", "文本为空"),
    ("blank text", _set(["indicators", 4, "text"], "   "), "indicators[4]（第 5 项）.text", "文本为空"),
    (
        "count zero",
        _set(["indicators", 0, "requirements", 0, "min_count"], 0),
        "indicators[0]（第 1 项）.requirements[0].min_count",
        "数值 0 小于 1",
    ),
    (
        "count ten",
        _set(["indicators", 0, "requirements", 0, "min_count"], "ten"),
        "indicators[0]（第 1 项）.requirements[0].min_count",
        "类型错误：应为整数或null，实际为 'ten'",
    ),
    (
        "unknown unit",
        _set(["indicators", 1, "units"], ["县发展和改革局", "县不存在局"]),
        "indicators[1]（第 2 项）.units[1]",
        "未知的责任单位：县不存在局",
    ),
    (
        "asymmetric shared_with",
        _asymmetric,
        "indicators[2]（第 3 项）.shared_with",
        "合并提供不对称：第 3 项列出第 4 项，但第 4 项未列出第 3 项",
    ),
    (
        "shared_with missing",
        _set(["indicators", 0, "shared_with"], [99]),
        "indicators[0]（第 1 项）.shared_with[0]",
        "合并提供指向不存在的指标：99",
    ),
    (
        "shared_with self",
        _set(["indicators", 0, "shared_with"], [1]),
        "indicators[0]（第 1 项）.shared_with[0]",
        "合并提供不能指向自身",
    ),
    ("group without indicators", _add_group, "areas[0].groups[2]", "二级指标 一.3 下没有三级指标"),
    (
        "group numbers disagree",
        _set(["areas", 0, "groups", 0, "numbers"], [1, 2, 5]),
        "areas[0].groups[0].numbers",
        "与各指标的上级不一致：列出 [1, 2, 5]，实际 [1, 2]",
    ),
    (
        "unknown field typo",
        _set(["indicators", 0, "requirements", 0, "min_cout"], 3),
        "indicators[0]（第 1 项）.requirements[0]",
        "未知字段 min_cout",
    ),
    ("top-level typo", _set(["bonus_cp"], 20), "(文件)", "未知字段 bonus_cp"),
    ("duplicate bonus id", _set(["bonus", 1, "id"], "B1"), "bonus[1].id", "编号重复：B1"),
    (
        "bad veto id",
        _set(["veto", 0, "id"], "X1"),
        "veto[0].id",
        "否决项编号应为 V1、V2 … 的形式，实际为 'X1'",
    ),
    ("bad bonus id", _set(["bonus", 0, "id"], "加分1"), "bonus[0].id", "加分项编号应为 B1、B2"),
    ("duplicate area code", _set(["areas", 1, "code"], "一"), "areas[1].code", "一级指标编号重复：一"),
    (
        "area disagrees with group",
        _set(["indicators", 0, "area"], "二"),
        "indicators[0]（第 1 项）.area",
        "一级指标 二 与二级指标 一.1 所属的 一 不一致",
    ),
    (
        "onsite with documents",
        _set(["indicators", 0, "onsite"], True),
        "indicators[0]（第 1 项）.onsite",
        "标记为实地核查，但资料要求中有非实地核查的项目",
    ),
    ("since later than requirement", _set(["indicators", 0, "requirements", 0, "since"], 2019), "", ""),
    (
        "duplicate alias",
        _set(["units", 2, "aliases"], ["县发改局"]),
        "units[2]",
        "单位名称或简称重复：县发改局",
    ),
    (
        "unknown bonus unit",
        _set(["bonus", 1, "units"], ["县不存在局"]),
        "bonus[1].units[0]",
        "未知的责任单位：县不存在局",
    ),
    (
        "duplicate requirement key",
        _set(
            ["indicators", 5, "requirements"],
            [{"key": "k", "text": "a", "onsite": True}, {"key": "k", "text": "b", "onsite": True}],
        ),
        "indicators[5]（第 6 项）.requirements[1].key",
        "资料要求编号重复：k",
    ),
    ("missing indicators", _delete(["indicators"]), "(文件)", "缺少字段 indicators"),
    ("bad id", _set(["id"], "全国 2021"), "id", "id 只能由字母、数字和 . _ - 组成"),
    (
        "year out of range",
        _set(["indicators", 4, "since"], 1900),
        "indicators[4]（第 5 项）.since",
        "数值 1900 小于 1990",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "where", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_catalog_names_file_entry_and_reason(
    tmp_path: Path, case: str, mutate: Callable[[Document], None], where: str, reason: str
) -> None:
    document = base_document()
    if case == "since later than requirement":
        document["indicators"][0]["since"] = 2021
        where, reason = "indicators[0]（第 1 项）.since", "起始年份 2021 晚于资料要求中的 2019"
    mutate(document)
    path = write_yaml(tmp_path, document, "县里改过的指标.yaml")
    error, problems = problems_of(path)
    lines = [str(p) for p in problems]
    expected = f"{path}: {where}: {reason}"
    assert any(line.startswith(expected) for line in lines), lines
    assert all(p.file == str(path) for p in problems)
    # the one-line message of the error names the file too
    assert str(path) in str(error) and "\n" not in str(error)


FILE_PROBLEMS: list[tuple[str, bytes, str, str]] = [
    (
        "bad yaml syntax",
        "id: x\ntitle: t\nareas:\n  - code: 一\n    name: [未闭合\nindicators: []\n".encode(),
        "第 6 行",
        "YAML 格式错误",
    ),
    (
        "duplicate yaml key",
        b"id: x\ntitle: t\nid: y\nareas: []\nindicators: []\n",
        "第 3 行第 1 列",
        "YAML 格式错误：键 'id' 重复（第 1 行已有）",
    ),
    ("bad json", b'{\n  "id": "x",\n  "title": "t",\n  "areas": [,]\n}\n', "第 4 行", "JSON 格式错误"),
    ("empty file", b"", "(文件)", "文件为空"),
    ("blank file", b"  \n\n ", "(文件)", "文件为空"),
    ("not utf-8", "id: 测试\ntitle: 指标体系\n".encode("gbk"), "(文件)", "不是 UTF-8 编码的文本文件"),
    (
        "top-level list",
        "- 一\n- 二\n".encode(),
        "(文件)",
        "顶层应为对象（id, title, areas, indicators …），实际为 list",
    ),
    (
        "top-level scalar",
        "就是一句话\n".encode(),
        "(文件)",
        "顶层应为对象（id, title, areas, indicators …），实际为 str",
    ),
]


@pytest.mark.parametrize(
    ("case", "content", "where", "reason"), FILE_PROBLEMS, ids=[f[0] for f in FILE_PROBLEMS]
)
def test_unreadable_file_names_file_place_and_reason(
    tmp_path: Path, case: str, content: bytes, where: str, reason: str
) -> None:
    path = tmp_path / ("catalog.json" if case == "bad json" else "catalog.yaml")
    path.write_bytes(content)
    error, problems = problems_of(path)
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}: {where}"), str(problems[0])
    assert reason in problems[0].reason
    assert str(path) in str(error)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    document = base_document()
    document["indicators"][0]["requirements"][0]["min_cout"] = 3  # schema: unknown field
    document["indicators"][1]["text"] = ""  # schema: empty text
    document["indicators"][2]["number"] = 5  # semantic: duplicate of 5 (and 4 now lists a missing 3)
    document["indicators"][5]["group"] = "九.9"  # semantic: unknown parent
    document["veto"][1]["id"] = "V1"  # semantic: duplicate veto id
    path = write_yaml(tmp_path, document)
    error, problems = problems_of(path)
    reasons = [p.reason for p in problems]
    assert any(r.startswith("未知字段 min_cout") for r in reasons)
    assert "文本为空" in reasons
    assert reasons.count("三级指标编号重复：5") == 2
    assert "合并提供指向不存在的指标：3" in reasons
    assert "未知的上级（二级指标）：九.9" in reasons
    assert "编号重复：V1" in reasons
    assert f"另有 {len(problems) - 1} 个问题" in str(error)
    # validate_document gives the same list without raising
    assert validate_document(document, str(path)) == problems


def test_broken_entries_of_wrong_type_do_not_crash_the_checks(tmp_path: Path) -> None:
    document = base_document()
    document["indicators"].append("not an object")
    document["indicators"][0]["shared_with"] = "3"
    document["areas"][1]["groups"] = None
    document["units"][0] = 7
    problems = validate_document(document, "x.yaml")
    paths = {p.path for p in problems}
    assert "indicators[6]" in paths
    assert "indicators[0]（第 1 项）.shared_with" in paths
    assert "areas[1].groups" in paths
    assert "units[0]" in paths
    assert "indicators[4]（第 5 项）.group" in paths  # 二.1 is gone with the groups: unknown parent


def synthetic_document(areas: int, groups: int, indicators: int) -> Document:
    """A catalog with the given counts; numbers run on across groups like the real guides."""
    group_codes: list[tuple[str, str]] = []
    area_list = []
    for a in range(areas):
        code = f"A{a + 1}"
        count = groups // areas + (1 if a < groups % areas else 0)
        entries = [{"code": f"{code}.{g + 1}", "name": f"二级指标{code}.{g + 1}"} for g in range(count)]
        group_codes += [(code, e["code"]) for e in entries]
        area_list.append({"code": code, "name": f"一级指标{a + 1}", "groups": entries})
    items = [
        {
            "number": n + 1,
            "group": group_codes[n % len(group_codes)][1],
            "text": f"三级指标{n + 1}",
            "requirements": [{"text": f"资料{n + 1}", "min_count": (n % 7) or None}],
        }
        for n in range(indicators)
    ]
    return {"id": "newer-guide", "title": "新版指标体系", "areas": area_list, "indicators": items}


def test_a_10_34_104_catalog_loads_with_its_own_counts(tmp_path: Path) -> None:
    document = synthetic_document(10, 34, 104)
    catalog = load_catalog_file(write_yaml(tmp_path, document, "newer.yaml"))
    assert catalog.counts == {"areas": 10, "groups": 34, "indicators": 104, "bonus": 0, "veto": 0}
    assert catalog.max_points == 1040
    assert len({n for g in catalog.groups for n in g.numbers}) == 104
    # parents are stored, not derived from number ranges: 104 lands in the second group (103 % 34 == 1)
    assert catalog.indicator(104).group == "A1.2"
    assert catalog.indicator(104).area == "A1"
    assert catalog.group("A10.3").numbers == (34, 68, 102)
    # the same catalog written as JSON (as `catalog show --json` prints it) loads equal
    json_path = tmp_path / "newer.json"
    json_path.write_text(json.dumps(catalog.to_dict(), ensure_ascii=False), encoding="utf-8")
    assert load_catalog_file(json_path) == catalog


def test_to_dict_is_itself_a_valid_catalog(tmp_path: Path) -> None:
    catalog = catalog_from_document(base_document(), "tiny")
    document = catalog.to_dict()
    assert validate_document(document, "show.json") == []
    again = catalog_from_document(copy.deepcopy(document), "show.json")
    assert again == catalog
    assert again.to_dict() == document


def test_utf8_bom_and_json_files_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + yaml.safe_dump(base_document(), allow_unicode=True).encode("utf-8"))
    assert isinstance(load_catalog_file(path), Catalog)


def test_resolve_catalog_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        resolve_catalog(str(tmp_path / "无此文件.yaml"))
    assert str(tmp_path / "无此文件.yaml") in str(caught.value)
    assert "文件不存在" in str(caught.value)


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*prefix, index))
    return found


_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.text(max_size=4),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["code", "name", "number", "group", "text", "id", "units"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(_paths(base_document())), _JUNK, st.booleans()), min_size=1, max_size=4
    )
)
def test_validation_never_crashes_and_accepted_documents_build(
    mutations: list[tuple[Any, Any, bool]],
) -> None:
    """Semantic checks run on half-broken documents too, so they must tolerate any shape."""
    document = base_document()
    for path, value, delete in mutations:
        target: Any = document
        try:
            for part in path[:-1]:
                target = target[part]
            if delete:
                del target[path[-1]]
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    problems = validate_document(document, "fuzz.yaml")
    assert all(p.file == "fuzz.yaml" and "\n" not in str(p) for p in problems)
    if not problems:
        assert isinstance(catalog_from_document(document, "fuzz.yaml"), Catalog)
