"""``fazhi export bundle`` of a whole project without SQLAlchemy: the same bundle, read with ``sqlite3``.

The bundle needs a handful of rows (the project row, the active evidence with its units and indicator
links, the newest freeze for the audit entry). ``open_project`` would import SQLAlchemy and the models
first (≈ 0.15–0.25 s and 33 MB, as much as the whole merge), so the command reads those rows with the
standard library instead, under the project's own rules:

- the folder is taken only when it is a plain, current project: ``project.sqlite`` (not a
  ``database.url``) whose header carries our application id and whose schema is at
  ``HEAD_REVISION``. Anything else (an older schema to migrate, an external database, an interrupted
  attach to recover, a damaged file) returns ``None`` *before anything was written*, and the caller
  opens the project the normal way, which migrates, recovers or refuses with its own message;
- the writer lock is taken exactly as ``open_project`` takes it (``ProjectLock``), and held until the
  audit entry is committed;
- the data handed to ``exports.bundle.write_bundle`` is built by the same functions as
  ``app.export.service.collect_bundle_data`` (``evidence_item``, ``bundle_data``), and the audit entry
  (``export.bundle``, with ``after_freeze`` after a freeze) has the same fields, in one
  ``BEGIN IMMEDIATE`` transaction as the ORM writes it.

``tests/app/export/test_bundle_fast.py`` checks that both paths write the same pages, bookmarks, text
and audit entries.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.base.actor import resolve_actor
from app.base.errors import FazhiError
from app.base.jsonsafe import loads_limited
from app.base.progress import CancelToken, ProgressCallback, check_cancel
from app.base.text import display_safe, printable_path
from app.evidence.renditions import pdf_path
from app.project.dbfile import (
    APPLICATION_ID,
    APPLICATION_ID_OFFSET,
    BUSY_TIMEOUT_MS,
    DB_FILE_NAME,
    HEAD_REVISION,
    SQLITE_HEADER,
    URL_FILE_NAME,
)
from app.project.locking import ProjectLock
from app.project.store import EvidenceStore, NoSpaceError, is_no_space
from app.project.stored_catalog import catalog_from_json, placed
from exports.bundle import BundleResult, write_bundle
from exports.report_data import EvidenceItem, ReportData, ScoreSummary
from indicator_catalog import Catalog

#: Project setting naming who issues the report (默认：{县}人民政府).
ISSUING_BODY_SETTING = "issuing_body"

#: Where the bundle keeps what it learnt about stored files (``exports.bundle_cache``), in the project.
BUNDLE_CACHE_DIR = Path("cache") / "bundle"

#: The review status every evidence item of the bundle data carries (the bundle prints none).
PENDING = "待审核"


# -- shared with app.export.service ---------------------------------------------------------------


def evidence_item(
    *,
    id: int,
    filename: str,
    unit: str,
    kind: str,
    sha256: str,
    stored_path: Path,
    indicators: Iterable[int],
    pages: int | None,
    sheets: int | None,
    title: str | None,
    period: str | None,
    size: int,
    kept_path: Path | None = None,
) -> EvidenceItem:
    """One stored evidence row as the exports see it (every export prints names by one display rule)."""
    return EvidenceItem(
        id=str(id),
        filename=display_safe(filename),
        unit=unit,
        kind=kind,
        sha256=sha256,
        stored_path=stored_path,
        indicators=tuple(indicators),
        pages=pages,
        sheets=sheets,
        title=display_safe(title or ""),
        period=period or "",
        size=size,
        status=PENDING,
        kept_path=kept_path,
    )


def bundle_data(
    *,
    county: str,
    year: int,
    catalog: Catalog,
    settings: dict[str, Any],
    evidence: tuple[EvidenceItem, ...],
    date: dt.date | None = None,
) -> ReportData:
    """What the bundle prints (county, catalog, issuing body, date, evidence): no scores, reviews or
    self-check, which only the report needs."""
    body = str(settings.get(ISSUING_BODY_SETTING) or f"{county}人民政府")
    empty = ScoreSummary(0.0, 0.0, 0.0, 0.0, False, (), "", (), (), ())
    return ReportData(
        county=county,
        year=int(year),
        catalog=catalog,
        issuing_body=body,
        date=date or dt.date.today(),
        score=empty,
        evidence=evidence,
    )


def bundle_audit_detail(unit: str | None, result: BundleResult) -> dict[str, Any]:
    return {"unit": unit, "pages": result.pages, "files_merged": result.files, "sections": result.sections}


def output_paths(paths: Iterable[Path]) -> list[str]:
    return [str(p.resolve()) for p in paths]


# -- the fast path --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Stored:
    project_id: str
    data: ReportData


def export_bundle_fast(
    folder: Path,
    out: Path,
    *,
    max_volume_bytes: int | None = None,
    stamp_pages: bool = True,
    date: dt.date | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[Path] | None:
    """``app.export.service.export_bundle(open_project(folder), out, None, …)`` without the ORM: the
    files written, or ``None`` (nothing done) when the project needs the normal open (see the module
    docstring)."""
    folder = Path(folder).expanduser().absolute()
    if max_volume_bytes is not None and max_volume_bytes <= 0:
        return None  # the normal path words the refusal
    if not _plain_current_file(folder):
        return None
    lock = ProjectLock(folder)
    lock.acquire()
    try:
        if lock.first_in_process and _attach_to_recover(folder):
            return None  # ``open_project`` finishes or undoes it first
        connection = _connect(folder)
        if connection is None:
            return None
        try:
            stored = _read(connection, folder, date)
            if stored is None:
                return None
            check_cancel(cancel)
            result = write_bundle(
                stored.data,
                Path(out),
                max_volume_bytes=max_volume_bytes,
                stamp_pages=stamp_pages,
                progress=progress,
                cancel=cancel,
                cache_dir=folder / BUNDLE_CACHE_DIR,
            )
            _record(connection, folder, stored.project_id, result)
        finally:
            connection.close()
    finally:
        lock.release()
    return result.paths


def _plain_current_file(folder: Path) -> bool:
    """A folder with a ``project.sqlite`` of ours (application id in the header), no external URL."""
    path = folder / DB_FILE_NAME
    if not folder.is_dir() or (folder / URL_FILE_NAME).exists() or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return False
    return int.from_bytes(header[APPLICATION_ID_OFFSET : APPLICATION_ID_OFFSET + 4], "big") == APPLICATION_ID


def _attach_to_recover(folder: Path) -> bool:
    incoming = EvidenceStore(folder).incoming
    try:
        return incoming.is_dir() and any(incoming.iterdir())
    except OSError:
        return True


def _connect(folder: Path) -> sqlite3.Connection | None:
    """A writing connection set up as ``app.project.database.sqlite_engine`` sets up its own."""
    uri = (folder / DB_FILE_NAME).as_uri()
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error:
        connection.close()
        return None
    return connection


def _read(connection: sqlite3.Connection, folder: Path, date: dt.date | None) -> _Stored | None:
    """The project row and the active evidence in one read transaction; ``None`` if the schema is not
    the current one or anything does not read as the ORM would read it."""
    try:
        connection.execute("BEGIN")
        try:
            revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if [tuple(r) for r in revisions] != [(HEAD_REVISION,)]:
                return None
            rows = connection.execute(
                "SELECT id, county, year, settings_json, catalog_json FROM project"
            ).fetchall()
            if len(rows) != 1:
                return None
            project_id, county, year, settings_json, catalog_json = rows[0]
            units = dict(connection.execute("SELECT id, name FROM unit").fetchall())
            links: dict[int, set[int]] = defaultdict(set)
            for evidence_id, number in connection.execute(
                "SELECT evidence_id, indicator_number FROM evidence_indicator"
            ):
                links[evidence_id].add(number)
            evidence = connection.execute(
                "SELECT id, sha256, filename, kind, size, pages, sheets, title, period, unit_id,"
                " original_kind FROM evidence WHERE status = 'active' ORDER BY id"
            ).fetchall()
        finally:
            connection.execute("COMMIT")
        settings: dict[str, Any] = loads_limited(settings_json or "{}")
        catalog = placed(catalog_from_json(catalog_json, f"{folder}:catalog"), settings)
    except (sqlite3.Error, FazhiError, ValueError, TypeError, KeyError):
        return None
    store = EvidenceStore(folder)
    items = []
    for id_, sha256, filename, kind, size, pages, sheets, title, period, unit_id, original_kind in evidence:
        if unit_id not in units:
            return None
        pdf = pdf_path(store, sha256, original_kind=original_kind, name=filename)
        items.append(
            evidence_item(
                id=id_,
                filename=filename,
                unit=units[unit_id],
                kind=kind,
                sha256=sha256,
                stored_path=pdf,
                indicators=sorted(links.get(id_, ())),
                pages=pages,
                sheets=sheets,
                title=title,
                period=period,
                size=size,
                kept_path=None if pdf == store.path_for(sha256) else store.path_for(sha256),
            )
        )
    data = bundle_data(
        county=county, year=year, catalog=catalog, settings=settings, evidence=tuple(items), date=date
    )
    return _Stored(str(project_id), data)


def _utc_text(moment: dt.datetime) -> str:
    """A UTC time as the ORM stores it in SQLite (naive, microseconds always written)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _record(connection: sqlite3.Connection, folder: Path, project_id: str, result: BundleResult) -> None:
    """The ``export.bundle`` audit entry, as ``app.project.audit.record`` adds it."""
    detail: dict[str, Any] = {"outputs": output_paths(result.paths), **bundle_audit_detail(None, result)}
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            frozen = connection.execute("SELECT id, label FROM freeze ORDER BY id DESC LIMIT 1").fetchone()
            if frozen is not None:
                detail.setdefault("after_freeze", {"id": frozen[0], "label": frozen[1]})
            connection.execute(
                "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                (
                    _utc_text(dt.datetime.now(dt.UTC)),
                    resolve_actor(None),
                    "export.bundle",
                    f"project:{project_id}",
                    json.dumps(detail),
                ),
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        shown = printable_path(folder / DB_FILE_NAME)
        if is_no_space(exc):
            raise NoSpaceError(
                f"磁盘空间不足，无法把更改写入项目数据库 {shown} (no space left on device)"
            ) from exc
        raise FazhiError(f"无法在项目数据库中记录这次导出：{shown}（{' '.join(str(exc).split())}）") from exc
