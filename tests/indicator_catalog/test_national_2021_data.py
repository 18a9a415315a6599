"""Checks the transcribed national-2021 catalog data file against its source seed document.

The YAML is read with ``yaml.safe_load`` directly, so these tests need no project code.
The source is ``shared/seeds/003_8acec550fb7b6c8b.txt`` (陵政发〔2022〕15号, 附件1 and 附件2).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve()
CATALOG_PATH = HERE.parents[2] / "indicator_catalog" / "data" / "national-2021.yaml"
SEED_PATH = HERE.parents[3] / "shared" / "seeds" / "003_8acec550fb7b6c8b.txt"

TOP_KEYS = [
    "schema_version",
    "kind",
    "id",
    "title",
    "source",
    "units",
    "areas",
    "indicators",
    "bonus",
    "veto",
    "open_questions",
]
INDICATOR_KEYS = [
    "number",
    "group",
    "text",
    "units_as_written",
    "units",
    "evidence_as_written",
    "requirements",
    "onsite",
    "shared_with",
    "since",
    "points",
    "notes",
]
REQUIREMENT_KEYS = [
    "key",
    "text",
    "min_count",
    "needs_url",
    "needs_contact",
    "onsite",
    "since",
    "year",
    "period",
    "period_since",
    "as_list",
    "distinct",
]
COLLECTIVES = [
    "各乡镇",
    "县直各行政执法单位",
    "县政府各工作部门",
    "相关审批部门",
    "重大行政决策承办单位",
    "重大行政决策执行单位",
    "各相关部门",
    "县直各相关单位",
    "各相关单位",
    "县政府相关部门",
    "县政府各相关部门",
]


@pytest.fixture(scope="module")
def catalog() -> dict[str, Any]:
    with CATALOG_PATH.open(encoding="utf-8") as fh:
        document: dict[str, Any] = yaml.safe_load(fh)
    return document


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed document not found at {SEED_PATH}: cannot compare the catalog with its source")
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def by_number(catalog: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {ind["number"]: ind for ind in catalog["indicators"]}


@pytest.fixture(scope="module")
def unit_names(catalog: dict[str, Any]) -> set[str]:
    return {u["name"] for u in catalog["units"]}


def _req(ind: dict[str, Any], key: str) -> dict[str, Any]:
    for r in ind["requirements"]:
        if r["key"] == key:
            found: dict[str, Any] = r
            return found
    raise AssertionError(f"indicator {ind['number']} has no requirement {key}")


# -- structure -------------------------------------------------------------------------------------


def test_top_level_keys_and_identity(catalog: dict[str, Any]) -> None:
    assert list(catalog) == TOP_KEYS
    assert catalog["id"] == "national-2021"
    assert catalog["title"] == "市县法治政府建设示范指标体系（2021年版）"
    assert "陵政发〔2022〕15号" in catalog["source"]


def test_nine_areas_and_thirty_two_groups(catalog: dict[str, Any]) -> None:
    areas = catalog["areas"]
    assert [a["code"] for a in areas] == list("一二三四五六七八九")
    groups = [g for a in areas for g in a["groups"]]
    assert len(groups) == 32
    assert len({g["code"] for g in groups}) == 32
    for a in areas:
        for i, g in enumerate(a["groups"], 1):
            assert g["code"] == f"{a['code']}.{i}"
            assert not g["name"].endswith("。") and not re.match(r"^\d", g["name"])
        assert "、" not in a["name"][:2]


def test_numbers_one_to_hundred_exactly_once(catalog: dict[str, Any]) -> None:
    numbers = [ind["number"] for ind in catalog["indicators"]]
    assert sorted(numbers) == list(range(1, 101))
    assert numbers == list(range(1, 101))  # kept in catalog order


def test_every_indicator_has_the_schema_keys_in_order(catalog: dict[str, Any]) -> None:
    for ind in catalog["indicators"]:
        assert list(ind) == INDICATOR_KEYS, ind["number"]
        assert ind["points"] == 10
        assert ind["requirements"], ind["number"]
        for r in ind["requirements"]:
            assert list(r) == REQUIREMENT_KEYS, (ind["number"], r)
            assert isinstance(r["needs_url"], bool) and isinstance(r["needs_contact"], bool)
            assert isinstance(r["onsite"], bool)
            assert r["min_count"] is None or (isinstance(r["min_count"], int) and r["min_count"] > 0)
            assert r["since"] is None or 2019 <= r["since"] <= 2022
            assert r["year"] is None or 2019 <= r["year"] <= 2022
            assert r["period"] in (None, "quarterly", "annual")
            assert isinstance(r["as_list"], bool)


def test_every_group_is_used_and_parents_exist(catalog: dict[str, Any]) -> None:
    codes = {g["code"] for a in catalog["areas"] for g in a["groups"]}
    used = Counter(ind["group"] for ind in catalog["indicators"])
    assert set(used) == codes
    # group order follows the numbering
    order = [g["code"] for a in catalog["areas"] for g in a["groups"]]
    seq = [order.index(ind["group"]) for ind in catalog["indicators"]]
    assert seq == sorted(seq)


@pytest.mark.parametrize(
    ("group", "numbers"),
    [
        ("一.1", [1, 2, 3, 4, 5]),
        ("一.3", [9, 10, 11]),
        ("二.3", [26, 27, 28, 29]),
        ("三.4", [41, 42]),
        ("三.5", [43, 44]),
        ("四.3", [55, 56, 57, 58]),
        ("四.6", [65, 66, 67, 68, 69]),
        ("五.2", [75]),
        ("九.2", [99, 100]),
    ],
)
def test_group_boundaries(catalog: dict[str, Any], group: str, numbers: list[int]) -> None:
    assert [i["number"] for i in catalog["indicators"] if i["group"] == group] == numbers


# -- verbatim against the seed ---------------------------------------------------------------------


def test_indicator_texts_verbatim_in_their_own_row(catalog: dict[str, Any], seed: str) -> None:
    lines = seed.split("\n")
    for ind in catalog["indicators"]:
        n, text = ind["number"], ind["text"]
        assert text in seed, n
        rows = [ln for ln in lines if text in ln]
        assert any(re.search(rf"(^|\t){n}(\t| ){re.escape(text)}", ln) for ln in rows), n


def test_cells_as_written_verbatim(catalog: dict[str, Any], seed: str) -> None:
    for ind in catalog["indicators"]:
        for field in ("units_as_written", "evidence_as_written"):
            value = ind[field]
            if value:
                assert f"\t{value}" in seed, (ind["number"], field)


def test_requirement_texts_verbatim(catalog: dict[str, Any], seed: str) -> None:
    for ind in catalog["indicators"]:
        for r in ind["requirements"]:
            assert r["text"] and r["text"] == r["text"].strip(), (ind["number"], r["key"])
            assert not r["text"].endswith("；")
            assert r["text"] in seed, (ind["number"], r["key"])


def test_area_and_group_names_verbatim(catalog: dict[str, Any], seed: str) -> None:
    for a in catalog["areas"]:
        assert f"{a['code']}、{a['name']}\t" in seed
        for g in a["groups"]:
            assert f"{g['code'].split('.')[1]}. {g['name']}。" in seed


def test_bonus_and_veto_verbatim(catalog: dict[str, Any], seed: str) -> None:
    assert [b["id"] for b in catalog["bonus"]] == ["B1", "B2"]
    assert [v["id"] for v in catalog["veto"]] == ["V1", "V2"]
    for item in catalog["bonus"] + catalog["veto"]:
        assert item["text"] in seed, item["id"]
    for b in catalog["bonus"]:
        assert list(b) == ["id", "text", "max_points", "units", "since", "year"]
        assert b["max_points"] == 10
        assert b["units"] == ["各乡镇", "县直各行政执法单位"]
    for v in catalog["veto"]:
        assert list(v) == ["id", "text"]
    assert catalog["bonus"][0]["text"].startswith("2019年以来法治政府建设有关工作获得的省部级以上的表彰奖励")
    assert catalog["veto"][1]["text"].startswith("在示范创建活动的申报材料中，故意编造")


# -- units -----------------------------------------------------------------------------------------


def test_unit_vocabulary_is_consistent(catalog: dict[str, Any]) -> None:
    seen: Counter[str] = Counter()
    for u in catalog["units"]:
        assert list(u) == ["name", "aliases", "collective"]
        assert isinstance(u["collective"], bool)
        seen.update([u["name"], *u["aliases"]])
    assert [k for k, c in seen.items() if c > 1] == []
    collective = {u["name"] for u in catalog["units"] if u["collective"]}
    assert set(COLLECTIVES) <= collective


def test_indicator_units_are_canonical_names(catalog: dict[str, Any], unit_names: set[str]) -> None:
    for ind in catalog["indicators"]:
        assert ind["units"], ind["number"]
        for unit in ind["units"]:
            assert unit in unit_names, (ind["number"], unit)
    for b in catalog["bonus"]:
        assert set(b["units"]) <= unit_names


def test_units_as_written_map_to_units(catalog: dict[str, Any]) -> None:
    lookup = {}
    for u in catalog["units"]:
        for name in (u["name"], *u["aliases"]):
            lookup[name] = u["name"]
    for ind in catalog["indicators"]:
        written = ind["units_as_written"]
        if not written:
            continue
        tokens = written.replace(
            "重大行政决策承办单位、 执行单位", "重大行政决策承办单位 重大行政决策执行单位"
        ).split()
        # "及相关审批部门": the 及 is the sentence's conjunction, not part of the name
        assert [lookup.get(t) or lookup[t.removeprefix("及")] for t in tokens] == ind["units"], ind["number"]


def test_only_national_roles(catalog: dict[str, Any], seed: str) -> None:
    """Every unit of the vocabulary is named by 附件1's 责任单位 column: 附件2 (陵川's leading group) is
    county data, and so are units like 市生态环境局陵川分局."""
    named = {u for ind in catalog["indicators"] for u in ind["units"]}
    named |= {u for b in catalog["bonus"] for u in b["units"]}
    assert {u["name"] for u in catalog["units"]} == named
    vocabulary = json.dumps(catalog["units"], ensure_ascii=False) + json.dumps(
        sorted(named), ensure_ascii=False
    )
    for leftover in ("陵川", "及相关审批部门", "及政府各工作部门", "及县直各相关单位"):
        assert leftover not in vocabulary, leftover
    for unit in catalog["units"]:
        assert not unit["name"].startswith("及") and "陵川" not in unit["name"]
        assert all(not a.startswith("及") for a in unit["aliases"]), unit


def test_every_annex2_unit_that_is_a_role_is_known(catalog: dict[str, Any], seed: str) -> None:
    known = {n for u in catalog["units"] for n in (u["name"], *u["aliases"])}
    lines = [ln.strip() for ln in seed.split("\n") if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("成 员："))
    text = lines[start].split("：", 1)[1] + "、" + lines[start + 1]
    names = [re.sub(r"(分管|主要)负责人。$", "", n).strip() for n in text.split("、")]
    assert len(names) >= 40
    table = seed[seed.index("附件 1") : seed.index("附件 2")]
    roles = [n for n in names if n and (n in table or n.replace("县", "", 1) in table)]
    assert "县司法局" in roles and "市生态环境局陵川分局" not in roles
    assert [n for n in roles if n not in known] == []
    assert "市生态环境局陵川分局" not in known


# -- sharing, since, onsite ------------------------------------------------------------------------


def test_shared_with_is_symmetric_sorted_and_not_self(by_number: dict[int, dict[str, Any]]) -> None:
    for n, ind in by_number.items():
        assert ind["shared_with"] == sorted(set(ind["shared_with"])), n
        assert n not in ind["shared_with"]
        for other in ind["shared_with"]:
            assert n in by_number[other]["shared_with"], (n, other)


def test_requirement_keys_come_from_self_or_shared(by_number: dict[int, dict[str, Any]]) -> None:
    for n, ind in by_number.items():
        keys = [r["key"] for r in ind["requirements"]]
        assert len(keys) == len(set(keys)), n
        for key in keys:
            owner, index = key.split(".")
            assert int(index) >= 1
            assert int(owner) == n or int(owner) in ind["shared_with"], (n, key)


def test_shared_items_are_identical_copies(by_number: dict[int, dict[str, Any]]) -> None:
    items: dict[str, dict[str, Any]] = {}
    for ind in by_number.values():
        for r in ind["requirements"]:
            items.setdefault(r["key"], r)
            assert items[r["key"]] == r, r["key"]


def test_onsite_and_since_are_derived(by_number: dict[int, dict[str, Any]]) -> None:
    for n, ind in by_number.items():
        reqs = ind["requirements"]
        assert ind["onsite"] == all(r["onsite"] for r in reqs), n
        years = [r["since"] for r in reqs if r["since"] is not None]
        assert ind["since"] == (min(years) if years else None), n
        for r in reqs:
            assert r["onsite"] == (r["text"] == "实地核查")
            assert r["needs_url"] == ("网址" in r["text"]), r["key"]
            assert r["needs_contact"] == ("联系方式" in r["text"]), r["key"]


def test_empty_evidence_cells_are_shared_and_noted(by_number: dict[int, dict[str, Any]]) -> None:
    empty = [n for n, ind in by_number.items() if ind["evidence_as_written"] == ""]
    assert empty == [
        27,
        28,
        29,
        35,
        37,
        38,
        39,
        40,
        41,
        43,
        44,
        45,
        46,
        48,
        49,
        50,
        51,
        53,
        54,
        56,
        69,
        72,
        89,
        90,
    ]
    for n in empty:
        ind = by_number[n]
        assert ind["shared_with"] and ind["notes"], n
        assert any("为空" in note for note in ind["notes"]), n


# -- sample facts ----------------------------------------------------------------------------------


def test_fact_26_to_29_share_ten_opinions(by_number: dict[int, dict[str, Any]]) -> None:
    assert by_number[26]["shared_with"] == [27, 28, 29]
    assert by_number[29]["shared_with"] == [26, 27, 28]
    for n in (26, 27, 28, 29):
        assert [r["key"] for r in by_number[n]["requirements"]] == ["26.1"]
        assert by_number[n]["requirements"][0]["min_count"] == 10
        assert by_number[n]["since"] == 2020


def test_fact_1_is_site_inspection(by_number: dict[int, dict[str, Any]]) -> None:
    ind = by_number[1]
    assert ind["onsite"] is True
    assert ind["units"] == ["县行政审批服务管理局", "相关审批部门"]
    assert ind["units_as_written"] == "县行政审批服务管理局 及相关审批部门"
    assert [r["key"] for r in ind["requirements"]] == ["1.1"]
    onsite = [n for n, i in by_number.items() if i["onsite"]]
    assert onsite == [1, 5, 18, 57, 58, 59, 64, 67, 83]


def test_fact_3_needs_url_and_contact(by_number: dict[int, dict[str, Any]]) -> None:
    r1, r2 = by_number[3]["requirements"]
    assert r1["needs_url"] and not r1["needs_contact"]
    assert r2["needs_contact"] and not r2["needs_url"]
    assert r1["text"] == "本级政府行政审批中介服务事项清单及其公开网址"


def test_fact_9_three_items_despite_numbering(by_number: dict[int, dict[str, Any]]) -> None:
    ind = by_number[9]
    assert ind["group"] == "一.3"
    assert [r["key"] for r in ind["requirements"]] == ["9.1", "9.2", "9.3"]
    assert ind["requirements"][2]["min_count"] == 5
    assert any("2. 2." in note for note in ind["notes"])


def test_fact_10_ten_companies_with_contacts(by_number: dict[int, dict[str, Any]]) -> None:
    (r,) = by_number[10]["requirements"]
    assert r["min_count"] == 10 and r["needs_contact"] and r["since"] == 2020
    assert by_number[10]["units"] == ["县市场监督管理局", "县直各相关单位"]


def test_fact_min_counts(by_number: dict[int, dict[str, Any]]) -> None:
    counts = {
        r["key"]: r["min_count"]
        for ind in by_number.values()
        for r in ind["requirements"]
        if r["min_count"] is not None
    }
    assert counts == {
        "9.3": 5,
        "10.1": 10,
        "11.2": 5,
        "12.1": 5,
        "13.1": 5,
        "15.1": 5,
        "22.1": 5,
        "23.1": 5,
        "26.1": 10,
        "34.3": 5,
        "47.6": 5,
        "55.1": 5,
    }


def test_fact_34_group(by_number: dict[int, dict[str, Any]]) -> None:
    ind = by_number[34]
    assert ind["since"] == 2020
    assert ind["shared_with"] == list(range(35, 47))
    assert [r["key"] for r in ind["requirements"]] == ["34.1", "34.2", "34.3"]
    # "县政府制定的2021年重大行政决策事项目录": one year, not "since"
    assert ind["requirements"][0]["since"] is None and ind["requirements"][0]["year"] == 2021
    assert ind["requirements"][2]["since"] == 2020
    assert ind["requirements"][2]["min_count"] == 5
    # 36 repeats the note: same keys, no duplicates, a note saying so
    assert [r["key"] for r in by_number[36]["requirements"]] == ["34.1", "34.2", "34.3"]
    assert by_number[36]["notes"]


def test_fact_42_and_43_to_46(by_number: dict[int, dict[str, Any]]) -> None:
    assert by_number[42]["group"] == "三.4"
    assert [r["key"] for r in by_number[42]["requirements"]] == ["34.1", "34.2", "34.3"]
    assert by_number[42]["evidence_as_written"].startswith("第43、44、45、46项指标")
    for n in (43, 44, 45, 46):
        assert [r["key"] for r in by_number[n]["requirements"]] == ["34.1", "34.2", "34.3", "42.1", "42.2"]


def test_fact_46_two_collective_units(by_number: dict[int, dict[str, Any]]) -> None:
    assert by_number[46]["units"] == ["县政府办公室", "重大行政决策承办单位", "重大行政决策执行单位"]


def test_fact_47_six_items_since_2019(by_number: dict[int, dict[str, Any]]) -> None:
    ind = by_number[47]
    assert len(ind["requirements"]) == 6
    assert ind["since"] == 2019
    assert ind["shared_with"] == [48, 49, 50, 51]
    assert ind["units"][0] == "县委机构编制委员会办公室"


def test_fact_53_54_inherit_units(by_number: dict[int, dict[str, Any]]) -> None:
    for n in (53, 54):
        ind = by_number[n]
        assert ind["units_as_written"] == ""
        assert ind["units"] == by_number[52]["units"] == ["各乡镇", "县直各行政执法单位"]
        assert ind["shared_with"] == sorted({52, 53, 54} - {n})
        assert ind["notes"]
    assert _req(by_number[52], "52.1")["needs_url"]


def test_fact_55_56(by_number: dict[int, dict[str, Any]]) -> None:
    assert by_number[56]["shared_with"] == [55]
    r = _req(by_number[56], "55.1")
    # "提供 2021 年执法记录台账": the year 2021 only
    assert r["min_count"] == 5 and r["since"] is None and r["year"] == 2021
    assert by_number[55]["since"] is None and by_number[56]["since"] is None


def test_fact_68_69(by_number: dict[int, dict[str, Any]]) -> None:
    for n in (68, 69):
        ind = by_number[n]
        assert [r["key"] for r in ind["requirements"]] == ["68.1", "68.2"]
        assert ind["onsite"] is False
        assert ind["notes"]
    assert by_number[68]["shared_with"] == [69]
    assert by_number[69]["group"] == "四.6"
    assert any("五" in note and "四.6" in note for note in by_number[69]["notes"])
    assert _req(by_number[69], "68.2")["since"] == 2020


def test_fact_units_normalised(by_number: dict[int, dict[str, Any]]) -> None:
    assert by_number[25]["units"] == [
        "县政府办公室",
        "县人大常委会办公室",
        "县政协办公室",
        "县政府各工作部门",
    ]
    assert by_number[51]["units"][:2] == ["县人民检察院", "县人民法院"]
    assert by_number[17]["units"] == ["县行政审批服务管理局", "县政府各工作部门"]
    assert by_number[85]["units"][:4] == ["县应急管理局", "县公安局", "县卫生健康和体育局", "县文化和旅游局"]
    assert "县纪委监委" in by_number[69]["units"]


def test_fact_other_merges_and_years(by_number: dict[int, dict[str, Any]]) -> None:
    assert by_number[71]["shared_with"] == [72] and by_number[72]["since"] == 2019
    assert by_number[88]["shared_with"] == [89, 90] and by_number[90]["since"] == 2020
    assert by_number[78]["requirements"][1]["since"] == 2019  # "2019 以来"
    assert by_number[19]["since"] is None
    assert by_number[94]["requirements"][0]["needs_url"]
    assert by_number[75]["requirements"][0]["text"] == "行政监督机制制度"
    assert by_number[100]["since"] == 2020 and by_number[96]["since"] is None


# -- time and shape demands (issue 17) ---------------------------------------------------------------


def test_single_years_are_not_since(by_number: dict[int, dict[str, Any]], seed: str) -> None:
    expected = {
        (9, "9.3"): "提供2020年涉及该项指标工作的案例或典型做法",
        (19, "19.1"): "2021 年政务大厅开展政务服务“好差评”的情况",
        (34, "34.1"): "县政府制定的2021年重大行政决策事项目录",
        (55, "55.1"): "提供 2021 年执法记录台账",
    }
    years = {(9, "9.3"): 2020, (19, "19.1"): 2021, (34, "34.1"): 2021, (55, "55.1"): 2021}
    for (number, key), start in expected.items():
        r = _req(by_number[number], key)
        assert r["text"].startswith(start) and start in seed
        assert r["year"] == years[(number, key)] and r["since"] is None, key
    # every other requirement naming a year says 年以来 (or "2019 以来") and is stored as since
    for ind in by_number.values():
        for r in ind["requirements"]:
            if (ind["number"], r["key"]) in expected or r["key"] in ("34.1", "55.1"):
                continue
            if re.search(r"20\d\d", r["text"]):
                assert r["since"] is not None and r["year"] is None, (ind["number"], r["key"])


def test_period_list_and_variety(by_number: dict[int, dict[str, Any]]) -> None:
    r = _req(by_number[19], "19.1")
    assert "（2022 年按季度提供）" in r["text"]
    assert (r["period"], r["period_since"]) == ("quarterly", 2022)
    assert _req(by_number[47], "47.2")["as_list"] and _req(by_number[61], "61.1")["as_list"]
    assert _req(by_number[10], "10.1")["distinct"] == "行业"
    flagged = {
        r["key"]
        for ind in by_number.values()
        for r in ind["requirements"]
        if r["as_list"] or r["distinct"] or r["period"]
    }
    assert flagged == {"10.1", "19.1", "47.2", "61.1"}


def test_bonus_since(catalog: dict[str, Any]) -> None:
    bonus = {b["id"]: b for b in catalog["bonus"]}
    assert bonus["B1"]["text"].startswith("2019年以来") and bonus["B1"]["since"] == 2019
    assert bonus["B2"]["since"] is None


# -- the indicator 69 question (issue 17) ------------------------------------------------------------


def _flat(text: str) -> str:
    return "".join(text.split())


def test_placement_69_is_an_open_question_with_both_sources(catalog: dict[str, Any], seed: str) -> None:
    (question,) = catalog["open_questions"]
    assert question["indicator"] == 69 and question["default"] == "四.6"
    table, body = question["placements"]
    assert (table["group"], body["group"]) == ("四.6", "五.1")
    # the table row's text is the indicator's text; the body quote is the (六) paragraph's opening
    assert table["quote"] == next(i for i in catalog["indicators"] if i["number"] == 69)["text"]
    assert table["quote"] in seed
    assert body["quote"].startswith("（六）强化行政权力制约和监督。自觉接受各类监督")
    assert _flat(body["quote"]) in _flat(seed)
    groups = {g["code"]: g["name"] for a in catalog["areas"] for g in a["groups"]}
    assert groups["五.1"] == "自觉接受各类监督" and groups["四.6"] == "健全行政执法人员管理制度"
