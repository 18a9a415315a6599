"""app.project.create: moved from app.project.folder."""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import suppress
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.base.actor import resolve_actor
from app.base.errors import FazhiError, UsageError
from app.project.audit import record
from app.project.database import (
    CREATING_SUFFIX,
    checkpoint,
    database_files,
    database_full_error,
    external_engine,
    fsync_path,
    one_line,
    remove_database_files,
    sqlite_engine,
    write_durably,
)
from app.project.dbfile import DB_FILE_NAME, URL_FILE_NAME
from app.project.folder import (
    EXPORTS_DIR,
    ROLES,
    ProjectInfo,
    catalog_json,
    discard_unfinished_database,
    is_project_folder,
    unfinished_database,
)
from app.project.locking import LOCK_FILE_NAME, ProjectLock
from app.project.seed import seed_units, unit_row_by_name
from app.project.store import EvidenceStore, fsync_dir, is_no_space, no_space_error
from indicator_catalog import Catalog
from models import ProjectRow, migrate, utcnow


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
    if is_project_folder(folder) and not unfinished_database(folder, readonly=True):
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
        if is_project_folder(folder) and not discard_unfinished_database(folder):
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
        engine = external_engine(database_url.strip(), readonly=False)
    else:
        remove_database_files(building)
        made.extend(database_files(building))
        engine = sqlite_engine(building, readonly=False)
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
        raise FazhiError(f"无法创建项目数据库：{folder}（{one_line(exc)}）") from exc
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
            write_durably(building, database_url.strip() + "\n")
            _publish_creation(building, folder / URL_FILE_NAME)
        else:
            checkpoint(building)
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


def _remove_made(made: list[Path]) -> None:
    for path in reversed(made):
        with suppress(OSError):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


def _publish_creation(building: Path, final: Path) -> None:
    """Rename the finished database (or URL file) to its real name: the moment the project exists."""
    fsync_path(building)
    if final.name == DB_FILE_NAME:
        # A stale journal or WAL of an earlier file of this name would be replayed into the new one.
        for companion in database_files(final)[1:]:
            companion.unlink(missing_ok=True)
    if final.exists():  # pragma: no cover - made without the lock, after our check under it
        raise _project_exists(final.parent)
    os.replace(building, final)
    fsync_dir(final.parent)
