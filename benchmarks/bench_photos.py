"""Attaching photos: the real ``attach`` vs the image → PDF conversion alone. Goal: ≤ 2×.

Generates ``--photos`` camera-like JPEGs (12 MP, 4000 × 3000, EXIF orientation 6 on every other one,
~3.6 MB each) and times, median of ``--repeat`` runs, per photo:

- ``attach``: ``app.evidence.attach.attach`` of all the photos in one call into a fresh project (copy
  and hash of the original, the content check, one transaction, publishing; since session 6 a JPEG
  that goes into its PDF unchanged is stored without a rendition, see ``app.evidence.renditions``),
  with the store's fsyncs (``durable``, the default) and without;
  without fsync also one by one (``intake.INTAKE_WORKERS = 0``: no copying/hashing threads), in
  rounds alternating with the pipelined runs;
- ``conversion alone``: ``images_to_pdf`` of the same photos with their checks skipped (JPEG
  passthrough), once without and once with an fsync of each PDF written (the durable comparison);
- where the conversion went: the first ``evidence_pdf`` of each attached photo (what the first preview
  or bundle pays: the check and the PDF written under ``cache/renditions``) and a second one (cached);
- for reference Pillow's own ``save(..., "PDF")`` (decodes and re-encodes) and the old default check
  (``ImageLimits(decode_jpeg=True)``: the JPEG decoded at 1/8 scale).

Run: ``.venv/bin/python benchmarks/bench_photos.py [--photos 30] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.evidence.formats import ImageLimits, images_to_pdf
from app.evidence.formats.images import check_image
from app.evidence.intake import INTAKE_WORKERS

GOAL = 2.0


def make_photos(folder: Path, count: int) -> list[Path]:
    rng = np.random.default_rng(15)
    y, x = np.mgrid[0:3000, 0:4000]
    base = np.stack([(x / 16) % 256, (y / 12) % 256, ((x + y) / 20) % 256], axis=-1)
    paths = []
    for index in range(count):
        noise = rng.normal(0, 12, size=base.shape)
        pixels = np.clip(base + noise + index * 3, 0, 255).astype(np.uint8)
        exif = Image.Exif()
        if index % 2:
            exif[0x0112] = 6
        path = folder / f"会议照片{index + 1:02d}.jpg"
        Image.fromarray(pixels).save(path, "JPEG", quality=88, exif=exif.tobytes())
        paths.append(path)
    return paths


def attach_photos(photos: list[Path], folder: Path, *, durable: bool, on_demand: bool = False) -> None:
    """A fresh project, then one ``attach`` of every photo (the project's creation is not timed).

    ``on_demand``: also time the photos' PDFs as preview and bundle ask for them (first and cached)."""
    from app.evidence.attach import attach
    from app.project.folder import open_project

    with open_project(folder) as project:
        project.store.durable = durable
        started, cpu = time.perf_counter(), time.process_time()
        result = attach(project, unit="县司法局", indicators=[26], files=photos, actor="bench")
        elapsed = time.perf_counter() - started
        _CPU.append(time.process_time() - cpu)
        assert len(result.attached) == len(photos) and result.attached[0].original_kind == "jpeg"
        if on_demand:
            try:
                from app.evidence.attach import evidence_pdf
            except ImportError:  # before session 6: the rendition was stored at attach
                return
            for _pass in ("first", "cached"):
                started = time.perf_counter()
                for record in result.attached:
                    evidence_pdf(project, record.sha256, original_kind="jpeg", name=record.filename)
                _ON_DEMAND.append(time.perf_counter() - started)
    _TIMES.append(elapsed)


_ON_DEMAND: list[float] = []  # seconds for all photos' PDFs: first request, then cached


_TIMES: list[float] = []
_CPU: list[float] = []  # CPU seconds of the same runs (steadier than wall time on a busy machine)


def conversion_alone(photos: list[Path], infos: list[object], work: Path, *, durable: bool) -> None:
    for photo, info in zip(photos, infos, strict=True):
        out = work / f"{photo.stem}.pdf"
        images_to_pdf([(photo, photo.name)], out, infos=[info])  # type: ignore[list-item]
        if durable:
            fd = os.open(out, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def check_only(photos: list[Path], limits: ImageLimits) -> None:
    for photo in photos:
        check_image(photo, photo.name, "jpeg", limits=limits)


def pillow_pdf(photos: list[Path], work: Path) -> None:
    for photo in photos:
        with Image.open(photo) as image:
            image.save(work / f"{photo.stem}-pil.pdf", "PDF", resolution=72)


def timed(action: Callable[[], None], folder: Path, repeat: int) -> float:
    times = []
    cpu_times = []
    for _ in range(repeat):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        started, cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
    _LAST_CPU[0] = statistics.median(cpu_times)
    return statistics.median(times)


_LAST_CPU = [0.0]  # CPU seconds (median) of the last ``timed`` call


def timed_attach(photos: list[Path], root: Path, repeat: int, *, durable: bool, workers: int) -> float:
    """Median wall time of ``repeat`` attaches with ``workers`` copying/hashing threads (0: one by one)."""
    from app.evidence import intake
    from app.project.create import create_project
    from indicator_catalog import load_builtin

    _TIMES.clear()
    _CPU.clear()
    catalog = load_builtin("national-2021")
    saved = intake.INTAKE_WORKERS
    intake.INTAKE_WORKERS = workers
    try:
        for run in range(repeat):
            folder = root / f"project-{durable}-{workers}-{run}"
            create_project(folder, county="基准县", year=2024, catalog=catalog, actor="bench")
            attach_photos(photos, folder, durable=durable)
            shutil.rmtree(folder)
    finally:
        intake.INTAKE_WORKERS = saved
    _LAST_CPU[0] = statistics.median(_CPU)
    return statistics.median(_TIMES)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks") as scratch:  # the project's disk
        root = Path(scratch)
        (root / "in").mkdir()
        photos = make_photos(root / "in", args.photos)
        size = sum(p.stat().st_size for p in photos)
        print(f"{len(photos)} photos, {size / 1024 / 1024:.0f} MB; load average {os.getloadavg()[0]:.1f}")
        infos: list[object] = [check_image(p, p.name, "jpeg") for p in photos]
        work = root / "work"
        per = 1000 / len(photos)
        alone = timed(lambda: conversion_alone(photos, infos, work, durable=False), work, args.repeat)
        alone_cpu = _LAST_CPU[0]
        alone_sync = timed(lambda: conversion_alone(photos, infos, work, durable=True), work, args.repeat)
        # Rounds alternate between one-by-one and the pipeline, so that load changes hit both alike.
        fast_runs: list[float] = []
        fast_cpus: list[float] = []
        serial_runs: list[float] = []
        serial_cpus: list[float] = []
        for _round in range(args.repeat):
            serial_runs.append(timed_attach(photos, root, 1, durable=False, workers=0))
            serial_cpus.append(_LAST_CPU[0])
            fast_runs.append(timed_attach(photos, root, 1, durable=False, workers=INTAKE_WORKERS))
            fast_cpus.append(_LAST_CPU[0])
        fast, fast_cpu = statistics.median(fast_runs), statistics.median(fast_cpus)
        serial, serial_cpu = statistics.median(serial_runs), statistics.median(serial_cpus)
        durable = timed_attach(photos, root, args.repeat, durable=True, workers=INTAKE_WORKERS)
        on_demand_folder = root / "project-on-demand"
        from app.project.create import create_project
        from indicator_catalog import load_builtin

        create_project(
            on_demand_folder, county="基准县", year=2024, catalog=load_builtin("national-2021"), actor="bench"
        )
        attach_photos(photos, on_demand_folder, durable=False, on_demand=True)
        decode = timed(lambda: check_only(photos, ImageLimits(decode_jpeg=True)), work, args.repeat)
        structure = timed(lambda: check_only(photos, ImageLimits()), work, args.repeat)
        pillow = timed(lambda: pillow_pdf(photos, work), work, max(1, args.repeat - 2))
        print(f"conversion alone              {alone * per:6.1f} ms per photo")
        print(f"conversion alone + fsync      {alone_sync * per:6.1f} ms per photo")
        print(f"Pillow PDF save               {pillow * per:6.1f} ms per photo")
        print(f"check, structure (default)    {structure * per:6.1f} ms per photo")
        print(f"check, 1/8 decode (opt-in)    {decode * per:6.1f} ms per photo")
        print(
            f"attach, store without fsync   {fast * per:6.1f} ms per photo  ratio to conversion alone"
            f" {fast / alone:.2f} (goal ≤ {GOAL:g})"
        )
        print(
            f"  the same one by one         {serial * per:6.1f} ms per photo  ratio {serial / alone:.2f}"
            f" (CPU {serial_cpu * per:.1f} ms)"
        )
        print(
            f"attach, durable store         {durable * per:6.1f} ms per photo  ratio to conversion + fsync"
            f" {durable / alone_sync:.2f}, to conversion alone {durable / alone:.2f}"
        )
        print(
            f"CPU time: conversion alone {alone_cpu * per:.1f} ms, attach (no fsync) {fast_cpu * per:.1f} ms"
            f" per photo, ratio {fast_cpu / alone_cpu:.2f}"
        )
        if _ON_DEMAND:
            print(
                f"PDF on demand (evidence_pdf)  {_ON_DEMAND[0] * per:6.1f} ms per photo the first time,"
                f" {_ON_DEMAND[1] * per:.2f} ms cached"
            )
        print(f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
