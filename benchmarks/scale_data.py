"""Scale data for the benchmarks: a project at the issue's scale, made through the real attach path.

The default is the size the product must handle: 60 units holding evidence, 5,000 evidence files and
50,000 PDF pages on the national-2021 catalog, about half of the pages scanned-looking (a ~33 kB JPEG
each, ≈ 0.9 GB in the store) and half text pages. Files go in through ``app.evidence.attach.attach`` (content
checks, hashing, the content-addressed store, one transaction per batch), so the database and the
store are exactly what a county would have. Every indicator gets a level so report and score
benchmarks have something to print.

Run (prints how long generation took and what was made):

    .venv/bin/python benchmarks/scale_data.py DIR                      # the full scale (once!)
    .venv/bin/python benchmarks/scale_data.py DIR --files 200 --pages 2000 --units 10
    .venv/bin/python benchmarks/scale_data.py DIR --clean              # remove a generated project

API for the other benchmark scripts (``from scale_data import …`` with benchmarks/ on ``sys.path``,
which is the case when a script in benchmarks/ is run directly):

- ``make_scale_project(folder, *, units=60, files=5000, pages=50000, seed=0, ...) -> Path``
- ``make_pdf(path, pages, *, scanned, seed=0, label="") -> Path``: one evidence-like PDF
- ``page_plan(files, pages, seed=0) -> list[int]``: pages per file, summing exactly to ``pages``
- ``clean(folder) -> None``: delete a project this module generated (refuses other folders)
"""

from __future__ import annotations

import argparse
import atexit
import io
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.base.progress import ProgressCallback, report

if TYPE_CHECKING:
    from app.project.folder import Project

MARKER = ".fazhi-scale-data"  # written into generated projects; --clean only removes folders with it
CATALOG_ID = "national-2021"
COUNTY = "规模测试县"
YEAR = 2024
BATCH = 50  # files per attach call (one transaction each)
SCAN_POOL = 64  # distinct scanned page images; a scanned file never repeats one within itself
TOWN_NAMES = (
    "城关镇", "东关镇", "西关镇", "南城镇", "北城镇", "河西镇", "河东镇", "新集镇", "临河镇", "马坊镇",
    "石门乡", "杨村乡", "古城乡", "柳林乡", "桥头乡", "白水乡", "青山乡", "双井乡", "平原乡", "上庄乡",
    "龙泉镇", "金山镇", "松林镇", "大营镇", "小店镇", "黄土乡", "红石乡", "清水乡", "枣园乡", "梨园乡",
)  # fmt: skip


# -- files ----------------------------------------------------------------------------------------


def _scan_image(rng: random.Random, paper: object) -> bytes:
    """A grey A4 page at 72 dpi with paper noise and blocks of "text": a ~33 kB JPEG, like a scan."""
    from PIL import Image, ImageDraw, ImageFilter

    assert isinstance(paper, Image.Image)
    width, height = 595, 842
    left, top = rng.randrange(paper.width - width), rng.randrange(paper.height - height)
    image = paper.crop((left, top, left + width, top + height))
    draw = ImageDraw.Draw(image)
    y = 90
    while y < height - 90:
        x = 70
        while x < width - 90:
            length = rng.randint(16, 50)
            draw.rectangle([x, y, x + length, y + 9], fill=rng.randint(30, 80))
            x += length + rng.randint(6, 12)
        y += rng.randint(22, 28)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=30)
    return out.getvalue()


_pool: list[Path] = []


def _scan_pool() -> list[Path]:
    """The page images, made once per process in a temporary folder (reportlab embeds JPEG files as
    they are, without decoding them again)."""
    if not _pool:
        folder = Path(tempfile.mkdtemp(prefix="fazhi-scan-pool-"))
        atexit.register(shutil.rmtree, folder, True)
        from PIL import Image

        rng = random.Random(20240)
        # One sheet of paper noise, cropped differently for every page (noise is the slow part).
        paper = Image.effect_noise((900, 1200), 30).point(lambda v: 218 + v // 32)
        for index in range(SCAN_POOL):
            path = folder / f"scan{index:02}.jpg"
            path.write_bytes(_scan_image(rng, paper))
            _pool.append(path)
    return _pool


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def make_pdf(path: Path, pages: int, *, scanned: bool, seed: int = 0, label: str = "") -> Path:
    """Write an evidence-like PDF of ``pages`` pages to ``path`` and return it.

    ``scanned``: every page is a scanned-looking JPEG (~33 kB) with a small printed label; otherwise
    text pages (a heading and paragraphs in a CJK font, a few kB each). ``seed`` and ``label`` make
    the content unique, so every file is stored separately in the content-addressed store.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    if pages < 1:
        raise ValueError("a PDF needs at least one page")
    rng = random.Random(seed)
    font = _font()
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    pdf.setTitle(label or path.stem)
    width, height = A4
    pool = _scan_pool() if scanned else []
    start = rng.randrange(SCAN_POOL)
    for number in range(1, pages + 1):
        if scanned:
            pdf.drawImage(str(pool[(start + number) % SCAN_POOL]), 0, 0, width=width, height=height)
            pdf.setFont(font, 7)
            pdf.drawString(36, 20, f"{label} 扫描件 第{number}/{pages}页 #{seed}")
        else:
            pdf.setFont(font, 16)
            pdf.drawCentredString(width / 2, height - 90, label or "印证资料")
            pdf.setFont(font, 11)
            y = height - 130
            for line in range(rng.randint(18, 32)):
                words = rng.randint(18, 34)
                pdf.drawString(72, y, "".join(rng.choices(_TEXT, k=words)))
                y -= 20
                if line % 7 == 6:
                    y -= 10
            pdf.setFont(font, 9)
            pdf.drawCentredString(width / 2, 36, f"第 {number} 页 共 {pages} 页 #{seed}")
        pdf.showPage()
    pdf.save()
    return path


_TEXT = (
    "依法行政制度建设执法监督法治政府示范创建工作方案落实情况报告规范性文件合法性审核备案审查"
    "行政复议应诉公开透明权责清单"
)


def page_plan(files: int, pages: int, seed: int = 0) -> list[int]:
    """Pages for each of ``files`` files, between 1 and about twice the mean, summing to ``pages``."""
    if files < 1 or pages < files:
        raise ValueError(f"need at least one page per file ({files} files, {pages} pages)")
    rng = random.Random(seed)
    mean = pages / files
    top = max(1, round(2 * mean - 1))
    plan = [rng.randint(1, top) for _ in range(files)]
    difference = pages - sum(plan)
    while difference:
        index = rng.randrange(files)
        if difference > 0:
            plan[index] += 1
            difference -= 1
        elif plan[index] > 1:
            plan[index] -= 1
            difference += 1
    return plan


# -- the project ------------------------------------------------------------------------------------


def _evidence_units(project: Project, wanted: int) -> list[tuple[str, tuple[int, ...]]]:
    """``wanted`` real units with indicators: the catalog's first, then towns under 各乡镇."""
    from app.units.registry import add_unit, list_units

    real = [(u.name, u.indicators) for u in list_units(project) if not u.collective and u.indicators]
    chosen = real[:wanted]
    collectives = {u.name for u in list_units(project) if u.collective}
    towns = iter((*TOWN_NAMES, *(f"第{n}镇" for n in range(1, 1000))))
    while len(chosen) < wanted:
        if "各乡镇" not in collectives:
            raise SystemExit(
                f"the catalog has only {len(chosen)} units with indicators and no 各乡镇 to add towns to"
            )
        name = next(towns)
        info = add_unit(project, name, member_of=("各乡镇",), actor="规模测试数据")
        if info.indicators:
            chosen.append((info.name, info.indicators))
    return chosen


def make_scale_project(
    folder: Path,
    *,
    units: int = 60,
    files: int = 5000,
    pages: int = 50000,
    seed: int = 0,
    scanned_share: float = 0.5,
    assess: bool = True,
    durable: bool = False,
    progress: ProgressCallback | None = None,
) -> Path:
    """Create a project of the given scale in ``folder`` (must not exist yet) and return its path.

    ``units`` real units hold the evidence (catalog units first, then towns added under 各乡镇);
    ``files`` PDFs with ``pages`` pages in all go in through ``attach`` in batches of 50, spread
    round-robin over every (unit, indicator) pair; ``scanned_share`` of the files are scanned-looking.
    ``durable=False`` skips the store's fsyncs (throw-away benchmark data; the database still commits
    normally). ``assess`` gives every indicator a level. Deterministic for a given ``seed``.
    """
    from app.assessment.levels import set_level
    from app.evidence.attach import attach
    from app.project.create import create_project
    from app.project.folder import open_project
    from indicator_catalog import load_builtin

    folder = Path(folder)
    if folder.exists():
        raise SystemExit(f"{folder} already exists (use --clean first)")
    rng = random.Random(seed)
    plan = page_plan(files, pages, seed)
    catalog = load_builtin(CATALOG_ID)
    create_project(folder, county=COUNTY, year=YEAR, catalog=catalog, actor="规模测试数据")
    (folder / MARKER).write_text(f"units={units} files={files} pages={pages} seed={seed}\n", encoding="utf-8")
    with open_project(folder) as project, tempfile.TemporaryDirectory(prefix="fazhi-scale-") as tmp:
        project.store.durable = durable
        chosen = _evidence_units(project, units)
        pairs = [(unit, number) for unit, numbers in chosen for number in numbers]
        rng.shuffle(pairs)
        # Every unit first (so all of them hold evidence), then round-robin over all pairs.
        by_unit = {unit: next(p for p in pairs if p[0] == unit) for unit, _numbers in chosen}
        order = list(by_unit.values()) + [p for p in pairs if p not in by_unit.values()]
        assignment: dict[tuple[str, int], list[int]] = {}
        for index in range(files):
            assignment.setdefault(order[index % len(order)], []).append(index)
        work = Path(tmp)
        done = 0
        for (unit, number), indexes in assignment.items():
            for start in range(0, len(indexes), BATCH):
                batch = indexes[start : start + BATCH]
                made = [
                    make_pdf(
                        work / f"{unit}-第{number}项-材料{index + 1:04}.pdf",
                        plan[index],
                        scanned=random.Random(seed * 100_003 + index).random() < scanned_share,
                        seed=seed * 100_003 + index,
                        label=f"{unit} 第{number}项印证资料 {index + 1}",
                    )
                    for index in batch
                ]
                attach(
                    project,
                    unit=unit,
                    indicators=[number],
                    files=made,
                    title=None,
                    period=str(rng.choice((2019, 2020, 2021, 2022, 2023))),
                    actor=unit,
                )
                for path in made:
                    path.unlink()
                done += len(batch)
                report(progress, done, files, f"{unit} 第{number}项")
        if assess:
            levels = ("达标",) * 7 + ("基本达标", "基本达标", "未达标")
            for indicator in catalog.indicators:
                set_level(project, indicator.number, rng.choice(levels), by="规模测试数据")
    return folder


def clean(folder: Path) -> None:
    """Delete a project folder made by this module (one that carries the marker file); refuse others."""
    folder = Path(folder)
    if not folder.exists():
        return
    if not (folder / MARKER).is_file():
        raise SystemExit(f"{folder} was not made by scale_data.py (no {MARKER}); not deleting it")
    shutil.rmtree(folder)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _progress_printer(every: int) -> Callable[[int, int, str], None]:
    started = time.perf_counter()

    def progress(done: int, total: int, message: str) -> None:
        if done % every == 0 or done == total:
            rate = done / max(time.perf_counter() - started, 1e-9)
            print(f"  {done}/{total} files ({rate:.0f}/s) {message}", file=sys.stderr, flush=True)

    return progress


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the project folder to create (or to --clean)")
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scanned-share", type=float, default=0.5, help="share of scanned-looking files")
    parser.add_argument("--durable", action="store_true", help="fsync every stored file (slower)")
    parser.add_argument("--clean", action="store_true", help="delete a folder this script generated")
    args = parser.parse_args(argv)
    if args.clean:
        clean(args.folder)
        print(f"removed {args.folder}")
        return 0
    started = time.perf_counter()
    make_scale_project(
        args.folder,
        units=args.units,
        files=args.files,
        pages=args.pages,
        seed=args.seed,
        scanned_share=args.scanned_share,
        durable=args.durable,
        progress=_progress_printer(max(args.files // 20, 1)),
    )
    seconds = time.perf_counter() - started
    size = folder_size(args.folder)
    print(
        f"generated {args.folder}: {args.units} units, {args.files} files, {args.pages} pages, "
        f"{size / 1024 / 1024:.0f} MB on disk in {seconds:.1f} s "
        f"({args.files / seconds:.1f} files/s, {args.pages / seconds:.0f} pages/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
