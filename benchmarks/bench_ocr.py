"""OCR of scanned pages: our pipeline beside the OCR engine's own raw figure on the same pages.

Draws ``--pages`` A4 pages of Chinese text (the catalog's sentences, 22 lines of 30 characters, Noto
Sans at 150 dpi: 1240 × 1754 pixels, JPEG) and makes them one scanned PDF with ``images_to_pdf``. Then,
each in a fresh process so that peak memory is its own:

- ``pipeline``: ``extract_text(pdf, "pdf")``: PDFium finds no text layer, renders each page (longest
  side 2000 pixels) and runs the OCR;
- ``raw``: RapidOCR called directly on the same page images (decoded JPEGs as arrays), nothing else.

Both print pages per second (the engine's one-off load excluded and shown apart), peak RSS, and the
share of the drawn characters found again (character recall, order-free).

Run: ``.venv/bin/python benchmarks/bench_ocr.py [--pages 6]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench_search import make_pages  # benchmarks/ is on sys.path when a script there runs

from app.evidence.formats import extract_text, images_to_pdf, ocr
from exports.fonts import SANS_REGULAR

LINES, PER_LINE = 22, 30


def page_texts(count: int) -> list[list[str]]:
    pages = []
    for text in make_pages(count * 2)[:count]:
        flat = text.replace("\n", "")
        pages.append([flat[i * PER_LINE : (i + 1) * PER_LINE] for i in range(LINES)])
    return pages


def draw(folder: Path, count: int) -> tuple[Path, list[Path], list[str]]:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(SANS_REGULAR), 34)
    images, truths = [], []
    for index, lines in enumerate(page_texts(count)):
        image = Image.new("L", (1240, 1754), 255)
        pen = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            pen.text((90, 110 + row * 70), line, fill=0, font=font)
        path = folder / f"scan{index + 1:02d}.jpg"
        image.save(path, "JPEG", quality=85)
        images.append(path)
        truths.append("".join(lines))
    pdf = folder / "scan.pdf"
    images_to_pdf([(p, p.name) for p in images], pdf)
    return pdf, images, truths


def recall(found: str, truth: str) -> float:
    want = Counter(ch for ch in truth if not ch.isspace())
    got = Counter(ch for ch in found if not ch.isspace())
    return sum((want & got).values()) / max(sum(want.values()), 1)


def worker(mode: str, folder: Path) -> None:
    images = sorted(folder.glob("scan*.jpg"))
    started = time.perf_counter()
    if mode == "pipeline":
        ocr._get_engine()
        loaded = time.perf_counter()
        texts = extract_text(folder / "scan.pdf", "pdf").pages
    else:
        import numpy as np
        from PIL import Image
        from rapidocr import RapidOCR

        engine = RapidOCR(params={"Global.log_level": "error"})
        loaded = time.perf_counter()
        texts = []
        for path in images:
            with Image.open(path) as image:
                result = engine(np.asarray(image.convert("RGB")))
            texts.append("".join(result.txts or ()))
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"load": loaded - started, "ocr": done - loaded, "peak_mb": peak, "texts": texts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        _pdf, _images, truths = draw(folder, args.pages)
        print(f"{args.pages} scanned pages (1240 × 1754, 660 characters each); load {os.getloadavg()[0]:.1f}")
        results = {}
        for mode in ("raw", "pipeline"):
            command = [sys.executable, __file__, "--worker", mode, str(folder)]
            out = subprocess.run(command, capture_output=True, text=True, check=True)
            results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
        for mode, result in results.items():
            rate = args.pages / result["ocr"]
            found = sum(recall(text, truth) for text, truth in zip(result["texts"], truths, strict=True))
            print(
                f"{mode:<9} {result['ocr']:6.1f} s  {rate:5.2f} pages/s  "
                f"{result['ocr'] / args.pages:5.2f} s/page  "
                f"engine load {result['load']:.1f} s  peak RSS {result['peak_mb']:.0f} MB  "
                f"character recall {found / args.pages:.1%}"
            )
        ratio = results["pipeline"]["ocr"] / results["raw"]["ocr"]
        print(f"pipeline / raw time: {ratio:.2f}")


if __name__ == "__main__":
    main()
