"""Benchmark: printing and undo on the demo county (``fazhi demo``: 100 indicators, 161 files, 89 levels).

Prints, each the median of ``--repeat`` runs (default 3) with the load average before the runs:
- 自评报告: rendering the PDF (``render_report_preview``) and printing its pages through ``QPdfDocument``
  at 200 dpi to a PDF printer (``print_pdf``): pages, seconds, seconds per page, peak RSS;
- 报送前自查清单: ``run_check`` + ``selfcheck_html`` + ``print_text`` (pages, seconds);
- 操作记录 (all entries): ``list_log`` + ``audit_html`` + ``print_text``;
- one undo step in the core: ``set_level`` then ``undo_level`` (median of 50 pairs, milliseconds).
Goals: a report page prints in ≤ 0.5 s; an undo step (write + audit entry) ≤ 50 ms.
Usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_printing.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _median(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from app.assessment.levels import set_level
    from app.assessment.undo import undo_level
    from app.demo.builder import build_demo
    from app.export.dispatch import render_report_preview
    from app.project.audit_log import list_log
    from app.project.folder import open_project
    from app.status.selfcheck import run_check
    from ui.printing.print_documents import audit_html, selfcheck_html, text_document
    from ui.printing.print_jobs import print_pdf, print_text
    from ui.shell.app_setup import configure_application

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    configure_application(app)
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-print-"))
    folder = work / "demo"
    started = time.perf_counter()
    build_demo(folder)
    print(f"demo built in {time.perf_counter() - started:.1f} s; load average {os.getloadavg()}")

    def printer(name: str) -> QPrinter:
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(work / name))
        return p

    render_times, print_times, pages = [], [], 0
    for run in range(args.repeat):
        out = work / f"report{run}.pdf"
        t0 = time.perf_counter()
        render_report_preview(folder, out)
        t1 = time.perf_counter()
        pages = print_pdf(out, printer(f"printed{run}.pdf"))
        t2 = time.perf_counter()
        render_times.append(t1 - t0)
        print_times.append(t2 - t1)
    per_page = statistics.median(print_times) / max(pages, 1)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"report: {pages} pages; render {_median(render_times)}; print {_median(print_times)}")
    print(f"report: {per_page:.3f} s per printed page at 200 dpi (goal ≤ 0.5 s); peak RSS {rss:.0f} MB")

    project = open_project(folder)
    try:
        check_times, check_pages = [], 0
        for run in range(args.repeat):
            t0 = time.perf_counter()
            findings = run_check(project)
            source = selfcheck_html([("全部", findings)], county="演示县", year=2024, summary="")
            check_pages = print_text(text_document(source), printer(f"check{run}.pdf"))
            check_times.append(time.perf_counter() - t0)
        print(f"self-check list: {len(findings)} findings, {check_pages} pages; {_median(check_times)}")

        log_times, log_pages = [], 0
        for run in range(args.repeat):
            t0 = time.perf_counter()
            entries = list_log(project)
            source = audit_html(entries, county="演示县", year=2024, scope="")
            log_pages = print_text(text_document(source), printer(f"log{run}.pdf"))
            log_times.append(time.perf_counter() - t0)
        print(f"audit log: {len(entries)} entries, {log_pages} pages; {_median(log_times)}")

        steps = []
        for _ in range(50):
            t0 = time.perf_counter()
            record = set_level(project, 1, "达标", comment="基准测试", by="基准")
            undo_level(project, record.id, by="基准")
            steps.append((time.perf_counter() - t0) * 1000 / 2)
        print(
            f"undo step (set_level or undo_level): median {statistics.median(steps):.1f} ms, "
            f"max {max(steps):.1f} ms (goal ≤ 50 ms); load average {os.getloadavg()}"
        )
    finally:
        project.close()


if __name__ == "__main__":
    main()
