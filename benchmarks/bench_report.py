"""Benchmark: the 自评报告 (PDF and DOCX) and the workbook for 100 indicators and 5,000 evidence rows.

Prints the wall time of each export (built from ``ReportData`` directly: no project, no database): the
median of ``--repeat`` runs (default 3), each run's time and the load average before it. The data has a
narrative in every section (the draft ``draft_narrative`` makes, three times over) and a 自评说明 per
indicator; the report lays out the bundle to print each file's bundle pages, and is written as PDF/A-2b.
Goal: the PDF ≤ 5 s.
Usage: python benchmarks/bench_report.py [--rows 5000] [--repeat 3] [--only pdf]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(rows: int) -> object:
    from exports.report_data import (
        AreaScore,
        EvidenceItem,
        GroupScore,
        IndicatorScore,
        ReportData,
        ScoreSummary,
    )
    from indicator_catalog import load_builtin

    catalog = load_builtin("national-2021")
    levels = ("达标", "基本达标", "未达标", "不适用", None)
    factors = {"达标": 1.0, "基本达标": 0.6}
    scores = []
    for index, indicator in enumerate(catalog.indicators):
        level = levels[index % len(levels)]
        factor = factors.get(level or "", 0.0)
        scores.append(
            IndicatorScore(
                indicator.number,
                level,
                factor,
                factor * 10,
                10,
                "资料基本齐全，个别年度缺件。",
                level != "不适用",
            )
        )

    def total(numbers: tuple[int, ...]) -> tuple[float, float]:
        chosen = [s for s in scores if s.number in numbers]
        return sum(s.points for s in chosen), sum(s.max for s in chosen if s.applicable)

    firsts = [i for i in catalog.indicators if i.number == i.evidence_group[0]]
    evidence = []
    for n in range(rows):
        indicator = firsts[n % len(firsts)]
        units = indicator.units or ("县司法局",)
        evidence.append(
            EvidenceItem(
                id=str(n + 1),
                filename=f"{indicator.number}-{n}_2023年度行政规范性文件合法性审核意见书.pdf",
                unit=units[n % len(units)],
                kind="pdf",
                sha256=hashlib.sha256(str(n).encode()).hexdigest(),
                stored_path=Path("/nonexistent"),
                indicators=indicator.evidence_group,
                pages=3 + n % 9,
                title=f"合法性审核意见书（第{n}号）",
                period="2023",
                size=200_000,
                status="已通过",
            )
        )
    earned, top = total(tuple(i.number for i in catalog.indicators))
    score = ScoreSummary(
        total=1000 * earned / top,
        base=1000 * earned / top,
        base_max=1000,
        bonus=0,
        vetoed=False,
        veto_items=(),
        result="有效",
        areas=tuple(AreaScore(a.code, a.name, *total(a.numbers)) for a in catalog.areas),
        groups=tuple(GroupScore(g.code, g.name, g.area, *total(g.numbers)) for g in catalog.groups),
        indicators=tuple(scores),
    )
    import dataclasses

    from exports.narrative import draft_narrative

    data = ReportData("基准县", 2024, catalog, "基准县人民政府", dt.date(2024, 5, 20), score, tuple(evidence))
    narrative = {key: "\n".join([text] * 3) for key, text in draft_narrative(data).items()}
    notes = {
        i.number: f"第 {i.number} 项：对照资料要求逐项核对，资料齐全，个别年度缺件已补充说明。"
        for i in catalog.indicators
    }
    return dataclasses.replace(data, narrative=narrative, indicator_notes=notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("pdf", "docx", "xlsx"), help="time one export only")
    args = parser.parse_args()
    from exports.report_data import ReportData
    from exports.report_docx import render_report_docx
    from exports.report_pdf import render_report_pdf
    from exports.workbook import write_workbook

    data = build(args.rows)
    assert isinstance(data, ReportData)

    def pdf(out: Path) -> object:
        return render_report_pdf(data, out / "r.pdf")

    def docx(out: Path) -> object:
        render_report_docx(data, out / "r.docx")
        return None

    def xlsx(out: Path) -> object:
        write_workbook(data, out / "r.xlsx")
        return None

    exports = {"pdf": pdf, "docx": docx, "xlsx": xlsx}
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-report-") as tmp:
        folder = Path(tmp)
        for name, export in exports.items():
            if args.only and name != args.only:
                continue
            times: list[float] = []
            loads: list[str] = []
            result: object = None
            for _ in range(args.repeat):
                loads.append(" ".join(f"{v:.2f}" for v in os.getloadavg()))
                start = time.perf_counter()
                result = export(folder)
                times.append(time.perf_counter() - start)
            extra = f" ({result} pages, {len(data.evidence)} evidence rows)" if name == "pdf" else ""
            runs = " ".join(f"{t:.1f}" for t in times)
            print(
                f"{name.upper():<4}: {statistics.median(times):6.1f} s{extra}; median of {args.repeat}: "
                f"{runs} s; load average before each: {'; '.join(loads)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
