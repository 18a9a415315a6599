"""Attaching photos: the full content path vs the image → PDF conversion alone. Goal: ≤ 2×.

Generates ``--photos`` camera-like JPEGs (12 MP, 4000 × 3000, EXIF orientation 6 on every other one,
2–4 MB each) and times, median of ``--repeat`` runs:

- ``attach``: what attach does with each photo's content here: ``inspect_any`` (content check, EXIF,
  the one-page PDF rendition) plus hashing and copying the original (as the store does), for every
  photo; once with the default check (the JPEG decoded at 1/8 scale) and once with
  ``ImageLimits(decode_jpeg=False)`` (header, size and end marker only), and ``inspect_any`` alone
  (the content check and the rendition, without the store's hashing and copying);
- ``conversion alone``: ``images_to_pdf`` of the same photos with their checks skipped (the conversion
  part of the path), and for reference Pillow's own ``save(..., "PDF")`` (decodes and re-encodes).

Run: ``.venv/bin/python benchmarks/bench_photos.py [--photos 30] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from app.evidence.formats import ImageLimits, images_to_pdf, inspect_any
from app.evidence.formats.images import check_image

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


def attach_path(photos: list[Path], work: Path, store: Path, limits: ImageLimits) -> None:
    for photo in photos:
        facts = inspect_any(photo, photo.name, workdir=work, image_limits=limits)
        digest = hashlib.sha256()
        with open(photo, "rb") as source, open(store / photo.name, "wb") as target:
            while chunk := source.read(1024 * 1024):
                digest.update(chunk)
                target.write(chunk)
        assert facts.rendition_pdf is not None


def conversion_alone(photos: list[Path], infos: list[object], work: Path) -> None:
    for photo, info in zip(photos, infos, strict=True):
        images_to_pdf([(photo, photo.name)], work / f"{photo.stem}.pdf", infos=[info])  # type: ignore[list-item]


def pillow_pdf(photos: list[Path], work: Path) -> None:
    for photo in photos:
        with Image.open(photo) as image:
            image.save(work / f"{photo.stem}-pil.pdf", "PDF", resolution=72)


def timed(action: object, folder: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "in").mkdir()
        photos = make_photos(root / "in", args.photos)
        size = sum(p.stat().st_size for p in photos)
        print(f"{len(photos)} photos, {size / 1024 / 1024:.0f} MB; load average {os.getloadavg()[0]:.1f}")
        infos: list[object] = [check_image(p, p.name, "jpeg") for p in photos]
        work, store = root / "work", root / "store"

        def attach(limits: ImageLimits) -> None:
            store.mkdir(exist_ok=True)
            attach_path(photos, work, store, limits)

        full = timed(lambda: attach(ImageLimits()), work, args.repeat)
        quick = timed(lambda: attach(ImageLimits(decode_jpeg=False)), work, args.repeat)
        structure = ImageLimits(decode_jpeg=False)
        checks = timed(
            lambda: [inspect_any(p, p.name, workdir=work, image_limits=structure) for p in photos],
            work,
            args.repeat,
        )
        alone = timed(lambda: conversion_alone(photos, infos, work), work, args.repeat)
        pillow = timed(lambda: pillow_pdf(photos, work), work, max(1, args.repeat - 2))
        per = 1000 / len(photos)
        print(f"conversion alone  {alone:6.2f} s  ({alone * per:.1f} ms per photo)")
        print(f"Pillow PDF save   {pillow:6.2f} s  ({pillow * per:.1f} ms per photo)")
        rows = (
            ("attach, decode check", full),
            ("attach, structure check", quick),
            ("inspect_any only (struct.)", checks),
        )
        for label, value in rows:
            print(
                f"{label:<26} {value:6.2f} s  ({value * per:.1f} ms per photo)  ratio to conversion alone"
                f" {value / alone:.2f} (goal ≤ {GOAL:g}), to Pillow {value / pillow:.2f}"
            )


if __name__ == "__main__":
    main()
