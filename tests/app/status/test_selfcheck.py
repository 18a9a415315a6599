"""The self-check on plain facts (no database): every kind of finding, counts from the catalog, sorting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.status.returns import ReviewFact
from app.status.selfcheck import (
    BonusFact,
    CheckSnapshot,
    EvidenceFact,
    Finding,
    InfoFact,
    check_snapshot,
)
from indicator_catalog import Catalog, catalog_from_document, load_builtin

T0 = datetime(2024, 3, 1, tzinfo=UTC)


def check_catalog_document() -> dict[str, Any]:
    return {
        "id": "check",
        "title": "体检测试",
        "units": [
            {"name": "县司法局"},
            {"name": "县发展和改革局", "aliases": ["县发改局"]},
            {"name": "县公安局"},
            {"name": "各乡镇", "collective": True},
            {"name": "甲镇"},
        ],
        "areas": [
            {
                "code": "一",
                "name": "甲",
                "groups": [{"code": "一.1", "name": "乙"}, {"code": "一.2", "name": "丙"}],
            }
        ],
        "indicators": [
            {
                "number": 1,
                "group": "一.1",
                "text": "合并提供之一",
                "units": ["县司法局"],
                "shared_with": [2],
                "requirements": [
                    {"key": "1.1", "text": "任意 3 件审核意见书", "min_count": 3, "since": 2020}
                ],
            },
            {
                "number": 2,
                "group": "一.1",
                "text": "合并提供之二",
                "units": ["县司法局", "县发展和改革局"],
                "shared_with": [1],
                "requirements": [
                    {"key": "1.1", "text": "任意 3 件审核意见书", "min_count": 3, "since": 2020}
                ],
            },
            {
                "number": 3,
                "group": "一.1",
                "text": "网址",
                "units": ["县发展和改革局"],
                "requirements": [
                    {"key": "3.1", "text": "提供网址和联系方式", "needs_url": True, "needs_contact": True}
                ],
            },
            {
                "number": 4,
                "group": "一.2",
                "text": "实地核查",
                "units": ["县公安局"],
                "onsite": True,
                "requirements": [{"key": "4.1", "text": "现场查看执法记录仪", "onsite": True}],
            },
            {
                "number": 5,
                "group": "一.2",
                "text": "乡镇",
                "units": ["各乡镇"],
                "requirements": [{"key": "5.1", "text": "工作情况"}],
            },
        ],
        "bonus": [{"id": "B1", "text": "表彰", "max_points": 10}],
        "veto": [{"id": "V1", "text": "违法"}],
    }


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return catalog_from_document(check_catalog_document(), "check")


def codes(findings: list[Finding]) -> list[tuple[str, int | str | None, str | None, str]]:
    return [(f.code, f.indicator, f.unit, f.severity) for f in findings]


def test_empty_project_findings(catalog: Catalog) -> None:
    findings = check_snapshot(CheckSnapshot(catalog=catalog, collectives=frozenset({"各乡镇"})))
    got = codes(findings)
    assert ("no_evidence", 1, "县司法局", "error") in got
    assert ("no_evidence", 2, "县司法局、县发展和改革局", "error") in got
    assert ("no_evidence", 3, "县发展和改革局", "error") in got
    assert ("no_evidence", 5, "各乡镇", "error") in got
    assert not any(c == "no_evidence" and i == 4 for c, i, _, _ in got)  # 实地核查: a checklist instead
    onsite = [f for f in findings if f.code == "onsite_prep"]
    assert [(f.indicator, f.severity) for f in onsite] == [(4, "info")]
    assert "现场查看执法记录仪" in onsite[0].message
    assert ("missing_url", 3, "县发展和改革局", "warning") in got
    assert ("missing_contact", 3, "县发展和改革局", "warning") in got
    assert {i for c, i, _, _ in got if c == "not_assessed"} == {1, 2, 3, 4, 5}
    assert ("unit_nothing", None, "县司法局", "warning") in got
    assert ("unit_nothing", None, "县发展和改革局", "warning") in got
    assert not any(u == "县公安局" and c == "unit_nothing" for c, _, u, _ in got)  # only an onsite indicator
    assert not any(u == "各乡镇" and c == "unit_nothing" for c, _, u, _ in got)  # members not set yet
    # sorted: all errors, then warnings, then infos; within a severity, catalog order
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    errors = [f.indicator for f in findings if f.severity == "error"]
    assert errors == [1, 2, 3, 5]


def test_counts_across_a_shared_group_come_from_the_catalog(catalog: Catalog) -> None:
    evidence = (
        EvidenceFact(1, "县司法局", (1,), "2021", added_at=T0),
        EvidenceFact(2, "县发展和改革局", (2,), "2022", added_at=T0),
    )
    findings = check_snapshot(CheckSnapshot(catalog=catalog, evidence=evidence))
    short = [f for f in findings if f.code == "count_short"]
    assert len(short) == 1  # the shared item is reported once, on the row holding it
    assert short[0].indicator == 1 and "3 件" in short[0].message and "现有 2 件" in short[0].message
    assert not any(f.code == "no_evidence" and f.indicator in (1, 2) for f in findings)
    more = (*evidence, EvidenceFact(3, "县司法局", (1, 2), "2023", added_at=T0))
    assert not any(
        f.code == "count_short" for f in check_snapshot(CheckSnapshot(catalog=catalog, evidence=more))
    )
    withdrawn = (*evidence, EvidenceFact(3, "县司法局", (1, 2), "2023", active=False, added_at=T0))
    assert any(
        f.code == "count_short" for f in check_snapshot(CheckSnapshot(catalog=catalog, evidence=withdrawn))
    )


def test_national_catalog_count_for_group_26_to_29_is_ten() -> None:
    national = load_builtin("national-2021")
    evidence = tuple(EvidenceFact(n, "县司法局", (26 + n % 4,), "2021", added_at=T0) for n in range(7))
    findings = check_snapshot(CheckSnapshot(catalog=national, evidence=evidence))
    short = [f for f in findings if f.code == "count_short" and f.indicator in (26, 27, 28, 29)]
    assert len(short) == 1 and short[0].indicator == 26
    assert "至少 10 件" in short[0].message and "现有 7 件" in short[0].message


def test_stale_evidence_and_info_records(catalog: Catalog) -> None:
    evidence = (
        EvidenceFact(7, "县司法局", (1,), "2018-06", title="旧文件", added_at=T0),
        EvidenceFact(8, "县司法局", (1,), "2020", added_at=T0),
        EvidenceFact(9, "县发展和改革局", (3,), None, added_at=T0),
    )
    info = (InfoFact(3, "县发展和改革局", "url"),)
    findings = check_snapshot(CheckSnapshot(catalog=catalog, evidence=evidence, info=info))
    stale = [f for f in findings if f.code == "stale_evidence"]
    assert [(f.indicator, f.unit) for f in stale] == [(1, "县司法局")]
    assert "旧文件" in stale[0].message and "2018-06" in stale[0].message and "2020" in stale[0].message
    got = codes(findings)
    assert not any(c == "missing_url" for c, *_ in got)
    assert ("missing_contact", 3, "县发展和改革局", "warning") in got


def test_units_collectives_and_partial_delivery(catalog: Catalog) -> None:
    evidence: tuple[EvidenceFact, ...] = (EvidenceFact(1, "县司法局", (2,), "2021", added_at=T0),)
    nothing = codes(check_snapshot(CheckSnapshot(catalog=catalog, evidence=evidence)))
    assert ("unit_nothing", None, "县发展和改革局", "warning") in nothing  # neither 2 nor 3
    evidence = (*evidence, EvidenceFact(2, "县发展和改革局", (3,), "2021", added_at=T0))
    snapshot = CheckSnapshot(
        catalog=catalog,
        evidence=evidence,
        collectives=frozenset({"各乡镇"}),
        collective_members={"各乡镇": ("甲镇",)},
    )
    got = codes(check_snapshot(snapshot))
    assert (
        "unit_missing",
        2,
        "县发展和改革局",
        "warning",
    ) in got  # 县司法局 gave something for 2, 发改局 nothing
    assert ("unit_nothing", None, "各乡镇", "warning") in got  # members set and none delivered
    assert not any(u == "县司法局" and c in {"unit_nothing", "unit_missing"} for c, _, u, _ in got)


def test_returned_evidence_until_resubmitted(catalog: Catalog) -> None:
    reviews = (
        ReviewFact(1, "县司法局", "accepted", T0),
        ReviewFact(1, "县司法局", "returned", T0 + timedelta(days=1), "缺少签章"),
    )
    old = EvidenceFact(1, "县司法局", (1,), "2021", added_at=T0)
    findings = check_snapshot(CheckSnapshot(catalog=catalog, evidence=(old,), reviews=reviews))
    returned = [f for f in findings if f.code == "returned"]
    assert [(f.indicator, f.unit, f.severity) for f in returned] == [(1, "县司法局", "error")]
    assert "缺少签章" in returned[0].message
    new = EvidenceFact(2, "县司法局", (2,), "2021", added_at=T0 + timedelta(days=2))  # same 合并提供 group
    findings = check_snapshot(CheckSnapshot(catalog=catalog, evidence=(old, new), reviews=reviews))
    assert not any(f.code == "returned" for f in findings)


def test_bonus_without_proof_and_triggered_veto(catalog: Catalog) -> None:
    evidence = (
        EvidenceFact(5, "县司法局", (1,), "2021", added_at=T0),
        EvidenceFact(6, "县司法局", (1,), active=False),
    )
    for proof, expect in ((None, True), (6, True), (5, False)):
        snapshot = CheckSnapshot(
            catalog=catalog, evidence=evidence, bonus=(BonusFact("B1", 5, proof),), vetoes=("V1",)
        )
        findings = check_snapshot(snapshot)
        assert any(f.code == "bonus_no_proof" and f.indicator == "B1" for f in findings) is expect
        assert ("veto_triggered", "V1", None, "error") in codes(findings)
    zero = CheckSnapshot(catalog=catalog, bonus=(BonusFact("B1", 0, None),))
    assert not any(f.code == "bonus_no_proof" for f in check_snapshot(zero))


def test_unit_workspace_checks_only_its_own_indicators(catalog: Catalog) -> None:
    findings = check_snapshot(CheckSnapshot(catalog=catalog, scope_unit="县发展和改革局", vetoes=("V1",)))
    assert {f.indicator for f in findings} <= {2, 3, None}
    assert not any(f.code in {"not_assessed", "veto_triggered", "bonus_no_proof"} for f in findings)


def test_finding_json_keys(catalog: Catalog) -> None:
    finding = check_snapshot(CheckSnapshot(catalog=catalog))[0]
    assert set(finding.to_json()) >= {"severity", "indicator", "unit", "message"}


def test_messages_speak_plainly_and_cli_hints_are_separate(catalog: Catalog) -> None:
    snapshot = CheckSnapshot(catalog=catalog, bonus=(BonusFact("B1", 5, None),))
    findings = check_snapshot(snapshot)
    for finding in findings:
        assert "fazhi" not in finding.message and "--" not in finding.message, finding.message
        assert finding.to_json()["hint"] == finding.hint
    by_code = {f.code: f for f in findings}
    assert "请登记网址" in by_code["missing_url"].message
    assert "请登记联系方式" in by_code["missing_contact"].message
    assert "请补充证明文件" in by_code["bonus_no_proof"].message
    assert by_code["missing_url"].hint is not None and "fazhi record" in by_code["missing_url"].hint
    assert "--url" in by_code["missing_url"].hint
    assert by_code["missing_contact"].hint is not None and "--contact" in by_code["missing_contact"].hint
    bonus_hint = by_code["bonus_no_proof"].hint
    assert bonus_hint is not None and "fazhi bonus" in bonus_hint and "--proof" in bonus_hint
    assert by_code["no_evidence"].hint is None
