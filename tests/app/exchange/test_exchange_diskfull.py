"""A full disk while the exchange writes files: one clear line, no partial file, nothing changed.

ENOSPC is injected where the exchange itself writes: streaming a package member into
``evidence/.incoming`` (import), the package beside ``--out`` (kit), the task list (kit update) and the
freeze folder.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from app.evidence.attach import attach
from app.exchange.importing import import_package
from app.exchange.kits import init_from_kit, issue_kit
from app.exchange.package import PackageReader
from app.exchange.submit import submit
from app.integrity.freeze import freeze, list_freezes
from app.project.folder import open_project
from app.project.store import NoSpaceError
from models import UnitKey

Snapshot = Callable[[Path], dict[str, str]]
A = "县司法局"


def _enospc() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _submission(office: Path, tmp_path: Path, make_pdf: Callable[..., Path]) -> Path:
    with open_project(office) as project:
        issue_kit(project, unit=A, out=tmp_path / "kit.zip")
    init_from_kit(tmp_path / "ws", tmp_path / "kit.zip")
    with open_project(tmp_path / "ws") as project:
        attach(project, unit=A, indicators=[5], files=[make_pdf(tmp_path / "会议纪要.pdf")])
        submit(project, out=tmp_path / "s.zip")
    return tmp_path / "s.zip"


def _fill_then_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """Members are copied partly into the sink, then the disk is full."""
    real = PackageReader.copy_member

    def copy_member(self: PackageReader, name: str, sink: IO[bytes] | None, *args: Any) -> Any:
        if sink is None:
            return real(self, name, sink, *args)
        sink.write(b"%PDF-1.4 partial")
        sink.flush()
        raise _enospc()

    monkeypatch.setattr(PackageReader, "copy_member", copy_member)


def test_import_on_a_full_disk_is_one_line_and_changes_nothing(
    project_dir: Path,
    tmp_path: Path,
    make_pdf: Callable[..., Path],
    folder_snapshot: Snapshot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    package = _submission(project_dir, tmp_path, make_pdf)
    before = folder_snapshot(project_dir)
    _fill_then_fail(monkeypatch)
    with open_project(project_dir) as project, pytest.raises(NoSpaceError) as raised:
        import_package(project, package)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("磁盘空间不足")
    assert "会议纪要.pdf" in message and str(project_dir) in message
    incoming = project_dir / "evidence" / ".incoming"
    assert not incoming.exists() or list(incoming.iterdir()) == []
    assert folder_snapshot(project_dir) == before


def test_cli_import_on_a_full_disk_prints_one_line(
    project_dir: Path,
    tmp_path: Path,
    make_pdf: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    package = _submission(project_dir, tmp_path, make_pdf)
    capsys.readouterr()
    _fill_then_fail(monkeypatch)
    code = main(["import", str(project_dir), str(package)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "磁盘空间不足" in err and "Traceback" not in err


def test_kit_on_a_full_disk_leaves_no_file_and_no_key(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write_package(target: Path, *args: Any, **kwargs: Any) -> None:
        target.write_bytes(b"PK partial")
        raise _enospc()

    monkeypatch.setattr("app.exchange.kits.write_package", write_package)
    out = tmp_path / "kits" / "司法局.zip"
    with open_project(project_dir) as project:
        with pytest.raises(NoSpaceError, match="磁盘空间不足") as raised:
            issue_kit(project, unit=A, out=out)
        with project.session() as session:
            keys = session.scalar(select(func.count()).select_from(UnitKey))
    assert "司法局.zip" in str(raised.value) and str(out.parent) in str(raised.value)
    assert list(out.parent.iterdir()) == []
    assert keys == 0


def test_freeze_on_a_full_disk_removes_its_folder(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def sqlite_copy(project: Any, target: Path) -> Path:
        target.write_bytes(b"SQLite partial")
        raise _enospc()

    monkeypatch.setattr("app.integrity.freeze._sqlite_copy", sqlite_copy)
    with open_project(project_dir) as project:
        with pytest.raises(NoSpaceError, match="磁盘空间不足"):
            freeze(project, label="截止前")
        assert list_freezes(project) == []
    exports = project_dir / "exports"
    assert not exports.exists() or not any(p.name.startswith("freeze-") for p in exports.iterdir())
