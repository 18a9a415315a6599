"""Submissions (提交包): the unit's complete current evidence set, signed with the unit's key."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import __version__
from app.base.actor import resolve_actor
from app.base.errors import IntegrityError, UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel
from app.evidence.attach import evidence_pdf, list_evidence
from app.evidence.scope import check_in_scope, unit_scope
from app.exchange.common import active_keys
from app.exchange.package import member_for, now_iso, write_package
from app.exchange.schemas import KIND_SUBMISSION, PACKAGE_FORMAT, PACKAGE_VERSION
from app.project.audit import record
from app.project.folder import (
    Project,
    require_role,
)
from app.project.store import hash_file, no_space_writing, temp_beside
from models import InfoRecord, Unit, UnitKey


@dataclass(frozen=True)
class SubmitResult:
    path: Path
    package_id: str
    unit: str
    kit_id: str
    sequence: int
    files: int
    bytes: int
    indicators: tuple[int, ...]
    info: int  # URLs, contacts and notes sent along

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "package_id": self.package_id,
            "unit": self.unit,
            "kit_id": self.kit_id,
            "sequence": self.sequence,
            "files": self.files,
            "bytes": self.bytes,
            "indicators": list(self.indicators),
            "info": self.info,
        }


def _stored_size(path: Path, filename: str) -> int:
    """The size of a member's file (a rendition's, not its original's), or ``IntegrityError``."""
    try:
        return path.stat().st_size
    except OSError:
        raise IntegrityError(f"资料文件缺失：{filename}（{path}），请先运行 fazhi verify") from None


def submit(
    project: Project,
    *,
    out: Path,
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> SubmitResult:
    """Write the unit's submission package: all its active evidence and info records, signed."""
    project._require_writable()
    require_role(project, "unit", "生成提交包")
    unit_name = project.info.unit
    assert unit_name is not None
    actor = resolve_actor(actor)
    out = Path(out)
    records = list_evidence(project, unit=unit_name)
    if not records:
        raise UsageError(f"{unit_name} 还没有可提交的资料（先用 fazhi attach 添加） (nothing to submit)")
    entries: dict[str, dict[str, Any]] = {}
    paths: dict[str, Path] = {}  # each primary member's file (for most, the stored file itself)
    unit_info, allowed = unit_scope(project, unit_name)
    for evidence in records:
        try:
            check_in_scope(project, unit_info, allowed, evidence.indicators)
        except UsageError as exc:
            raise UsageError(f"资料 {evidence.id}（{evidence.filename}）：{exc}") from None
        entry = entries.get(evidence.sha256)
        if entry is not None:  # the same content twice: one file, the indicators together
            entry["indicators"] = sorted({*entry["indicators"], *evidence.indicators})
            entry["requirement_keys"] = sorted({*entry["requirement_keys"], *evidence.requirement_keys})
            continue
        primary, original = evidence.sha256, evidence.original_sha256
        made = evidence_pdf(
            project, evidence.sha256, original_kind=evidence.original_kind, name=evidence.filename
        )
        if made != project.store.path_for(evidence.sha256):
            # A photo kept without its PDF: the package carries the PDF made from it and the original,
            # as for every other rendition (the office's import is unchanged).
            primary, original = hash_file(made), evidence.sha256
        paths[primary] = made
        entry = {
            "member": member_for(primary, evidence.kind),
            "sha256": primary,
            "size": _stored_size(made, evidence.filename),
            "kind": evidence.kind,
            "filename": evidence.filename,
            "indicators": list(evidence.indicators),
            "title": evidence.title,
            "period": evidence.period,
            "requirement_keys": list(evidence.requirement_keys),
            "unit_evidence_id": evidence.id,
            "added_at": evidence.added_at.isoformat(),
        }
        if original and original != primary and evidence.original_kind:
            # A photo, OFD, DOCX or XLS travels as received too, beside the PDF made from it.
            entry["original"] = {
                "member": member_for(original, evidence.original_kind),
                "sha256": original,
                "size": _stored_size(project.store.path_for(original), evidence.filename),
                "kind": evidence.original_kind,
            }
        entries[evidence.sha256] = entry
    with project.session() as session:
        unit_row = session.scalars(select(Unit).where(Unit.name == unit_name)).one()
        keys = active_keys(session, unit_row.id)
        if not keys:
            raise UsageError(
                f"本工作区没有任务包密钥，请用办公室签发的任务包重新建立 (no kit key): {project.folder}"
            )
        key = keys[-1]
        infos = list(
            session.scalars(
                select(InfoRecord)
                .where(InfoRecord.unit_id == unit_row.id, InfoRecord.withdrawn_at.is_(None))
                .order_by(InfoRecord.id)
            )
        )
        info_entries = [
            {
                "indicator": row.indicator_number,
                "kind": row.kind,
                "value": row.value,
                "requirement_key": row.requirement_key,
            }
            for row in infos
        ]
        secret, kit_id, key_id = key.secret, key.kit_id, key.id
        # Replay protection: the office refuses a package whose sequence is not above the newest it holds.
        sequence = int(key.last_sequence or 0) + 1
    for row_info in info_entries:
        check_in_scope(project, unit_info, allowed, [int(str(row_info["indicator"]))])
    package_id = uuid.uuid4().hex
    manifest = {
        "format": PACKAGE_FORMAT,
        "version": PACKAGE_VERSION,
        "kind": KIND_SUBMISSION,
        "package_id": package_id,
        "project_id": project.info.id,
        "catalog_id": project.catalog.id,
        "kit_id": kit_id,
        "sequence": sequence,
        "unit": unit_name,
        "created_at": now_iso(),
        "created_by": actor,
        "app_version": __version__,
        "files": list(entries.values()),
        "info": info_entries,
    }
    members: list[tuple[str, Path | bytes]] = []
    for entry in entries.values():
        for part in (entry, entry.get("original")):
            if part is not None:
                members.append(
                    (part["member"], paths.get(part["sha256"]) or project.store.path_for(part["sha256"]))
                )
    with no_space_writing(out):
        temp = temp_beside(out)
        try:
            write_package(temp, manifest, secret, members, progress=progress, cancel=cancel)
            with project.session() as session:
                key_row = session.get(UnitKey, key_id)
                assert key_row is not None
                key_row.last_sequence = max(int(key_row.last_sequence or 0), sequence)
                record(
                    session,
                    "exchange.submit",
                    f"unit:{unit_name}",
                    {
                        "package_id": package_id,
                        "kit_id": kit_id,
                        "sequence": sequence,
                        "out": str(out),
                        "files": len(entries),
                    },
                    actor,
                )
                check_cancel(cancel)
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
    return SubmitResult(
        out,
        package_id,
        unit_name,
        kit_id,
        sequence,
        len(entries),
        sum(int(e["size"]) + int((e.get("original") or {}).get("size", 0)) for e in entries.values()),
        tuple(sorted({n for e in entries.values() for n in e["indicators"]})),
        len(info_entries),
    )
