"""Freeze (申报定稿): a database copy, the evidence manifest and SHA256SUMS, and their verification later."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.assessment.reviews import list_reviews
from app.base.actor import resolve_actor
from app.base.errors import IntegrityError, NotFoundError
from app.base.jsonsafe import json_or_empty
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.exchange.package import (
    manifest_bytes,
)
from app.project.audit import record
from app.project.dbfile import DB_FILE_NAME, URL_FILE_NAME
from app.project.folder import EXPORTS_DIR, Project
from app.project.store import fsync_dir, hash_file, is_no_space, no_space_error
from app.status.plan_progress import task_rows
from app.units.registry import unit_names
from models import Evidence, Freeze, Submission, utcnow

FREEZE_FORMAT = "fazhi-freeze"


FREEZE_MANIFEST = "manifest.json"


FREEZE_DATABASE = "project.sqlite"


FREEZE_SUMS = "SHA256SUMS"


@dataclass(frozen=True)
class FreezeResult:
    id: int
    label: str
    at: datetime
    frozen_by: str
    folder: Path
    database_copy: Path | None
    evidence_count: int
    total_bytes: int
    manifest_sha256: str
    database_sha256: str | None
    #: Plan projects: the tasks overdue on the day of the freeze (``overdue_task_entries``), else empty.
    overdue_tasks: tuple[dict[str, Any], ...] = ()

    @property
    def overdue_warning(self) -> str:
        """One line for a plan freeze with overdue tasks ("" when there are none)."""
        return overdue_warning(self.overdue_tasks)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "at": self.at.isoformat(),
            "frozen_by": self.frozen_by,
            "folder": str(self.folder),
            "database_copy": str(self.database_copy) if self.database_copy else None,
            "evidence": self.evidence_count,
            "bytes": self.total_bytes,
            "manifest_sha256": self.manifest_sha256,
            "database_sha256": self.database_sha256,
            "overdue_tasks": list(self.overdue_tasks),
        }


def overdue_task_entries(project: Project, today: date | None = None) -> list[dict[str, Any]]:
    """A plan project's overdue tasks as a freeze records them: id, title, 完成时限 as written, the due
    date, the recorded progress and the lead units. Empty for a scoring catalog.

    Overdue tasks do not block a freeze: an annual snapshot of a plan with tasks still open past their
    时限 is a normal thing to file. The snapshot says so instead (manifest ``overdue_tasks``).
    """
    if not project.catalog.is_plan:
        return []
    return [
        {
            "task": row.task_id,
            "title": row.title,
            "deadline": row.deadline,
            "due": row.due.isoformat() if row.due else None,
            "progress": row.state,
            "lead_units": list(row.lead),
        }
        for row in task_rows(project, today)
        if row.status == "overdue"
    ]


def overdue_warning(tasks: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> str:
    """The warning line of a plan freeze with overdue tasks; empty without any."""
    if not tasks:
        return ""
    shown = "、".join(f"{t['task']}（{t['due'] or t['deadline']}）" for t in tasks[:5])
    more = f"等 {len(tasks)} 项" if len(tasks) > 5 else ""
    return f"快照中有 {len(tasks)} 项任务已逾期未完成：{shown}{more}；已记入清单 overdue_tasks"


@dataclass(frozen=True)
class FreezeCheck:
    freeze_id: int
    folder: Path
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "freeze_id": self.freeze_id,
            "folder": str(self.folder),
            "ok": self.ok,
            "problems": list(self.problems),
        }


def _sqlite_copy(project: Project, target: Path) -> Path | None:
    """A consistent copy of the SQLite database (backup API); ``None`` for an external database."""
    if (project.folder / URL_FILE_NAME).is_file():
        return None
    source = sqlite3.connect((project.folder / DB_FILE_NAME).as_uri() + "?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def _evidence_snapshot(session: Session) -> list[dict[str, Any]]:
    names = unit_names(session)
    rows = session.scalars(
        select(Evidence)
        .where(Evidence.status == "active")
        .options(selectinload(Evidence.links))
        .order_by(Evidence.id)
    )
    return [
        {
            "id": row.id,
            "sha256": row.sha256,
            "filename": row.filename,
            "kind": row.kind,
            "size": row.size,
            "pages": row.pages,
            "sheets": row.sheets,
            "unit": names.get(row.unit_id, "?"),
            "indicators": sorted({link.indicator_number for link in row.links}),
            "title": row.title,
            "period": row.period,
            "source": row.source,
            "submission_id": row.submission_id,
        }
        for row in rows
    ]


def freeze(
    project: Project,
    *,
    label: str = "",
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    today: date | None = None,
) -> FreezeResult:
    """Lock a snapshot under ``DIR/exports/freeze-<timestamp>/``: a copy of the database (SQLite backup
    API), ``manifest.json`` (the exact active evidence set with hashes) and ``SHA256SUMS``.

    Every evidence file is hashed first: a store that does not match its records cannot be frozen.
    The database copy is the project as it was just before the freeze itself was recorded.
    A plan project's manifest also lists the tasks overdue on ``today`` (default: the real date) as
    ``overdue_tasks``; they are recorded and warned about, never a reason to refuse.
    """
    project._require_writable()
    actor = resolve_actor(actor)
    label = label.strip()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    exports = project.folder / EXPORTS_DIR
    folder = exports / f"freeze-{stamp}"
    counter = 2
    while folder.exists():
        folder = exports / f"freeze-{stamp}-{counter}"
        counter += 1
    with project.session() as session:
        evidence = _evidence_snapshot(session)
        names = unit_names(session)
        submissions = [
            {
                "id": s.id,
                "unit": names.get(s.unit_id, "?"),
                "package_id": json_or_empty(s.manifest_json).get("package_id"),
                "imported_at": s.imported_at.isoformat(),
            }
            for s in session.scalars(
                select(Submission).where(Submission.status == "current").order_by(Submission.id)
            )
        ]
    overdue = overdue_task_entries(project, today)
    unique = {e["sha256"]: e for e in evidence}
    for index, (sha, item) in enumerate(unique.items()):
        check_cancel(cancel)
        report(progress, index, len(unique) + 1, f"核对 {item['filename']}")
        path = project.store.path_for(sha)
        if not path.is_file():
            raise IntegrityError(
                f"无法冻结：资料文件缺失 {item['filename']}（{path}），请先运行 fazhi verify"
            )
        if hash_file(path, cancel) != sha:
            raise IntegrityError(
                f"无法冻结：资料文件已损坏 {item['filename']}（{path}），请先运行 fazhi verify"
            )
    report(progress, len(unique), len(unique) + 1, "复制数据库")
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        if is_no_space(exc):
            raise no_space_error(folder.relative_to(project.folder), project.folder) from exc
        raise
    try:
        copy = _sqlite_copy(project, folder / FREEZE_DATABASE)
        database_sha = hash_file(copy) if copy else None
        reviews = [r.to_json() for r in list_reviews(project)]
        total_bytes = sum(int(item["size"]) for item in unique.values())
        at = utcnow()
        manifest = {
            "format": FREEZE_FORMAT,
            "version": 1,
            "project_id": project.info.id,
            "county": project.info.county,
            "year": project.info.year,
            "catalog_id": project.catalog.id,
            "role": project.info.role,
            "label": label,
            "at": at.isoformat(),
            "frozen_by": actor,
            "folder": folder.relative_to(project.folder).as_posix(),
            "database": {"file": FREEZE_DATABASE, "sha256": database_sha} if copy else None,
            "evidence": evidence,
            "evidence_count": len(evidence),
            "total_bytes": total_bytes,
            "submissions": submissions,
            "reviews": reviews,
        }
        if project.catalog.is_plan:
            manifest["overdue_tasks"] = overdue
        raw = manifest_bytes(manifest)
        (folder / FREEZE_MANIFEST).write_bytes(raw)
        manifest_sha = hashlib.sha256(raw).hexdigest()
        sums = [f"{manifest_sha}  {FREEZE_MANIFEST}"]
        if database_sha:
            sums.append(f"{database_sha}  {FREEZE_DATABASE}")
        (folder / FREEZE_SUMS).write_text("\n".join(sums) + "\n", encoding="utf-8")
        if project.store.durable:
            fsync_dir(folder)
        check_cancel(cancel)
        with project.session() as session:
            row = Freeze(at=at, frozen_by=actor, manifest_json=raw.decode("utf-8"), label=label)
            session.add(row)
            session.flush()
            record(
                session,
                "freeze.create",
                f"freeze:{row.id}",
                {
                    "label": label,
                    "folder": manifest["folder"],
                    "evidence": len(evidence),
                    "manifest_sha256": manifest_sha,
                    "database_sha256": database_sha,
                    **({"overdue_tasks": [t["task"] for t in overdue]} if overdue else {}),
                },
                actor,
            )
            freeze_id = row.id
            check_cancel(cancel)
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, (OSError, sqlite3.Error)) and is_no_space(exc):
            raise no_space_error(folder.relative_to(project.folder), project.folder) from exc
        raise
    report(progress, len(unique) + 1, len(unique) + 1, "")
    return FreezeResult(
        freeze_id,
        label,
        at,
        actor,
        folder,
        copy,
        len(evidence),
        total_bytes,
        manifest_sha,
        database_sha,
        tuple(overdue),
    )


def _freeze_result(project: Project, row: Freeze) -> FreezeResult:
    manifest = json_or_empty(row.manifest_json)
    folder = project.folder / str(manifest.get("folder", ""))
    database = manifest.get("database") or None
    return FreezeResult(
        row.id,
        row.label,
        row.at,
        row.frozen_by,
        folder,
        folder / FREEZE_DATABASE if database else None,
        int(manifest.get("evidence_count", 0)),
        int(manifest.get("total_bytes", 0)),
        hashlib.sha256(row.manifest_json.encode("utf-8")).hexdigest(),
        database.get("sha256") if isinstance(database, dict) else None,
        tuple(t for t in manifest.get("overdue_tasks") or () if isinstance(t, dict)),
    )


def list_freezes(project: Project) -> list[FreezeResult]:
    with project.session() as session:
        return [_freeze_result(project, row) for row in session.scalars(select(Freeze).order_by(Freeze.id))]


def _find_freeze(project: Project, ref: str | int | Path | None) -> FreezeResult:
    freezes = list_freezes(project)
    if not freezes:
        raise NotFoundError(f"项目还没有冻结快照：{project.folder} (no freeze)")
    if ref is None or str(ref).strip() == "":
        return freezes[-1]
    text = str(ref).strip()
    for item in freezes:
        if text in (str(item.id), item.folder.name, item.label):
            return item
        with contextlib.suppress(OSError):
            if Path(text).expanduser().resolve() == item.folder.resolve():
                return item
    raise NotFoundError(f"没有这个冻结快照：{text}（用编号、文件夹名或标签指定） (no such freeze)")


def verify_freeze(
    project: Project,
    ref: str | int | Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FreezeCheck:
    """Check a freeze: its folder matches the record, the database copy matches its hash and holds the
    same evidence set, and every frozen file is still in the store with its hash."""
    item = _find_freeze(project, ref)
    problems: list[str] = []
    with project.session() as session:
        row = session.get(Freeze, item.id)
        assert row is not None
        recorded = row.manifest_json.encode("utf-8")
    manifest = json_or_empty(recorded.decode("utf-8"))
    folder = item.folder
    manifest_file = folder / FREEZE_MANIFEST
    if not manifest_file.is_file():
        problems.append(f"冻结清单缺失：{manifest_file}")
    elif manifest_file.read_bytes() != recorded:
        problems.append(f"冻结清单与数据库中的记录不一致（被改动过）：{manifest_file}")
    database = manifest.get("database")
    if isinstance(database, dict):
        copy = folder / FREEZE_DATABASE
        if not copy.is_file():
            problems.append(f"数据库副本缺失：{copy}")
        elif hash_file(copy) != database.get("sha256"):
            problems.append(f"数据库副本的 SHA-256 与记录不符（被改动过）：{copy}")
        else:
            problems.extend(_compare_copy(copy, manifest))
    evidence = manifest.get("evidence") or []
    unique = {e["sha256"]: e for e in evidence}
    for index, (sha, entry) in enumerate(unique.items()):
        check_cancel(cancel)
        report(progress, index, len(unique), f"核对 {entry['filename']}")
        path = project.store.path_for(sha)
        if not path.is_file():
            problems.append(f"冻结的资料文件缺失：{entry['filename']}（{sha[:12]}）")
        elif hash_file(path, cancel) != sha:
            problems.append(f"冻结的资料文件已损坏：{entry['filename']}（{sha[:12]}）")
    with project.session() as session:
        ids = {int(e["id"]): e["sha256"] for e in evidence}
        for evidence_row in session.scalars(select(Evidence).where(Evidence.id.in_(ids))):
            if evidence_row.sha256 != ids[evidence_row.id]:
                problems.append(f"资料记录 {evidence_row.id} 的内容哈希与冻结时不同")
        missing = set(ids) - set(session.scalars(select(Evidence.id).where(Evidence.id.in_(ids))))
        problems.extend(f"资料记录 {n} 已不在数据库中" for n in sorted(missing))
    report(progress, len(unique), len(unique), "")
    return FreezeCheck(item.id, folder, tuple(problems))


def _compare_copy(copy: Path, manifest: dict[str, Any]) -> list[str]:
    """The database copy must hold exactly the frozen evidence set."""
    try:
        connection = sqlite3.connect(copy.as_uri() + "?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT id, sha256 FROM evidence WHERE status = 'active'").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return [f"数据库副本无法读取：{copy}（{exc}）"]
    in_copy = {(int(i), str(s)) for i, s in rows}
    frozen = {(int(e["id"]), str(e["sha256"])) for e in manifest.get("evidence") or []}
    if in_copy != frozen:
        return [
            f"数据库副本中的资料与冻结清单不一致"
            f"（多 {len(in_copy - frozen)} 条，少 {len(frozen - in_copy)} 条）"
        ]
    return []
