"""Submissions carry the original of a photo or OFD beside its PDF rendition; the import keeps both."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.evidence.attach import attach, evidence_path, list_evidence
from app.exchange.importing import import_package
from app.exchange.kits import init_from_kit, issue_kit
from app.exchange.package import MANIFEST_NAME, SIGNATURE_NAME, PackageError, manifest_bytes, sign
from app.exchange.submit import submit
from app.integrity.verify import verify
from app.project.folder import open_project
from models import UnitKey

sys.path.insert(0, str(Path(__file__).parents[1] / "evidence" / "formats"))
from formats_builders import jpeg, ofd  # the format tests' builders

UNIT = "县司法局"


def _unit_with_photo_and_ofd(office: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    with open_project(office) as project:
        issue_kit(project, unit=UNIT, out=tmp_path / "kit.zip")
    unit = tmp_path / "unit"
    init_from_kit(unit, tmp_path / "kit.zip")
    photo = jpeg(tmp_path / "会议照片.jpg", size=(640, 480), orientation=6)
    document = ofd(tmp_path / "红头文件.ofd")
    with open_project(unit) as project:
        attach(project, unit=UNIT, indicators=[5], files=[photo, document])
    return unit, photo, document


def test_photo_and_ofd_originals_round_trip_through_submit_and_import(
    project_dir: Path, tmp_path: Path
) -> None:
    unit, photo, document = _unit_with_photo_and_ofd(project_dir, tmp_path)
    package = tmp_path / "submission.zip"
    with open_project(unit) as project:
        # The unit keeps the photo only as received; the package carries the PDF made from it.
        kept = next(r for r in list_evidence(project) if r.filename == "会议照片.jpg")
        assert kept.sha256 == kept.original_sha256
        result = submit(project, out=package)
        shutil.rmtree(project.folder / "cache" / "renditions")  # made again: the same bytes, same hash
        again = submit(project, out=tmp_path / "again.zip")
    assert result.files == 2
    with zipfile.ZipFile(package) as first, zipfile.ZipFile(again.path) as second:
        hashes = [
            {e["filename"]: e["sha256"] for e in json.loads(z.read(MANIFEST_NAME))["files"]}
            for z in (first, second)
        ]
    assert hashes[0] == hashes[1] and hashes[0]["会议照片.jpg"] != kept.sha256
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        names = set(archive.namelist())
        by_name = {entry["filename"]: entry for entry in manifest["files"]}
        for name, source, kind in (("会议照片.jpg", photo, "jpeg"), ("红头文件.ofd", document, "ofd")):
            entry = by_name[name]
            assert entry["kind"] == "pdf" and entry["original"]["kind"] == kind
            assert archive.read(entry["original"]["member"]) == source.read_bytes()
            assert entry["size"] == archive.getinfo(entry["member"]).file_size
            assert {entry["member"], entry["original"]["member"]} <= names

    with open_project(project_dir) as project:
        imported = import_package(project, package)
        assert len(imported.added) == 2  # type: ignore[union-attr]
        records = {r.filename: r for r in list_evidence(project, unit=UNIT)}
        for name, source, kind in (("会议照片.jpg", photo, "jpeg"), ("红头文件.ofd", document, "ofd")):
            record = records[name]
            assert (record.kind, record.original_kind, record.source) == ("pdf", kind, "submission")
            assert record.original_sha256 != record.sha256
            stored = evidence_path(project, record.original_sha256 or "")
            assert stored.read_bytes() == source.read_bytes()
            assert evidence_path(project, record.sha256).read_bytes()[:5] == b"%PDF-"
            assert record.size == source.stat().st_size
        assert list(project.store.incoming.iterdir()) == []
        # The office keeps both files of each; the integrity check covers both (no stray originals).
        assert verify(project).ok


def _resigned(package: Path, out: Path, unit: Path, change: object) -> Path:
    """The package with its manifest changed by ``change`` and signed again with the unit's key."""
    with open_project(unit) as project, project.session() as session:
        secret = session.scalars(select(UnitKey)).first().secret  # type: ignore[union-attr]
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        manifest = json.loads(source.read(MANIFEST_NAME))
        members = {name: source.read(name) for name in source.namelist()}
        change(manifest, members)  # type: ignore[operator]
        raw = manifest_bytes(manifest)
        members[MANIFEST_NAME] = raw
        members[SIGNATURE_NAME] = sign(raw, secret).encode()
        for name, data in members.items():
            target.writestr(name, data)
    return out


def test_a_tampered_original_is_refused_and_changes_nothing(project_dir: Path, tmp_path: Path) -> None:
    unit, _photo, _document = _unit_with_photo_and_ofd(project_dir, tmp_path)
    package = tmp_path / "submission.zip"
    with open_project(unit) as project:
        submit(project, out=package)

    def swap_bytes(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        entry = next(e for e in manifest["files"] if e["filename"] == "会议照片.jpg")  # type: ignore[attr-defined]
        member = entry["original"]["member"]
        members[member] = members[member][:-10] + b"\x00" * 10

    def wrong_kind(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        entry = next(e for e in manifest["files"] if e["filename"] == "红头文件.ofd")  # type: ignore[attr-defined]
        entry["original"]["kind"] = "docx"
        old = entry["original"]["member"]
        entry["original"]["member"] = old.rsplit(".", 1)[0] + ".docx"
        members[entry["original"]["member"]] = members.pop(old)

    for index, (change, reason) in enumerate(((swap_bytes, "SHA-256"), (wrong_kind, "原件类型与清单不符"))):
        bad = _resigned(package, tmp_path / f"bad{index}.zip", unit, change)
        with open_project(project_dir) as project:
            with pytest.raises(PackageError, match=reason):
                import_package(project, bad)
            assert list_evidence(project, unit=UNIT) == []
            assert list(project.store.incoming.iterdir()) == []
