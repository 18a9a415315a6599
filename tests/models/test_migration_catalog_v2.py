"""Migration 0002_catalog_v2 on a project made before it: the stored national catalog of version 1
(``national-2021-v1.json``: ``Catalog.to_dict()`` as commit dd17209 wrote it) becomes the current
document, and the unit parse leftover 及相关审批部门 is renamed (or merged into an existing unit)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import load_builtin
from models import migrate

V1_DOCUMENT = Path(__file__).parent / "national-2021-v1.json"


def _downgrade_to_catalog_v2(database: Path) -> None:
    """Undo the revisions after 0002 (their own downgrades), so 0002 runs on a schema of its time."""
    from alembic import command
    from sqlalchemy import create_engine

    engine = migrate.make_sqlite_transactional(create_engine(f"sqlite:///{database}"))
    try:
        with engine.connect() as connection, connection.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0002_catalog_v2")
    finally:
        engine.dispose()


def _old_project(tmp_path: Path) -> Path:
    """A project as version 0001 left it: the old catalog document, the old unit name, an alias with 及."""
    folder = tmp_path / "old"
    create_project(folder, county="陵川县", year=2021, catalog=load_builtin("national-2021"), actor="测试员")
    _downgrade_to_catalog_v2(folder / "project.sqlite")
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        with connection:
            connection.execute(
                "UPDATE project SET catalog_json = ?", (V1_DOCUMENT.read_text(encoding="utf-8"),)
            )
            connection.execute("UPDATE unit SET name = '及相关审批部门' WHERE name = '相关审批部门'")
            unit_id = connection.execute("SELECT id FROM unit WHERE name = '县政府各工作部门'").fetchone()[0]
            connection.execute(
                "INSERT INTO unit_alias (unit_id, alias) VALUES (?, '及政府各工作部门')", (unit_id,)
            )
            connection.execute("UPDATE alembic_version SET version_num = '0001'")
    finally:
        connection.close()
    return folder


def test_old_document_is_version_one() -> None:
    old = json.loads(V1_DOCUMENT.read_text(encoding="utf-8"))
    assert "schema_version" not in old
    nineteen = next(i for i in old["indicators"] if i["number"] == 19)
    assert nineteen["requirements"][0]["since"] == 2021  # the "2021年以来" the issue complains about


def test_migration_upgrades_the_stored_catalog_and_renames_units(tmp_path: Path) -> None:
    folder = _old_project(tmp_path)
    assert migrate.needs_upgrade(f"sqlite:///{folder / 'project.sqlite'}")
    with open_project(folder) as project:
        assert migrate.current_revision(project.engine) == migrate.HEAD_REVISION
        catalog = project.catalog
        first = catalog.indicator(19).requirements[0]
        assert (first.year, first.period, first.period_since) == (2021, "quarterly", 2022)
        assert first.time_demand == "2021年；2022年起按季度"
        assert catalog.indicator(34).requirements[0].year == 2021
        assert catalog.indicator(34).requirements[0].since is None
        assert [q.id for q in catalog.open_questions] == ["placement-69"]
        assert "及相关审批部门" not in {u.name for u in catalog.units}
        assert all(u != "及相关审批部门" for i in catalog.indicators for u in i.units)
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM unit")}
        aliases = {row[0] for row in connection.execute("SELECT alias FROM unit_alias")}
        stored = connection.execute("SELECT catalog_json FROM project").fetchone()[0]
    finally:
        connection.close()
    assert "相关审批部门" in names and "及相关审批部门" not in names
    assert not any(a.startswith("及") for a in aliases)
    document = json.loads(stored)
    assert document["schema_version"] == 2
    assert stored == json.dumps(document, ensure_ascii=False, sort_keys=True)
    # the built-in's units as the old project knew them stay project data (only the leftovers change)
    assert "市生态环境局陵川分局" in {u["name"] for u in document["units"]}


def test_migration_merges_a_leftover_into_an_existing_unit(tmp_path: Path) -> None:
    folder = _old_project(tmp_path)
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        with connection:
            connection.execute(
                "INSERT INTO unit (name, collective, source, added_at, added_by)"
                " VALUES ('相关审批部门', 1, 'county', '2024-01-01 00:00:00', '测试员')"
            )
            old_id = connection.execute("SELECT id FROM unit WHERE name = '及相关审批部门'").fetchone()[0]
            connection.execute(
                "INSERT INTO review (indicator_number, unit_id, decision, comment, reviewed_by, at)"
                " VALUES (12, ?, 'returned', '补充', '测试员', '2024-01-02 00:00:00')",
                (old_id,),
            )
    finally:
        connection.close()
    with open_project(folder):
        pass
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        rows = connection.execute(
            "SELECT unit.name FROM review JOIN unit ON unit.id = review.unit_id"
        ).fetchall()
        leftovers = connection.execute("SELECT COUNT(*) FROM unit WHERE name = '及相关审批部门'").fetchone()[
            0
        ]
    finally:
        connection.close()
    assert rows == [("相关审批部门",)]
    assert leftovers == 0
