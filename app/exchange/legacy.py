"""Office ↔ unit exchange: kits, signed submissions, safe import, review, return notes and freezes.

The flow (design.md, "Exchange packages"):

1. the office issues a kit per unit (``issue_kit``): the unit's indicators and demands, a frozen copy of
   the catalog, the project id, a deadline, the unit's secret key and a printable task list;
2. the clerk makes a unit workspace from it (``init_from_kit``): same project id, role ``unit``, only
   that unit's indicators (``check_unit_scope``);
3. the clerk sends a submission (``submit``): every active evidence file of the unit with its facts,
   signed with the unit's key (HMAC-SHA256 of the exact manifest bytes);
4. the office imports it (``import_package``): everything is checked before anything is written
   (signature, ids, scope, member names, sizes, hashes, every file through ``inspect_file``), then one
   transaction writes it; a resubmission supersedes the unit's earlier submitted evidence;
5. the office reviews per indicator and unit (``review``) and sends a return note
   (``issue_returns``) that the unit imports (``import_package`` in the unit workspace);
6. the office freezes what the county submitted (``freeze``, ``verify_freeze``).

Key policy: one secret per unit. Reissuing a kit keeps the secret (a new kit id, same key), so packages
made from any earlier kit of the unit still verify. ``new_key=True`` makes a new secret and revokes every
earlier kit of the unit: packages made from them are refused (任务包已作废) and the unit must start
from the new kit (``fazhi import`` of the new kit into the existing workspace updates it).

A submission is the unit's complete current evidence set: on import, evidence the unit sent earlier
and no longer sends is superseded (kept in history); evidence the office attached itself is untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import __version__
from app.base.actor import resolve_actor
from app.base.errors import FazhiError, IntegrityError, NotFoundError, RefusedFileError, UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.base.text import printable_path
from app.evidence.attach import check_period, list_evidence
from app.evidence.filecheck import DEFAULT_MAX_BYTES, FileFacts, inspect_file
from app.evidence.scope import KIT_SETTINGS_KEY, allowed_indicators, check_in_scope, real_unit, unit_scope
from app.exchange.package import (
    DEFAULT_LIMITS,
    FILES_PREFIX,
    KIND_KIT,
    KIND_LABELS,
    KIND_RETURNS,
    KIND_SUBMISSION,
    MANIFEST_NAME,
    PACKAGE_FORMAT,
    PACKAGE_VERSION,
    SIGNATURE_NAME,
    TASK_LIST_NAME,
    AlreadyImportedError,
    Limits,
    OpenedManifest,
    PackageError,
    PackageReader,
    manifest_bytes,
    member_for,
    now_iso,
    read_manifest,
    signature_matches,
    validate_manifest,
    write_package,
)
from app.exchange.package import new_key as make_key
from app.project.audit import record
from app.project.audit_log import list_log
from app.project.folder import (
    DB_FILE_NAME,
    EXPORTS_DIR,
    URL_FILE_NAME,
    Project,
    ProjectInfo,
    create_project,
    open_project,
)
from app.project.store import NoSpaceError, StagedFile, fsync_dir, hash_file, is_no_space, no_space_error
from app.units.registry import UnitInfo, list_units, resolve_unit, set_collective_members
from indicator_catalog import Catalog, CatalogError, Indicator, catalog_from_document
from models import Evidence, EvidenceIndicator, Freeze, InfoRecord, Review, Submission, Unit, UnitKey, utcnow

FREEZE_FORMAT = "fazhi-freeze"
FREEZE_MANIFEST = "manifest.json"
FREEZE_DATABASE = "project.sqlite"
FREEZE_SUMS = "SHA256SUMS"
DECISIONS = {"accepted": "通过", "returned": "退回补充"}
_DECISION_ALIASES = {
    "accept": "accepted",
    "accepted": "accepted",
    "return": "returned",
    "returned": "returned",
}


# -- results ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KitResult:
    path: Path
    unit: str
    kit_id: str
    indicators: tuple[int, ...]
    deadline: str | None
    new_key: bool  # a new secret was made (first kit of the unit, or --new-key)
    task_list: bool  # the printable task list is inside
    size: int

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "unit": self.unit,
            "kit_id": self.kit_id,
            "indicators": list(self.indicators),
            "deadline": self.deadline,
            "new_key": self.new_key,
            "task_list": self.task_list,
            "size": self.size,
        }


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    indicator: int
    unit: str
    decision: str  # "accepted" | "returned"
    comment: str
    reviewed_by: str
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "indicator": self.indicator,
            "unit": self.unit,
            "decision": self.decision,
            "decision_label": DECISIONS.get(self.decision, self.decision),
            "comment": self.comment,
            "reviewed_by": self.reviewed_by,
            "at": self.at.isoformat(),
        }


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
class SubmitResult:
    path: Path
    package_id: str
    unit: str
    kit_id: str
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
            "files": self.files,
            "bytes": self.bytes,
            "indicators": list(self.indicators),
            "info": self.info,
        }


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


@dataclass(frozen=True)
class KitUpdateResult:
    """A reissued kit taken into an existing unit workspace."""

    package: str
    unit: str
    kit_id: str
    deadline: str | None
    indicators: tuple[int, ...]
    new_key: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": KIND_KIT,
            "package": self.package,
            "unit": self.unit,
            "kit_id": self.kit_id,
            "deadline": self.deadline,
            "indicators": list(self.indicators),
            "new_key": self.new_key,
        }


PackageImport = ImportResult | ReturnsImportResult | KitUpdateResult


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
        }


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


# -- small helpers ------------------------------------------------------------------------------------


def _require_role(project: Project, role: str, action: str) -> None:
    if project.info.role != role:
        where = "办公室项目" if role == "office" else "单位工作区"
        raise UsageError(f"{action}只能在{where}中进行：{project.folder} (wrong project role)")


def _check_deadline(deadline: str | None) -> str | None:
    if deadline is None or not deadline.strip():
        return None
    try:
        return date.fromisoformat(deadline.strip()).isoformat()
    except ValueError:
        raise UsageError(f"截止日期格式无效：{deadline}（应为 YYYY-MM-DD） (bad deadline)") from None


def _parse_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return utcnow()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _active_keys(session: Session, unit_id: int) -> list[UnitKey]:
    return list(
        session.scalars(
            select(UnitKey)
            .where(UnitKey.unit_id == unit_id, UnitKey.revoked_at.is_(None))
            .order_by(UnitKey.id)
        )
    )


def _unit_names(session: Session) -> dict[int, str]:
    return {unit_id: name for unit_id, name in session.execute(select(Unit.id, Unit.name))}


def _temp_beside(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".fazhi-", suffix=".zip", dir=out.parent)
    os.close(handle)
    return Path(name)


@contextlib.contextmanager
def _no_space_writing(out: Path) -> Iterator[None]:
    """Turn a full disk while writing the package ``out`` into one line (the temp file is removed by
    the caller's ``finally``). ``out`` is outside the project, so ``no_space_error`` does not fit."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        if is_no_space(exc):
            raise NoSpaceError(
                f"磁盘空间不足，无法写出 {printable_path(out.name)}（文件夹 {printable_path(out.parent)}）"
                " (no space left on device)"
            ) from exc
        raise


# -- task list PDF ------------------------------------------------------------------------------------


def _register_fonts() -> tuple[str, str] | None:
    """The bundled CJK fonts (regular, bold), or ``None`` while ``exports.fonts`` is not available."""
    try:
        fonts = importlib.import_module("exports.fonts")
        names = fonts.register_reportlab_fonts()
    except (ImportError, AttributeError, OSError):
        return None
    regular = getattr(names, "sans", None) or getattr(names, "serif", None)
    bold = getattr(names, "sans_bold", None) or regular
    if not isinstance(regular, str) or not isinstance(bold, str):
        return None
    return regular, bold


def task_list_pdf(
    *, county: str, year: int, unit: str, deadline: str | None, indicators: Sequence[Indicator], kit_id: str
) -> bytes | None:
    """The clerk's printable checklist: each indicator, its text and what to hand in."""
    fonts = _register_fonts()
    if fonts is None:
        return None
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    regular, bold = fonts
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=24, alignment=1, wordWrap="CJK")
    info = ParagraphStyle("info", fontName=regular, fontSize=10.5, leading=16, wordWrap="CJK")
    heading = ParagraphStyle(
        "heading", fontName=bold, fontSize=11.5, leading=18, spaceBefore=8, wordWrap="CJK"
    )
    item = ParagraphStyle("item", fontName=regular, fontSize=10.5, leading=16, leftIndent=14, wordWrap="CJK")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{unit} 任务清单",
        author="fazhi",
    )
    story: list[Any] = [
        Paragraph(escape(f"{county}{year}年法治政府建设示范创建 资料报送任务清单"), title),
        Spacer(1, 4 * mm),
        Paragraph(escape(f"责任单位：{unit}"), info),
        Paragraph(escape(f"报送截止日期：{deadline or '以通知为准'}"), info),
        Paragraph(escape(f"指标数：{len(indicators)}　任务包编号：{kit_id[:12]}"), info),
        Spacer(1, 4 * mm),
    ]
    for indicator in indicators:
        block = [Paragraph(escape(f"□ 第 {indicator.number} 项　{indicator.text}"), heading)]
        if indicator.onsite:
            block.append(Paragraph("□ 实地核查：备好现场资料，无需报送文件", item))
        for requirement in indicator.requirements:
            # 任意10件 already says the count; spell it out only when the text does not.
            need = (
                f"（至少 {requirement.min_count} 件）"
                if requirement.min_count and str(requirement.min_count) not in requirement.text
                else ""
            )
            extra = "（实地核查）" if requirement.onsite else ""
            since = f"（{requirement.since}年以来）" if requirement.since else ""
            block.append(Paragraph(escape(f"□ {requirement.text}{need}{since}{extra}"), item))
        if not indicator.requirements and not indicator.onsite:
            block.append(Paragraph("□ 报送能证明本项指标落实情况的资料", item))
        if indicator.shared_with:
            shared = "、".join(str(n) for n in indicator.shared_with)
            block.append(Paragraph(escape(f"与第 {shared} 项合并提供资料"), item))
        story.append(KeepTogether(block))
    story += [
        Spacer(1, 10 * mm),
        Paragraph("报送人：____________　联系电话：____________　报送日期：____________", info),
    ]
    document.build(story)
    return buffer.getvalue()


# -- kits ---------------------------------------------------------------------------------------------


def issue_kit(
    project: Project,
    *,
    unit: str,
    out: Path,
    deadline: str | None = None,
    new_key: bool = False,
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> KitResult:
    """Write the unit's kit to ``out`` and record the kit (and its key) in the office project."""
    project._require_writable()
    _require_role(project, "office", "签发任务包")
    info = real_unit(project, unit)
    if not info.indicators:
        raise UsageError(f"{info.name} 没有负责的指标，无需签发任务包 (unit has no indicators)")
    deadline = _check_deadline(deadline)
    actor = resolve_actor(actor)
    out = Path(out)
    kit_id = uuid.uuid4().hex
    catalog = project.catalog
    indicators = [catalog.indicator(n) for n in info.indicators]
    allowed = sorted(allowed_indicators(project, info))
    pdf = task_list_pdf(
        county=project.info.county,
        year=project.info.year,
        unit=info.name,
        deadline=deadline,
        indicators=indicators,
        kit_id=kit_id,
    )
    with _no_space_writing(out):
        temp = _temp_beside(out)
        try:
            with project.session() as session:
                active = _active_keys(session, info.id)
                made_key = new_key or not active
                secret = make_key() if made_key else active[-1].secret
                now = utcnow()
                manifest: dict[str, Any] = {
                    "format": PACKAGE_FORMAT,
                    "version": PACKAGE_VERSION,
                    "kind": KIND_KIT,
                    "package_id": kit_id,
                    "project_id": project.info.id,
                    "catalog_id": catalog.id,
                    "county": project.info.county,
                    "year": project.info.year,
                    "unit": info.name,
                    "unit_aliases": list(info.aliases),
                    "member_of": list(info.member_of),
                    "deadline": deadline,
                    "key": secret,
                    "created_at": now_iso(),
                    "created_by": actor,
                    "app_version": __version__,
                    "indicators": [i.to_dict() for i in indicators],
                    "allowed_indicators": allowed,
                    "catalog": catalog.to_dict(),
                    "files": [],
                }
                members: list[tuple[str, Path | bytes]] = []
                if pdf is not None:
                    manifest["files"].append(
                        {
                            "member": TASK_LIST_NAME,
                            "sha256": hashlib.sha256(pdf).hexdigest(),
                            "size": len(pdf),
                            "title": "任务清单",
                        }
                    )
                    members.append((TASK_LIST_NAME, pdf))
                write_package(temp, manifest, secret, members, progress=progress, cancel=cancel)
                if new_key:
                    for row in active:
                        row.revoked_at = now
                session.add(
                    UnitKey(unit_id=info.id, secret=secret, kit_id=kit_id, issued_at=now, issued_by=actor)
                )
                record(
                    session,
                    "exchange.kit",
                    f"unit:{info.name}",
                    {
                        "kit_id": kit_id,
                        "out": str(out),
                        "deadline": deadline,
                        "indicators": list(info.indicators),
                        "new_key": made_key,
                        "revoked_kits": [r.kit_id for r in active] if new_key else [],
                    },
                    actor,
                )
                check_cancel(cancel)
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
    return KitResult(
        out,
        info.name,
        kit_id,
        tuple(info.indicators),
        deadline,
        made_key,
        pdf is not None,
        out.stat().st_size,
    )


@dataclass(frozen=True)
class KitContents:
    """A kit read and checked (pure: no project involved)."""

    label: str
    raw: bytes
    manifest: dict[str, Any]
    catalog: Catalog
    task_list: bytes | None

    @property
    def kit_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def unit(self) -> str:
        return str(self.manifest["unit"])

    @property
    def indicators(self) -> tuple[int, ...]:
        return tuple(int(i["number"]) for i in self.manifest["indicators"])

    @property
    def allowed(self) -> tuple[int, ...]:
        return tuple(int(n) for n in self.manifest["allowed_indicators"])


def read_kit(path: Path, limits: Limits = DEFAULT_LIMITS) -> KitContents:
    """Open and check a kit: structure, manifest, its own signature, member hashes and the catalog."""
    label = str(path)
    with PackageReader(Path(path), limits, label=label) as reader:
        opened = read_manifest(reader)
        return _read_kit(reader, opened, label)


def _read_kit(reader: PackageReader, opened: OpenedManifest, label: str) -> KitContents:
    validate_manifest(opened, KIND_KIT, label)
    document = opened.document
    if not signature_matches(opened.raw, document["key"], opened.signature):
        raise PackageError(label, "任务包签名不符：清单被改动过 (kit signature mismatch)")
    files = document.get("files") or []
    reader.check_member_set({MANIFEST_NAME, SIGNATURE_NAME, *(f["member"] for f in files)})
    task_list: bytes | None = None
    for entry in files:
        data = reader.read_bytes(entry["member"], int(entry["size"]))
        if hashlib.sha256(data).hexdigest() != entry["sha256"] or len(data) != entry["size"]:
            raise PackageError(label, f"成员 {entry['member']} 的 SHA-256 与清单不符（文件被改动或损坏）")
        if entry["member"] == TASK_LIST_NAME:
            task_list = data
    try:
        catalog = catalog_from_document(document["catalog"], f"{label}:catalog")
    except CatalogError as exc:
        raise PackageError(label, f"任务包中的指标体系无效（{exc}）") from exc
    if catalog.id != document["catalog_id"]:
        raise PackageError(label, f"任务包中的指标体系编号不符（{catalog.id} ≠ {document['catalog_id']}）")
    for number in [*(int(i["number"]) for i in document["indicators"]), *document["allowed_indicators"]]:
        if not catalog.has_indicator(number):
            raise PackageError(label, f"任务包列出的第 {number} 项指标不在指标体系中")
    return KitContents(label, opened.raw, document, catalog, task_list)


def _catalog_with_unit(kit: KitContents) -> Catalog:
    """The kit's catalog, with the unit added to its vocabulary if the county added it (a town …)."""
    catalog = kit.catalog
    known = {u.name for u in catalog.units} | {a for u in catalog.units for a in u.aliases}
    known |= {name for i in catalog.indicators for name in i.units}
    if kit.unit in known:
        return catalog
    document = catalog.to_dict()
    document["units"] = [
        *document.get("units", []),
        {"name": kit.unit, "aliases": list(kit.manifest.get("unit_aliases") or []), "collective": False},
    ]
    document.pop("counts", None)
    return catalog_from_document(document, kit.label)


def init_from_kit(
    folder: Path,
    kit_path: Path,
    actor: str | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ProjectInfo:
    """Create the unit's workspace from a kit: same project id, role ``unit``, the kit's indicators."""
    kit = read_kit(Path(kit_path))
    document = kit.manifest
    folder = Path(folder).expanduser().absolute()
    existed = folder.exists()
    before = set(folder.iterdir()) if existed and folder.is_dir() else set()
    report(progress, 0, 3, "创建单位工作区")
    info = create_project(
        folder,
        county=str(document["county"]),
        year=int(document["year"]),
        catalog=_catalog_with_unit(kit),
        actor=actor,
        role="unit",
        unit=kit.unit,
        project_id=str(document["project_id"]),
    )
    try:
        check_cancel(cancel)
        report(progress, 1, 3, "写入任务包")
        with open_project(folder) as project:
            _apply_kit(project, kit, actor, first=True)
        report(progress, 3, 3, "")
    except BaseException:
        # The workspace is new: take back everything this call made (the kit file is untouched).
        if existed:
            for entry in set(folder.iterdir()) - before:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return info


def _apply_kit(project: Project, kit: KitContents, actor: str | None, *, first: bool) -> bool:
    """Take a kit's unit scope, key, deadline and task list into a unit workspace; returns whether the
    key is new. The task list is written first, as a ``.part``, so a full disk changes nothing."""
    if kit.task_list is None:
        return _apply_kit_records(project, kit, actor, first=first)
    target = project.folder / EXPORTS_DIR / f"任务清单-{real_unit(project, kit.unit).name}.pdf"
    part: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, part_name = tempfile.mkstemp(prefix=".fazhi-", suffix=".part", dir=target.parent)
        part = Path(part_name)
        with os.fdopen(handle, "wb") as sink:
            sink.write(kit.task_list)
        changed = _apply_kit_records(project, kit, actor, first=first)
        os.replace(part, target)
    except BaseException as exc:
        if part is not None:
            part.unlink(missing_ok=True)
        if is_no_space(exc):
            raise no_space_error(target.name, project.folder) from exc
        raise
    return changed


def _apply_kit_records(project: Project, kit: KitContents, actor: str | None, *, first: bool) -> bool:
    actor = resolve_actor(actor)
    document = kit.manifest
    unit = real_unit(project, kit.unit)
    # Collective membership decides a unit's indicators: follow the office's (it may have edited it).
    wanted = set(document.get("member_of") or ())
    for collective in (u for u in list_units(project) if u.collective):
        is_member = unit.name in collective.members
        if (collective.name in wanted) != is_member:
            members = [m for m in collective.members if m != unit.name]
            if collective.name in wanted:
                members.append(unit.name)
            set_collective_members(project, collective.name, members, actor)
    settings = {
        "kit_id": kit.kit_id,
        "deadline": document.get("deadline"),
        "indicators": list(kit.indicators),
        "allowed_indicators": list(kit.allowed),
        "issued_at": document.get("created_at"),
        "issued_by": document.get("created_by"),
        "office_project_id": document["project_id"],
    }
    project.update_settings({KIT_SETTINGS_KEY: settings}, actor)
    with project.session() as session:
        existing = _active_keys(session, unit.id)
        key_changed = bool(existing) and existing[-1].secret != document["key"]
        if key_changed:
            for row in existing:
                row.revoked_at = utcnow()
        session.add(
            UnitKey(
                unit_id=unit.id,
                secret=document["key"],
                kit_id=kit.kit_id,
                issued_at=_parse_time(str(document["created_at"])),
                issued_by=str(document.get("created_by") or ""),
            )
        )
        record(
            session,
            "exchange.kit_import" if first else "exchange.kit_update",
            f"unit:{unit.name}",
            {
                "kit_id": kit.kit_id,
                "package": kit.label,
                "deadline": document.get("deadline"),
                "new_key": key_changed,
            },
            actor,
        )
    return key_changed or first


# -- submissions (unit side) ----------------------------------------------------------------------------


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
    _require_role(project, "unit", "生成提交包")
    unit_name = project.info.unit
    assert unit_name is not None
    actor = resolve_actor(actor)
    out = Path(out)
    records = list_evidence(project, unit=unit_name)
    if not records:
        raise UsageError(f"{unit_name} 还没有可提交的资料（先用 fazhi attach 添加） (nothing to submit)")
    entries: dict[str, dict[str, Any]] = {}
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
        entries[evidence.sha256] = {
            "member": member_for(evidence.sha256, evidence.kind),
            "sha256": evidence.sha256,
            "size": evidence.size,
            "kind": evidence.kind,
            "filename": evidence.filename,
            "indicators": list(evidence.indicators),
            "title": evidence.title,
            "period": evidence.period,
            "requirement_keys": list(evidence.requirement_keys),
            "unit_evidence_id": evidence.id,
            "added_at": evidence.added_at.isoformat(),
        }
    with project.session() as session:
        unit_row = session.scalars(select(Unit).where(Unit.name == unit_name)).one()
        keys = _active_keys(session, unit_row.id)
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
        secret, kit_id = key.secret, key.kit_id
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
        "unit": unit_name,
        "created_at": now_iso(),
        "created_by": actor,
        "app_version": __version__,
        "files": list(entries.values()),
        "info": info_entries,
    }
    members: list[tuple[str, Path | bytes]] = []
    for entry in entries.values():
        path = project.store.path_for(entry["sha256"])
        if not path.is_file():
            raise IntegrityError(f"资料文件缺失：{entry['filename']}（{path}），请先运行 fazhi verify")
        members.append((entry["member"], path))
    with _no_space_writing(out):
        temp = _temp_beside(out)
        try:
            write_package(temp, manifest, secret, members, progress=progress, cancel=cancel)
            with project.session() as session:
                record(
                    session,
                    "exchange.submit",
                    f"unit:{unit_name}",
                    {"package_id": package_id, "kit_id": kit_id, "out": str(out), "files": len(entries)},
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
        len(entries),
        sum(int(e["size"]) for e in entries.values()),
        tuple(sorted({n for e in entries.values() for n in e["indicators"]})),
        len(info_entries),
    )


# -- import ------------------------------------------------------------------------------------------


def import_package(
    project: Project,
    package: Path,
    *,
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    limits: Limits | None = None,
) -> PackageImport:
    """Import a package into this project: a submission (office), a return note or a reissued kit (unit).

    Everything is checked before anything is written; a refused package raises ``PackageError``
    (``"<package>: <reason>"``) and changes nothing.
    """
    project._require_writable()
    label = str(package)
    if limits is None:
        max_file = int(project.settings.get("max_file_bytes") or DEFAULT_MAX_BYTES)
        limits = Limits(max_member_bytes=max_file)
    with PackageReader(Path(package), limits, label=label) as reader:
        opened = read_manifest(reader)
        kind = opened.kind
        role = project.info.role
        if role == "office" and kind == KIND_SUBMISSION:
            return _import_submission(
                project, reader, opened, label=label, actor=actor, progress=progress, cancel=cancel
            )
        if role == "unit" and kind == KIND_RETURNS:
            return _import_returns(project, reader, opened, label, actor)
        if role == "unit" and kind == KIND_KIT:
            return _import_kit_update(project, reader, opened, label, actor)
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


def _check_project(project: Project, document: dict[str, Any], label: str) -> None:
    if document["project_id"] != project.info.id:
        raise PackageError(
            label,
            f"不属于本项目（包的项目编号 {document['project_id']}，本项目 {project.info.id}）"
            " (other project)",
        )


def _check_catalog(project: Project, document: dict[str, Any], label: str) -> None:
    if document["catalog_id"] != project.catalog.id:
        raise PackageError(
            label,
            f"指标体系不符（包：{document['catalog_id']}，本项目：{project.catalog.id}） (wrong catalog)",
        )


def _signer_of(session: Session, raw: bytes, signature: str) -> tuple[UnitKey, str] | None:
    """Which issued kit key (if any) made this signature, for a clearer refusal."""
    names = _unit_names(session)
    for row in session.scalars(select(UnitKey).order_by(UnitKey.id)):
        if signature_matches(raw, row.secret, signature):
            return row, names.get(row.unit_id, "?")
    return None


@dataclass
class _Incoming:
    entry: dict[str, Any]
    facts: FileFacts
    staged: StagedFile | None  # None when the store already holds the content


def _import_submission(
    project: Project,
    reader: PackageReader,
    opened: OpenedManifest,
    *,
    label: str,
    actor: str | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> ImportResult:
    actor = resolve_actor(actor)
    validate_manifest(opened, KIND_SUBMISSION, label)
    document = opened.document
    _check_project(project, document, label)
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
    _check_catalog(project, document, label)
    for row in previous:
        earlier = _json_or_empty(row.manifest_json)
        if row.package_sha256 == manifest_digest or earlier.get("package_id") == document["package_id"]:
            raise AlreadyImportedError(
                label,
                f"已导入过（{unit_name} 的提交 {row.id}，{row.imported_at.astimezone():%Y-%m-%d %H:%M} 由"
                f" {row.imported_by} 导入），未做任何更改 (already imported)",
            )

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
    reader.check_member_set({MANIFEST_NAME, SIGNATURE_NAME, *(e["member"] for e in files)})

    # -- every file: stream, hash, size, content check ----------------------------------------------
    total_bytes = sum(int(e["size"]) for e in files) or 1
    done_bytes = 0
    incoming: list[_Incoming] = []
    store = project.store
    try:
        for index, entry in enumerate(files):
            check_cancel(cancel)
            report(progress, done_bytes, total_bytes, f"检查 {entry['filename']} ({index + 1}/{len(files)})")
            incoming.append(_receive_file(project, reader, entry, label, cancel))
            done_bytes += int(entry["size"])
        report(progress, total_bytes, total_bytes, "写入数据库")
        result = _write_submission(
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
            if item.staged is not None:
                store.discard(item.staged)
        raise
    for item in incoming:
        if item.staged is not None:
            with contextlib.suppress(OSError):  # committed: the next writer open publishes it otherwise
                store.publish(item.staged.sha256)
    return result


def resolve_unit_or_none(project: Project, name: str) -> UnitInfo | None:
    try:
        return resolve_unit(project, name)
    except UsageError:
        return None


def _json_or_empty(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _check_entry_text(entry: dict[str, Any], label: str) -> None:
    """Names and periods as attach would accept them (the original name is later used in exports)."""
    name = entry["filename"]
    if (
        name in {".", ".."}
        or any(c in name for c in "/\\")
        or any(ord(c) < 32 or ord(c) == 0x7F for c in name)
    ):
        raise PackageError(label, f"清单中的文件名不安全：{name!r}")
    try:
        check_period(entry.get("period"))
    except UsageError as exc:
        raise PackageError(label, f"{name}：{exc}") from None


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
                label, f"{what}：第 {number} 项指标不在 {unit.name} 的任务范围内 (indicator out of scope)"
            )
    keys = {r.key for n in indicators for r in project.catalog.indicator(n).requirements}
    for key in requirement_keys:
        if key not in keys:
            raise PackageError(label, f"{what}：未知的资料要求编号 {key} (unknown requirement key)")


def _receive_file(
    project: Project, reader: PackageReader, entry: dict[str, Any], label: str, cancel: CancelToken | None
) -> _Incoming:
    """Check one member: real size and SHA-256 as declared, and the same content checks as attach."""
    store = project.store
    sha, size, member = entry["sha256"], int(entry["size"]), entry["member"]
    limit = reader.limits.max_member_bytes
    if size > limit:
        raise PackageError(label, f"文件 {entry['filename']} 过大（{size} 字节，上限 {limit}）")
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
                raise no_space_error(entry["filename"], project.folder) from exc
            raise
        staged = StagedFile(part, digest.sha256, digest.size, printable_path(entry["filename"]))
        checked_path = part
    try:
        if digest.size != size:
            raise PackageError(label, f"文件 {entry['filename']} 的大小与清单不符（{digest.size} ≠ {size}）")
        if digest.sha256 != sha:
            raise PackageError(
                label,
                f"文件 {entry['filename']}（{member}）的 SHA-256 与清单不符：文件被改动或损坏"
                " (hash mismatch)",
            )
        try:
            facts = inspect_file(checked_path, max_bytes=limit, sha256=sha, display_name=entry["filename"])
        except RefusedFileError as exc:
            raise PackageError(label, f"文件 {entry['filename']} 未通过检查：{exc.reason}") from None
        if facts.kind != entry["kind"]:
            raise PackageError(
                label, f"文件 {entry['filename']} 的类型与清单不符（实际 {facts.kind}，清单 {entry['kind']}）"
            )
        if staged is not None:
            staged = store.stage(staged)
    except BaseException:
        if staged is not None:
            store.discard(staged)
        raise
    return _Incoming(entry, facts, staged)


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


def _write_submission(
    project: Project,
    opened: OpenedManifest,
    *,
    document: dict[str, Any],
    unit: UnitInfo,
    incoming: list[_Incoming],
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
            row = Evidence(
                sha256=entry["sha256"],
                filename=entry["filename"],
                kind=item.facts.kind,
                size=item.facts.size,
                pages=item.facts.pages,
                sheets=item.facts.sheets,
                sheet_names_json=json.dumps(list(item.facts.sheet_names), ensure_ascii=False)
                if item.facts.kind == "xlsx"
                else None,
                title=_entry_title(entry),
                period=entry.get("period"),
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


# -- reviews and return notes -----------------------------------------------------------------------------


def review(
    project: Project,
    *,
    indicator: int,
    unit: str,
    decision: str,
    comment: str,
    actor: str | None = None,
) -> ReviewRecord:
    """The office accepts a unit's evidence for an indicator, or returns it for rework (退回补充)."""
    project._require_writable()
    _require_role(project, "office", "审核")
    normalized = _DECISION_ALIASES.get(decision.strip().lower())
    if normalized is None:
        raise UsageError(f"审核结论无效：{decision}（应为 accepted 或 returned） (bad decision)")
    comment = comment.strip()
    if normalized == "returned" and not comment:
        raise UsageError("退回补充必须写明意见（--comment） (comment required)")
    info = real_unit(project, unit)
    if not project.catalog.has_indicator(indicator):
        raise UsageError(f"未知的指标：第 {indicator} 项（{project.catalog.id}） (unknown indicator)")
    if indicator not in info.indicators and indicator not in allowed_indicators(project, info):
        raise UsageError(f"第 {indicator} 项指标不在 {info.name} 的任务范围内 (indicator out of scope)")
    actor = resolve_actor(actor)
    with project.session() as session:
        row = Review(
            indicator_number=indicator,
            unit_id=info.id,
            decision=normalized,
            comment=comment,
            reviewed_by=actor,
            at=utcnow(),
        )
        session.add(row)
        session.flush()
        record(
            session,
            "review.accept" if normalized == "accepted" else "review.return",
            f"indicator:{indicator}",
            {"unit": info.name, "decision": normalized, "comment": comment},
            actor,
        )
        return ReviewRecord(row.id, indicator, info.name, normalized, comment, actor, row.at)


def list_reviews(
    project: Project, *, unit: str | None = None, indicator: int | None = None, latest: bool = True
) -> list[ReviewRecord]:
    """Reviews oldest first; ``latest``: only the newest per (indicator, unit), i.e. the current state."""
    query = select(Review).order_by(Review.id)
    if unit is not None:
        query = query.where(Review.unit_id == resolve_unit(project, unit).id)
    if indicator is not None:
        query = query.where(Review.indicator_number == indicator)
    with project.session() as session:
        names = _unit_names(session)
        rows = [
            ReviewRecord(
                r.id,
                r.indicator_number,
                names.get(r.unit_id, "?"),
                r.decision,
                r.comment,
                r.reviewed_by,
                r.at,
            )
            for r in session.scalars(query)
        ]
    if not latest:
        return rows
    newest: dict[tuple[int, str], ReviewRecord] = {}
    for row in rows:
        newest[(row.indicator, row.unit)] = row
    return sorted(newest.values(), key=lambda r: r.id)


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
    _require_role(project, "office", "生成退回通知")
    info = real_unit(project, unit)
    actor = resolve_actor(actor)
    reviews = list_reviews(project, unit=info.name)
    if not reviews:
        raise UsageError(f"{info.name} 还没有审核结论，无需发送退回通知 (no reviews)")
    out = Path(out)
    package_id = uuid.uuid4().hex
    with project.session() as session:
        keys = _active_keys(session, info.id)
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
    with _no_space_writing(out):
        temp = _temp_beside(out)
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
    _check_project(project, document, label)
    unit_name = project.info.unit or ""
    claimed = resolve_unit_or_none(project, str(document["unit"]))
    if claimed is None or claimed.name != unit_name:
        raise PackageError(label, f"这是发给 {document['unit']} 的，本工作区属于 {unit_name} (other unit)")
    _check_catalog(project, document, label)
    unit = real_unit(project, unit_name)
    with project.session() as session:
        secrets_ = [r.secret for r in _active_keys(session, unit.id)]
    if not any(signature_matches(opened.raw, s, opened.signature) for s in secrets_):
        raise PackageError(
            label, "签名不符：不是办公室用本单位的任务包密钥签发的，或内容被改动过 (bad signature)"
        )
    return unit


def _import_returns(
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
            at = _parse_time(item["at"])
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


def _import_kit_update(
    project: Project, reader: PackageReader, opened: OpenedManifest, label: str, actor: str | None
) -> KitUpdateResult:
    kit = _read_kit(reader, opened, label)
    document = kit.manifest
    _check_project(project, document, label)
    if kit.unit != project.info.unit:
        raise PackageError(
            label, f"这是发给 {kit.unit} 的任务包，本工作区属于 {project.info.unit} (other unit)"
        )
    _check_catalog(project, document, label)
    with project.session() as session:
        if session.scalars(select(UnitKey).where(UnitKey.kit_id == kit.kit_id)).first() is not None:
            raise AlreadyImportedError(label, "已导入过（本工作区已在使用这个任务包），未做任何更改")
    new = _apply_kit(project, kit, actor, first=False)
    return KitUpdateResult(label, kit.unit, kit.kit_id, document.get("deadline"), kit.indicators, new)


# -- freeze ---------------------------------------------------------------------------------------------


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
    names = _unit_names(session)
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
) -> FreezeResult:
    """Lock a snapshot under ``DIR/exports/freeze-<timestamp>/``: a copy of the database (SQLite backup
    API), ``manifest.json`` (the exact active evidence set with hashes) and ``SHA256SUMS``.

    Every evidence file is hashed first: a store that does not match its records cannot be frozen.
    The database copy is the project as it was just before the freeze itself was recorded.
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
        names = _unit_names(session)
        submissions = [
            {
                "id": s.id,
                "unit": names.get(s.unit_id, "?"),
                "package_id": _json_or_empty(s.manifest_json).get("package_id"),
                "imported_at": s.imported_at.isoformat(),
            }
            for s in session.scalars(
                select(Submission).where(Submission.status == "current").order_by(Submission.id)
            )
        ]
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
    )


def _freeze_result(project: Project, row: Freeze) -> FreezeResult:
    manifest = _json_or_empty(row.manifest_json)
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
    manifest = _json_or_empty(recorded.decode("utf-8"))
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


__all__ = [
    "FILES_PREFIX",
    "AlreadyImportedError",
    "FazhiError",
    "FreezeCheck",
    "FreezeResult",
    "ImportResult",
    "ImportedFile",
    "KitContents",
    "KitResult",
    "KitUpdateResult",
    "PackageError",
    "PackageImport",
    "ReturnsImportResult",
    "ReturnsNoteResult",
    "ReviewRecord",
    "SubmitResult",
    "freeze",
    "import_package",
    "init_from_kit",
    "issue_kit",
    "issue_returns",
    "list_freezes",
    "list_reviews",
    "read_kit",
    "review",
    "submit",
    "task_list_pdf",
    "verify_freeze",
]
