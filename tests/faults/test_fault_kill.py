"""Kill -9 at random moments during import, export, attach (CLI) and migration; nothing is lost.

Each operation runs as ``fazhi …`` in a child process (``fault_driver.py``). One uninterrupted run
measures how long the operation takes; then each trial kills the child after a seeded random delay
within that span, and checks:

- the database passes ``PRAGMA integrity_check`` and ``foreign_key_check``;
- ``fazhi verify`` is clean, or ``verify --repair`` moves orphans aside (never deletes them);
- everything committed before the killed operation started is still there, unchanged (evidence,
  withdrawn history, audit log), and the operation is all-or-nothing.

The normal run does 3 trials per operation (2 for the CLI attach); ``-m slow`` does 12 per operation,
72 in all. ``FAZHI_FAULT_SEED=N`` replays a run; ``-s`` prints where the kills landed. The short
random-kill test of the core's ``attach`` loop lives in tests/app/test_crash_attach.py; here attach is
driven through the command line (exit codes, printed records, audit log, withdrawn history, --repair).

Known bugs are recognised by the exact state they leave and reported as XFAIL with that state (they
pass once fixed): a killed ``init`` leaves a project.sqlite that neither opens nor can be made again,
and a killed upgrade leaves a half-applied migration (SQLite DDL outside the migration's transaction).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fault_driver import point_migrations_at
from fault_helpers import (
    UNIT_A,
    UNIT_B,
    Committed,
    Outcome,
    assert_database_ok,
    cli,
    delays,
    env_seed,
    has_command,
    incoming_state,
    one_line_error,
    run_killed,
    valid_pdf_pages,
    verify_clean_or_repaired,
    write_pdf,
    write_xlsx,
)

from indicator_catalog import Catalog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")

SHORT_TRIALS = 3
SLOW_TRIALS = 12  # per operation; 5 operations → 60 trials with -m slow


@dataclass
class Tally:
    """Where the kills landed, printed at the end of each test (``-s`` shows it)."""

    name: str
    killed: int = 0
    finished: int = 0
    span: float = 0.0
    phases: dict[str, int] = field(default_factory=dict)
    known_bug: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        self.killed += outcome.killed
        self.finished += not outcome.killed

    def note(self, phase: str) -> None:
        self.phases[phase] = self.phases.get(phase, 0) + 1

    def report(self) -> None:
        print(
            f"\n[faults] {self.name}: {self.killed} killed, {self.finished} finished "
            f"(uninterrupted run {self.span:.2f} s), phases {self.phases}"
        )
        if self.known_bug:
            pytest.xfail(f"{self.name}: {len(self.known_bug)} trial(s) hit a known bug: {self.known_bug[0]}")


def run_trials(
    tally: Tally,
    trials: int,
    seed: int,
    prepare: Callable[[int], tuple[list[str | Path], Any]],
    check: Callable[[int, Outcome, Any], None],
) -> None:
    """One uninterrupted calibration run (checked like a trial), then ``trials`` killed runs."""
    args, state = prepare(0)
    calibration = run_killed(args, None)
    assert calibration.returncode == 0, calibration.stderr
    check(0, calibration, state)
    tally.span = calibration.elapsed
    for index, delay in enumerate(delays(seed, trials, calibration.elapsed), start=1):
        args, state = prepare(index)
        outcome = run_killed(args, delay)
        check(index, outcome, state)
        tally.count(outcome)
    tally.report()


# -- attach through the CLI ---------------------------------------------------------------------


def _attach_inputs(folder: Path, index: int) -> list[Path]:
    made = [
        write_pdf(folder / f"第{index}批-案卷{n}.pdf", pages=3, text=f"案卷 {index}-{n}") for n in range(4)
    ]
    made.append(write_xlsx(folder / f"第{index}批-台账.xlsx", text=f"台账{index}-"))
    made.append(write_pdf(folder / f"第{index}批-扫描件.pdf", pages=4, noise_kb=300, seed=index))
    return made


def _attach_trials(tmp_path: Path, catalog: Catalog, trials: int, seed: int) -> None:
    from app.evidence.attach import list_evidence, withdraw
    from app.project.create import create_project
    from app.project.folder import open_project

    folder = tmp_path / "项目"
    create_project(folder, county="测试县", year=2024, catalog=catalog)
    tally = Tally("attach (CLI)")

    def prepare(index: int) -> tuple[list[str | Path], Any]:
        files = _attach_inputs(tmp_path / "inputs", index)
        before = Committed.read(folder)
        args: list[str | Path] = ["attach", folder, "--unit", UNIT_A, "--indicator", "1", "--indicator", "4"]
        return [*args, *files, "--json"], (before, files)

    def check(index: int, outcome: Outcome, state: Any) -> None:
        from fault_helpers import sha256_of

        before, files = state
        assert_database_ok(folder)
        tally.note(incoming_state(folder))
        if verify_clean_or_repaired(folder):
            tally.note("orphans moved aside")
        after = Committed.read(folder)
        before.assert_kept_in(after)
        wanted = {sha256_of(f) for f in files}
        added = after.active_shas() - before.active_shas()
        assert added in (set(), wanted), f"attach {index} is half there: {len(added)} of {len(wanted)}"
        if not outcome.killed:
            assert outcome.returncode == 0, outcome.stderr
            assert added == wanted
            assert {r["sha256"] for r in json.loads(outcome.stdout)} == wanted
        tally.note("committed" if added else "rolled back")
        if added:
            assert [e["action"] for e in before.new_log(after)] == ["evidence.attach"] * len(wanted)
        # Build up history the next trials must keep: withdraw one record of this batch.
        with open_project(folder) as project:
            active = [r for r in list_evidence(project) if r.sha256 in added]
            if active:
                withdraw(project, active[0].id, reason=f"第{index}轮故障测试撤回")

    run_trials(tally, trials, seed, prepare, check)


def test_kill_during_cli_attach(tmp_path: Path, fault_catalog: Catalog) -> None:
    _attach_trials(tmp_path, fault_catalog, SHORT_TRIALS - 1, env_seed(901))


@pytest.mark.slow
def test_kill_during_cli_attach_many(tmp_path: Path, fault_catalog: Catalog) -> None:
    _attach_trials(tmp_path, fault_catalog, SLOW_TRIALS, env_seed(9901))


# -- import of a submission package -------------------------------------------------------------


def _import_trials(tmp_path: Path, catalog: Catalog, trials: int, seed: int) -> None:
    from app.evidence.attach import attach, list_evidence
    from app.exchange.kits import init_from_kit, issue_kit
    from app.exchange.submit import submit
    from app.project.create import create_project
    from app.project.folder import open_project

    office = tmp_path / "办公室"
    workspace = tmp_path / "单位工作区"
    create_project(office, county="测试县", year=2024, catalog=catalog)
    with open_project(office) as project:
        attach(project, unit=UNIT_A, indicators=[1], files=_attach_inputs(tmp_path / "office-inputs", 0)[:3])
        issue_kit(project, unit=UNIT_B, out=tmp_path / "kit.zip")
    init_from_kit(workspace, tmp_path / "kit.zip")
    tally = Tally("import")

    def prepare(index: int) -> tuple[list[str | Path], Any]:
        files = [
            write_pdf(tmp_path / "unit-inputs" / f"公示{index}-{n}.pdf", pages=2, text=f"公示 {index}-{n}")
            for n in range(3)
        ]
        files.append(
            write_pdf(tmp_path / "unit-inputs" / f"扫描{index}.pdf", pages=3, noise_kb=400, seed=index)
        )
        package = tmp_path / "packages" / f"提交包{index}.zip"
        package.parent.mkdir(exist_ok=True)
        with open_project(workspace) as project:
            attach(project, unit=UNIT_B, indicators=[3], files=files)
            shas = {r.sha256 for r in list_evidence(project)}
            submit(project, out=package)
        return ["import", office, package, "--json"], (Committed.read(office), shas)

    def check(index: int, outcome: Outcome, state: Any) -> None:
        before, package_shas = state
        assert_database_ok(office)
        tally.note(incoming_state(office))
        if verify_clean_or_repaired(office):
            tally.note("orphans moved aside")
        after = Committed.read(office)
        before.assert_kept_in(after, may_supersede=True)
        unit_now = after.active_shas(UNIT_B)
        imported = any(e["action"].startswith("exchange.import") for e in before.new_log(after))
        assert unit_now in (before.active_shas(UNIT_B), package_shas), f"import {index} is half there"
        assert imported == (unit_now == package_shas), f"import {index}: evidence and audit log disagree"
        tally.note("committed" if imported else "rolled back")
        assert after.active_shas(UNIT_A) == before.active_shas(UNIT_A), "import touched another unit"
        if not outcome.killed:
            assert outcome.returncode == 0, outcome.stderr
            assert unit_now == package_shas
        if not imported:
            # The package was not taken in: importing it again now works, exactly once.
            code, _out, err = cli("import", office, tmp_path / "packages" / f"提交包{index}.zip")
            assert code == 0, err
            assert Committed.read(office).active_shas(UNIT_B) == package_shas

    run_trials(tally, trials, seed, prepare, check)


def test_kill_during_import(tmp_path: Path, fault_catalog: Catalog) -> None:
    _import_trials(tmp_path, fault_catalog, SHORT_TRIALS, env_seed(902))


@pytest.mark.slow
def test_kill_during_import_many(tmp_path: Path, fault_catalog: Catalog) -> None:
    _import_trials(tmp_path, fault_catalog, SLOW_TRIALS, env_seed(9902))


# -- exports ------------------------------------------------------------------------------------


def _export_project(tmp_path: Path, catalog: Catalog) -> Path:
    from app.assessment.levels import set_level
    from app.evidence.attach import attach
    from app.project.create import create_project
    from app.project.folder import open_project

    folder = tmp_path / "导出项目"
    create_project(folder, county="测试县", year=2024, catalog=catalog)
    inputs = tmp_path / "export-inputs"
    with open_project(folder) as project:
        for number, unit in ((1, UNIT_A), (2, UNIT_B), (3, UNIT_B), (4, UNIT_A)):
            files = [
                write_pdf(
                    inputs / f"{number}-{n}.pdf", pages=3, text=f"第{number}项 材料{n}", noise_kb=120, seed=n
                )
                for n in range(3)
            ]
            files.append(write_xlsx(inputs / f"{number}-台账.xlsx", rows=30, text=f"第{number}项"))
            attach(project, unit=unit, indicators=[number], files=files)
            set_level(project, number, "达标", comment="材料齐全")
    return folder


def _export_trials(tmp_path: Path, catalog: Catalog, kind: str, trials: int, seed: int) -> None:
    if not has_command("app.cli.export"):
        pytest.skip("`fazhi export` is not available yet (app/cli_export.py missing)")
    folder = _export_project(tmp_path, catalog)
    exports = folder / "exports"
    tally = Tally(f"export {kind}")

    def prepare(index: int) -> tuple[list[str | Path], Any]:
        out = exports / f"{kind}-{index}.pdf"
        return ["export", kind, folder, "--out", out], (Committed.read(folder), out)

    def check(index: int, outcome: Outcome, state: Any) -> None:
        before, out = state
        assert_database_ok(folder)
        if verify_clean_or_repaired(folder):
            tally.note("orphans moved aside")
        after = Committed.read(folder)
        before.assert_kept_in(after)
        assert after.evidence == before.evidence, "an export changed evidence"
        if not outcome.killed:
            assert outcome.returncode == 0, outcome.stderr
            assert out.is_file()
        if out.exists():  # the output appears whole or not at all
            assert valid_pdf_pages(out) > 0
        visible = [p for p in exports.iterdir() if not p.name.startswith(".")]
        for path in visible:
            assert path.suffix == ".pdf" and valid_pdf_pages(path) > 0, f"half-written export {path.name}"
        hidden = [p.name for p in exports.iterdir() if p.name.startswith(".")]
        tally.note("hidden temp left" if hidden else "no temp left")

    run_trials(tally, trials, seed, prepare, check)


@pytest.mark.parametrize("kind", ["report", "bundle"])
def test_kill_during_export(tmp_path: Path, fault_catalog: Catalog, kind: str) -> None:
    _export_trials(tmp_path, fault_catalog, kind, SHORT_TRIALS, env_seed(903))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["report", "bundle"])
def test_kill_during_export_many(tmp_path: Path, fault_catalog: Catalog, kind: str) -> None:
    _export_trials(tmp_path, fault_catalog, kind, SLOW_TRIALS, env_seed(9903))


# -- migration: the initial one (fazhi init) ----------------------------------------------------

HALF_INIT = (
    "a killed `fazhi init` left a project.sqlite that neither opens nor can be initialised again "
    "(migrations run their DDL outside a transaction / create_project is not atomic; app/project.py, "
    "models/migrate.py)"
)


def _schema_state(database: Path) -> dict[str, Any]:
    connection = sqlite3.connect(database)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        projects = (
            connection.execute("SELECT count(*) FROM project").fetchone()[0] if "project" in tables else 0
        )
        return {"tables": len(tables), "revision": revision, "project_rows": projects}
    finally:
        connection.close()


def _init_trials(tmp_path: Path, catalog_file: Path, trials: int, seed: int) -> None:
    tally = Tally("init (initial migration)")

    def init_args(folder: Path) -> list[str | Path]:
        return ["init", folder, "--county", "测试县", "--year", "2024", "--catalog", catalog_file, "--json"]

    def prepare(index: int) -> tuple[list[str | Path], Any]:
        folder = tmp_path / f"新项目{index}"
        return init_args(folder), folder

    def check(index: int, outcome: Outcome, folder: Path) -> None:
        database = folder / "project.sqlite"
        if not outcome.killed:
            assert outcome.returncode == 0, outcome.stderr
        if not database.exists():
            tally.note("before database")
            code, _out, err = cli(*init_args(folder))  # nothing there yet: init simply runs again
            assert code == 0, err
        else:
            assert_database_ok(folder)
            state = _schema_state(database)
            code, _out, err = cli("evidence", folder, "--json")
            if code != 0:
                again, _out2, err2 = cli(*init_args(folder))
                if again != 0:
                    tally.known_bug.append(
                        f"{HALF_INIT}: state {state}; open: {err.strip()}; init: {err2.strip()}"
                    )
                    tally.note("stuck")
                    shutil.rmtree(folder)
                    return
            phase = "complete" if state["project_rows"] else "schema only"
            tally.note(phase)
        verify_clean_or_repaired(folder)
        created = [e for e in Committed.read(folder).log if e["action"] == "project.create"]
        assert len(created) == 1
        shutil.rmtree(folder)

    run_trials(tally, trials, seed, prepare, check)


def test_kill_during_init(tmp_path: Path, fault_catalog_file: Path) -> None:
    _init_trials(tmp_path, fault_catalog_file, SHORT_TRIALS, env_seed(904))


@pytest.mark.slow
def test_kill_during_init_many(tmp_path: Path, fault_catalog_file: Path) -> None:
    _init_trials(tmp_path, fault_catalog_file, SLOW_TRIALS, env_seed(9904))


# -- migration: open_project's backup copy and upgrade ------------------------------------------

PROBE_REVISION = "fault_probe"
PROBE_ROWS = 150_000
HALF_UPGRADE = (
    "a kill during open_project's upgrade left the migration half applied (DDL committed, revision "
    "unchanged), so the next open fails; SQLite DDL runs outside the migration's transaction "
    "(pysqlite autocommits DDL; app/project.py engine / models/migrate.py)"
)


def _probe_migrations(tmp_path: Path) -> Path:
    """The shipped migrations plus one test-only newer revision whose upgrade takes a moment."""
    from models import migrate

    target = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "versions" / "9999_fault_probe.py").write_text(
        f'''"""Test-only revision (tests/faults): a newer schema whose upgrade takes a moment."""

import sqlalchemy as sa
from alembic import op

revision = "{PROBE_REVISION}"
down_revision = "{migrate.head_revision()}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fault_probe",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PROBE_ROWS}) "
        "INSERT INTO fault_probe (id, payload) SELECT i, hex(randomblob(40)) FROM n"
    )
    op.add_column("project", sa.Column("fault_probe_note", sa.Text, nullable=True))
    op.execute("UPDATE project SET fault_probe_note = 'migrated'")


def downgrade() -> None:
    op.drop_column("project", "fault_probe_note")
    op.drop_table("fault_probe")
''',
        encoding="utf-8",
    )
    return target


def _upgrade_state(database: Path) -> dict[str, Any]:
    connection = sqlite3.connect(database)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {r[1] for r in connection.execute("PRAGMA table_info(project)")}
        rows = (
            connection.execute("SELECT count(*) FROM fault_probe").fetchone()[0]
            if "fault_probe" in tables
            else 0
        )
        note = (
            connection.execute("SELECT fault_probe_note FROM project").fetchone()[0]
            if "fault_probe_note" in columns
            else None
        )
        return {
            "revision": revision,
            "probe_table": "fault_probe" in tables,
            "probe_rows": rows,
            "column": "fault_probe_note" in columns,
            "note": note,
        }
    finally:
        connection.close()


def _complete_backups(folder: Path, old_revision: str) -> tuple[int, int]:
    """(complete, unusable) backup copies in ``backups/``; complete = whole old database."""
    complete = unusable = 0
    for path in sorted((folder / "backups").glob("*.sqlite")):
        try:
            connection = sqlite3.connect(path)
            try:
                ok = [r[0] for r in connection.execute("PRAGMA integrity_check")] == ["ok"]
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
                projects = connection.execute("SELECT count(*) FROM project").fetchone()[0]
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            ok, revision, projects = False, None, 0
        if ok and revision == old_revision and projects == 1:
            complete += 1
        else:
            unusable += 1
    return complete, unusable


def _upgrade_trials(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, trials: int, seed: int
) -> None:
    from app.evidence.attach import attach, list_evidence, withdraw
    from app.project.create import create_project
    from app.project.folder import open_project
    from models import migrate

    old_revision = migrate.head_revision()
    template = tmp_path / "旧版本项目"
    create_project(template, county="测试县", year=2024, catalog=catalog)
    with open_project(template) as project:
        attach(project, unit=UNIT_A, indicators=[1], files=_attach_inputs(tmp_path / "inputs", 0))
        withdraw(project, list_evidence(project)[0].id, reason="升级前撤回")
        # A database of a few MB, so the backup copy before the upgrade takes a moment too.
        project.update_settings({"fault_padding": "填充" * 1_000_000})
    before = Committed.read(template)
    migrations = _probe_migrations(tmp_path)
    tally = Tally("open_project upgrade (backup + migration)")
    hits: list[str] = []

    def one(index: int, delay: float | None) -> Outcome:
        folder = tmp_path / f"升级{index}"
        shutil.copytree(template, folder)
        outcome = run_killed(["evidence", folder, "--all", "--json"], delay, migrations=migrations)
        assert_database_ok(folder)
        state = _upgrade_state(folder / "project.sqlite")
        complete, unusable = _complete_backups(folder, old_revision)
        migrated = state["revision"] == PROBE_REVISION
        if migrated:
            assert state == {
                "revision": PROBE_REVISION,
                "probe_table": True,
                "probe_rows": PROBE_ROWS,
                "column": True,
                "note": "migrated",
            }, f"upgrade committed partly: {state}"
            assert complete >= 1, "migrated without a complete backup of the old database"
            phase = "after upgrade"
        else:
            assert state["revision"] == old_revision
            if state["probe_table"] or state["column"]:
                tally.note("half applied")
                again = run_killed(["evidence", folder, "--json"], None, migrations=migrations)
                if again.returncode != 0:
                    hits.append(f"{HALF_UPGRADE}: state after kill {state}; reopen: {again.stderr.strip()}")
                    shutil.rmtree(folder)
                    return outcome
            phase = "during upgrade" if complete else ("during backup" if unusable else "before backup")
        if not outcome.killed:
            assert outcome.returncode == 0, outcome.stderr
        tally.note(phase)
        if unusable:
            tally.note("unusable backup left")
        # Reopen (uninterrupted): the upgrade finishes, nothing committed before is lost.
        reopened = run_killed(["evidence", folder, "--all", "--json"], None, migrations=migrations)
        assert reopened.returncode == 0, reopened.stderr
        assert _upgrade_state(folder / "project.sqlite")["note"] == "migrated"
        with monkeypatch.context() as patch:
            patch.setattr(migrate, "MIGRATIONS_DIR", migrate.MIGRATIONS_DIR)
            if hasattr(migrate, "HEAD_REVISION"):
                patch.setattr(migrate, "HEAD_REVISION", migrate.HEAD_REVISION)
            point_migrations_at(migrations)  # undone by the patch context
            verify_clean_or_repaired(folder)
            after = Committed.read(folder)
        before.assert_kept_in(after)
        assert after.evidence == before.evidence
        assert {r["id"] for r in json.loads(reopened.stdout)} == set(before.evidence)
        shutil.rmtree(folder)
        return outcome

    calibration = one(0, None)
    assert calibration.returncode == 0, calibration.stderr
    tally.span = calibration.elapsed
    # Half the kills over the whole run, half early on, where the backup copy and the upgrade start.
    spread = delays(seed, trials - trials // 2, calibration.elapsed)
    early = delays(seed + 1, trials // 2, calibration.elapsed, start=0.1, end=0.45)
    for index, delay in enumerate(spread + early, start=1):
        tally.count(one(index, delay))
    tally.known_bug.extend(hits)
    tally.report()


def test_kill_during_upgrade(tmp_path: Path, fault_catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    _upgrade_trials(tmp_path, fault_catalog, monkeypatch, SHORT_TRIALS, env_seed(905))


@pytest.mark.slow
def test_kill_during_upgrade_many(
    tmp_path: Path, fault_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    _upgrade_trials(tmp_path, fault_catalog, monkeypatch, SLOW_TRIALS, env_seed(9905))


def test_failed_command_is_one_line(tmp_path: Path) -> None:
    """The helper's own contract check, on a real refusal: a missing project folder."""
    outcome = run_killed(["evidence", tmp_path / "没有这个项目"], None)
    assert outcome.returncode == 1
    assert str(tmp_path / "没有这个项目") in one_line_error(outcome.stderr)
