"""app.narrative.store / drafting: a history per key (the latest counts), audit entries, key checks,
drafts stored only for empty sections, and the report data filled from the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.base.errors import UsageError
from app.export.service import collect_report_data
from app.narrative.drafting import make_draft, store_drafts
from app.narrative.store import current_narrative, history, save_text, save_texts
from app.project.audit_log import list_log
from app.project.folder import Project, open_project
from exports.report_data import DRAFT_PLACEHOLDER
from models import NarrativeText


def _rows(project: Project) -> int:
    with project.session() as session:
        return int(session.scalar(select(func.count()).select_from(NarrativeText)) or 0)


def test_every_save_is_a_new_version_and_the_latest_counts(project: Project) -> None:
    assert save_text(project, "basic", "第一稿", actor="甲")
    assert save_text(project, "basic", "第二稿\r\n第二段  ", actor="乙")
    assert not save_text(project, "basic", "第二稿\n第二段")  # unchanged after normalising: no row
    versions = history(project, "basic")
    assert [v.text for v in versions] == ["第二稿\n第二段", "第一稿"]
    assert [v.by for v in versions] == ["乙", "甲"]
    assert current_narrative(project).sections == {"basic": "第二稿\n第二段"}
    assert _rows(project) == 2
    entries = list_log(project, action="narrative.save")
    assert [e.detail["keys"] for e in entries] == [["basic"], ["basic"]]
    assert all(e.detail["source"] == "manual" for e in entries)
    assert {e.actor for e in entries} == {"甲", "乙"}


def test_notes_are_kept_by_indicator_and_an_emptied_text_drops_out(project: Project) -> None:
    save_texts(project, {"indicator:3": "执法案卷评查 12 件。", "area:2": "制度建设做法。"})
    state = current_narrative(project)
    assert state.notes == {3: "执法案卷评查 12 件。"} and state.sections == {"area:2": "制度建设做法。"}
    save_text(project, "indicator:3", "   ")
    assert current_narrative(project).notes == {}
    assert len(history(project, "indicator:3")) == 2


@pytest.mark.parametrize("key", ["area:9", "indicator:99", "summary", "indicator:x"])
def test_unknown_keys_are_refused_and_nothing_is_written(project: Project, key: str) -> None:
    with pytest.raises(UsageError) as caught:
        save_texts(project, {"basic": "有效的文字", key: "x"})
    assert "\n" not in str(caught.value)
    assert _rows(project) == 0
    assert list_log(project, action="narrative.save") == []


def test_read_only_project_refuses_to_save(project_dir: Path) -> None:
    with open_project(project_dir, readonly=True) as readonly, pytest.raises(UsageError, match="只读"):
        save_text(readonly, "basic", "文字")


def test_drafts_fill_only_empty_sections(project: Project) -> None:
    save_text(project, "basic", "本县自己写的基本情况。")
    stored = store_drafts(project)
    assert stored == ["area:1", "area:2", "problems", "next_steps"]
    state = current_narrative(project)
    assert state.sections["basic"] == "本县自己写的基本情况。"
    assert state.sections["area:1"] == make_draft(project)["area:1"]
    assert "（一）放权" in state.sections["area:1"]
    assert DRAFT_PLACEHOLDER in state.sections["next_steps"]
    assert {v.source for k in stored for v in history(project, k)} == {"draft"}
    assert store_drafts(project) == []  # nothing empty any more


def test_report_data_carries_the_stored_text(project: Project) -> None:
    save_texts(project, {"problems": "问题与整改。", "indicator:5": "合法性审核 30 件。"})
    data = collect_report_data(project)
    assert data.narrative == {"problems": "问题与整改。"}
    assert data.indicator_notes == {5: "合法性审核 30 件。"}
