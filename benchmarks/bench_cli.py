"""Benchmark: the query commands on the demo county, interpreter start included (issue 12's goal).

    python benchmarks/bench_cli.py [--runs 7] [--work DIR]

Runs ``fazhi score DIR --json`` and ``fazhi evidence DIR --json`` in fresh processes, as a user does,
and prints the median and the best of the runs against the goal of 0.5 s each. The demo county is built
once under ``benchmarks/_work/demo`` and reused.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 0.5
COMMANDS = (("score", "--json"), ("evidence", "--json"))


def fazhi() -> list[str]:
    return [sys.executable, "-m", "app"]


def ensure_demo(folder: Path) -> None:
    if not (folder / "project.sqlite").exists():
        subprocess.run([*fazhi(), "demo", str(folder)], check=True, cwd=ROOT, capture_output=True)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "_work")
    args = parser.parse_args()
    demo = args.work / "demo"
    ensure_demo(demo)
    worst = 0.0
    for words in COMMANDS:
        command = [*fazhi(), words[0], str(demo), *words[1:]]
        timed(command)  # warm the page cache
        times = [timed(command) for _ in range(args.runs)]
        median = statistics.median(times)
        worst = max(worst, median)
        print(
            f"fazhi {' '.join(words)}: median {median:.3f} s, best {min(times):.3f} s "
            f"({args.runs} runs; goal ≤ {GOAL_S} s: {median / GOAL_S:.2f}×)"
        )
    return 0 if worst <= GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
