"""Precision of smart filing (BM25 indicator suggestions) on the demo county's evidence.

Makes the demo project (``fazhi demo``) unless ``--project`` names one, reads every active evidence
file's text from the store, and asks ``IndicatorIndex.suggest`` for the top 3 indicators of each; the
truth is the indicator the demo filed it under. Two conditions:

- ``as filed``: title, file name and text as they are (the demo's file names say 第N项, which the
  number hint uses, as it would for a clerk's folder named that way);
- ``content only``: every "第 N 项" / "指标N" removed from title, file name and text and the number hint
  off, so only the words decide (the demo's reports still quote their indicator's text, so this is an
  upper bound for real documents, which paraphrase).

Prints precision@1 and hit@3 for each, and the time per file. A third figure comes from
``benchmarks/data/suggest_titles.tsv``: 51 file titles written the way clerks name files (paraphrased,
not copied from the catalog), each with its true indicator(s), suggested from the title alone.

``--scans N`` adds scanned files: the first page of N demo PDFs (spread over the indicators) drawn as a
150 dpi photo with a camera's name (IMG_0001.jpg), so neither name nor text layer says anything; the
proposal from the name alone, then through the real OCR (``OcrTexts``, as ``attach --suggest --ocr``),
every 第N项 removed from what it read; and the same files again from the same ``OcrTexts`` (the
filing step: nothing is read twice).

Run: ``.venv/bin/python benchmarks/bench_suggest.py [--project DIR] [--scans 12]``
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.evidence.formats import extract_text
from app.search.suggest import IndicatorIndex
from indicator_catalog import load_builtin

TITLES = Path(__file__).with_name("data") / "suggest_titles.tsv"
NUMBER = re.compile(r"第\s*\d{1,3}\s*项|指标\s*\d{1,3}")


def evidence(project: Path) -> list[dict[str, object]]:
    fazhi = Path(sys.executable).with_name("fazhi")
    out = subprocess.run(
        [str(fazhi), "evidence", str(project), "--json"], capture_output=True, text=True, check=True
    )
    return list(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path)
    parser.add_argument(
        "--scans", type=int, default=0, metavar="N", help="also N scanned pages through the OCR"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        project = args.project
        if project is None:
            project = Path(scratch) / "demo"
            fazhi = Path(sys.executable).with_name("fazhi")
            subprocess.run([str(fazhi), "demo", str(project)], check=True, capture_output=True)
        index = IndicatorIndex.from_catalog(load_builtin("national-2021"))
        rows = evidence(project)
        files = []
        for row in rows:
            sha = str(row["sha256"])
            path = project / "evidence" / sha[:2] / sha
            pages = extract_text(path, str(row["kind"]), ocr=False).pages
            files.append((row, pages))
        for condition in ("as filed", "content only"):
            top1 = top3 = 0
            by_kind: dict[str, list[int]] = {}
            started = time.perf_counter()
            for row, pages in files:
                title = f"{row['title']} {row['filename']}"
                text_pages = pages
                if condition == "content only":
                    title = NUMBER.sub("", title)
                    text_pages = [NUMBER.sub("", page) for page in pages]
                found = index.suggest(title, text_pages, 3, use_numbers=condition == "as filed")
                truth = set(row["indicators"])  # type: ignore[call-overload]
                numbers = [s.indicator for s in found]
                top1 += bool(numbers and numbers[0] in truth)
                top3 += bool(truth & set(numbers))
                kind = by_kind.setdefault(str(row["kind"]), [0, 0])
                kind[0] += 1
                kind[1] += bool(numbers and numbers[0] in truth)
            elapsed = (time.perf_counter() - started) / max(len(files), 1) * 1000
            print(
                f"{condition:<13} files {len(files)}  precision@1 {top1 / len(files):.1%}  "
                f"hit@3 {top3 / len(files):.1%}  {elapsed:.1f} ms per file  "
                + "  ".join(f"{kind}: {hits}/{count}" for kind, (count, hits) in sorted(by_kind.items()))
            )

        top1 = top3 = count = 0
        for line in TITLES.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            title, numbers_text = line.rsplit("\t", 1)
            truth = {int(n) for n in numbers_text.split(",")}
            numbers = [s.indicator for s in index.suggest(title, (), 3)]
            count += 1
            top1 += bool(numbers and numbers[0] in truth)
            top3 += bool(truth & set(numbers))
        print(f"{'titles only':<13} files {count}  precision@1 {top1 / count:.1%}  hit@3 {top3 / count:.1%}")
        if args.scans:
            scans(index, project, files, args.scans, Path(scratch))


def scans(
    index: IndicatorIndex,
    project: Path,
    files: list[tuple[dict[str, object], list[str]]],
    count: int,
    scratch: Path,
) -> None:
    """Photos of first pages, proposed from the name alone and from what the OCR reads in them."""
    import pypdfium2

    from app.evidence.formats import inspect_any
    from app.evidence.ocr_texts import OcrTexts
    from app.project.store import hash_file

    pdfs = [(row, pages) for row, pages in files if row["kind"] == "pdf"]
    step = max(1, len(pdfs) // count)
    chosen = pdfs[::step][:count]
    folder = scratch / "scans"
    folder.mkdir()
    photos = []
    for number, (row, _pages) in enumerate(chosen, start=1):
        sha = str(row["sha256"])
        document = pypdfium2.PdfDocument(str(project / "evidence" / sha[:2] / sha))
        try:
            picture = document[0].render(scale=150 / 72).to_pil().convert("RGB")
        finally:
            document.close()
        path = folder / f"IMG_{number:04d}.jpg"
        picture.save(path, "JPEG", quality=85)
        photos.append((row, path))
    texts = OcrTexts()
    results: dict[str, list[bool]] = {"name only": [], "with OCR": [], "again": []}
    timings: dict[str, float] = {}
    reads: dict[str, int] = {}
    for condition, hits in results.items():
        started = time.perf_counter()
        for row, path in photos:
            pages: list[str] = []
            if condition != "name only":
                facts = inspect_any(path, path.name, workdir=scratch, max_bytes=1 << 30)
                pages, _sources = texts.pages(None, path, hash_file(path), facts)
                pages = [NUMBER.sub("", page) for page in pages]
            found = index.suggest(path.stem, pages, 3, use_numbers=False)
            truth = set(row["indicators"])  # type: ignore[call-overload]
            hits.append(bool(found and found[0].indicator in truth))
        timings[condition] = (time.perf_counter() - started) / len(photos) * 1000
        reads[condition] = texts.files_read
    for condition, hits in results.items():
        print(
            f"{'scans ' + condition:<18} files {len(hits)}  precision@1 {sum(hits) / len(hits):.1%}  "
            f"{timings[condition]:.0f} ms per file  (files the OCR has read: {reads[condition]})"
        )


if __name__ == "__main__":
    main()
