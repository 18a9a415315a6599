"""``verify``: database integrity, every stored file present with the right hash, orphans, repair."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.base.errors import CancelledError, UsageError
from app.base.progress import CancelToken
from app.evidence.attach import attach, evidence_path
from app.integrity.verify import verify
from app.project.folder import Project, open_project

sys.path.insert(0, str(Path(__file__).parents[1] / "evidence" / "formats"))
from formats_builders import jpeg, ofd  # the format tests' builders

MakeFile = Callable[..., Path]


def _attach_two(project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile) -> tuple[str, str]:
    records = attach(
        project,
        unit="县司法局",
        indicators=[1],
        files=[make_pdf(tmp_path / "a.pdf", pages=2), make_xlsx(tmp_path / "b.xlsx")],
    ).attached
    return records[0].sha256, records[1].sha256


def test_clean_project_verifies(
    project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile
) -> None:
    _attach_two(project, tmp_path, make_pdf, make_xlsx)
    calls: list[tuple[int, int]] = []
    report = verify(project, progress=lambda d, t, m: calls.append((d, t)))
    assert report.ok and report.problems == []
    assert (report.evidence_checked, report.files_checked) == (2, 2)
    assert calls[-1] == (2, 2)
    assert report.to_json()["ok"] is True


def test_photos_and_renditions_verify_and_their_originals_are_never_quarantined(
    project: Project, tmp_path: Path
) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg", orientation=6)
    document = ofd(tmp_path / "红头文件.ofd")
    kept, rendered = attach(project, unit="县司法局", indicators=[1], files=[photo, document]).attached
    assert kept.sha256 == kept.original_sha256  # the photo: only its original is stored
    assert rendered.original_sha256 not in (None, rendered.sha256)  # the OFD: original and PDF
    report = verify(project, repair=True)
    assert report.ok and report.problems == [] and report.repaired == []
    assert (report.evidence_checked, report.files_checked) == (2, 3)
    assert evidence_path(project, str(rendered.original_sha256)).read_bytes() == document.read_bytes()
    # The check reads the originals too: a changed photo or OFD original is found.
    for sha in (kept.sha256, str(rendered.original_sha256)):
        stored = evidence_path(project, sha)
        stored.chmod(0o644)
        data = stored.read_bytes()
        stored.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])
    problems = verify(project).problems
    assert sorted((p.kind, p.target) for p in problems) == [
        ("hash", f"evidence:{kept.id}"),
        ("hash", f"evidence:{rendered.id}"),
    ]


def test_missing_and_changed_files(
    project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile
) -> None:
    pdf_sha, xlsx_sha = _attach_two(project, tmp_path, make_pdf, make_xlsx)
    evidence_path(project, pdf_sha).unlink()
    stored = evidence_path(project, xlsx_sha)
    data = bytearray(stored.read_bytes())
    data[100] ^= 0xFF
    stored.write_bytes(bytes(data))
    report = verify(project)
    kinds = sorted((p.kind, p.target) for p in report.problems)
    assert kinds == [("hash", "evidence:2"), ("missing", "evidence:1")]
    assert "a.pdf" in next(p.message for p in report.problems if p.kind == "missing")


def test_size_mismatch(project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile) -> None:
    pdf_sha, _ = _attach_two(project, tmp_path, make_pdf, make_xlsx)
    with evidence_path(project, pdf_sha).open("ab") as handle:
        handle.write(b"extra")
    assert [p.kind for p in verify(project).problems] == ["size"]


def test_orphans_reported_and_repaired_never_deleted(
    project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile
) -> None:
    _attach_two(project, tmp_path, make_pdf, make_xlsx)
    stray = project.store.root / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"orphan content")
    loose = project.store.root / "说明.txt"
    loose.write_text("不该在这里", encoding="utf-8")
    report = verify(project)
    assert sorted(p.target for p in report.problems if p.kind == "orphan") == [
        f"evidence/ab/{stray.name}",
        "evidence/说明.txt",
    ]
    repaired = verify(project, repair=True)
    assert repaired.ok and len(repaired.repaired) == 2
    assert not stray.exists() and not loose.exists()
    assert (project.store.orphans / stray.name).read_bytes() == b"orphan content"
    assert (project.store.orphans / "说明.txt").read_text(encoding="utf-8") == "不该在这里"
    assert verify(project).ok
    assert any("orphans" in note for note in verify(project).notes)


def test_same_name_orphans_are_kept_apart(project: Project) -> None:
    for sub in ("x1", "x2"):
        path = project.store.root / sub / "same.bin"
        path.parent.mkdir(parents=True)
        path.write_bytes(sub.encode())
    verify(project, repair=True)
    assert sorted(p.read_bytes() for p in project.store.orphans.iterdir()) == [b"x1", b"x2"]


def test_repair_needs_a_writable_project(project_dir: Path) -> None:
    with open_project(project_dir, readonly=True) as project, pytest.raises(UsageError, match="只读"):
        verify(project, repair=True)


def test_database_integrity_problems(project: Project) -> None:
    connection = sqlite3.connect(project.folder / "project.sqlite")
    try:
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("INSERT INTO unit_alias (unit_id, alias) VALUES (999, '幽灵')")
        connection.commit()
    finally:
        connection.close()
    report = verify(project)
    messages = [p.message for p in report.problems]
    assert any("触发器缺失" in m for m in messages)
    assert any("外键无效" in m for m in messages)


def test_corrupt_database_pages(project_dir: Path) -> None:
    # Damage the middle of the database file (not the header): integrity_check must notice or the
    # database must fail to open; either way the user hears about it.
    with open_project(project_dir):
        pass
    database = project_dir / "project.sqlite"
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(database.read_bytes())
    page = 4096
    for offset in range(2 * page + 16, min(len(data), 6 * page), 7):
        data[offset] = 0x55
    database.write_bytes(bytes(data))
    from app.base.errors import FazhiError

    try:
        with open_project(project_dir, readonly=True) as project:
            report = verify(project)
    except FazhiError:
        return
    except Exception as exc:  # sqlite may raise while loading the project row
        assert "malformed" in str(exc) or "corrupt" in str(exc)
        return
    assert not report.ok


def test_committed_but_unpublished_file_counts_and_is_published_on_open(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile
) -> None:
    with open_project(project_dir) as project:
        record = attach(
            project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")]
        ).attached[0]
        final = evidence_path(project, record.sha256)
        # Simulate a crash between commit and publish: move the file back to the incoming area.
        final.rename(project.store.staged_path(record.sha256))
    with open_project(project_dir, readonly=True) as project:
        assert verify(project).ok
    with open_project(project_dir) as project:
        assert final.is_file()
        assert not any(project.store.incoming.iterdir())
        assert verify(project).ok


def test_an_unpublished_original_beside_its_rendition_is_published_on_open_not_discarded(
    project_dir: Path, tmp_path: Path
) -> None:
    document = ofd(tmp_path / "红头文件.ofd")
    with open_project(project_dir) as project:
        (record,) = attach(project, unit="县司法局", indicators=[1], files=[document]).attached
        original = str(record.original_sha256)
        assert original != record.sha256
        # A crash between commit and publish: both files back in the incoming area.
        for sha in (record.sha256, original):
            evidence_path(project, sha).rename(project.store.staged_path(sha))
    with open_project(project_dir) as project:
        assert not any(project.store.incoming.iterdir())
        assert evidence_path(project, original).read_bytes() == document.read_bytes()
        assert verify(project).ok


def test_unreferenced_incoming_files_are_discarded_on_writable_open(project_dir: Path) -> None:
    incoming = project_dir / "evidence" / ".incoming"
    (incoming / "tmpabc.part").write_bytes(b"half a file")
    (incoming / ("c" * 64)).write_bytes(b"staged, never committed")
    with open_project(project_dir, readonly=True) as project:
        report = verify(project)
        assert report.ok and any("临时文件" in n for n in report.notes)
    with open_project(project_dir) as project:
        assert list(project.store.incoming.iterdir()) == []
        assert verify(project).ok


def test_cancel(project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile) -> None:
    _attach_two(project, tmp_path, make_pdf, make_xlsx)
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        verify(project, cancel=token)
