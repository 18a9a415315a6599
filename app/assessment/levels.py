"""The office's judgement, stored: levels per indicator, veto and bonus marks, the scoring scheme, URLs
and contacts a requirement asks for; and the score and self-check computed from them.

Every table is a history (the latest row per key is in force) and every change goes to the audit log in
the same transaction. Functions take an open ``Project`` and return plain frozen dataclasses.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.base.actor import resolve_actor
from app.base.errors import NotFoundError, UsageError
from app.base.jsonsafe import loads_limited
from app.evidence.scope import allowed_indicators
from app.project.audit import record
from app.project.folder import Project
from app.project.seed import unit_row_by_name
from app.scoring.compute import ScoreResult, compute_score
from app.scoring.scheme import (
    ScoringScheme,
    parse_level,
    read_scheme_file,
    reference_scheme,
    scheme_from_document,
    scheme_to_document,
)
from app.units.registry import resolve_unit
from indicator_catalog import Catalog
from models import (
    Assessment,
    Evidence,
    ExtraMark,
    InfoRecord,
    Unit,
    utcnow,
)
from models import ScoringScheme as SchemeRow

INFO_KINDS = {"url": "网址", "contact": "联系方式", "note": "说明"}


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    indicator: int
    level: str
    comment: str
    by: str
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "indicator": self.indicator,
            "level": self.level,
            "comment": self.comment,
            "by": self.by,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class MarkRecord:
    id: int
    item_id: str
    kind: str  # bonus | veto
    triggered: bool
    points: float | None
    note: str
    proof_evidence_id: int | None
    by: str
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item_id": self.item_id,
            "kind": self.kind,
            "triggered": self.triggered,
            "points": self.points,
            "note": self.note,
            "proof_evidence_id": self.proof_evidence_id,
            "by": self.by,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class InfoRecordInfo:
    id: int
    indicator: int
    unit: str
    kind: str  # url | contact | note
    value: str
    requirement_key: str | None
    by: str
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "indicator": self.indicator,
            "unit": self.unit,
            "kind": self.kind,
            "value": self.value,
            "requirement_key": self.requirement_key,
            "by": self.by,
            "at": self.at.isoformat(),
        }


def _assessment_record(row: Assessment) -> AssessmentRecord:
    return AssessmentRecord(
        row.id, row.indicator_number, row.level, row.comment or "", row.assessed_by, row.at
    )


def _mark_record(row: ExtraMark) -> MarkRecord:
    return MarkRecord(
        row.id,
        row.item_id,
        row.kind,
        bool(row.triggered),
        row.points,
        row.note or "",
        row.proof_evidence_id,
        row.marked_by,
        row.at,
    )


def _require_office(project: Project, what: str) -> None:
    project._require_writable()
    if project.info.role == "unit":
        raise UsageError(f"单位工作区不能{what}（由依法治县办评定）：{project.folder} (office only)")


def _check_indicator(project: Project, indicator: int) -> None:
    if not project.catalog.has_indicator(indicator):
        raise UsageError(f"未知的指标：第 {indicator} 项（{project.catalog.id}） (unknown indicator)")


def _text(value: str | None, what: str, flag: str) -> str:
    text = (value or "").strip()
    if not text:
        raise UsageError(f"必须填写{what}（{flag}） ({flag.lstrip('-')} required)")
    return text


# -- levels ------------------------------------------------------------------------------------------


def set_level(
    project: Project, indicator: int, level: str, *, comment: str | None = None, by: str | None = None
) -> AssessmentRecord:
    """Record a reviewer's level for ``indicator`` (aliases met/partial/unmet/na accepted)."""
    _require_office(project, "评定等级")
    _check_indicator(project, indicator)
    canonical = parse_level(level)
    actor = resolve_actor(by)
    comment_text = (comment or "").strip()
    with project.session() as session:
        previous = latest_levels(session).get(indicator)
        row = Assessment(
            indicator_number=indicator, level=canonical, comment=comment_text, assessed_by=actor, at=utcnow()
        )
        session.add(row)
        session.flush()
        record(
            session,
            "assessment.set",
            f"indicator:{indicator}",
            {"level": canonical, "previous": previous.level if previous else None, "comment": comment_text},
            actor,
        )
        return _assessment_record(row)


_ASSESSMENT_COLUMNS = (
    Assessment.id,
    Assessment.indicator_number,
    Assessment.level,
    Assessment.comment,
    Assessment.assessed_by,
    Assessment.at,
)


def latest_levels(session: Session) -> dict[int, AssessmentRecord]:
    # Plain columns, not ORM objects: this runs on every score recompute.
    latest = select(func.max(Assessment.id)).group_by(Assessment.indicator_number).scalar_subquery()
    rows = session.connection().execute(select(*_ASSESSMENT_COLUMNS).where(Assessment.id.in_(latest)))
    return {
        number: AssessmentRecord(row_id, number, level, comment or "", by, at)
        for row_id, number, level, comment, by, at in rows
    }


def current_levels(project: Project) -> dict[int, AssessmentRecord]:
    """The level in force per indicator (indicators never assessed are absent)."""
    with project.session() as session:
        return latest_levels(session)


def history(project: Project, indicator: int) -> list[AssessmentRecord]:
    """Every level given to ``indicator``, oldest first."""
    _check_indicator(project, indicator)
    with project.session() as session:
        rows = session.scalars(
            select(Assessment).where(Assessment.indicator_number == indicator).order_by(Assessment.id)
        )
        return [_assessment_record(row) for row in rows]


# -- veto and bonus -----------------------------------------------------------------------------------


def _veto_id(project: Project, item_id: str) -> str:
    key = item_id.strip().upper()
    known = [v.id for v in project.catalog.veto]
    if key not in known:
        raise UsageError(f"未知的否决项：{item_id}（有：{'、'.join(known) or '无'}） (unknown veto item)")
    return key


def _bonus_id(project: Project, item_id: str) -> str:
    key = item_id.strip().upper()
    known = [b.id for b in project.catalog.bonus]
    if key not in known:
        raise UsageError(f"未知的加分项：{item_id}（有：{'、'.join(known) or '无'}） (unknown bonus item)")
    return key


def set_veto(
    project: Project, item_id: str, *, triggered: bool, note: str, by: str | None = None
) -> MarkRecord:
    """Trigger or clear a veto item; the note says why."""
    _require_office(project, "标记否决项")
    key = _veto_id(project, item_id)
    note_text = _text(note, "说明", "--note")
    actor = resolve_actor(by)
    with project.session() as session:
        row = ExtraMark(
            item_id=key,
            kind="veto",
            triggered=triggered,
            points=None,
            note=note_text,
            marked_by=actor,
            at=utcnow(),
        )
        session.add(row)
        session.flush()
        record(
            session,
            "veto.trigger" if triggered else "veto.clear",
            f"veto:{key}",
            {"triggered": triggered, "note": note_text},
            actor,
        )
        return _mark_record(row)


def claim_bonus(
    project: Project,
    item_id: str,
    *,
    points: float,
    note: str,
    proof_evidence_id: int | None = None,
    by: str | None = None,
) -> MarkRecord:
    """Claim bonus points for an item (0 withdraws the claim). The points are stored as claimed; the
    scheme's caps apply when scoring. ``proof_evidence_id`` names the active evidence that proves it."""
    _require_office(project, "申报加分")
    key = _bonus_id(project, item_id)
    if not isinstance(points, int | float) or not math.isfinite(points) or points < 0:
        raise UsageError(f"加分项 {key} 的分值无效：{points}（应为不小于 0 的数） (bad points)")
    note_text = _text(note, "说明", "--note")
    actor = resolve_actor(by)
    with project.session() as session:
        if proof_evidence_id is not None:
            proof = session.get(Evidence, proof_evidence_id)
            if proof is None:
                raise NotFoundError(
                    f"没有编号为 {proof_evidence_id} 的资料，不能作为加分项 {key} 的证明 (no such evidence)"
                )
            if proof.status != "active":
                raise UsageError(
                    f"资料 {proof_evidence_id}（{proof.filename}）已是“{proof.status}”状态，"
                    f"不能作为加分项 {key} 的证明 (evidence not active)"
                )
        row = ExtraMark(
            item_id=key,
            kind="bonus",
            triggered=False,
            points=float(points),
            note=note_text,
            proof_evidence_id=proof_evidence_id,
            marked_by=actor,
            at=utcnow(),
        )
        session.add(row)
        session.flush()
        record(
            session,
            "bonus.claim",
            f"bonus:{key}",
            {"points": points, "note": note_text, "proof_evidence_id": proof_evidence_id},
            actor,
        )
        return _mark_record(row)


_MARK_COLUMNS = (
    ExtraMark.id,
    ExtraMark.item_id,
    ExtraMark.kind,
    ExtraMark.triggered,
    ExtraMark.points,
    ExtraMark.note,
    ExtraMark.proof_evidence_id,
    ExtraMark.marked_by,
    ExtraMark.at,
)


def latest_marks(session: Session) -> dict[str, MarkRecord]:
    latest = select(func.max(ExtraMark.id)).group_by(ExtraMark.item_id).scalar_subquery()
    rows = session.connection().execute(select(*_MARK_COLUMNS).where(ExtraMark.id.in_(latest)))
    return {
        item: MarkRecord(row_id, item, kind, bool(triggered), points, note or "", proof, by, at)
        for row_id, item, kind, triggered, points, note, proof, by, at in rows
    }


def current_marks(project: Project) -> dict[str, MarkRecord]:
    """The mark in force per bonus or veto item (items never marked are absent)."""
    with project.session() as session:
        return latest_marks(session)


# -- the scheme -----------------------------------------------------------------------------------------


def _scheme_from_row(row: SchemeRow, project: Project) -> ScoringScheme:
    doc = loads_limited(row.scheme_json)
    source = str(doc.pop("source", "") or f"项目方案（{row.set_by}，{row.at:%Y-%m-%d}）")
    return scheme_from_document(doc, project.catalog, source)


def _current_scheme(session: Session, project: Project) -> ScoringScheme:
    row = session.scalars(select(SchemeRow).order_by(SchemeRow.id.desc()).limit(1)).one_or_none()
    return reference_scheme(project.catalog) if row is None else _scheme_from_row(row, project)


def current_scheme(project: Project) -> ScoringScheme:
    """The scheme in force: the latest one the office set, else the reference scheme."""
    with project.session() as session:
        return _current_scheme(session, project)


def _store_scheme(
    project: Project, scheme: ScoringScheme, action: str, by: str | None, file: str | None
) -> None:
    actor = resolve_actor(by)
    document = scheme_to_document(scheme)
    with project.session() as session:
        previous = _current_scheme(session, project)
        session.add(
            SchemeRow(
                scheme_json=json.dumps(
                    {**document, "source": scheme.source}, ensure_ascii=False, sort_keys=True
                ),
                set_by=actor,
                at=utcnow(),
            )
        )
        session.flush()
        record(
            session,
            action,
            "scheme",
            {"file": file, "name": scheme.name, "previous": previous.name, "scheme": document},
            actor,
        )


def load_scheme(project: Project, path: str | Path, by: str | None = None) -> ScoringScheme:
    """Validate a YAML/JSON scheme file and put it in force (the previous one stays in history)."""
    _require_office(project, "更改评分方案")
    scheme = read_scheme_file(Path(path), project.catalog)  # raises before anything is written
    _store_scheme(project, scheme, "scheme.load", by, str(path))
    return scheme


def reset_scheme(project: Project, by: str | None = None) -> ScoringScheme:
    """Put the reference scheme back in force."""
    _require_office(project, "更改评分方案")
    scheme = reference_scheme(project.catalog)
    _store_scheme(project, scheme, "scheme.reset", by, None)
    return scheme


# -- the score --------------------------------------------------------------------------------------------


def score_project(project: Project, catalog: Catalog | None = None) -> ScoreResult:
    """The project's score under the scheme in force; ``catalog``: the same indicators laid out
    otherwise (another answer to an open placement question), default the project's own."""
    catalog = catalog or project.catalog
    with project.session() as session:
        levels = latest_levels(session)
        marks = latest_marks(session)
        scheme = _current_scheme(session, project)
    level_map = {n: r.level for n, r in levels.items() if catalog.has_indicator(n)}
    comments: dict[int, str | None] = {n: r.comment or None for n, r in levels.items()}
    bonus = {k: float(m.points or 0) for k, m in marks.items() if m.kind == "bonus" and m.points}
    vetoes = [k for k, m in marks.items() if m.kind == "veto" and m.triggered]
    return compute_score(catalog, scheme, level_map, bonus, vetoes, comments=comments)


# -- URLs and contacts -------------------------------------------------------------------------------------


def record_info(
    project: Project, *, indicator: int, unit: str, kind: str, value: str, by: str | None = None
) -> InfoRecordInfo:
    """Record a URL, contact detail or note a requirement of ``indicator`` asks for."""

    project._require_writable()
    _check_indicator(project, indicator)
    if kind not in INFO_KINDS:
        raise UsageError(f"信息类型无效：{kind}（应为 url、contact 或 note） (bad kind)")
    label = INFO_KINDS[kind]
    text = _text(value, label, {"url": "--url", "contact": "--contact", "note": "--note"}[kind])
    if kind == "url" and (any(c.isspace() for c in text) or ("." not in text and "://" not in text)):
        raise UsageError(f"网址无效：{text}（如 http://www.example.gov.cn/xxgk） (bad URL)")
    info = resolve_unit(project, unit)
    if info.collective:
        raise UsageError(
            f"{info.name} 是集体名称，请指定具体单位（成员：{'、'.join(info.members) or '尚未设置成员'}）"
        )
    if project.info.role == "unit" and project.info.unit and info.name != project.info.unit:
        raise UsageError(f"本工作区属于 {project.info.unit}，不能为 {info.name} 登记信息 (other unit)")
    if indicator not in allowed_indicators(project, info):
        units = "、".join(project.catalog.indicator(indicator).units) or "未列出"
        raise UsageError(
            f"{info.name} 不是第 {indicator} 项指标的责任单位（责任单位：{units}） (not responsible)"
        )
    ind = project.catalog.indicator(indicator)
    flag = {"url": "needs_url", "contact": "needs_contact"}.get(kind)
    keys = [r.key for r in ind.requirements if flag and getattr(r, flag)]
    requirement_key = keys[0] if len(keys) == 1 else None
    actor = resolve_actor(by)
    with project.session() as session:
        unit_row = unit_row_by_name(session, info.name)
        assert unit_row is not None
        row = InfoRecord(
            indicator_number=indicator,
            unit_id=unit_row.id,
            requirement_key=requirement_key,
            kind=kind,
            value=text,
            added_at=utcnow(),
            added_by=actor,
        )
        session.add(row)
        session.flush()
        record(
            session,
            "info.record",
            f"indicator:{indicator}",
            {"unit": info.name, "kind": kind, "value": text, "requirement_key": requirement_key},
            actor,
        )
        return InfoRecordInfo(row.id, indicator, info.name, kind, text, requirement_key, actor, row.added_at)


def list_info(project: Project, *, indicator: int | None = None) -> list[InfoRecordInfo]:
    """Recorded URLs, contacts and notes still in force (``indicator`` also matches its 合并提供 group)."""
    query = (
        select(InfoRecord, Unit.name)
        .join(Unit, Unit.id == InfoRecord.unit_id)
        .where(InfoRecord.withdrawn_at.is_(None))
    )
    if indicator is not None:
        _check_indicator(project, indicator)
        query = query.where(
            InfoRecord.indicator_number.in_(project.catalog.indicator(indicator).evidence_group)
        )
    with project.session() as session:
        return [
            InfoRecordInfo(
                row.id,
                row.indicator_number,
                name,
                row.kind,
                row.value,
                row.requirement_key,
                row.added_by,
                row.added_at,
            )
            for row, name in session.execute(query.order_by(InfoRecord.id))
        ]


# -- the self-check's facts ---------------------------------------------------------------------------------


__all__ = [
    "AssessmentRecord",
    "InfoRecordInfo",
    "MarkRecord",
    "claim_bonus",
    "current_levels",
    "current_marks",
    "current_scheme",
    "history",
    "list_info",
    "load_scheme",
    "record_info",
    "reset_scheme",
    "score_project",
    "set_level",
    "set_veto",
]
