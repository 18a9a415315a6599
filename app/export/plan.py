"""Exports of a plan project: the progress report (PDF, DOCX) and the task workbook (no scores)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.project.audit import record
from app.project.folder import Project
from app.status.findings import SEVERITY_LABELS
from app.status.plan_check import plan_findings
from app.status.plan_progress import progress_summary, require_plan, task_rows
from exports.plan_report import (
    PlanReportData,
    PlanTaskLine,
    write_plan_docx,
    write_plan_pdf,
    write_plan_workbook,
)


def plan_report_data(project: Project) -> PlanReportData:
    catalog = require_plan(project, "任务进度报告")
    rows = task_rows(project)
    summary = progress_summary(rows)
    return PlanReportData(
        county=project.info.county,
        year=project.info.year,
        title=catalog.title,
        generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
        tasks=summary["tasks"],
        done=summary["done"],
        in_progress=summary["in_progress"],
        overdue=summary["overdue"],
        lines=tuple(
            PlanTaskLine(
                r.task_id,
                r.title,
                "、".join(r.lead) or "—",
                "、".join(r.co) or "—",
                r.deadline or "—",
                r.status_name,
                r.evidence,
            )
            for r in rows
        ),
        by_lead=tuple(
            (u["unit"], u["tasks"], u["done"], u["in_progress"], u["overdue"])
            for u in summary["by_lead_unit"]
        ),
        findings=tuple(
            (SEVERITY_LABELS[f.severity], "" if f.indicator is None else str(f.indicator), f.message)
            for f in plan_findings(project)
        ),
    )


def export_plan(project: Project, kind: str, out: Path) -> Path:
    """``kind``: "report" (PDF), "docx" or "workbook"."""
    data = plan_report_data(project)
    writer = {"report": write_plan_pdf, "docx": write_plan_docx, "workbook": write_plan_workbook}[kind]
    path = writer(data, Path(out))
    if not project.readonly:
        with project.session() as session:
            record(
                session,
                f"export.plan_{kind}",
                f"project:{project.info.id}",
                {"outputs": [str(path.resolve())], "tasks": data.tasks, "overdue": data.overdue},
            )
    return path
