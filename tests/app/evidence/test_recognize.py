"""``ocr_evidence``: pages without text of stored evidence read after the fact and indexed for search."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from app.base.errors import NotFoundError
from app.base.progress import CancelToken
from app.evidence.attach import attach, get_evidence
from app.evidence.finding import search_evidence
from app.evidence.formats import ocr_available
from app.evidence.recognize import ocr_evidence
from app.project.audit_log import list_log
from app.project.folder import Project
from app.search import index_pages

sys.path.insert(0, str(Path(__file__).parent / "formats"))
from formats_builders import FakeOcr, install_fake_ocr, jpeg, text_image  # the format tests' builders


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeOcr:
    """Every picture 'reads' as a 红头文件 head."""
    head = ["陵政发〔2022〕15号", "关于加强行政复议工作的通知", "2022年3月5日"]
    return install_fake_ocr(monkeypatch, head, "app.evidence.recognize.ocr_available")


def _photos(project: Project, tmp_path: Path, count: int = 2) -> list[int]:
    files = [
        jpeg(tmp_path / f"会议照片{n}.jpg", image=text_image([f"会议 {n}"], size=(400, 200)))
        for n in range(count)
    ]
    return [r.id for r in attach(project, unit="县司法局", indicators=[5], files=files).attached]


def test_photos_without_text_are_read_indexed_and_their_metadata_filled(
    project: Project, tmp_path: Path, make_pdf: Any, engine: FakeOcr
) -> None:
    first, second = _photos(project, tmp_path)
    text_pdf = make_pdf(tmp_path / "制度.pdf", text="regulations on review")
    (with_text,) = attach(project, unit="县司法局", indicators=[5], files=[text_pdf]).attached
    assert search_evidence(project, "复议") == []
    seen: list[tuple[int, int, str]] = []
    result = ocr_evidence(project, progress=lambda d, t, m: seen.append((d, t, m)))
    assert [(f.evidence_id, f.pages, f.found) for f in result.files] == [
        (first, (1,), (1,)),
        (second, (1,), (1,)),
    ]
    assert result.checked == 3 and result.pages_read == 2 and not result.cancelled
    assert engine.calls == 2  # the text PDF was not read
    assert seen[-1] == (2, 2, "完成")
    hits = search_evidence(project, "复议")
    assert [(h.evidence_id, h.page, h.source) for h in hits] == [(first, 1, "ocr"), (second, 1, "ocr")]
    record = get_evidence(project, first)
    assert (record.wenhao, record.doc_date, record.period) == ("陵政发〔2022〕15号", "2022-03-05", "2022-03")
    assert get_evidence(project, with_text.id).wenhao is None
    assert [e.action for e in list_log(project, action="evidence.ocr")] == ["evidence.ocr"] * 2
    # A second run finds nothing left to read.
    assert ocr_evidence(project).files == () and engine.calls == 2


def test_the_same_content_filed_twice_is_read_once(project: Project, tmp_path: Path, engine: FakeOcr) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg", image=text_image(["会议"], size=(400, 200)))
    (first,) = attach(project, unit="县司法局", indicators=[5], files=[photo]).attached
    (second,) = attach(project, unit="县委办公室", indicators=[6], files=[photo]).attached
    result = ocr_evidence(project)
    assert [(f.evidence_id, f.found) for f in result.files] == [(first.id, (1,)), (second.id, (1,))]
    assert engine.calls == 1  # the second record took the first one's text
    hits = search_evidence(project, "复议")
    assert sorted((h.evidence_id, h.source) for h in hits) == [(first.id, "ocr"), (second.id, "ocr")]
    assert get_evidence(project, second.id).wenhao == "陵政发〔2022〕15号"


def test_one_evidence_and_unknown_ids(project: Project, tmp_path: Path, engine: FakeOcr) -> None:
    _first, second = _photos(project, tmp_path)
    result = ocr_evidence(project, evidence_id=second)
    assert [f.evidence_id for f in result.files] == [second] and engine.calls == 1
    assert [h.evidence_id for h in search_evidence(project, "复议")] == [second]
    with pytest.raises(NotFoundError, match="999"):
        ocr_evidence(project, evidence_id=999)


def test_cancel_keeps_the_files_finished_before(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: FakeOcr
) -> None:
    first, _second = _photos(project, tmp_path)
    token = CancelToken()
    engine.cancel = token  # the first page is read, then the user cancels
    result = ocr_evidence(project, cancel=token)
    assert result.cancelled and [f.evidence_id for f in result.files] == [first]
    assert [h.evidence_id for h in search_evidence(project, "复议")] == [first]


@pytest.mark.slow
def test_real_ocr_reads_a_photographed_notice(project: Project, tmp_path: Path) -> None:
    if not ocr_available():
        pytest.skip("rapidocr is not installed")
    photo = jpeg(tmp_path / "通知照片.jpg", image=text_image(["关于加强行政复议工作的通知"]))
    (record,) = attach(project, unit="县司法局", indicators=[5], files=[photo]).attached
    result = ocr_evidence(project)
    assert result.pages_found == 1
    assert [h.evidence_id for h in search_evidence(project, "复议")] == [record.id]


@pytest.fixture
def blank_engine(monkeypatch: pytest.MonkeyPatch) -> FakeOcr:
    """Every picture reads as nothing at all."""
    return install_fake_ocr(monkeypatch, [], "app.evidence.recognize.ocr_available")


def _text_rows(project: Project) -> list[tuple[int, int, str, str]]:
    connection = sqlite3.connect(project.folder / "project.sqlite")
    try:
        return connection.execute(
            "SELECT evidence_id, page, source, body FROM evidence_text ORDER BY evidence_id, page"
        ).fetchall()
    finally:
        connection.close()


def test_pages_read_empty_are_recorded_and_not_read_again(
    project: Project, tmp_path: Path, blank_engine: FakeOcr
) -> None:
    first, second = _photos(project, tmp_path)
    result = ocr_evidence(project)
    assert [(f.evidence_id, f.pages, f.found) for f in result.files] == [
        (first, (1,), ()),
        (second, (1,), ()),
    ]
    assert blank_engine.calls == 2
    assert _text_rows(project) == [(first, 1, "ocr", ""), (second, 1, "ocr", "")]
    (entry, _other) = list_log(project, action="evidence.ocr")
    assert entry.detail["read_empty"] == [1] and entry.detail["pages"] == []
    # The next run has nothing left to read, and the marker rows match no search.
    again = ocr_evidence(project)
    assert again.files == () and again.checked == 2 and blank_engine.calls == 2
    assert search_evidence(project, "会议") == []


def test_attach_with_ocr_records_empty_pages_too(
    project: Project, tmp_path: Path, blank_engine: FakeOcr
) -> None:
    photo = jpeg(tmp_path / "空白照片.jpg", image=text_image(["会议"], size=(400, 200)))
    (record,) = attach(project, unit="县司法局", indicators=[5], files=[photo], ocr=True).attached
    assert blank_engine.calls == 1
    assert _text_rows(project) == [(record.id, 1, "ocr", "")]
    assert ocr_evidence(project).files == () and blank_engine.calls == 1


def test_found_text_replaces_an_empty_marker_and_is_searchable(
    project: Project, tmp_path: Path, blank_engine: FakeOcr
) -> None:
    (first,) = _photos(project, tmp_path, count=1)
    ocr_evidence(project)
    # A re-read on purpose (e.g. a better engine) replaces the marker row: the index stays consistent.
    with project.session() as session:
        index_pages(session, first, ["关于加强行政复议工作的通知"], ["ocr"])
    assert _text_rows(project) == [(first, 1, "ocr", "关于加强行政复议工作的通知")]
    assert [h.evidence_id for h in search_evidence(project, "复议")] == [first]
