"""exports.bundle_learn: the head start checks every stored file once and keeps the verdicts and the
one-volume pages, so the export that follows neither validates, draws nor lays out anything; it
gives way to a running export; the cache keeps what two writers learnt."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from exports import archival, bundle, bundle_stamps
from exports.archival import validator_version
from exports.bundle import write_bundle
from exports.bundle_cache import FACTS_FILE, BundleCache, SourceFacts
from exports.bundle_learn import learn_sources
from exports.bundle_running import exporting
from exports.report_data import ReportData


def test_the_export_after_the_head_start_checks_and_draws_nothing(
    conforming_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = conforming_data
    cache = tmp_path / "cache"
    steps: list[tuple[int, int]] = []
    learnt = learn_sources(data, cache, progress=lambda done, total, _m: steps.append((done, total)))
    sources = len({e.id for e in data.evidence if e.kind in ("pdf", "xlsx")})
    assert (learnt.sources, learnt.learnt, learnt.unreadable, learnt.stopped, learnt.kept) == (
        sources,
        sources,
        0,
        False,
        True,
    )
    assert steps[-1] == (sources + 1, sources + 1)
    facts = json.loads((cache / FACTS_FILE).read_text("utf-8"))
    assert facts["validator"] == validator_version()
    pdfs = {e.sha256 for e in data.evidence if e.kind == "pdf"}
    assert pdfs and all(facts["files"][sha]["conforms"] is True for sha in pdfs)

    def forbidden(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("learnt already")

    monkeypatch.setattr(bundle, "source_conforms", forbidden)
    monkeypatch.setattr(bundle, "render_xlsx_pdf", forbidden)
    monkeypatch.setattr(bundle, "render_volume_pages", forbidden)
    monkeypatch.setattr(bundle_stamps, "stamp_font", forbidden)  # the stamps were measured too
    result = write_bundle(data, tmp_path / "bundle.pdf", cache_dir=cache)
    assert result.archival == (True,)
    texts = [page.extract_text() for page in pypdf.PdfReader(tmp_path / "bundle.pdf").pages]
    assert len(texts) == result.pages[0]
    assert f"第 {len(texts)} 页" in texts[-1]  # stamped with the measures the head start kept
    # A second head start has nothing left to learn.
    assert learn_sources(data, cache).learnt == 0


def test_it_gives_way_to_an_export_and_keeps_what_it_learnt(
    conforming_data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = conforming_data
    cache = tmp_path / "cache"
    with exporting():
        learnt = learn_sources(data, cache)
    assert learnt.stopped and learnt.learnt == 0
    checked: list[Path] = []
    running = exporting()

    def counting(path: Path) -> bool:
        checked.append(path)
        if len(checked) == 2:
            running.__enter__()  # an export starts while the second file is checked
        return archival.source_conforms(path)

    monkeypatch.setattr(bundle, "source_conforms", counting)
    try:
        learnt = learn_sources(data, cache)
    finally:
        running.__exit__(None, None, None)
    assert learnt.stopped and learnt.learnt == 2
    kept = BundleCache(cache, validator_version())
    assert sum(kept.known(e.sha256) for e in data.evidence if e.kind == "pdf") == 2
    assert not any(cache.glob("pages-*.pdf"))  # stopped before laying out


def test_a_missing_file_is_counted_not_raised(conforming_data: ReportData, tmp_path: Path) -> None:
    data = conforming_data
    victim = next(e for e in data.evidence if e.kind == "pdf")
    victim.stored_path.unlink()
    learnt = learn_sources(data, tmp_path / "cache")
    assert learnt.unreadable == 1 and not learnt.stopped
    assert not any((tmp_path / "cache").glob("pages-*.pdf"))


def test_save_merges_what_another_writer_kept(tmp_path: Path) -> None:
    ours = BundleCache(tmp_path, "v1")
    theirs = BundleCache(tmp_path, "v1")
    ours.put("a" * 64, SourceFacts(3, True, True))
    theirs.put("b" * 64, SourceFacts(2, True, False))
    theirs.put("a" * 64, SourceFacts(3, True, None))  # knows less about a
    assert theirs.save() and ours.save()
    merged = BundleCache(tmp_path, "v1")
    assert merged.facts("a" * 64) == SourceFacts(3, True, True)
    assert merged.facts("b" * 64) == SourceFacts(2, True, False)
    # And the other order: a writer knowing less never drops a verdict.
    theirs.put("c" * 64, SourceFacts(1, True, None))
    assert theirs.save()
    assert BundleCache(tmp_path, "v1").facts("a" * 64) == SourceFacts(3, True, True)


def test_the_layout_for_the_index_keeps_the_verdicts(conforming_data: ReportData, tmp_path: Path) -> None:
    data = conforming_data
    cache = tmp_path / "cache"
    learn_sources(data, cache)
    (cache / next(cache.glob("xlsx-*.pdf")).name).unlink()  # the layout has something to learn again
    bundle.bundle_pages(data, cache_dir=cache)
    facts = json.loads((cache / FACTS_FILE).read_text("utf-8"))
    assert facts["validator"] == validator_version()
    assert all(facts["files"][e.sha256]["conforms"] is True for e in data.evidence if e.kind == "pdf")


def test_an_unwritable_cache_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    cache = BundleCache(blocker, "v1")
    cache.put("a" * 64, SourceFacts(1, True, True))
    assert cache.save() is False
