"""exports.bundle_cache: what a bundle export learns about each stored file (pages, embedded fonts, the
PDF/A verdict, the drawn spreadsheet) is kept, so a second export neither re-validates nor redraws;
a damaged or foreign cache and an unwritable folder are ignored; another validator's verdicts are not
trusted."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import pdfa

from exports import bundle
from exports.bundle import write_bundle
from exports.bundle_cache import FACTS_FILE, BundleCache, SourceFacts
from exports.pdf_style import styles
from exports.report_data import EvidenceItem, ReportData


def _embedded_font_pdf(path: Path, label: str, pages: int) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    font = styles().fonts.sans
    canvas = Canvas(str(path), initialFontName=font)
    for number in range(1, pages + 1):
        canvas.setFont(font, 16)
        canvas.drawString(72, 760, f"{label} 第 {number} 页")
        canvas.showPage()
    canvas.save()
    return path


def _conforming(data: ReportData, folder: Path) -> ReportData:
    items: list[EvidenceItem] = []
    for original in data.evidence:
        item = original
        if item.kind == "pdf":
            path = _embedded_font_pdf(folder / f"{item.id}.pdf", f"evidence {item.id}", item.pages or 1)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            item = dataclasses.replace(item, stored_path=path, sha256=digest, size=path.stat().st_size)
        items.append(item)
    return dataclasses.replace(data, evidence=tuple(items))


def _pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def test_second_export_uses_what_the_first_learnt(
    report_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _conforming(report_data, tmp_path)
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


def test_damaged_or_foreign_cache_is_ignored(report_data: ReportData, tmp_path: Path) -> None:
    data = _conforming(report_data, tmp_path)
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
