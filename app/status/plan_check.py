"""Self-check rules about units' roles and plan tasks.

``lead_findings`` (every project): an indicator or task whose lead unit (牵头单位, set by the county or
by the plan) has given no evidence is a warning naming the lead. ``plan_findings`` (plan projects, instead
of the scoring rules): overdue tasks (完成时限 passed, not done: an error for the office, a warning in a
unit's workspace), tasks without evidence, milestones passed before the task is done, tasks recorded as
done without proof, and the plan's own stages (实施步骤) whose date has passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import func, select

from app.project.folder import Project
from app.status.findings import ERROR, INFO, WARNING, Finding
from app.status.plan_progress import TaskRow, task_rows
from app.units.roles import Roles, indicator_roles
from models import Evidence, EvidenceIndicator, Unit


def lead_findings(
    roles: Iterable[Roles], given: Mapping[int, Iterable[str]], scope: str | None
) -> list[Finding]:
    """A warning for each indicator whose lead unit gave no evidence (``given``: number → units with any)."""
    findings: list[Finding] = []
    for role in roles:
        if not role.lead or (scope is not None and role.role_of(scope) is None):
            continue
        units = set(given.get(role.number, ()))
        what = f"任务 {role.label}" if not role.label.isdigit() else f"第 {role.label} 项"  # no catalog here
        for lead in role.lead:
            if lead in units or (scope is not None and scope != lead):
                continue
            co = f"（配合单位：{'、'.join(role.co)}）" if role.co else ""
            findings.append(
                Finding(
                    WARNING,
                    role.label if not role.label.isdigit() else role.number,
                    lead,
                    f"{what}的牵头单位 {lead} 尚未提交印证资料{co}",
                    "lead_no_evidence",
                    f"fazhi attach DIR --unit {lead} --indicator {role.label} 文件.pdf",
                )
            )
    return findings


def units_with_evidence(project: Project) -> dict[int, set[str]]:
    """Indicator number → the units that have active evidence for it."""
    result: dict[int, set[str]] = {}
    with project.session() as session:
        for number, unit in session.execute(
            select(EvidenceIndicator.indicator_number, Unit.name)
            .join(Evidence, Evidence.id == EvidenceIndicator.evidence_id)
            .join(Unit, Unit.id == Evidence.unit_id)
            .where(Evidence.status == "active")
            .group_by(EvidenceIndicator.indicator_number, Unit.name)
            .order_by(func.min(Evidence.id))
        ):
            result.setdefault(number, set()).add(unit)
    return result


def _task_findings(row: TaskRow, *, office: bool) -> list[Finding]:
    findings: list[Finding] = []
    lead = f"，牵头单位：{'、'.join(row.lead)}" if row.lead else ""
    units = "、".join((*row.lead, *row.co)) or "未指定"
    if row.status == "overdue":
        due = row.due.isoformat() if row.due else ""
        findings.append(
            Finding(
                ERROR if office else WARNING,
                row.task_id,
                "、".join(row.lead) or None,
                f"任务 {row.task_id} 已逾期：完成时限“{row.deadline}”（{due}）已过，尚未完成{lead}",
                "task_overdue",
                f"fazhi progress DIR --task {row.task_id} --set 已完成",
            )
        )
    elif row.milestones_due:
        findings.append(
            Finding(
                WARNING,
                row.task_id,
                "、".join(row.lead) or None,
                f"任务 {row.task_id} 的阶段目标已到期：{'；'.join(row.milestones_due)}，任务尚未完成",
                "milestone_due",
                f"fazhi progress DIR --task {row.task_id}",
            )
        )
    if row.evidence == 0:
        done = "已登记完成，但" if row.state == "done" else ""
        findings.append(
            Finding(
                WARNING,
                row.task_id,
                None,
                f"任务 {row.task_id} {done}尚无印证资料（责任单位：{units}）",
                "task_done_no_evidence" if done else "task_no_evidence",
                f"fazhi attach DIR --unit 单位 --task {row.task_id} 文件.pdf",
            )
        )
    return findings


def plan_findings(project: Project, today: date | None = None) -> list[Finding]:
    """The self-check of a plan project, in plan order (errors first)."""
    today = today or date.today()
    scope = project.info.unit if project.info.role == "unit" else None
    rows = task_rows(project, today)
    if scope is not None:
        rows = [r for r in rows if scope in r.lead or scope in r.co]
    findings: list[Finding] = []
    for row in rows:
        findings += _task_findings(row, office=scope is None)
    given = {r.number: set(r.evidence_by_unit) for r in rows}
    roles = indicator_roles(project)
    findings += lead_findings((roles[r.number] for r in rows), given, scope)
    if scope is None:
        for stage in project.catalog.stages:
            if stage.due < today:
                findings.append(
                    Finding(
                        INFO,
                        None,
                        None,
                        f"规划实施步骤已到期（{stage.due.isoformat()}）：{stage.text}",
                        "stage_due",
                    )
                )
    order = {r.task_id: pos for pos, r in enumerate(rows)}
    rank = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda f: (rank[f.severity], order.get(str(f.indicator), len(order)), f.code))
