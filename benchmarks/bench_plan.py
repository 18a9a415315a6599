"""Benchmark: a plan project (task list) at a county's scale: progress, self-check, exports, a kit.

    .venv/bin/python benchmarks/bench_plan.py [--tasks 300] [--files 600] [--work DIR]

Builds a synthetic two-level plan (sections 一…十, （一）…（三） under each, ``--tasks`` tasks with 完成时限
between 2021 and 2026, a lead unit and two participating units each), makes a project on it and
attaches ``--files`` one-page PDFs through the real attach path, then times (median of 5, in process):
``task_rows`` (progress of every task), ``plan_findings`` (the self-check), the progress report as PDF,
DOCX and workbook, and a lead unit's kit. The built-in 五台县 plan (31 tasks) is timed the same way.
For the window: one 登记进度 step and its undo (``set_task_progress`` returns every task's row, which the
window pushes into the tree), and the task tree taking all rows anew with the 只看逾期 filter on
(``CatalogTreeModel.set_task_rows`` + the proxy's refilter; Qt offscreen).
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
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.evidence.attach import attach
from app.exchange.kits import issue_kit
from app.export.plan import export_plan
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.status.plan_check import plan_findings
from app.status.plan_progress import TaskRow, set_task_progress, task_rows, undo_task_progress
from indicator_catalog.plan_catalog import plan_as_catalog
from indicator_catalog.plan_loader import load_builtin_plan, plan_from_document

NUMERALS = "一二三四五六七八九十"
SUBS = ("（一）", "（二）", "（三）")


def synthetic_plan(tasks: int, units: int = 40) -> dict[str, Any]:
    names = [f"县测试局{i:02d}" for i in range(units)]
    sections: list[dict[str, Any]] = []
    for top in NUMERALS:
        sections.append({"code": top, "name": f"第{top}部分任务"})
        sections += [{"code": f"{top}.{s}", "name": f"{top}{s}分项", "parent": top} for s in SUBS]
    leaves = [s["code"] for s in sections if s.get("parent")]
    rows = []
    for n in range(tasks):
        section = leaves[n % len(leaves)]
        year = 2021 + n % 6
        rows.append(
            {
                "id": f"{section}.{n // len(leaves) + 1}",
                "section": section,
                "text": f"落实第{n + 1}项任务，健全制度并开展检查。",
                "lead_units": [names[n % units]],
                "units": [names[(n + 1) % units], names[(n + 2) % units]],
                "deadline": f"{year}年底前" if n % 4 else f"长期，{year}年取得成效",
            }
        )
    return {
        "kind": "plan",
        "id": "bench-plan",
        "title": "基准测试任务清单",
        "units": [{"name": n} for n in names],
        "sections": sections,
        "tasks": rows,
    }


def median_ms(run: Callable[[], object], times: int = 5) -> float:
    run()
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def fill(project: Project, files: int, work: Path) -> float:
    from scale_data import make_pdf

    catalog = project.catalog
    collective = {u.name for u in catalog.units if u.collective} | {"县直各行政执法单位"}
    start = time.perf_counter()
    made = 0
    while made < files:
        for ind in catalog.indicators:
            if made >= files:
                break
            real = [u for u in ind.units if u not in collective]
            if not real:
                continue
            unit = real[made % len(real)]
            path = make_pdf(work / f"f{made}.pdf", 1, scanned=False, seed=made, label=f"{ind.label} {unit}")
            attach(project, unit=unit, indicators=[ind.number], files=[path])
            made += 1
    return time.perf_counter() - start


def record_and_undo(project: Project) -> None:
    row = set_task_progress(project, 1, "推进中", "基准测试", actor="bench")
    assert row.record_id is not None
    undo_task_progress(project, row.record_id, by="bench")


def tree_refresh_ms(project: Project) -> float:
    """The task tree taking every row anew (each one changed) with the overdue filter on."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.catalog.catalog_model import CatalogFilterProxy, CatalogTreeModel
    from ui.common.plan_tasks import TaskStatus

    app = QApplication.instance() or QApplication([])
    model = CatalogTreeModel(project.catalog)
    proxy = CatalogFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_task_statuses([TaskStatus.OVERDUE])
    base = task_rows(project)
    turn = [0]

    def run() -> None:
        turn[0] += 1
        rows: dict[int, TaskRow] = {r.number: replace(r, note=f"第{turn[0]}次") for r in base}
        model.set_task_rows(rows)
        proxy.refilter_tasks()
        app.processEvents()

    return median_ms(run)


def measure(label: str, document: dict[str, Any] | None, files: int, work: Path) -> None:
    plan = plan_from_document(document) if document else load_builtin_plan("wutai-rural-2021")
    folder = work / label
    create_project(folder, county="测试县", year=2024, catalog=plan_as_catalog(plan))
    with open_project(folder) as project:
        filled = fill(project, files, work)
        lead = next(u for i in project.catalog.indicators for u in i.lead_units) if document else None
        figures = {
            "task_rows": median_ms(lambda: task_rows(project)),
            "plan_findings": median_ms(lambda: plan_findings(project)),
            "report PDF": median_ms(lambda: export_plan(project, "report", work / "r.pdf"), 3),
            "report DOCX": median_ms(lambda: export_plan(project, "docx", work / "r.docx"), 3),
            "workbook": median_ms(lambda: export_plan(project, "workbook", work / "w.xlsx"), 3),
        }
        figures["登记进度 + 撤销"] = median_ms(lambda: record_and_undo(project))
        figures["tree: all rows"] = tree_refresh_ms(project)
        if lead:
            figures["kit (lead unit)"] = median_ms(
                lambda: issue_kit(project, unit=lead, out=work / "k.zip"), 3
            )
    print(f"{label}: {len(plan.tasks)} tasks, {files} files attached in {filled:.1f} s")
    for name, value in figures.items():
        print(f"  {name:16} {value:8.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="fazhi-bench-plan-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        measure("wutai-rural-2021", None, 62, work)
        measure("synthetic", synthetic_plan(args.tasks), args.files, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
