"""A photo stored without its PDF (``app.evidence.renditions``) in the exports: the bundle (the ORM path
and ``bundle_fast``) has a page whose image is the JPEG's bytes, turned by EXIF; the folder ZIP has the
JPEG as received."""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from app.evidence.attach import attach, list_evidence
from app.evidence.formats.images import ImageInfo
from app.export.bundle_fast import export_bundle_fast
from app.export.service import export_bundle, export_folder_zip
from app.integrity.verify import verify
from app.project.folder import open_project

sys.path.insert(0, str(Path(__file__).parents[1] / "evidence" / "formats"))
from formats_builders import jpeg  # the format tests' builders


def _photo_pages(reader: pypdf.PdfReader, data: bytes) -> list[int]:
    """The /Rotate of every page whose image is exactly ``data``."""
    found = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for ref in xobjects.values():
            image = ref.get_object()
            if image.get("/Subtype") == "/Image" and image.get_data() == data:
                found.append(page.rotation)
    return found


def test_a_photo_without_a_stored_pdf_is_in_the_bundle_and_the_folder_zip(
    project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg", size=(400, 300), orientation=6)
    older = jpeg(tmp_path / "旧照片.jpg", size=(300, 400), color="blue")
    document = make_pdf(tmp_path / "通知.pdf", pages=1, text="通知")
    with open_project(project_dir) as project:
        # A photo attached as before session 6 (its PDF stored and hashed beside it) next to a new one.
        with monkeypatch.context() as before:
            before.setattr(ImageInfo, "passthrough", property(lambda _info: False))
            (old,) = attach(project, unit="县司法局", indicators=[1], files=[older]).attached
        assert old.sha256 != old.original_sha256 and old.kind == "pdf"
        records = attach(project, unit="县司法局", indicators=[1], files=[document, photo]).attached
        assert records[1].sha256 == records[1].original_sha256  # only the original is stored
        (slow,) = export_bundle(project, tmp_path / "slow.pdf")
        archive = export_folder_zip(project, tmp_path / "folder.zip")
        assert verify(project).ok
    data = photo.read_bytes()
    assert _photo_pages(pypdf.PdfReader(slow), data) == [90]
    assert _photo_pages(pypdf.PdfReader(slow), older.read_bytes()) == [0]
    fast = export_bundle_fast(project_dir, tmp_path / "fast.pdf")
    assert fast is not None
    assert _photo_pages(pypdf.PdfReader(fast[0]), data) == [90]
    assert _photo_pages(pypdf.PdfReader(fast[0]), older.read_bytes()) == [0]
    with zipfile.ZipFile(archive) as zipped:
        # The folder ZIP carries the photo as received: its hash is the one the index prints.
        names = [n for n in zipped.namelist() if "会议照片" in n]
        assert len(names) == 1 and names[0].endswith("会议照片.jpg")
        assert zipped.read(names[0]) == data
        assert f"{records[1].sha256}  {names[0]}" in zipped.read("hashes.txt").decode()
        # The older photo goes in as its stored PDF, as before.
        (name,) = [n for n in zipped.namelist() if "旧照片" in n]
        assert (
            name.endswith("旧照片.jpg.pdf") and f"{old.sha256}  {name}" in zipped.read("hashes.txt").decode()
        )


def test_a_photo_attached_again_joins_its_older_record(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg", size=(300, 200))
    with open_project(project_dir) as project:
        with monkeypatch.context() as before:  # attached as before session 6: its PDF stored beside it
            before.setattr(ImageInfo, "passthrough", property(lambda _info: False))
            (old,) = attach(project, unit="县司法局", indicators=[1], files=[photo]).attached
        assert old.sha256 != old.original_sha256
        result = attach(project, unit="县司法局", indicators=[5], files=[photo])
        records = list_evidence(project)
    # The same original: the older record gains the indicator instead of a second record appearing.
    assert [r.id for r in result.attached] == [old.id]
    assert [(r.id, r.indicators) for r in records] == [(old.id, (1, 5))]
