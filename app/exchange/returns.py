"""Return notes (退回通知): the office sends what it returned; the unit workspace imports them."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.assessment.reviews import ReviewRecord, list_reviews
from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel
from app.evidence.scope import real_unit
from app.exchange.common import active_keys, check_catalog, check_project, parse_time, resolve_unit_or_none
from app.exchange.package import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    AlreadyImportedError,
    OpenedManifest,
    PackageError,
    PackageReader,
    now_iso,
    signature_matches,
    validate_manifest,
    write_package,
)
from app.exchange.schemas import KIND_RETURNS, PACKAGE_FORMAT, PACKAGE_VERSION
from app.project.audit import record
from app.project.audit_log import list_log
from app.project.folder import (
    Project,
    require_role,
)
from app.project.store import no_space_writing, temp_beside
from app.units.registry import UnitInfo
from models import Review


@dataclass(frozen=True)
class ReturnsNoteResult:
    path: Path
    unit: str
    package_id: str
    returned: tuple[ReviewRecord, ...]
    accepted: tuple[ReviewRecord, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "unit": self.unit,
            "package_id": self.package_id,
            "returned": [r.to_json() for r in self.returned],
            "accepted": [r.to_json() for r in self.accepted],
        }


@dataclass(frozen=True)
class ReturnsImportResult:
    """What a return note told the unit."""

    package: str
    unit: str
    package_id: str
    returned: tuple[ReviewRecord, ...]
    accepted: tuple[ReviewRecord, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": KIND_RETURNS,
            "package": self.package,
            "unit": self.unit,
            "package_id": self.package_id,
            "returned": [r.to_json() for r in self.returned],
            "accepted": [r.to_json() for r in self.accepted],
        }


def issue_returns(
    project: Project,
    *,
    unit: str,
    out: Path,
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ReturnsNoteResult:
    """Write the unit's return note: the current review of each of its indicators, signed with its key."""
    project._require_writable()
    require_role(project, "office", "生成退回通知")
    info = real_unit(project, unit)
    actor = resolve_actor(actor)
    reviews = list_reviews(project, unit=info.name)
    if not reviews:
        raise UsageError(f"{info.name} 还没有审核结论，无需发送退回通知 (no reviews)")
    out = Path(out)
    package_id = uuid.uuid4().hex
    with project.session() as session:
        keys = active_keys(session, info.id)
        if not keys:
            raise UsageError(f"尚未给 {info.name} 签发任务包，无法签名退回通知（先运行 fazhi kit） (no kit)")
        secret = keys[-1].secret
    manifest = {
        "format": PACKAGE_FORMAT,
        "version": PACKAGE_VERSION,
        "kind": KIND_RETURNS,
        "package_id": package_id,
        "project_id": project.info.id,
        "catalog_id": project.catalog.id,
        "unit": info.name,
        "created_at": now_iso(),
        "created_by": actor,
        "app_version": __version__,
        "items": [
            {
                "indicator": r.indicator,
                "decision": r.decision,
                "comment": r.comment,
                "at": r.at.isoformat(),
                "by": r.reviewed_by,
            }
            for r in reviews
        ],
    }
    with no_space_writing(out):
        temp = temp_beside(out)
        try:
            write_package(temp, manifest, secret, [], progress=progress, cancel=cancel)
            with project.session() as session:
                record(
                    session,
                    "exchange.returns",
                    f"unit:{info.name}",
                    {
                        "package_id": package_id,
                        "out": str(out),
                        "returned": [r.indicator for r in reviews if r.decision == "returned"],
                        "accepted": [r.indicator for r in reviews if r.decision == "accepted"],
                    },
                    actor,
                )
                check_cancel(cancel)
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
    return ReturnsNoteResult(
        out,
        info.name,
        package_id,
        tuple(r for r in reviews if r.decision == "returned"),
        tuple(r for r in reviews if r.decision == "accepted"),
    )


def _own_key_check(project: Project, opened: OpenedManifest, label: str) -> UnitInfo:
    """A package from the office to this unit workspace: same project and unit, signed with our key."""
    document = opened.document
    check_project(project, document, label)
    unit_name = project.info.unit or ""
    claimed = resolve_unit_or_none(project, str(document["unit"]))
    if claimed is None or claimed.name != unit_name:
        raise PackageError(label, f"这是发给 {document['unit']} 的，本工作区属于 {unit_name} (other unit)")
    check_catalog(project, document, label)
    unit = real_unit(project, unit_name)
    with project.session() as session:
        secrets_ = [r.secret for r in active_keys(session, unit.id)]
    if not any(signature_matches(opened.raw, s, opened.signature) for s in secrets_):
        raise PackageError(
            label, "签名不符：不是办公室用本单位的任务包密钥签发的，或内容被改动过 (bad signature)"
        )
    return unit


def import_returns(
    project: Project, reader: PackageReader, opened: OpenedManifest, label: str, actor: str | None
) -> ReturnsImportResult:
    actor = resolve_actor(actor)
    validate_manifest(opened, KIND_RETURNS, label)
    document = opened.document
    unit = _own_key_check(project, opened, label)
    reader.check_member_set({MANIFEST_NAME, SIGNATURE_NAME})
    for entry in list_log(project, action="exchange.returns_import"):
        if entry.detail.get("package_id") == document["package_id"]:
            raise AlreadyImportedError(
                label,
                f"已导入过（{entry.at.astimezone():%Y-%m-%d %H:%M} 由 {entry.actor} 导入），未做任何更改",
            )
    for item in document["items"]:
        if not project.catalog.has_indicator(item["indicator"]):
            raise PackageError(label, f"第 {item['indicator']} 项指标不在指标体系中")
    records: list[ReviewRecord] = []
    with project.session() as session:
        for item in document["items"]:
            at = parse_time(item["at"])
            row = Review(
                indicator_number=item["indicator"],
                unit_id=unit.id,
                decision=item["decision"],
                comment=item["comment"],
                reviewed_by=item.get("by") or "办公室",
                at=at,
            )
            session.add(row)
            session.flush()
            records.append(
                ReviewRecord(
                    row.id, row.indicator_number, unit.name, row.decision, row.comment, row.reviewed_by, at
                )
            )
        record(
            session,
            "exchange.returns_import",
            f"unit:{unit.name}",
            {
                "package": label,
                "package_id": document["package_id"],
                "returned": [r.indicator for r in records if r.decision == "returned"],
                "accepted": [r.indicator for r in records if r.decision == "accepted"],
            },
            actor,
        )
    return ReturnsImportResult(
        label,
        unit.name,
        str(document["package_id"]),
        tuple(r for r in records if r.decision == "returned"),
        tuple(r for r in records if r.decision == "accepted"),
    )
