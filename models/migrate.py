"""Run the Alembic migrations shipped inside this package, without any alembic.ini lookup by CWD.

``upgrade(engine_or_url)`` brings a database to the newest revision; ``needs_upgrade`` tells whether a
migration is pending (the project backs the database up before upgrading). Opening a project only
reads the ``alembic_version`` table (``HEAD_REVISION`` is kept equal to the scripts' head by a test),
so Alembic itself is imported only when a migration really runs: it costs half a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest revision in migrations/versions (a test checks it against Alembic's own answer).
HEAD_REVISION = "0001"


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


def _engine(engine_or_url: Engine | str) -> tuple[Engine, bool]:
    if isinstance(engine_or_url, Engine):
        return engine_or_url, False
    return create_engine(engine_or_url), True


def current_revision(engine_or_url: Engine | str) -> str | None:
    """The database's revision, ``None`` for an empty (never migrated) database."""
    engine, owned = _engine(engine_or_url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            return str(versions[0]) if versions else None
    finally:
        if owned:
            engine.dispose()


def needs_upgrade(engine_or_url: Engine | str) -> bool:
    return current_revision(engine_or_url) != head_revision()


def upgrade(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Apply every pending migration in one transaction."""
    from alembic import command

    engine, owned = _engine(engine_or_url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if owned:
            engine.dispose()


def is_known_revision(revision: str) -> bool:
    """Whether this program knows ``revision`` (a newer program's database is not known)."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for unknown or malformed ids
        return False
