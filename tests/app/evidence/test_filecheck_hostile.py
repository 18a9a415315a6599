"""The bad-input suite: hostile files are refused with one clear line, and nothing changes.

Every case builds its file in the test, attaches it through the CLI (in-process), and checks: exit
code 1, exactly one stderr line naming the file and the reason, no traceback, nothing on stdout, and
the project folder (database and store) byte-for-byte unchanged.
"""

from __future__ import annotations

import base64
import io
import os
import stat
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter

from app.base.errors import RefusedFileError
from app.base.text import printable_path
from app.cli.main import main
from app.evidence.attach import attach, list_evidence
from app.project.folder import open_project

Snapshot = Callable[[Path], dict[str, str]]
MakeFile = Callable[..., Path]
Builder = Callable[[Path, MakeFile, MakeFile], Path]

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def classic_pdf(objects: dict[int, bytes], *, root: int = 1, prev_self: bool = False) -> bytes:
    """A hand-built PDF with a classic xref table (so the structure can be made hostile)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    start = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets.get(number, 0))
    trailer = b"trailer\n<< /Size %d /Root %d 0 R" % (size, root)
    if prev_self:
        trailer += b" /Prev %d" % start
    out.write(trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % start)
    return out.getvalue()


def zip_bytes(members: list[tuple[str, bytes | str]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _real_xlsx_members(tmp: Path, make_xlsx: MakeFile) -> list[tuple[str, bytes | str]]:
    with zipfile.ZipFile(make_xlsx(tmp / "source.xlsx")) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


# -- the hostile files ---------------------------------------------------------------------------


def encrypted_pdf(tmp: Path, make_pdf: MakeFile, _x: MakeFile) -> Path:
    writer = PdfWriter(clone_from=make_pdf(tmp / "src.pdf", pages=2))
    writer.encrypt("secret", algorithm="AES-256")
    writer.write(tmp / "加密.pdf")
    return tmp / "加密.pdf"


def owner_only_encrypted_pdf(tmp: Path, make_pdf: MakeFile, _x: MakeFile) -> Path:
    writer = PdfWriter(clone_from=make_pdf(tmp / "src.pdf"))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp / "仅限打印.pdf")
    return tmp / "仅限打印.pdf"


def truncated_pdf(tmp: Path, make_pdf: MakeFile, _x: MakeFile) -> Path:
    data = make_pdf(tmp / "src.pdf", pages=3).read_bytes()
    return _write(tmp / "截断.pdf", data[: len(data) // 2])


def zero_bytes(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "空.pdf", b"")


def html_as_pdf(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "网页.pdf", "<!DOCTYPE html>\n<html><body>通知</body></html>".encode())


def png_as_pdf(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "照片.pdf", PNG_1PX)


def text_as_pdf(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "文字.pdf", "这只是一段文字。".encode())


def cyclic_pages(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    pages = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
    return _write(tmp / "cyclic-pages.pdf", classic_pdf({1: CATALOG, 2: pages, 3: PAGE}))


def cyclic_prev(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    return _write(tmp / "cyclic-prev.pdf", classic_pdf({1: CATALOG, 2: pages, 3: PAGE}, prev_self=True))


def xref_garbage(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    data = bytearray(classic_pdf({1: CATALOG, 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: PAGE}))
    start, end = data.index(b"xref\n"), data.index(b"trailer")
    data[start + 5 : end] = b"#" * (end - start - 5)
    return _write(tmp / "xref.pdf", bytes(data))


def deep_page_tree(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    objects = {1: CATALOG}
    depth = 3000
    for level in range(depth):
        objects[2 + level] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (3 + level)
    objects[2 + depth] = b"<< /Type /Page /MediaBox [0 0 10 10] >>"
    return _write(tmp / "deep.pdf", classic_pdf(objects))


def no_pages(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    pages = b"<< /Type /Pages /Kids [] /Count 0 >>"
    return _write(tmp / "无页.pdf", classic_pdf({1: CATALOG, 2: pages}))


def header_only_pdf(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "header.pdf", b"%PDF-1.7\n%%EOF\n")


def docx_as_xlsx(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    members: list[tuple[str, bytes | str]] = [
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", "<d/>"),
    ]
    return _write(tmp / "文档.xlsx", zip_bytes(members))


def ole2_as_xlsx(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "旧版.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4088)


def zip_bomb_xlsx(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    members: list[tuple[str, bytes | str]] = [
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024)),
    ]
    return _write(tmp / "炸弹.xlsx", zip_bytes(members))


def member_over_limit_xlsx(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    members: list[tuple[str, bytes | str]] = [
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", "<w/>"),
    ]
    data = bytearray(zip_bytes(members, zipfile.ZIP_STORED))
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 300 * 1024 * 1024)  # the declared uncompressed size
    return _write(tmp / "超大成员.xlsx", bytes(data))


def zip_without_workbook(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "压缩包.xlsx", zip_bytes([("说明.txt", "hello")]))


def empty_zip_xlsx(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "空压缩包.xlsx", zip_bytes([]))


def not_a_zip_xlsx(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return _write(tmp / "乱码.xlsx", bytes(range(256)) * 16)


def truncated_xlsx(tmp: Path, _p: MakeFile, make_xlsx: MakeFile) -> Path:
    data = make_xlsx(tmp / "src.xlsx").read_bytes()
    return _write(tmp / "截断.xlsx", data[: len(data) // 2])


def encrypted_member_xlsx(tmp: Path, _p: MakeFile, make_xlsx: MakeFile) -> Path:
    data = bytearray(make_xlsx(tmp / "src.xlsx").read_bytes())
    central = data.find(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, central + 8)[0]
    struct.pack_into("<H", data, central + 8, flags | 1)
    return _write(tmp / "加密成员.xlsx", bytes(data))


def xml_bomb_xlsx(tmp: Path, _p: MakeFile, make_xlsx: MakeFile) -> Path:
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    workbook = (
        f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e0 "lol">{entities}]>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="&e9;" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    members = [(n, workbook if n == "xl/workbook.xml" else d) for n, d in _real_xlsx_members(tmp, make_xlsx)]
    return _write(tmp / "xml炸弹.xlsx", zip_bytes(members))


def broken_sheet_xlsx(tmp: Path, _p: MakeFile, make_xlsx: MakeFile) -> Path:
    members = [
        (n, b"<worksheet><sheetData><row><c" if n.endswith("sheet1.xml") else d)
        for n, d in _real_xlsx_members(tmp, make_xlsx)
    ]
    return _write(tmp / "坏工作表.xlsx", zip_bytes(members))


def macro_xlsx(tmp: Path, _p: MakeFile, make_xlsx: MakeFile) -> Path:
    members = [*_real_xlsx_members(tmp, make_xlsx), ("xl/vbaProject.bin", b"VBA")]
    return _write(tmp / "宏.xlsx", zip_bytes(members))


def too_many_members_xlsx(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    members: list[tuple[str, bytes | str]] = [("[Content_Types].xml", "<T/>"), ("xl/workbook.xml", "<w/>")]
    members += [(f"x/{i}", b"") for i in range(10_001)]
    return _write(tmp / "成员过多.xlsx", zip_bytes(members, zipfile.ZIP_STORED))


def too_large(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    path = tmp / "超大.pdf"
    with path.open("wb") as handle:  # sparse: 201 MB on paper, nothing on disk
        handle.write(b"%PDF-1.4\n")
        handle.truncate(201 * 1024 * 1024)
    return path


def directory(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    path = tmp / "文件夹.pdf"
    path.mkdir()
    return path


def missing(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    return tmp / "不存在.pdf"


def symlink_to_dev_zero(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    path = tmp / "zero.pdf"
    path.symlink_to("/dev/zero")
    return path


def fifo(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    path = tmp / "管道.pdf"
    os.mkfifo(path)
    return path


def dangling_symlink(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    path = tmp / "断链.pdf"
    path.symlink_to(tmp / "nowhere.pdf")
    return path


def odd_unicode_name(tmp: Path, _p: MakeFile, _x: MakeFile) -> Path:
    # A newline, a right-to-left override and an emoji: the message must stay one readable line.
    return _write(tmp / "报告\n第\u202e二版😀.pdf", b"GIF89a" + b"\0" * 32)


HOSTILE: list[tuple[str, Builder, str]] = [
    ("encrypted-pdf", encrypted_pdf, "PDF 已加密"),
    ("owner-password-pdf", owner_only_encrypted_pdf, "PDF 已加密"),
    ("truncated-pdf", truncated_pdf, "可能被截断"),
    ("zero-bytes", zero_bytes, "空文件"),
    ("html-renamed-pdf", html_as_pdf, "HTML"),
    ("text-renamed-pdf", text_as_pdf, "纯文本"),
    ("cyclic-pages", cyclic_pages, "循环引用"),
    ("cyclic-prev", cyclic_prev, "/Prev）有循环"),
    ("xref-garbage", xref_garbage, "PDF "),
    ("deep-page-tree", deep_page_tree, "嵌套过深"),
    ("no-pages", no_pages, "没有任何页面"),
    ("header-only-pdf", header_only_pdf, "xref"),
    ("docx-renamed-xlsx", docx_as_xlsx, "Word 文件已损坏"),
    ("ole2-renamed-xlsx", ole2_as_xlsx, "Office 文件已损坏"),
    ("zip-bomb-xlsx", zip_bomb_xlsx, "压缩比异常"),
    ("member-over-limit-xlsx", member_over_limit_xlsx, "解压后过大"),
    ("zip-without-workbook", zip_without_workbook, "没有 Excel 工作簿"),
    ("empty-zip", empty_zip_xlsx, "没有 Excel 工作簿"),
    ("non-zip-xlsx", not_a_zip_xlsx, "无法识别的文件类型"),
    ("truncated-xlsx", truncated_xlsx, "压缩包已损坏或被截断"),
    ("encrypted-member-xlsx", encrypted_member_xlsx, "加密或旧版 Excel 文件"),
    ("xml-bomb-xlsx", xml_bomb_xlsx, "XML"),
    ("broken-sheet-xlsx", broken_sheet_xlsx, "XML 格式错误"),
    ("macro-xlsx", macro_xlsx, "宏"),
    ("too-many-members-xlsx", too_many_members_xlsx, "文件过多"),
    ("too-large", too_large, "文件过大"),
    ("directory", directory, "文件夹"),
    ("missing", missing, "文件不存在"),
    ("symlink-to-dev-zero", symlink_to_dev_zero, "不是普通文件"),
    ("fifo", fifo, "不是普通文件"),
    ("dangling-symlink", dangling_symlink, "文件不存在"),
    ("odd-unicode-name", odd_unicode_name, "GIF"),
]
POSIX_ONLY = {"symlink-to-dev-zero", "fifo", "dangling-symlink"}


@pytest.mark.parametrize(("case", "build", "reason"), HOSTILE, ids=[case for case, _b, _r in HOSTILE])
def test_hostile_file_is_refused_and_nothing_changes(
    case: str,
    build: Builder,
    reason: str,
    *,
    project_dir: Path,
    tmp_path: Path,
    make_pdf: MakeFile,
    make_xlsx: MakeFile,
    folder_snapshot: Snapshot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if case in POSIX_ONLY and sys.platform == "win32":
        pytest.skip("POSIX special files")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    hostile = build(inputs, make_pdf, make_xlsx)
    before = folder_snapshot(project_dir)
    code = main(["attach", str(project_dir), "--unit", "县司法局", "--indicator", "1", str(hostile)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"fazhi: {printable_path(hostile)}: ")
    assert reason in lines[0]
    assert folder_snapshot(project_dir) == before
    # The window's mode: the good file goes in, the hostile one comes back with the same reason.
    good = make_pdf(inputs / "good.pdf")
    with open_project(project_dir) as project:
        result = attach(project, unit="县司法局", indicators=[1], files=[hostile, good], skip_refused=True)
        assert [r.filename for r in result.attached] == ["good.pdf"]
        assert [(p, reason in r) for p, r in result.refused] == [(hostile, True)]
        assert not any(project.store.incoming.iterdir())


def test_suite_has_at_least_twenty_cases() -> None:
    assert len(HOSTILE) >= 20


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file; needs a normal user"
)
def test_unreadable_file(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile, folder_snapshot: Snapshot
) -> None:
    pdf = make_pdf(tmp_path / "无权限.pdf")
    pdf.chmod(0)
    try:
        before = folder_snapshot(project_dir)
        with open_project(project_dir) as project, pytest.raises(RefusedFileError, match="无权读取"):
            attach(project, unit="县司法局", indicators=[1], files=[pdf])
        assert folder_snapshot(project_dir) == before
    finally:
        pdf.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_odd_unicode_name_of_a_good_file_is_kept(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile
) -> None:
    name = "附件\u202e１（最终版）😀 ＃.pdf"
    pdf = make_pdf(tmp_path / name)
    with open_project(project_dir) as project:
        record = attach(project, unit="县司法局", indicators=[1], files=[pdf]).attached[0]
        assert record.filename == name
        assert list_evidence(project)[0].filename == name


def test_permission_denied_is_refused_even_as_root(
    project_dir: Path,
    tmp_path: Path,
    make_pdf: MakeFile,
    folder_snapshot: Snapshot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # root can read anything, so the OS refusal is simulated when the store opens the file.
    pdf = make_pdf(tmp_path / "无权限.pdf")
    real_open = os.open

    def deny(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path) == pdf:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    before = folder_snapshot(project_dir)
    with open_project(project_dir) as project, pytest.raises(RefusedFileError, match="无权读取"):
        attach(project, unit="县司法局", indicators=[1], files=[pdf])
    monkeypatch.undo()
    assert folder_snapshot(project_dir) == before
