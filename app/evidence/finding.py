"""Finding evidence again: full-text search over the project's evidence, indicator suggestions for files.

``search_evidence`` asks ``app.search.search`` over the active evidence (of one unit, one indicator's
合并提供 group) and names each hit's indicators, unit, file and page. ``suggest_for_files`` reads a
folder's files (checked like any evidence, nothing stored) and proposes indicators within the unit's
scope with ``app.search.IndicatorIndex`` (BM25 over the catalog's indicator and requirement texts);
with ``ocr`` the scans and photos are read by the OCR first, into an ``OcrTexts`` that ``file_confirmed``
then takes its text from (each content is read by the OCR once).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.base.errors import CancelledError, RefusedFileError, UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.base.text import printable_path
from app.evidence.attach import attach
from app.evidence.filecheck import DEFAULT_MAX_BYTES
from app.evidence.formats import OCR_NOT_INSTALLED, ocr_available
from app.evidence.intake import file_progress, text_of
from app.evidence.ocr_texts import OcrTexts
from app.evidence.scope import unit_scope
from app.project.folder import Project
from app.search import IndicatorIndex, html_hits, search
from app.units.registry import resolve_unit
from indicator_catalog import Catalog
from models import Evidence, EvidenceIndicator, Unit


@dataclass(frozen=True)
class SearchHit:
    evidence_id: int
    indicators: tuple[int, ...]
    unit: str
    filename: str
    title: str
    page: int
    snippet: str
    source: str  # "text" | "ocr"
    sha256: str = ""  # the stored content preview shows (the PDF rendition when there is one)
    kind: str = ""  # "pdf" | "xlsx" | … (as ``EvidenceRecord.kind``)

    def to_json(self) -> dict[str, Any]:
        return {
            "evidence_id": self.evidence_id,
            "indicators": list(self.indicators),
            "unit": self.unit,
            "filename": self.filename,
            "title": self.title,
            "page": self.page,
            "snippet": self.snippet,
            "source": self.source,
        }


def search_evidence(
    project: Project,
    query: str,
    *,
    unit: str | None = None,
    indicator: int | None = None,
    limit: int = 50,
    html: bool = False,
) -> list[SearchHit]:
    """Pages of active evidence with every term of ``query`` (2-character words included).

    ``html``: snippets HTML-escaped with the hits in ``<b>…</b>`` (for a rich-text view); otherwise
    plain text with the hits in 【】.
    """
    if not query.strip():
        raise UsageError("搜索词不能为空 (empty query)")
    chosen = select(Evidence).where(Evidence.status == "active").options(selectinload(Evidence.links))
    if indicator is not None:
        if not project.catalog.has_indicator(indicator):
            raise UsageError(f"未知的指标：第 {indicator} 项 (unknown indicator)")
        group = project.catalog.indicator(indicator).evidence_group
        chosen = chosen.where(
            Evidence.id.in_(
                select(EvidenceIndicator.evidence_id).where(EvidenceIndicator.indicator_number.in_(group))
            )
        )
    if unit is not None:
        chosen = chosen.where(Evidence.unit_id == resolve_unit(project, unit).id)
    with project.session() as session:
        rows = {row.id: row for row in session.scalars(chosen)}
        names = {unit_id: name for unit_id, name in session.execute(select(Unit.id, Unit.name))}
        find = html_hits if html else search
        hits = find(session, query, limit, evidence_ids=list(rows)) if rows else []
        return [
            SearchHit(
                evidence_id=hit.evidence_id,
                indicators=tuple(sorted({link.indicator_number for link in rows[hit.evidence_id].links})),
                unit=names[rows[hit.evidence_id].unit_id],
                filename=rows[hit.evidence_id].filename,
                title=rows[hit.evidence_id].title,
                page=hit.page,
                snippet=hit.snippet,
                source=hit.source,
                sha256=rows[hit.evidence_id].sha256,
                kind=rows[hit.evidence_id].kind,
            )
            for hit in hits
            if hit.evidence_id in rows
        ]


@dataclass(frozen=True)
class FileSuggestion:
    path: Path
    indicators: tuple[int, ...]  # best first; empty when nothing matched
    scores: tuple[float, ...]
    refused: str | None = None  # the reason, for a file that is not acceptable evidence

    @property
    def top(self) -> int | None:
        return self.indicators[0] if self.indicators else None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": printable_path(self.path),
            "suggested": list(self.indicators),
            "scores": [None if s == float("inf") else s for s in self.scores],
            "refused": self.refused,
        }


def folder_files(folder: Path) -> list[Path]:
    """The files directly in ``folder`` (hidden files left out), by name."""
    if not folder.is_dir():
        raise UsageError(f"不是文件夹：{printable_path(folder)} (not a directory)")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def suggest_for_files(
    project: Project,
    unit: str,
    files: Sequence[Path],
    *,
    k: int = 3,
    ocr: bool = False,
    ocr_texts: OcrTexts | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[FileSuggestion]:
    """Indicators proposed for each file from its title and text, within ``unit``'s scope.

    ``ocr``: the pages without text layer (scans, photos) are read by the OCR first (``UsageError``
    naming what to install when it is missing); what it read is kept in ``ocr_texts`` by content.
    """
    if ocr and not ocr_available():
        raise UsageError(OCR_NOT_INSTALLED)
    _info, allowed = unit_scope(project, unit)
    index = IndicatorIndex.from_catalog(project.catalog)
    limit = int(project.settings.get("max_file_bytes") or DEFAULT_MAX_BYTES)
    results: list[FileSuggestion] = []
    for number, path in enumerate(files):
        check_cancel(cancel)
        report(progress, number, len(files), f"阅读 {path.name}")

        try:
            _facts, pages, _sources = text_of(
                path,
                printable_path(path),
                max_bytes=limit,
                convert=False,
                ocr=ocr,
                project=project,
                ocr_texts=ocr_texts,
                progress=file_progress(progress, number, len(files), path.name),
                cancel=cancel,
            )
        except RefusedFileError as exc:
            results.append(FileSuggestion(path, (), (), exc.reason))
            continue
        found = index.suggest(path.stem, pages, k, allowed=allowed or None)
        results.append(FileSuggestion(path, tuple(s.indicator for s in found), tuple(s.score for s in found)))
    report(progress, len(files), len(files), "完成")
    return results


@dataclass(frozen=True)
class FolderProposal:
    """What ``propose_for_folder`` found: a suggestion per file and the indicators the unit may use."""

    unit: str
    folder: Path
    files: tuple[FileSuggestion, ...]
    allowed: tuple[int, ...]  # the unit's indicators (every indicator when the unit has no set scope)


def propose_for_folder(
    project: Project,
    unit: str,
    folder: Path,
    *,
    k: int = 3,
    ocr: bool = False,
    ocr_texts: OcrTexts | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FolderProposal:
    """``suggest_for_files`` for the files directly in ``folder`` (the window's 按文件夹智能归档)."""
    info, allowed = unit_scope(project, unit)
    files = folder_files(folder)
    if not files:
        raise UsageError(f"文件夹中没有文件：{printable_path(folder)} (empty folder)")
    proposals = suggest_for_files(
        project, info.name, files, k=k, ocr=ocr, ocr_texts=ocr_texts, progress=progress, cancel=cancel
    )
    numbers = sorted(allowed) if allowed else [i.number for i in project.catalog.indicators]
    return FolderProposal(info.name, folder, tuple(proposals), tuple(numbers))


#: A suggestion is taken without asking (``attach --suggest --yes``) when its BM25 score reaches
#: ``CONFIDENT_SCORE`` and beats the runner-up by ``CONFIDENT_MARGIN`` times; a title naming the
#: indicator (第23项) always is. BM25 scores depend on the catalog's size (a file about 执法案卷评查
#: scores ≈ 15 in a 6-indicator catalog, ≈ 90 in the national one), their ratio much less: a generic
#: 通知, 工作总结 or 会议照片 has its first three suggestions within 10 % of each other.
CONFIDENT_SCORE = 5.0
CONFIDENT_MARGIN = 1.25


def confident_choices(
    proposals: Sequence[FileSuggestion],
    *,
    min_score: float = CONFIDENT_SCORE,
    catalog: Catalog | None = None,
) -> tuple[list[tuple[Path, int]], list[tuple[Path, str]]]:
    """The top suggestion of every file sure enough to take without asking, and the files left over
    with the reason (not acceptable evidence, nothing matched, too weak or a tie). ``catalog`` names a
    plan's tasks by their ids in the reasons."""

    def item_label(number: int) -> str:
        return catalog.item_label(number) if catalog is not None else f"第 {number} 项"

    choices: list[tuple[Path, int]] = []
    unplaced: list[tuple[Path, str]] = []
    for item in proposals:
        if item.refused is not None:
            unplaced.append((item.path, item.refused))
        elif item.top is None:
            unplaced.append((item.path, "没有找到相关的指标，请用 --indicator 指定 (no suggestion)"))
        elif item.scores[0] < min_score:
            unplaced.append(
                (
                    item.path,
                    f"推荐{item_label(item.top)}的把握不足（得分 {item.scores[0]:g}，低于 {min_score:g}），"
                    "请用 --indicator 指定 (suggestion too weak)",
                )
            )
        elif len(item.scores) > 1 and (
            item.scores[0] < item.scores[1] * CONFIDENT_MARGIN or item.scores[1] == math.inf
        ):
            unplaced.append(
                (
                    item.path,
                    f"{item_label(item.indicators[0])}与{item_label(item.indicators[1])}"
                    f"难以区分（得分 {item.scores[0]:g}"
                    f" 与 {item.scores[1]:g}），请用 --indicator 指定 (ambiguous suggestion)",
                )
            )
        else:
            choices.append((item.path, item.top))
    return choices, unplaced


@dataclass(frozen=True)
class FilingResult:
    attached: tuple[tuple[Path, int, int], ...]  # (file, indicator, evidence id)
    refused: tuple[tuple[Path, str], ...]  # (file, reason)
    cancelled: bool = False
    not_done: tuple[Path, ...] = ()  # confirmed files left out by the cancel (nothing of them stored)

    @property
    def evidence_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(evidence_id for _path, _number, evidence_id in self.attached))

    @property
    def indicators(self) -> tuple[int, ...]:
        return tuple(sorted({number for _path, number, _id in self.attached}))


def file_confirmed(
    project: Project,
    unit: str,
    choices: Sequence[tuple[Path, int]],
    *,
    period: str | None = None,
    ocr: bool = False,
    ocr_texts: OcrTexts | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FilingResult:
    """Attach each confirmed file to its chosen indicator (one ``attach`` per indicator, refused files
    reported, not fatal). A cancel keeps the indicators already done and rolls back the one under way.
    ``ocr``: read pages without text (scans, photos) right away, as ``attach(ocr=True)``, taking what
    the proposal's OCR read from ``ocr_texts`` (pass the one given to ``suggest_for_files``)."""
    if ocr and ocr_texts is None:
        ocr_texts = OcrTexts()
    groups: dict[int, list[Path]] = {}
    for path, number in choices:
        groups.setdefault(number, []).append(path)
    total = len(choices)
    attached: list[tuple[Path, int, int]] = []
    refused: list[tuple[Path, str]] = []
    offset = 0
    pending = list(groups.items())
    while pending:
        number, paths = pending[0]

        def step(done: int, _total: int, message: str, base: int = offset, size: int = len(paths)) -> None:
            report(progress, base + min(done, size), total, message)

        try:
            result = attach(
                project,
                unit=unit,
                indicators=[number],
                files=paths,
                period=period,
                skip_refused=True,
                progress=step,
                cancel=cancel,
                ocr=ocr,
                ocr_texts=ocr_texts,
            )
        except CancelledError:
            left = tuple(path for _number, group in pending for path in group)
            return FilingResult(tuple(attached), tuple(refused), True, left)
        accepted = [path for path in paths if path not in {p for p, _reason in result.refused}]
        attached.extend(
            (path, number, record.id) for path, record in zip(accepted, result.attached, strict=True)
        )
        refused.extend(result.refused)
        offset += len(paths)
        pending.pop(0)
    report(progress, total, total, "完成")
    return FilingResult(tuple(attached), tuple(refused))
