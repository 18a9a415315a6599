"""The evidence as a ZIP archive with one folder per indicator, plus ``hashes.txt``.

Folders are named ``026_指标内容…`` (a 合并提供 group shares one folder: ``026-029_合并提供_…``); files
carry the one name they have everywhere (``ReportData.evidence_names``: ``{indicator}-{seq}_{unit}_
{original name}``, made Windows-safe); a file filed under several indicators has a copy of the same name
in each; a photo kept without a stored PDF goes in as received (``.jpg``). ``hashes.txt`` lists the
SHA-256 of every file in ``sha256sum`` format, so ``sha256sum -c hashes.txt`` verifies an unpacked copy.
Files are copied in chunks (memory does not grow with the archive) and checked against the store's hash
on the way.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.base.errors import IntegrityError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.common import atomic_output, safe_filename
from exports.report_data import EvidenceItem, ReportData, evidence_sections
from indicator_catalog import Indicator

CHUNK = 1024 * 1024
HASHES_NAME = "hashes.txt"


@dataclass(frozen=True)
class ArchiveMember:
    folder: str
    name: str  # path inside the archive (folder/file)
    item: EvidenceItem


@dataclass(frozen=True)
class FolderArchive:
    path: Path
    folders: int
    files: int
    bytes: int


def folder_name(indicator: Indicator) -> str:
    group = indicator.evidence_group
    short = safe_filename(indicator.text, max_chars=24, fallback="指标")
    if len(group) > 1:
        return f"{group[0]:03d}-{group[-1]:03d}_合并提供_{short}"
    if indicator.task_id:  # a plan task: keep the list order and show the id as printed
        task = safe_filename(indicator.task_id, max_chars=24, fallback="任务")
        return f"{indicator.number:03d}_{task}_{short}"
    return f"{indicator.number:03d}_{short}"


def plan_members(data: ReportData) -> tuple[list[str], list[ArchiveMember]]:
    """Folders (catalog order) and the files in each (unit order, then the order evidence came in)."""
    folders: list[str] = []
    members: list[ArchiveMember] = []
    for indicator, items in evidence_sections(data):
        folder = folder_name(indicator)
        folders.append(folder)
        used: set[str] = set()
        for item in items:
            suffix = ".pdf" if item.kind == "pdf" else ".xlsx"
            if item.kept_path is not None:  # a photo: as received (its hash is the index's)
                own = Path(item.filename).suffix.lower()
                suffix = own if own in (".jpg", ".jpeg") else ".jpg"
            canonical = data.evidence_name(item)
            if canonical.lower().endswith(suffix):
                canonical = canonical[: -len(suffix)]
            stem = safe_filename(canonical, max_chars=80)
            name = f"{folder}/{stem}{suffix}"
            while name.lower() in used:  # cannot happen with distinct names, but keep them unique anyway
                stem += "_"
                name = f"{folder}/{stem}{suffix}"
            used.add(name.lower())
            members.append(ArchiveMember(folder, name, item))
    return folders, members


def write_folder_zip(
    data: ReportData,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FolderArchive:
    """Write the archive to ``out`` (all or nothing)."""
    folders, members = plan_members(data)
    for member in members:
        if not (member.item.kept_path or member.item.stored_path).is_file():
            raise IntegrityError(
                f"证据库缺少文件：{member.item.filename}（{member.item.sha256[:12]}…），请先运行 fazhi verify"
            )
    total_bytes = 0
    hashes: list[str] = []
    stamp = time.localtime()[:6]
    with atomic_output(Path(out)) as temp, zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
        for folder in folders:
            archive.writestr(zipfile.ZipInfo(f"{folder}/", date_time=stamp), b"")
        for index, member in enumerate(members):
            check_cancel(cancel)
            report(progress, index, len(members), member.item.filename)
            info = zipfile.ZipInfo(member.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED  # PDF scans and XLSX are already compressed
            digest = hashlib.sha256()
            large = member.item.size >= 1 << 31
            with (
                (member.item.kept_path or member.item.stored_path).open("rb") as source,
                archive.open(info, "w", force_zip64=large) as target,
            ):
                while chunk := source.read(CHUNK):
                    check_cancel(cancel)
                    digest.update(chunk)
                    target.write(chunk)
                    total_bytes += len(chunk)
            if digest.hexdigest() != member.item.sha256:
                raise IntegrityError(
                    f"证据文件已损坏：{member.item.filename}（SHA-256 与登记值不符），请先运行 fazhi verify"
                )
            hashes.append(f"{member.item.sha256}  {member.name}")
        listing = "\n".join(hashes) + ("\n" if hashes else "")
        archive.writestr(
            zipfile.ZipInfo(HASHES_NAME, date_time=stamp), listing.encode("utf-8"), zipfile.ZIP_DEFLATED
        )
    report(progress, len(members), len(members), "完成")
    return FolderArchive(Path(out), len(folders), len(members), total_bytes)
