"""Benchmark: attaching a few hundred PDFs vs. ``cp`` + ``sha256sum`` of the same files.

Generates PDFs that look like scanned evidence (a few text pages made with reportlab plus an image-sized
stream), attaches them all in one ``attach`` call to a fresh project, and times the same bytes copied
with ``cp`` and hashed with ``sha256sum``. Prints the figures and the ratio (goal: at most 1.5×).

    python benchmarks/bench_attach.py [--count 300] [--size-kb 400] [--keep DIR]

The attach figure includes what ``cp`` does not: checking every PDF with pypdf, fsync of every file and
directory (crash safety), and one database transaction. A second reference adds ``sync`` to ``cp``.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_pdfs(folder: Path, count: int, size_kb: int, seed: int = 7) -> list[Path]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
        pages = rng.randint(1, 5)
        for page in range(pages):
            pdf.setFont("STSong-Light", 14)
            pdf.drawString(72, 760, f"行政执法案卷 第{index}号 第{page + 1}页")
            # Scans are mostly image data: an incompressible blob drawn as a tiny inline annotation.
            blob = rng.randbytes(size_kb * 1024 // pages).hex()
            text = pdf.beginText(72, 700)
            text.setFont("Helvetica", 1)
            for start in range(0, len(blob), 4096):
                text.textLine(blob[start : start + 4096])
            pdf.drawText(text)
            pdf.showPage()
        pdf.save()
        path = folder / f"案卷{index:04}.pdf"
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    return paths


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--size-kb", type=int, default=400, help="approximate size of each PDF")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()

    from app.evidence.attach import attach
    from app.project.create import create_project
    from app.project.folder import open_project
    from indicator_catalog import load_builtin

    work = args.keep or Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        files = make_pdfs(work / "inputs", args.count, args.size_kb)
        total = sum(p.stat().st_size for p in files)
        for path in files:  # warm the page cache for both sides alike
            path.read_bytes()

        # Reference: cp + sha256sum of the same files (one invocation each).
        names = [str(p) for p in files]
        copy_dir = work / "cp-target"
        copy_dir.mkdir()
        t_cp = timed(["cp", *names, str(copy_dir)])
        t_sha = timed(["sha256sum", *names])
        reference = t_cp + t_sha
        shutil.rmtree(copy_dir)
        copy_dir.mkdir()
        t_cp_sync = timed(["sh", "-c", 'cp "$@" && sync', "cp", *names, str(copy_dir)])
        reference_sync = t_cp_sync + t_sha

        # fazhi: one attach call (in-process), then the CLI end to end.
        folder = work / "project"
        create_project(
            folder, county="基准县", year=2024, catalog=load_builtin("national-2021"), actor="bench"
        )
        with open_project(folder) as project:
            started = time.perf_counter()
            result = attach(project, unit="县司法局", indicators=[26], files=files, actor="bench")
            t_attach = time.perf_counter() - started
        assert len(result.attached) == len(files)

        cli_folder = work / "project-cli"
        create_project(
            cli_folder, county="基准县", year=2024, catalog=load_builtin("national-2021"), actor="bench"
        )
        t_cli = timed(
            [
                sys.executable,
                "-m",
                "app",
                "attach",
                str(cli_folder),
                "--unit",
                "县司法局",
                "--indicator",
                "26",
                *names,
            ]
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    mb = total / 1024 / 1024
    print(f"files: {len(files)} PDFs, {mb:.1f} MB ({os.cpu_count()} CPUs)")
    print(f"cp + sha256sum:          {reference:7.3f} s  (cp {t_cp:.3f} s, sha256sum {t_sha:.3f} s)")
    print(f"cp + sync + sha256sum:   {reference_sync:7.3f} s")
    print(f"fazhi attach (in-process): {t_attach:7.3f} s  {mb / t_attach:6.1f} MB/s")
    print(f"fazhi attach (CLI, incl. start-up): {t_cli:7.3f} s")
    print(f"ratio attach / (cp + sha256sum):        {t_attach / reference:5.2f}×  (goal ≤ 1.5×)")
    print(f"ratio attach / (cp + sync + sha256sum): {t_attach / reference_sync:5.2f}×")
    print(f"ratio CLI / (cp + sha256sum):           {t_cli / reference:5.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
