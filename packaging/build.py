#!/usr/bin/env python3
"""Build the one-folder program with PyInstaller and smoke-test it.

    .venv/bin/python packaging/build.py            # build into dist/fazhi and run the smoke test
    .venv/bin/python packaging/build.py --no-test  # build only

The smoke test runs the *built* program, not the source tree: it creates the demo county, writes the
self-evaluation report and checks the PDF's text, then opens the window offscreen and lets it quit by
itself (FAZHI_QUIT_AFTER_MS). It needs no display.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def build() -> Path:
    subprocess.run([sys.executable, "-m", "pip", "install", "pyinstaller>=6.5"], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "packaging" / "fazhi.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    exe = DIST / "fazhi" / ("fazhi.exe" if os.name == "nt" else "fazhi")
    print(f"built {exe}")
    return exe


def smoke_test(exe: Path) -> None:
    from pypdf import PdfReader

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FAZHI_QUIT_AFTER_MS="3000")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "demo"
        report = Path(tmp) / "report.pdf"
        subprocess.run([str(exe), "catalog", "list"], check=True, env=env)
        subprocess.run([str(exe), "demo", str(project)], check=True, env=env)
        subprocess.run([str(exe), "verify", str(project)], check=True, env=env)
        subprocess.run(
            [str(exe), "export", "report", str(project), "--out", str(report)], check=True, env=env
        )
        text = "".join(page.extract_text() or "" for page in PdfReader(report).pages[:3])
        if "自评报告" not in text:
            raise SystemExit(f"smoke test: the built program's report lacks its title: {text[:200]!r}")
        subprocess.run([str(exe), "gui", str(project)], check=True, env=env, timeout=120)
    print("smoke test passed: demo, verify, report, window")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-test", action="store_true")
    args = parser.parse_args()
    exe = build()
    if not args.no_test:
        smoke_test(exe)
    return 0


if __name__ == "__main__":
    sys.exit(main())
