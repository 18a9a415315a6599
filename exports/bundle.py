"""The evidence bundle: every piece of evidence as one bookmarked PDF in catalog order.

Order: 一级 → 二级 → 三级 indicator (a 合并提供 group is one section) → responsible unit (the catalog's
order) → file (the order it came in). Each section starts with a separator page (indicator text,
responsible units, what was demanded, the list of its files with their pages in the bundle); a
contents list opens the bundle; bookmarks nest area → group → indicator → unit → file. Spreadsheet
evidence is drawn as PDF tables. A file filed under several sections is included once and the later
sections point to it.

Every page after the contents carries a small stamp (``第 26 项 · 第 123 页``). The stamp is a separate
content stream that draws a Form XObject; the evidence pages' own content streams are never decoded
or rewritten (the page's streams are bracketed by ``q``/``Q`` streams so the stamp draws in default
coordinates).

The merge uses pikepdf (qpdf): pages are copied by reference and their image streams are read from the
source files only while the output is written, so memory does not grow with the bundle (pypdf's
``PdfWriter.append`` holds every page in memory). Bundles can be split into volumes of at most a given
size; each volume has its own contents, bookmarks and page numbers.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import FazhiError, IntegrityError
from app.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.common import atomic_outputs
from exports.report_data import EvidenceItem, ReportData, unit_order
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
    def label(self) -> str:
        if len(self.numbers) > 1:
            return f"第 {self.numbers[0]}–{self.numbers[-1]} 项"
        return f"第 {self.numbers[0]} 项"

    @property
    def stamp_label(self) -> str:
        return (
            f"第{self.numbers[0]}–{self.numbers[-1]}项" if len(self.numbers) > 1 else f"第{self.numbers[0]}项"
        )

    @property
    def evidence_pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files) + SECTION_OVERHEAD


@dataclass(frozen=True)
class BundleResult:
    paths: list[Path]
    pages: list[int]  # per volume
    sections: int
    files: int


def volume_paths(out: Path, count: int) -> list[Path]:
    """``bundle.pdf`` for one volume; ``bundle_第1册.pdf`` … for several."""
    if count == 1:
        return [out]
    return [out.with_name(f"{out.stem}_第{n}册{out.suffix or '.pdf'}") for n in range(1, count + 1)]


def plan_sections(data: ReportData, unit: str | None = None) -> list[BundleSection]:
    """Sections in catalog order with their evidence (not yet opened); a file appears once."""
    sections: list[BundleSection] = []
    first_seen: dict[str, BundleSection] = {}
    for indicator in data.catalog.indicators:
        group = indicator.evidence_group
        if indicator.number != group[0]:
            continue
        items = data.evidence_for_group(indicator) if len(group) > 1 else data.evidence_for(indicator.number)
        if unit is not None:
            items = tuple(item for item in items if item.unit == unit)
        if not items:
            continue
        section = BundleSection(indicator, group)
        order = {name: i for i, name in enumerate(unit_order(indicator, (item.unit for item in items)))}
        for _, item in sorted(enumerate(items), key=lambda pair: (order[pair[1].unit], pair[0])):
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


def write_bundle(
    data: ReportData,
    out: Path,
    *,
    unit: str | None = None,
    max_volume_bytes: int | None = None,
    stamp_pages: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> BundleResult:
    """Write the bundle (one file, or several volumes) all or nothing; return what was written."""
    import pikepdf

    out = Path(out)
    sections = plan_sections(data, unit)
    if not sections:
        scope = f"单位“{unit}”" if unit else "本项目"
        raise FazhiError(f"{scope}没有可汇编的印证资料（没有有效的 PDF 或 XLSX 证据）")
    files = [f for s in sections for f in s.files]
    total_steps = len(files) * 2
    with tempfile.TemporaryDirectory(
        prefix=".fazhi-bundle-", dir=out.parent if out.parent.is_dir() else None
    ) as tmp:
        work = Path(tmp)
        # 1. Every file exists and opens; spreadsheets become PDFs; page counts come from the files.
        done = 0
        for section in sections:
            for index, bundle_file in enumerate(section.files):
                check_cancel(cancel)
                report(progress, done, total_steps, f"准备 {bundle_file.item.filename}")
                section.files[index] = _prepare(bundle_file, work, cancel, pikepdf)
                done += 1
        # 2. Volumes, each laid out (contents, separators, stamps) and merged.
        job = _Job(data, work, unit, stamp_pages, total_steps, progress, cancel)
        limit = max_volume_bytes
        for attempt in range(3):
            volumes = split_volumes(sections, limit)
            for number, volume in enumerate(volumes, start=1):
                for section in volume:
                    section.volume = number
            targets = volume_paths(out, len(volumes))
            try:
                pages = _write_volumes(
                    job,
                    volumes,
                    targets,
                    done=len(files),
                    max_bytes=max_volume_bytes,
                    may_repack=attempt < 2,
                )
            except _RepackError:
                assert limit is not None
                limit = int(limit * 0.85)  # estimates were short: pack tighter and write again
                continue
            break
    report(progress, total_steps, total_steps, "完成")
    return BundleResult(targets, pages, len(sections), len(files))


class _RepackError(Exception):
    """Internal: a volume came out larger than allowed; discard the outputs and pack again."""


@dataclass(frozen=True)
class _Job:
    data: ReportData
    work: Path
    unit: str | None
    stamp_pages: bool
    total_steps: int
    progress: ProgressCallback | None
    cancel: CancelToken | None


def _write_volumes(
    job: _Job,
    volumes: list[list[BundleSection]],
    targets: list[Path],
    *,
    done: int,
    max_bytes: int | None,
    may_repack: bool,
) -> list[int]:
    import pikepdf

    pages: list[int] = []
    with atomic_outputs(targets) as temps:
        for number, (volume, temp) in enumerate(zip(volumes, temps, strict=True), start=1):
            check_cancel(job.cancel)
            pages.append(_write_volume(job, volume, temp, number=number, count=len(volumes), pikepdf=pikepdf))
            done += sum(len(s.files) for s in volume)
            report(job.progress, done, job.total_steps, f"第 {number} 册已生成")
            if may_repack and max_bytes and temp.stat().st_size > max_bytes and len(volume) > 1:
                raise _RepackError()
    return pages


def _open(pikepdf: Any, path: Path) -> Any:
    # Plain reads, not mmap: mapped source pages would count as this process's memory while the output
    # is written, so the peak would grow with the bundle.
    return pikepdf.open(path, access_mode=pikepdf.AccessMode.stream)


def _prepare(bundle_file: BundleFile, work: Path, cancel: CancelToken | None, pikepdf: Any) -> BundleFile:
    item = bundle_file.item
    if not item.stored_path.is_file():
        raise IntegrityError(f"证据库缺少文件：{item.filename}（{item.sha256[:12]}…），请先运行 fazhi verify")
    if item.kind == "xlsx":
        from exports.xlsx_pdf import render_xlsx_pdf

        rendered = work / f"xlsx-{item.sha256[:16]}-{item.id}.pdf"
        pages = render_xlsx_pdf(item.stored_path, rendered, item.display_title, cancel)
        return BundleFile(item, rendered, pages, rendered.stat().st_size)
    try:
        with _open(pikepdf, item.stored_path) as pdf:
            pages = len(pdf.pages)
    except pikepdf.PdfError as exc:
        raise IntegrityError(f"证据文件无法打开：{item.filename}（{exc}），请先运行 fazhi verify") from exc
    return BundleFile(item, item.stored_path, pages, item.stored_path.stat().st_size)


# -- one volume -----------------------------------------------------------------------------------


def _write_volume(
    job: _Job, sections: list[BundleSection], target: Path, *, number: int, count: int, pikepdf: Any
) -> int:
    data, work, unit, cancel = job.data, job.work, job.unit, job.cancel
    from exports.bundle_pages import render_contents, render_separators, render_stamps

    contents_pdf = work / f"contents-{number}.pdf"
    separators_pdf = work / f"separators-{number}.pdf"
    stamps_pdf = work / f"stamps-{number}.pdf"
    # Separators and contents show page numbers that depend on how long they are. Start from a good
    # guess (one page per separator, about 30 contents rows a page) and lay out again only if a guess
    # was wrong, so the usual case renders each once.
    rows = (
        len(sections) + len({s.indicator.group for s in sections}) + len({s.indicator.area for s in sections})
    )
    contents_pages = 1 + max(0, rows - 22 + 29) // 30
    for _ in range(6):
        _number_pages(sections, contents_pages)
        separator_counts = render_separators(data, sections, separators_pdf, unit)
        wrong = [(s, n) for s, n in zip(sections, separator_counts, strict=True) if s.separator_pages != n]
        for section, pages in wrong:
            section.separator_pages = pages
        if wrong:
            continue
        measured = render_contents(data, sections, contents_pdf, volume=number, volumes=count, unit=unit)
        if measured == contents_pages:
            break
        contents_pages = measured
    total = contents_pages + sum(s.separator_pages + s.evidence_pages for s in sections)
    check_cancel(cancel)

    # The merge itself is qpdf's own page-assembly job (``qpdf --empty --pages … --``) run in-process:
    # it opens the sources natively and copies their streams lazily, while they are written. (Pages
    # copied with pikepdf's ``pages.extend`` are read into memory at once, because pikepdf reads the
    # sources through Python file objects: memory then grows with the bundle.)
    spec: list[str] = [str(contents_pdf), "1-z"]
    labels: list[str] = []
    separator_index = 0
    for section in sections:
        first, last = separator_index + 1, separator_index + section.separator_pages
        spec += [str(separators_pdf), f"{first}-{last}"]
        separator_index = last
        labels += [section.stamp_label] * section.separator_pages
        for bundle_file in section.files:
            spec += [str(bundle_file.source), "1-z"]
            labels += [section.stamp_label] * bundle_file.pages
    check_cancel(cancel)
    try:
        merge = pikepdf.Job(["fazhi", "--empty", "--pages", *spec, "--", str(target)])
        output = merge.create_pdf()
    except (pikepdf.PdfError, pikepdf.JobUsageError) as exc:
        raise IntegrityError(f"汇编印证资料失败：{exc}") from exc
    with contextlib.ExitStack() as stack:
        stack.enter_context(output)
        if len(output.pages) != total:
            raise IntegrityError(f"汇编页数不一致：应为 {total} 页，实际 {len(output.pages)} 页")
        if job.stamp_pages:
            boxes = [_display_box(output.pages[i]) for i in range(contents_pages, total)]
            render_stamps(boxes, labels, contents_pages + 1, stamps_pdf)
            stamps = stack.enter_context(_open(pikepdf, stamps_pdf))
            for offset in range(total - contents_pages):
                if offset % 200 == 0:
                    check_cancel(cancel)
                _stamp(output, output.pages[contents_pages + offset], stamps.pages[offset], pikepdf)
        _outline(output, data, sections, pikepdf)
        output.docinfo["/Title"] = f"{data.county}法治政府建设示范创建印证资料汇编" + (
            f"（第{number}册）" if count > 1 else ""
        )
        output.docinfo["/Creator"] = "fazhi 法治政府建设示范创建自评系统"
        check_cancel(cancel)
        output.save(target)
        del merge  # the job keeps the sources open until the output is written
    return total


def _number_pages(sections: Sequence[BundleSection], contents_pages: int) -> None:
    page = contents_pages + 1
    for section in sections:
        section.start_page = page
        page += section.separator_pages
        section.file_pages = []
        for bundle_file in section.files:
            section.file_pages.append(page)
            page += bundle_file.pages


def _display_box(page: Any) -> tuple[float, float, float, float, int]:
    """(x0, y0, x1, y1, rotate) of the page's visible box in its own coordinates."""
    box = [float(v) for v in page.cropbox]
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    return (min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3]), rotate)


def _stamp(output: Any, page: Any, stamp_page: Any, pikepdf: Any) -> None:
    """Draw ``stamp_page`` over ``page`` without touching the page's own content streams."""
    from pikepdf import Dictionary, Name, Rectangle

    formx = output.copy_foreign(stamp_page.as_form_xobject())
    resources = page.obj.get(Name.Resources)
    # Pages of one source often share one resources dictionary: give this page its own (shallow) copy
    # so the stamp's name does not leak into the other pages.
    own = Dictionary({str(k): v for k, v in resources.items()}) if resources is not None else Dictionary()
    xobjects = own.get(Name.XObject)
    if xobjects is not None:
        own[Name.XObject] = Dictionary({str(k): v for k, v in xobjects.items()})
    page.obj[Name.Resources] = own
    name = page.add_resource(formx, Name.XObject, prefix="FzStamp")
    x0, y0, x1, y1, _rotate = _display_box(page)
    placement = page.calc_form_xobject_placement(
        formx,
        name,
        Rectangle(x0, y0, x1, y1),
        invert_transformations=True,
        allow_shrink=True,
        allow_expand=True,
    )
    page.contents_add(pikepdf.Stream(output, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(output, b"Q\n" + bytes(placement) + b"\n"), prepend=False)


def _outline(output: Any, data: ReportData, sections: Sequence[BundleSection], pikepdf: Any) -> None:
    from pikepdf import OutlineItem

    catalog = data.catalog
    with output.open_outline() as outline:
        outline.root.append(OutlineItem("目录", 0))
        area_items: dict[str, Any] = {}
        group_items: dict[str, Any] = {}
        for section in sections:
            indicator = section.indicator
            page_index = section.start_page - 1
            if indicator.area not in area_items:
                area = catalog.area(indicator.area)
                area_items[indicator.area] = OutlineItem(f"{area.code}、{area.name}", page_index)
                outline.root.append(area_items[indicator.area])
            if indicator.group not in group_items:
                group = catalog.group(indicator.group)
                group_items[indicator.group] = OutlineItem(group.name, page_index)
                area_items[indicator.area].children.append(group_items[indicator.group])
            short = indicator.text if len(indicator.text) <= 30 else indicator.text[:29] + "…"
            section_item = OutlineItem(f"{section.label} {short}", page_index)
            group_items[indicator.group].children.append(section_item)
            unit_items: dict[str, Any] = {}
            for bundle_file, first_page in zip(section.files, section.file_pages, strict=True):
                unit = bundle_file.item.unit
                if unit not in unit_items:
                    unit_items[unit] = OutlineItem(unit, first_page - 1)
                    section_item.children.append(unit_items[unit])
                unit_items[unit].children.append(OutlineItem(bundle_file.item.filename, first_page - 1))
            for item, earlier in section.earlier:
                if earlier.volume == section.volume and earlier.file_pages:
                    index = [f.item.id for f in earlier.files].index(item.id)
                    section_item.children.append(
                        OutlineItem(f"{item.filename}（见{earlier.label}）", earlier.file_pages[index] - 1)
                    )


def iter_units(sections: Sequence[BundleSection]) -> Iterator[str]:
    """Units that have evidence in ``sections`` (for per-unit bundles)."""
    seen: set[str] = set()
    for section in sections:
        for bundle_file in section.files:
            if bundle_file.item.unit not in seen:
                seen.add(bundle_file.item.unit)
                yield bundle_file.item.unit


__all__ = [
    "BundleFile",
    "BundleResult",
    "BundleSection",
    "iter_units",
    "plan_sections",
    "split_volumes",
    "volume_paths",
    "write_bundle",
]
