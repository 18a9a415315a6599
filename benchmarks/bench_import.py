"""Import of a large submission package against ``unzip`` + ``sha256sum`` of the same package.

    python benchmarks/bench_import.py                 # ~1 GB of generated PDFs (default)
    python benchmarks/bench_import.py --size-mb 256   # smaller
    python benchmarks/bench_import.py --file-mb 2 --repeat 3 --workdir /var/tmp

The package is made the real way (office project → kit → unit workspace → attach → submit). The
reference is ``unzip -q`` of the package followed by ``sha256sum`` of every extracted file: the least
any import must do (read, decompress, write, hash). ``fazhi import`` also checks the signature, scope,
member names and sizes, parses every PDF (``app.evidence.filecheck.inspect_file``), fsyncs each file (durable
store, as in the product) and writes the database. Both start from a warm page cache.
Goal: import ≤ 1.5 × reference. Disk use peaks at about 3 × the size; everything is removed at the end
unless --keep is given.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.evidence.attach import attach
from app.exchange.importing import import_package
from app.exchange.kits import init_from_kit, issue_kit
from app.exchange.receive import ImportResult
from app.exchange.submit import submit
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import catalog_from_document

UNIT = "县司法局"
CATALOG = {
    "id": "bench",
    "title": "基准测试指标体系",
    "units": [{"name": UNIT}],
    "areas": [{"code": "一", "name": "测试", "groups": [{"code": "一.1", "name": "测试"}]}],
    "indicators": [
        {"number": n, "group": "一.1", "text": f"测试指标{n}", "units": [UNIT]} for n in range(1, 11)
    ],
}


def write_pdf(path: Path, size: int, serial: int, block: bytes) -> None:
    """A valid one-page PDF of ``size`` bytes: the bulk is an incompressible, unreferenced stream."""
    text = f"BT /F1 24 Tf 72 720 Td (Evidence {serial}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    padding = max(size - 1200, 16)
    unique = hashlib.sha256(f"{serial}".encode()).digest()
    with path.open("wb") as out:
        offsets: list[int] = []
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        offsets.append(out.tell())
        out.write(b"6 0 obj\n<< /Length %d >>\nstream\n" % padding)
        out.write(unique)
        left = padding - len(unique)
        while left > 0:
            chunk = block[: min(left, len(block))]
            out.write(chunk)
            left -= len(chunk)
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))


def make_package(work: Path, size_mb: int, file_mb: float) -> tuple[Path, Path, int, int]:
    """The office template project and a submission of about ``size_mb`` MB.

    Returns (office folder, package, number of files, package bytes).
    """
    office = work / "office-template"
    create_project(office, county="基准县", year=2024, catalog=catalog_from_document(CATALOG, "bench"))
    kit = work / "kit.zip"
    with open_project(office) as project:
        issue_kit(project, unit=UNIT, out=kit)
    unit = work / "unit"
    init_from_kit(unit, kit)
    file_bytes = int(file_mb * 1024 * 1024)
    count = max(1, (size_mb * 1024 * 1024) // file_bytes)
    block = os.urandom(4 * 1024 * 1024)
    sources = work / "sources"
    sources.mkdir()
    started = time.perf_counter()
    with open_project(unit) as project:
        project.store.durable = False  # setting up, not measured
        batch: list[Path] = []
        for serial in range(count):
            path = sources / f"资料{serial:05d}.pdf"
            write_pdf(path, file_bytes, serial, block)
            batch.append(path)
            if len(batch) == 16 or serial == count - 1:
                indicator = 1 + serial % 10
                attach(project, unit=UNIT, indicators=[indicator], files=batch)
                for done in batch:
                    done.unlink()
                batch = []
        package = work / "submission.zip"
        submit(project, out=package)
    shutil.rmtree(unit)
    shutil.rmtree(sources)
    print(f"准备：{count} 个 PDF，生成并打包用时 {time.perf_counter() - started:.1f} 秒", file=sys.stderr)
    return office, package, count, package.stat().st_size


def warm(path: Path) -> None:
    with path.open("rb") as handle:
        while handle.read(8 * 1024 * 1024):
            pass


def reference(package: Path, work: Path) -> float:
    target = work / "unzipped"
    command = (
        f"unzip -q -o '{package}' -d '{target}' && "
        f"find '{target}' -type f -print0 | xargs -0 sha256sum > /dev/null"
    )
    started = time.perf_counter()
    subprocess.run(["bash", "-c", command], check=True)
    elapsed = time.perf_counter() - started
    shutil.rmtree(target)
    return elapsed


def floor(package: Path, work: Path) -> float:
    """The same work done plainly in Python: stream every member out to a file while hashing it."""
    import zipfile

    target = work / "floor"
    target.mkdir()
    started = time.perf_counter()
    with zipfile.ZipFile(package) as archive:
        for index, info in enumerate(archive.infolist()):
            digest = hashlib.sha256()
            with archive.open(info) as source, (target / str(index)).open("wb") as sink:
                while chunk := source.read(1024 * 1024):
                    digest.update(chunk)
                    sink.write(chunk)
    elapsed = time.perf_counter() - started
    shutil.rmtree(target)
    return elapsed


def fazhi_import(package: Path, template: Path, work: Path, *, durable: bool) -> float:
    office = work / "office"
    shutil.copytree(template, office)
    try:
        with open_project(office) as project:
            project.store.durable = durable
            started = time.perf_counter()
            result = import_package(project, package)
            elapsed = time.perf_counter() - started
        assert isinstance(result, ImportResult) and result.added
        return elapsed
    finally:
        shutil.rmtree(office)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=int, default=1024, help="package size in MB (default 1024)")
    parser.add_argument("--file-mb", type=float, default=8.0, help="size of each generated PDF in MB")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side; the median is reported")
    parser.add_argument("--workdir", type=Path, help="where to work (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if not shutil.which("unzip") or not shutil.which("sha256sum"):
        print("需要 unzip 和 sha256sum", file=sys.stderr)
        return 2
    os.environ.setdefault("FAZHI_ACTOR", "benchmark")
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-", dir=args.workdir))
    free = shutil.disk_usage(work).free
    if free < 3.5 * args.size_mb * 1024 * 1024:
        print(
            f"磁盘空间不足：需要约 {3.5 * args.size_mb:.0f} MB，可用 {free // 1024 // 1024} MB",
            file=sys.stderr,
        )
        return 2
    try:
        template, package, files, size = make_package(work, args.size_mb, args.file_mb)
        megabytes = size / 1024 / 1024
        warm(package)
        ref_times, floor_times, durable_times, fast_times = [], [], [], []
        for _ in range(args.repeat):
            ref_times.append(reference(package, work))
            floor_times.append(floor(package, work))
            durable_times.append(fazhi_import(package, template, work, durable=True))
            fast_times.append(fazhi_import(package, template, work, durable=False))
        ref = statistics.median(ref_times)
        durable = statistics.median(durable_times)
        fast = statistics.median(fast_times)
        plain = statistics.median(floor_times)
        print(f"package: {files} PDFs, {megabytes:.0f} MB ({args.file_mb:g} MB each), repeat {args.repeat}")
        print(f"unzip + sha256sum (reference):   {ref:7.2f} s  {megabytes / ref:7.0f} MB/s")
        print(
            "python extract + sha256 (floor):".ljust(34)
            + f"{plain:7.2f} s  {megabytes / plain:7.0f} MB/s  ratio {plain / ref:.2f}"
        )
        for label, seconds in (("durable, fsync", durable), ("no fsync", fast)):
            print(
                f"fazhi import ({label}):".ljust(34)
                + f"{seconds:7.2f} s  {megabytes / seconds:7.0f} MB/s  ratio {seconds / ref:.2f}"
            )
        print(f"goal: ratio ≤ 1.50 → {'met' if durable / ref <= 1.5 else 'NOT met'} (durable)")
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
