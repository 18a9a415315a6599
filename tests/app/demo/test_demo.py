"""The demo county: every screen must have something real to show (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.assessment.levels import current_levels, current_marks, score_project
from app.assessment.reviews import list_reviews
from app.base.errors import UsageError
from app.demo.builder import ACCEPTED_UNITS, LEFT_EMPTY, NOT_ASSESSED, RETURNED, REWORKED, TOWNS, build_demo
from app.evidence.attach import list_evidence
from app.integrity.verify import verify
from app.project.folder import open_project
from app.status.selfcheck import run_check
from app.units.registry import list_units


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "陵川县"
    build_demo(folder)
    return folder


def test_demo_has_units_evidence_and_levels(demo_dir: Path) -> None:
    with open_project(demo_dir, readonly=True) as project:
        assert project.info.county == "陵川县"
        units = {u.name: u for u in list_units(project)}
        assert set(TOWNS) <= set(units["各乡镇"].members)
        evidence = list_evidence(project)
        assert len(evidence) >= 120
        assert {e.kind for e in evidence} == {"pdf", "xlsx"}
        assert any((e.pages or 0) > 1 for e in evidence)  # scanned pages appended
        assert len({e.unit for e in evidence}) >= 10
        covered = {n for e in evidence for n in e.indicators}
        assert not covered & set(LEFT_EMPTY)
        levels = current_levels(project)
        assert len(levels) == len(project.catalog.indicators) - len(NOT_ASSESSED)
        assert levels[23].level == "不适用"
        marks = current_marks(project)
        assert marks["B1"].points == 5 and marks["B1"].proof_evidence_id is not None


def test_demo_leaves_findings_and_a_return(demo_dir: Path) -> None:
    with open_project(demo_dir, readonly=True) as project:
        findings = run_check(project)
        codes = {(f.code, f.indicator) for f in findings}
        for number in LEFT_EMPTY:
            assert ("no_evidence", number) in codes
        assert ("count_short", 26) in codes
        assert ("stale_evidence", 30) in codes
        number, unit, _comment = RETURNED
        reviews = list_reviews(project)
        assert any(r.indicator == number and r.unit == unit and r.decision == "returned" for r in reviews)
        result = score_project(project)
        assert result.result == "有效"
        assert 0 < result.base < 1000 and result.bonus == 5


def test_demo_review_history_has_accepted_and_returned_items(demo_dir: Path) -> None:
    with open_project(demo_dir, readonly=True) as project:
        current = list_reviews(project)
        history = list_reviews(project, latest=False)
        evidence = {(n, e.unit) for e in list_evidence(project) for n in e.indicators}
    accepted = [r for r in current if r.decision == "accepted"]
    returned = [r for r in current if r.decision == "returned"]
    assert len({r.unit for r in accepted}) >= ACCEPTED_UNITS
    assert [(r.indicator, r.unit) for r in returned] == [RETURNED[:2]]
    # Every review is about evidence the unit really handed in.
    assert {(r.indicator, r.unit) for r in current} <= evidence
    # One item was returned, supplemented and then accepted: both steps stay in the history.
    number, unit, comment = REWORKED
    steps = [(r.decision, r.comment) for r in history if (r.indicator, r.unit) == (number, unit)]
    assert steps[0] == ("returned", comment) and steps[-1][0] == "accepted"
    assert all(r.reviewed_by == "县委依法治县办 审核组" for r in history)


def test_demo_store_is_consistent(demo_dir: Path) -> None:
    with open_project(demo_dir) as project:
        report = verify(project)
    assert report.problems == []


def test_demo_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("别动我", encoding="utf-8")
    with pytest.raises(UsageError, match="目录不为空"):
        build_demo(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_documents_are_the_same_made_here_or_in_worker_processes(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from app.demo.builder import _DocumentMaker, _Job

    def jobs(folder: Path) -> list[_Job]:
        document = {
            "issuer": "陵川县司法局",
            "title": "关于第22项指标落实情况的报告（1）",
            "doc_number": "陵司发〔2022〕7号",
            "paragraphs": ["为贯彻落实有关要求，现将情况报告如下。", "一、基本情况。"],
            "date_text": "2022年3月1日",
        }
        table = [["序号", "事项名称"], ["1", "制度建设（第22项）"]]
        ledger = {"title": "工作台账", "headers": ["序号", "事项"], "rows": [[1, "行政许可事项001"]]}
        return [
            _Job("pdf", folder / "a.pdf", {**document, "table": table, "seed": 1}),
            _Job("pdf", folder / "b.pdf", {**document, "scanned_pages": 1, "seed": 2}),
            _Job("xlsx", folder / "c.xlsx", ledger),
        ]

    made: dict[int, list[Path]] = {}
    for workers in (0, 2):
        folder = tmp_path / f"workers-{workers}"
        folder.mkdir()
        with _DocumentMaker(jobs(folder), workers) as documents:
            made[workers] = [documents.get(index) for index in range(3)]
    for here, there in zip(made[0][:2], made[2][:2], strict=True):
        pages_here, pages_there = PdfReader(here).pages, PdfReader(there).pages
        assert [p.extract_text() for p in pages_here] == [p.extract_text() for p in pages_there]
        assert [[i.data for i in p.images] for p in pages_here] == [
            [i.data for i in p.images] for p in pages_there
        ]
    scanned = PdfReader(made[2][1]).pages
    assert len(scanned) == 2 and "落实情况的报告" in scanned[0].extract_text() and scanned[1].images
    assert "制度建设（第22项）" in PdfReader(made[2][0]).pages[0].extract_text()
    sheets = [load_workbook(path).active for path in (made[0][2], made[2][2])]
    assert [[c.value for c in row] for row in sheets[0].iter_rows()] == [
        [c.value for c in row] for row in sheets[1].iter_rows()
    ]
