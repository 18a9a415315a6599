"""Reading the audit log: filters and the list of actors (what the window's 操作记录 offers)."""

from __future__ import annotations

from app.project.audit import record
from app.project.audit_log import list_actors, list_log
from app.project.folder import Project


def test_list_actors_is_everyone_in_the_log_once_sorted(project: Project) -> None:
    before = set(list_actors(project))
    with project.session() as session, session.begin():
        record(session, "test.one", "x", actor="王五")
        record(session, "test.two", "y", actor="李四")
        record(session, "test.three", "z", actor="王五")
    actors = list_actors(project)
    assert actors == sorted(actors)
    assert len(actors) == len(set(actors))
    assert set(actors) == before | {"王五", "李四"}
    assert [e.target for e in list_log(project, actor="王五")] == ["x", "z"]
    assert [e.action for e in list_log(project, action="test.", last=1)] == ["test.three"]
