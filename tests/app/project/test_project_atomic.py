"""Creating and migrating a project is all-or-nothing, even when the process is killed midway.

A "kill" here is ``os._exit`` at a chosen point in a child process (deterministic, unlike a timed
SIGKILL: tests/faults/ does the random ones). After it, the folder is either not a project yet (and
``create_project`` runs again) or a whole project; a migration is either applied whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event, text

from app.base.errors import FazhiError, NotFoundError, ProjectInUseError, UsageError
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import is_project_folder, open_project
from indicator_catalog import Catalog
from models import migrate

ROOT = Path(__file__).resolve().parents[3]

# The child builds the catalog from the same document the fixture uses (passed as JSON).
CHILD_PRELUDE = """
import json, os, sys
from pathlib import Path
from indicator_catalog import catalog_from_document
catalog = catalog_from_document(json.loads(sys.argv[2]), "tiny") if sys.argv[2] != "-" else None
folder = Path(sys.argv[1])
def die(*_args, **_kwargs):
    os._exit(9)  # as abrupt as SIGKILL: no cleanup, no finally blocks
"""


def _child(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD_PRELUDE) + textwrap.dedent(code), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def _catalog_json(small_catalog: Catalog) -> str:
    import json

    return json.dumps(small_catalog.to_dict(), ensure_ascii=False)


def _tables(database: Path) -> set[str]:
    connection = sqlite3.connect(database)
    try:
        return {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()


def _revision(database: Path) -> str | None:
    connection = sqlite3.connect(database)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        connection.close()


# -- create_project killed -----------------------------------------------------------------------

KILL_POINTS = {
    # sqlite3.connect has made the file (the transaction is open), nothing migrated yet
    "before the migration": "import models.migrate as m; m.upgrade = die",
    # the whole schema is built (uncommitted), the project row not yet added
    "after the migration": "import app.project.create as p; p.seed_units = die",
    # schema, project row, units and audit entry committed, not yet renamed into place
    "before the rename": "import app.project.create as p; p._publish_creation = die",
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_killed_create_leaves_no_project_and_init_runs_again(
    tmp_path: Path, small_catalog: Catalog, point: str
) -> None:
    folder = tmp_path / "新项目"
    code = KILL_POINTS[point] + "\nfrom app.project.create import create_project\n"
    code += "create_project(folder, county='测试县', year=2024, catalog=catalog)\nprint('finished')\n"
    done = _child(code, str(folder), _catalog_json(small_catalog))
    assert done.returncode == 9, done.stderr
    assert "finished" not in done.stdout
    assert not (folder / "project.sqlite").exists()
    assert not is_project_folder(folder)
    with pytest.raises(NotFoundError, match="不是项目文件夹") as caught:
        open_project(folder)
    if (folder / "project.sqlite.creating").exists():
        assert "fazhi init" in str(caught.value)

    info = create_project(folder, county="测试县", year=2024, catalog=small_catalog, actor="张三")
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("project.sqlite")) == [
        "project.sqlite"
    ]
    with open_project(folder) as project:
        assert project.info.id == info.id
        assert [e.action for e in list_log(project)] == ["project.create"]


def test_create_commits_schema_and_project_in_one_transaction(tmp_path: Path, small_catalog: Catalog) -> None:
    """The building database, seen right after its commit: schema, project row, units, audit entry."""
    folder = tmp_path / "p"
    code = """
    import shutil
    import app.project.create as p
    def copy_then_die(building, final):
        # Checkpointed: the file is complete on its own, no -wal companion to carry along.
        leftovers = [p.name for p in folder.iterdir() if p.name.startswith(building.name + "-")]
        assert leftovers == [], leftovers
        shutil.copy(building, folder.parent / "snapshot.sqlite")
        die()
    p._publish_creation = copy_then_die
    p.create_project(folder, county='测试县', year=2024, catalog=catalog)
    """
    done = _child(code, str(folder), _catalog_json(small_catalog))
    assert done.returncode == 9, done.stderr
    snapshot = tmp_path / "snapshot.sqlite"
    connection = sqlite3.connect(snapshot)
    try:
        assert (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == "0008_task_progress_detail"
        )
        assert connection.execute("SELECT county FROM project").fetchall() == [("测试县",)]
        assert connection.execute("SELECT count(*) FROM unit").fetchone()[0] >= 4
        assert connection.execute("SELECT action FROM audit_log").fetchall() == [("project.create",)]
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()


def test_a_failed_create_removes_the_building_database(tmp_path: Path, small_catalog: Catalog) -> None:
    folder = tmp_path / "kept"
    folder.mkdir()
    with pytest.raises(UsageError, match="未知的单位"):
        create_project(
            folder, county="测试县", year=2024, catalog=small_catalog, role="unit", unit="县外交部"
        )
    assert sorted(p.name for p in folder.iterdir()) == [".fazhi.lock"]  # the lock file was already ours


# -- folders an older version left half made -----------------------------------------------------


def _empty_file(database: Path) -> None:
    database.write_bytes(b"")


def _bare_database(database: Path) -> None:
    sqlite3.connect(database).close()


def _some_tables(database: Path) -> None:
    # What pysqlite's autocommitted DDL left when a migration was killed midway.
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    connection.execute("CREATE TABLE unit (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()


def _schema_without_project(database: Path) -> None:
    migrate.upgrade(f"sqlite:///{database}")


@pytest.mark.parametrize("leftover", [_empty_file, _bare_database, _some_tables, _schema_without_project])
def test_init_reuses_a_folder_an_interrupted_create_left(
    tmp_path: Path, small_catalog: Catalog, leftover: object
) -> None:
    folder = tmp_path / "半成品"
    folder.mkdir()
    (folder / "evidence").mkdir()
    assert callable(leftover)
    leftover(folder / "project.sqlite")
    (folder / "project.sqlite-journal").write_bytes(b"stale journal of the interrupted create")
    info = create_project(folder, county="测试县", year=2024, catalog=small_catalog)
    assert not (folder / "project.sqlite-journal").exists()
    with open_project(folder) as project:
        assert project.info.id == info.id


def _real_project(folder: Path, small_catalog: Catalog) -> None:
    create_project(folder, county="测试县", year=2024, catalog=small_catalog)


def _foreign_database(folder: Path, _catalog: Catalog) -> None:
    connection = sqlite3.connect(folder / "project.sqlite")
    connection.execute("CREATE TABLE notes (text TEXT)")  # empty, but not ours: never removed
    connection.close()


def _not_a_database(folder: Path, _catalog: Catalog) -> None:
    (folder / "project.sqlite").write_bytes(b"precious bytes, not SQLite" * 100)


def _schema_and_rows_but_no_project(folder: Path, _catalog: Catalog) -> None:
    database = folder / "project.sqlite"
    migrate.upgrade(f"sqlite:///{database}")
    connection = sqlite3.connect(database)
    connection.execute(
        "INSERT INTO unit (name, collective, source, added_at, added_by) "
        "VALUES ('县司法局', 0, 'catalog', '2024-01-01 00:00:00', '甲')"
    )
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    "existing", [_real_project, _foreign_database, _not_a_database, _schema_and_rows_but_no_project]
)
def test_init_never_clobbers_a_database_with_content(
    tmp_path: Path, small_catalog: Catalog, existing: object
) -> None:
    folder = tmp_path / "已有"
    folder.mkdir()
    assert callable(existing)
    existing(folder, small_catalog)
    before = (folder / "project.sqlite").read_bytes()
    with pytest.raises(UsageError, match="已经是一个项目"):
        create_project(folder, county="乙县", year=2025, catalog=small_catalog)
    assert (folder / "project.sqlite").read_bytes() == before


def test_open_of_a_half_made_folder_says_init_can_run_again(tmp_path: Path) -> None:
    _bare_database(tmp_path / "project.sqlite")
    with pytest.raises(FazhiError, match="fazhi init"):
        open_project(tmp_path)
    _schema_without_project(tmp_path / "project.sqlite")
    with pytest.raises(FazhiError, match="fazhi init"):
        open_project(tmp_path)


# -- two creates of one folder -------------------------------------------------------------------

HOLD_LOCK = """
import sys
from pathlib import Path
from app.project.locking import ProjectLock
folder = Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
lock = ProjectLock(folder)
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
lock.release()
"""

TRY_LOCK = """
import sys
from pathlib import Path
from app.base.errors import ProjectInUseError
from app.project.locking import ProjectLock
lock = ProjectLock(Path(sys.argv[1]))
try:
    lock.acquire()
except ProjectInUseError:
    print("in use")
else:
    print("acquired")
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def test_a_refused_create_keeps_the_winners_lock_file(
    tmp_path: Path, small_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loser saw no folder, then the winner made it and took the lock: the loser removes nothing."""
    from app.project.locking import ProjectLock

    folder = tmp_path / "抢先"
    holders: list[subprocess.Popen[str]] = []
    real_acquire = ProjectLock.acquire

    def winner_first(self: ProjectLock) -> None:
        if not holders:
            holder = _python(HOLD_LOCK, str(folder))
            holders.append(holder)
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "locked", holder.stderr
        real_acquire(self)

    monkeypatch.setattr(ProjectLock, "acquire", winner_first)
    try:
        with pytest.raises(ProjectInUseError, match="项目正被其他程序"):
            create_project(folder, county="测试县", year=2024, catalog=small_catalog)
        assert (folder / ".fazhi.lock").is_file(), "the refused create deleted the winner's lock file"
        third = _python(TRY_LOCK, str(folder))
        out, err = third.communicate(timeout=120)
        assert out.strip() == "in use", err  # a third writer is still kept out
    finally:
        for holder in holders:
            holder.communicate("", timeout=120)


def test_a_create_that_gets_the_lock_second_refuses_and_keeps_the_project(
    tmp_path: Path, small_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other create finished and let go before this one took the lock: its project stays whole."""
    from app.project.locking import ProjectLock

    folder = tmp_path / "先到"
    real_acquire = ProjectLock.acquire
    made: list[str] = []

    def other_finishes_first(self: ProjectLock) -> None:
        if not made:
            code = "from app.project.create import create_project\n"
            code += "create_project(folder, county='先到县', year=2024, catalog=catalog)\nprint('made')\n"
            done = _child(code, str(folder), _catalog_json(small_catalog))
            assert done.stdout.strip() == "made", done.stderr
            made.append("yes")
        real_acquire(self)

    monkeypatch.setattr(ProjectLock, "acquire", other_finishes_first)
    with pytest.raises(UsageError, match="已经是一个项目"):
        create_project(folder, county="后到县", year=2024, catalog=small_catalog)
    monkeypatch.undo()
    with open_project(folder) as project:
        assert project.info.county == "先到县"
        assert [e.action for e in list_log(project)] == ["project.create"]


# -- migrations on open ---------------------------------------------------------------------------


def _migrations_with(tmp_path: Path, body: str) -> Path:
    """The shipped migrations plus a revision 0003 whose upgrade is ``body``."""
    target = tmp_path / "migrations"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(migrate.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / "0003_probe.py").write_text(
        textwrap.dedent(
            """
            import os
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "0008_task_progress_detail"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.create_table("probe", sa.Column("id", sa.Integer, primary_key=True))
                op.execute("INSERT INTO probe (id) VALUES (1), (2), (3)")
                op.add_column("project", sa.Column("probe_note", sa.Text(), nullable=True))
            """
        )
        + textwrap.indent(textwrap.dedent(body), "    ")
        + "\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    return target


def _use_migrations(monkeypatch: pytest.MonkeyPatch, migrations: Path) -> None:
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9999")


def test_a_migration_killed_midway_leaves_the_old_schema(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dying = _migrations_with(tmp_path / "dying", "os._exit(9)  # killed after the DDL ran")
    code = f"""
    import models.migrate as m
    m.MIGRATIONS_DIR = Path({str(dying)!r})
    m.HEAD_REVISION = "9999"
    from app.project.folder import open_project
    open_project(folder)
    print("opened")
    """
    done = _child(code, str(project_dir), "-")
    assert done.returncode == 9, done.stderr
    database = project_dir / "project.sqlite"
    assert _revision(database) == "0008_task_progress_detail"
    assert "probe" not in _tables(database), "the killed migration's CREATE TABLE was committed"
    backups = list((project_dir / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and _revision(backups[0]) == "0008_task_progress_detail"

    _use_migrations(
        monkeypatch,
        _migrations_with(tmp_path / "good", "op.execute(\"UPDATE project SET probe_note = 'ok'\")"),
    )
    with open_project(project_dir) as project, project.engine.connect() as connection:
        assert migrate.current_revision(connection) == "9999"
        assert connection.execute(text("SELECT count(*) FROM probe")).scalar() == 3
        assert connection.execute(text("SELECT probe_note FROM project")).scalar() == "ok"


def test_a_failing_migration_changes_nothing_and_names_the_backup(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_migrations(
        monkeypatch, _migrations_with(tmp_path, 'op.execute("INSERT INTO no_such_table VALUES (1)")')
    )
    with pytest.raises(FazhiError, match="升级失败") as caught:
        open_project(project_dir)
    message = str(caught.value)
    assert "\n" not in message and "backups" in message
    database = project_dir / "project.sqlite"
    assert _revision(database) == "0008_task_progress_detail"
    assert "probe" not in _tables(database)
    connection = sqlite3.connect(database)
    try:
        assert "probe_note" not in {r[1] for r in connection.execute("PRAGMA table_info(project)")}
    finally:
        connection.close()


def test_the_migration_runs_in_one_sqlite_transaction(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What SQLite itself executed: one BEGIN IMMEDIATE ... COMMIT around the DDL and the stamp."""
    import app.project.database

    _use_migrations(monkeypatch, _migrations_with(tmp_path, "pass"))
    statements: list[str] = []
    real_engine = app.project.database.sqlite_engine

    def traced(path: Path, *, readonly: bool):  # type: ignore[no-untyped-def]
        engine = real_engine(path, readonly=readonly)

        @event.listens_for(engine, "connect")
        def _trace(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.set_trace_callback(statements.append)

        return engine

    monkeypatch.setattr(app.project.database, "sqlite_engine", traced)
    with open_project(project_dir):
        pass
    words = [" ".join(s.split()[:2]).upper() for s in statements]
    start = max(i for i, w in enumerate(words) if w == "CREATE TABLE")
    begin = max(i for i in range(start) if words[i].startswith("BEGIN"))
    commit = next(i for i in range(start, len(words)) if words[i].startswith("COMMIT"))
    assert words[begin] == "BEGIN IMMEDIATE"
    between = words[begin + 1 : commit]
    assert "CREATE TABLE" in between and "ALTER TABLE" in between
    assert any(s.startswith("UPDATE ALEMBIC_VERSION") for s in between), between
    assert not any(w.startswith(("COMMIT", "BEGIN")) for w in between)


def test_an_interrupted_backup_is_never_mistaken_for_a_backup(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = project_dir / "backups"
    backups.mkdir()
    (backups / "project-0001-20240101-000000.sqlite.part").write_bytes(b"half a copy")
    (backups / "project-0001-20240101-000000.sqlite.part-journal").write_bytes(b"its journal")
    _use_migrations(monkeypatch, _migrations_with(tmp_path, "pass"))
    with open_project(project_dir):
        pass
    names = sorted(p.name for p in backups.iterdir())
    assert len(names) == 1 and names[0].endswith(".sqlite"), names
    assert _revision(backups / names[0]) == "0008_task_progress_detail"


def test_read_only_and_writer_transactions(project_dir: Path) -> None:
    """Writers take the write lock when a transaction begins; read-only opens read one snapshot."""
    with open_project(project_dir) as writer, writer.session() as session:
        session.execute(text("SELECT count(*) FROM unit")).scalar()
        other = sqlite3.connect(project_dir / "project.sqlite", timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    with open_project(project_dir, readonly=True) as reader, reader.session() as session:
        before = session.execute(text("SELECT county FROM project")).scalar()
        with open_project(project_dir) as writer, writer.session() as change:
            change.execute(text("UPDATE project SET county = '改名县'"))
        assert session.execute(text("SELECT county FROM project")).scalar() == before == "测试县"


def test_pragmas_hold_with_transactions_begun_by_sqlalchemy(project_dir: Path) -> None:
    with open_project(project_dir) as project, project.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        dbapi = connection.connection.dbapi_connection
        assert dbapi is not None and dbapi.isolation_level is None


def test_no_file_handles_stay_open(project_dir: Path, tmp_path: Path, small_catalog: Catalog) -> None:
    """Closing (or failing to open) releases every handle on the database: Windows cannot rename or
    delete an open file."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        pytest.skip("needs /proc/self/fd (Linux)")

    def open_on(folder: Path) -> list[str]:
        found = []
        for entry in fd_dir.iterdir():
            try:
                target = os.readlink(entry)
            except OSError:
                continue
            if target.startswith(str(folder / "project.sqlite")):
                found.append(target)
        return found

    with open_project(project_dir) as project:
        with project.session() as session:
            session.execute(text("SELECT 1"))
        assert open_on(project_dir)
    assert open_on(project_dir) == []
    with open_project(project_dir, readonly=True):
        pass
    assert open_on(project_dir) == []
    fresh = tmp_path / "新"
    create_project(fresh, county="测试县", year=2024, catalog=small_catalog)
    assert open_on(fresh) == []
    with sqlite3.connect(fresh / "project.sqlite") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(FazhiError, match="更新版本"):
        open_project(fresh)
    assert open_on(fresh) == []
