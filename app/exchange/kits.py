"""Kits (任务包): issued per unit by the office, read safely, made into a unit workspace or an update."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import __version__
from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.evidence.scope import KIT_SETTINGS_KEY, allowed_indicators, real_unit
from app.exchange.common import active_keys, check_catalog, check_deadline, check_project, parse_time
from app.exchange.package import (
    DEFAULT_LIMITS,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    TASK_LIST_NAME,
    AlreadyImportedError,
    Limits,
    OpenedManifest,
    PackageError,
    PackageReader,
    now_iso,
    read_manifest,
    signature_matches,
    validate_manifest,
    write_package,
)
from app.exchange.package import new_key as make_key
from app.exchange.schemas import KIND_KIT, PACKAGE_FORMAT, PACKAGE_VERSION
from app.exchange.tasklist import task_list_pdf
from app.project.audit import record
from app.project.create import create_project
from app.project.folder import EXPORTS_DIR, Project, ProjectInfo, open_project, require_role
from app.project.store import is_no_space, no_space_error, no_space_writing, temp_beside
from app.units.registry import list_units, set_collective_members
from app.units.roles import indicator_roles
from indicator_catalog import Catalog, CatalogError, catalog_from_document
from models import UnitKey, utcnow


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
    require_role(project, "office", "签发任务包")
    info = real_unit(project, unit)
    if not info.indicators:
        raise UsageError(f"{info.name} 没有负责的指标，无需签发任务包 (unit has no indicators)")
    deadline = check_deadline(deadline)
    actor = resolve_actor(actor)
    out = Path(out)
    kit_id = uuid.uuid4().hex
    catalog = project.catalog
    indicators = [catalog.indicator(n) for n in info.indicators]
    allowed = sorted(allowed_indicators(project, info))
    roles = indicator_roles(project)
    pdf = task_list_pdf(
        county=project.info.county,
        year=project.info.year,
        unit=info.name,
        deadline=deadline,
        indicators=indicators,
        kit_id=kit_id,
        roles=roles,
        plan_title=catalog.title if catalog.is_plan else None,
    )
    with no_space_writing(out):
        temp = temp_beside(out)
        try:
            with project.session() as session:
                active = active_keys(session, info.id)
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
                    # The unit's role in each of its items: "lead" (with its co-units) or "co" (who leads).
                    "roles": [
                        {
                            **roles[i.number].to_json(),
                            "number": i.number,
                            "role": roles[i.number].role_of(info.name),
                        }
                        for i in indicators
                    ],
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
        existing = active_keys(session, unit.id)
        key_changed = bool(existing) and existing[-1].secret != document["key"]
        if key_changed:
            for row in existing:
                row.revoked_at = utcnow()
        session.add(
            UnitKey(
                unit_id=unit.id,
                secret=document["key"],
                kit_id=kit.kit_id,
                issued_at=parse_time(str(document["created_at"])),
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


def import_kit_update(
    project: Project, reader: PackageReader, opened: OpenedManifest, label: str, actor: str | None
) -> KitUpdateResult:
    kit = _read_kit(reader, opened, label)
    document = kit.manifest
    check_project(project, document, label)
    if kit.unit != project.info.unit:
        raise PackageError(
            label, f"这是发给 {kit.unit} 的任务包，本工作区属于 {project.info.unit} (other unit)"
        )
    check_catalog(project, document, label)
    with project.session() as session:
        if session.scalars(select(UnitKey).where(UnitKey.kit_id == kit.kit_id)).first() is not None:
            raise AlreadyImportedError(label, "已导入过（本工作区已在使用这个任务包），未做任何更改")
    new = _apply_kit(project, kit, actor, first=False)
    return KitUpdateResult(label, kit.unit, kit.kit_id, document.get("deadline"), kit.indicators, new)
