"""The indicator 69 question: both placements recorded; a chosen one moves the indicator and subtotals."""

from __future__ import annotations

import pytest

from app.base.errors import FazhiError
from indicator_catalog import Catalog, CatalogError, catalog_from_document, load_builtin
from indicator_catalog.placements import apply_placements, with_placement


@pytest.fixture(scope="module")
def national() -> Catalog:
    return load_builtin("national-2021")


def subtotal(catalog: Catalog, area: str) -> float:
    return sum(catalog.indicator(n).points for n in catalog.area(area).numbers)


def test_default_is_the_table_layout(national: Catalog) -> None:
    question = national.open_question("placement-69")
    assert national.open_questions_of(69) == (question,)
    assert national.open_questions_of(70) == ()
    assert (question.default, question.chosen, question.current) == ("四.6", None, "四.6")
    assert [p.group for p in question.placements] == ["四.6", "五.1"]
    assert national.indicator(69).group == "四.6"
    assert national.group("四.6").numbers == (65, 66, 67, 68, 69)


def test_choosing_5_1_moves_69_and_changes_the_subtotals(national: Catalog) -> None:
    moved = with_placement(national, "placement-69", "五.1")
    assert moved.indicator(69).group == "五.1" and moved.indicator(69).area == "五"
    assert moved.group("四.6").numbers == (65, 66, 67, 68)
    assert moved.group("五.1").numbers[:2] == (69, 70)
    assert subtotal(moved, "四") == subtotal(national, "四") - 10
    assert subtotal(moved, "五") == subtotal(national, "五") + 10
    assert moved.max_points == national.max_points
    assert [i.number for i in moved.indicators] == list(range(1, 101))  # catalog order by number
    assert moved.open_question("placement-69").current == "五.1"
    # everything else is unchanged, and the result is a valid catalog document
    assert moved.indicator(69).requirements == national.indicator(69).requirements
    assert moved.indicator(69).shared_with == (68,)
    again = catalog_from_document(moved.to_dict())
    assert again.to_dict() == moved.to_dict()
    # choosing the default again gives back the file's layout
    back = apply_placements(moved, {"placement-69": "四.6"})
    assert back.group("四.6").numbers == national.group("四.6").numbers
    assert subtotal(back, "四") == subtotal(national, "四")


def test_unknown_question_or_group_is_refused(national: Catalog) -> None:
    with pytest.raises(FazhiError, match="没有待定问题 placement-1"):
        with_placement(national, "placement-1", "五.1")
    with pytest.raises(FazhiError, match=r"只能是 四\.6、五\.1"):
        with_placement(national, "placement-69", "五.2")
    assert apply_placements(national, {}) is national


def test_validation_of_open_questions(national: Catalog) -> None:
    document = national.to_dict()
    document["open_questions"][0]["default"] = "五.1"  # the file puts 69 under 四.6
    document["open_questions"][0]["placements"][1]["group"] = "九.9"
    with pytest.raises(CatalogError) as caught:
        catalog_from_document(document, "x.yaml")
    reasons = [p.reason for p in caught.value.problems]
    assert "未知的二级指标：九.9" in reasons
    assert any("五.1 不是列出的归属之一" in r for r in reasons)
