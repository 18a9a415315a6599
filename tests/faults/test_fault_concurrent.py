"""Two processes on one project at once: both finish correctly, or one is told the project is in use.

Both children import everything, print READY and wait on stdin; the test releases them together by
writing one line to each (a pipe barrier, no sleeps). Afterwards: every command exited 0, or exited 1
with one stderr line naming the folder (project in use); the database passes integrity_check, verify
is clean, what each successful command did is there and what each refused command would have done
is not. The normal run does each pairing once; ``-m slow`` repeats them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import (
    RUN_TIMEOUT,
    UNIT_A,
    UNIT_B,
    Committed,
    assert_database_ok,
    has_command,
    sha256_of,
    start,
    verify_clean_or_repaired,
    wait_ready,
    write_pdf,
    write_xlsx,
)

from indicator_catalog import Catalog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process tests")

IN_USE_WORDS = ("项目正被其他程序", "in use")


def together(*commands: list[str | Path]) -> list[tuple[int, str, str]]:
    """Start every command, wait until all are READY, release them at once; (code, out, err) each."""
    children = [start(args, wait_go=True) for args in commands]
    for child in children:
        wait_ready(child)
    for child in children:  # the barrier: one line each, written back to back
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        try:
            out, err = child.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            child.kill()
            raise
        results.append((child.returncode, out, err))
    return results


def assert_ok_or_in_use(result: tuple[int, str, str], folder: Path, *, exists_ok: bool = False) -> bool:
    """True if the command succeeded; otherwise it must be the one-line "in use" refusal."""
    code, _out, err = result
    if code == 0:
        return True
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, f"not one clear line: {err!r}"
    assert str(folder) in lines[0], f"the refusal does not name the folder: {lines[0]}"
    if exists_ok and code == 2 and "项目" in lines[0]:
        return False  # `init` of a folder the other `init` has just made: "project exists"
    assert code == 1 and any(word in lines[0] for word in IN_USE_WORDS), f"unexpected failure {code}: {err}"
    return False


def _files(folder: Path, tag: str) -> list[Path]:
    made = [write_pdf(folder / f"{tag}-{n}.pdf", pages=2, text=f"并发 {tag} {n}") for n in range(3)]
    made.append(write_pdf(folder / f"{tag}-扫描.pdf", pages=3, noise_kb=300, seed=len(tag)))
    made.append(write_xlsx(folder / f"{tag}-台账.xlsx", text=tag))
    return made


def _attach_args(folder: Path, unit: str, indicator: int, files: list[Path]) -> list[str | Path]:
    return ["attach", folder, "--unit", unit, "--indicator", str(indicator), *files, "--json"]


def _check_attaches(folder: Path, before: Committed, outcomes: list[tuple[bool, list[Path]]]) -> Committed:
    assert_database_ok(folder)
    verify_clean_or_repaired(folder)
    after = Committed.read(folder)
    before.assert_kept_in(after)
    added = after.active_shas() - before.active_shas()
    expected: set[str] = set()
    for succeeded, files in outcomes:
        if succeeded:
            expected |= {sha256_of(f) for f in files}
    assert added == expected, "what the successful commands attached (and only that) must be there"
    return after


def _rounds(request: pytest.FixtureRequest) -> int:
    return 6 if request.node.get_closest_marker("slow") else 1


def _attach_against_attach(tmp_path: Path, catalog: Catalog, rounds: int) -> None:
    from app.project.create import create_project

    folder = tmp_path / "项目"
    create_project(folder, county="测试县", year=2024, catalog=catalog)
    refused = 0
    for index in range(rounds):
        first, second = _files(tmp_path / "in", f"甲{index}"), _files(tmp_path / "in", f"乙{index}")
        before = Committed.read(folder)
        results = together(_attach_args(folder, UNIT_A, 1, first), _attach_args(folder, UNIT_B, 3, second))
        succeeded = [assert_ok_or_in_use(r, folder) for r in results]
        assert any(succeeded), "both attaches refused: one of them must get the project"
        refused += not all(succeeded)
        _check_attaches(folder, before, [(succeeded[0], first), (succeeded[1], second)])
        for ok, (_code, out, _err) in zip(succeeded, results, strict=True):
            if ok:
                assert len(json.loads(out)) == 5
    print(f"\n[faults] attach vs attach: {rounds} rounds, {refused} refused as in use")


def test_two_attaches_at_once(tmp_path: Path, fault_catalog: Catalog, request: pytest.FixtureRequest) -> None:
    _attach_against_attach(tmp_path, fault_catalog, _rounds(request))


@pytest.mark.slow
def test_two_attaches_at_once_many(
    tmp_path: Path, fault_catalog: Catalog, request: pytest.FixtureRequest
) -> None:
    _attach_against_attach(tmp_path, fault_catalog, _rounds(request))


def _exchange_setup(tmp_path: Path, catalog: Catalog) -> tuple[Path, Path]:
    from app.exchange.kits import init_from_kit, issue_kit
    from app.project.create import create_project
    from app.project.folder import open_project

    office = tmp_path / "办公室"
    create_project(office, county="测试县", year=2024, catalog=catalog)
    with open_project(office) as project:
        issue_kit(project, unit=UNIT_B, out=tmp_path / "kit.zip")
    workspace = tmp_path / "单位"
    init_from_kit(workspace, tmp_path / "kit.zip")
    return office, workspace


def _submission(tmp_path: Path, workspace: Path, tag: str) -> tuple[Path, set[str]]:
    from app.evidence.attach import attach, list_evidence
    from app.exchange.submit import submit
    from app.project.folder import open_project

    package = tmp_path / f"提交包{tag}.zip"
    with open_project(workspace) as project:
        attach(project, unit=UNIT_B, indicators=[3], files=_files(tmp_path / "unit-in", tag)[:3])
        shas = {r.sha256 for r in list_evidence(project)}
        submit(project, out=package)
    return package, shas


def _import_against_others(tmp_path: Path, catalog: Catalog, rounds: int) -> None:
    office, workspace = _exchange_setup(tmp_path, catalog)
    for index in range(rounds):
        package, shas = _submission(tmp_path, workspace, f"丙{index}")
        files = _files(tmp_path / "in", f"丁{index}")
        before = Committed.read(office)
        other: list[str | Path]
        if index % 2 == 0:
            other = _attach_args(office, UNIT_A, 1, files)
        else:
            other = ["verify", office, "--repair", "--json"]
        results = together(["import", office, package, "--json"], other)
        imported = assert_ok_or_in_use(results[0], office)
        other_ok = assert_ok_or_in_use(results[1], office)
        assert imported or other_ok
        assert_database_ok(office)
        verify_clean_or_repaired(office)
        after = Committed.read(office)
        before.assert_kept_in(after, may_supersede=True)
        assert after.active_shas(UNIT_B) == (shas if imported else before.active_shas(UNIT_B))
        attached = {sha256_of(f) for f in files} if (index % 2 == 0 and other_ok) else set()
        assert after.active_shas(UNIT_A) == before.active_shas(UNIT_A) | attached


def test_import_against_attach_and_repair(
    tmp_path: Path, fault_catalog: Catalog, request: pytest.FixtureRequest
) -> None:
    _import_against_others(tmp_path, fault_catalog, 2 * _rounds(request))


@pytest.mark.slow
def test_import_against_attach_and_repair_many(
    tmp_path: Path, fault_catalog: Catalog, request: pytest.FixtureRequest
) -> None:
    _import_against_others(tmp_path, fault_catalog, 2 * _rounds(request))


def test_export_while_attaching(tmp_path: Path, fault_catalog: Catalog) -> None:
    """An export reads while another process writes: both succeed; the output is a whole PDF."""
    if not has_command("app.cli.export"):
        pytest.skip("`fazhi export` is not available yet (app/cli_export.py missing)")
    from fault_helpers import valid_pdf_pages

    from app.assessment.levels import set_level
    from app.evidence.attach import attach
    from app.project.create import create_project
    from app.project.folder import open_project

    folder = tmp_path / "项目"
    create_project(folder, county="测试县", year=2024, catalog=fault_catalog)
    with open_project(folder) as project:
        attach(project, unit=UNIT_A, indicators=[1], files=_files(tmp_path / "base", "基础"))
        set_level(project, 1, "达标")
    before = Committed.read(folder)
    files = _files(tmp_path / "in", "戊")
    out = folder / "exports" / "报告.pdf"
    results = together(["export", "report", folder, "--out", out], _attach_args(folder, UNIT_A, 4, files))
    exported = assert_ok_or_in_use(results[0], folder)
    attached = assert_ok_or_in_use(results[1], folder)
    assert exported or attached
    if exported:
        assert valid_pdf_pages(out) > 0
    _check_attaches(folder, before, [(attached, files)])


def _init_against_init(tmp_path: Path, catalog_file: Path, rounds: int) -> dict[str, Any]:
    seen = {"both ok": 0, "one refused": 0}
    for index in range(rounds):
        folder = tmp_path / f"新项目{index}"
        args: list[str | Path] = [
            "init",
            folder,
            "--county",
            "测试县",
            "--year",
            "2024",
            "--catalog",
            catalog_file,
        ]
        results = together(args, args)
        succeeded = [assert_ok_or_in_use(r, folder, exists_ok=True) for r in results]
        assert succeeded.count(True) == 1, f"exactly one init makes the project: {results}"
        seen["one refused"] += 1
        assert_database_ok(folder)
        verify_clean_or_repaired(folder)
        log = Committed.read(folder).log
        assert [e["action"] for e in log].count("project.create") == 1
        # The loser must not have removed the winner's lock file (it would let a third writer in).
        assert (folder / ".fazhi.lock").exists(), "the refused init deleted the project's lock file"
    return seen


def test_two_inits_of_one_folder(
    tmp_path: Path, fault_catalog_file: Path, request: pytest.FixtureRequest
) -> None:
    _init_against_init(tmp_path, fault_catalog_file, 2 * _rounds(request))


@pytest.mark.slow
def test_two_inits_of_one_folder_many(
    tmp_path: Path, fault_catalog_file: Path, request: pytest.FixtureRequest
) -> None:
    _init_against_init(tmp_path, fault_catalog_file, 2 * _rounds(request))
