"""Evidence: attach PDF, XLSX, XLS, DOCX, OFD and photo files to indicators for a unit, list, withdraw them.

``attach`` checks every file first (by content, see ``app.evidence.intake``), then writes everything in one
transaction, then publishes the files into the store (see ``app.project.store`` for the crash-safe order). A
refused file changes nothing. Evidence is never deleted: ``withdraw`` keeps the file and the record.
Evidence attached to one indicator of a 合并提供 group counts for every indicator of the group.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.base.actor import resolve_actor
from app.base.errors import NotFoundError, RefusedFileError, UsageError
from app.base.jsonsafe import loads_limited
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.base.text import printable_path, unsafe_name_reason
from app.evidence.filecheck import DEFAULT_MAX_BYTES
from app.evidence.intake import CheckedFile, check_files
from app.evidence.ocr_texts import OcrTexts
from app.evidence.renditions import pdf_path
from app.evidence.scope import check_attach_scope
from app.project.audit import add_entry, record
from app.project.folder import Project
from app.search import index_pages
from app.units.registry import UnitInfo, list_units, resolve_unit
from models import Evidence, EvidenceIndicator, Unit, utcnow

STATUSES = ("active", "withdrawn", "superseded")
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")


@dataclass(frozen=True)
class EvidenceRecord:
    id: int
    sha256: str
    filename: str
    kind: str  # "pdf" | "xlsx" | "xls" | "docx" … (what preview and the bundle use: "pdf" for a rendition)
    size: int
    pages: int | None
    sheets: int | None
    unit: str
    indicators: tuple[int, ...]
    status: str  # "active" | "withdrawn" | "superseded"
    title: str
    period: str | None
    added_at: datetime
    added_by: str
    withdrawn_at: datetime | None
    withdrawn_by: str | None
    withdraw_reason: str | None
    submission_id: int | None
    sheet_names: tuple[str, ...] = ()
    source: str = "local"
    requirement_keys: tuple[str, ...] = field(default=())
    original_kind: str | None = None  # the file as received ("jpeg", "ofd", "docx" …)
    original_sha256: str | None = None
    wenhao: str | None = None
    doc_date: str | None = None
    issuer: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "filename": self.filename,
            "kind": self.kind,
            "size": self.size,
            "pages": self.pages,
            "sheets": self.sheets,
            "unit": self.unit,
            "indicators": list(self.indicators),
            "status": self.status,
            "title": self.title,
            "period": self.period,
            "sheet_names": list(self.sheet_names),
            "source": self.source,
            "submission_id": self.submission_id,
            "added_at": self.added_at.isoformat(),
            "added_by": self.added_by,
            "withdrawn_at": self.withdrawn_at.isoformat() if self.withdrawn_at else None,
            "withdrawn_by": self.withdrawn_by,
            "withdraw_reason": self.withdraw_reason,
            "original_kind": self.original_kind,
            "original_sha256": self.original_sha256,
            "wenhao": self.wenhao,
            "doc_date": self.doc_date,
            "issuer": self.issuer,
        }


@dataclass(frozen=True)
class AttachResult:
    attached: list[EvidenceRecord]  # one per accepted file, in the order given
    refused: list[tuple[Path, str]]  # (file, reason), only with skip_refused=True
    #: Files whose content the unit had already attached: record id → what this call changed on it
    #: (empty: nothing changed). The window and the CLI both say 已存在 for these.
    existing: dict[int, tuple[str, ...]] = field(default_factory=dict)


def _record_of(row: Evidence, unit_name: str) -> EvidenceRecord:
    return EvidenceRecord(
        id=row.id,
        sha256=row.sha256,
        filename=row.filename,
        kind=row.kind,
        size=row.size,
        pages=row.pages,
        sheets=row.sheets,
        unit=unit_name,
        indicators=tuple(sorted({link.indicator_number for link in row.links})),
        status=row.status,
        title=row.title,
        period=row.period,
        added_at=row.added_at,
        added_by=row.added_by,
        withdrawn_at=row.withdrawn_at,
        withdrawn_by=row.withdrawn_by,
        withdraw_reason=row.withdraw_reason,
        submission_id=row.submission_id,
        sheet_names=tuple(loads_limited(row.sheet_names_json)) if row.sheet_names_json else (),
        source=row.source,
        requirement_keys=tuple(sorted({k for link in row.links if (k := link.requirement_key)})),
        original_kind=row.original_kind,
        original_sha256=row.original_sha256,
        wenhao=row.wenhao,
        doc_date=row.doc_date,
        issuer=row.issuer,
    )


def evidence_path(project: Project, sha256: str) -> Path:
    """Where the store keeps the content with this hash."""
    return project.store.path_for(sha256)


def evidence_pdf(project: Project, sha256: str, *, original_kind: str | None = None, name: str = "") -> Path:
    """The file preview, bundle and folder ZIP use for a record's content ``sha256``: the stored file,
    or for a photo kept without its PDF the PDF made from it (``app.evidence.renditions``)."""
    return pdf_path(project.store, sha256, original_kind=original_kind, name=name)


def check_period(period: str | None) -> str | None:
    if period is None or not period.strip():
        return None
    period = period.strip()
    match = _PERIOD.match(period)
    if (
        not match
        or not 1990 <= int(match["year"]) <= 2100
        or (match["month"] and not 1 <= int(match["month"]) <= 12)
    ):
        raise UsageError(f"期间格式无效：{period}（应为 YYYY 或 YYYY-MM，如 2021 或 2021-05） (bad period)")
    return period


def check_indicators(project: Project, indicators: Sequence[int]) -> tuple[int, ...]:
    if not indicators:
        raise UsageError("至少要指定一个指标（--indicator） (no indicator given)")
    for number in indicators:
        if not project.catalog.has_indicator(number):
            raise UsageError(f"未知的指标：第 {number} 项（{project.catalog.id}） (unknown indicator)")
    return tuple(dict.fromkeys(indicators))


def attach(
    project: Project,
    *,
    unit: str,
    indicators: Sequence[int],
    files: Sequence[Path],
    title: str | None = None,
    period: str | None = None,
    actor: str | None = None,
    skip_refused: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    max_bytes: int | None = None,
    requirement_key: str | None = None,
    source: str = "local",
    submission_id: int | None = None,
    session: Session | None = None,
    ocr: bool = False,
    ocr_texts: OcrTexts | None = None,
) -> AttachResult:
    """Attach ``files`` as ``unit``'s evidence for ``indicators``.

    Without ``skip_refused`` one refused file refuses the whole call (``RefusedFileError`` for the first,
    nothing changed); with it the good files are attached and the refused returned with reasons.
    The same content attached again by the same unit extends the existing record's indicators.
    ``session``: run inside the caller's transaction (exchange import); files are then published by
    the caller via ``project.store.publish_many`` after its commit (or by the next writer open).
    Each file's text is indexed for search in the same transaction; ``ocr``: read pages without text
    (scans, photos) with OCR too (slow), unless ``ocr_texts`` or the index already holds what the OCR
    read in the same content. Without ``period`` a file's 成文日期 gives its period.
    """
    project._require_writable()
    numbers = check_indicators(project, indicators)
    unit_info = check_attach_scope(project, unit, numbers)
    period = check_period(period)
    if not files:
        raise UsageError("没有指定要添加的文件 (no files given)")
    if requirement_key is not None:
        keys = {r.key for n in numbers for r in project.catalog.indicator(n).requirements}
        if requirement_key not in keys:
            raise UsageError(f"未知的资料要求编号：{requirement_key} (unknown requirement key)")
    limit = max_bytes or int(project.settings.get("max_file_bytes") or DEFAULT_MAX_BYTES)
    actor = resolve_actor(actor)
    paths = [Path(f) for f in files]
    total = len(paths) + 1

    staged: list[tuple[Path, CheckedFile]] = []
    refused: list[tuple[Path, str]] = []
    try:
        # The office import's name rule: a unit must not attach what it could not submit.
        problems = {
            index: reason
            for index, path in enumerate(paths)
            if project.info.role == "unit" and (reason := unsafe_name_reason(path.name)) is not None
        }
        wanted = [index for index in range(len(paths)) if index not in problems]

        def checking(done: int, _total: int, message: str) -> None:
            report(progress, wanted[done] if done < len(wanted) else len(paths), total, message)

        results = check_files(
            project,
            [paths[i] for i in wanted],
            max_bytes=limit,
            ocr=ocr,
            ocr_texts=ocr_texts,
            progress=checking,
            cancel=cancel,
        )
        outcome = dict(zip(wanted, results, strict=True))
        for index, path in enumerate(paths):
            result = outcome.get(index)
            if result is None:
                refused.append((path, problems[index]))
            elif isinstance(result, RefusedFileError):
                refused.append((path, result.reason))
            else:
                staged.append((path, result))
        if refused and not skip_refused:
            path, reason = refused[0]
            more = f"（共 {len(refused)} 个文件被拒绝，未做任何更改）" if len(refused) > 1 else ""
            raise RefusedFileError(printable_path(path), reason + more)
        check_cancel(cancel)
        report(progress, len(paths), total, "写入数据库")
        # Durable before the rows that reference them commit (see app.project.store for the order).
        project.store.sync_staged([stage for _path, checked in staged for stage in checked.staged])
        write = functools.partial(
            _write,
            project=project,
            unit=unit_info,
            numbers=numbers,
            staged=staged,
            title=title,
            period=period,
            actor=actor,
            requirement_key=requirement_key,
            source=source,
            submission_id=submission_id,
        )
        if session is not None:
            records, existing = write(session)
        else:
            with project.session() as own:
                records, existing = write(own)
                check_cancel(cancel)  # last chance: cancelling here rolls the transaction back
    except BaseException:
        for _path, checked in staged:
            for stage in checked.staged:
                project.store.discard(stage)
        raise
    if session is None:
        # Committed: if publishing fails now, the next writer open publishes it (store.recover).
        with contextlib.suppress(OSError):
            project.store.publish_many(
                [stage.sha256 for _path, checked in staged for stage in checked.staged]
            )
    report(progress, total, total, f"已添加 {len(records)} 个文件")
    return AttachResult(records, refused, existing)


def _write(
    session: Session,
    *,
    project: Project,
    unit: UnitInfo,
    numbers: tuple[int, ...],
    staged: list[tuple[Path, CheckedFile]],
    title: str | None,
    period: str | None,
    actor: str,
    requirement_key: str | None,
    source: str,
    submission_id: int | None,
) -> tuple[list[EvidenceRecord], dict[int, tuple[str, ...]]]:
    now = utcnow()
    # The unit's active records with the same content, found in one query (hundreds of files at once).
    # The same content is the same original: a record whose PDF was made differently (a photo stored
    # with its PDF before session 6, an office file converted again) is still the same file.
    shas = list({checked.sha256 for _path, checked in staged})
    originals = list({checked.original.sha256 for _path, checked in staged})
    by_sha: dict[str, Evidence] = {}
    by_original: dict[str, Evidence] = {}
    for start in range(0, max(len(shas), len(originals)), 500):
        for row in session.scalars(
            select(Evidence)
            .where(
                or_(
                    Evidence.sha256.in_(shas[start : start + 500]),
                    Evidence.original_sha256.in_(originals[start : start + 500]),
                ),
                Evidence.unit_id == unit.id,
                Evidence.status == "active",
            )
            .options(selectinload(Evidence.links))
            .order_by(Evidence.id)
        ):
            by_sha.setdefault(row.sha256, row)
            if row.original_sha256:
                by_original.setdefault(row.original_sha256, row)
    rows: list[Evidence] = []
    new_rows: list[tuple[Evidence, Path]] = []
    texts: list[tuple[Evidence, CheckedFile]] = []
    linked: list[tuple[Evidence, Path, list[int]]] = []
    updated: list[tuple[Evidence, Path, dict[str, Any]]] = []
    changes: dict[int, tuple[str, ...]] = {}
    new_ids: set[int] = set()
    for path, checked in staged:
        facts = checked.facts
        existing = by_original.get(checked.original.sha256) or by_sha.get(checked.sha256)
        if existing is not None:
            have = {(link.indicator_number, link.requirement_key) for link in existing.links}
            added = [n for n in numbers if (n, requirement_key) not in have]
            for number in added:
                existing.links.append(
                    EvidenceIndicator(indicator_number=number, requirement_key=requirement_key)
                )
            if added:
                linked.append((existing, path, added))
            said = [f"新增指标 {'、'.join(str(n) for n in added)}"] if added else []
            # What the caller asked for explicitly is applied, never silently dropped.
            fields: dict[str, Any] = {}
            if period is not None and existing.period != period:
                said.append(f"期间 {existing.period or '未填'} → {period}")
                fields["period"] = {"old": existing.period, "new": period}
                existing.period = period
            if title is not None and title.strip() and existing.title != title.strip():
                said.append(f"标题 {existing.title} → {title.strip()}")
                fields["title"] = {"old": existing.title, "new": title.strip()}
                existing.title = title.strip()
            if fields:
                updated.append((existing, path, fields))
            if id(existing) not in new_ids:  # not a file given twice in this call
                changes[existing.id] = (*changes.get(existing.id, ()), *said)
            rows.append(existing)
            continue
        meta = checked.meta
        row = Evidence(
            sha256=checked.sha256,
            filename=path.name,
            kind=checked.kind,
            size=checked.size,
            pages=facts.pages,
            sheets=facts.sheets,
            sheet_names_json=(
                json.dumps(list(checked.sheet_names), ensure_ascii=False) if facts.kind == "xlsx" else None
            ),
            title=(title or path.stem).strip() or path.name,
            period=period or meta.period,
            wenhao=meta.wenhao,
            doc_date=meta.date.isoformat() if meta.date else None,
            issuer=meta.agency[:200] if meta.agency else None,
            original_kind=facts.kind,
            original_sha256=checked.original.sha256,
            rendition_sha256=checked.rendition.sha256 if checked.rendition is not None else None,
            unit_id=unit.id,
            status="active",
            source=source,
            submission_id=submission_id,
            added_at=now,
            added_by=actor,
        )
        row.links = [EvidenceIndicator(indicator_number=n, requirement_key=requirement_key) for n in numbers]
        session.add(row)
        by_sha[checked.sha256] = row  # the same content twice in one call: one record
        by_original[checked.original.sha256] = row
        new_ids.add(id(row))
        rows.append(row)
        new_rows.append((row, path))
        texts.append((row, checked))
    session.flush()
    for row, checked in texts:
        # A new record has nothing indexed yet: a photo without OCR (no text at all) costs no statement.
        if "ocr" in checked.sources or any(page.strip() for page in checked.text_pages):
            index_pages(session, row.id, checked.text_pages, checked.sources)
    for row, _path in new_rows:
        add_entry(
            session,
            "evidence.attach",
            f"evidence:{row.id}",
            {
                "filename": row.filename,
                "sha256": row.sha256,
                "kind": row.kind,
                "size": row.size,
                "unit": unit.name,
                "indicators": list(numbers),
                "title": row.title,
                "period": row.period,
                "original_kind": row.original_kind,
                "wenhao": row.wenhao,
            },
            actor,
            at=now,
        )
    for row, path, added in linked:
        add_entry(
            session,
            "evidence.link",
            f"evidence:{row.id}",
            {"indicators": added, "filename": path.name, "sha256": row.sha256},
            actor,
            at=now,
        )
    for row, path, fields in updated:
        add_entry(
            session,
            "evidence.update",
            f"evidence:{row.id}",
            {"filename": path.name, "sha256": row.sha256, **fields},
            actor,
            at=now,
        )
    session.flush()
    return [_record_of(row, unit.name) for row in rows], changes


def active_evidence_per_unit(project: Project) -> dict[str, int]:
    """How many active evidence records each unit has (one counting query, no records built)."""
    query = (
        select(Unit.name, func.count(Evidence.id))
        .join(Evidence, Evidence.unit_id == Unit.id)
        .where(Evidence.status == "active")
        .group_by(Unit.name)
    )
    with project.session() as session:
        return {name: int(count) for name, count in session.execute(query)}


def list_evidence(
    project: Project,
    *,
    indicator: int | None = None,
    unit: str | None = None,
    include_withdrawn: bool = False,
    status: str | None = None,
) -> list[EvidenceRecord]:
    """Evidence by id. ``indicator`` also matches evidence attached to its 合并提供 group."""
    query = select(Evidence).options(selectinload(Evidence.links)).order_by(Evidence.id)
    if indicator is not None:
        if not project.catalog.has_indicator(indicator):
            raise UsageError(f"未知的指标：第 {indicator} 项 (unknown indicator)")
        group = project.catalog.indicator(indicator).evidence_group
        query = query.where(
            Evidence.id.in_(
                select(EvidenceIndicator.evidence_id).where(EvidenceIndicator.indicator_number.in_(group))
            )
        )
    if unit is not None:
        query = query.where(Evidence.unit_id == resolve_unit(project, unit).id)
    if status is not None:
        if status not in STATUSES:
            raise UsageError(f"状态无效：{status}（应为 {'、'.join(STATUSES)}）")
        query = query.where(Evidence.status == status)
    elif not include_withdrawn:
        query = query.where(Evidence.status == "active")
    with project.session() as session:
        names = {unit_id: name for unit_id, name in session.execute(select(Unit.id, Unit.name))}
        return [_record_of(row, names[row.unit_id]) for row in session.scalars(query)]


def get_evidence(project: Project, evidence_id: int) -> EvidenceRecord:
    with project.session() as session:
        row = session.get(Evidence, evidence_id, options=[selectinload(Evidence.links)])
        if row is None:
            raise NotFoundError(f"没有编号为 {evidence_id} 的资料 (no such evidence)")
        unit = session.get(Unit, row.unit_id)
        assert unit is not None
        return _record_of(row, unit.name)


def withdraw(project: Project, evidence_id: int, *, reason: str, actor: str | None = None) -> EvidenceRecord:
    """Withdraw evidence: it stops counting but the file and the record stay in history."""
    project._require_writable()
    reason = reason.strip()
    if not reason:
        raise UsageError("撤回资料必须说明原因（--reason） (reason required)")
    actor = resolve_actor(actor)
    with project.session() as session:
        row = session.get(Evidence, evidence_id, options=[selectinload(Evidence.links)])
        if row is None:
            raise NotFoundError(f"没有编号为 {evidence_id} 的资料 (no such evidence)")
        if row.status != "active":
            raise UsageError(
                f"资料 {evidence_id}（{row.filename}）已是“{row.status}”状态，不能撤回 (not active)"
            )
        row.status = "withdrawn"
        row.withdrawn_at = utcnow()
        row.withdrawn_by = actor
        row.withdraw_reason = reason
        session.flush()
        record(
            session,
            "evidence.withdraw",
            f"evidence:{row.id}",
            {"filename": row.filename, "sha256": row.sha256, "reason": reason},
            actor,
        )
        unit = session.get(Unit, row.unit_id)
        assert unit is not None
        return _record_of(row, unit.name)


def units_with_evidence(project: Project) -> list[UnitInfo]:
    """Units that have active evidence (for filters in the window)."""
    with project.session() as session:
        ids = set(session.scalars(select(Evidence.unit_id).where(Evidence.status == "active").distinct()))
    return [u for u in list_units(project) if u.id in ids]
