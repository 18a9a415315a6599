"""The shipped Alembic migrations build exactly the models' schema, and the audit log is append-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DatabaseError

import models
from models import migrate


def _fresh(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db.sqlite'}"


def _not_fts(name: str | None, type_: str, _parent: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("evidence_fts"))


def test_migration_produces_exactly_the_models_schema(tmp_path: Path) -> None:
    engine = create_engine(_fresh(tmp_path))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": _not_fts})
        diffs = compare_metadata(context, models.Base.metadata)
    assert diffs == []
    tables = set(inspect(engine).get_table_names())
    fts = {name for name in tables if name.startswith("evidence_fts")}
    assert "evidence_fts" in fts  # the FTS5 table (and its shadow tables) is not mapped
    assert tables - fts == set(models.Base.metadata.tables) | {"alembic_version"}
    engine.dispose()


def test_every_table_the_other_areas_need_is_there() -> None:
    expected = {
        "project": {
            "id",
            "county",
            "year",
            "catalog_id",
            "catalog_json",
            "role",
            "unit_name",
            "settings_json",
        },
        "evidence": {
            "sha256",
            "filename",
            "kind",
            "size",
            "pages",
            "sheets",
            "submission_id",
            "source",
            "status",
        },
        "evidence_indicator": {"evidence_id", "indicator_number", "requirement_key"},
        "info_record": {
            "indicator_number",
            "unit_id",
            "kind",
            "value",
            "added_at",
            "added_by",
            "withdrawn_at",
        },
        "assessment": {"indicator_number", "level", "comment", "assessed_by", "at"},
        "extra_mark": {
            "item_id",
            "kind",
            "triggered",
            "points",
            "note",
            "proof_evidence_id",
            "marked_by",
            "at",
        },
        "review": {"indicator_number", "unit_id", "decision", "comment", "reviewed_by", "at"},
        "scoring_scheme": {"scheme_json", "set_by", "at"},
        "audit_log": {"at", "actor", "action", "target", "detail"},
        "unit_key": {"unit_id", "secret", "kit_id", "issued_at", "issued_by", "revoked_at"},
        "submission": {"unit_id", "package_sha256", "manifest_json", "imported_at", "imported_by", "status"},
        "freeze": {"at", "frozen_by", "manifest_json", "label"},
        "collective_member": {"collective_id", "member_id"},
        "unit_alias": {"unit_id", "alias"},
    }
    for table, columns in expected.items():
        assert columns <= set(models.Base.metadata.tables[table].columns.keys()), table


def test_needs_upgrade_and_idempotent_upgrade(tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    assert migrate.current_revision(url) is None
    assert migrate.needs_upgrade(url)
    migrate.upgrade(url)
    assert migrate.current_revision(url) == migrate.head_revision() == "0008_task_progress_detail"
    assert not migrate.needs_upgrade(url)
    migrate.upgrade(url)  # nothing pending: a no-op
    assert migrate.current_revision(url) == migrate.HEAD_REVISION


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    from alembic import command

    engine = create_engine(_fresh(tmp_path))
    migrate.upgrade(engine)
    with engine.begin() as connection:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert "audit_log" in inspect(engine).get_table_names()
    engine.dispose()


def test_audit_log_refuses_update_and_delete(tmp_path: Path) -> None:
    engine = create_engine(_fresh(tmp_path))
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, target, detail) "
                "VALUES ('2024-01-01 00:00:00', '甲', 'x.y', 't', '{}')"
            )
        )
    for statement in ("UPDATE audit_log SET actor = '乙'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM audit_log")).scalars().all() == ["甲"]
    engine.dispose()


def test_migrations_ship_inside_the_package() -> None:
    root = Path(models.__file__).parent
    assert (root / "alembic.ini").is_file()
    assert (root / "migrations" / "env.py").is_file()
    assert (root / "migrations" / "script.py.mako").is_file()
    assert sorted(p.name for p in (root / "migrations" / "versions").glob("*.py")) == [
        "0001_initial_schema.py",
        "0002_catalog_v2.py",
        "0003_evidence_text.py",
        "0005_narrative.py",
        "0006_submission_sequence.py",
        "0007_plan_tasks.py",
        "0008_task_progress_detail.py",
    ]
    assert root / "migrations" == migrate.MIGRATIONS_DIR


def test_upgrade_does_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    migrate.upgrade(_fresh(tmp_path))
    assert migrate.current_revision(_fresh(tmp_path)) == migrate.HEAD_REVISION


def test_head_constant_matches_the_scripts() -> None:
    # Adding a migration means updating models.migrate.HEAD_REVISION (opening a project reads it).
    assert migrate.script_head() == migrate.HEAD_REVISION


def test_unknown_revision_is_not_known() -> None:
    assert migrate.is_known_revision("0001")
    assert not migrate.is_known_revision("9999")


def _failing_migrations(tmp_path: Path) -> Path:
    """The shipped scripts plus a revision 0003 that builds a table, then fails."""
    import shutil

    target = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / "0003_fails.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        'revision = "9999"\ndown_revision = "0008_task_progress_detail"\n'
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        '    op.create_table("half", sa.Column("id", sa.Integer, primary_key=True))\n'
        '    op.add_column("project", sa.Column("half_note", sa.Text(), nullable=True))\n'
        '    op.execute("INSERT INTO no_such_table VALUES (1)")\n\n\n'
        "def downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    return target


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DDL is transactional on SQLite too: the table and column of the failed step are rolled back."""
    url = _fresh(tmp_path)
    migrate.upgrade(url)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", _failing_migrations(tmp_path))
    with pytest.raises(DatabaseError, match="no_such_table"):
        migrate.upgrade(url)
    engine = create_engine(url)
    try:
        assert "half" not in inspect(engine).get_table_names()
        assert "half_note" not in {c["name"] for c in inspect(engine).get_columns("project")}
    finally:
        engine.dispose()
    assert migrate.current_revision(url) == migrate.HEAD_REVISION


def test_the_initial_migration_is_one_transaction(tmp_path: Path) -> None:
    """What SQLite executed: one BEGIN IMMEDIATE, every CREATE and the version stamp, one COMMIT."""
    from sqlalchemy import event

    statements: list[str] = []
    engine = migrate.make_sqlite_transactional(create_engine(_fresh(tmp_path)), immediate=True)

    @event.listens_for(engine, "connect")
    def _trace(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.set_trace_callback(statements.append)  # type: ignore[attr-defined]

    migrate.upgrade(engine)
    engine.dispose()
    words = [" ".join(s.split()[:2]).upper() for s in statements]
    begins = [i for i, w in enumerate(words) if w.startswith("BEGIN")]
    commits = [i for i, w in enumerate(words) if w.startswith("COMMIT")]
    creates = [i for i, w in enumerate(words) if w.startswith("CREATE")]
    stamp = [i for i, w in enumerate(words) if w == "INSERT INTO" and "alembic_version" in statements[i]]
    assert len(begins) == 1 and words[begins[0]] == "BEGIN IMMEDIATE"
    assert len(commits) == 1
    assert len(creates) > 10 and len(stamp) == 1
    assert begins[0] < min(creates) and max(creates + stamp) < commits[0]


def test_read_only_engines_begin_plainly(tmp_path: Path) -> None:
    from sqlalchemy import event

    statements: list[str] = []
    engine = migrate.make_sqlite_transactional(create_engine(_fresh(tmp_path)))

    @event.listens_for(engine, "connect")
    def _trace(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.set_trace_callback(statements.append)  # type: ignore[attr-defined]

    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    engine.dispose()
    assert statements[0] == "BEGIN"


def test_evidence_text_upgrade_keeps_links_and_accepts_new_kinds(tmp_path: Path) -> None:
    """0001 → head on a database with evidence: links survive (no table rebuild) and a DOCX row fits."""
    url = _fresh(tmp_path)
    migrate.upgrade(url, "0001")
    now = "2024-01-01 00:00:00"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        connection.exec_driver_sql(
            f"INSERT INTO unit (id, name, collective, source, added_at, added_by) "
            f"VALUES (1, 'u', 0, 'local', '{now}', 'a')"
        )
        connection.exec_driver_sql(
            "INSERT INTO evidence (id, sha256, filename, kind, size, title, unit_id, status, source,"
            " added_at, added_by) VALUES"
            f" (1, 'aa', 'f.pdf', 'pdf', 1, 't', 1, 'active', 'local', '{now}', 'a')"
        )
        connection.exec_driver_sql(
            "INSERT INTO evidence_indicator (evidence_id, indicator_number) VALUES (1, 5)"
        )
    engine.dispose()
    migrate.upgrade(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM evidence_indicator").scalar_one() == 1
        connection.exec_driver_sql(
            "INSERT INTO evidence (id, sha256, filename, kind, size, title, unit_id, status, source,"
            f" added_at, added_by, original_kind) VALUES (2, 'bb', 'f.docx', 'docx', 1, 't', 1, 'active',"
            f" 'local', '{now}', 'a', 'docx')"
        )
        with pytest.raises(DatabaseError):
            connection.exec_driver_sql(
                "INSERT INTO evidence (id, sha256, filename, kind, size, title, unit_id, status, source,"
                f" added_at, added_by) VALUES (3, 'cc', 'f.exe', 'exe', 1, 't', 1, 'active', 'local',"
                f" '{now}', 'a')"
            )
    engine.dispose()
