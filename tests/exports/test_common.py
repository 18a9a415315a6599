"""Leftovers of a killed export are swept on the next run; a live export's temporaries are not."""

from __future__ import annotations

import os
import time
from pathlib import Path

from exports.common import STALE_TEMPORARY_SECONDS, atomic_output, sweep_stale_temporaries


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_part_files_of_the_same_target_are_swept(tmp_path: Path) -> None:
    stale = tmp_path / ".报告.pdf.abc123.part"
    fresh = tmp_path / ".报告.pdf.def456.part"
    other = tmp_path / ".其他.pdf.xyz.part"
    for path in (stale, fresh, other):
        path.write_bytes(b"half")
    _age(stale, STALE_TEMPORARY_SECONDS + 60)
    _age(other, STALE_TEMPORARY_SECONDS + 60)

    with atomic_output(tmp_path / "报告.pdf") as temp:
        temp.write_bytes(b"%PDF-1.7 whole")

    assert (tmp_path / "报告.pdf").read_bytes() == b"%PDF-1.7 whole"
    assert not stale.exists()
    assert fresh.exists()  # may belong to an export still running
    assert other.exists()  # another target's: not ours to judge here


def test_stale_bundle_work_folders_are_swept(tmp_path: Path) -> None:
    stale = tmp_path / ".fazhi-bundle-old"
    stale.mkdir()
    (stale / "page.pdf").write_bytes(b"x")
    _age(stale, STALE_TEMPORARY_SECONDS + 60)
    live = tmp_path / ".fazhi-bundle-live"
    live.mkdir()

    removed = sweep_stale_temporaries(tmp_path, ".fazhi-bundle-*")

    assert removed == [stale]
    assert not stale.exists() and live.exists()
