"""The catalog's open placement questions as the report's scheme section prints them (issue: where
indicator 69 belongs): the placement this project uses and why, the alternative, and how the 一级指标
subtotals (and the total) would differ under it, scored with the same levels and scheme."""

from __future__ import annotations

from app.assessment.levels import score_project
from app.project.folder import Project
from app.project.placements import QuestionView, open_questions
from app.scoring.compute import ScoreResult
from exports.report_data import format_points
from indicator_catalog import Catalog
from indicator_catalog.placements import with_placement


def _subtotal(score: ScoreResult, code: str) -> str:
    area = next((a for a in score.areas if a.code == code), None)
    if area is None:
        return "—"
    return f"{format_points(area.score)} 分（满分 {format_points(area.max)} 分）"


def _group_label(catalog: Catalog, code: str) -> str:
    return f"{code}“{catalog.group(code).name}”"


def question_paragraph(project: Project, view: QuestionView, score: ScoreResult) -> str:
    """One paragraph: the question, the placement in use, and each alternative with its subtotals."""
    question = view.question
    catalog = project.catalog
    current = question.placement(view.current)
    chosen = question.chosen is not None or view.current != question.default
    how = "依法治县办选定" if chosen else "指标体系默认"
    parts = [
        f"待定问题：第 {question.indicator} 项的归属。{question.question}",
        f"本报告按{_group_label(catalog, view.current)}计算（{how}；依据：{current.basis.rstrip('。')}）。",
    ]
    for other in question.placements:
        if other.group == view.current:
            continue
        moved = with_placement(catalog, question.id, other.group)
        alternative = score_project(project, moved)
        areas = dict.fromkeys((catalog.group(view.current).area, catalog.group(other.group).area))
        diffs = "，".join(
            f"一级指标{code}的小计由 {_subtotal(score, code)}变为 {_subtotal(alternative, code)}"
            for code in areas
        )
        if abs(alternative.total - score.total) < 0.005:
            total = f"总分不变（{format_points(score.total)} 分）"
        else:
            total = f"总分由 {format_points(score.total)} 分变为 {format_points(alternative.total)} 分"
        parts.append(
            f"另一种归属：{_group_label(moved, other.group)}（依据：{other.basis.rstrip('。')}）。"
            f"按该归属，{diffs}；{total}。"
        )
    return "".join(parts)


def question_paragraphs(project: Project, score: ScoreResult) -> tuple[str, ...]:
    """One paragraph per open question of the project's catalog (none for most catalogs)."""
    return tuple(question_paragraph(project, view, score) for view in open_questions(project))
