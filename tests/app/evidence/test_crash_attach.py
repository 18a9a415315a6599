"""Crash safety: a process attaching evidence is killed (SIGKILL) at random moments.

After every kill the project opens, ``verify`` finds nothing wrong, every batch the child reported as
committed is there with its file, and every batch is all-or-nothing (one ``attach`` call of three
files is one transaction). The normal run kills 5 times; ``-m slow`` kills 40 times with bigger files.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.evidence.attach import evidence_path, list_evidence
from app.integrity.verify import verify
from app.project.folder import open_project

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

ROOT = Path(__file__).resolve().parents[3]
BATCH = 3

CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from app.evidence.attach import attach
    from app.project.folder import open_project

    folder, plan = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    with open_project(folder) as project:
        print("open", flush=True)
        for index, batch in enumerate(plan):
            attach(project, unit="县司法局", indicators=[1], files=[Path(f) for f in batch])
            print(json.dumps({"batch": index}), flush=True)
    print("done", flush=True)
    """
)


def _padded_pdf(index: int, padding: int) -> bytes:
    """A valid one-page PDF made unique (and as big as wanted) by an unreferenced stream object."""
    import io

    filler = os.urandom(padding)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        4: b"<< /Length %d /Index %d >>\nstream\n%s\nendstream" % (len(filler), index, filler),
    }
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 5\n0000000000 65535 f \n")
    for number in range(1, 5):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % start)
    return out.getvalue()


def _make_inputs(tmp_path: Path, count: int, padding: int) -> list[list[str]]:
    files = []
    for index in range(count):
        path = tmp_path / "inputs" / f"案卷{index:03}.pdf"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(_padded_pdf(index, padding))
        files.append(str(path))
    return [files[i : i + BATCH] for i in range(0, len(files), BATCH)]


def _check(folder: Path, plan: list[list[str]], committed: set[int]) -> int:
    """Open (recovering), verify, and check committed batches and atomicity; returns batches present."""
    import hashlib

    with open_project(folder) as project:
        report = verify(project)
        assert report.ok, [str(p) for p in report.problems]
        assert not any(project.store.incoming.iterdir())
        present = {record.sha256 for record in list_evidence(project)}
        for record in list_evidence(project):
            assert evidence_path(project, record.sha256).is_file()
    batches_present = 0
    for index, batch in enumerate(plan):
        hashes = {hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in batch}
        inside = hashes & present
        assert inside in (set(), hashes), f"batch {index} is half there"
        if index in committed:
            assert inside == hashes, f"committed batch {index} lost"
        batches_present += bool(inside)
    return batches_present


def _kill_loop(folder: Path, plan: list[list[str]], kills: int, seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    committed: set[int] = set()
    stats = {"kills": 0, "mid-copy": 0, "staged": 0}  # where the kills landed (printed with -s)
    done_kills = 0
    finished = False
    while done_kills < kills and not finished:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(folder), str(plan_file)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        # Let a random number of batches commit, then kill at a random moment inside the next one.
        for _ in range(rng.randrange(0, 3)):
            line = child.stdout.readline().strip()
            if not line or line == "done":
                finished = True
                break
            committed.add(json.loads(line)["batch"])
        if not finished:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=60)
        for line in out.splitlines():
            if line.startswith("{"):
                committed.add(json.loads(line)["batch"])
            if line.strip() == "done":
                finished = True
        if child.returncode == -signal.SIGKILL:
            done_kills += 1
        incoming = folder / "evidence" / ".incoming"
        leftovers = [p.name for p in incoming.iterdir()] if incoming.is_dir() else []
        stats["kills"] += 1
        stats["mid-copy"] += any(name.endswith(".part") for name in leftovers)
        stats["staged"] += any(not name.endswith(".part") for name in leftovers)
        _check(folder, plan, committed)
    # Finally let it run to the end: everything is attached exactly once.
    completion = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(plan_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completion.returncode == 0, completion.stderr
    assert _check(folder, plan, set(range(len(plan)))) == len(plan)
    with open_project(folder, readonly=True) as project:
        assert len(list_evidence(project)) == sum(len(b) for b in plan)
    print(f"crash test (seed {seed}): {stats}")


def test_kill_while_attaching_short(project_dir: Path, tmp_path: Path) -> None:
    plan = _make_inputs(tmp_path, count=24, padding=200_000)
    _kill_loop(project_dir, plan, kills=5, seed=1234, tmp_path=tmp_path)


@pytest.mark.slow
def test_kill_while_attaching_long(project_dir: Path, tmp_path: Path) -> None:
    plan = _make_inputs(tmp_path, count=150, padding=2_000_000)
    _kill_loop(project_dir, plan, kills=40, seed=int.from_bytes(os.urandom(4), "big"), tmp_path=tmp_path)
