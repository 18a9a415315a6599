"""``check_files``: many files checked with copying and hashing on a second core — same results as one
by one, in order, and nothing left in the incoming area after a refusal, an error or a cancel."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from app.base.errors import CancelledError, RefusedFileError
from app.base.progress import CancelToken
from app.evidence import intake
from app.evidence.attach import attach, list_evidence
from app.evidence.intake import CheckedFile, check_files
from app.project.folder import Project

sys.path.insert(0, str(Path(__file__).parent / "formats"))
from formats_builders import jpeg, png  # the format tests' builders

LIMIT = 50 * 1024 * 1024


def _photos(tmp_path: Path, count: int) -> list[Path]:
    """JPEGs (stored without a rendition) and, every third, a PNG (its PDF is made and hashed)."""
    colours = ("red", "green", "blue", "yellow", "white", "black")
    return [
        png(tmp_path / f"扫描件{n}.png", size=(64, 48), mode="RGB")
        if n % 3 == 1
        else jpeg(tmp_path / f"照片{n}.jpg", size=(320, 240), color=colours[n])
        for n in range(count)
    ]


def test_results_in_order_with_refusals_and_hashes_of_what_is_staged(
    project: Project, tmp_path: Path
) -> None:
    good = _photos(tmp_path, 3)
    cut = tmp_path / "截断.jpg"
    cut.write_bytes(good[0].read_bytes()[:300])
    missing = tmp_path / "不存在.jpg"
    results = check_files(project, [good[0], cut, good[1], missing, good[2]], max_bytes=LIMIT)
    assert [type(r).__name__ for r in results] == [
        "CheckedFile",
        "RefusedFileError",
        "CheckedFile",
        "RefusedFileError",
        "CheckedFile",
    ]
    checked = [r for r in results if isinstance(r, CheckedFile)]
    for result, photo in zip(checked, good, strict=True):
        assert result.original.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
        assert result.original.path.read_bytes() == photo.read_bytes() and result.kind == "pdf"
        if photo.suffix == ".jpg":  # its PDF is its bytes unchanged: kept without a rendition
            assert result.rendition is None and result.facts.pdf_on_demand
            assert result.sha256 == result.original.sha256
        else:
            assert result.rendition is not None and result.sha256 == result.rendition.sha256
            assert result.rendition.sha256 == hashlib.sha256(result.rendition.path.read_bytes()).hexdigest()
            assert result.rendition.path.read_bytes().startswith(b"%PDF-")
    staged = {p.name for p in project.store.incoming.iterdir()}
    assert staged == {s.sha256 for r in checked for s in r.staged}  # no .part, no unhashed rendition
    for result in checked:
        for stage in result.staged:
            project.store.discard(stage)


@pytest.mark.parametrize("workers", [0, 2])
def test_a_cancel_removes_everything_copied_or_made(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(intake, "INTAKE_WORKERS", workers)
    photos = _photos(tmp_path, 5)
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, _total: int, _message: str) -> None:
        seen.append(done)
        if done == 3:
            token.cancel()

    with pytest.raises(CancelledError):
        check_files(project, photos, max_bytes=LIMIT, progress=progress, cancel=token)
    assert seen == [0, 1, 2, 3]
    assert list(project.store.incoming.iterdir()) == []


def test_an_error_in_the_copying_thread_removes_everything(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = _photos(tmp_path, 4)
    real = project.store.copy_in

    def failing(source: Path, **kwargs: object) -> object:
        if source == photos[2]:
            raise OSError("disk went away")
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(project.store, "copy_in", failing)
    with pytest.raises(OSError, match="disk went away"):
        check_files(project, photos, max_bytes=LIMIT)
    assert list(project.store.incoming.iterdir()) == []


def test_attach_of_many_photos_all_or_nothing(project: Project, tmp_path: Path) -> None:
    photos = _photos(tmp_path, 4)
    broken = tmp_path / "坏照片.jpg"
    broken.write_bytes(photos[0].read_bytes()[:200])
    with pytest.raises(RefusedFileError, match="坏照片"):
        attach(project, unit="县司法局", indicators=[5], files=[*photos, broken])
    assert list_evidence(project) == [] and list(project.store.incoming.iterdir()) == []
    result = attach(project, unit="县司法局", indicators=[5], files=photos)
    assert [r.filename for r in result.attached] == [p.name for p in photos]
    assert [(r.kind, r.original_kind) for r in result.attached] == [
        ("pdf", "png" if p.suffix == ".png" else "jpeg") for p in photos
    ]
    for record in result.attached:
        assert project.store.path_for(record.sha256).is_file()
        assert project.store.path_for(str(record.original_sha256)).is_file()
    assert list(project.store.incoming.iterdir()) == []
