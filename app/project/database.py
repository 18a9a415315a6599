"""app.project.database: moved from app.project.folder."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

from app.base.errors import FazhiError
from app.base.text import printable_path
from app.project.dbfile import (
    APPLICATION_ID_OFFSET,
    BUSY_TIMEOUT_MS,
    DB_FILE_NAME,
    SQLITE_HEADER,
    URL_FILE_NAME,
)
from app.project.store import NoSpaceError, fsync_dir, is_no_space, no_space_error
from models import migrate, utcnow

BACKUPS_DIR = "backups"


#: Connections kept open per SQLite engine, and how many more busy threads may open for a moment.
POOL_SIZE = 5


POOL_OVERFLOW = 10


#: SQLite's companion files of a database (rollback journal, write-ahead log, its index).
_COMPANIONS = ("-journal", "-wal", "-shm")


class DatabaseUnusableError(FazhiError):
    """``project.sqlite`` is empty, foreign or damaged; the file was left exactly as it was.

    ``verify`` reports it with exit code 3 (an integrity problem); other commands with 1.
    """


def check_database_file(folder: Path) -> None:
    """Refuse an empty, foreign or unreadable ``project.sqlite`` before anything opens it for writing.

    Only plain reads: the header (magic bytes, ``application_id``) and, for a project of an older
    version that has no application id yet, its ``alembic_version`` and ``project`` tables through an
    ``immutable`` read-only connection (no lock, no ``-wal``/``-shm`` companions are created). A
    refusal leaves the file and the folder byte for byte as they were.
    """
    if _database_url_of(folder):
        return
    path = folder / DB_FILE_NAME
    shown = printable_path(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseUnusableError(f"无法读取项目数据库：{shown}（{exc.strerror or exc}）") from exc
    if not header:
        raise DatabaseUnusableError(
            f"项目数据库是空文件（0 字节；若是创建时中断，可重新运行 fazhi init），未做任何更改：{shown}"
            " (empty database)"
        )
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise DatabaseUnusableError(
            f"不是 SQLite 数据库（文件头不符），可能已损坏或被替换，未做任何更改：{shown} (not a database)"
        )
    application_id = int.from_bytes(header[APPLICATION_ID_OFFSET : APPLICATION_ID_OFFSET + 4], "big")
    if application_id == migrate.APPLICATION_ID:
        return
    if application_id != 0:
        raise DatabaseUnusableError(
            f"这是其他程序的数据库（application_id 0x{application_id:08x}），不是 fazhi 项目，"
            f"未做任何更改：{shown} (foreign database)"
        )
    tables = _tables_read_only(path, shown)
    missing = {"alembic_version", "project"} - tables
    if missing:
        raise DatabaseUnusableError(
            f"不是 fazhi 项目数据库（缺少 {'、'.join(sorted(missing))} 表），未做任何更改：{shown}"
            " (foreign database)"
        )


def _tables_read_only(path: Path, shown: str) -> set[str]:
    uri = f"{path.as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DatabaseUnusableError(f"无法读取项目数据库：{shown}（{one_line(exc)}）") from exc
    try:
        return {
            str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.Error as exc:
        raise DatabaseUnusableError(
            f"项目数据库已损坏，无法读取，未做任何更改：{shown}（{one_line(exc)}） (damaged database)"
        ) from exc
    finally:
        connection.close()


def _database_url_of(folder: Path) -> str | None:
    """The folder's external database URL, or ``None`` for the default SQLite file."""
    url_file = folder / URL_FILE_NAME
    if url_file.is_file():
        return url_file.read_text(encoding="utf-8").strip()
    return None


def sqlite_engine(path: Path, *, readonly: bool) -> Engine:
    """An engine on one SQLite file: transactions begun by SQLAlchemy, a thread-safe pool.

    - DDL is transactional (``migrate.make_sqlite_transactional``): a migration commits whole or not
      at all. Writers begin with ``BEGIN IMMEDIATE`` (a read-then-write transaction waits for the
      write lock instead of failing with SQLITE_BUSY); read-only engines with a plain ``BEGIN`` (one
      consistent snapshot per transaction).
    - ``QueuePool``: the in-memory URL would pick ``SingletonThreadPool`` (one connection per thread,
      five at most), which closes connections still in use when many short-lived worker threads
      (Qt's thread pool) come and go. A connection is used by one thread at a time, so
      ``check_same_thread=False`` is safe.
    """
    uri = path.as_uri() + ("?mode=ro" if readonly else "")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    engine = create_engine(
        "sqlite+pysqlite://",
        creator=connect,
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_timeout=BUSY_TIMEOUT_MS / 1000,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")  # a committed attach survives power loss
        cursor.close()

    # Registered after the PRAGMAs: they must run outside a transaction, in the driver's legacy mode.
    return migrate.make_sqlite_transactional(engine, immediate=not readonly)


def external_engine(url: str, *, readonly: bool) -> Engine:
    options: dict[str, Any] = {"pool_pre_ping": True}
    if readonly and make_url(url).get_backend_name() == "postgresql":
        options["execution_options"] = {"postgresql_readonly": True}
    return create_engine(url, **options)


def engine_for(folder: Path, *, readonly: bool) -> Engine:
    url = _database_url_of(folder)
    if url:
        return external_engine(url, readonly=readonly)
    return sqlite_engine(folder / DB_FILE_NAME, readonly=readonly)


def database_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in _COMPANIONS)]


def remove_database_files(path: Path) -> None:
    """Remove a database and its companions, companions first: a journal or WAL left without its
    database would be replayed by SQLite into the next database of that name."""
    for companion in reversed(database_files(path)):
        companion.unlink(missing_ok=True)


def write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_path(path: Path) -> None:
    fd = os.open(path, (os.O_RDWR if os.name == "nt" else os.O_RDONLY) | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def checkpoint(database: Path) -> None:
    """Move everything the write-ahead log holds into the database file itself and drop the log, so
    the file can be renamed alone (a WAL-mode file without a ``-wal`` companion is complete)."""
    connection = sqlite3.connect(database.as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        busy, _frames, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    wal = database.with_name(database.name + "-wal")
    if busy or (wal.exists() and wal.stat().st_size > 0):  # pragma: no cover - no other connection exists
        raise FazhiError(f"无法完成项目数据库：{database}（预写日志未能写回） (checkpoint failed)")
    for companion in database_files(database)[1:]:
        companion.unlink(missing_ok=True)


def database_full_error(folder: Path) -> NoSpaceError:
    return NoSpaceError(
        f"磁盘空间不足，无法把更改写入项目数据库 {printable_path(folder / DB_FILE_NAME)}"
        " (no space left on device)"
    )


def one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return " ".join(text.split())[:200]


def backup_database(folder: Path, engine: Engine, revision: str) -> Path | None:
    """Copy the SQLite database to ``backups/`` before a migration (external databases: the DBA's job).

    The copy is made as ``<name>.part`` and renamed when complete, so a file under the real name is
    always a whole backup (a kill mid-copy leaves only a ``.part``, removed by the next backup).
    """
    if _database_url_of(folder):
        return None
    backups = folder / BACKUPS_DIR
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    target = backups / f"project-{revision}-{stamp}.sqlite"
    counter = 1
    while target.exists():
        target = backups / f"project-{revision}-{stamp}-{counter}.sqlite"
        counter += 1
    part = target.with_name(target.name + ".part")
    try:
        backups.mkdir(exist_ok=True)
        for stale in backups.glob("*.part*"):  # interrupted earlier backups (we hold the writer lock)
            stale.unlink(missing_ok=True)
        _copy_database(folder / DB_FILE_NAME, part)
        fsync_path(part)
        os.replace(part, target)
        fsync_dir(backups)
    except BaseException as exc:
        for leftover in database_files(part):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)):
            if is_no_space(exc):
                raise no_space_error(target.name, folder) from exc
            raise FazhiError(
                f"升级前无法备份项目数据库：{printable_path(target)}（{one_line(exc)}） (backup failed)"
            ) from exc
        raise
    return target


def _copy_database(source_path: Path, target: Path) -> None:
    """SQLite's online backup of ``source_path`` into ``target``, as one self-contained file."""
    source = sqlite3.connect(source_path.as_uri() + "?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
            # A single self-contained file: no -wal/-shm companions to lose when copying it around.
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
    finally:
        source.close()


#: Suffix of the database (or URL file) while ``create_project`` builds it; renamed when complete.
CREATING_SUFFIX = ".creating"
