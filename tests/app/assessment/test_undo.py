"""Undoing a level, a review decision and veto/bonus marks: the row in force goes back, the log says so."""

from __future__ import annotations

import pytest

from app.assessment.levels import claim_bonus, current_levels, current_marks, history, set_level, set_veto
from app.assessment.reviews import list_reviews, review
from app.assessment.undo import undo_level, undo_mark, undo_review
from app.base.errors import NotFoundError, UsageError
from app.project.audit_log import list_log
from app.project.folder import Project, open_project


def test_undo_level_restores_the_previous_level_and_logs_it(project: Project) -> None:
    first = set_level(project, 2, "partial", comment="缺一件", by="张三")
    second = set_level(project, 2, "达标", comment="已补齐", by="张三")
    restored = undo_level(project, second.id, by="张三")
    assert restored is not None and restored.id == first.id
    assert current_levels(project)[2].level == "基本达标"
    assert [r.id for r in history(project, 2)] == [first.id]
    entry = list_log(project, action="assessment.undo")[-1]
    assert entry.target == "indicator:2"
    assert entry.detail["level"] == "达标"
    assert entry.detail["comment"] == "已补齐"
    assert entry.detail["restored"] == "基本达标"
    assert entry.actor == "张三"

    # The first level undone too: the indicator is unassessed again.
    assert undo_level(project, first.id) is None
    assert 2 not in current_levels(project)
    assert list_log(project, action="assessment.undo")[-1].detail["restored"] == "未评估"


def test_undo_refuses_a_step_that_is_no_longer_in_force(project: Project) -> None:
    first = set_level(project, 3, "met")
    set_level(project, 3, "unmet")
    with pytest.raises(UsageError, match="第 3 项的评定在这一步之后又改过"):
        undo_level(project, first.id)
    assert current_levels(project)[3].level == "未达标"
    with pytest.raises(NotFoundError):
        undo_level(project, 99_999)


def test_undo_review_and_marks(project: Project) -> None:
    accepted = review(project, indicator=1, unit="县司法局", decision="accepted", comment="")
    returned = review(project, indicator=1, unit="县司法局", decision="returned", comment="缺盖章页")
    restored = undo_review(project, returned.id)
    assert restored is not None and restored.decision == "accepted"
    assert [r.id for r in list_reviews(project, indicator=1)] == [accepted.id]
    entry = list_log(project, action="review.undo")[-1]
    assert (entry.detail["unit"], entry.detail["decision"], entry.detail["restored"]) == (
        "县司法局",
        "returned",
        "通过",
    )
    assert undo_review(project, accepted.id) is None
    assert list_reviews(project, indicator=1) == []

    veto = set_veto(project, "V1", triggered=True, note="发生重大事故")
    assert undo_mark(project, veto.id) is None
    assert "V1" not in current_marks(project)
    entry = list_log(project, action="veto.undo")[-1]
    assert entry.target == "veto:V1" and entry.detail["triggered"] is True
    assert entry.detail["restored"] == "未标记"

    claim = claim_bonus(project, "B1", points=2, note="获评先进")
    again = claim_bonus(project, "B1", points=1, note="只认 1 分")
    restored_mark = undo_mark(project, again.id)
    assert restored_mark is not None and restored_mark.id == claim.id
    assert current_marks(project)["B1"].points == 2
    assert list_log(project, action="bonus.undo")[-1].detail["restored"] == "2 分"


def test_undo_needs_a_writable_office_project(project: Project) -> None:
    record = set_level(project, 2, "met")
    readonly = open_project(project.folder, readonly=True)
    try:
        with pytest.raises(UsageError):
            undo_level(readonly, record.id)
    finally:
        readonly.close()
    assert current_levels(project)[2].id == record.id
