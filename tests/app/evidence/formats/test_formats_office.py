"""DOCX and old XLS: text extracted, kept as originals, a PDF rendition when LibreOffice exists."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from formats_builders import DATA, docx, zip_file
from pypdf import PdfReader

from app.base.errors import RefusedFileError
from app.evidence.formats import NO_PAGES_NOTE, find_converter, inspect_any


@pytest.fixture
def no_converter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FAZHI_SOFFICE", str(tmp_path / "no-such-soffice"))


def refusal(path: Path, name: str | None = None) -> str:
    name = name or path.name
    with pytest.raises(RefusedFileError) as caught:
        inspect_any(path, name, workdir=path.parent / "out", convert=False)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    return message


def test_docx_text_in_document_order_without_a_converter(tmp_path: Path, no_converter: None) -> None:
    path = docx(tmp_path / "通知.docx")
    facts = inspect_any(path, "通知.docx", workdir=tmp_path / "out")
    assert facts.kind == "docx" and facts.pages is None and facts.rendition_pdf is None
    assert facts.notes == (NO_PAGES_NOTE,)
    assert facts.text_pages == ["陵政发〔2022〕15号\n关于加强行政复议工作的通知\n单位\t人数\n县司法局\t3"]


def test_xls_sheets_become_text_pages(tmp_path: Path, no_converter: None) -> None:
    path = shutil.copy(DATA / "sample.xls", tmp_path / "台账")  # no extension: content decides
    facts = inspect_any(Path(path), "台账", workdir=tmp_path / "out")
    assert (facts.kind, facts.sheets, facts.pages) == ("xls", 2, None)
    assert facts.text_pages[0].splitlines() == [
        "姓名\t单位\t证号",
        "张三\t县司法局\t2022015",
        "李四\t县市场监管局\t3.5",
    ]
    assert facts.text_pages[1] == "案号\t结果\n陵政复〔2022〕3号\t维持"
    assert NO_PAGES_NOTE in facts.notes


def test_old_doc_and_encrypted_office_files_are_refused(tmp_path: Path) -> None:
    assert "另存为 .docx" in refusal(DATA / "old.doc")
    assert "已加密" in refusal(DATA / "encrypted.docx")
    assert "已加密" in refusal(DATA / "encrypted.xlsx")


def test_encrypted_xls_is_refused(tmp_path: Path) -> None:
    data = bytearray((DATA / "sample.xls").read_bytes())
    at = data.find(b"\x5c\x00\x70\x00")  # the WRITEACCESS record: make it a FILEPASS of the same size
    data[at : at + 2] = b"\x2f\x00"
    path = tmp_path / "密.xls"
    path.write_bytes(bytes(data))
    assert "已加密" in refusal(path)


def test_truncated_xls_and_docx_are_refused(tmp_path: Path) -> None:
    xls = tmp_path / "cut.xls"
    xls.write_bytes((DATA / "sample.xls").read_bytes()[:3000])
    assert "cut.xls: " in refusal(xls)
    whole = docx(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert "损坏或被截断" in refusal(cut)


def test_hostile_docx_packages_are_refused(tmp_path: Path) -> None:
    members = [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document")]
    assert "损坏" in refusal(zip_file(tmp_path / "bad.docx", members))
    bomb = [*members[:1], ("word/document.xml", "<a>" + "x" * 30_000_000 + "</a>")]
    assert "压缩炸弹" in refusal(zip_file(tmp_path / "bomb.docx", bomb))
    real = docx(tmp_path / "real.docx")
    with zipfile.ZipFile(real) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    macro = zip_file(tmp_path / "macro.docx", [*parts, ("word/vbaProject.bin", b"\0" * 10)])
    assert "宏" in refusal(macro)
    laughs = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    entity = [
        (name, data.replace(b"?>", b"?>" + laughs, 1) if name == "word/document.xml" else data)
        for name, data in parts
    ]
    assert "实体" in refusal(zip_file(tmp_path / "entity.docx", entity))


def test_renamed_and_empty_files(tmp_path: Path, no_converter: None) -> None:
    renamed = shutil.copy(docx(tmp_path / "a.docx"), tmp_path / "报表.xlsx")
    assert inspect_any(Path(renamed), "报表.xlsx", workdir=tmp_path / "out").kind == "docx"
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert "空文件" in refusal(empty)
    text = tmp_path / "notes.docx"
    text.write_text("就是一段文字", encoding="utf-8")
    assert "纯文本" in refusal(text)


@pytest.mark.slow
@pytest.mark.skipif(find_converter() is None, reason="LibreOffice is not installed")
def test_docx_and_xls_renditions_with_libreoffice(tmp_path: Path) -> None:
    facts = inspect_any(docx(tmp_path / "通知.docx"), "通知.docx", workdir=tmp_path / "out")
    assert facts.rendition_pdf is not None and facts.pages == 1 and facts.notes == ()
    assert "行政复议" in PdfReader(facts.rendition_pdf).pages[0].extract_text()
    assert "行政复议" in facts.text_pages[0]
    sheets = inspect_any(DATA / "sample.xls", "台账.xls", workdir=tmp_path / "out")
    assert sheets.rendition_pdf is not None and sheets.pages is not None and sheets.pages >= 1
    assert "县市场监管局" in "".join(sheets.text_pages)


def test_libreoffice_also_sees_the_fonts_the_program_ships(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys as system

    from app.evidence.formats import office
    from exports.fonts import FONT_DIR

    if os.name != "posix" or system.platform == "darwin":
        pytest.skip("fontconfig is LibreOffice's font source on Linux only")
    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/fonts/site & local.conf")
    env = office._with_our_fonts(tmp_path)
    assert env is not None and env["PATH"] == os.environ["PATH"]
    config = Path(env["FONTCONFIG_FILE"]).read_text("utf-8")
    # The machine's own configuration first (its fonts win), then the shipped CJK faces as fallback.
    assert config.index("/etc/fonts/site &amp; local.conf") < config.index(f"<dir>{FONT_DIR}</dir>")
    assert (FONT_DIR / "NotoSerifSC-Regular.ttf").is_file()
