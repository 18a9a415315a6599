"""Shared machinery of the fault tests (tests/faults/): the killer, the checks, small inputs.

The operation under test always runs in a child process (``fault_driver.py`` running the ``fazhi``
command line). The checks after a kill use only public functions and the CLI:

- ``PRAGMA integrity_check`` / ``foreign_key_check`` on the database file itself, before anything
  else opens it;
- ``fazhi verify`` clean, or ``fazhi verify --repair`` moving orphans aside (counted, never deleted);
- everything committed before the killed operation started is still there (``Committed``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DRIVER = HERE / "fault_driver.py"
READY_TIMEOUT = 180.0  # seconds for the child to import everything (2 shared cores, xdist)
RUN_TIMEOUT = 300.0

UNIT_A = "县司法局"
UNIT_B = "县市场监督管理局"


def small_catalog_document() -> dict[str, Any]:
    """Two real units, a collective name and five indicators: enough for kits, imports and exports."""
    return {
        "id": "faults",
        "title": "故障测试指标体系",
        "units": [
            {"name": UNIT_A},
            {"name": UNIT_B, "aliases": ["县市场监管局"]},
            {"name": "县政府各工作部门", "collective": True},
        ],
        "areas": [
            {"code": "一", "name": "政府职能", "groups": [{"code": "一.1", "name": "放权"}]},
            {"code": "二", "name": "制度建设", "groups": [{"code": "二.1", "name": "规范性文件"}]},
        ],
        "indicators": [
            {"number": 1, "group": "一.1", "text": "权责清单", "units": [UNIT_A]},
            {"number": 2, "group": "一.1", "text": "执法监督", "units": [UNIT_A, UNIT_B]},
            {"number": 3, "group": "一.1", "text": "执法公示", "units": [UNIT_B]},
            {"number": 4, "group": "二.1", "text": "合法性审核", "units": [UNIT_A]},
            {"number": 5, "group": "二.1", "text": "备案审查", "units": ["县政府各工作部门"]},
        ],
        "bonus": [{"id": "B1", "text": "获得表彰", "max_points": 10}],
        "veto": [{"id": "V1", "text": "重大违法"}],
    }


# -- inputs -------------------------------------------------------------------------------------


def write_pdf(
    path: Path, pages: int = 2, text: str = "印证资料", *, noise_kb: int = 0, seed: int = 0
) -> Path:
    """A real PDF (reportlab); ``noise_kb`` > 0 adds an incompressible image per page (a scan's size)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont("STSong-Light", 14)
        pdf.drawString(72, 760, text)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 740, f"page {number}/{pages} seed {seed}")
        if noise_kb:
            from PIL import Image

            side = int((noise_kb * 1024 / 3) ** 0.5) + 1
            image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
            pdf.drawImage(ImageReader(image), 72, 200, width=400, height=400)
        pdf.showPage()
    pdf.save()
    return path


def write_xlsx(path: Path, rows: int = 5, text: str = "台账") -> Path:
    import openpyxl

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["序号", "事项", "说明"])
    for index in range(rows):
        sheet.append([index + 1, f"{text}{index}", "已办结"])
    workbook.save(path)
    return path


# -- running the CLI ----------------------------------------------------------------------------


def cli(*args: str | Path) -> tuple[int, str, str]:
    """``fazhi ARGS`` in this process: (exit code, stdout, stderr)."""
    from app.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def has_command(module: str) -> bool:
    """Whether the command-line area ``module`` (e.g. ``app.cli.export``) exists yet."""
    import importlib.util

    return importlib.util.find_spec(module) is not None


def driver_command(
    args: Sequence[str | Path], *, migrations: Path | None = None, wait_go: bool = False
) -> list[str]:
    command = [sys.executable, str(DRIVER)]
    if wait_go:
        command.append("--wait-go")
    if migrations is not None:
        command += ["--migrations", str(migrations)]
    return [*command, "--", *(str(a) for a in args)]


def start(
    args: Sequence[str | Path], *, migrations: Path | None = None, wait_go: bool = False
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        driver_command(args, migrations=migrations, wait_go=wait_go),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def wait_ready(child: subprocess.Popen[str]) -> None:
    """Block until the child printed READY (a reader thread, so a wedged child cannot hang the test)."""
    assert child.stdout is not None
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(child.stdout.readline() if child.stdout else ""))
    reader.daemon = True
    reader.start()
    reader.join(READY_TIMEOUT)
    if not got or got[0].strip() != "READY":
        child.kill()
        _out, err = child.communicate(timeout=60)
        raise AssertionError(f"driver did not start: {got!r} {err[-2000:]}")


@dataclass(frozen=True)
class Outcome:
    killed: bool  # SIGKILL landed while the command was still running
    returncode: int
    stdout: str
    stderr: str
    elapsed: float  # seconds from READY to exit or kill


def run_killed(args: Sequence[str | Path], delay: float | None, *, migrations: Path | None = None) -> Outcome:
    """Run ``fazhi ARGS`` in a child; SIGKILL it ``delay`` seconds after READY (``None``: never)."""
    child = start(args, migrations=migrations)
    wait_ready(child)
    started = time.monotonic()
    try:
        child.wait(timeout=RUN_TIMEOUT if delay is None else delay)
    except subprocess.TimeoutExpired:
        if delay is None:
            child.kill()
            raise
        child.send_signal(signal.SIGKILL)
    elapsed = time.monotonic() - started
    out, err = child.communicate(timeout=RUN_TIMEOUT)
    return Outcome(child.returncode == -signal.SIGKILL, child.returncode, out, err, elapsed)


def one_line_error(outcome_stderr: str) -> str:
    lines = [line for line in outcome_stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one stderr line, got: {outcome_stderr!r}"
    assert "Traceback" not in outcome_stderr
    return lines[0]


# -- checks -------------------------------------------------------------------------------------


def database_problems(folder: Path) -> list[str]:
    """SQLite's own checks on the file, opened directly (this also replays the WAL as any reader would)."""
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        rows = [str(r[0]) for r in connection.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        problems += [f"foreign key: {tuple(r)}" for r in connection.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        connection.close()


def assert_database_ok(folder: Path) -> None:
    problems = database_problems(folder)
    assert not problems, f"database corrupt after kill: {problems}"


def sha256_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def verify_clean_or_repaired(folder: Path) -> list[str]:
    """``fazhi verify``: clean, or only orphans that ``--repair`` moves aside. Returns what was moved."""
    code, out, err = cli("verify", folder, "--json")
    assert code in (0, 3), f"verify failed to run: {code} {err}"
    report = json.loads(out)
    repaired: list[str] = []
    if code == 3:
        kinds = {p["kind"] for p in report["problems"]}
        assert kinds == {"orphan"}, f"verify found more than orphans after a kill: {report['problems']}"
        orphans = {p["target"]: sha256_of(folder / p["target"]) for p in report["problems"]}
        code, out, err = cli("verify", folder, "--repair", "--json")
        assert code == 0, f"verify --repair left problems: {out} {err}"
        repaired = json.loads(out)["repaired"]
        assert len(repaired) == len(orphans)
        # Moved aside, never deleted: every orphan's bytes are now under evidence/orphans/.
        kept = {sha256_of(p) for p in files_under(folder / "evidence" / "orphans")}
        for target, digest in orphans.items():
            assert not (folder / target).exists() and digest in kept, f"orphan {target} not kept aside"
    else:
        # A writable open finishes interrupted attaches; run it so the store is tidy for the next trial.
        code, out, err = cli("verify", folder, "--repair", "--json")
        assert code == 0, f"verify --repair failed: {out} {err}"
    incoming = folder / "evidence" / ".incoming"
    leftovers = sorted(p.name for p in incoming.iterdir()) if incoming.is_dir() else []
    assert not leftovers, f"a writable open left interrupted files in evidence/.incoming: {leftovers}"
    code, out, err = cli("verify", folder, "--json")
    assert code == 0, f"verify not clean after repair: {out} {err}"
    return repaired


@dataclass(frozen=True)
class Committed:
    """What a project holds at one moment, read through the public core functions."""

    evidence: dict[int, dict[str, Any]]
    log: list[dict[str, Any]]

    @classmethod
    def read(cls, folder: Path) -> Committed:
        from app.evidence.attach import list_evidence
        from app.project.audit_log import list_log
        from app.project.folder import open_for_reading

        with open_for_reading(folder) as project:
            evidence = {r.id: r.to_json() for r in list_evidence(project, include_withdrawn=True)}
            log = [e.to_json() for e in list_log(project)]
        return cls(evidence, log)

    def active_shas(self, unit: str | None = None) -> set[str]:
        return {
            e["sha256"]
            for e in self.evidence.values()
            if e["status"] == "active" and (unit is None or e["unit"] == unit)
        }

    def new_log(self, later: Committed) -> list[dict[str, Any]]:
        return later.log[len(self.log) :]

    def assert_kept_in(self, later: Committed, *, may_supersede: bool = False) -> None:
        """Nothing committed here is lost or altered in ``later`` (a resubmission may supersede)."""
        assert later.log[: len(self.log)] == self.log, "audit log entries committed before the kill changed"
        for evidence_id, record in self.evidence.items():
            assert evidence_id in later.evidence, f"committed evidence {evidence_id} lost"
            now = later.evidence[evidence_id]
            if now != record:
                changed = {k for k in record if record[k] != now.get(k)}
                allowed = {"status"} if may_supersede else set()
                assert changed <= allowed and (not changed or now["status"] == "superseded"), (
                    f"committed evidence {evidence_id} changed: {changed} {record} -> {now}"
                )


def incoming_state(folder: Path) -> str:
    """What an interrupted attach left in ``evidence/.incoming`` (before any writer open tidies it)."""
    incoming = folder / "evidence" / ".incoming"
    names = [p.name for p in incoming.iterdir()] if incoming.is_dir() else []
    if any(name.endswith(".part") for name in names):
        return "left .part copy"
    return "left staged file" if names else "store tidy"


def valid_pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path, strict=False).pages)


def delays(seed: int, count: int, span: float, *, start: float = 0.0, end: float = 1.1) -> list[float]:
    """Seeded kill delays between ``start`` and ``end`` times ``span`` (the uninterrupted run's length).

    Stratified: one delay in each of ``count`` equal slices, in shuffled order, so even three
    trials land early, midway and late in the operation.
    """
    rng = random.Random(seed)
    width = span * (end - start) / count
    chosen = [
        rng.uniform(span * start + width * slot, span * start + width * (slot + 1)) for slot in range(count)
    ]
    rng.shuffle(chosen)
    return chosen


def env_seed(default: int) -> int:
    """``FAZHI_FAULT_SEED`` replays a reported run; otherwise the test's fixed seed."""
    return int(os.environ.get("FAZHI_FAULT_SEED", default))
