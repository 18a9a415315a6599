"""Project folders: create, open (lock, back up, migrate), and the session core services use.

A project folder holds ``project.sqlite`` (SQLite in WAL mode; or a ``database.url`` file pointing at
PostgreSQL), ``evidence/`` (the content-addressed store), ``exports/`` and ``backups/`` (copies made
before a migration). Writers hold ``.fazhi.lock`` (see ``app.project.locking``); read-only opens do not.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.base.errors import FazhiError, NotFoundError, UsageError
from app.base.jsonsafe import loads_limited
from app.project.audit import record
from app.project.database import (
    CREATING_SUFFIX,
    DatabaseUnusableError,
    backup_database,
    check_database_file,
    database_full_error,
    engine_for,
    one_line,
    remove_database_files,
)
from app.project.dbfile import BUSY_TIMEOUT_MS, DB_FILE_NAME, URL_FILE_NAME
from app.project.locking import ProjectLock
from app.project.store import EvidenceStore, fsync_dir, is_no_space, no_space_error
from app.project.stored_catalog import catalog_from_json, placed
from app.project.tasks import watch_task_ids
from indicator_catalog import Catalog
from models import Base, Evidence, ProjectRow, migrate

EXPORTS_DIR = "exports"
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
                raise DatabaseUnusableError(
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
            self._settings: dict[str, Any] = loads_limited(row.settings_json or "{}")
            self.stored_catalog: Catalog = catalog_from_json(row.catalog_json, f"{folder}:catalog")
            self.catalog: Catalog = placed(self.stored_catalog, self._settings)
        self._closed = False

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for core services: commit on success, roll back on any exception."""
        session = self._sessions()
        stored = getattr(self, "stored_catalog", None)  # None while __init__ reads the project row
        if stored is not None:
            watch_task_ids(session, stored)
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

    def update_settings(
        self,
        changes: dict[str, Any],
        actor: str | None = None,
        *,
        check: Callable[[dict[str, Any]], None] | None = None,
        audit: tuple[str, str, dict[str, Any]] | None = None,
    ) -> None:
        """Merge ``changes`` into the settings (a value ``None`` removes the key), audit-logged.

        ``check`` sees the stored settings inside the writing transaction and may raise to refuse (an
        undo that no longer fits); ``audit`` (action, target, detail) replaces the ``project.settings``
        entry for a change that has its own name (``catalog.placement``).
        """
        self._require_writable()
        with self.session() as session:
            row = session.scalars(select(ProjectRow)).one()
            settings = loads_limited(row.settings_json or "{}")
            if check is not None:
                check(settings)
            settings.update(changes)
            settings = {k: v for k, v in settings.items() if v is not None}
            row.settings_json = json.dumps(settings, ensure_ascii=False, sort_keys=True)
            if audit is None:
                record(session, "project.settings", f"project:{row.id}", {"changes": changes}, actor)
            else:
                record(session, *audit, actor)
        self._settings = settings
        self.catalog = placed(self.stored_catalog, settings)

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


def unfinished_database(folder: Path, *, readonly: bool) -> bool:
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
            if not str(row[0]).startswith("evidence_fts")  # the search index (FTS5 and its shadow tables)
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


def discard_unfinished_database(folder: Path) -> bool:
    """Remove the database an interrupted create left (see ``unfinished_database``); lock held."""
    if not unfinished_database(folder, readonly=False):
        return False
    remove_database_files(folder / DB_FILE_NAME)
    fsync_dir(folder)
    return True


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
    check_database_file(folder)  # before the lock file or any write-mode connection exists
    lock = None if readonly else ProjectLock(folder)
    engine: Engine | None = None
    try:
        if lock is not None:
            lock.acquire()
        engine = engine_for(folder, readonly=readonly)
        try:
            revision = migrate.current_revision(engine)
        except SQLAlchemyError as exc:
            raise DatabaseUnusableError(f"无法打开项目数据库：{folder}（{one_line(exc)}）") from exc
        if revision is None:
            raise DatabaseUnusableError(
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
                    f"项目数据库升级失败，未做任何更改：{folder}（{one_line(exc)}）{kept} (migration failed)"
                ) from exc
        try:
            project = Project(folder, engine, readonly=readonly, lock=lock)
        except SQLAlchemyError as exc:
            raise DatabaseUnusableError(
                f"项目数据库已损坏，无法读取项目信息：{folder}（{one_line(exc)}） (damaged database)"
            ) from exc
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
        # A record with a rendition references its original too (dropping it would lose the file as received).
        referenced = set(session.scalars(select(Evidence.sha256).distinct()))
        referenced.update(
            sha for sha in session.scalars(select(Evidence.original_sha256).distinct()) if sha is not None
        )
    try:
        project.store.recover(referenced.__contains__)
    except OSError as exc:
        if is_no_space(exc):
            raise no_space_error(exc.filename or project.store.incoming, project.folder) from exc
        raise


def require_role(project: Project, role: str, action: str) -> None:
    if project.info.role != role:
        where = "办公室项目" if role == "office" else "单位工作区"
        raise UsageError(f"{action}只能在{where}中进行：{project.folder} (wrong project role)")
