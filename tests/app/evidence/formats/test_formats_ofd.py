"""OFD (GB/T 33190): text per page, a PDF rendition with the same text, hostile packages refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_builders import jpeg, ofd, ofd_members, text_image, zip_file
from pypdf import PdfReader
from test_formats_images import png_claiming
from test_formats_text import FakeEngine

from app.base.errors import RefusedFileError
from app.evidence.formats import complete_text, inspect_any
from app.evidence.formats import ocr as ocr_module
from app.evidence.formats.ofd import PICTURES_NOTE
from exports.fonts import SERIF_REGULAR

PAGES = (("陵政发〔2022〕15号", "关于印发备案审查办法的通知"), ("第二页：行政复议",))


def refusal(path: Path) -> str:
    with pytest.raises(RefusedFileError) as caught:
        inspect_any(path, path.name, workdir=path.parent / "out")
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ") and "\n" not in message
    out = path.parent / "out"
    assert not out.exists() or list(out.iterdir()) == []
    return message


@pytest.mark.parametrize("font", [None, SERIF_REGULAR])
def test_text_per_page_and_a_rendition_with_the_same_text(tmp_path: Path, font: Path | None) -> None:
    path = ofd(tmp_path / "红头文件.ofd", PAGES)
    facts = inspect_any(path, "红头文件.ofd", workdir=tmp_path / "out", font_path=font)
    assert (facts.kind, facts.pages, facts.ocr_pages) == ("ofd", 2, ())
    assert facts.text_pages[0].split() == ["陵政发〔2022〕15号", "关于印发备案审查办法的通知"]
    assert facts.text_pages[1] == "第二页：行政复议"
    assert facts.metadata == {"title": "备案审查办法", "author": "县司法局"}
    assert facts.rendition_pdf is not None
    reader = PdfReader(facts.rendition_pdf)
    assert [page.extract_text().split() for page in reader.pages] == [list(PAGES[0]), list(PAGES[1])]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # 210 × 297 mm
    assert "印章" in facts.notes[0]


def scan_bytes(tmp_path: Path) -> bytes:
    path = jpeg(tmp_path / "scan.jpg", image=text_image(["陵政发〔2022〕15号"], size=(1240, 1754)))
    return bytes(path.read_bytes())


def test_a_scanned_ofd_shows_its_picture_and_asks_for_ocr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = zip_file(tmp_path / "扫描件.ofd", ofd_members([()], picture=scan_bytes(tmp_path)))
    facts = inspect_any(path, "扫描件.ofd", workdir=tmp_path / "out")
    assert facts.ocr_pages == (1,) and facts.text_pages == [""]
    assert facts.rendition_pdf is not None
    (picture,) = PdfReader(facts.rendition_pdf).pages[0].images
    assert picture.image is not None and picture.image.size == (1240, 1754)
    engine = FakeEngine()
    monkeypatch.setattr(ocr_module, "_engine", engine)
    monkeypatch.setattr("app.evidence.formats.text.ocr_available", lambda: True)
    text = complete_text(path, facts)
    assert text.sources == ["ocr"] and text.pages == ["识别出的文字"]
    assert engine.sizes[0][:2] == (1600, 1132)  # the rendition page, rendered (portrait A4)


def test_unreadable_pictures_are_left_out_with_a_note(tmp_path: Path) -> None:
    path = zip_file(tmp_path / "bad.ofd", ofd_members(PAGES, picture=b"JB2 data, not an image"))
    facts = inspect_any(path, "bad.ofd", workdir=tmp_path / "out")
    assert facts.notes[-1] == PICTURES_NOTE and facts.ocr_pages == ()
    assert facts.rendition_pdf is not None and len(PdfReader(facts.rendition_pdf).pages[0].images) == 0
    bomb = png_claiming(50_000, 50_000)
    path = zip_file(tmp_path / "bomb.ofd", ofd_members(PAGES, picture=bomb))
    assert inspect_any(path, "bomb.ofd", workdir=tmp_path / "out").notes[-1] == PICTURES_NOTE


def test_an_ofd_is_found_by_content_whatever_its_name(tmp_path: Path) -> None:
    assert inspect_any(ofd(tmp_path / "scan.zip"), "scan.zip", workdir=tmp_path / "o").kind == "ofd"


def test_encrypted_ofd_is_refused(tmp_path: Path) -> None:
    members = [*ofd_members(), ("Doc_0/Encryptions.xml", b"<ofd:Encryptions/>")]
    assert "已加密" in refusal(zip_file(tmp_path / "enc.ofd", members))


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    members = [
        (name, data.replace(b"?>", b"?>" + laughs, 1) if name.endswith("Content.xml") else data)
        for name, data in ofd_members()
    ]
    assert "实体" in refusal(zip_file(tmp_path / "laughs.ofd", members))


def test_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    members = [*ofd_members(), ("Doc_0/Res/huge.xml", b"<a>" + b" " * 40_000_000 + b"</a>")]
    assert "压缩炸弹" in refusal(zip_file(tmp_path / "bomb.ofd", members))


def test_truncated_and_broken_packages_are_refused(tmp_path: Path) -> None:
    data = ofd(tmp_path / "src.ofd").read_bytes()
    cut = tmp_path / "cut.ofd"
    cut.write_bytes(data[: len(data) // 2])
    assert "损坏或被截断" in refusal(cut)
    no_document = [(n, d) for n, d in ofd_members() if n != "Doc_0/Document.xml"]
    assert "OFD" in refusal(zip_file(tmp_path / "nodoc.ofd", no_document))
    broken = [(n, b"<ofd:OFD><<<" if n == "OFD.xml" else d) for n, d in ofd_members()]
    assert "OFD" in refusal(zip_file(tmp_path / "broken.ofd", broken))


def test_an_ofd_without_pages_is_refused(tmp_path: Path) -> None:
    assert "没有任何页面" in refusal(ofd(tmp_path / "empty.ofd", []))
