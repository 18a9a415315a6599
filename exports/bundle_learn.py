"""The bundle's head start: learn what the bundle needs about every stored file before it is asked for.

A bundle export checks each new evidence file on its own with the PDF/A validator, draws each new
spreadsheet and lays out the contents and separators (``exports.bundle``); the answers are kept in
the project's bundle cache (``exports.bundle_cache``) because stored files never change. The window
runs this in the background a few seconds after a project is opened or its evidence changes, so the
clerk's export finds everything learnt and only merges (seconds instead of tens of seconds on a
county PC).

It gives way to a real export at once (``exports.bundle_running``): the export learns the rest
itself, and what was learnt until then is saved (every ``SAVE_EVERY_S`` seconds and at the end), so
no check is ever done twice.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from app.base.errors import CancelledError, FazhiError
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from exports.archival import validator_version
from exports.bundle import keep_whole_bundle_pages, prepare_source
from exports.bundle_cache import BundleCache
from exports.bundle_plan import plan_sections
from exports.bundle_running import export_running
from exports.report_data import EvidenceItem, ReportData

#: Learnt facts are written at least this often, so a crash or a quit loses little.
SAVE_EVERY_S = 2.0


@dataclass(frozen=True)
class Learnt:
    """What a head start did: ``sources`` files in the bundle, ``learnt`` newly checked now,
    ``unreadable`` that could not be opened (the export will name them), ``stopped`` it gave way to an
    export (or was cancelled) before the end, ``kept`` the cache could be written."""

    sources: int
    learnt: int
    unreadable: int
    stopped: bool
    kept: bool


class _GaveWayError(Exception):
    """Internal: an export started."""


def _known(cache: BundleCache, item: EvidenceItem) -> bool:
    if item.kind != "xlsx":
        return cache.known(item.sha256)
    drawn = cache.rendition(item.sha256, item.display_title)
    return cache.known(f"xlsx:{item.sha256}:{item.display_title}") and drawn is not None and drawn.is_file()


def learn_sources(
    data: ReportData,
    cache_dir: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Learnt:
    """Check every file the whole bundle of ``data`` holds and keep the results in ``cache_dir``, then
    draw and keep the one-volume contents and separators. Progress total: files + 1 (the pages)."""
    import pikepdf

    sections = plan_sections(data)
    total = sum(len(section.files) for section in sections) + 1
    cache = BundleCache(cache_dir, validator_version())
    done = learnt = unreadable = 0
    stopped = False
    kept = True
    last_save = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fazhi-learn-") as tmp:
        work = Path(tmp)
        try:
            for section in sections:
                section.volume = 1
                for index, bundle_file in enumerate(section.files):
                    if export_running():
                        raise _GaveWayError()
                    check_cancel(cancel)
                    report(progress, done, total, f"预检 {bundle_file.item.filename}")
                    done += 1
                    new = not _known(cache, bundle_file.item)
                    try:  # a known file only costs a look at the store (its facts are kept)
                        section.files[index] = prepare_source(bundle_file, work, cancel, pikepdf, cache)
                    except CancelledError:
                        raise
                    except FazhiError:  # a missing or broken file: the export itself says which
                        unreadable += 1
                        continue
                    if new:
                        learnt += 1
                    if time.monotonic() - last_save >= SAVE_EVERY_S:
                        kept = cache.save() and kept
                        last_save = time.monotonic()
            if export_running():
                raise _GaveWayError()
            check_cancel(cancel)
            report(progress, done, total, "预排目录和分隔页")
            if not unreadable:
                keep_whole_bundle_pages(data, sections, cache, work)
        except (_GaveWayError, CancelledError):
            stopped = True
        finally:
            kept = cache.save() and kept
    if not stopped:
        report(progress, total, total, "预检完成")
    return Learnt(total - 1, learnt, unreadable, stopped, kept)
