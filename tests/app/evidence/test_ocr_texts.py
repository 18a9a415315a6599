"""``OcrTexts``: what the OCR read, kept by content; ``suggest_for_files(ocr=True)`` proposes from it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.base.errors import CancelledError
from app.base.progress import CancelToken
from app.evidence.finding import suggest_for_files
from app.evidence.ocr_texts import OcrTexts
from app.project.folder import Project

sys.path.insert(0, str(Path(__file__).parent / "formats"))
from formats_builders import FakeOcr, install_fake_ocr, jpeg  # the format tests' builders


def _stub(monkeypatch: pytest.MonkeyPatch, text: str, cancel: CancelToken | None = None) -> FakeOcr:
    engine = install_fake_ocr(monkeypatch, [text], "app.evidence.finding.ocr_available")
    engine.cancel = cancel  # Cancel pressed while a page is read
    return engine


def test_a_scan_is_proposed_for_the_indicator_its_ocr_text_names(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _stub(monkeypatch, "县司法局关于规范性文件合法性审核工作的报告，合法性审核意见书")
    scan = jpeg(tmp_path / "扫描001.jpg", size=(100, 60), color="white")
    texts = OcrTexts()
    plain = suggest_for_files(project, "县司法局", [scan])
    read = suggest_for_files(project, "县司法局", [scan], ocr=True, ocr_texts=texts)
    assert 5 not in plain[0].indicators
    assert read[0].top == 5
    again = suggest_for_files(project, "县司法局", [scan, scan], ocr=True, ocr_texts=texts)
    assert [s.top for s in again] == [5, 5]
    assert engine.calls == 1 and texts.files_read == 1


def test_a_cancel_in_the_middle_keeps_nothing_of_the_file(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    token = CancelToken()
    engine = _stub(monkeypatch, "合法性审核", cancel=token)
    frames = [Image.new("RGB", (80, 50), color) for color in ("white", "gray")]
    scan = tmp_path / "两页扫描.tiff"
    frames[0].save(scan, save_all=True, append_images=frames[1:])
    texts = OcrTexts()
    with pytest.raises(CancelledError):
        suggest_for_files(project, "县司法局", [scan], ocr=True, ocr_texts=texts, cancel=token)
    assert engine.calls == 1 and texts.files_read == 0
    engine.cancel = None
    found = suggest_for_files(project, "县司法局", [scan], ocr=True, ocr_texts=texts)
    assert found[0].top == 5 and engine.calls == 3  # both pages read: the cancelled run kept nothing


def test_a_proposal_without_filing_leaves_its_reading_for_the_next_run(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from app.evidence.ocr_texts import OCR_CACHE_DIR

    engine = _stub(monkeypatch, "县司法局关于规范性文件合法性审核工作的报告")
    scan = jpeg(tmp_path / "扫描002.jpg", size=(100, 60), color="white")
    first = suggest_for_files(project, "县司法局", [scan], ocr=True, ocr_texts=OcrTexts())
    (kept,) = (project.folder / OCR_CACHE_DIR).glob("*.json")
    assert json.loads(kept.read_text("utf-8"))["pages"] == {"1": "县司法局关于规范性文件合法性审核工作的报告"}
    # A later run (a new OcrTexts, as a second `attach --suggest --ocr`) reads nothing again.
    second = suggest_for_files(project, "县司法局", [scan], ocr=True, ocr_texts=OcrTexts())
    assert first[0].top == second[0].top == 5 and engine.calls == 1
    # A damaged cache file is only a miss.
    kept.write_text("{not json", encoding="utf-8")
    third = suggest_for_files(project, "县司法局", [scan], ocr=True, ocr_texts=OcrTexts())
    assert third[0].top == 5 and engine.calls == 2
