"""exports.narrative: the drafts of the sections and of each indicator's 自评说明 state only what the
data says (level, points, comment, evidence titles and units) and leave gap notes for the office."""

from __future__ import annotations

import dataclasses

from exports.narrative import draft_note, draft_notes
from exports.report_data import DRAFT_PLACEHOLDER, ReportData


def test_note_of_an_assessed_indicator_with_evidence(report_data: ReportData) -> None:
    note = draft_note(report_data, 1)
    lines = note.split("\n")
    score = report_data.score.indicator(1)
    assert score is not None and score.level == "达标"
    assert lines[0].startswith("本项自评达标，得分 ") and "满分" in lines[0]
    assert lines[1] == "评定意见：资料齐全，符合要求。"
    titles = [item.display_title for item in report_data.evidence_for(1)]
    assert titles and all(f"《{t[:29]}" in note for t in titles[:3])
    assert lines[-1].startswith(DRAFT_PLACEHOLDER)


def test_note_of_an_unassessed_indicator(report_data: ReportData) -> None:
    note = draft_note(report_data, 6)
    assert note.startswith("本项尚未评定等级。") and "得分" not in note
    assert "《关于推行“一次办”的通知》共 1 件" in note


def test_note_without_evidence_names_the_units(report_data: ReportData) -> None:
    number = next(i.number for i in report_data.catalog.indicators if not report_data.evidence_for_group(i))
    note = draft_note(report_data, number)
    assert "暂无印证资料" in note


def test_not_applicable_has_no_points(report_data: ReportData) -> None:
    note = draft_note(report_data, 5)
    assert note.startswith("本项自评不适用。") and "得分" not in note


def test_every_indicator_has_a_note(report_data: ReportData) -> None:
    notes = draft_notes(report_data)
    assert list(notes) == [i.number for i in report_data.catalog.indicators]
    assert all(text.strip() for text in notes.values())


def test_a_title_shared_by_several_files_is_quoted_once(report_data: ReportData) -> None:
    first = report_data.evidence_for(1)[0]
    twin = dataclasses.replace(first, id="twin", title=first.display_title)
    data = dataclasses.replace(report_data, evidence=(*report_data.evidence, twin))
    note = draft_note(data, 1)
    assert note.count(f"《{first.display_title[:29]}") == 1
    assert f"共 {len(data.evidence_for(1))} 件" in note or f"等 {len(data.evidence_for(1))} 件" in note
