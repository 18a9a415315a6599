"""The one return rule: tree, self-check and dashboard say the same about returned evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.assessment.reviews import review
from app.evidence.attach import attach
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.status.dashboard import read_dashboard
from app.status.returns import read_outstanding_returns
from app.status.selfcheck import run_check
from app.status.workspace import IndicatorStatus, project_progress
from indicator_catalog import load_builtin

UNIT = "县司法局"


def _views(project: Project) -> tuple[bool, bool, bool, bool]:
    """Whether 26 counts as returned-and-unanswered for the rule, the tree, the self-check, the dashboard."""
    rule = any(r.indicator == 26 and r.unit == UNIT for r in read_outstanding_returns(project))
    tree = project_progress(project)[26].status == IndicatorStatus.RETURNED
    check = any(f.code == "returned" and f.indicator == 26 and f.unit == UNIT for f in run_check(project))
    dashboard = next(u for u in read_dashboard(project).units if u.name == UNIT).returns_outstanding > 0
    return rule, tree, check, dashboard


def test_evidence_for_another_indicator_of_the_group_answers_the_return(
    tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    folder = tmp_path / "p"
    catalog = load_builtin("national-2021")
    assert set(catalog.indicator(26).evidence_group) >= {26, 27}  # 合并提供 26–29
    create_project(folder, county="测试县", year=2024, catalog=catalog)
    with open_project(folder) as project:
        attach(project, unit=UNIT, indicators=[26], files=[make_pdf(tmp_path / "a.pdf")])
        review(project, indicator=26, unit=UNIT, decision="returned", comment="缺少审核意见书")
        assert _views(project) == (True, True, True, True)
        # The unit answers with evidence filed under 27, which the group shares.
        attach(project, unit=UNIT, indicators=[27], files=[make_pdf(tmp_path / "b.pdf", text="补充材料")])
        assert _views(project) == (False, False, False, False)


def test_evidence_of_another_unit_does_not_answer(tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    folder = tmp_path / "p"
    catalog = load_builtin("national-2021")
    create_project(folder, county="测试县", year=2024, catalog=catalog)
    with open_project(folder) as project:
        attach(project, unit=UNIT, indicators=[26], files=[make_pdf(tmp_path / "a.pdf")])
        review(project, indicator=26, unit=UNIT, decision="returned", comment="请补充")
        other = "县市场监督管理局"  # a member of 县政府各工作部门, responsible for 26 too
        attach(project, unit=other, indicators=[26], files=[make_pdf(tmp_path / "c.pdf", text="其他")])
        assert _views(project) == (True, True, True, True)
