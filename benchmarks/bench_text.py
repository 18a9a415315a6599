"""Text extraction of text PDFs. Goal: ≥ 50 pages/s.

Two PDFs of ``--pages`` pages each, ~800 Chinese characters per page (the catalog's own sentences):
one drawn by reportlab with the bundled Noto Serif font (one text line per drawString, as the demo
and most generators write), one made by LibreOffice from a DOCX (how a Word document usually becomes a
PDF; skipped when LibreOffice is missing). ``app.evidence.formats.extract_text`` (pypdf, page by page, no OCR)
runs ``--repeat`` times on each; the script prints the median pages per second and the ratio to the
goal, and for reference the poppler ``pdftotext`` time on the same file when it is installed and the
rate of the pypdf fallback (used where PDFium cannot be installed).

Run: ``.venv/bin/python benchmarks/bench_text.py [--pages 200] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_search import make_pages  # benchmarks/ is on sys.path when a script there runs

from app.evidence.formats import extract_text
from app.evidence.formats.office import convert_to_pdf, find_converter
from exports.fonts import SERIF_REGULAR

GOAL = 50.0


def reportlab_pdf(path: Path, texts: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("BenchSerif", str(SERIF_REGULAR)))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for text in texts:
        pdf.setFont("BenchSerif", 11)
        y = 800.0
        for start in range(0, len(text), 40):
            pdf.drawString(50, y, text[start : start + 40])
            y -= 16
        pdf.showPage()
    pdf.save()


def office_pdf(path: Path, texts: list[str], scratch: Path) -> bool:
    import docx

    converter = find_converter()
    if converter is None:
        return False
    document = docx.Document()
    for index, text in enumerate(texts):
        document.add_paragraph(text)
        if index < len(texts) - 1:
            document.add_page_break()
    source = scratch / "bench.docx"
    document.save(source)
    return convert_to_pdf(source, ".docx", path, converter=converter, seconds=600)


def measure(path: Path, repeat: int, *, fallback: bool = False) -> tuple[int, float]:
    saved = sys.modules.get("pypdfium2")
    if fallback:
        sys.modules["pypdfium2"] = None  # type: ignore[assignment]  # import fails: pypdf is used
    try:
        return _measure(path, repeat)
    finally:
        if fallback:
            if saved is None:
                sys.modules.pop("pypdfium2", None)
            else:
                sys.modules["pypdfium2"] = saved


def _measure(path: Path, repeat: int) -> tuple[int, float]:
    times = []
    pages = 0
    for _ in range(repeat):
        started = time.perf_counter()
        pages = len(extract_text(path, "pdf", ocr=False).pages)
        times.append(time.perf_counter() - started)
    return pages, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = make_pages(args.pages)
    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        samples = {"reportlab": folder / "reportlab.pdf", "LibreOffice": folder / "office.pdf"}
        reportlab_pdf(samples["reportlab"], texts)
        if not office_pdf(samples["LibreOffice"], texts, folder):
            del samples["LibreOffice"]
        for label, path in samples.items():
            pages, seconds = measure(path, args.repeat)
            rate = pages / seconds
            line = (
                f"{label:<12} {pages} pages  {seconds:5.2f} s  {rate:6.1f} pages/s  ratio {rate / GOAL:.2f}"
            )
            if shutil.which("pdftotext"):
                started = time.perf_counter()
                subprocess.run(["pdftotext", str(path), str(folder / "out.txt")], check=True)
                line += f"  (pdftotext {pages / (time.perf_counter() - started):.0f} pages/s)"
            print(line)
            pages, seconds = measure(path, 1, fallback=True)
            print(f"{'':<12} without PDFium (pypdf fallback): {pages / seconds:6.1f} pages/s")


if __name__ == "__main__":
    main()
