"""The pre-submission self-check (体检): what is missing, short, stale, unassessed or unproven.

``check_snapshot`` is pure (plain facts in, findings out) so it can be tested and benchmarked without a
database; ``run_check`` reads the project into a ``CheckSnapshot`` and calls it. Required counts, URL and
contact demands and since-years all come from the catalog's requirement items, never from constants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from app.assessment.levels import latest_levels, latest_marks
from app.evidence.formats import duplicates_by_wenhao
from app.project.folder import Project
from app.scoring.scheme import MET, PARTIAL
from app.status.findings import ERROR, INFO, SEVERITIES, SEVERITY_LABELS, WARNING, Finding
from app.status.plan_check import lead_findings, plan_findings, units_with_evidence
from app.status.returns import Resubmission, ReviewFact, outstanding_returns
from app.units.roles import indicator_roles
from indicator_catalog import Catalog, Indicator, Requirement
from indicator_catalog.demands import year_meets_demand
from models import CollectiveMember, Evidence, EvidenceIndicator, InfoRecord, Review, Unit

__all__ = [
    "ERROR",
    "INFO",
    "SEVERITIES",
    "SEVERITY_LABELS",
    "WARNING",
    "CheckSnapshot",
    "Finding",
    "check_snapshot",
    "run_check",
]


@dataclass(frozen=True)
class EvidenceFact:
    id: int
    unit: str
    indicators: tuple[int, ...]  # directly linked
    period: str | None = None  # "2021" or "2021-05"
    active: bool = True
    added_at: datetime | None = None
    title: str = ""
    wenhao: str | None = None  # found in the text at attach (app.evidence.formats.metadata)


@dataclass(frozen=True)
class InfoFact:
    indicator: int
    unit: str
    kind: str  # url | contact | note


@dataclass(frozen=True)
class BonusFact:
    item_id: str
    points: float
    proof_evidence_id: int | None


@dataclass(frozen=True)
class CheckSnapshot:
    """Everything the self-check looks at, as plain data (current state only)."""

    catalog: Catalog
    evidence: tuple[EvidenceFact, ...] = ()
    info: tuple[InfoFact, ...] = ()
    reviews: tuple[ReviewFact, ...] = ()  # all reviews; the latest per (indicator, unit) counts
    levels: Mapping[int, str] = field(default_factory=dict)
    bonus: tuple[BonusFact, ...] = ()
    vetoes: tuple[str, ...] = ()
    veto_marked: tuple[str, ...] = ()  # veto items with any mark (triggered or not): reviewed
    collective_members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    collectives: frozenset[str] = frozenset()
    scope_unit: str | None = None  # a unit workspace checks only its own indicators and no scoring


def _year(period: str | None) -> int | None:
    if not period:
        return None
    head = period.strip()[:4]
    return int(head) if head.isdigit() else None


def _stale_note(indicator: Indicator, year: int) -> str | None:
    """What the indicator's items demand when evidence of ``year`` fits none of them, else ``None``.

    A single-year item (2021年执法记录台账) is not met by another year; a since-year or a period
    (2022年起按季度) by no earlier year. Items without a time say nothing."""
    demanding = [r for r in indicator.requirements if year_meets_demand(r, year) is not None]
    if not demanding and indicator.since is not None:
        return None if year >= indicator.since else f"{indicator.since}年以来"
    if not demanding or any(year_meets_demand(r, year) for r in demanding):
        return None
    wanted = list(dict.fromkeys(f"{r.key} 要求{r.time_demand}" for r in demanding))
    return "；".join(wanted)


def _numbers(numbers: Iterable[int]) -> str:
    return "、".join(str(n) for n in numbers)


def check_snapshot(snapshot: CheckSnapshot) -> list[Finding]:
    """Every finding for ``snapshot``, sorted by severity then catalog order."""
    catalog = snapshot.catalog
    findings: list[Finding] = []
    add = findings.append
    scope = snapshot.scope_unit

    def in_scope(ind: Indicator) -> bool:
        return scope is None or scope in ind.units or scope in _expanded_units(ind)

    def _expanded_units(ind: Indicator) -> set[str]:
        names: set[str] = set()
        for unit in ind.units:
            names.add(unit)
            names.update(snapshot.collective_members.get(unit, ()))
        return names

    active = [e for e in snapshot.evidence if e.active]
    # evidence reachable from each indicator: direct links, then the 合并提供 group
    direct: dict[int, list[EvidenceFact]] = defaultdict(list)
    for fact in active:
        for number in fact.indicators:
            direct[number].append(fact)

    by_group: dict[tuple[int, ...], list[EvidenceFact]] = {}

    def group_evidence(ind: Indicator) -> list[EvidenceFact]:
        group = ind.evidence_group
        if group not in by_group:  # members of a 合并提供 group share one list
            seen: dict[int, EvidenceFact] = {}
            for number in group:
                for fact in direct.get(number, ()):
                    seen.setdefault(fact.id, fact)
            by_group[group] = list(seen.values())
        return by_group[group]

    info_by_indicator: dict[int, set[str]] = defaultdict(set)
    for record in snapshot.info:
        info_by_indicator[record.indicator].add(record.kind)

    def key_holder(ind: Indicator, req: Requirement) -> int:
        """The indicator whose row holds a (possibly shared) requirement item."""
        head = req.key.split(".", 1)[0]
        if head.isdigit() and int(head) in ind.evidence_group:
            return int(head)
        return ind.number

    seen_keys: set[str] = set()
    for ind in catalog.indicators:
        if not in_scope(ind):
            continue
        units_text = "、".join(ind.units) or None
        evidence = group_evidence(ind)
        document_reqs = ind.document_requirements
        # 实地核查 items: a preparation checklist, not a document demand
        onsite_items = [r for r in ind.requirements if r.onsite]
        if onsite_items or (ind.onsite and not ind.requirements):
            extra = "；".join(r.text.strip() for r in onsite_items if r.text.strip() != "实地核查")
            where = "为实地核查（不报送资料）" if ind.onsite else "中有实地核查的要求"
            summary = ind.text if len(ind.text) <= 60 else ind.text[:60] + "…"
            add(
                Finding(
                    INFO,
                    ind.number,
                    units_text,
                    f"第 {ind.number} 项{where}：请{units_text or '责任单位'}对照指标做好现场准备"
                    f"（{extra or summary}）",
                    "onsite_prep",
                )
            )
        needs_documents = bool(document_reqs) or (not ind.onsite and not ind.requirements)
        if needs_documents and not evidence:
            notes = [f"责任单位：{units_text or '未指定'}"]
            counts = [f"{r.key} 至少 {r.min_count} 件" for r in document_reqs if r.min_count]
            if counts:
                notes.append("要求 " + "、".join(counts))
            if ind.shared_with:
                notes.append(f"与第 {_numbers(ind.shared_with)} 项合并提供")
            add(
                Finding(
                    ERROR,
                    ind.number,
                    units_text,
                    f"第 {ind.number} 项尚无印证资料（{'；'.join(notes)}）",
                    "no_evidence",
                )
            )
        for req in document_reqs:
            if req.key in seen_keys:
                continue  # a 合并提供 item is checked once, on the row that holds it
            holder = key_holder(ind, req)
            if req.min_count is not None and evidence and len(evidence) < req.min_count:
                seen_keys.add(req.key)
                group_note = (
                    f"（含合并提供的第 {_numbers(ind.evidence_group)} 项）" if ind.shared_with else ""
                )
                add(
                    Finding(
                        ERROR,
                        holder,
                        units_text,
                        f"第 {holder} 项资料要求 {req.key} 需至少 {req.min_count} 件，"
                        f"现有 {len(evidence)} 件{group_note}",
                        "count_short",
                    )
                )
            kinds: set[str] = set()
            for number in ind.evidence_group:
                kinds |= info_by_indicator.get(number, set())
            for needed, kind, label in (
                (req.needs_url, "url", "网址"),
                (req.needs_contact, "contact", "联系方式"),
            ):
                if needed and kind not in kinds and f"{req.key}:{kind}" not in seen_keys:
                    seen_keys.add(f"{req.key}:{kind}")
                    add(
                        Finding(
                            WARNING,
                            holder,
                            units_text,
                            f"第 {holder} 项资料要求 {req.key} 需提供{label}，尚未登记，请登记{label}",
                            f"missing_{kind}",
                            f"fazhi record DIR --indicator {holder} --unit 单位 --{kind} {label}",
                        )
                    )
        if scope is None and ind.number not in snapshot.levels:
            add(Finding(WARNING, ind.number, None, f"第 {ind.number} 项尚未评估等级", "not_assessed"))

    # stale evidence: a period that fits no time demand of an indicator it serves (once per file)
    for fact in active:
        year = _year(fact.period)
        if year is None or (scope is not None and fact.unit != scope):
            continue
        for number in fact.indicators:
            if not catalog.has_indicator(number):
                continue
            stale = _stale_note(catalog.indicator(number), year)
            if stale is not None:
                add(
                    Finding(
                        WARNING,
                        number,
                        fact.unit,
                        f"第 {number} 项资料《{fact.title or fact.id}》（编号 {fact.id}）期间 {fact.period}"
                        f" 不符合时间要求：{stale}",
                        "stale_evidence",
                        f"fazhi evidence DIR --indicator {number}（核对资料期间，必要时补充 {stale} 的资料）",
                    )
                )
                break

    # responsible units that have attached nothing for their indicators
    units_by_group: dict[tuple[int, ...], set[str]] = {}
    evidence_units_by_indicator: dict[int, set[str]] = {}
    for ind in catalog.indicators:
        group = ind.evidence_group
        if group not in units_by_group:
            units_by_group[group] = {fact.unit for fact in group_evidence(ind)}
        evidence_units_by_indicator[ind.number] = units_by_group[group]
    unit_indicators: dict[str, list[int]] = defaultdict(list)
    for ind in catalog.indicators:
        if not ind.document_requirements and ind.requirements:
            continue  # 实地核查 only: nothing to attach
        for unit in ind.units:
            unit_indicators[unit].append(ind.number)
    for unit, numbers in unit_indicators.items():
        if scope is not None and unit != scope and scope not in snapshot.collective_members.get(unit, ()):
            continue
        members = set(snapshot.collective_members.get(unit, ())) if unit in snapshot.collectives else {unit}
        if unit in snapshot.collectives and not members:
            continue  # which real units a collective covers is not set yet: nothing to judge
        missing = [n for n in numbers if not (evidence_units_by_indicator[n] & members)]
        if not missing:
            continue
        if len(missing) == len(numbers):
            add(
                Finding(
                    WARNING,
                    None,
                    unit,
                    f"{unit} 负责的第 {_numbers(missing)} 项指标均未提交任何资料",
                    "unit_nothing",
                )
            )
        else:
            for number in missing:
                if evidence_units_by_indicator[number]:  # otherwise "no_evidence" already says it
                    add(
                        Finding(WARNING, number, unit, f"{unit} 尚未为第 {number} 项提交资料", "unit_missing")
                    )

    # returned evidence not answered since the return (the one rule in app.status.returns)
    resubmissions = [
        Resubmission(fact.unit, fact.indicators, fact.added_at)
        for fact in active
        if fact.added_at is not None
    ]
    for review in outstanding_returns(catalog, snapshot.reviews, resubmissions):
        unit = review.unit
        number = review.indicator
        if scope is not None and unit != scope:
            continue
        # The reviewer's comment usually ends a sentence; don't follow its 。 with our ，.
        comment = review.comment.rstrip("。.；;，, ") if review.comment else ""
        reason = f"（{comment}）" if comment else ""
        add(
            Finding(
                ERROR,
                number,
                unit,
                f"第 {number} 项 {unit} 的资料已退回{reason}，退回后尚未重新提交",
                "returned",
            )
        )

    if scope is None:
        active_ids = {e.id for e in active}
        for mark in snapshot.bonus:
            if mark.points > 0 and (
                mark.proof_evidence_id is None or mark.proof_evidence_id not in active_ids
            ):
                why = (
                    "未附证明文件"
                    if mark.proof_evidence_id is None
                    else f"证明文件（编号 {mark.proof_evidence_id}）已撤回或不存在"
                )
                add(
                    Finding(
                        ERROR,
                        mark.item_id,
                        None,
                        f"加分项 {mark.item_id} 申报 {mark.points:g} 分，{why}，请补充证明文件",
                        "bonus_no_proof",
                        f"fazhi bonus DIR {mark.item_id} --points {mark.points:g} --note 说明"
                        " --proof 资料编号",
                    )
                )
        for veto_id in snapshot.vetoes:
            add(Finding(ERROR, veto_id, None, f"否决项 {veto_id} 已触发：结果为一票否决", "veto_triggered"))
        marked = set(snapshot.veto_marked) | set(snapshot.vetoes)
        for veto in catalog.veto:
            if veto.id not in marked:
                add(
                    Finding(
                        WARNING,
                        veto.id,
                        None,
                        f"否决项 {veto.id} 尚未核查（{veto.text[:30]}{'…' if len(veto.text) > 30 else ''}）："
                        "请确认是否发生并登记",
                        "veto_unreviewed",
                        f"fazhi veto DIR {veto.id} --clear --note 核查情况",
                    )
                )
        findings.extend(_level_conflicts(findings, snapshot.levels))
        for wenhao, ids in duplicates_by_wenhao((e.id, e.wenhao) for e in active).items():
            listed = "、".join(str(i) for i in ids)
            add(
                Finding(
                    WARNING,
                    None,
                    None,
                    f"文号 {wenhao} 的文件被重复添加（资料编号 {listed}），请确认是否为同一份文件",
                    "duplicate_wenhao",
                    f"fazhi remove DIR {ids[-1]} --reason 重复添加",
                )
            )
    return sort_findings(findings, catalog)


_LEVEL_REASONS = {
    "no_evidence": "尚无印证资料",
    "count_short": "资料件数不足",
    "stale_evidence": "资料期间不符合时间要求",
    "returned": "退回的资料尚未补交",
}


def _level_conflicts(findings: Iterable[Finding], levels: Mapping[int, str]) -> list[Finding]:
    """An indicator rated 达标 or 基本达标 while its evidence says otherwise (one finding each)."""
    reasons: dict[int, list[str]] = defaultdict(list)
    for finding in findings:
        number = finding.indicator
        if isinstance(number, int) and finding.code in _LEVEL_REASONS:
            text = _LEVEL_REASONS[finding.code]
            if finding.code == "count_short":
                text = finding.message.split("资料要求 ", 1)[-1]
            if text not in reasons[number]:
                reasons[number].append(text)
    conflicts: list[Finding] = []
    for number, why in reasons.items():
        level = levels.get(number)
        if level in (MET, PARTIAL):
            conflicts.append(
                Finding(
                    ERROR,
                    number,
                    None,
                    f"第 {number} 项评为“{level}”，但{'；'.join(why)}：请补齐资料或调整等级",
                    "level_vs_evidence",
                    f"fazhi assess DIR --indicator {number} --level 未达标 --comment 理由",
                )
            )
    return conflicts


def sort_findings(findings: Iterable[Finding], catalog: Catalog) -> list[Finding]:
    """By severity, then catalog order (indicators, bonus items, veto items, then whole-unit findings)."""
    position: dict[int | str, int] = {i.number: pos for pos, i in enumerate(catalog.indicators)}
    offset = len(position)
    extra_ids = [b.id for b in catalog.bonus] + [v.id for v in catalog.veto]
    for pos, item_id in enumerate(extra_ids):
        position[item_id] = offset + pos
    last = offset + len(catalog.bonus) + len(catalog.veto)

    def key(f: Finding) -> tuple[int, int, str, str]:
        where = last if f.indicator is None else position.get(f.indicator, last)
        return (SEVERITIES.index(f.severity), where, f.unit or "", f.code)

    return sorted(findings, key=key)


def run_check(project: Project) -> list[Finding]:
    """Run the self-check on an open project (a plan project: ``plan_check``)."""
    if project.catalog.is_plan:
        return plan_findings(project)
    scope = project.info.unit if project.info.role == "unit" else None
    leads = lead_findings(indicator_roles(project).values(), units_with_evidence(project), scope)
    return sort_findings([*check_snapshot(check_snapshot_for(project)), *leads], project.catalog)


def check_snapshot_for(project: Project) -> CheckSnapshot:
    """Everything the self-check needs, read in one session."""

    catalog = project.catalog
    with project.session() as session:
        names: dict[int, str] = dict(session.execute(select(Unit.id, Unit.name)).all())
        collectives = frozenset(session.scalars(select(Unit.name).where(Unit.collective.is_(True))))
        members: dict[str, list[str]] = {}
        for collective_id, member_id in session.execute(
            select(CollectiveMember.collective_id, CollectiveMember.member_id)
        ):
            members.setdefault(names[collective_id], []).append(names[member_id])
        connection = session.connection()  # Core rows for the big tables: no ORM row processing
        links: dict[int, list[int]] = {}
        for evidence_id, number in connection.execute(
            select(EvidenceIndicator.evidence_id, EvidenceIndicator.indicator_number)
            .join(Evidence, Evidence.id == EvidenceIndicator.evidence_id)
            .where(Evidence.status == "active")
            .order_by(EvidenceIndicator.evidence_id, EvidenceIndicator.indicator_number)
        ):
            numbers = links.setdefault(evidence_id, [])
            if number not in numbers:
                numbers.append(number)
        review_rows = list(
            session.execute(
                select(
                    Review.indicator_number, Review.unit_id, Review.decision, Review.at, Review.comment
                ).order_by(Review.id)
            )
        )
        reviews = tuple(
            ReviewFact(number, names[unit_id], decision, at, comment or "")
            for number, unit_id, decision, at, comment in review_rows
        )
        latest_decision = {(number, unit_id): decision for number, unit_id, decision, _at, _c in review_rows}
        returned_units = {
            unit_id for (_n, unit_id), decision in latest_decision.items() if decision == "returned"
        }
        # Times are only needed to see whether returned evidence came back (and cost a conversion per row).
        added: dict[int, datetime] = {}
        if returned_units:
            added = dict(
                session.execute(
                    select(Evidence.id, Evidence.added_at).where(
                        Evidence.status == "active", Evidence.unit_id.in_(returned_units)
                    )
                ).all()
            )
        evidence = tuple(
            EvidenceFact(
                id=evidence_id,
                unit=names[unit_id],
                indicators=tuple(links.get(evidence_id, ())),
                period=period,
                active=True,
                added_at=added.get(evidence_id),
                title=title or "",
                wenhao=wenhao,
            )
            for evidence_id, unit_id, period, title, wenhao in connection.execute(
                select(Evidence.id, Evidence.unit_id, Evidence.period, Evidence.title, Evidence.wenhao)
                .where(Evidence.status == "active")
                .order_by(Evidence.id)
            )
        )
        info = tuple(
            InfoFact(number, names[unit_id], kind)
            for number, unit_id, kind in session.execute(
                select(InfoRecord.indicator_number, InfoRecord.unit_id, InfoRecord.kind).where(
                    InfoRecord.withdrawn_at.is_(None)
                )
            )
        )
        levels = {n: row.level for n, row in latest_levels(session).items()}
        marks = latest_marks(session)
    bonus = tuple(
        BonusFact(key, float(mark.points or 0), mark.proof_evidence_id)
        for key, mark in marks.items()
        if mark.kind == "bonus"
    )
    vetoes = tuple(v.id for v in catalog.veto if (m := marks.get(v.id)) is not None and m.triggered)
    veto_marked = tuple(v.id for v in catalog.veto if v.id in marks)
    return CheckSnapshot(
        catalog=catalog,
        evidence=evidence,
        info=info,
        reviews=reviews,
        levels=levels,
        bonus=bonus,
        vetoes=vetoes,
        veto_marked=veto_marked,
        collective_members={k: tuple(v) for k, v in members.items()},
        collectives=collectives,
        scope_unit=project.info.unit if project.info.role == "unit" else None,
    )
