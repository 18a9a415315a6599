"""0005 → 0006_submission_sequence: kit ids back-filled from stored manifests, our application id set."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from models import migrate


def test_upgrade_backfills_kit_ids_and_sets_the_application_id(tmp_path: Path) -> None:
    database = tmp_path / "p.sqlite"
    url = f"sqlite:///{database}"
    migrate.upgrade(url, "0005_narrative")
    now = "2024-01-01 00:00:00"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            f"INSERT INTO unit (id, name, collective, source, added_at, added_by) VALUES (1, 'u', 0, 'local',"
            f" '{now}', 'a')"
        )
        connection.exec_driver_sql(
            "INSERT INTO unit_key (id, unit_id, secret, kit_id, issued_at, issued_by) VALUES"
            f" (1, 1, 'ab', 'k1', '{now}', 'a')"
        )
        for number, manifest in ((1, json.dumps({"kit_id": "k1"})), (2, "not json")):
            connection.exec_driver_sql(
                "INSERT INTO submission (id, unit_id, package_sha256, manifest_json, imported_at,"
                f" imported_by, status) VALUES ({number}, 1, 'x{number}', ?, '{now}', 'a', 'current')",
                (manifest,),
            )
    engine.dispose()
    assert int.from_bytes(database.read_bytes()[68:72], "big") == 0
    migrate.upgrade(url)
    assert int.from_bytes(database.read_bytes()[68:72], "big") == migrate.APPLICATION_ID
    raw = sqlite3.connect(database)
    try:
        rows = raw.execute("SELECT id, kit_id, sequence FROM submission ORDER BY id").fetchall()
        keys = raw.execute("SELECT last_sequence FROM unit_key").fetchall()
    finally:
        raw.close()
    assert rows == [(1, "k1", None), (2, None, None)]
    assert keys == [(0,)]
