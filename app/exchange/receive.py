"""Writing an imported submission: one transaction that stores the files and supersedes older evidence."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.base.errors import CancelledError, RefusedFileError
from app.base.progress import CancelToken, check_cancel
from app.base.text import printable_path
from app.evidence.filecheck import DEFAULT_PARSE_SECONDS, FileFacts, guarded, inspect_file
from app.evidence.formats import document_metadata, extract_text, inspect_any
from app.exchange.package import AlreadyImportedError, OpenedManifest, PackageError, PackageReader
from app.exchange.replay import check_not_replayed
from app.exchange.schemas import KIND_SUBMISSION
from app.project.audit import record
from app.project.folder import (
    Project,
)
from app.project.store import StagedFile, is_no_space, no_space_error
from app.search import index_pages
from app.units.registry import UnitInfo
from models import Evidence, EvidenceIndicator, InfoRecord, Submission, utcnow


def _copy_member(
    project: Project,
    reader: PackageReader,
    *,
    member: str,
    sha: str,
    size: int,
    filename: str,
    label: str,
    cancel: CancelToken | None,
) -> tuple[StagedFile | None, Path]:
    """Stream one member into the incoming area (or only hash it when the store has the content);
    refuse a size or SHA-256 other than declared. Returns (the unstaged copy or None, the path to check)."""
    store = project.store
    limit = reader.limits.max_member_bytes
    if size > limit:
        raise PackageError(label, f"文件 {filename} 过大（{size} 字节，上限 {limit}）")
    staged: StagedFile | None = None
    if store.has(sha):
        digest = reader.copy_member(member, None, size, cancel)
        checked_path = store.path_for(sha)
    else:
        part: Path | None = None
        try:
            store.ensure_dirs()
            handle, part_name = tempfile.mkstemp(dir=store.incoming, suffix=".part")
            part = Path(part_name)
            # Buffered: its write() never stops short silently (an unbuffered one may on a nearly
            # full disk), so a truncated copy cannot pass for a whole one.
            with os.fdopen(handle, "wb") as sink:
                digest = reader.copy_member(member, sink, size, cancel)
                sink.flush()
                if store.durable:
                    os.fsync(sink.fileno())
        except BaseException as exc:
            if part is not None:
                part.unlink(missing_ok=True)
            if is_no_space(exc):
                raise no_space_error(filename, project.folder) from exc
            raise
        staged = StagedFile(part, digest.sha256, digest.size, printable_path(filename))
        checked_path = part
    try:
        if digest.size != size:
            raise PackageError(label, f"文件 {filename} 的大小与清单不符（{digest.size} ≠ {size}）")
        if digest.sha256 != sha:
            raise PackageError(
                label, f"文件 {filename}（{member}）的 SHA-256 与清单不符：文件被改动或损坏 (hash mismatch)"
            )
    except BaseException:
        if staged is not None:
            store.discard(staged)
        raise
    return staged, checked_path


def _check_other_kind(
    path: Path, filename: str, limit: int, parse_seconds: float
) -> tuple[str, int | None, list[str]]:
    """A photo, OFD, DOCX or XLS checked like attach checks it: (kind, sheets, page texts)."""
    with tempfile.TemporaryDirectory(prefix="fazhi-import-") as work:
        found = inspect_any(
            path, filename, workdir=Path(work), max_bytes=limit, parse_seconds=parse_seconds, convert=False
        )
    return found.kind, found.sheets, list(found.text_pages)


def receive_file(
    project: Project,
    reader: PackageReader,
    entry: dict[str, Any],
    label: str,
    cancel: CancelToken | None,
    *,
    parse_seconds: float = DEFAULT_PARSE_SECONDS,
) -> Incoming:
    """Check one member (and the original it was made from): real size and SHA-256 as declared, and
    the same content checks as attach. ``parse_seconds`` bounds each parse (its check, its text)."""
    store = project.store
    sha, size, member = entry["sha256"], int(entry["size"]), entry["member"]
    limit = reader.limits.max_member_bytes
    filename = entry["filename"]
    staged, checked_path = _copy_member(
        project, reader, member=member, sha=sha, size=size, filename=filename, label=label, cancel=cancel
    )
    original: StagedFile | None = None
    try:
        try:
            if entry["kind"] in ("pdf", "xlsx"):
                facts = inspect_file(
                    checked_path,
                    max_bytes=limit,
                    sha256=sha,
                    display_name=filename,
                    parse_seconds=parse_seconds,
                )
                texts = _texts_within(checked_path, facts.kind, filename, parse_seconds, cancel)
            else:  # a DOCX or XLS the unit could not render
                kind, sheets, texts = _check_other_kind(checked_path, filename, limit, parse_seconds)
                facts = FileFacts(checked_path, sha, kind, size, None, sheets)
        except RefusedFileError as exc:
            raise PackageError(label, f"文件 {filename} 未通过检查：{exc.reason}") from None
        if facts.kind != entry["kind"]:
            raise PackageError(
                label, f"文件 {filename} 的类型与清单不符（实际 {facts.kind}，清单 {entry['kind']}）"
            )
        declared = entry.get("original")
        original_kind = facts.kind
        if declared is not None:
            if entry["kind"] != "pdf" or declared["sha256"] == sha:
                raise PackageError(label, f"清单中 {filename} 的原件只能随其 PDF 版本提交")
            original, original_path = _copy_member(
                project,
                reader,
                member=declared["member"],
                sha=declared["sha256"],
                size=int(declared["size"]),
                filename=f"{filename} 的原件",
                label=label,
                cancel=cancel,
            )
            try:
                original_kind = _check_other_kind(original_path, filename, limit, parse_seconds)[0]
            except RefusedFileError as exc:
                raise PackageError(label, f"文件 {filename} 的原件未通过检查：{exc.reason}") from None
            if original_kind != declared["kind"]:
                raise PackageError(
                    label,
                    f"文件 {filename} 的原件类型与清单不符（实际 {original_kind}，清单 {declared['kind']}）",
                )
            if original is not None:
                original = store.stage(original)
        if staged is not None:
            staged = store.stage(staged)
    except BaseException:
        for item in (staged, original):
            if item is not None:
                store.discard(item)
        raise
    return Incoming(entry, facts, staged, texts, original, original_kind)


def _texts_within(path: Path, kind: str, name: str, seconds: float, cancel: CancelToken | None) -> list[str]:
    """The page texts, under the same time limit as the checks (a cancel stays a cancel)."""
    cancelled: list[CancelledError] = []

    def parse(_messages: list[str]) -> list[str]:
        try:
            return extract_text(path, kind, cancel=cancel, ocr=False).pages
        except CancelledError as exc:
            cancelled.append(exc)
            return []

    texts = guarded(name, "文字提取：", seconds, parse)
    if cancelled:
        raise cancelled[0]
    return texts


def _entry_matches(row: Evidence, entry: dict[str, Any]) -> bool:
    return (
        row.sha256 == entry["sha256"]
        and {link.indicator_number for link in row.links} == set(entry["indicators"])
        and row.filename == entry["filename"]
        and row.title == _entry_title(entry)
        and row.period == entry.get("period")
        and {k for link in row.links if (k := link.requirement_key)}
        == set(entry.get("requirement_keys") or ())
    )


def _entry_title(entry: dict[str, Any]) -> str:
    title = (entry.get("title") or "").strip()
    return title or Path(entry["filename"]).stem or entry["filename"]


def _links_for(project: Project, entry: dict[str, Any]) -> list[EvidenceIndicator]:
    keys = list(entry.get("requirement_keys") or ())
    links: list[EvidenceIndicator] = []
    for number in entry["indicators"]:
        own = {r.key for r in project.catalog.indicator(number).requirements}
        mine = [k for k in keys if k in own]
        for key in mine or [None]:
            links.append(EvidenceIndicator(indicator_number=number, requirement_key=key))
    return links


def write_submission(
    project: Project,
    opened: OpenedManifest,
    *,
    document: dict[str, Any],
    unit: UnitInfo,
    incoming: list[Incoming],
    manifest_digest: str,
    label: str,
    actor: str,
    cancel: CancelToken | None,
) -> ImportResult:
    now = utcnow()
    with project.session() as session:
        # Checked again inside the transaction: two imports of one package must not both pass.
        clash = session.scalars(
            select(Submission).where(
                Submission.unit_id == unit.id, Submission.package_sha256 == manifest_digest
            )
        ).first()
        if clash is not None:
            raise AlreadyImportedError(
                label, f"已导入过（{unit.name} 的提交 {clash.id}），未做任何更改 (already imported)"
            )
        # Again inside the transaction: a newer package imported meanwhile must still win.
        earlier_rows = list(
            session.scalars(select(Submission).where(Submission.unit_id == unit.id).order_by(Submission.id))
        )
        check_not_replayed(earlier_rows, document, unit=unit.name, label=label)
        current = list(
            session.scalars(
                select(Submission)
                .where(Submission.unit_id == unit.id, Submission.status == "current")
                .order_by(Submission.id)
            )
        )
        supersedes = current[-1].id if current else None
        for earlier in current:
            earlier.status = "superseded"
        session.flush()
        submission = Submission(
            unit_id=unit.id,
            package_sha256=manifest_digest,
            manifest_json=opened.raw.decode("utf-8"),
            imported_at=now,
            imported_by=actor,
            status="current",
            supersedes_id=supersedes,
            kit_id=str(document["kit_id"]),
            sequence=int(document["sequence"]) if document.get("sequence") is not None else None,
        )
        session.add(submission)
        session.flush()

        active = list(
            session.scalars(
                select(Evidence)
                .where(Evidence.unit_id == unit.id, Evidence.status == "active")
                .options(selectinload(Evidence.links))
                .order_by(Evidence.id)
            )
        )
        kept: set[int] = set()
        files: list[ImportedFile] = []
        for item in incoming:
            entry = item.entry
            match = next((r for r in active if r.id not in kept and _entry_matches(r, entry)), None)
            if match is not None:
                kept.add(match.id)
                files.append(
                    ImportedFile(
                        match.sha256,
                        match.filename,
                        tuple(sorted(entry["indicators"])),
                        "unchanged",
                        match.id,
                        match.size,
                    )
                )
                continue
            meta = document_metadata(item.texts)
            row = Evidence(
                sha256=entry["sha256"],
                filename=entry["filename"],
                kind=item.facts.kind,
                size=int(declared["size"]) if (declared := entry.get("original")) else item.facts.size,
                pages=item.facts.pages,
                sheets=item.facts.sheets,
                sheet_names_json=json.dumps(list(item.facts.sheet_names), ensure_ascii=False)
                if item.facts.kind == "xlsx"
                else None,
                title=_entry_title(entry),
                period=entry.get("period") or meta.period,
                wenhao=meta.wenhao,
                doc_date=meta.date.isoformat() if meta.date else None,
                issuer=meta.agency[:200] if meta.agency else None,
                original_kind=item.original_kind or item.facts.kind,
                original_sha256=declared["sha256"] if declared else entry["sha256"],
                rendition_sha256=entry["sha256"] if declared else None,
                unit_id=unit.id,
                status="active",
                source="submission",
                submission_id=submission.id,
                added_at=now,
                added_by=actor,
            )
            row.links = _links_for(project, entry)
            session.add(row)
            session.flush()
            index_pages(session, row.id, item.texts)
            kept.add(row.id)
            record(
                session,
                "evidence.attach",
                f"evidence:{row.id}",
                {
                    "filename": row.filename,
                    "sha256": row.sha256,
                    "kind": row.kind,
                    "size": row.size,
                    "unit": unit.name,
                    "indicators": sorted(entry["indicators"]),
                    "title": row.title,
                    "period": row.period,
                    "submission_id": submission.id,
                },
                actor,
            )
            files.append(
                ImportedFile(
                    row.sha256, row.filename, tuple(sorted(entry["indicators"])), "added", row.id, row.size
                )
            )

        superseded: list[ImportedFile] = []
        for row in active:
            if row.id in kept or row.source != "submission":
                continue  # evidence the office attached itself is not the unit's to replace
            row.status = "superseded"
            numbers = tuple(sorted({link.indicator_number for link in row.links}))
            superseded.append(ImportedFile(row.sha256, row.filename, numbers, "superseded", row.id, row.size))
            record(
                session,
                "evidence.supersede",
                f"evidence:{row.id}",
                {"filename": row.filename, "sha256": row.sha256, "by_submission": submission.id},
                actor,
            )

        info_added, info_withdrawn = _write_info(
            session, document, unit=unit, submission_id=submission.id, now=now, actor=actor
        )
        record(
            session,
            "exchange.import",
            f"submission:{submission.id}",
            {
                "package": label,
                "package_id": document["package_id"],
                "kit_id": document["kit_id"],
                "sequence": document.get("sequence"),
                "unit": unit.name,
                "created_at": document["created_at"],
                "created_by": document.get("created_by"),
                "added": sum(1 for f in files if f.status == "added"),
                "unchanged": sum(1 for f in files if f.status == "unchanged"),
                "superseded": len(superseded),
                "supersedes_submission_id": supersedes,
                "info_added": info_added,
                "info_withdrawn": info_withdrawn,
            },
            actor,
        )
        submission_id = submission.id
        check_cancel(cancel)  # the last moment a cancel can still roll everything back
    return ImportResult(
        label,
        unit.name,
        submission_id,
        str(document["package_id"]),
        supersedes,
        tuple(files),
        tuple(superseded),
        info_added,
        info_withdrawn,
    )


def _write_info(
    session: Session,
    document: dict[str, Any],
    *,
    unit: UnitInfo,
    submission_id: int,
    now: datetime,
    actor: str,
) -> tuple[int, int]:
    """URLs, contacts and notes: the submission's set replaces what earlier submissions sent."""
    current = list(
        session.scalars(
            select(InfoRecord)
            .where(InfoRecord.unit_id == unit.id, InfoRecord.withdrawn_at.is_(None))
            .order_by(InfoRecord.id)
        )
    )
    kept: set[int] = set()
    added = 0
    for item in document.get("info") or ():
        key = item.get("requirement_key")
        match = next(
            (
                r
                for r in current
                if r.id not in kept
                and (r.indicator_number, r.kind, r.value, r.requirement_key)
                == (item["indicator"], item["kind"], item["value"], key)
            ),
            None,
        )
        if match is not None:
            kept.add(match.id)
            continue
        row = InfoRecord(
            indicator_number=item["indicator"],
            unit_id=unit.id,
            requirement_key=key,
            kind=item["kind"],
            value=item["value"],
            submission_id=submission_id,
            added_at=now,
            added_by=actor,
        )
        session.add(row)
        session.flush()
        kept.add(row.id)
        added += 1
    withdrawn = 0
    for row in current:
        if row.id not in kept and row.submission_id is not None:
            row.withdrawn_at = now
            row.withdrawn_by = actor
            withdrawn += 1
    return added, withdrawn


@dataclass(frozen=True)
class ImportedFile:
    sha256: str
    filename: str
    indicators: tuple[int, ...]
    status: str  # "added" | "unchanged" | "superseded"
    evidence_id: int
    size: int

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "filename": self.filename,
            "indicators": list(self.indicators),
            "status": self.status,
            "evidence_id": self.evidence_id,
            "size": self.size,
        }


@dataclass(frozen=True)
class ImportResult:
    """What a submission brought to the office."""

    package: str
    unit: str
    submission_id: int
    package_id: str
    supersedes_submission_id: int | None
    files: tuple[ImportedFile, ...]  # every file of the package: added or unchanged
    superseded: tuple[ImportedFile, ...]  # earlier submitted evidence this submission replaced
    info_added: int
    info_withdrawn: int

    @property
    def added(self) -> tuple[ImportedFile, ...]:
        return tuple(f for f in self.files if f.status == "added")

    @property
    def unchanged(self) -> tuple[ImportedFile, ...]:
        return tuple(f for f in self.files if f.status == "unchanged")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": KIND_SUBMISSION,
            "package": self.package,
            "unit": self.unit,
            "submission_id": self.submission_id,
            "package_id": self.package_id,
            "supersedes_submission_id": self.supersedes_submission_id,
            "added": len(self.added),
            "unchanged": len(self.unchanged),
            "superseded": len(self.superseded),
            "files": [f.to_json() for f in self.files],
            "superseded_evidence": [f.to_json() for f in self.superseded],
            "info_added": self.info_added,
            "info_withdrawn": self.info_withdrawn,
        }


@dataclass
class Incoming:
    entry: dict[str, Any]
    facts: FileFacts
    staged: StagedFile | None  # None when the store already holds the content
    texts: list[str] = field(default_factory=list)  # page texts, indexed for search with the row
    original: StagedFile | None = None  # the photo/OFD/DOCX/XLS a PDF was made from (None: none or stored)
    original_kind: str | None = None

    @property
    def staged_files(self) -> list[StagedFile]:
        return [item for item in (self.staged, self.original) if item is not None]
