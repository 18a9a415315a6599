"""The hostile corpus (tests/hostile): time per case and peak memory per class of attack.

    python benchmarks/bench_hostile.py            # every class in its own process, then all in one
    python benchmarks/bench_hostile.py --classes zip format-bomb

Each run is a child process (``tests/hostile/hostile_corpus.py OUT.json CASE …``): it builds its
projects, puts every case of the class through the real CLI and reports each case's wall time and the
process's peak RSS (``ru_maxrss``). The baseline is a child that builds the projects and runs nothing.
Goals (issue 16): every case refused, no case over 30 s, peak RSS ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "hostile" / "hostile_corpus.py"
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
sys.path.insert(0, str(ROOT))

from hostile_corpus import CASES


def _child(names: list[str], work: Path) -> dict[str, object]:
    out = work / "out.json"
    subprocess.run([sys.executable, str(CORPUS), str(out), *names], check=True, timeout=1800)
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", nargs="*", help="only these classes (default: all)")
    args = parser.parse_args()
    classes = sorted({c.klass for c in CASES if not args.classes or c.klass in args.classes})
    print(f"load average: {os.getloadavg()}")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as work:
        base = _child(["no-such-case"], Path(work))
        print(f"baseline (office project only, no case): peak RSS {base['peak_rss_mb']:.0f} MB")
        for klass in classes:
            names = [c.name for c in CASES if c.klass == klass]
            result = _child(names, Path(work))
            cases = result["cases"]
            assert isinstance(cases, list)
            slowest = max(cases, key=lambda c: c["seconds"])
            failed = [c["name"] for c in cases if c["problems"]]
            worst = max(worst, float(slowest["seconds"]))
            print(
                f"{klass:12} {len(cases):3} cases  peak RSS {result['peak_rss_mb']:6.0f} MB  "
                f"slowest {slowest['name']} {slowest['seconds']:.2f} s  "
                f"total {sum(c['seconds'] for c in cases):.2f} s  failed: {failed or 'none'}"
            )
        if not args.classes:
            result = _child([], Path(work))
            cases = result["cases"]
            assert isinstance(cases, list)
            print(
                f"all {len(cases)} cases in one process: peak RSS {result['peak_rss_mb']:.0f} MB, "
                f"cases {sum(c['seconds'] for c in cases):.1f} s, failed: "
                f"{[c['name'] for c in cases if c['problems']] or 'none'}"
            )
    print(f"slowest case: {worst:.2f} s (goal < 30 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
