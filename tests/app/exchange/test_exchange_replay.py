"""Replay protection: an older signed submission imported after a newer one is refused, never wins."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.evidence.attach import attach, list_evidence, withdraw
from app.exchange.importing import import_package
from app.exchange.kits import init_from_kit, issue_kit, read_kit
from app.exchange.package import MANIFEST_NAME, SIGNATURE_NAME, PackageError, manifest_bytes, sign
from app.exchange.receive import ImportResult
from app.exchange.submit import submit
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import catalog_from_document
from models import Submission, UnitKey

Snapshot = Callable[[Path], dict[str, str]]
MakeFile = Callable[..., Path]
A = "县司法局"


def _world(tmp_path: Path, document: dict[str, Any], make_pdf: MakeFile) -> tuple[Path, Path, Path]:
    office, unit, kit = tmp_path / "office", tmp_path / "unit", tmp_path / "kit.zip"
    create_project(office, county="测试县", year=2024, catalog=catalog_from_document(document, "tiny"))
    with open_project(office) as project:
        issue_kit(project, unit=A, out=kit)
    init_from_kit(unit, kit)
    return office, unit, kit


def _members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _resigned(package: Path, out: Path, key: str, change: Callable[[dict[str, Any]], None]) -> Path:
    members = _members(package)
    manifest = json.loads(members[MANIFEST_NAME])
    change(manifest)
    raw = manifest_bytes(manifest)
    members[MANIFEST_NAME] = raw
    members[SIGNATURE_NAME] = (sign(raw, key) + "\n").encode()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out


def test_sequences_grow_per_kit_and_are_stored_at_import(
    tmp_path: Path, small_catalog_document: dict[str, Any], make_pdf: MakeFile
) -> None:
    office, unit, _kit = _world(tmp_path, small_catalog_document, make_pdf)
    with open_project(unit) as project:
        attach(project, unit=A, indicators=[3], files=[make_pdf(tmp_path / "一.pdf", text="one")])
        first = submit(project, out=tmp_path / "p1.zip")
        second = submit(project, out=tmp_path / "p2.zip")
        with project.session() as session:
            assert session.scalars(select(UnitKey.last_sequence)).one() == 2
    assert (first.sequence, second.sequence) == (1, 2)
    assert json.loads(_members(tmp_path / "p2.zip")[MANIFEST_NAME])["sequence"] == 2
    with open_project(office) as project:
        import_package(project, tmp_path / "p1.zip")
        import_package(project, tmp_path / "p2.zip")
        with project.session() as session:
            rows = list(session.scalars(select(Submission).order_by(Submission.id)))
    assert [(r.sequence, r.kit_id, r.status) for r in rows] == [
        (1, first.kit_id, "superseded"),
        (2, first.kit_id, "current"),
    ]


def test_an_older_submission_replayed_after_a_newer_one_is_refused(
    tmp_path: Path, small_catalog_document: dict[str, Any], make_pdf: MakeFile, folder_snapshot: Snapshot
) -> None:
    office, unit, _kit = _world(tmp_path, small_catalog_document, make_pdf)
    with open_project(unit) as project:
        old = attach(project, unit=A, indicators=[3], files=[make_pdf(tmp_path / "旧.pdf", text="old")])
        submit(project, out=tmp_path / "old.zip")
        withdraw(project, old.attached[0].id, reason="换新版")
        attach(project, unit=A, indicators=[3], files=[make_pdf(tmp_path / "新.pdf", text="new")])
        submit(project, out=tmp_path / "new.zip")
    with open_project(office) as project:
        result = import_package(project, tmp_path / "new.zip")
    assert isinstance(result, ImportResult)
    before = folder_snapshot(office)
    with open_project(office) as project, pytest.raises(PackageError) as refused:
        import_package(project, tmp_path / "old.zip")
    message = str(refused.value)
    assert message.startswith(f"{tmp_path / 'old.zip'}: ") and "\n" not in message
    assert "旧提交" in message and "序号 1" in message and "最新序号是 2" in message
    assert folder_snapshot(office) == before
    with open_project(office) as project:
        active = list_evidence(project, unit=A)
    assert [r.filename for r in active] == ["新.pdf"]


def test_a_package_without_sequence_is_judged_by_its_signed_creation_time(
    tmp_path: Path, small_catalog_document: dict[str, Any], make_pdf: MakeFile
) -> None:
    """Packages of older versions: accepted only if made after every imported one, and only while the
    kit has not yet sent a numbered package."""
    office, unit, kit = _world(tmp_path, small_catalog_document, make_pdf)
    key = read_kit(kit).manifest["key"]
    with open_project(unit) as project:
        attach(project, unit=A, indicators=[3], files=[make_pdf(tmp_path / "一.pdf", text="one")])
        made = submit(project, out=tmp_path / "made.zip")

    def unnumbered(at: str) -> Callable[[dict[str, Any]], None]:
        def change(manifest: dict[str, Any]) -> None:
            del manifest["sequence"]
            manifest["created_at"] = at
            manifest["package_id"] = f"{at[:4]}{made.package_id[4:]}"

        return change

    late = _resigned(
        tmp_path / "made.zip", tmp_path / "late.zip", key, unnumbered("2030-01-02T00:00:00+00:00")
    )
    early = _resigned(
        tmp_path / "made.zip", tmp_path / "early.zip", key, unnumbered("2029-01-02T00:00:00+00:00")
    )
    with open_project(office) as project:
        import_package(project, late)
        with pytest.raises(PackageError, match="制作于 2029-01-0") as refused:
            import_package(project, early)
        assert "已导入的最新提交制作于 2030-01-0" in str(refused.value)
        import_package(project, tmp_path / "made.zip")  # numbered: its sequence decides
        again = _resigned(
            tmp_path / "made.zip", tmp_path / "again.zip", key, unnumbered("2031-01-02T00:00:00+00:00")
        )
        with pytest.raises(PackageError, match="没有序号"):
            import_package(project, again)


def test_a_forged_sequence_breaks_the_signature(
    tmp_path: Path, small_catalog_document: dict[str, Any], make_pdf: MakeFile
) -> None:
    office, unit, _kit = _world(tmp_path, small_catalog_document, make_pdf)
    with open_project(unit) as project:
        attach(project, unit=A, indicators=[3], files=[make_pdf(tmp_path / "一.pdf", text="one")])
        submit(project, out=tmp_path / "p1.zip")
    members = _members(tmp_path / "p1.zip")
    members[MANIFEST_NAME] = members[MANIFEST_NAME].replace(b'"sequence": 1', b'"sequence": 9')
    assert b'"sequence": 9' in members[MANIFEST_NAME]
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with open_project(office) as project, pytest.raises(PackageError, match="签名不符"):
        import_package(project, forged)
