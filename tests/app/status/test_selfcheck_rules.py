"""Self-check rules of issue 17 on the national catalog: a level the evidence does not support,
evidence outside a single-year or periodic demand, unreviewed veto items; each finding with a hint."""

from __future__ import annotations

from datetime import UTC, datetime

from app.exchange.tasklist import demand_note
from app.status.returns import ReviewFact
from app.status.selfcheck import CheckSnapshot, EvidenceFact, Finding, check_snapshot
from indicator_catalog import Catalog


def _codes(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _evidence(
    count: int, number: int, unit: str = "县司法局", period: str = "2021"
) -> tuple[EvidenceFact, ...]:
    return tuple(
        EvidenceFact(id=i, unit=unit, indicators=(number,), period=period) for i in range(1, count + 1)
    )


def test_met_with_three_of_ten_is_a_conflict(national_catalog: Catalog) -> None:
    snapshot = CheckSnapshot(national_catalog, evidence=_evidence(3, 26), levels={26: "达标"})
    [conflict] = _codes(check_snapshot(snapshot), "level_vs_evidence")
    assert conflict.indicator == 26 and conflict.severity == "error"
    assert "达标" in conflict.message and "至少 10 件" in conflict.message and "现有 3 件" in conflict.message
    assert conflict.hint and "--indicator 26" in conflict.hint
    # ten pieces: no conflict; 未达标 with three: no conflict either
    assert not _codes(
        check_snapshot(CheckSnapshot(national_catalog, _evidence(10, 26), levels={26: "达标"})),
        "level_vs_evidence",
    )
    assert not _codes(
        check_snapshot(CheckSnapshot(national_catalog, _evidence(3, 26), levels={26: "未达标"})),
        "level_vs_evidence",
    )


def test_met_with_returned_evidence_is_a_conflict(national_catalog: Catalog) -> None:
    at = datetime(2024, 5, 1, tzinfo=UTC)
    evidence = tuple(
        EvidenceFact(
            id=1, unit="县司法局", indicators=(19,), period="2021", added_at=datetime(2024, 4, 1, tzinfo=UTC)
        )
        for _ in range(1)
    )
    snapshot = CheckSnapshot(
        national_catalog,
        evidence=evidence,
        reviews=(ReviewFact(19, "县司法局", "returned", at, "缺少季度台账"),),
        levels={19: "基本达标"},
    )
    [conflict] = _codes(check_snapshot(snapshot), "level_vs_evidence")
    assert "退回" in conflict.message and "基本达标" in conflict.message


def test_single_year_and_periodic_demands(national_catalog: Catalog) -> None:
    def stale(number: int, period: str) -> list[Finding]:
        return _codes(
            check_snapshot(CheckSnapshot(national_catalog, _evidence(1, number, period=period))),
            "stale_evidence",
        )

    [wrong_year] = stale(19, "2020")  # 19.1: 2021年 (2022年起按季度)
    assert "2021年；2022年起按季度" in wrong_year.message and wrong_year.hint
    assert stale(19, "2021") == [] and stale(19, "2023-04") == []
    [too_early] = stale(34, "2019")  # 34.1 2021年, 34.3 2020年以来
    assert "34.1 要求2021年" in too_early.message and "34.3 要求2020年以来" in too_early.message
    assert stale(34, "2020") == []
    assert stale(9, "2019") and not stale(9, "2020")


def test_unreviewed_veto_items(national_catalog: Catalog) -> None:
    findings = _codes(check_snapshot(CheckSnapshot(national_catalog)), "veto_unreviewed")
    assert [f.indicator for f in findings] == ["V1", "V2"]
    assert all(f.hint and "--clear" in f.hint for f in findings)
    reviewed = CheckSnapshot(national_catalog, veto_marked=("V1",), vetoes=("V2",))
    assert _codes(check_snapshot(reviewed), "veto_unreviewed") == []
    assert (
        _codes(check_snapshot(CheckSnapshot(national_catalog, scope_unit="县司法局")), "veto_unreviewed")
        == []
    )


def test_task_list_prints_the_time_demand(national_catalog: Catalog) -> None:
    nineteen = national_catalog.indicator(19).requirements[0]
    assert demand_note(nineteen) == "（2021年；2022年起按季度）"
    decision = national_catalog.indicator(34).requirements[0]
    assert demand_note(decision).startswith("（2021年；") and "以来" not in demand_note(decision)
    count = national_catalog.indicator(26).requirements[0]
    assert "至少10件" not in demand_note(count) and "2020年以来" in demand_note(count)
