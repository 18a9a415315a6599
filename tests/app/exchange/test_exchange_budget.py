"""The import's time budget: too slow in all, or one parse too slow, refuses the whole package in one
line, leaves the project unchanged and ``evidence/.incoming`` empty."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.evidence.attach import attach
from app.evidence.formats.text import ExtractedText
from app.exchange import receive
from app.exchange.importing import IMPORT_SECONDS_SETTING, PARSE_SECONDS_SETTING, import_package
from app.exchange.kits import init_from_kit, issue_kit
from app.exchange.package import PackageError
from app.exchange.receive import ImportResult
from app.exchange.submit import submit
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import catalog_from_document

Snapshot = Callable[[Path], dict[str, str]]
MakeFile = Callable[..., Path]
A = "县司法局"


@pytest.fixture
def office_and_package(
    tmp_path: Path, small_catalog_document: dict[str, Any], make_pdf: MakeFile
) -> tuple[Path, Path]:
    office, unit, kit = tmp_path / "office", tmp_path / "unit", tmp_path / "kit.zip"
    create_project(
        office, county="测试县", year=2024, catalog=catalog_from_document(small_catalog_document, "t")
    )
    with open_project(office) as project:
        issue_kit(project, unit=A, out=kit)
    init_from_kit(unit, kit)
    files = [make_pdf(tmp_path / f"案卷{n}.pdf", text=f"case {n}") for n in range(4)]
    with open_project(unit) as project:
        attach(project, unit=A, indicators=[3], files=files)
        submit(project, out=tmp_path / "package.zip")
    return office, tmp_path / "package.zip"


def _slow_parser(seconds: float) -> Callable[..., ExtractedText]:
    """A text extractor that keeps the CPU busy for ``seconds`` (a slow-to-parse PDF)."""

    def extract(*_args: object, **_kwargs: object) -> ExtractedText:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            pass
        return ExtractedText(["x"], ["text"])

    return extract


def _incoming(office: Path) -> list[str]:
    folder = office / "evidence" / ".incoming"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_an_import_over_its_budget_is_refused_whole(
    office_and_package: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, folder_snapshot: Snapshot
) -> None:
    office, package = office_and_package
    monkeypatch.setattr(receive, "extract_text", _slow_parser(0.3))
    before = folder_snapshot(office)
    started = time.monotonic()
    with open_project(office) as project, pytest.raises(PackageError) as refused:
        import_package(project, package, budget_seconds=0.5)
    assert time.monotonic() - started < 5
    message = str(refused.value)
    assert message.startswith(f"{package}: ") and "\n" not in message
    assert "导入超时：超过 0.5 秒" in message and "/4 个文件" in message
    assert folder_snapshot(office) == before
    assert _incoming(office) == []


def test_the_budget_is_a_project_setting(
    office_and_package: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    office, package = office_and_package
    with open_project(office) as project:
        project.update_settings({IMPORT_SECONDS_SETTING: 0.4})
    monkeypatch.setattr(receive, "extract_text", _slow_parser(0.25))
    with open_project(office) as project, pytest.raises(PackageError, match=r"导入超时：超过 0\.4 秒"):
        import_package(project, package)
    assert _incoming(office) == []


def test_one_parse_over_its_own_budget_is_refused(
    office_and_package: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, folder_snapshot: Snapshot
) -> None:
    office, package = office_and_package
    with open_project(office) as project:
        project.update_settings({PARSE_SECONDS_SETTING: 0.2})
    before = folder_snapshot(office)
    monkeypatch.setattr(receive, "extract_text", _slow_parser(20))
    started = time.monotonic()
    with open_project(office) as project, pytest.raises(PackageError) as refused:
        import_package(project, package)
    assert time.monotonic() - started < 5
    assert "解析超时（超过 0.2 秒）" in str(refused.value)
    assert folder_snapshot(office) == before
    assert _incoming(office) == []


def test_within_budget_it_imports(office_and_package: tuple[Path, Path]) -> None:
    office, package = office_and_package
    with open_project(office) as project:
        result = import_package(project, package, budget_seconds=60)
    assert isinstance(result, ImportResult) and len(result.added) == 4


def test_stale_incoming_leftovers_are_cleaned_at_open(office_and_package: tuple[Path, Path]) -> None:
    office, _package = office_and_package
    incoming = office / "evidence" / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    (incoming / "tmp1234.part").write_bytes(b"half a file")
    (incoming / ("ab" * 32)).write_bytes(b"staged but never committed")
    with open_project(office):
        pass
    assert _incoming(office) == []
