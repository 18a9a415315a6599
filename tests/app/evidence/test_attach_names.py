"""A unit workspace applies the office import's file-name rule at attach; names print escaped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.base.errors import RefusedFileError
from app.cli.main import main
from app.evidence.attach import attach
from app.exchange.kits import init_from_kit, issue_kit
from app.export.service import collect_report_data
from app.project.folder import Project, open_project

MakeFile = Callable[..., Path]
Snapshot = Callable[[Path], dict[str, str]]


@pytest.fixture
def unit_workspace(project_dir: Path, tmp_path: Path) -> Path:
    with open_project(project_dir) as office:
        issue_kit(office, unit="县司法局", out=tmp_path / "kit.zip")
    init_from_kit(tmp_path / "unit", tmp_path / "kit.zip")
    return tmp_path / "unit"


def test_unit_attach_refuses_a_name_the_office_would_refuse(
    unit_workspace: Path, tmp_path: Path, make_pdf: MakeFile, folder_snapshot: Snapshot
) -> None:
    bad = make_pdf(tmp_path / "案卷\x1b[31m红.pdf")
    before = folder_snapshot(unit_workspace)
    with open_project(unit_workspace) as project, pytest.raises(RefusedFileError) as refused:
        attach(project, unit="县司法局", indicators=[3], files=[bad])
    message = str(refused.value)
    assert "控制字符（U+001B）" in message and "\x1b" not in message and "[U+001B]" in message
    assert folder_snapshot(unit_workspace) == before


def test_unit_attach_keeps_harmless_odd_names(
    unit_workspace: Path, tmp_path: Path, make_pdf: MakeFile
) -> None:
    pdf = make_pdf(tmp_path / "发票\u202efdp.pdf")
    with open_project(unit_workspace) as project:
        record = attach(project, unit="县司法局", indicators=[3], files=[pdf]).attached[0]
    assert record.filename == "发票\u202efdp.pdf"  # stored as it is, only shown escaped


def _attach_odd(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    pdf = make_pdf(tmp_path / "发票\u202efdp\u2028第二行.pdf")
    attach(project, unit="县司法局", indicators=[1], files=[pdf], title="标题\u202e反转")


def test_evidence_listing_prints_names_escaped(
    project: Project,
    project_dir: Path,
    tmp_path: Path,
    make_pdf: MakeFile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _attach_odd(project, tmp_path, make_pdf)
    project.close()
    assert main(["evidence", str(project_dir)]) == 0
    out = capsys.readouterr().out
    assert "发票[U+202E]fdp[U+2028]第二行.pdf" in out
    assert "\u202e" not in out and "\u2028" not in out
    assert main(["evidence", str(project_dir), "--json"]) == 0
    data: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert data[0]["filename"] == "发票\u202efdp\u2028第二行.pdf"  # JSON keeps the real name


def test_exports_get_display_safe_names(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    _attach_odd(project, tmp_path, make_pdf)
    data = collect_report_data(project)
    item = data.evidence[0]
    assert item.filename == "发票[U+202E]fdp[U+2028]第二行.pdf"
    assert item.title == "标题[U+202E]反转"
