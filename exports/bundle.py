"""The evidence bundle: every piece of evidence as one bookmarked PDF in catalog order.

Order: 一级 → 二级 → 三级 indicator (a 合并提供 group is one section) → responsible unit (the catalog's
order) → file (the order it came in). Each section starts with a separator page (indicator text,
responsible units, what was demanded, the list of its files with their pages in the bundle); a
contents list opens the bundle; bookmarks nest area → group → indicator → unit → file. Spreadsheet
evidence is drawn as PDF tables. A file filed under several sections is included once and the later
sections point to it.

Every page after the contents carries a small stamp (``第 26 项 · 第 123 页``). The stamp is a few
operators in a content stream of its own, after the page's streams, in a small font subset all pages
share; the evidence pages' own content streams are never decoded or rewritten (the page's streams are
bracketed by ``q``/``Q`` streams so the stamp draws in default coordinates).

The merge uses pikepdf (qpdf): pages are copied by reference and their image streams are read from the
source files only while the output is written, so memory does not grow with the bundle (pypdf's
``PdfWriter.append`` holds every page in memory). Bundles can be split into volumes of at most a given
size; each volume has its own contents, bookmarks and page numbers.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.base.errors import CancelledError, FazhiError, IntegrityError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.archival import fonts_embedded, save_archival, source_conforms, validator_version
from exports.bundle_cache import BundleCache, SourceFacts
from exports.bundle_pages import (
    VolumePages,
    layout_of,
    pages_key,
    render_volume_pages,
    with_layout,
)
from exports.bundle_plan import (
    BundleFile,
    BundleSection,
    bundle_title,
    plan_sections,
    split_volumes,
    volume_paths,
)
from exports.bundle_running import marks_export
from exports.bundle_stamps import learn_stamps, stamp_pages
from exports.common import atomic_outputs, sweep_stale_temporaries
from exports.printable import check_report_text
from exports.report_data import ReportData
from exports.xlsx_pdf import render_xlsx_pdf


@dataclass(frozen=True)
class BundleResult:
    paths: list[Path]
    pages: list[int]  # per volume
    sections: int
    files: int
    archival: tuple[bool, ...] = ()  # per volume: written as PDF/A-2b (every source page allows it)


@marks_export
def bundle_pages(
    data: ReportData, cancel: CancelToken | None = None, *, cache_dir: Path | None = None
) -> dict[str, tuple[int, int]]:
    """Where every file lands in the one-volume bundle ``write_bundle`` makes of ``data``: evidence id
    → (first page, pages). Laid out as the bundle is (the same plan, separators and spreadsheets drawn
    the same way), without merging; PDF page counts are the recorded ones (the bundle checks them)."""
    import pikepdf

    sections = plan_sections(data)
    if not sections:
        return {}
    # Page counts and drawn spreadsheets only, but the validator named: the file keeps the verdicts.
    cache = BundleCache(cache_dir, validator_version())
    with tempfile.TemporaryDirectory(prefix="fazhi-layout-") as tmp:
        work = Path(tmp)
        for section in sections:
            section.volume = 1
            for index, bundle_file in enumerate(section.files):
                check_cancel(cancel)
                if bundle_file.item.kind == "xlsx" or bundle_file.item.pages is None:
                    section.files[index] = prepare_source(
                        bundle_file, work, cancel, pikepdf, cache, verdict=False
                    )
        cache.save()
        render_volume_pages(
            data, sections, work / "pages.pdf", volume=1, volumes=1, unit=None, measure_only=True
        )
    return {
        f.item.id: (page, f.pages)
        for section in sections
        for f, page in zip(section.files, section.file_pages, strict=True)
    }


def with_bundle_layout(
    data: ReportData, cancel: CancelToken | None = None, *, cache_dir: Path | None = None
) -> ReportData:
    """``data`` with ``bundle_pages`` filled in (unchanged when already laid out or without evidence).
    A project whose files cannot be laid out (a missing store file …) keeps none: the index shows —."""
    if data.bundle_pages or not data.evidence:
        return data
    try:
        pages = bundle_pages(data, cancel, cache_dir=cache_dir)
    except CancelledError:
        raise
    except FazhiError:
        return data
    return dataclasses.replace(data, bundle_pages=pages)


@marks_export
def write_bundle(
    data: ReportData,
    out: Path,
    *,
    unit: str | None = None,
    max_volume_bytes: int | None = None,
    stamp_pages: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    cache_dir: Path | None = None,
) -> BundleResult:
    """Write the bundle (one file, or several volumes) all or nothing; return what was written.

    ``cache_dir``: where what is learnt about each stored file is kept for later exports
    (``exports.bundle_cache``); ``None``: found again on every export."""
    import pikepdf

    out = Path(out)
    check_report_text(data)
    sections = plan_sections(data, unit)
    if not sections:
        scope = f"单位“{unit}”" if unit else "本项目"
        raise FazhiError(f"{scope}没有可汇编的印证资料（没有有效的 PDF 或 XLSX 证据）")
    files = [f for s in sections for f in s.files]
    total_steps = len(files) * 2
    if out.parent.is_dir():
        sweep_stale_temporaries(out.parent, ".fazhi-bundle-*")
    with tempfile.TemporaryDirectory(
        prefix=".fazhi-bundle-", dir=out.parent if out.parent.is_dir() else None
    ) as tmp:
        work = Path(tmp)
        # 1. Every file exists and opens; spreadsheets become PDFs; page counts come from the files.
        done = 0
        cache = BundleCache(cache_dir, validator_version())
        try:
            for section in sections:
                for index, bundle_file in enumerate(section.files):
                    check_cancel(cancel)
                    report(progress, done, total_steps, f"准备 {bundle_file.item.filename}")
                    section.files[index] = prepare_source(bundle_file, work, cancel, pikepdf, cache)
                    done += 1
        finally:
            cache.save()  # what was learnt stays learnt, even when the export stops
        # 2. Volumes, each laid out (contents, separators, stamps) and merged.
        job = _Job(data, work, unit, stamp_pages, total_steps, progress, cancel, cache)
        limit = max_volume_bytes
        for attempt in range(3):
            volumes = split_volumes(sections, limit)
            for number, volume in enumerate(volumes, start=1):
                for section in volume:
                    section.volume = number
            targets = volume_paths(out, len(volumes))
            job.archival.clear()
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
    return BundleResult(targets, pages, len(sections), len(files), tuple(job.archival))


class _RepackError(Exception):
    """Internal: a volume came out larger than allowed; discard the outputs and pack again."""


@dataclass
class _Job:
    data: ReportData
    work: Path
    unit: str | None
    stamp_pages: bool
    total_steps: int
    progress: ProgressCallback | None
    cancel: CancelToken | None
    cache: BundleCache
    archival: list[bool] = field(default_factory=list)  # per volume written: declared PDF/A-2b


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


def prepare_source(
    bundle_file: BundleFile,
    work: Path,
    cancel: CancelToken | None,
    pikepdf: Any,
    cache: BundleCache,
    *,
    verdict: bool = True,
) -> BundleFile:
    """The file as merged: its page count, and (``verdict``) whether it may be part of a PDF/A bundle.
    What a stored file is does not change, so the facts come from ``cache`` when it knows them."""
    item = bundle_file.item
    if not item.stored_path.is_file():
        raise IntegrityError(f"证据库缺少文件：{item.filename}（{item.sha256[:12]}…），请先运行 fazhi verify")
    if item.kind == "xlsx":
        kept = cache.rendition(item.sha256, item.display_title)
        known = cache.facts(f"xlsx:{item.sha256}:{item.display_title}")
        if kept is not None and known is not None and kept.is_file():
            return BundleFile(item, kept, known.pages, kept.stat().st_size)
        rendered = work / f"xlsx-{item.sha256[:16]}-{item.id}.pdf"
        pages = render_xlsx_pdf(item.stored_path, rendered, item.display_title, cancel)
        cache.keep_rendition(rendered, item.sha256, item.display_title)
        cache.put(f"xlsx:{item.sha256}:{item.display_title}", SourceFacts(pages, True, True))
        return BundleFile(item, rendered, pages, rendered.stat().st_size)
    facts = cache.facts(item.sha256)
    if facts is None:
        try:
            with _open(pikepdf, item.stored_path) as pdf:
                facts = SourceFacts(len(pdf.pages), fonts_embedded(pdf))
        except pikepdf.PdfError as exc:
            raise IntegrityError(
                f"证据文件无法打开：{item.filename}（{exc}），请先运行 fazhi verify"
            ) from exc
    if verdict and facts.conforms is None:
        # The validator only runs on files whose fonts are all embedded (the others cannot conform).
        conforms = facts.fonts_embedded and source_conforms(item.stored_path)
        facts = SourceFacts(facts.pages, facts.fonts_embedded, conforms)
    cache.put(item.sha256, facts)
    size = item.stored_path.stat().st_size
    return BundleFile(
        item, item.stored_path, facts.pages, size, facts.fonts_embedded, bool(facts.conforms or not verdict)
    )


# -- one volume -----------------------------------------------------------------------------------


def _write_volume(
    job: _Job, sections: list[BundleSection], target: Path, *, number: int, count: int, pikepdf: Any
) -> int:
    data, work, unit, cancel = job.data, job.work, job.unit, job.cancel

    # The contents and every separator, laid out once (their page numbers are filled in afterwards).
    pages_pdf = work / f"pages-{number}.pdf"
    laid_out = _volume_pages(job, sections, pages_pdf, volume=number, volumes=count)
    contents_pages = laid_out.contents_pages
    total = contents_pages + sum(s.separator_pages + s.evidence_pages for s in sections)
    check_cancel(cancel)

    # The merge itself is qpdf's own page-assembly job (``qpdf --empty --pages … --``) run in-process:
    # it opens the sources natively and copies their streams lazily, while they are written. (Pages
    # copied with pikepdf's ``pages.extend`` are read into memory at once, because pikepdf reads the
    # sources through Python file objects: memory then grows with the bundle.)
    spec: list[str] = [str(pages_pdf), f"1-{contents_pages}"]
    labels: list[str] = []
    for section, first in zip(sections, laid_out.separator_starts, strict=True):
        spec += [str(pages_pdf), f"{first}-{first + section.separator_pages - 1}"]
        labels += [section.stamp_label] * (section.separator_pages + section.evidence_pages)
        for bundle_file in section.files:
            spec += [str(bundle_file.source), "1-z"]
    check_cancel(cancel)
    try:
        merge = pikepdf.Job(["fazhi", "--empty", "--pages", *spec, "--", str(target)])
        output = merge.create_pdf()
    except (pikepdf.PdfError, pikepdf.JobUsageError) as exc:
        raise IntegrityError(f"汇编印证资料失败：{exc}") from exc
    with output:
        if len(output.pages) != total:
            raise IntegrityError(f"汇编页数不一致：应为 {total} 页，实际 {len(output.pages)} 页")
        if job.stamp_pages:
            stamp_pages(output, contents_pages, labels, cancel, pikepdf, cache=job.cache)
        _outline(output, data, sections, pikepdf, volume=number, unit=unit)
        output.docinfo["/Title"] = bundle_title(data) + (f"（第{number}册）" if count > 1 else "")
        output.docinfo["/Creator"] = "fazhi 法治政府建设示范创建自评系统"
        output.docinfo["/Author"] = data.issuing_body
        check_cancel(cancel)
        # PDF/A-2b when the validator approved every source on its own (``prepare_source``); the contents,
        # separators, drawn spreadsheets, stamps and bookmarks are ours, validated by the tests.
        possible = all(f.conforms for section in sections for f in section.files)
        job.archival.append(save_archival(output, target, validate=False, possible=possible))
        del merge  # the job keeps the sources open until the output is written
    return total


def keep_whole_bundle_pages(
    data: ReportData, sections: list[BundleSection], cache: BundleCache, work: Path
) -> None:
    """Draw and keep the contents and separators of the whole bundle in one volume (the export a
    clerk makes) and measure its stamps, for the head start; ``sections`` are ``plan_sections(data)``
    with every file prepared (``prepare_source``)."""
    if sections:
        job = _Job(data, work, None, True, 0, None, None, cache)
        laid_out = _volume_pages(job, sections, work / "pages-1.pdf", volume=1, volumes=1)
        labels = [s.stamp_label for s in sections for _ in range(s.separator_pages + s.evidence_pages)]
        learn_stamps(cache, labels, laid_out.contents_pages)


def _volume_pages(
    job: _Job, sections: list[BundleSection], out: Path, *, volume: int, volumes: int
) -> VolumePages:
    """The volume's contents and separators at ``out``: kept from an earlier export when they were
    drawn from the same things (``exports.bundle_pages.pages_key``), else drawn and kept."""
    key = pages_key(job.data, sections, volume=volume, volumes=volumes, unit=job.unit)
    kept = job.cache.pages(key)
    if kept is not None:
        laid_out = with_layout(kept[1], sections)
        if laid_out is not None:
            try:
                out.write_bytes(kept[0].read_bytes())
                return laid_out
            except OSError:
                pass
    laid_out = render_volume_pages(job.data, sections, out, volume=volume, volumes=volumes, unit=job.unit)
    job.cache.keep_pages(key, out, layout_of(laid_out, sections))
    return laid_out


def _outline(
    output: Any,
    data: ReportData,
    sections: Sequence[BundleSection],
    pikepdf: Any,
    *,
    volume: int,
    unit: str | None,
) -> None:
    """Bookmarks: every 一级 and 二级 indicator, and every indicator (a 合并提供 group once) — those with
    files in this volume point at their separator, with unit and file entries below; those without any
    (volume 1 only) say 无资料 and point at the contents. The viewer opens with the bookmarks shown."""
    from pikepdf import Array, Name

    # The destination pikepdf makes of a page index, from page objects looked up once (see
    # ``exports.bundle_stamps``).
    page_objects = [page.obj for page in output.pages]

    def entry(title: str, index: int) -> Any:
        return pikepdf.OutlineItem(title, Array([page_objects[index], Name.Fit]))

    catalog = data.catalog
    by_first = {section.indicator.number: section for section in sections}
    everywhere = {n for s in plan_sections(data, unit) for n in s.numbers}

    def short(value: str) -> str:
        return value if len(value) <= 30 else value[:29] + "…"

    with output.open_outline() as outline:
        outline.root.append(entry("目录", 0))
        for area in catalog.areas:
            area_item: Any = None
            for group in area.groups:
                group_item: Any = None
                for number in group.numbers:
                    indicator = catalog.indicator(number)
                    if number != indicator.evidence_group[0]:
                        continue
                    section = by_first.get(number)
                    if section is None:
                        relevant = unit is None or unit in indicator.units
                        if volume != 1 or number in everywhere or not relevant:
                            continue
                    page_index = section.start_page - 1 if section is not None else 0
                    if area_item is None:
                        area_item = entry(f"{area.code}、{area.name}", page_index)
                        outline.root.append(area_item)
                    if group_item is None:
                        group_item = entry(group.name, page_index)
                        area_item.children.append(group_item)
                    if section is None:
                        group_n = indicator.evidence_group
                        if indicator.task_id:
                            label = f"任务 {indicator.label}"
                        elif len(group_n) > 1:
                            label = f"第 {group_n[0]}–{group_n[-1]} 项"
                        else:
                            label = f"第 {number} 项"
                        group_item.children.append(entry(f"{label} {short(indicator.text)}（无资料）", 0))
                        continue
                    section_item = entry(f"{section.label} {short(indicator.text)}", page_index)
                    group_item.children.append(section_item)
                    _file_entries(data, section, section_item, entry)
    output.Root.PageMode = Name.UseOutlines


def _file_entries(data: ReportData, section: BundleSection, section_item: Any, entry: Any) -> None:
    unit_items: dict[str, Any] = {}
    for bundle_file, first_page in zip(section.files, section.file_pages, strict=True):
        unit = bundle_file.item.unit
        if unit not in unit_items:
            unit_items[unit] = entry(unit, first_page - 1)
            section_item.children.append(unit_items[unit])
        unit_items[unit].children.append(entry(data.evidence_name(bundle_file.item), first_page - 1))
    for item, earlier in section.earlier:
        if earlier.volume == section.volume and earlier.file_pages:
            index = [f.item.id for f in earlier.files].index(item.id)
            section_item.children.append(
                entry(f"{data.evidence_name(item)}（见{earlier.label}）", earlier.file_pages[index] - 1)
            )


__all__ = [
    "BundleResult",
    "write_bundle",
]
