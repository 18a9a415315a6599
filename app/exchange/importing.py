"""Import of any exchange package: every check first (signature, ids, scope, names, sizes), then one write."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.base.jsonsafe import json_or_empty
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.base.text import display_safe, unsafe_name_reason
from app.evidence.attach import check_period
from app.evidence.filecheck import DEFAULT_MAX_BYTES, DEFAULT_PARSE_SECONDS
from app.evidence.scope import allowed_indicators, real_unit
from app.exchange.common import check_catalog, check_project, resolve_unit_or_none
from app.exchange.kits import KitUpdateResult, import_kit_update
from app.exchange.package import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    AlreadyImportedError,
    Limits,
    OpenedManifest,
    PackageError,
    PackageReader,
    member_for,
    read_manifest,
    signature_matches,
    validate_manifest,
)
from app.exchange.receive import ImportResult, Incoming, receive_file, write_submission
from app.exchange.replay import check_not_replayed
from app.exchange.returns import ReturnsImportResult, import_returns
from app.exchange.schemas import KIND_KIT, KIND_LABELS, KIND_RETURNS, KIND_SUBMISSION
from app.project.folder import (
    Project,
)
from app.units.registry import UnitInfo, unit_names
from models import Submission, Unit, UnitKey

#: Project settings (``fazhi`` stores them in ``project.settings``): the whole import's time budget and
#: each file's parse budget, in seconds.
IMPORT_SECONDS_SETTING = "import_seconds"
PARSE_SECONDS_SETTING = "parse_seconds"
DEFAULT_IMPORT_SECONDS = 120.0


def _seconds_setting(project: Project, key: str, default: float) -> float:
    value = project.settings.get(key)
    try:
        seconds = float(value) if value is not None else default
    except (TypeError, ValueError):
        return default
    return seconds if seconds > 0 else default


class ImportBudget:
    """The time an import may take in all (``total``) and any one parse (``per_file``)."""

    def __init__(self, total: float, per_file: float) -> None:
        self.total = total
        self.per_file = per_file
        self._deadline = time.monotonic() + total

    def remaining(self) -> float:
        return self._deadline - time.monotonic()

    def parse_seconds(self) -> float:
        return max(0.05, min(self.per_file, self.remaining()))

    def exceeded_error(self, label: str, done: int, count: int) -> PackageError:
        return PackageError(
            label,
            f"导入超时：超过 {self.total:g} 秒仍未检查完（已检查 {done}/{count} 个文件），"
            "整个包未导入，未做任何更改；包可能被构造，或请分批提交 (import time budget exceeded)",
        )


def import_package(
    project: Project,
    package: Path,
    *,
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    limits: Limits | None = None,
    budget_seconds: float | None = None,
) -> PackageImport:
    """Import a package into this project: a submission (office), a return note or a reissued kit (unit).

    Everything is checked before anything is written; a refused package raises ``PackageError``
    (``"<package>: <reason>"``) and changes nothing.
    """
    project._require_writable()
    label = str(package)
    budget = ImportBudget(
        budget_seconds or _seconds_setting(project, IMPORT_SECONDS_SETTING, DEFAULT_IMPORT_SECONDS),
        _seconds_setting(project, PARSE_SECONDS_SETTING, DEFAULT_PARSE_SECONDS),
    )
    if limits is None:
        max_file = int(project.settings.get("max_file_bytes") or DEFAULT_MAX_BYTES)
        limits = Limits(max_member_bytes=max_file)
    with PackageReader(Path(package), limits, label=label) as reader:
        opened = read_manifest(reader)
        kind = opened.kind
        role = project.info.role
        if role == "office" and kind == KIND_SUBMISSION:
            return _import_submission(
                project,
                reader,
                opened,
                label=label,
                actor=actor,
                progress=progress,
                cancel=cancel,
                budget=budget,
            )
        if role == "unit" and kind == KIND_RETURNS:
            return import_returns(project, reader, opened, label, actor)
        if role == "unit" and kind == KIND_KIT:
            return import_kit_update(project, reader, opened, label, actor)
        got = KIND_LABELS.get(kind, f"未知类型（{kind!r}）的包")
        if role == "office":
            hint = (
                "任务包是发给单位的，请在单位电脑上用 fazhi init --from-kit 建立工作区"
                if kind == KIND_KIT
                else ""
            )
            hint = hint or ("退回通知应由单位导入" if kind == KIND_RETURNS else "")
            raise PackageError(label, f"这是{got}，办公室项目只能导入提交包{('：' + hint) if hint else ''}")
        raise PackageError(label, f"这是{got}，单位工作区只能导入退回通知或新任务包（提交包应由办公室导入）")


def _signer_of(session: Session, raw: bytes, signature: str) -> tuple[UnitKey, str] | None:
    """Which issued kit key (if any) made this signature, for a clearer refusal."""
    names = unit_names(session)
    for row in session.scalars(select(UnitKey).order_by(UnitKey.id)):
        if signature_matches(raw, row.secret, signature):
            return row, names.get(row.unit_id, "?")
    return None


def _import_submission(
    project: Project,
    reader: PackageReader,
    opened: OpenedManifest,
    *,
    label: str,
    actor: str | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    budget: ImportBudget,
) -> ImportResult:
    actor = resolve_actor(actor)
    validate_manifest(opened, KIND_SUBMISSION, label)
    document = opened.document
    check_project(project, document, label)
    manifest_digest = hashlib.sha256(opened.raw).hexdigest()

    # -- who signed it ------------------------------------------------------------------------
    with project.session() as session:
        kit = session.scalars(select(UnitKey).where(UnitKey.kit_id == document["kit_id"])).one_or_none()
        if kit is None or not signature_matches(opened.raw, kit.secret, opened.signature):
            signer = _signer_of(session, opened.raw, opened.signature)
            if signer is not None:
                raise PackageError(
                    label,
                    f"签名不符：包声明的单位是 {document['unit']}，但它是用 {signer[1]} 的任务包密钥签名的"
                    " (signed with another unit's key)",
                )
            if kit is None:
                raise PackageError(
                    label, "签名无法验证：包引用的任务包不是本办公室签发的 (unknown kit, bad signature)"
                )
            raise PackageError(
                label, "签名不符：清单在签名后被改动过，或不是用该单位的任务包制作的 (bad signature)"
            )
        kit_unit = session.get(Unit, kit.unit_id)
        assert kit_unit is not None
        kit_revoked = kit.revoked_at is not None
        unit_name = kit_unit.name
        previous = list(
            session.scalars(
                select(Submission).where(Submission.unit_id == kit_unit.id).order_by(Submission.id)
            )
        )
    claimed = resolve_unit_or_none(project, str(document["unit"]))
    if claimed is None or claimed.name != unit_name:
        raise PackageError(
            label, f"单位不符：包声明的单位是 {document['unit']}，任务包是签发给 {unit_name} 的 (forged unit)"
        )
    if kit_revoked:
        raise PackageError(
            label, f"任务包已作废：{unit_name} 的任务包已重新签发新密钥，请用新任务包重新提交 (revoked kit)"
        )
    check_catalog(project, document, label)
    for row in previous:
        earlier = json_or_empty(row.manifest_json)
        if row.package_sha256 == manifest_digest or earlier.get("package_id") == document["package_id"]:
            raise AlreadyImportedError(
                label,
                f"已导入过（{unit_name} 的提交 {row.id}，{row.imported_at.astimezone():%Y-%m-%d %H:%M} 由"
                f" {row.imported_by} 导入），未做任何更改 (already imported)",
            )
    check_not_replayed(previous, document, unit=unit_name, label=label)

    # -- scope and the member list --------------------------------------------------------------
    unit = real_unit(project, unit_name)
    allowed = allowed_indicators(project, unit)
    files: list[dict[str, Any]] = document["files"]
    seen: dict[str, str] = {}
    for entry in files:
        sha = entry["sha256"]
        if entry["member"] != member_for(sha, entry["kind"]):
            raise PackageError(
                label, f"清单中 {entry['filename']} 的成员名与其 SHA-256 不符：{entry['member']}"
            )
        if sha in seen:
            raise PackageError(label, f"清单中同一文件出现两次：{seen[sha]} 与 {entry['filename']}")
        original = entry.get("original")
        if original is not None:
            if original["member"] != member_for(original["sha256"], original["kind"]):
                raise PackageError(
                    label, f"清单中 {entry['filename']} 的原件成员名与其 SHA-256 不符：{original['member']}"
                )
            if original["sha256"] in seen:
                raise PackageError(
                    label, f"清单中同一文件出现两次：{seen[original['sha256']]} 与 {entry['filename']} 的原件"
                )
            seen[original["sha256"]] = f"{entry['filename']} 的原件"
        _check_entry_text(entry, label)
        seen[sha] = entry["filename"]
        _check_entry_scope(
            project,
            unit,
            allowed,
            entry["indicators"],
            requirement_keys=entry.get("requirement_keys") or (),
            label=label,
            what=entry["filename"],
        )
    for item in document.get("info") or ():
        keys = [item["requirement_key"]] if item.get("requirement_key") else []
        _check_entry_scope(
            project,
            unit,
            allowed,
            [item["indicator"]],
            requirement_keys=keys,
            label=label,
            what=f"{item['kind']} {item['value'][:30]}",
        )
    originals = [e["original"]["member"] for e in files if e.get("original")]
    reader.check_member_set({MANIFEST_NAME, SIGNATURE_NAME, *(e["member"] for e in files), *originals})

    # -- every file: stream, hash, size, content check ----------------------------------------------
    total_bytes = sum(int(e["size"]) + int((e.get("original") or {}).get("size", 0)) for e in files) or 1
    done_bytes = 0
    incoming: list[Incoming] = []
    store = project.store
    try:
        for index, entry in enumerate(files):
            check_cancel(cancel)
            report(progress, done_bytes, total_bytes, f"检查 {entry['filename']} ({index + 1}/{len(files)})")
            if budget.remaining() <= 0:
                raise budget.exceeded_error(label, index, len(files))
            try:
                incoming.append(
                    receive_file(project, reader, entry, label, cancel, parse_seconds=budget.parse_seconds())
                )
            except PackageError:
                if budget.remaining() <= 0:  # cut short by the overall budget, not by its own limit
                    raise budget.exceeded_error(label, index, len(files)) from None
                raise
            done_bytes += int(entry["size"]) + int((entry.get("original") or {}).get("size", 0))
        if budget.remaining() <= 0:
            raise budget.exceeded_error(label, len(files), len(files))
        report(progress, total_bytes, total_bytes, "写入数据库")
        result = write_submission(
            project,
            opened,
            document=document,
            unit=unit,
            incoming=incoming,
            manifest_digest=manifest_digest,
            label=label,
            actor=actor,
            cancel=cancel,
        )
    except BaseException:
        for item in incoming:
            for staged in item.staged_files:
                store.discard(staged)
        raise
    for item in incoming:
        for staged in item.staged_files:
            with contextlib.suppress(OSError):  # committed: the next writer open publishes it otherwise
                store.publish(staged.sha256)
    return result


def _check_entry_text(entry: dict[str, Any], label: str) -> None:
    """Names and periods as attach would accept them (the original name is later used in exports)."""
    name = entry["filename"]
    reason = unsafe_name_reason(name)
    if reason is not None:
        raise PackageError(label, f"清单中的{reason}")
    try:
        check_period(entry.get("period"))
    except UsageError as exc:
        raise PackageError(label, f"{display_safe(name)}：{exc}") from None


def _check_entry_scope(
    project: Project,
    unit: UnitInfo,
    allowed: set[int],
    indicators: Sequence[int],
    *,
    requirement_keys: Sequence[str],
    label: str,
    what: str,
) -> None:
    for number in indicators:
        if not project.catalog.has_indicator(number):
            raise PackageError(label, f"{what}：第 {number} 项指标不在指标体系中 (unknown indicator)")
        if number not in allowed:
            raise PackageError(
                label,
                f"{what}：{project.catalog.item_name(number)}不在 {unit.name} 的任务范围内"
                " (indicator out of scope)",
            )
    keys = {r.key for n in indicators for r in project.catalog.indicator(n).requirements}
    for key in requirement_keys:
        if key not in keys:
            raise PackageError(label, f"{what}：未知的资料要求编号 {key} (unknown requirement key)")


PackageImport = ImportResult | ReturnsImportResult | KitUpdateResult
