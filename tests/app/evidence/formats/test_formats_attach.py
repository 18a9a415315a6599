"""The new formats wired into attach, search and --suggest: real files in, stored rows and pages out."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from formats_builders import docx, jpeg, ofd, text_image, zip_file
from pypdf import PdfReader

from app.base.errors import IntegrityError, RefusedFileError
from app.cli.main import main
from app.evidence import renditions
from app.evidence.attach import attach, evidence_path, evidence_pdf
from app.evidence.finding import search_evidence
from app.project.folder import Project, open_project
from app.status.selfcheck import run_check

DATA = Path(__file__).parent / "data"


def _rows(project: Project, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(project.folder / "project.sqlite")
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _pages_pdf(path: Path, texts: list[str]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for text in texts:
        pdf.setFont("STSong-Light", 14)
        pdf.drawString(72, 760, text)
        pdf.showPage()
    pdf.save()
    return path


def test_attach_a_photo_and_an_ofd_keeps_originals_and_pdf_renditions(
    project: Project, tmp_path: Path
) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg", image=text_image(["行政复议工作会议"]), orientation=6)
    document = ofd(tmp_path / "红头文件.ofd")
    result = attach(project, unit="县司法局", indicators=[5], files=[photo, document])
    first, second = result.attached
    # The OFD's rendition is stored beside its original.
    assert (second.kind, second.original_kind) == ("pdf", "ofd")
    assert second.original_sha256 is not None and second.original_sha256 != second.sha256
    assert evidence_path(project, second.original_sha256).read_bytes() == document.read_bytes()
    assert len(PdfReader(evidence_pdf(project, second.sha256)).pages) == second.pages == 1
    # The photo is stored only as received; its PDF is made on demand, the JPEG's bytes unchanged.
    assert (first.kind, first.original_kind, first.pages) == ("pdf", "jpeg", 1)
    assert first.sha256 == first.original_sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert evidence_path(project, first.sha256).read_bytes() == photo.read_bytes()
    assert _rows(project, "SELECT rendition_sha256 FROM evidence WHERE id = 1") == [(None,)]
    assert sorted(p.name for p in project.store.iter_files()) == sorted(
        {first.sha256, second.sha256, second.original_sha256}
    )
    made = evidence_pdf(project, first.sha256, original_kind="jpeg", name=first.filename)
    assert made.parent == project.folder / "cache" / "renditions"
    page = PdfReader(made).pages[0]
    assert page.rotation == 90
    image = page["/Resources"]["/XObject"]["/Im0"].get_object()  # type: ignore[index]
    assert image.get_data() == photo.read_bytes()
    # Deterministic: its /ID comes from the photo's hash, and made again (the cache removed) it has the
    # same bytes.
    assert PdfReader(made).trailer["/ID"][0].original_bytes == bytes.fromhex(first.sha256[:32])  # type: ignore[index]
    kept = made.read_bytes()
    made.unlink()
    assert evidence_pdf(project, first.sha256).read_bytes() == kept
    assert second.wenhao == "陵政发〔2022〕15号"
    # The OFD's text is indexed in the same transaction: a 2-character word finds it.
    hits = search_evidence(project, "备案")
    assert [(h.evidence_id, h.page, h.unit, h.indicators) for h in hits] == [(second.id, 1, "县司法局", (5,))]
    assert "备案" in hits[0].snippet
    # The renditions were staged where they were written: nothing is left in the incoming area.
    assert list(project.store.incoming.iterdir()) == []
    # The same photo attached again by the same unit is the same record (its hash is the original's).
    again = attach(project, unit="县司法局", indicators=[5], files=[photo])
    assert [r.id for r in again.attached] == [first.id] and again.existing == {first.id: ()}


def test_a_photo_stored_without_its_pdf_that_was_altered_is_named_not_rendered(
    project: Project, tmp_path: Path
) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg")
    (record,) = attach(project, unit="县司法局", indicators=[5], files=[photo]).attached
    stored = evidence_path(project, record.sha256)
    stored.chmod(0o644)
    stored.write_bytes(photo.read_bytes()[:-200])
    with pytest.raises(IntegrityError, match=r"会议照片\.jpg.*fazhi verify"):
        evidence_pdf(project, record.sha256, name=record.filename)
    assert not (project.folder / "cache" / "renditions").is_dir() or not any(
        (project.folder / "cache" / "renditions").iterdir()
    )


def test_a_photo_pdf_cut_short_in_the_cache_is_made_again_and_an_unwritable_project_uses_the_user_cache(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = jpeg(tmp_path / "会议照片.jpg")
    (record,) = attach(project, unit="县司法局", indicators=[5], files=[photo]).attached
    made = evidence_pdf(project, record.sha256)
    whole = made.read_bytes()
    made.write_bytes(whole[: len(whole) // 2])  # as a power cut after the rename could leave it
    assert evidence_pdf(project, record.sha256) == made and made.read_bytes() == whole
    # The project's cache cannot be written (a read-only medium): this user's cache takes the PDF.
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    monkeypatch.setattr(renditions, "RENDITIONS_DIR", blocker / "renditions")
    monkeypatch.setattr(renditions, "cache_dir", lambda: tmp_path / "user-cache")
    elsewhere = evidence_pdf(project, record.sha256)
    assert elsewhere.parent == tmp_path / "user-cache" / "renditions"
    assert elsewhere.read_bytes() == whole


def test_a_refused_photo_leaves_no_rendition_behind(project: Project, tmp_path: Path) -> None:
    good = jpeg(tmp_path / "a.jpg")
    data = good.read_bytes()
    cut = tmp_path / "b.jpg"
    cut.write_bytes(data[: len(data) - 40])
    with pytest.raises(RefusedFileError, match=r"b\.jpg: .*(截断|损坏)"):
        attach(project, unit="县司法局", indicators=[5], files=[good, cut])
    assert list(project.store.incoming.iterdir()) == []
    assert _rows(project, "SELECT count(*) FROM evidence") == [(0,)]


@pytest.mark.slow
def test_attach_a_docx_with_its_text_metadata_and_period(project: Project, tmp_path: Path) -> None:
    path = docx(
        tmp_path / "通知.docx",
        paragraphs=("陵政发〔2022〕15号", "关于加强行政复议工作的通知", "陵县人民政府", "2022年3月5日"),
    )
    (record,) = attach(project, unit="县司法局", indicators=[5], files=[path]).attached
    assert record.original_kind == "docx"
    assert evidence_path(project, record.original_sha256 or "").read_bytes() == path.read_bytes()
    assert record.wenhao == "陵政发〔2022〕15号"
    assert record.doc_date == "2022-03-05" and record.period == "2022-03"
    if record.kind == "pdf":  # LibreOffice found: the rendition has the text
        text = PdfReader(evidence_path(project, record.sha256)).pages[0].extract_text()
        assert "行政复议" in text
    else:
        assert record.kind == "docx" and record.pages is None
    assert [h.evidence_id for h in search_evidence(project, "复议")] == [record.id]


def test_a_docx_without_converter_is_kept_with_its_text(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.evidence.formats.inspect.convert_to_pdf", lambda *a, **k: False)
    path = docx(tmp_path / "通知.docx")
    (record,) = attach(project, unit="县司法局", indicators=[5], files=[path]).attached
    assert (record.kind, record.pages, record.original_kind) == ("docx", None, "docx")
    assert record.sha256 == record.original_sha256
    assert evidence_path(project, record.sha256).read_bytes() == path.read_bytes()
    assert [h.evidence_id for h in search_evidence(project, "复议")] == [record.id]


def test_search_finds_a_two_character_word_on_the_right_page(project: Project, tmp_path: Path) -> None:
    pdf = _pages_pdf(tmp_path / "案卷.pdf", ["行政执法案卷目录", "本案经行政复议维持原决定", "归档说明"])
    other = _pages_pdf(tmp_path / "其他.pdf", ["规范性文件备案登记"])
    first, second = attach(project, unit="县司法局", indicators=[3], files=[pdf, other]).attached
    hits = search_evidence(project, "复议")
    assert [(h.evidence_id, h.page, h.filename) for h in hits] == [(first.id, 2, "案卷.pdf")]
    assert search_evidence(project, "复议", indicator=5) == []
    assert [h.page for h in search_evidence(project, "备案", unit="县司法局")] == [1]
    # Withdrawn evidence is not found.
    project_rows = _rows(project, "SELECT count(*) FROM evidence_text")
    assert project_rows == [(4,)]
    assert second.id != first.id


def test_cli_search_json_and_table(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = _pages_pdf(tmp_path / "案卷.pdf", ["目录", "行政复议决定书"])
    assert main(["attach", str(project_dir), str(pdf), "--unit", "县司法局", "--indicator", "3"]) == 0
    capsys.readouterr()
    assert main(["search", str(project_dir), "复议", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["count"] == 1
    assert {k: document["hits"][0][k] for k in ("indicators", "unit", "filename", "page")} == {
        "indicators": [3],
        "unit": "县司法局",
        "filename": "案卷.pdf",
        "page": 2,
    }
    assert main(["search", str(project_dir), "复议"]) == 0
    assert "案卷.pdf" in capsys.readouterr().out


def test_suggest_proposes_the_right_indicator_and_yes_attaches_it(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "待归档"
    _pages_pdf(
        folder / "重大决策合法性审核意见书.pdf", ["关于重大行政决策的合法性审核意见", "合法性审核结论"]
    )
    _pages_pdf(folder / "行政执法案卷评查.pdf", ["执法监督", "执法案卷评查情况"])
    (folder / "说明.txt").write_text("不是证据", encoding="utf-8")
    args = ["attach", str(project_dir), "--unit", "县司法局", "--suggest", str(folder), "--json"]
    assert main(args) == 0
    proposals = {Path(item["file"]).name: item for item in json.loads(capsys.readouterr().out)}
    assert proposals["重大决策合法性审核意见书.pdf"]["suggested"][0] == 5
    assert proposals["行政执法案卷评查.pdf"]["suggested"][0] == 3
    assert proposals["说明.txt"]["refused"] and proposals["说明.txt"]["attached"] == []
    with open_project(project_dir) as project:
        assert _rows(project, "SELECT count(*) FROM evidence") == [(0,)]  # proposals only
    assert main([*args, "--yes"]) == 1  # 说明.txt cannot be placed: listed under "refused"
    done = {Path(item["file"]).name: item for item in json.loads(capsys.readouterr().out)}
    assert done["说明.txt"]["refused"] and done["说明.txt"]["attached"] == []
    assert len(done["重大决策合法性审核意见书.pdf"]["attached"]) == 1
    with open_project(project_dir) as project:
        links = _rows(
            project,
            "SELECT e.filename, l.indicator_number FROM evidence e JOIN evidence_indicator l"
            " ON l.evidence_id = e.id ORDER BY e.filename",
        )
    assert sorted(links) == [("行政执法案卷评查.pdf", 3), ("重大决策合法性审核意见书.pdf", 5)]


def _truncated_jpeg(tmp: Path) -> Path:
    whole = jpeg(tmp / "whole.jpg", size=(400, 300)).read_bytes()
    path = tmp / "照片.jpg"
    path.write_bytes(whole[: len(whole) // 3])
    return path


def _png_bomb(tmp: Path) -> Path:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\0" * (60001 * 50))
    path = tmp / "炸弹.png"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path


def _corrupt_ofd(tmp: Path) -> Path:
    return Path(
        zip_file(tmp / "公文.ofd", [("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><broken")])
    )


def _encrypted_docx(tmp: Path) -> Path:
    return Path(shutil.copy(DATA / "encrypted.docx", tmp / "加密.docx"))


def _broken_xls(tmp: Path) -> Path:
    path = tmp / "台账.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 3000)
    return path


def _truncated_tiff(tmp: Path) -> Path:
    from formats_builders import tiff

    whole = tiff(tmp / "whole.tif", frames=2).read_bytes()
    path = tmp / "扫描.tif"
    path.write_bytes(whole[:60])
    return path


@pytest.mark.parametrize(
    "make", [_truncated_jpeg, _png_bomb, _truncated_tiff, _corrupt_ofd, _encrypted_docx, _broken_xls]
)
def test_a_hostile_file_of_each_new_kind_changes_nothing(
    project: Project,
    tmp_path: Path,
    folder_snapshot: Callable[[Path], dict[str, str]],
    make: Callable[[Path], Path],
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = make(inputs)
    before = folder_snapshot(project.folder)
    with pytest.raises(RefusedFileError) as caught:
        attach(project, unit="县司法局", indicators=[5], files=[path])
    message = str(caught.value)
    assert path.name in message and "\n" not in message
    assert folder_snapshot(project.folder) == before


def test_the_same_wenhao_filed_twice_is_a_self_check_finding(project: Project, tmp_path: Path) -> None:
    one = ofd(tmp_path / "原件.ofd", pages=(("陵政发〔2022〕15号", "关于印发备案审查办法的通知"),))
    two = ofd(tmp_path / "扫描件.ofd", pages=(("陵政发〔2022〕15号", "关于印发备案审查办法的通知（存档）"),))
    first = attach(project, unit="县司法局", indicators=[5], files=[one]).attached[0]
    assert [f.code for f in run_check(project) if f.code == "duplicate_wenhao"] == []
    second = attach(project, unit="县司法局", indicators=[3], files=[two]).attached[0]
    (finding,) = [f for f in run_check(project) if f.code == "duplicate_wenhao"]
    assert "陵政发〔2022〕15号" in finding.message
    assert f"{first.id}、{second.id}" in finding.message
    assert finding.hint == f"fazhi remove DIR {second.id} --reason 重复添加"
