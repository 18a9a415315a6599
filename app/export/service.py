"""Exports of an open project: the 自评报告 (PDF, DOCX), the workbook, the evidence bundle, the folder
archive; and reading levels back from an edited 自评打分表.

This module collects a plain ``ReportData`` from the store and the scoring services and hands it to
the renderers in ``exports`` (which know nothing about the database or Qt). Every export writes to a
temporary file beside the target and renames it at the end, checks the cancel token between steps and
records an audit entry once the file is in place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.assessment.levels import current_marks, score_project
from app.assessment.reviews import list_reviews
from app.base.actor import current_actor
from app.base.errors import UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.evidence.attach import evidence_path, evidence_pdf, list_evidence
from app.evidence.renditions import stored_photo
from app.export.bundle_fast import (
    BUNDLE_CACHE_DIR,
    ISSUING_BODY_SETTING,
    PENDING,
    bundle_audit_detail,
    bundle_data,
    evidence_item,
    output_paths,
)
from app.export.questions import question_paragraphs
from app.narrative.store import current_narrative
from app.project.audit import record
from app.project.folder import Project
from app.scoring.compute import ScoreResult
from app.scoring.scheme import DISCLAIMER, NOT_ASSESSED, describe_scheme
from app.status.selfcheck import SEVERITY_LABELS, run_check
from app.units.registry import list_units, resolve_unit
from exports.bundle import with_bundle_layout, write_bundle
from exports.bundle_learn import Learnt, learn_sources
from exports.bundle_plan import iter_units, plan_sections
from exports.common import safe_filename
from exports.folder_zip import write_folder_zip
from exports.report_data import AreaScore as ReportAreaScore
from exports.report_data import (
    BonusClaim,
    EvidenceItem,
    Finding,
    ReportData,
    UnitTask,
    VetoDeclaration,
)
from exports.report_data import GroupScore as ReportGroupScore
from exports.report_data import IndicatorScore as ReportIndicatorScore
from exports.report_data import ScoreSummary as ReportScore
from exports.report_docx import render_report_docx
from exports.report_pdf import render_report_pdf
from exports.workbook import write_workbook

TASK_STATUS = {"accepted": "已通过", "returned": "已退回"}
MISSING = "未提交"


# -- collecting -----------------------------------------------------------------------------------


def _evidence_items(project: Project, *, pdfs: bool) -> tuple[EvidenceItem, ...]:
    """The evidence as the exports see it. ``pdfs``: every record's ``stored_path`` is a PDF (the
    bundle merges them), so a photo kept without its PDF gets it made; without, a photo's
    ``stored_path`` is the photo as kept (the report, workbook, drafts and folder ZIP never open it)."""
    items = []
    for r in list_evidence(project):
        kept = evidence_path(project, r.sha256)
        if pdfs:
            pdf = evidence_pdf(project, r.sha256, original_kind=r.original_kind, name=r.filename)
            kept_path = None if pdf == kept else kept
        else:
            pdf = kept
            kept_path = kept if r.original_kind == "jpeg" and stored_photo(kept) else None
        items.append(
            evidence_item(
                id=r.id,
                filename=r.filename,
                unit=r.unit,
                kind=r.kind,
                sha256=r.sha256,
                stored_path=pdf,
                indicators=r.indicators,
                pages=r.pages,
                sheets=r.sheets,
                title=r.title,
                period=r.period,
                size=r.size,
                kept_path=kept_path,
            )
        )
    return tuple(items)


def collect_bundle_data(
    project: Project, *, date: dt.date | None = None, cancel: CancelToken | None = None
) -> ReportData:
    """What the bundle prints (county, catalog, issuing body, date, evidence): no scores, reviews or
    self-check, which only the report needs (``app.export.bundle_fast`` builds the same without the ORM)."""
    evidence = _evidence_items(project, pdfs=True)
    check_cancel(cancel)
    info = project.info
    return bundle_data(
        county=info.county,
        year=int(info.year),
        catalog=project.catalog,
        settings=project.settings,
        evidence=evidence,
        date=date,
    )


def collect_report_data(
    project: Project,
    *,
    issuing_body: str | None = None,
    date: dt.date | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ReportData:
    """Everything the exports print, read from the project in a few queries."""

    catalog = project.catalog
    report(progress, 0, 4, "读取评分")
    score = score_project(project)
    marks = current_marks(project)
    check_cancel(cancel)
    report(progress, 1, 4, "读取印证资料")
    evidence = _evidence_items(project, pdfs=False)
    check_cancel(cancel)
    report(progress, 2, 4, "读取审核情况")
    tasks, evidence = _unit_tasks(project, evidence)
    check_cancel(cancel)
    report(progress, 3, 4, "报送前自查")
    findings = tuple(
        Finding(
            severity=SEVERITY_LABELS.get(f.severity, f.severity),
            message=f.message,
            indicator="" if f.indicator is None else str(f.indicator),
            unit=f.unit or "",
        )
        for f in run_check(project)
    )
    bonus_awarded = {b.id: b.awarded for b in score.bonus_items}
    bonus = tuple(
        BonusClaim(
            id=item.id,
            text=item.text,
            max_points=item.max_points,
            points=bonus_awarded.get(item.id, 0.0),
            note=marks[item.id].note if item.id in marks else "",
        )
        for item in catalog.bonus
    )
    veto = tuple(
        VetoDeclaration(
            id=item.id,
            text=item.text,
            triggered=item.id in score.veto_items,
            note=marks[item.id].note if item.id in marks else "",
            reviewed=item.id in marks,  # a veto item nobody ever marked is 未审查
        )
        for item in catalog.veto
    )
    lines = describe_scheme(score.scheme)
    scheme_lines = tuple(line for line in lines if line != DISCLAIMER and not line.startswith("评分方案："))
    settings = project.settings
    body = issuing_body or str(settings.get(ISSUING_BODY_SETTING) or f"{project.info.county}人民政府")
    text = current_narrative(project)
    report(progress, 4, 4, "")
    return ReportData(
        county=project.info.county,
        year=int(project.info.year),
        catalog=catalog,
        issuing_body=body,
        date=date or dt.date.today(),
        score=score_summary(score),
        evidence=evidence,
        unit_tasks=tasks,
        bonus=bonus,
        veto=veto,
        findings=findings,
        scheme_name=score.scheme.name,
        scheme_lines=scheme_lines,
        open_questions=question_paragraphs(project, score),
        disclaimer=f"说明：官方分值尚未公布。{DISCLAIMER}。本报告分值仅供自评参考。",
        generated_by=current_actor(),
        level_factors=dict(score.scheme.level_factors),
        narrative=dict(text.sections),
        indicator_notes=dict(text.notes),
    )


def score_summary(score: ScoreResult) -> ReportScore:
    """The scoring service's result as the exports' plain data (``未评估`` becomes ``None``)."""

    return ReportScore(
        total=score.total,
        base=score.base,
        base_max=score.base_max,
        bonus=score.bonus,
        vetoed=score.vetoed,
        veto_items=tuple(score.veto_items),
        result=score.result,
        areas=tuple(ReportAreaScore(a.code, a.name, a.score, a.max) for a in score.areas),
        groups=tuple(ReportGroupScore(g.code, g.name, g.area, g.score, g.max) for g in score.groups),
        indicators=tuple(
            ReportIndicatorScore(
                number=i.number,
                level=None if i.level == NOT_ASSESSED else i.level,
                factor=i.factor or 0.0,
                points=i.points,
                max=i.max,
                comment=i.comment or "",
                applicable=i.applicable,
            )
            for i in score.indicators
        ),
    )


def _unit_tasks(
    project: Project, evidence: tuple[EvidenceItem, ...]
) -> tuple[tuple[UnitTask, ...], tuple[EvidenceItem, ...]]:
    """Per indicator and unit: review status, evidence count and pages (the 任务分解's progress).

    Rows: the real units the catalog names for the indicator, plus any unit that filed evidence for it
    or was reviewed on it; a collective name none of whose members did anything stays one row.
    """

    catalog = project.catalog
    reviews = {(r.indicator, r.unit): r for r in list_reviews(project)}
    units = list_units(project)
    collective = {u.name: u for u in units if u.collective}
    by_group: dict[tuple[int, str], list[EvidenceItem]] = defaultdict(list)
    for item in evidence:
        groups = {catalog.indicator(n).evidence_group for n in item.indicators if catalog.has_indicator(n)}
        for group in groups:
            for number in group:
                by_group[(number, item.unit)].append(item)
    # Evidence status follows the review of its unit for (any of) its indicators.
    status_of: dict[str, str] = {}
    for item in evidence:
        decisions = [reviews[(n, item.unit)].decision for n in item.indicators if (n, item.unit) in reviews]
        if "returned" in decisions:
            status_of[item.id] = TASK_STATUS["returned"]
        elif decisions:
            status_of[item.id] = TASK_STATUS["accepted"]
    tasks: list[UnitTask] = []
    for indicator in catalog.indicators:
        named = list(indicator.units)
        active = {u for (n, u) in by_group if n == indicator.number} | {
            u for (n, u) in reviews if n == indicator.number
        }
        rows: list[str] = []
        for name in named:
            if name in collective:
                members = [m for m in collective[name].members if m in active]
                rows += [m for m in members if m not in rows] or [name]
            elif name not in rows:
                rows.append(name)
        rows += sorted(u for u in active if u not in rows)
        for unit in rows:
            items = by_group.get((indicator.number, unit), [])
            review = reviews.get((indicator.number, unit))
            if review is not None:
                status = TASK_STATUS.get(review.decision, review.decision)
            else:
                status = PENDING if items else MISSING
            tasks.append(
                UnitTask(
                    indicator=indicator.number,
                    unit=unit,
                    status=status,
                    evidence_count=len(items),
                    pages=sum(i.pages or 0 for i in items),
                    comment=review.comment if review else "",
                )
            )
    with_status = tuple(_with_status(item, status_of.get(item.id, PENDING)) for item in evidence)
    return tuple(tasks), with_status


def _with_status(item: EvidenceItem, status: str) -> EvidenceItem:

    return replace(item, status=status)


# -- exports --------------------------------------------------------------------------------------


def _audit(project: Project, action: str, out: Path | Sequence[Path], detail: dict[str, Any]) -> None:
    """Record an export in the audit log; a read-only project (a frozen copy, a viewer) records nothing."""
    if getattr(project, "readonly", False):
        return
    paths = output_paths([out] if isinstance(out, Path) else out)
    with project.session() as session:
        record(session, action, f"project:{project.info.id}", {"outputs": paths, **detail})


def bundle_cache_dir(project: Project) -> Path:
    return project.folder / BUNDLE_CACHE_DIR


def learn_bundle_sources(
    project: Project, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
) -> Learnt:
    """The bundle's head start (``exports.bundle_learn``): every stored file of the whole bundle
    checked and the results kept in the project's bundle cache, nothing else written."""
    return learn_sources(
        collect_bundle_data(project, cancel=cancel), bundle_cache_dir(project), progress, cancel
    )


def _laid_out(project: Project, data: ReportData, cancel: CancelToken | None) -> ReportData:
    """``data`` with the bundle's page numbers (the report's evidence index prints them)."""
    return with_bundle_layout(data, cancel, cache_dir=bundle_cache_dir(project))


def export_report_pdf(
    project: Project,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """The 自评报告 as PDF."""

    out = Path(out)
    data = _laid_out(project, collect_report_data(project, cancel=cancel), cancel)
    pages = render_report_pdf(data, out, progress=progress, cancel=cancel)
    _audit(project, "export.report", out, {"format": "pdf", "pages": pages, "total": data.score.total})
    return out


def export_report_docx(
    project: Project,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """The 自评报告 as an editable Word document."""

    out = Path(out)
    data = _laid_out(project, collect_report_data(project, cancel=cancel), cancel)
    render_report_docx(data, out, progress=progress, cancel=cancel)
    _audit(project, "export.report", out, {"format": "docx", "total": data.score.total})
    return out


def export_workbook(
    project: Project,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """The workbook: 任务分解 progress, 自评打分表, evidence list, problems, summary."""

    out = Path(out)
    data = collect_report_data(project, cancel=cancel)
    write_workbook(data, out, progress=progress, cancel=cancel)
    _audit(project, "export.workbook", out, {"indicators": len(data.catalog.indicators)})
    return out


def export_bundle(
    project: Project,
    out: Path,
    unit: str | None = None,
    max_volume_bytes: int | None = None,
    *,
    stamp_pages: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """All evidence as one bookmarked PDF in catalog order (or volumes of at most ``max_volume_bytes``);
    ``unit``: only that unit's evidence. Returns the files written."""

    out = Path(out)
    unit_name = _unit_name(project, unit)
    if max_volume_bytes is not None and max_volume_bytes <= 0:
        raise UsageError(f"分册大小必须大于 0：{max_volume_bytes}")
    data = collect_bundle_data(project, cancel=cancel)
    result = write_bundle(
        data,
        out,
        unit=unit_name,
        max_volume_bytes=max_volume_bytes,
        stamp_pages=stamp_pages,
        progress=progress,
        cancel=cancel,
        cache_dir=bundle_cache_dir(project),
    )
    _audit(project, "export.bundle", result.paths, bundle_audit_detail(unit_name, result))
    return result.paths


def export_unit_bundles(
    project: Project,
    out_dir: Path,
    max_volume_bytes: int | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """One bundle per unit that has evidence, in ``out_dir`` (``印证资料汇编_县司法局.pdf`` …)."""

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise UsageError(f"输出目录不存在：{out_dir}")
    data = collect_bundle_data(project, cancel=cancel)
    units = list(iter_units(plan_sections(data)))
    written: list[Path] = []
    for index, unit in enumerate(units):
        check_cancel(cancel)
        report(progress, index, len(units), unit)
        target = out_dir / f"印证资料汇编_{safe_filename(unit)}.pdf"
        written += export_bundle(project, target, unit, max_volume_bytes, cancel=cancel)
    report(progress, len(units), len(units), "完成")
    return written


def export_folder_zip(
    project: Project,
    out: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Evidence as a ZIP with one folder per indicator and ``hashes.txt``."""

    out = Path(out)
    data = collect_report_data(project, cancel=cancel)
    archive = write_folder_zip(data, out, progress=progress, cancel=cancel)
    _audit(project, "export.folder", out, {"folders": archive.folders, "files": archive.files})
    return out


def _unit_name(project: Project, unit: str | None) -> str | None:
    if unit is None:
        return None

    return resolve_unit(project, unit).name


# -- reading levels back ----------------------------------------------------------------------------
