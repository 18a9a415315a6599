"""Active content in evidence is refused with one clear reason (see SECURITY.md)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from app.base.errors import RefusedFileError
from app.evidence.filecheck import inspect_file

MakeFile = Callable[..., Path]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _pdf_with(tmp: Path, make_pdf: MakeFile, change: Callable[[PdfWriter], object]) -> Path:
    writer = PdfWriter(clone_from=make_pdf(tmp / "src.pdf"))
    change(writer)
    out = tmp / "hostile.pdf"
    writer.write(out)
    return out


def _open_action_js(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def _xlsx_members(tmp: Path, make_xlsx: MakeFile) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(make_xlsx(tmp / "src.xlsx")) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def test_plain_pdf_and_xlsx_pass(tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile) -> None:
    assert inspect_file(make_pdf(tmp_path / "a.pdf")).kind == "pdf"
    assert inspect_file(make_xlsx(tmp_path / "a.xlsx")).kind == "xlsx"


@pytest.mark.parametrize(
    ("case", "needle"),
    [("javascript", "JavaScript"), ("attachment", "内嵌文件"), ("zip-appended", "ZIP"), ("mz", "可执行")],
)
def test_active_pdf_refused(tmp_path: Path, make_pdf: MakeFile, case: str, needle: str) -> None:
    if case == "javascript":
        path = _pdf_with(tmp_path, make_pdf, _open_action_js)
    elif case == "attachment":
        path = _pdf_with(tmp_path, make_pdf, lambda w: w.add_attachment("run.exe", b"MZ payload"))
    elif case == "zip-appended":
        path = tmp_path / "poly.pdf"
        path.write_bytes(make_pdf(tmp_path / "src.pdf").read_bytes() + _zip([("x.exe", b"MZ")]))
    else:
        path = tmp_path / "setup.pdf"
        path.write_bytes(b"MZ\x90\x00" + b"\x00" * 60 + make_pdf(tmp_path / "src.pdf").read_bytes())
    with pytest.raises(RefusedFileError) as caught:
        inspect_file(path)
    assert needle in caught.value.reason
    assert "\n" not in str(caught.value)


def test_zip_holding_a_pdf_is_not_a_pdf(tmp_path: Path, make_pdf: MakeFile) -> None:
    path = tmp_path / "inner.pdf"
    data = make_pdf(tmp_path / "src.pdf").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", data)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(RefusedFileError, match="Excel"):
        inspect_file(path)


def test_unc_external_link_refused(tmp_path: Path, make_xlsx: MakeFile) -> None:
    members = _xlsx_members(tmp_path, make_xlsx)
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId9" Type="http://x/hyperlink" '
        b'Target="\\\\evil\\share\\a.xlsx" TargetMode="External"/></Relationships>'
    )
    members.append(("xl/worksheets/_rels/sheet1.xml.rels", rels))
    path = tmp_path / "links.xlsx"
    path.write_bytes(_zip(members))
    with pytest.raises(RefusedFileError, match="外部链接"):
        inspect_file(path)


def test_renamed_macro_workbook_refused(tmp_path: Path, make_xlsx: MakeFile) -> None:
    members = [
        (name, data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml"))
        if name == "[Content_Types].xml"
        else (name, data)
        for name, data in _xlsx_members(tmp_path, make_xlsx)
    ]
    path = tmp_path / "macro.xlsx"
    path.write_bytes(_zip(members))
    with pytest.raises(RefusedFileError, match="宏"):
        inspect_file(path)
