"""Project folders: create, open (lock, back up, migrate), and the session core services use.

A project folder holds ``project.sqlite`` (SQLite in WAL mode; or a ``database.url`` file pointing at
PostgreSQL), ``evidence/`` (the content-addressed store), ``exports/`` and ``backups/`` (copies made
before a migration). Writers hold ``.fazhi.lock`` (see ``app.locking``); read-only opens do not.
"""

from __future__ import annotations

import json
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

from app.actor import resolve_actor
from app.errors import FazhiError, NotFoundError, UsageError
from app.locking import LOCK_FILE_NAME, ProjectLock
from app.store import EvidenceStore
from indicator_catalog import Catalog, catalog_from_document
from models import Evidence, ProjectRow, migrate, utcnow

DB_FILE_NAME = "project.sqlite"
URL_FILE_NAME = "database.url"
EXPORTS_DIR = "exports"
BACKUPS_DIR = "backups"
BUSY_TIMEOUT_MS = 30_000
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
    uri = path.as_uri() + ("?mode=ro" if readonly else "")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")  # a committed attach survives power loss
        cursor.close()

    return engine


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
                raise FazhiError(f"项目数据库中没有项目信息：{folder} (no project row)")
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
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @property
    def settings(self) -> dict[str, Any]:
        return dict(self._settings)

    def update_settings(self, changes: dict[str, Any], actor: str | None = None) -> None:
        from app.audit import record

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
    """
    from app.audit import record
    from app.units import seed_units, unit_row_by_name

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
    if is_project_folder(folder):
        raise UsageError(f"该文件夹已经是一个项目：{folder} (project exists)")

    created_folder = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    lock = ProjectLock(folder)
    engine: Engine | None = None
    try:
        lock.acquire()
        if database_url:
            url_file = folder / URL_FILE_NAME
            url_file.write_text(database_url.strip() + "\n", encoding="utf-8")
            made.append(url_file)
        else:
            made.extend(
                folder / name for name in (DB_FILE_NAME, DB_FILE_NAME + "-wal", DB_FILE_NAME + "-shm")
            )
        engine = _engine_for(folder, readonly=False)
        try:
            if migrate.current_revision(engine) is not None:
                where = make_url(database_url).render_as_string() if database_url else str(folder)
                raise UsageError(f"数据库不是空的，不能在其中新建项目：{where} (database not empty)")
            migrate.upgrade(engine)
        except SQLAlchemyError as exc:
            raise FazhiError(f"无法创建项目数据库：{folder}（{_one_line(exc)}）") from exc
        for sub in ("evidence", EXPORTS_DIR):
            path = folder / sub
            if not path.exists():
                path.mkdir()
                made.append(path)
        EvidenceStore(folder).ensure_dirs()
        now = utcnow()
        info_id = project_id or str(uuid.uuid4())
        with Session(engine) as session, session.begin():
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
            unit_name: str | None = None
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
        return ProjectInfo(info_id, folder, county, year, catalog.id, role, unit_name, now, actor)
    except BaseException:
        if engine is not None:
            engine.dispose()
            engine = None
        _undo_create(folder, made, created_folder)
        raise
    finally:
        if engine is not None:
            engine.dispose()
        lock.release()


def _undo_create(folder: Path, made: list[Path], created_folder: bool) -> None:
    for path in reversed(made):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if created_folder:
        (folder / LOCK_FILE_NAME).unlink(missing_ok=True)
        with suppress(OSError):
            folder.rmdir()


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
        raise NotFoundError(f"不是项目文件夹（没有 {DB_FILE_NAME}）：{folder} (not a project folder)")
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
            raise FazhiError(f"项目数据库是空的或已损坏：{folder} (no schema)")
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
            backup_database(folder, engine, revision)
            migrate.upgrade(engine)
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
    project.store.recover(referenced.__contains__)


def backup_database(folder: Path, engine: Engine, revision: str) -> Path | None:
    """Copy the SQLite database to ``backups/`` before a migration (external databases: the DBA's job)."""
    if _database_url_of(folder):
        return None
    backups = folder / BACKUPS_DIR
    backups.mkdir(exist_ok=True)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    target = backups / f"project-{revision}-{stamp}.sqlite"
    counter = 1
    while target.exists():
        target = backups / f"project-{revision}-{stamp}-{counter}.sqlite"
        counter += 1
    source = sqlite3.connect((folder / DB_FILE_NAME).as_uri() + "?mode=ro", uri=True)
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
    return target
