"""``verify`` never follows a store entry that is not a plain file: symlinks, hard links, folders."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app.evidence.attach import attach
from app.integrity.verify import verify
from app.project.folder import Project

MakeFile = Callable[..., Path]


def _stored(project: Project, tmp_path: Path, make_pdf: MakeFile) -> Path:
    record = attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")]).attached[
        0
    ]
    path = project.store.path_for(record.sha256)
    assert path.is_file() and verify(project).ok
    return path


def test_a_symlinked_store_entry_fails_even_when_its_target_has_the_right_bytes(
    project: Project, tmp_path: Path, make_pdf: MakeFile
) -> None:
    path = _stored(project, tmp_path, make_pdf)
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    report = verify(project)
    assert not report.ok
    assert [p.kind for p in report.problems] == ["link"]
    assert "符号链接" in report.problems[0].message and "a.pdf" in report.problems[0].message


def test_a_hard_linked_store_entry_fails(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    path = _stored(project, tmp_path, make_pdf)
    os.link(path, tmp_path / "second-name.pdf")
    report = verify(project)
    assert [p.kind for p in report.problems] == ["link"]
    assert "硬链接" in report.problems[0].message


def test_a_directory_in_place_of_a_store_entry_fails(
    project: Project, tmp_path: Path, make_pdf: MakeFile
) -> None:
    path = _stored(project, tmp_path, make_pdf)
    path.unlink()
    path.mkdir()
    report = verify(project)
    assert [p.kind for p in report.problems] == ["link"]
    assert "文件夹" in report.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_in_place_of_a_store_entry_fails_without_blocking(
    project: Project, tmp_path: Path, make_pdf: MakeFile
) -> None:
    path = _stored(project, tmp_path, make_pdf)
    path.unlink()
    os.mkfifo(path)
    report = verify(project)
    assert [p.kind for p in report.problems] == ["link"]
    assert "普通文件" in report.problems[0].message
