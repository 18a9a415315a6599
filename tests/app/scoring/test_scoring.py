"""Pure scoring: expected totals computed by hand, scheme documents, explain, and hypothesis properties."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.base.errors import UsageError
from app.scoring.compute import compute_score
from app.scoring.explain import explain
from app.scoring.scheme import (
    DISCLAIMER,
    MET,
    NA,
    NOT_ASSESSED,
    PARTIAL,
    UNMET,
    SchemeError,
    parse_level,
    read_scheme_file,
    reference_scheme,
    scheme_from_document,
    scheme_to_document,
)
from indicator_catalog import Catalog, catalog_from_document, load_builtin


def scoring_catalog_document() -> dict[str, Any]:
    """Two areas, three groups, seven indicators (one worth 20 points), two bonus and two veto items."""
    return {
        "id": "tiny",
        "title": "测试指标体系",
        "areas": [
            {
                "code": "一",
                "name": "职能",
                "groups": [{"code": "一.1", "name": "放权"}, {"code": "一.2", "name": "监管"}],
            },
            {"code": "二", "name": "制度", "groups": [{"code": "二.1", "name": "文件"}]},
        ],
        "indicators": [
            {"number": 1, "group": "一.1", "text": "甲"},
            {"number": 2, "group": "一.1", "text": "乙"},
            {"number": 3, "group": "一.2", "text": "丙"},
            {"number": 4, "group": "一.2", "text": "丁", "points": 20},
            {"number": 5, "group": "二.1", "text": "戊"},
            {"number": 6, "group": "二.1", "text": "己"},
            {"number": 7, "group": "二.1", "text": "庚"},
        ],
        "bonus": [
            {"id": "B1", "text": "表彰", "max_points": 10},
            {"id": "B2", "text": "推广", "max_points": 10},
        ],
        "veto": [{"id": "V1", "text": "违法"}, {"id": "V2", "text": "造假"}],
    }


@pytest.fixture(scope="module")
def tiny() -> Catalog:
    return catalog_from_document(scoring_catalog_document(), "tiny")


@pytest.fixture(scope="module")
def national() -> Catalog:
    return load_builtin("national-2021")


def cents(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# -- expected totals, computed independently -------------------------------------------------------


def test_reference_scheme_on_national_catalog_all_met_is_1000(national: Catalog) -> None:
    result = compute_score(
        national,
        reference_scheme(national),
        dict.fromkeys([i.number for i in national.indicators], MET),
        {},
        [],
    )
    assert result.base == 1000
    assert result.total == 1000
    assert result.result == "有效"
    assert result.vetoed is False
    assert sum(a.max for a in result.areas) == len(national.indicators) * 10


def test_nothing_assessed_scores_zero(national: Catalog) -> None:
    result = compute_score(national, reference_scheme(national), {}, {}, [])
    assert (result.base, result.bonus, result.total) == (0, 0, 0)
    assert all(i.level == NOT_ASSESSED for i in result.indicators)
    assert result.assessed == 0


def test_mixed_levels_with_not_applicable_rescale(tiny: Catalog) -> None:
    # points: 10,10,10,20,10,10,10 = 80 full; 3 is 不适用 → applicable max 70
    levels = {1: MET, 2: PARTIAL, 3: NA, 4: PARTIAL, 5: UNMET, 6: "met"}  # 7 not assessed
    result = compute_score(tiny, reference_scheme(tiny), levels, {}, [])
    earned = Decimal(10) + Decimal(6) + Decimal(12) + 0 + Decimal(10)  # = 38
    assert result.earned == 38
    assert result.applicable_max == 70
    assert result.base == cents(Decimal(1000) * earned / Decimal(70))  # 542.857… → 542.86
    assert result.base == 542.86
    assert result.total == 542.86
    assert result.not_applicable == 1
    assert result.indicator(3).applicable is False
    assert result.indicator(3).factor is None
    assert result.indicator(4).points == 12
    assert result.indicator(4).max == 20
    assert result.indicator(6).level == MET
    areas = {a.code: a for a in result.areas}
    assert (areas["一"].score, areas["一"].max, areas["一"].full_max) == (28, 40, 50)
    assert (areas["二"].score, areas["二"].max) == (10, 30)
    groups = {g.code: g for g in result.groups}
    assert (groups["一.1"].score, groups["一.1"].max) == (16, 20)
    assert (groups["一.2"].score, groups["一.2"].max) == (12, 20)


def test_bonus_item_caps_and_overall_cap(tiny: Catalog) -> None:
    scheme = reference_scheme(tiny)
    all_met = dict.fromkeys(range(1, 8), MET)
    r = compute_score(tiny, scheme, all_met, {"B1": 7}, [])
    assert (r.base, r.bonus, r.total) == (1000, 7, 1007)
    r = compute_score(tiny, scheme, all_met, {"B1": 25, "B2": 4}, [])
    assert r.bonus == 14  # B1 capped at 10
    assert r.total == 1014
    r = compute_score(tiny, scheme, all_met, {"B1": 10, "B2": 10}, [])
    assert r.bonus == 20 and r.total == 1020
    # a scheme with a lower overall cap than the sum of item caps
    lower = scheme_from_document({"bonus": {"total_cap": 15}}, tiny, "lower.yaml")
    r = compute_score(tiny, lower, all_met, {"B1": 10, "B2": 10}, [])
    assert r.bonus == 15 and r.bonus_claimed == 20 and r.total == 1015
    assert r.bonus_max == 15


def test_veto_overrides_points_but_keeps_them(tiny: Catalog) -> None:
    r = compute_score(tiny, reference_scheme(tiny), dict.fromkeys(range(1, 8), MET), {"B2": 5}, ["V2"])
    assert r.result == "一票否决"
    assert r.vetoed is True
    assert r.veto_items == ("V2",)
    assert r.total == 1005


def test_all_not_applicable_gives_zero_base(tiny: Catalog) -> None:
    r = compute_score(tiny, reference_scheme(tiny), dict.fromkeys(range(1, 8), NA), {}, [])
    assert r.base == 0 and r.applicable_max == 0


def test_custom_scheme_points_factors_scale_and_pass_mark(tiny: Catalog) -> None:
    doc = {
        "name": "某县方案",
        "points": {"default": 5, "overrides": {"4": 15, 7: 10}},
        "levels": {"partial": 0.5, "未评估": 0},
        "base_scale": 100,
        "pass_mark": 60,
    }
    scheme = scheme_from_document(doc, tiny, "county.yaml")
    assert scheme.points_for(1) == 5 and scheme.points_for(4) == 15 and scheme.points_for(7) == 10
    levels = {1: MET, 2: MET, 3: PARTIAL, 4: PARTIAL, 5: UNMET, 6: NA, 7: MET}
    r = compute_score(tiny, scheme, levels, {}, [])
    # earned 5 + 5 + 2.5 + 7.5 + 0 + 10 = 30 of applicable 5+5+5+15+5+10 = 45
    assert r.earned == 30 and r.applicable_max == 45
    assert r.base == cents(Decimal(100) * 30 / 45) == 66.67
    assert r.base_max == 100
    assert r.passed is True
    r = compute_score(tiny, scheme, {**levels, 7: UNMET}, {}, [])
    assert r.passed is False


def test_nothing_assumes_one_hundred_indicators(tiny: Catalog, national: Catalog) -> None:
    # 104 indicators (newer guide): 1040 points of indicators still give a base of at most 1000
    doc = json.loads(json.dumps(national.to_dict()))
    extra = dict(doc["indicators"][-1])
    for offset in range(1, 5):
        doc["indicators"].append({**extra, "number": 1000 + offset, "shared_with": []})
    doc["areas"][-1]["groups"][-1].pop("numbers", None)
    bigger = catalog_from_document(doc, "bigger")
    assert len(bigger.indicators) == 104
    r = compute_score(bigger, reference_scheme(bigger), {i.number: MET for i in bigger.indicators}, {}, [])
    assert r.applicable_max == 1040 and r.base == 1000
    r = compute_score(bigger, reference_scheme(bigger), {1: MET}, {}, [])
    assert r.base == cents(Decimal(1000) * 10 / 1040)


def test_unknown_inputs_are_refused(tiny: Catalog) -> None:
    scheme = reference_scheme(tiny)
    with pytest.raises(UsageError, match="99"):
        compute_score(tiny, scheme, {99: MET}, {}, [])
    with pytest.raises(UsageError, match="V9"):
        compute_score(tiny, scheme, {}, {}, ["V9"])
    with pytest.raises(UsageError, match="B7"):
        compute_score(tiny, scheme, {}, {"B7": 1}, [])
    with pytest.raises(UsageError, match="B1"):
        compute_score(tiny, scheme, {}, {"B1": -1}, [])


def test_parse_level_aliases_and_error() -> None:
    assert [parse_level(x) for x in ("met", "Partial", "UNMET", "na", "达标", " 不适用 ")] == [
        MET,
        PARTIAL,
        UNMET,
        NA,
        MET,
        NA,
    ]
    with pytest.raises(UsageError) as info:
        parse_level("good")
    assert "good" in str(info.value) and "基本达标" in str(info.value) and "partial" in str(info.value)


def test_score_json_has_contract_keys_and_disclaimer(tiny: Catalog) -> None:
    r = compute_score(tiny, reference_scheme(tiny), {1: MET, 3: NA}, {"B1": 3}, ["V1"])
    doc = json.loads(json.dumps(r.to_json(), ensure_ascii=False))
    for key in (
        "total",
        "base",
        "base_max",
        "bonus",
        "vetoed",
        "veto_items",
        "result",
        "areas",
        "indicators",
    ):
        assert key in doc
    assert doc["vetoed"] is True and doc["veto_items"] == ["V1"] and doc["result"] == "一票否决"
    assert set(doc["areas"][0]) >= {"code", "name", "score", "max"}
    assert set(doc["indicators"][0]) >= {"number", "level", "score", "max"}
    assert doc["disclaimer"] == DISCLAIMER
    assert doc["scheme"]["official"] is False
    assert doc["base_max"] == 1000


# -- schemes as data --------------------------------------------------------------------------------


def test_scheme_document_round_trip(tiny: Catalog, national: Catalog) -> None:
    for catalog in (tiny, national):
        scheme = reference_scheme(catalog)
        doc = json.loads(json.dumps(scheme_to_document(scheme), ensure_ascii=False))
        again = scheme_from_document(doc, catalog, "copy.json")
        assert again == scheme
        assert again.reference is True
    assert reference_scheme(tiny).points_for(4) == 20  # the catalog's stated points


def test_scheme_errors_name_file_entry_and_reason(tiny: Catalog) -> None:
    doc = {
        "points": {"default": -1, "overrides": {"99": 5, "x": 1}},
        "levels": {"达标": 1.5, "不适用": 0, "good": 1},
        "bonus": {"caps": {"B9": 3}, "total_cap": "many"},
        "base_scale": 0,
        "colour": "red",
    }
    with pytest.raises(SchemeError) as info:
        scheme_from_document(doc, tiny, "bad.yaml")
    problems = {(p.path, p.file) for p in info.value.problems}
    paths = {p for p, _ in problems}
    assert {
        "points.default",
        "points.overrides.99",
        "points.overrides.x",
        "levels.达标",
        "levels.不适用",
        "levels.good",
        "bonus.caps.B9",
        "bonus.total_cap",
        "base_scale",
        "colour",
    } <= paths
    assert all(f == "bad.yaml" for _, f in problems)
    message = str(info.value)
    assert message.startswith("评分方案文件无效 bad.yaml: ") and "\n" not in message
    reasons = {p.path: p.reason for p in info.value.problems}
    assert "第 99 项" in reasons["points.overrides.99"]
    assert "不适用" in reasons["levels.不适用"]


def test_scheme_for_another_catalog_is_refused(tiny: Catalog) -> None:
    with pytest.raises(SchemeError, match="catalog"):
        scheme_from_document({"catalog": "national-2021"}, tiny, "s.yaml")


def test_read_scheme_file_yaml_json_and_broken(tiny: Catalog, tmp_path: Path) -> None:
    good = tmp_path / "方案.yaml"
    good.write_text("name: 县方案\npoints:\n  default: 8\nbonus:\n  total_cap: 12\n", encoding="utf-8")
    scheme = read_scheme_file(good, tiny)
    assert scheme.default_points == 8 and scheme.bonus_total_cap == 12 and scheme.reference is False
    assert scheme.source == str(good)
    as_json = tmp_path / "s.json"
    as_json.write_text(json.dumps(scheme_to_document(scheme), ensure_ascii=False), encoding="utf-8")
    assert read_scheme_file(as_json, tiny) == scheme
    broken = tmp_path / "broken.json"
    broken.write_text('{"points": ', encoding="utf-8")
    with pytest.raises(SchemeError, match=r"broken\.json.*JSON"):
        read_scheme_file(broken, tiny)
    with pytest.raises(SchemeError, match="文件不存在"):
        read_scheme_file(tmp_path / "missing.yaml", tiny)
    empty = tmp_path / "empty.yaml"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(SchemeError, match="文件为空"):
        read_scheme_file(empty, tiny)


# -- explain --------------------------------------------------------------------------------------------


def test_explain_walks_indicator_to_total(tiny: Catalog) -> None:
    r = compute_score(tiny, reference_scheme(tiny), {4: PARTIAL, 3: NA}, {"B1": 12}, [])
    steps = explain(r, 4)
    kinds = [s.kind for s in steps]
    assert kinds == [
        "indicator",
        "level",
        "factor",
        "points",
        "group",
        "area",
        "base",
        "bonus",
        "total",
        "result",
    ]
    by_kind = {s.kind: s for s in steps}
    assert by_kind["level"].value == PARTIAL
    assert by_kind["factor"].value == 0.6
    assert by_kind["points"].value == 12 and "20 × 0.6 = 12" in by_kind["points"].detail
    assert by_kind["group"].value == 12
    assert by_kind["base"].value == r.base == cents(Decimal(1000) * 12 / 70)
    assert by_kind["total"].value == r.total == r.base + 10
    assert [s.kind for s in explain(r, 3)][:3] == ["indicator", "level", "points"]
    b1 = explain(r, "b1")
    assert b1[0].value == 10 and "单项上限 10" in b1[0].detail
    assert explain(r, "total")[-2].value == r.total
    assert explain(r, "V1")[0].value == "未触发"
    assert explain(r, "一.2")[-5].value == 12  # the group subtotal before base/bonus/total/result
    with pytest.raises(UsageError):
        explain(r, 42)
    with pytest.raises(UsageError):
        explain(r, "whatever")
    with pytest.raises(UsageError):
        explain(r, "V9")


# -- properties -------------------------------------------------------------------------------------------

LEVEL_CHOICES = st.sampled_from([MET, PARTIAL, UNMET, NA, NOT_ASSESSED])
NUMBERS = list(range(1, 8))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[dict[int, str], dict[str, float], list[str]]:
    levels = {n: draw(LEVEL_CHOICES) for n in NUMBERS if draw(st.booleans())}
    finite = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
    bonus = draw(st.dictionaries(st.sampled_from(["B1", "B2"]), finite, max_size=2))
    vetoes = draw(st.lists(st.sampled_from(["V1", "V2"]), max_size=2))
    return levels, bonus, vetoes


@st.composite
def schemes(draw: st.DrawFn) -> dict[str, Any]:
    factor = st.floats(min_value=0, max_value=1, allow_nan=False)
    points = st.integers(min_value=0, max_value=50)
    return {
        "points": {
            "default": draw(points),
            "overrides": {str(n): draw(points) for n in NUMBERS if draw(st.booleans())},
        },
        "levels": {MET: 1, PARTIAL: draw(factor), UNMET: 0, NOT_ASSESSED: 0},
        "bonus": {"caps": {"B1": draw(points), "B2": draw(points)}, "total_cap": draw(points)},
        "base_scale": draw(st.integers(min_value=1, max_value=2000)),
    }


@settings(max_examples=200, deadline=None)
@given(scenario=scenarios(), scheme_doc=schemes())
def test_totals_never_exceed_caps_and_subtotals_add_up(
    tiny: Catalog, scenario: tuple[dict[int, str], dict[str, float], list[str]], scheme_doc: dict[str, Any]
) -> None:
    levels, bonus, vetoes = scenario
    scheme = scheme_from_document(scheme_doc, tiny, "prop")
    r = compute_score(tiny, scheme, levels, bonus, vetoes)
    assert 0 <= r.base <= scheme.base_scale
    assert 0 <= r.bonus <= scheme.bonus_total_cap
    for item in r.bonus_items:
        assert item.awarded <= item.cap
    assert r.bonus <= sum(item.cap for item in r.bonus_items)
    assert r.total <= scheme.base_scale + scheme.bonus_total_cap
    assert r.total == pytest.approx(r.base + r.bonus, abs=1e-9)
    assert sum(a.score for a in r.areas) == pytest.approx(r.earned)
    assert sum(a.max for a in r.areas) == pytest.approx(r.applicable_max)
    assert sum(g.score for g in r.groups) == pytest.approx(r.earned)
    for area in r.areas:
        assert sum(g.score for g in r.groups if g.area == area.code) == pytest.approx(area.score)
        assert area.score <= area.max + 1e-9
    assert r.earned == pytest.approx(sum(i.points for i in r.indicators))
    assert r.vetoed == bool(vetoes)
    assert r.result == ("一票否决" if vetoes else "有效")


@settings(max_examples=200, deadline=None)
@given(scenario=scenarios(), veto=st.sampled_from(["V1", "V2"]))
def test_a_triggered_veto_always_yields_veto(
    tiny: Catalog, scenario: tuple[dict[int, str], dict[str, float], list[str]], veto: str
) -> None:
    levels, bonus, vetoes = scenario
    r = compute_score(tiny, reference_scheme(tiny), levels, bonus, [*vetoes, veto])
    assert r.result == "一票否决" and r.vetoed and veto in r.veto_items
    clean = compute_score(tiny, reference_scheme(tiny), levels, bonus, [])
    assert (r.total, r.base, r.bonus) == (clean.total, clean.base, clean.bonus)  # points still shown


ORDER = {UNMET: 0, NOT_ASSESSED: 0, PARTIAL: 1, MET: 2}


@settings(max_examples=200, deadline=None)
@given(scenario=scenarios(), number=st.sampled_from(NUMBERS), extra=st.floats(min_value=0, max_value=50))
def test_rescaling_is_monotone(
    tiny: Catalog, scenario: tuple[dict[int, str], dict[str, float], list[str]], number: int, extra: float
) -> None:
    levels, bonus, vetoes = scenario
    scheme = reference_scheme(tiny)
    before = compute_score(tiny, scheme, levels, bonus, vetoes)
    current = levels.get(number, NOT_ASSESSED)
    if current != NA:
        # raising one applicable indicator's level never lowers base or total
        for better in (PARTIAL, MET):
            if ORDER[better] >= ORDER[current]:
                after = compute_score(tiny, scheme, {**levels, number: better}, bonus, vetoes)
                assert after.base >= before.base and after.total >= before.total
    # more earned points over the same maximum never lower the base; more bonus never lowers the total
    more_bonus = {**bonus, "B1": bonus.get("B1", 0) + extra}
    assert compute_score(tiny, scheme, levels, more_bonus, vetoes).total >= before.total
