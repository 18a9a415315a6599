"""Per-indicator progress (the window's tree status and checklist counts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.evidence.attach import attach, withdraw
from app.project.folder import Project
from app.status.returns import returned_indicators
from app.status.workspace import (
    EvidenceFact,
    IndicatorStatus,
    compute_progress,
    demands_of,
    evidence_facts,
    load_workspace,
    project_progress,
    summarize,
)
from app.units.registry import resolve_unit
from indicator_catalog import Catalog
from models import Review, utcnow


def test_empty_project_state(small_catalog: Catalog) -> None:
    progress = compute_progress(small_catalog, [])
    assert set(progress) == {i.number for i in small_catalog.indicators}
    assert all(p.status is IndicatorStatus.NONE for p in progress.values())
    # Indicator 1 itemises no demand: it still wants one document.
    assert [(r.have, r.need) for r in progress[1].requirements] == [(0, 1)]
    assert [(r.key, r.need) for r in progress[3].requirements] == [("3.1", 10)]
    # 4 shares evidence with 3 (合并提供) and has no demands of its own: it shows the group's.
    assert [r.key for r in demands_of(small_catalog, small_catalog.indicator(4))] == ["3.1"]
    assert [(r.key, r.need) for r in progress[4].requirements] == [("3.1", 10)]


def test_counts_status_and_shared_groups(small_catalog: Catalog) -> None:
    facts = [EvidenceFact(i, (3,), "县司法局") for i in range(1, 10)]
    progress = compute_progress(small_catalog, facts)
    assert progress[3].status is IndicatorStatus.SOME
    assert progress[3].requirements[0].have == 9
    # Evidence given to 3 counts for 4 too.
    assert progress[4].evidence_count == 9
    assert progress[4].status is IndicatorStatus.SOME
    progress = compute_progress(small_catalog, [*facts, EvidenceFact(10, (4,), "县司法局")])
    assert progress[3].status is IndicatorStatus.COMPLETE
    assert progress[4].status is IndicatorStatus.COMPLETE
    assert progress[3].demands_met == 1
    assert summarize(progress)[IndicatorStatus.COMPLETE] == 2


def test_requirement_keys_count_only_for_their_demand() -> None:
    from indicator_catalog import catalog_from_document

    catalog = catalog_from_document(
        {
            "id": "two-demands",
            "title": "测试",
            "areas": [{"code": "一", "name": "甲", "groups": [{"code": "一.1", "name": "乙"}]}],
            "indicators": [
                {
                    "number": 1,
                    "group": "一.1",
                    "text": "某项工作",
                    "requirements": [
                        {"key": "1.1", "text": "工作方案"},
                        {"key": "1.2", "text": "任意3件案卷", "min_count": 3},
                        {"key": "1.3", "text": "现场查看", "onsite": True},
                    ],
                },
                {
                    "number": 2,
                    "group": "一.1",
                    "text": "实地",
                    "onsite": True,
                    "requirements": [{"text": "实地核查", "onsite": True}],
                },
            ],
        }
    )
    facts = [EvidenceFact(1, (1,), "县司法局", "1.2"), EvidenceFact(2, (1,), "县司法局", "1.2")]
    progress = compute_progress(catalog, facts)[1]
    assert [(r.key, r.have, r.need, r.done) for r in progress.requirements] == [
        ("1.1", 0, 1, False),
        ("1.2", 2, 3, False),
        ("1.3", 0, 0, True),
    ]
    progress = compute_progress(catalog, [*facts, EvidenceFact(3, (1,), "县司法局")])[1]
    # A record naming no demand counts for each of them.
    assert [(r.have, r.done) for r in progress.requirements] == [(1, True), (3, True), (0, True)]
    assert progress.status is IndicatorStatus.COMPLETE
    assert compute_progress(catalog, [])[2].status is IndicatorStatus.ONSITE
    assert compute_progress(catalog, [], returned=[1])[1].status is IndicatorStatus.RETURNED


def test_progress_from_a_project(project: Project, tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    files = [make_pdf(tmp_path / f"案卷{i}.pdf", text=f"案卷 {i}") for i in range(3)]
    result = attach(project, unit="县司法局", indicators=[3], files=files[:2], requirement_key="3.1")
    attach(project, unit="县发改局", indicators=[1, 2], files=files[2:])
    facts = {f.evidence_id: f for f in evidence_facts(project)}
    assert len(facts) == 3
    assert facts[result.attached[0].id].requirement == "3.1"
    assert facts[result.attached[0].id].unit == "县司法局"

    progress = project_progress(project)
    assert progress[3].requirements[0].have == 2
    assert progress[4].evidence_count == 2  # 合并提供
    assert progress[1].status is IndicatorStatus.COMPLETE
    assert progress[1].units_with_evidence == ("县发展和改革局",)
    assert progress[5].status is IndicatorStatus.NONE

    # Only the asked-for indicators (and their groups) are computed: what the window refreshes.
    partial = project_progress(project, [3])
    assert set(partial) == {3, 4}
    assert partial[3] == progress[3]

    withdraw(project, result.attached[0].id, reason="重复")
    assert project_progress(project, [3])[3].requirements[0].have == 1


def test_returned_until_the_unit_adds_evidence(
    project: Project, tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    unit = resolve_unit(project, "县司法局")
    attach(project, unit="县司法局", indicators=[5], files=[make_pdf(tmp_path / "旧.pdf")])
    with project.session() as session:
        session.add(
            Review(
                indicator_number=5,
                unit_id=unit.id,
                decision="returned",
                comment="不全",
                reviewed_by="审核员",
                at=utcnow(),
            )
        )
    assert returned_indicators(project) == {5}
    assert project_progress(project)[5].status is IndicatorStatus.RETURNED
    attach(project, unit="县司法局", indicators=[5], files=[make_pdf(tmp_path / "新.pdf", text="补充")])
    assert returned_indicators(project) == set()
    assert project_progress(project)[5].status is IndicatorStatus.COMPLETE


def test_load_workspace(project_dir: Path) -> None:
    project, snapshot = load_workspace(project_dir)
    try:
        assert snapshot.info.county == "测试县"
        assert not snapshot.is_unit_workspace
        assert {u.name for u in snapshot.units} >= {"县司法局", "各乡镇"}
        assert snapshot.unit("县司法局") is not None
        assert set(snapshot.progress) == {i.number for i in snapshot.catalog.indicators}
    finally:
        project.close()
