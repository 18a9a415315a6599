"""A foreign, empty or garbage ``project.sqlite`` is refused in one line and left byte for byte as it was
(no lock file, no ``-wal``/``-shm`` companions); our own databases carry ``PRAGMA application_id``."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli.main import main
from app.project.database import DatabaseUnusableError
from app.project.folder import open_for_reading, open_project
from models import migrate


def _listing(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _foreign_wal_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO photos (name) VALUES ('holiday')")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _other_programs_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id = 1095779649")  # another program's id
    connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
    connection.execute("CREATE TABLE project (id TEXT)")
    connection.commit()
    connection.close()


def _garbage_after_header() -> bytes:
    data = bytearray(b"\xee" * 8192)
    data[0:16] = b"SQLite format 3\x00"
    data[16:18] = (4096).to_bytes(2, "big")
    data[68:72] = bytes(4)  # no application id: the tables are looked at (read-only, immutable)
    return bytes(data)


CASES: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty": (lambda p: p.write_bytes(b""), "空文件"),
    "garbage": (lambda p: p.write_bytes(b"\x00\xffgarbage" * 500), "不是 SQLite 数据库"),
    "short header": (lambda p: p.write_bytes(b"SQLite format 3\x00"), "不是 SQLite 数据库"),
    "foreign wal database": (_foreign_wal_database, "缺少 alembic_version、project 表"),
    "other application id": (_other_programs_database, "其他程序的数据库（application_id 0x41504541）"),
    "header then garbage": (lambda p: p.write_bytes(_garbage_after_header()), "项目数据库"),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("readonly", [False, True])
def test_foreign_or_broken_database_is_refused_and_untouched(
    tmp_path: Path, name: str, readonly: bool
) -> None:
    make, reason = CASES[name]
    folder = tmp_path / "project"
    folder.mkdir()
    make(folder / "project.sqlite")
    before = _listing(folder)
    with pytest.raises(DatabaseUnusableError) as refused:
        open_project(folder, readonly=readonly)
    message = str(refused.value)
    assert "\n" not in message and reason in message and "project.sqlite" in message
    assert _listing(folder) == before  # same bytes, no .fazhi.lock, no -wal/-shm


@pytest.mark.parametrize("name", list(CASES))
def test_verify_on_a_broken_database_exits_3(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, reason = CASES[name]
    folder = tmp_path / "project"
    folder.mkdir()
    make(folder / "project.sqlite")
    before = _listing(folder)
    assert main(["verify", str(folder)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("fazhi: ") and reason in err[0]
    assert _listing(folder) == before


def _application_id(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[68:72], "big")


def test_new_projects_carry_the_application_id(project_dir: Path) -> None:
    assert _application_id(project_dir / "project.sqlite") == migrate.APPLICATION_ID
    with open_for_reading(project_dir) as project:
        assert project.info.county == "测试县"


def _downgrade(database: Path, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    engine = migrate.make_sqlite_transactional(create_engine(f"sqlite:///{database}"))
    try:
        with engine.connect() as connection, connection.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def test_a_project_of_an_older_version_without_application_id_still_opens(project_dir: Path) -> None:
    database = project_dir / "project.sqlite"
    _downgrade(database, "0005_narrative")  # the revisions' own downgrades: the schema of that version
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA application_id = 0")
    connection.commit()
    connection.close()
    assert _application_id(database) == 0
    with open_project(project_dir) as project:  # migrates to the head, and 0006 sets the id
        assert project.info.year == 2024
    assert _application_id(database) == migrate.APPLICATION_ID
    assert migrate.current_revision(f"sqlite:///{database}") == migrate.HEAD_REVISION
