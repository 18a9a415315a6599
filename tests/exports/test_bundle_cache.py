"""exports.bundle_cache: what a bundle export learns about each stored file (pages, embedded fonts, the
PDF/A verdict, the drawn spreadsheet) is kept, so a second export neither re-validates nor redraws;
a damaged or foreign cache and an unwritable folder are ignored; another validator's verdicts are not
trusted."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest
from pikepdf import pdfa

from exports import bundle, bundle_cache, bundle_pages, bundle_stamps
from exports.bundle import write_bundle
from exports.bundle_cache import FACTS_FILE, BundleCache, SourceFacts
from exports.report_data import ReportData


def _pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def test_second_export_uses_what_the_first_learnt(
    conforming_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = conforming_data
    cache = tmp_path / "cache"
    first = write_bundle(data, tmp_path / "a.pdf", cache_dir=cache)
    assert first.archival == (True,)
    facts = json.loads((cache / FACTS_FILE).read_text(encoding="utf-8"))
    pdfs = [item for item in data.evidence if item.kind == "pdf"]
    for item in pdfs:
        assert facts["files"][item.sha256] == {"pages": item.pages, "fonts_embedded": True, "conforms": True}
    assert len(list(cache.glob("xlsx-*.pdf"))) == sum(1 for i in data.evidence if i.kind == "xlsx")

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("done again")

    monkeypatch.setattr(bundle, "source_conforms", fail)
    monkeypatch.setattr(bundle, "render_xlsx_pdf", fail)
    second = write_bundle(data, tmp_path / "b.pdf", cache_dir=cache)
    assert second.archival == (True,) and second.pages == first.pages
    assert _pages(tmp_path / "b.pdf") == _pages(tmp_path / "a.pdf")
    report = pdfa.validate_written(tmp_path / "b.pdf", "2b")
    assert report.passed, [str(f) for f in report.findings]


def test_a_source_the_validator_rejects_is_remembered(report_data: ReportData, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = write_bundle(report_data, tmp_path / "a.pdf", cache_dir=cache)  # plain reportlab sources
    assert result.archival == (False,)
    facts = json.loads((cache / FACTS_FILE).read_text(encoding="utf-8"))["files"]
    pdf = next(item for item in report_data.evidence if item.kind == "pdf")
    assert facts[pdf.sha256]["conforms"] is False
    assert write_bundle(report_data, tmp_path / "b.pdf", cache_dir=cache).archival == (False,)


def test_damaged_or_foreign_cache_is_ignored(conforming_data: ReportData, tmp_path: Path) -> None:
    data = conforming_data
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FACTS_FILE).write_text("{not json", encoding="utf-8")
    assert write_bundle(data, tmp_path / "a.pdf", cache_dir=cache).archival == (True,)
    (cache / FACTS_FILE).write_text(json.dumps({"version": 99, "files": {}}), encoding="utf-8")
    assert BundleCache(cache, "v").facts(data.evidence[0].sha256) is None
    # Not the cache's document at all: ignored too.
    (cache / FACTS_FILE).write_text(json.dumps([1, 2]), encoding="utf-8")
    assert write_bundle(data, tmp_path / "b.pdf", cache_dir=cache).archival == (True,)


def test_verdicts_of_another_validator_are_not_trusted(tmp_path: Path) -> None:
    first = BundleCache(tmp_path, "pikepdf 1.0 PDF/A-2b")
    first.put("a" * 64, SourceFacts(3, True, True))
    first.save()
    same = BundleCache(tmp_path, "pikepdf 1.0 PDF/A-2b").facts("a" * 64)
    assert same == SourceFacts(3, True, True)
    other = BundleCache(tmp_path, "pikepdf 2.0 PDF/A-2b").facts("a" * 64)
    assert other == SourceFacts(3, True, None)  # pages and fonts stay known, the verdict is asked again


def test_an_unwritable_cache_folder_does_not_stop_the_export(report_data: ReportData, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder would be", encoding="utf-8")
    result = write_bundle(report_data, tmp_path / "a.pdf", cache_dir=blocker / "bundle")
    assert result.files == len([i for i in report_data.evidence if i.kind in ("pdf", "xlsx")])
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def _drawn(path: Path) -> dict[str, Any]:
    """Everything a reader sees of a bundle: page text, boxes, bookmarks, the stamp font's program."""
    with pikepdf.open(path) as pdf:
        outline: list[tuple[str, int]] = []
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def walk(items: Any) -> None:
            for item in items:
                outline.append((str(item.title), pages[item.destination[0].objgen]))
                walk(item.children)

        with pdf.open_outline() as tree:
            walk(tree.root)
        stamp_fonts = {
            bytes(font.FontDescriptor.FontFile2.read_bytes())
            for page in pdf.pages
            for name, font in page.obj.Resources.Font.items()
            if str(name).startswith("/FzStamp")
        }
        boxes = [tuple(float(v) for v in page.mediabox) for page in pdf.pages]
    texts = [page.extract_text() for page in pypdf.PdfReader(path).pages]
    return {"texts": texts, "outline": outline, "stamp_fonts": stamp_fonts, "boxes": boxes}


def test_the_bundles_own_pages_are_kept_and_give_the_same_bundle(
    report_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh = write_bundle(report_data, tmp_path / "fresh.pdf")  # no cache at all
    write_bundle(report_data, tmp_path / "first.pdf", cache_dir=cache)
    assert len(list(cache.glob("pages-*.pdf"))) == 1 and (cache / "stamps.json").is_file()

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("drawn again")

    monkeypatch.setattr(bundle, "render_volume_pages", fail)
    monkeypatch.setattr(bundle_stamps, "stamp_font", fail)
    second = write_bundle(report_data, tmp_path / "second.pdf", cache_dir=cache)
    assert second.pages == fresh.pages
    assert _drawn(tmp_path / "second.pdf") == _drawn(tmp_path / "first.pdf") == _drawn(tmp_path / "fresh.pdf")


def test_pages_are_drawn_again_when_what_they_print_changes(
    report_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    write_bundle(report_data, tmp_path / "a.pdf", cache_dir=cache)
    drawn: list[int] = []
    original = bundle_pages.render_volume_pages

    def counting(*args: Any, **kwargs: Any) -> Any:
        drawn.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(bundle, "render_volume_pages", counting)
    renamed = dataclasses.replace(report_data.evidence[0], title="改过标题的资料")
    changes = [
        dataclasses.replace(report_data, issuing_body="另一个出具单位"),
        dataclasses.replace(report_data, date=report_data.date.replace(year=report_data.date.year - 1)),
        dataclasses.replace(report_data, evidence=(renamed, *report_data.evidence[1:])),
    ]
    for number, changed in enumerate(changes):
        before = len(drawn)
        write_bundle(changed, tmp_path / f"c{number}.pdf", cache_dir=cache)
        assert len(drawn) == before + 1
        fresh = tmp_path / f"fresh{number}.pdf"
        write_bundle(changed, fresh)
        assert _drawn(tmp_path / f"c{number}.pdf") == _drawn(fresh)
    before = len(drawn)
    write_bundle(changes[0], tmp_path / "again.pdf", cache_dir=cache)
    assert len(drawn) == before  # kept from its first export
    # Volumes: each its own kept pages, the same bundle again.
    volumes = write_bundle(report_data, tmp_path / "v.pdf", max_volume_bytes=60_000, cache_dir=cache)
    assert len(volumes.paths) > 1
    again = write_bundle(report_data, tmp_path / "w.pdf", max_volume_bytes=60_000, cache_dir=cache)
    for one, other in zip(volumes.paths, again.paths, strict=True):
        assert _drawn(one) == _drawn(other)


def test_damaged_kept_pages_are_drawn_again_and_old_ones_pruned(
    report_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    write_bundle(report_data, tmp_path / "a.pdf", cache_dir=cache)
    (layout,) = cache.glob("pages-*.json")
    layout.write_text('{"key": "something else"}', encoding="utf-8")
    (cache / "stamps.json").write_text("not json", encoding="utf-8")
    write_bundle(report_data, tmp_path / "b.pdf", cache_dir=cache)
    assert _drawn(tmp_path / "b.pdf") == _drawn(tmp_path / "a.pdf")
    for year in range(1, 10):
        changed = dataclasses.replace(report_data, date=report_data.date.replace(year=2000 + year))
        write_bundle(changed, tmp_path / f"y{year}.pdf", cache_dir=cache)
    assert len(list(cache.glob("pages-*.pdf"))) == bundle_cache.KEEP_PAGES
    assert len(list(cache.glob("pages-*.json"))) == bundle_cache.KEEP_PAGES
