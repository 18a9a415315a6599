"""Migration 0007_plan_tasks: a project at 0005_narrative upgrades without loss (task_id NULL), and back."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from models import migrate

ROWS = {
    "unit": "INSERT INTO unit (id, name, collective, source, added_at, added_by) "
    "VALUES (1, '县司法局', 0, 'catalog', '2024-01-01 00:00:00', '甲')",
    "evidence": "INSERT INTO evidence (id, sha256, filename, kind, size, title, unit_id, status, source, "
    "added_at, added_by) VALUES (1, '" + "a" * 64 + "', '制度.pdf', 'pdf', 10, '制度', 1, 'active', 'local', "
    "'2024-01-01 00:00:00', '甲')",
    "evidence_indicator": "INSERT INTO evidence_indicator (evidence_id, indicator_number, requirement_key) "
    "VALUES (1, 26, '26.1')",
    "review": "INSERT INTO review (indicator_number, unit_id, decision, comment, reviewed_by, at) "
    "VALUES (26, 1, 'returned', '缺2023年', '乙', '2024-01-02 00:00:00')",
    "assessment": "INSERT INTO assessment (indicator_number, level, comment, assessed_by, at) "
    "VALUES (26, '达标', '', '乙', '2024-01-02 00:00:00')",
    "info_record": "INSERT INTO info_record (indicator_number, unit_id, kind, value, added_at, added_by) "
    "VALUES (26, 1, 'url', 'http://x.example.cn', '2024-01-02 00:00:00', '甲')",
}


def _to(connection_url: str, revision: str, *, down: bool = False) -> None:
    engine = create_engine(connection_url)
    with engine.begin() as connection:
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_upgrade_keeps_every_row_and_downgrade_too(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    _to(url, "0005_narrative")
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in ROWS.values():
            connection.execute(text(statement))
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.HEAD_REVISION
    with engine.connect() as connection:
        for table in ("evidence_indicator", "review", "assessment", "info_record"):
            rows = connection.execute(text(f"SELECT indicator_number, task_id FROM {table}")).all()
            assert [tuple(r) for r in rows] == [(26, None)], table
        assert connection.execute(text("SELECT decision, comment FROM review")).one() == (
            "returned",
            "缺2023年",
        )
        assert connection.execute(text("SELECT count(*) FROM task_progress")).scalar() == 0
    engine.dispose()
    _to(url, "0005_narrative", down=True)
    engine = create_engine(url)
    assert "task_progress" not in inspect(engine).get_table_names()
    assert "task_id" not in {c["name"] for c in inspect(engine).get_columns("review")}
    with engine.connect() as connection:
        assert connection.execute(
            text("SELECT indicator_number, requirement_key FROM evidence_indicator")
        ).one() == (
            26,
            "26.1",
        )
    engine.dispose()
