"""The evidence bundle's plan: sections per 合并提供 group, their files, and the split into volumes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exports.report_data import EvidenceItem, ReportData, evidence_sections
from indicator_catalog import Indicator

#: Bytes a volume needs beyond its evidence files (contents, separators, stamps, their font subsets).
VOLUME_OVERHEAD = 400_000


SECTION_OVERHEAD = 30_000


@dataclass(frozen=True)
class BundleFile:
    item: EvidenceItem
    source: Path  # the PDF merged: the stored PDF, or the spreadsheet drawn as PDF
    pages: int
    size: int
    fonts_embedded: bool = True  # every font of the source is embedded (else no PDF/A bundle)
    conforms: bool = True  # the PDF/A-2b validator approves the source on its own (ours: drawn by us)


@dataclass
class BundleSection:
    indicator: Indicator  # the first indicator of the 合并提供 group
    numbers: tuple[int, ...]
    files: list[BundleFile] = field(default_factory=list)
    earlier: list[tuple[EvidenceItem, BundleSection]] = field(default_factory=list)
    # Filled in when a volume is laid out:
    start_page: int = 0  # 1-based page of the separator in its volume
    separator_pages: int = 1
    file_pages: list[int] = field(default_factory=list)  # 1-based first page of each file
    volume: int = 0

    @property
    def is_task(self) -> bool:
        """A plan's task (named by its id, 任务 一.3, never 第 n 项)."""
        return bool(self.indicator.task_id)

    @property
    def code(self) -> str:
        """The item's name in the contents' first column: "26", "26–28", or a task id "一.3"."""
        if self.is_task:
            return self.indicator.label + (" 等" if len(self.numbers) > 1 else "")
        if len(self.numbers) > 1:
            return f"{self.numbers[0]}–{self.numbers[-1]}"
        return str(self.numbers[0])

    @property
    def label(self) -> str:
        if self.is_task:
            return f"任务 {self.code}"
        return f"第 {self.code} 项"

    @property
    def stamp_label(self) -> str:
        if self.is_task:
            return f"任务{self.code}"
        return f"第{self.code}项"

    @property
    def evidence_pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files) + SECTION_OVERHEAD


def volume_paths(out: Path, count: int) -> list[Path]:
    """``bundle.pdf`` for one volume; ``bundle_第1册.pdf`` … for several."""
    if count == 1:
        return [out]
    return [out.with_name(f"{out.stem}_第{n}册{out.suffix or '.pdf'}") for n in range(1, count + 1)]


def bundle_title(data: ReportData) -> str:
    """The bundle's title: a county's 示范创建 evidence, or a plan's task evidence."""
    if data.catalog.is_plan:
        return f"{data.county}规划任务落实印证资料汇编"
    return f"{data.county}法治政府建设示范创建印证资料汇编"


def item_word(data: ReportData) -> str:
    """What the catalog's items are called in the bundle's headings: 指标, or 任务 in a plan."""
    return "任务" if data.catalog.is_plan else "指标"


def plan_sections(data: ReportData, unit: str | None = None) -> list[BundleSection]:
    """Sections in catalog order with their evidence (not yet opened); a file appears once."""
    sections: list[BundleSection] = []
    first_seen: dict[str, BundleSection] = {}
    for indicator, items in evidence_sections(data, unit):
        if not items:
            continue
        section = BundleSection(indicator, indicator.evidence_group)
        for item in items:
            if item.id in first_seen:
                section.earlier.append((item, first_seen[item.id]))
            else:
                first_seen[item.id] = section
                section.files.append(BundleFile(item, item.stored_path, item.pages or 0, item.size))
        sections.append(section)
    return sections


def split_volumes(sections: Sequence[BundleSection], max_bytes: int | None) -> list[list[BundleSection]]:
    """Consecutive sections packed into volumes of at most ``max_bytes`` (a section is never split; a
    section larger than the limit gets a volume of its own)."""
    if not max_bytes:
        return [list(sections)]
    budget = max(max_bytes - VOLUME_OVERHEAD, 1)
    volumes: list[list[BundleSection]] = [[]]
    used = 0
    for section in sections:
        if volumes[-1] and used + section.size > budget:
            volumes.append([])
            used = 0
        volumes[-1].append(section)
        used += section.size
    return volumes


def iter_units(sections: Sequence[BundleSection]) -> Iterator[str]:
    """Units that have evidence in ``sections`` (for per-unit bundles)."""
    seen: set[str] = set()
    for section in sections:
        for bundle_file in section.files:
            if bundle_file.item.unit not in seen:
                seen.add(bundle_file.item.unit)
                yield bundle_file.item.unit
