"""Project folders: create, open (lock, back up, migrate), and the session core services use.

A project folder holds ``project.sqlite`` (SQLite in WAL mode; or a ``database.url`` file pointing at
PostgreSQL), ``evidence/`` (the content-addressed store), ``exports/`` and ``backups/`` (copies made
before a migration). Writers hold ``.fazhi.lock`` (see ``app.project.locking``); read-only opens do not.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.base.actor import resolve_actor
from app.base.errors import FazhiError, NotFoundError, UsageError
from app.base.text import printable_path
from app.project.audit import record
from app.project.locking import LOCK_FILE_NAME, ProjectLock
from app.project.seed import seed_units, unit_row_by_name
from app.project.store import EvidenceStore, NoSpaceError, fsync_dir, is_no_space, no_space_error
from indicator_catalog import Catalog, catalog_from_document
from models import Base, Evidence, ProjectRow, migrate, utcnow

DB_FILE_NAME = "project.sqlite"
URL_FILE_NAME = "database.url"
EXPORTS_DIR = "exports"
BACKUPS_DIR = "backups"
BUSY_TIMEOUT_MS = 30_000
#: Connections kept open per SQLite engine, and how many more busy threads may open for a moment.
POOL_SIZE = 5
POOL_OVERFLOW = 10
#: Suffix of the database (or URL file) while ``create_project`` builds it; renamed when complete.
CREATING_SUFFIX = ".creating"
#: SQLite's companion files of a database (rollback journal, write-ahead log, its index).
_COMPANIONS = ("-journal", "-wal", "-shm")
ROLES = ("office", "unit")


class MigrationPendingError(FazhiError):
    """A read-only open found a database that needs a migration (a writable open does it)."""


@dataclass(frozen=True)
class ProjectInfo:
    id: str
    folder: Path
    county: str
    year: int
    catalog_id: str
    role: str  # "office" | "unit"
    unit: str | None  # the unit of a unit workspace
    created_at: datetime
    created_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "folder": str(self.folder),
            "county": self.county,
            "year": self.year,
            "catalog_id": self.catalog_id,
            "role": self.role,
            "unit": self.unit,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
        }


# -- engines ----------------------------------------------------------------------------------------


def is_project_folder(folder: Path) -> bool:
    return (folder / DB_FILE_NAME).is_file() or (folder / URL_FILE_NAME).is_file()


def _database_url_of(folder: Path) -> str | None:
    """The folder's external database URL, or ``None`` for the default SQLite file."""
    url_file = folder / URL_FILE_NAME
    if url_file.is_file():
        return url_file.read_text(encoding="utf-8").strip()
    return None


def _sqlite_engine(path: Path, *, readonly: bool) -> Engine:
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


def _external_engine(url: str, *, readonly: bool) -> Engine:
    options: dict[str, Any] = {"pool_pre_ping": True}
    if readonly and make_url(url).get_backend_name() == "postgresql":
        options["execution_options"] = {"postgresql_readonly": True}
    return create_engine(url, **options)


def _engine_for(folder: Path, *, readonly: bool) -> Engine:
    url = _database_url_of(folder)
    if url:
        return _external_engine(url, readonly=readonly)
    return _sqlite_engine(folder / DB_FILE_NAME, readonly=readonly)


@lru_cache(maxsize=4)
def _catalog_from_json(text: str, source: str) -> Catalog:
    return catalog_from_document(json.loads(text), source)


def catalog_json(catalog: Catalog) -> str:
    return json.dumps(catalog.to_dict(), ensure_ascii=False, sort_keys=True)


# -- the open project ---------------------------------------------------------------------------


class Project:
    """An open project. Use as a context manager or call ``close()``."""

    def __init__(self, folder: Path, engine: Engine, *, readonly: bool, lock: ProjectLock | None) -> None:
        self.folder = folder
        self.engine = engine
        self.readonly = readonly
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.store = EvidenceStore(folder)
        with self.session() as session:
            row = session.scalars(select(ProjectRow)).one_or_none()
            if row is None:
                raise FazhiError(
                    f"项目数据库中没有项目信息（可能是创建时中断，可重新运行 fazhi init）：{folder}"
                    " (no project row)"
                )
            self.info = ProjectInfo(
                id=row.id,
                folder=folder,
                county=row.county,
                year=row.year,
                catalog_id=row.catalog_id,
                role=row.role,
                unit=row.unit_name,
                created_at=row.created_at,
                created_by=row.created_by,
            )
            self._settings: dict[str, Any] = json.loads(row.settings_json or "{}")
            self.catalog: Catalog = _catalog_from_json(row.catalog_json, f"{folder}:catalog")
        self._closed = False

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for core services: commit on success, roll back on any exception."""
        session = self._sessions()
        try:
            yield session
            if self.readonly:
                session.rollback()
            else:
                session.commit()
        except BaseException as exc:
            session.rollback()
            if isinstance(exc, SQLAlchemyError) and is_no_space(exc):
                raise database_full_error(self.folder) from exc
            raise
        finally:
            session.close()

    @property
    def settings(self) -> dict[str, Any]:
        return dict(self._settings)

    def update_settings(self, changes: dict[str, Any], actor: str | None = None) -> None:

        self._require_writable()
        with self.session() as session:
            row = session.scalars(select(ProjectRow)).one()
            settings = json.loads(row.settings_json or "{}")
            settings.update(changes)
            row.settings_json = json.dumps(settings, ensure_ascii=False, sort_keys=True)
            record(session, "project.settings", f"project:{row.id}", {"changes": changes}, actor)
        self._settings = settings

    def _require_writable(self) -> None:
        if self.readonly:
            raise UsageError(f"项目以只读方式打开，不能修改：{self.folder} (project opened read-only)")

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.engine.dispose()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = " (read-only)" if self.readonly else ""
        return f"<Project {self.info.county} {self.info.year} at {self.folder}{mode}>"


# -- create -----------------------------------------------------------------------------------------


def create_project(
    folder: Path,
    *,
    county: str,
    year: int,
    catalog: Catalog,
    actor: str | None = None,
    role: str = "office",
    unit: str | None = None,
    database_url: str | None = None,
    project_id: str | None = None,
) -> ProjectInfo:
    """Make a new project folder with the catalog's units; nothing is left behind if it fails.

    ``project_id`` lets a unit workspace made from a kit share the office project's id.

    Atomic even when the process is killed: schema, project row, units and the audit entry commit in
    one transaction, into ``project.sqlite.creating`` (or, for an external database, with the URL in
    ``database.url.creating``), renamed to its real name only once complete. Until then the folder
    is not a project, and ``init`` may run again. Only what this call made, after it took the lock,
    is removed on failure: a concurrent ``init`` of the same folder keeps its lock file.
    """
    folder = Path(folder).expanduser().absolute()
    county = county.strip()
    actor = resolve_actor(actor)
    if not county:
        raise UsageError("县（市、区）名称不能为空 (county name is empty)")
    if not 1990 <= year <= 2100:
        raise UsageError(f"年份无效：{year} (year out of range)")
    if role not in ROLES:
        raise UsageError(f"角色无效：{role}（应为 office 或 unit）")
    if role == "unit" and not unit:
        raise UsageError("单位工作区必须指定单位 (a unit workspace needs its unit)")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"不是文件夹：{folder} (not a directory)")
    if is_project_folder(folder) and not _unfinished_database(folder, readonly=True):
        raise _project_exists(folder)

    created_folder = _make_folder(folder)
    lock = ProjectLock(folder)
    try:
        lock.acquire()
    except BaseException:
        # Another process holds the folder (most likely creating it): nothing here is ours to remove.
        if created_folder and not (folder / LOCK_FILE_NAME).exists():
            with suppress(OSError):
                folder.rmdir()
        raise
    made: list[Path] = []
    failed = False
    try:
        # Under the lock: another init may have finished since the check above.
        if is_project_folder(folder) and not _discard_unfinished_database(folder):
            raise _project_exists(folder)
        return _build_project(
            folder,
            made,
            county=county,
            year=year,
            catalog=catalog,
            actor=actor,
            role=role,
            unit=unit,
            database_url=database_url,
            project_id=project_id,
        )
    except BaseException:
        failed = True
        _remove_made(made)
        raise
    finally:
        remove_folder = failed and created_folder
        if remove_folder and os.name != "nt":
            # Unlinked while still held (POSIX), so no one can take the lock on a name being removed.
            (folder / LOCK_FILE_NAME).unlink(missing_ok=True)
        lock.release()
        if remove_folder:
            if os.name == "nt":  # pragma: no cover - Windows cannot unlink an open file
                with suppress(OSError):
                    (folder / LOCK_FILE_NAME).unlink(missing_ok=True)
            with suppress(OSError):
                folder.rmdir()  # only if empty: a concurrent init's files stay


def _build_project(
    folder: Path,
    made: list[Path],
    *,
    county: str,
    year: int,
    catalog: Catalog,
    actor: str,
    role: str,
    unit: str | None,
    database_url: str | None,
    project_id: str | None,
) -> ProjectInfo:
    """The body of ``create_project``, under the lock; appends every path it makes to ``made``."""

    building = folder / ((URL_FILE_NAME if database_url else DB_FILE_NAME) + CREATING_SUFFIX)
    if database_url:
        building.unlink(missing_ok=True)  # left by an interrupted create (we hold the lock)
        made.append(building)
        engine = _external_engine(database_url.strip(), readonly=False)
    else:
        _remove_database_files(building)
        made.extend(_database_files(building))
        engine = _sqlite_engine(building, readonly=False)
    now = utcnow()
    info_id = project_id or str(uuid.uuid4())
    unit_name: str | None = None
    try:
        with Session(engine) as session, session.begin():
            connection = session.connection()
            if migrate.current_revision(connection) is not None:
                where = make_url(database_url).render_as_string() if database_url else str(folder)
                raise UsageError(f"数据库不是空的，不能在其中新建项目：{where} (database not empty)")
            migrate.upgrade(connection)  # inside this transaction: schema and rows commit together
            session.add(
                ProjectRow(
                    id=info_id,
                    county=county,
                    year=year,
                    catalog_id=catalog.id,
                    catalog_json=catalog_json(catalog),
                    role=role,
                    unit_name=None,
                    created_at=now,
                    created_by=actor,
                    settings_json="{}",
                )
            )
            seed_units(session, catalog, actor)
            if unit:
                row = unit_row_by_name(session, unit)
                if row is None:
                    raise UsageError(f"未知的单位：{unit} (unknown unit)")
                unit_name = row.name
                session.scalars(select(ProjectRow)).one().unit_name = unit_name
            record(
                session,
                "project.create",
                f"project:{info_id}",
                {"county": county, "year": year, "catalog_id": catalog.id, "role": role, "unit": unit_name},
                actor,
            )
    except SQLAlchemyError as exc:
        if is_no_space(exc):
            raise database_full_error(folder) from exc
        raise FazhiError(f"无法创建项目数据库：{folder}（{_one_line(exc)}）") from exc
    finally:
        engine.dispose()  # every connection closed: Windows cannot rename an open file
    try:
        for sub in ("evidence", EXPORTS_DIR):
            path = folder / sub
            if not path.exists():
                path.mkdir()
                made.append(path)
        EvidenceStore(folder).ensure_dirs()
        if database_url:
            _write_durably(building, database_url.strip() + "\n")
            _publish_creation(building, folder / URL_FILE_NAME)
        else:
            _checkpoint(building)
            _publish_creation(building, folder / DB_FILE_NAME)
    except OSError as exc:
        if is_no_space(exc):
            raise no_space_error(DB_FILE_NAME, folder) from exc
        raise FazhiError(f"无法创建项目：{folder}（{exc.strerror or exc}）") from exc
    return ProjectInfo(info_id, folder, county, year, catalog.id, role, unit_name, now, actor)


def _project_exists(folder: Path) -> UsageError:
    return UsageError(f"该文件夹已经是一个项目：{folder} (project exists)")


def _make_folder(folder: Path) -> bool:
    """Create ``folder`` (and its parents); True only if this call created ``folder`` itself."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.mkdir()
        except FileExistsError:
            return False
    except OSError as exc:
        if is_no_space(exc):
            raise no_space_error(folder.name, folder.parent) from exc
        raise FazhiError(
            f"无法创建项目文件夹：{folder}（{exc.strerror or exc}） (cannot create folder)"
        ) from exc
    return True


def _database_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in _COMPANIONS)]


def _remove_database_files(path: Path) -> None:
    """Remove a database and its companions, companions first: a journal or WAL left without its
    database would be replayed by SQLite into the next database of that name."""
    for companion in reversed(_database_files(path)):
        companion.unlink(missing_ok=True)


def _remove_made(made: list[Path]) -> None:
    for path in reversed(made):
        with suppress(OSError):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def _write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_path(path: Path) -> None:
    fd = os.open(path, (os.O_RDWR if os.name == "nt" else os.O_RDONLY) | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _checkpoint(database: Path) -> None:
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
    for companion in _database_files(database)[1:]:
        companion.unlink(missing_ok=True)


def _publish_creation(building: Path, final: Path) -> None:
    """Rename the finished database (or URL file) to its real name: the moment the project exists."""
    _fsync_path(building)
    if final.name == DB_FILE_NAME:
        # A stale journal or WAL of an earlier file of this name would be replayed into the new one.
        for companion in _database_files(final)[1:]:
            companion.unlink(missing_ok=True)
    if final.exists():  # pragma: no cover - made without the lock, after our check under it
        raise _project_exists(final.parent)
    os.replace(building, final)
    fsync_dir(final.parent)


def _unfinished_database(folder: Path, *, readonly: bool) -> bool:
    """Whether ``project.sqlite`` is what an interrupted create (of an older version) left: no tables,
    or only this program's tables, all of them empty (a real project always has its project row).
    Anything else, including a file that is not a database we know, counts as a project.

    ``readonly=True`` is the quick look before taking the lock: a database it cannot read (a journal
    to roll back, say) counts as possibly unfinished, for the check under the lock to decide.
    ``readonly=False`` (with the lock held) also replays a write-ahead log or rolls back a journal.
    """
    path = folder / DB_FILE_NAME
    if (folder / URL_FILE_NAME).exists() or not path.is_file():
        return False
    mode = "ro" if readonly else "rw"
    known = set(Base.metadata.tables) | {"alembic_version"}
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return readonly
    try:
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if not set(tables) <= known:
            return False
        return not any(
            connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
            for table in tables
            if table != "alembic_version"
        )
    except sqlite3.Error:
        return readonly
    finally:
        connection.close()


def _discard_unfinished_database(folder: Path) -> bool:
    """Remove the database an interrupted create left (see ``_unfinished_database``); lock held."""
    if not _unfinished_database(folder, readonly=False):
        return False
    _remove_database_files(folder / DB_FILE_NAME)
    fsync_dir(folder)
    return True


def database_full_error(folder: Path) -> NoSpaceError:
    return NoSpaceError(
        f"磁盘空间不足，无法把更改写入项目数据库 {printable_path(folder / DB_FILE_NAME)}"
        " (no space left on device)"
    )


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return " ".join(text.split())[:200]


# -- open -------------------------------------------------------------------------------------------


def open_project(folder: Path, *, readonly: bool = False) -> Project:
    """Open a project folder; writers take the lock, back the database up and migrate it if needed."""
    folder = Path(folder).expanduser().absolute()
    if not folder.is_dir():
        raise NotFoundError(f"项目文件夹不存在：{folder} (no such project folder)")
    if not is_project_folder(folder):
        interrupted = any(
            (folder / (name + CREATING_SUFFIX)).exists() for name in (DB_FILE_NAME, URL_FILE_NAME)
        )
        hint = "；项目创建时被中断，可重新运行 fazhi init" if interrupted else ""
        raise NotFoundError(f"不是项目文件夹（没有 {DB_FILE_NAME}{hint}）：{folder} (not a project folder)")
    lock = None if readonly else ProjectLock(folder)
    engine: Engine | None = None
    try:
        if lock is not None:
            lock.acquire()
        engine = _engine_for(folder, readonly=readonly)
        try:
            revision = migrate.current_revision(engine)
        except SQLAlchemyError as exc:
            raise FazhiError(f"无法打开项目数据库：{folder}（{_one_line(exc)}）") from exc
        if revision is None:
            raise FazhiError(
                f"项目数据库是空的或已损坏（若是创建时中断，可重新运行 fazhi init）：{folder} (no schema)"
            )
        if revision != migrate.head_revision():
            if not migrate.is_known_revision(revision):
                raise FazhiError(
                    f"项目由更新版本的程序创建（数据库版本 {revision}），请升级 fazhi：{folder}"
                    " (newer schema)"
                )
            if readonly:
                raise MigrationPendingError(
                    f"项目数据库需要升级，请先以可写方式打开一次：{folder} (migration pending)"
                )
            backup = backup_database(folder, engine, revision)
            try:
                migrate.upgrade(engine)  # one transaction: a failure or a kill leaves the old schema
            except SQLAlchemyError as exc:
                if is_no_space(exc):
                    raise database_full_error(folder) from exc
                kept = f"，升级前的备份：{backup}" if backup else ""
                raise FazhiError(
                    f"项目数据库升级失败，未做任何更改：{folder}（{_one_line(exc)}）{kept} (migration failed)"
                ) from exc
        project = Project(folder, engine, readonly=readonly, lock=lock)
    except BaseException:
        if engine is not None:
            engine.dispose()
        if lock is not None:
            lock.release()
        raise
    if lock is not None and lock.first_in_process:
        # Another open in this process may be attaching right now: its staged files are not debris.
        try:
            _recover_store(project)
        except BaseException:
            project.close()
            raise
    return project


def open_for_reading(folder: Path) -> Project:
    """Read-only if possible; a writable open (migrating after a backup) if a migration is pending."""
    try:
        return open_project(folder, readonly=True)
    except MigrationPendingError:
        return open_project(folder)


def _recover_store(project: Project) -> None:
    """Finish or undo attaches a crash interrupted (we hold the writer lock, so none is running)."""
    if not project.store.incoming.is_dir() or not any(project.store.incoming.iterdir()):
        return
    with project.session() as session:
        referenced = set(session.scalars(select(Evidence.sha256).distinct()))
    try:
        project.store.recover(referenced.__contains__)
    except OSError as exc:
        if is_no_space(exc):
            raise no_space_error(exc.filename or project.store.incoming, project.folder) from exc
        raise


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
        _fsync_path(part)
        os.replace(part, target)
        fsync_dir(backups)
    except BaseException as exc:
        for leftover in _database_files(part):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)):
            if is_no_space(exc):
                raise no_space_error(target.name, folder) from exc
            raise FazhiError(
                f"升级前无法备份项目数据库：{printable_path(target)}（{_one_line(exc)}） (backup failed)"
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


def require_role(project: Project, role: str, action: str) -> None:
    if project.info.role != role:
        where = "办公室项目" if role == "office" else "单位工作区"
        raise UsageError(f"{action}只能在{where}中进行：{project.folder} (wrong project role)")
