"""Finding evidence again: full-text search over the project's evidence, indicator suggestions for files.

``search_evidence`` asks ``app.search.search`` over the active evidence (of one unit, one indicator's
合并提供 group) and names each hit's indicators, unit, file and page. ``suggest_for_files`` reads a
folder's files (checked like any evidence, nothing stored) and proposes indicators within the unit's
scope with ``app.search.IndicatorIndex`` (BM25 over the catalog's indicator and requirement texts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.base.errors import RefusedFileError, UsageError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.base.text import printable_path
from app.evidence.filecheck import DEFAULT_MAX_BYTES
from app.evidence.intake import text_of
from app.evidence.scope import unit_scope
from app.project.folder import Project
from app.search import IndicatorIndex, search
from app.units.registry import resolve_unit
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
) -> list[SearchHit]:
    """Pages of active evidence with every term of ``query`` (2-character words included)."""
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
        hits = search(session, query, limit, evidence_ids=list(rows)) if rows else []
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
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[FileSuggestion]:
    """Indicators proposed for each file from its title and text, within ``unit``'s scope."""
    _info, allowed = unit_scope(project, unit)
    index = IndicatorIndex.from_catalog(project.catalog)
    limit = int(project.settings.get("max_file_bytes") or DEFAULT_MAX_BYTES)
    results: list[FileSuggestion] = []
    for number, path in enumerate(files):
        check_cancel(cancel)
        report(progress, number, len(files), f"阅读 {path.name}")
        try:
            _facts, pages, _sources = text_of(
                path, printable_path(path), max_bytes=limit, convert=False, cancel=cancel
            )
        except RefusedFileError as exc:
            results.append(FileSuggestion(path, (), (), exc.reason))
            continue
        found = index.suggest(path.stem, pages, k, allowed=allowed or None)
        results.append(FileSuggestion(path, tuple(s.indicator for s in found), tuple(s.score for s in found)))
    report(progress, len(files), len(files), "完成")
    return results
