"""Run the Alembic migrations shipped inside this package, without any alembic.ini lookup by CWD.

``upgrade(engine_or_url)`` brings a database to the newest revision in ONE transaction (DDL and the
version stamp commit together, or nothing does: on SQLite this needs an engine that emits its own
``BEGIN``, as ``app.project.folder`` makes them, since pysqlite's legacy mode commits each DDL statement on
its own); ``needs_upgrade`` tells whether a migration is pending (the project backs the database up
before upgrading). Both also take a ``Connection`` already in a transaction, to migrate as part of a
larger one (``create_project`` adds the project row in the same transaction). Opening a project only
reads the ``alembic_version`` table (``HEAD_REVISION`` is kept equal to the scripts' head by a test),
so Alembic itself is imported only when a migration really runs: it costs half a second.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest revision in migrations/versions (a test checks it against Alembic's own answer).
HEAD_REVISION = "0008_task_progress_detail"
#: ``PRAGMA application_id`` of every fazhi SQLite database ("FZhi"): a foreign file is told apart
#: before anything opens it for writing.
APPLICATION_ID = 0x465A6869


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_head() -> str:
    """The head revision according to Alembic's scripts (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def head_revision() -> str:
    return HEAD_REVISION


Connectable = Engine | Connection | str


def make_sqlite_transactional(engine: Engine, *, immediate: bool = False) -> Engine:
    """SQLAlchemy's documented pysqlite recipe: SQLAlchemy, not the driver, begins transactions.

    pysqlite's legacy mode begins a transaction only before INSERT/UPDATE/DELETE and commits every
    DDL statement on its own, so a migration killed midway leaves a half-built schema. With the
    driver in autocommit mode and our own ``BEGIN``, DDL, data and the version stamp commit together.
    ``immediate``: take the write lock at the start (``BEGIN IMMEDIATE``) so that a transaction that
    reads and then writes never fails with SQLITE_BUSY against another writer (the busy timeout waits
    for the lock instead). Call it before the engine's first connection; "connect" listeners
    registered earlier (PRAGMAs) run first.
    """
    statement = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "connect")
    def _driver_autocommit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql(statement)

    return engine


def _new_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        make_sqlite_transactional(engine, immediate=True)
    return engine


@contextmanager
def _connection(target: Connectable, *, begin: bool) -> Iterator[Connection]:
    """A connection to ``target``: the caller's own (its transaction untouched), or a new one."""
    if isinstance(target, Connection):
        yield target
        return
    engine = target if isinstance(target, Engine) else _new_engine(target)
    try:
        with engine.begin() if begin else engine.connect() as connection:
            yield connection
    finally:
        if not isinstance(target, Engine):
            engine.dispose()


def current_revision(target: Connectable) -> str | None:
    """The database's revision, ``None`` for an empty (never migrated) database."""
    with _connection(target, begin=False) as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        return str(versions[0]) if versions else None


def needs_upgrade(target: Connectable) -> bool:
    return current_revision(target) != head_revision()


def upgrade(target: Connectable, revision: str = "head") -> None:
    """Apply every pending migration in one transaction (the caller's, for a ``Connection``)."""
    from alembic import command

    config = alembic_config()
    with _connection(target, begin=True) as connection:
        # Alembic sees a transaction already begun and runs every step inside it (no per-step commits).
        config.attributes["connection"] = connection
        if connection.in_transaction():
            command.upgrade(config, revision)
        else:
            with connection.begin():
                command.upgrade(config, revision)


def is_known_revision(revision: str) -> bool:
    """Whether this program knows ``revision`` (a newer program's database is not known)."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for unknown or malformed ids
        return False
