"""Alembic environment: uses the connection models.migrate passes in, else ``-x url=...`` (developers)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from models.base import Base
from models.migrate import make_sqlite_transactional

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTER needs table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("pass the database with: alembic -c models/alembic.ini -x url=sqlite:///FILE ...")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        make_sqlite_transactional(engine, immediate=True)
    with engine.begin() as conn:  # every step and the version stamp in one transaction
        _run(conn)
    engine.dispose()


if context.is_offline_mode():  # pragma: no cover - not used by the program
    raise SystemExit("offline (SQL script) mode is not supported; run against a database")
run_migrations_online()
