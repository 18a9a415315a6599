"""Assessment services on a real project database: levels, marks, schemes, score, info records, check."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.assessment.levels import (
    claim_bonus,
    current_levels,
    current_marks,
    current_scheme,
    history,
    list_info,
    load_scheme,
    record_info,
    reset_scheme,
    score_project,
    set_level,
    set_veto,
)
from app.base.errors import NotFoundError, UsageError
from app.evidence.attach import attach, withdraw
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.project.seed import unit_row_by_name
from app.scoring.scheme import DISCLAIMER, MET, NA, PARTIAL, SchemeError, reference_scheme
from app.status.selfcheck import run_check
from indicator_catalog import Catalog
from models import Assessment, AuditLog, ExtraMark, Review, utcnow
from models import ScoringScheme as SchemeRow

MakePdf = Callable[..., Path]


def count_rows(project: Project, model: type) -> int:
    with project.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def cents(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_levels_history_and_audit(project: Project) -> None:
    first = set_level(project, 2, "partial", comment="缺一件", by="张三")
    assert (first.indicator, first.level, first.comment, first.by) == (2, PARTIAL, "缺一件", "张三")
    set_level(project, 2, "达标")
    set_level(project, 5, "na", comment="本县无乡镇")
    levels = current_levels(project)
    assert {n: r.level for n, r in levels.items()} == {2: MET, 5: NA}
    assert levels[2].by == "测试员"  # FAZHI_ACTOR from tests/conftest.py
    assert [r.level for r in history(project, 2)] == [PARTIAL, MET]
    entries = list_log(project, action="assessment.set")
    assert [(e.target, e.detail["level"], e.detail["previous"]) for e in entries] == [
        ("indicator:2", PARTIAL, None),
        ("indicator:2", MET, PARTIAL),
        ("indicator:5", NA, None),
    ]
    assert entries[0].actor == "张三"


def test_bad_level_or_indicator_writes_nothing(project: Project) -> None:
    before = count_rows(project, AuditLog)
    with pytest.raises(UsageError, match="good"):
        set_level(project, 2, "good")
    with pytest.raises(UsageError, match="第 99 项"):
        set_level(project, 99, "met")
    assert count_rows(project, Assessment) == 0
    assert count_rows(project, AuditLog) == before


def test_veto_and_bonus_marks(project: Project, make_pdf: MakePdf, tmp_path: Path) -> None:
    proof = attach(
        project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "表彰文件.pdf")]
    ).attached[0]
    set_veto(project, "v1", triggered=True, note="发生严重违法行为")
    claim_bonus(project, "B1", points=15, note="省级表彰", proof_evidence_id=proof.id)
    marks = current_marks(project)
    assert marks["V1"].triggered and marks["V1"].note == "发生严重违法行为"
    assert (marks["B1"].points, marks["B1"].proof_evidence_id) == (15, proof.id)
    set_veto(project, "V1", triggered=False, note="经核实不属实")
    assert current_marks(project)["V1"].triggered is False
    actions = [e.action for e in list_log(project, action="veto.")] + [
        e.action for e in list_log(project, action="bonus.")
    ]
    assert actions == ["veto.trigger", "veto.clear", "bonus.claim"]


def test_bad_marks_write_nothing(project: Project, make_pdf: MakePdf, tmp_path: Path) -> None:
    record = attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")]).attached[
        0
    ]
    withdraw(project, record.id, reason="放错了")
    before = count_rows(project, AuditLog)
    with pytest.raises(UsageError, match="V9"):
        set_veto(project, "V9", triggered=True, note="x")
    with pytest.raises(UsageError, match="--note"):
        set_veto(project, "V1", triggered=True, note="  ")
    with pytest.raises(UsageError, match="B3"):
        claim_bonus(project, "B3", points=1, note="x")
    with pytest.raises(UsageError, match="分值无效"):
        claim_bonus(project, "B1", points=-2, note="x")
    with pytest.raises(NotFoundError, match="4242"):
        claim_bonus(project, "B1", points=5, note="x", proof_evidence_id=4242)
    with pytest.raises(UsageError, match="withdrawn"):
        claim_bonus(project, "B1", points=5, note="x", proof_evidence_id=record.id)
    assert count_rows(project, ExtraMark) == 0
    assert count_rows(project, AuditLog) == before


def test_score_project_matches_a_hand_computation(project: Project) -> None:
    # tiny catalog: six indicators of 10 points
    set_level(project, 1, "met")
    set_level(project, 2, "partial")
    set_level(project, 3, "unmet")
    set_level(project, 4, "na")
    set_level(project, 5, "partial")
    claim_bonus(project, "B1", points=12, note="表彰")
    claim_bonus(project, "B2", points=9, note="推广")
    result = score_project(project)
    earned = Decimal(10) + Decimal(6) + 0 + Decimal(6)  # 6 not assessed → 0
    assert result.earned == 22 and result.applicable_max == 50
    assert result.base == cents(Decimal(1000) * earned / 50) == 440
    assert result.bonus == 19  # B1 capped at 10, B2 9, under the overall 20
    assert result.total == 459
    assert result.result == "有效" and not result.vetoed
    assert result.disclaimer == DISCLAIMER
    assert result.indicator(1).comment is None
    set_veto(project, "V2", triggered=True, note="材料造假")
    vetoed = score_project(project)
    assert vetoed.result == "一票否决" and vetoed.veto_items == ("V2",) and vetoed.total == 459


def test_scheme_load_reset_and_refusal(project: Project, tmp_path: Path, small_catalog: Catalog) -> None:
    assert current_scheme(project) == reference_scheme(small_catalog)
    good = tmp_path / "县方案.yaml"
    good.write_text(
        "name: 县评分方案\npoints:\n  default: 20\n  overrides: {6: 40}\n"
        "levels: {基本达标: 0.5}\nbonus: {total_cap: 15}\n",
        encoding="utf-8",
    )
    scheme = load_scheme(project, good)
    assert current_scheme(project) == scheme
    assert current_scheme(project).source == str(good)
    assert scheme.points_for(6) == 40 and scheme.factor(PARTIAL) == 0.5
    entry = list_log(project, action="scheme.load")[-1]
    assert entry.detail["file"] == str(good) and entry.detail["name"] == "县评分方案"
    assert entry.detail["scheme"]["bonus"]["total_cap"] == 15

    set_level(project, 6, "partial")
    set_level(project, 1, "met")
    result = score_project(project)
    # earned 20 + 40×0.5 = 40 of 20×5 + 40 = 140 → 1000 × 40/140 = 285.71
    assert result.base == cents(Decimal(1000) * 40 / 140) == 285.71

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"points": {"overrides": {"77": 5}}, "base_scale": -1}), encoding="utf-8")
    rows, audit = count_rows(project, SchemeRow), count_rows(project, AuditLog)
    with pytest.raises(SchemeError) as info:
        load_scheme(project, bad)
    message = str(info.value)
    assert str(bad) in message and "\n" not in message
    assert {p.path for p in info.value.problems} == {"points.overrides.77", "base_scale"}
    assert (count_rows(project, SchemeRow), count_rows(project, AuditLog)) == (rows, audit)
    assert current_scheme(project) == scheme

    reset_scheme(project)
    assert current_scheme(project) == reference_scheme(small_catalog)
    assert list_log(project, action="scheme.reset")


def test_record_info_checks_unit_and_value(project: Project) -> None:
    info = record_info(
        project, indicator=1, unit="县发改局", kind="url", value="http://www.example.gov.cn/qd"
    )
    assert info.unit == "县发展和改革局" and info.kind == "url"
    record_info(
        project, indicator=4, unit="县司法局", kind="contact", value="0356-1234567"
    )  # via 合并提供 {3, 4}
    assert [(i.indicator, i.kind) for i in list_info(project, indicator=3)] == [(4, "contact")]
    assert list_log(project, action="info.record")[0].detail["value"] == "http://www.example.gov.cn/qd"
    with pytest.raises(UsageError, match="责任单位"):
        record_info(project, indicator=6, unit="县司法局", kind="url", value="http://a.cn")
    with pytest.raises(UsageError, match="集体名称"):
        record_info(project, indicator=5, unit="各乡镇", kind="contact", value="123")
    with pytest.raises(UsageError, match="网址无效"):
        record_info(project, indicator=1, unit="县司法局", kind="url", value="not a url")
    with pytest.raises(UsageError, match="未知的单位"):
        record_info(project, indicator=1, unit="县不存在局", kind="url", value="http://a.cn")
    assert len(list_info(project)) == 2


def test_read_only_and_unit_workspaces_cannot_score(
    project_dir: Path, tmp_path: Path, small_catalog: Catalog
) -> None:
    with open_project(project_dir, readonly=True) as readonly, pytest.raises(UsageError, match="只读"):
        set_level(readonly, 1, "met")
    folder = tmp_path / "单位工作区"
    create_project(folder, county="测试县", year=2024, catalog=small_catalog, role="unit", unit="县司法局")
    with open_project(folder) as unit_project:
        for action in (
            lambda: set_level(unit_project, 1, "met"),
            lambda: set_veto(unit_project, "V1", triggered=True, note="x"),
            lambda: claim_bonus(unit_project, "B1", points=1, note="x"),
            lambda: reset_scheme(unit_project),
        ):
            with pytest.raises(UsageError, match="单位工作区"):
                action()
        findings = run_check(unit_project)
        assert findings and all(f.code not in {"not_assessed", "veto_triggered"} for f in findings)
        assert {f.indicator for f in findings} <= {1, 3, 4, 5, None}  # 县司法局's indicators (and group)


def test_run_check_on_a_project(project: Project, make_pdf: MakePdf, tmp_path: Path) -> None:
    files = [make_pdf(tmp_path / f"案卷{n}.pdf", text=f"案卷 {n}") for n in range(7)]
    attach(project, unit="县司法局", indicators=[3], files=files[:4], period="2021")
    attach(project, unit="县市场监督管理局", indicators=[4], files=files[4:], period="2022")
    old = attach(
        project, unit="县发改局", indicators=[2], files=[make_pdf(tmp_path / "旧.pdf")], period="2015"
    )
    findings = run_check(project)
    short = [f for f in findings if f.code == "count_short"]
    assert len(short) == 1 and short[0].indicator == 3
    assert "至少 10 件" in short[0].message and "现有 7 件" in short[0].message
    assert {f.indicator for f in findings if f.code == "no_evidence"} == {1, 5, 6}
    assert {f.indicator for f in findings if f.code == "not_assessed"} == {1, 2, 3, 4, 5, 6}
    assert old.attached  # period 2015 is fine: indicator 2 has no since-year
    assert not any(f.code == "stale_evidence" for f in findings)

    # a returned review stays an error until the unit attaches again
    with project.session() as session:
        unit = unit_row_by_name(session, "县发展和改革局")
        assert unit is not None
        session.add(
            Review(
                indicator_number=2,
                unit_id=unit.id,
                decision="returned",
                comment="缺少盖章",
                reviewed_by="审核员",
                at=utcnow(),
            )
        )
    returned = [f for f in run_check(project) if f.code == "returned"]
    assert [(f.indicator, f.unit, f.severity) for f in returned] == [(2, "县发展和改革局", "error")]
    attach(
        project,
        unit="县发改局",
        indicators=[2],
        files=[make_pdf(tmp_path / "新.pdf", text="新")],
        period="2023",
    )
    assert not any(f.code == "returned" for f in run_check(project))

    claim_bonus(project, "B1", points=5, note="表彰")
    set_veto(project, "V1", triggered=True, note="x")
    final = run_check(project)
    assert ("bonus_no_proof", "B1") in {(f.code, f.indicator) for f in final}
    assert ("veto_triggered", "V1") in {(f.code, f.indicator) for f in final}
    severities = [f.severity for f in final]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
