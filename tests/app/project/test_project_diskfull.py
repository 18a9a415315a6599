"""A full disk is a user error (one line naming the file and the project), never a half-written file.

ENOSPC is injected where the store and the project write (copying in, fsync, rename, backup); the
database's own "disk full" comes from SQLite for real (``PRAGMA max_page_count``); one test uses a real
small tmpfs where mounting is permitted.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import app.project.store
from app.base.errors import FazhiError, RefusedFileError
from app.cli.main import main
from app.evidence.attach import attach, list_evidence
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.project.store import EvidenceStore, NoSpaceError, is_no_space
from indicator_catalog import Catalog
from models import migrate

MakePdf = Callable[..., Path]

NO_SPACE = "磁盘空间不足"


def _full(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _store_files(project: Project) -> set[str]:
    return {str(p.relative_to(project.store.root)) for p in project.store.root.rglob("*") if p.is_file()}


def _database_dump(folder: Path) -> str:
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def test_is_no_space_recognises_every_form() -> None:
    from sqlalchemy.exc import OperationalError

    assert is_no_space(OSError(errno.ENOSPC, "No space left on device"))
    if hasattr(errno, "EDQUOT"):
        assert is_no_space(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not is_no_space(OSError(errno.EACCES, "Permission denied"))
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    assert is_no_space(full)
    assert is_no_space(OperationalError("INSERT", {}, full))
    assert not is_no_space(sqlite3.OperationalError("database is locked"))
    wrapped = RuntimeError("outer")
    wrapped.__cause__ = OSError(errno.ENOSPC, "full")
    assert is_no_space(wrapped)


@pytest.mark.parametrize("where", ["write", "mkstemp", "fsync", "stage"])
def test_attach_on_a_full_disk_changes_nothing(
    project: Project, make_pdf: MakePdf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    source = make_pdf(tmp_path / "大扫描件.pdf", pages=3)
    before_files = _store_files(project)
    before_db = _database_dump(project.folder)
    if where == "write":
        monkeypatch.setattr(app.project.store, "_write_all", _full)
    elif where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _full)
    elif where == "fsync":
        monkeypatch.setattr(app.project.store, "_fsync_file", _full)
    else:
        monkeypatch.setattr(os, "replace", _full)
    with pytest.raises(NoSpaceError) as caught:
        attach(project, unit="县司法局", indicators=[1], files=[source])
    message = str(caught.value)
    assert message.startswith(NO_SPACE) and message.endswith("(no space left on device)")
    assert "大扫描件.pdf" in message and str(project.folder) in message
    assert "\n" not in message
    assert not isinstance(caught.value, RefusedFileError)  # not a per-file refusal: the disk is full
    monkeypatch.undo()
    assert _store_files(project) == before_files, "a half file was left in the store"
    assert _database_dump(project.folder) == before_db
    assert list_evidence(project) == []


def test_skip_refused_does_not_skip_a_full_disk(
    project: Project, make_pdf: MakePdf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [make_pdf(tmp_path / f"材料{n}.pdf", text=f"材料{n}") for n in range(2)]
    monkeypatch.setattr(app.project.store, "_write_all", _full)
    with pytest.raises(NoSpaceError):
        attach(project, unit="县司法局", indicators=[1], files=files, skip_refused=True)
    monkeypatch.undo()
    assert list_evidence(project) == []


def test_cli_attach_on_a_full_disk_is_one_clear_line(
    project_dir: Path,
    make_pdf: MakePdf,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = make_pdf(tmp_path / "案卷.pdf")
    monkeypatch.setattr(app.project.store, "_write_all", _full)
    code = main(["attach", str(project_dir), "--unit", "县司法局", "--indicator", "1", str(source)])
    err = capsys.readouterr().err
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "内部错误" not in err and "Traceback" not in err
    assert NO_SPACE in lines[0] and "案卷.pdf" in lines[0] and str(project_dir) in lines[0]


def test_partial_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unbuffered write may write less than asked (a nearly full disk) without an error."""
    source = tmp_path / "big.bin"
    data = os.urandom(3 * 1024 * 1024 + 17)
    source.write_bytes(data)
    real_write = os.write

    def short_write(fd: int, buffer: Any) -> int:
        return real_write(fd, bytes(buffer)[:4096])

    store = EvidenceStore(tmp_path / "project")
    monkeypatch.setattr(os, "write", short_write)
    try:
        staged = store.copy_in(source, max_bytes=10 * 1024 * 1024)
    finally:
        monkeypatch.undo()
    assert staged.path.read_bytes() == data
    assert staged.sha256 == hashlib.sha256(data).hexdigest()


def test_a_full_database_is_a_user_error(project: Project) -> None:
    before = _database_dump(project.folder)
    with pytest.raises(NoSpaceError) as caught, project.session() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
        session.execute(text(f"PRAGMA max_page_count = {pages}"))  # SQLite's own SQLITE_FULL
        session.execute(text("UPDATE project SET settings_json = :big"), {"big": "填" * 2_000_000})
    message = str(caught.value)
    assert message.startswith(NO_SPACE) and "project.sqlite" in message and "\n" not in message
    project.engine.dispose()  # drop the connection with the page limit
    assert _database_dump(project.folder) == before


def test_backup_on_a_full_disk_leaves_no_part_and_does_not_migrate(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.project.create
    import app.project.database

    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "0002_x.py").write_text(
        'revision = "9999"\ndown_revision = "0008_task_progress_detail"\n'
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade() -> None:\n    pass\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9999")
    real_copy = app.project.database._copy_database

    def copy_then_full(source: Path, target: Path) -> None:
        real_copy(source, target)  # a partial copy exists when the disk fills up
        full = sqlite3.OperationalError("database or disk is full")
        full.sqlite_errorcode = 13  # SQLITE_FULL, as SQLite sets it
        raise full

    monkeypatch.setattr(app.project.database, "_copy_database", copy_then_full)
    with pytest.raises(NoSpaceError, match=NO_SPACE):
        open_project(project_dir)
    assert list((project_dir / "backups").iterdir()) == []
    assert (
        migrate.current_revision(f"sqlite:///{project_dir / 'project.sqlite'}") == "0008_task_progress_detail"
    )


def test_create_on_a_full_disk_leaves_nothing(
    tmp_path: Path, small_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.project.create
    import app.project.database

    monkeypatch.setattr(app.project.create, "_publish_creation", _full)
    folder = tmp_path / "满"
    with pytest.raises(NoSpaceError, match=NO_SPACE) as caught:
        create_project(folder, county="测试县", year=2024, catalog=small_catalog)
    assert str(folder) in str(caught.value)
    assert not folder.exists()


def test_lock_holder_note_is_optional(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock file's holder note cannot be written on a full disk: the open still succeeds."""
    import app.project.locking

    monkeypatch.setattr(app.project.locking, "_write_holder", _full)
    with open_project(project_dir) as project:
        assert project.info.county == "测试县"
        assert app.project.locking.holder_description(project_dir) == ""


# -- a real full disk -----------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if not sys.platform.startswith("linux"):
        pytest.skip("mounts a tmpfs: Linux only")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or 'mount failed'}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def test_attach_bigger_than_a_real_disk(small_disk: Path, small_catalog: Catalog, tmp_path: Path) -> None:
    folder = small_disk / "项目"
    create_project(folder, county="测试县", year=2024, catalog=small_catalog)
    stats = os.statvfs(small_disk)
    big = tmp_path / "超大.pdf"
    big.write_bytes(b"%PDF-1.4\n" + os.urandom(stats.f_bavail * stats.f_frsize + 512 * 1024))
    with open_project(folder) as project:
        before_files = _store_files(project)
        with pytest.raises(FazhiError, match=NO_SPACE) as caught:
            attach(project, unit="县司法局", indicators=[1], files=[big])
        assert "超大.pdf" in str(caught.value)
        assert _store_files(project) == before_files
        assert list_evidence(project) == []
