"""The hostile corpus: generated attacker inputs, each run through the real CLI against a real project.

Every case must be refused with exit code 1-3 and ONE line on stderr (``fazhi: …`` naming the file and
the reason), and leave the project folder byte for byte as it was (every file hashed before and after;
no lock file, ``-wal`` or ``-shm`` may appear in a folder that had none).

Classes: active PDFs, polyglots, XLSX external links and macros, ZIP bombs / traversal / symlinks in
packages, deep JSON, YAML bombs, truncated / encrypted / empty / renamed files, control-character
names, replayed submissions, foreign databases, image / OFD / DOCX bombs.

``python tests/hostile/hostile_corpus.py OUT.json [CASE …]`` runs cases in this process and writes the
outcomes (with the process's peak RSS); ``benchmarks/hostile_corpus.py`` runs each case in its own
process for per-case time and memory.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a script: the project root and this folder on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_world import (
    BILLION_LAUGHS,
    XML_BOMB,
    Build,
    Case,
    World,
    _copy,
    _db_folder,
    _foreign_db,
    _tampered_store,
    _write,
    active_pdf,
    build_world,
    encrypted_pdf,
    package,
    peak_rss_mb,
    plain_pdf,
    png_header,
    problems_of,
    raw_manifest_package,
    run_case,
    set_encrypted_flag,
    xlsx_with,
    zip_bytes,
)


def _file(name: str, data: bytes | Callable[[], bytes]) -> Build:
    def build(_world: World, where: Path) -> Path:
        path = where / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return build


def _pkg(**options: Any) -> Build:
    def build(world: World, where: Path) -> Path:
        made: Path = package(world, where / "提交包.zip", **options)
        return made

    return build


CASES: list[Case] = []
MACRO_TYPES = (
    b'<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"'
    b' PartName="/xl/workbook.xml"/></Types>'
)


def case(name: str, klass: str, mode: str, build: Build, reason: str, *, code: int = 1) -> None:
    CASES.append(Case(name, klass, mode, build, reason, code))


# Active PDFs ------------------------------------------------------------------------------------------
JS = {4: b"<< /S /JavaScript /JS (app.alert(1)) >>"}
case(
    "pdf_openaction_js",
    "active-pdf",
    "attach_office",
    _file("js.pdf", active_pdf(b"/OpenAction 4 0 R", JS)),
    "JavaScript",
)
case(
    "pdf_names_js",
    "active-pdf",
    "attach_office",
    _file("names.pdf", active_pdf(b"/Names << /JavaScript 4 0 R >>", JS)),
    "JavaScript",
)
case(
    "pdf_escaped_js",
    "active-pdf",
    "attach_office",
    _file("esc.pdf", active_pdf(b"/OpenAction << /S /J#61vaScript /J#53 (x) >>")),
    "JavaScript",
)
case(
    "pdf_launch",
    "active-pdf",
    "attach_office",
    _file("launch.pdf", active_pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>")),
    "Launch",
)
case(
    "pdf_submitform",
    "active-pdf",
    "attach_office",
    _file("submit.pdf", active_pdf(b"/OpenAction << /S /SubmitForm /F (http://x) >>")),
    "SubmitForm",
)
case(
    "pdf_importdata",
    "active-pdf",
    "attach_office",
    _file("import.pdf", active_pdf(b"/OpenAction << /S /ImportData /F (x.fdf) >>")),
    "ImportData",
)
case(
    "pdf_gotoe",
    "active-pdf",
    "attach_office",
    _file("gotoe.pdf", active_pdf(b"/OpenAction << /S /GoToE /T << /R /C >> >>")),
    "GoToE",
)
case(
    "pdf_embedded_exe",
    "active-pdf",
    "attach_office",
    _file(
        "embedded.pdf",
        active_pdf(
            b"/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
            {
                4: b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
                5: b"<< /Length 2 >>\nstream\nMZ\nendstream",
            },
        ),
    ),
    "内嵌文件",
)
case(
    "pdf_richmedia",
    "active-pdf",
    "attach_office",
    _file("rich.pdf", active_pdf(b"/OpenAction << /S /RichMediaExecute >>")),
    "RichMedia",
)
case(
    "pdf_xfa",
    "active-pdf",
    "attach_office",
    _file(
        "xfa.pdf", active_pdf(b"/AcroForm << /XFA 4 0 R >>", {4: b"<< /Length 3 >>\nstream\n<x>\nendstream"})
    ),
    "XFA",
)
case(
    "pdf_js_in_package",
    "active-pdf",
    "import",
    _pkg(add_file=("脚本.pdf", "pdf", active_pdf(b"/OpenAction 4 0 R", JS))),
    "JavaScript",
)

# Polyglots --------------------------------------------------------------------------------------------
case(
    "pdf_with_zip_appended",
    "polyglot",
    "attach_office",
    _file("poly.pdf", lambda: plain_pdf() + zip_bytes([("a.txt", "x")])),
    "ZIP",
)
case(
    "zip_holding_pdf_named_pdf",
    "polyglot",
    "attach_office",
    _file("zip.pdf", lambda: zip_bytes([("x.pdf", plain_pdf())])),
    "ZIP",
)
case(
    "mz_with_pdf_inside",
    "polyglot",
    "attach_office",
    _file("mz.pdf", lambda: b"MZ\x90\x00" + b"\0" * 60 + plain_pdf()),
    "可执行文件",
)
case(
    "elf_with_pdf_inside",
    "polyglot",
    "attach_office",
    _file("elf.pdf", lambda: b"\x7fELF\x02\x01\x01" + b"\0" * 57 + plain_pdf()),
    "可执行文件",
)
case(
    "pdf_then_mz_after_eof",
    "polyglot",
    "attach_office",
    _file("tail.pdf", lambda: plain_pdf() + b"MZ\x90\x00" + b"\0" * 200),
    "程序",
)
case(
    "polyglot_in_package",
    "polyglot",
    "import",
    _pkg(add_file=("多重.pdf", "pdf", plain_pdf() + zip_bytes([("a", "b")]))),
    "ZIP",
)

# XLSX external links and macros -----------------------------------------------------------------------
UNC_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"'
    ' Target="file://\\\\attacker\\share\\x" TargetMode="External"/></Relationships>'
)
case(
    "xlsx_external_link_part",
    "xlsx-active",
    "attach_office",
    _file("link.xlsx", lambda: xlsx_with([("xl/externalLinks/externalLink1.xml", "<externalLink/>")])),
    "外部链接",
)
case(
    "xlsx_unc_relationship",
    "xlsx-active",
    "attach_office",
    _file("unc.xlsx", lambda: xlsx_with([("xl/worksheets/_rels/sheet1.xml.rels", UNC_RELS)])),
    "外部",
)
case(
    "xlsm_renamed_xlsx",
    "xlsx-active",
    "attach_office",
    _file("macro.xlsx", lambda: xlsx_with([("xl/vbaProject.bin", b"VBA")])),
    "宏",
)
case(
    "xlsm_content_type_only",
    "xlsx-active",
    "attach_office",
    _file(
        "ct.xlsx",
        lambda: xlsx_with(replace={"[Content_Types].xml": MACRO_TYPES}),
    ),
    "宏",
)
case(
    "xlsx_macrosheet",
    "xlsx-active",
    "attach_office",
    _file("xlm.xlsx", lambda: xlsx_with([("xl/macrosheets/sheet1.xml", "<m/>")])),
    "宏表",
)
case(
    "xlsx_activex",
    "xlsx-active",
    "attach_office",
    _file("ax.xlsx", lambda: xlsx_with([("xl/activeX/activeX1.xml", "<a/>")])),
    "ActiveX",
)
case(
    "xlsx_ole_embedding",
    "xlsx-active",
    "attach_office",
    _file("ole.xlsx", lambda: xlsx_with([("xl/embeddings/oleObject1.bin", b"\xd0\xcf")])),
    "OLE",
)
case(
    "xlsx_connections",
    "xlsx-active",
    "attach_office",
    _file("conn.xlsx", lambda: xlsx_with([("xl/connections.xml", "<connections/>")])),
    "数据连接",
)
case(
    "xlsx_custom_ui",
    "xlsx-active",
    "attach_office",
    _file("ui.xlsx", lambda: xlsx_with([("customUI/customUI14.xml", "<ui/>")])),
    "自定义功能区",
)
case(
    "xlsx_macro_in_package",
    "xlsx-active",
    "import",
    _pkg(add_file=("宏.xlsx", "xlsx", xlsx_with([("xl/vbaProject.bin", b"VBA")]))),
    "宏",
)

# ZIP bombs, traversal and symlinks (evidence files and packages) ---------------------------------------
SYMLINK = zipfile.ZipInfo("files/link.pdf")
SYMLINK.create_system = 3
SYMLINK.external_attr = (stat.S_IFLNK | 0o777) << 16
case(
    "xlsx_zip_bomb",
    "zip",
    "attach_office",
    _file("bomb.xlsx", lambda: xlsx_with([("xl/media/big.bin", b"\0" * (40 << 20))])),
    "压缩炸弹",
)
case("package_drive_letter", "zip", "import", _pkg(extra=[("C:/Windows/evil.pdf", b"%PDF-1.4")]), "盘符")
case("package_case_duplicate", "zip", "import", _pkg(extra=[("MANIFEST.JSON", b"{}")]), "大小写")
case(
    "xlsx_too_many_members",
    "zip",
    "attach_office",
    _file("many.xlsx", lambda: xlsx_with([(f"x/{i}", "") for i in range(10_001)])),
    "过多",
)
case(
    "xlsx_xml_entity_bomb",
    "zip",
    "attach_office",
    _file("xml.xlsx", lambda: xlsx_with(replace={"xl/workbook.xml": XML_BOMB})),
    "XML",
)
case("package_zip_bomb", "zip", "import", _pkg(extra=[("files/bomb.pdf", b"\0" * (40 << 20))]), "压缩炸弹")
case("package_traversal", "zip", "import", _pkg(extra=[("files/../../evil.pdf", b"%PDF-1.4")]), "路径跳转")
case("package_absolute_path", "zip", "import", _pkg(extra=[("/tmp/evil.pdf", b"%PDF-1.4")]), "绝对路径")
case("package_backslash", "zip", "import", _pkg(extra=[("files\\..\\evil.pdf", b"%PDF-1.4")]), "反斜杠")
case("package_symlink_member", "zip", "import", _pkg(extra=[(SYMLINK, b"/etc/passwd")]), "符号链接")
case(
    "package_too_many_members",
    "zip",
    "import",
    _pkg(extra=[(f"files/x{i}", b"") for i in range(10_001)]),
    "多余的成员",
)
case(
    "package_encrypted_member",
    "zip",
    "import",
    lambda w, d: _write(d / "加密.zip", set_encrypted_flag(package(w, d / "p.zip").read_bytes())),
    "加密",
)

# Deep JSON and YAML bombs -------------------------------------------------------------------------------
case(
    "manifest_deep_json",
    "json",
    "import",
    lambda w, d: raw_manifest_package(w, d / "deep.zip", b"[" * 50_000 + b"]" * 50_000),
    "嵌套过深",
)
case(
    "manifest_duplicate_keys",
    "json",
    "import",
    lambda w, d: raw_manifest_package(w, d / "dup.zip", b'{"format": "fazhi-exchange", "format": "x"}'),
    "manifest.json",
)
case(
    "manifest_nan",
    "json",
    "import",
    lambda w, d: raw_manifest_package(w, d / "nan.zip", b'{"format": NaN}'),
    "manifest.json",
)
case(
    "manifest_not_utf8",
    "json",
    "import",
    lambda w, d: raw_manifest_package(w, d / "gbk.zip", '{"单位": 1}'.encode("gbk")),
    "UTF-8",
)
case(
    "catalog_deep_json",
    "json",
    "catalog",
    _file("deep.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
    "嵌套过深",
)
case("catalog_yaml_billion_laughs", "yaml", "catalog", _file("laughs.yaml", BILLION_LAUGHS.encode()), "别名")
case(
    "catalog_yaml_python_tag",
    "yaml",
    "catalog",
    _file("tag.yaml", b"id: !!python/object/apply:os.system [echo hi]\n"),
    "YAML 格式错误",
)
case(
    "catalog_yaml_deep",
    "yaml",
    "catalog",
    _file("deep.yaml", b"id: " + b"[" * 20_000 + b"]" * 20_000),
    "YAML 格式错误",
)

# Truncated, encrypted, empty and renamed files ------------------------------------------------------------
case("pdf_truncated", "broken", "attach_office", _file("half.pdf", lambda: plain_pdf()[:300]), "PDF")
case("pdf_encrypted", "broken", "attach_office", _file("locked.pdf", encrypted_pdf), "加密")
case("pdf_empty", "broken", "attach_office", _file("empty.pdf", b""), "空")
case("xlsx_empty", "broken", "attach_office", _file("empty.xlsx", b""), "空")
case(
    "html_renamed_pdf",
    "broken",
    "attach_office",
    _file("page.pdf", b"<html><script>alert(1)</script></html>"),
    "不是",
)
case("xlsx_truncated", "broken", "attach_office", _file("half.xlsx", lambda: xlsx_with()[:500]), "XLSX")
case(
    "xlsx_encrypted_member",
    "broken",
    "attach_office",
    _file("enc.xlsx", lambda: set_encrypted_flag(xlsx_with())),
    "加密",
)
case(
    "ole2_renamed_xlsx",
    "broken",
    "attach_office",
    _file("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4088),
    "xls",
)
case("exe_renamed_docx", "broken", "attach_office", _file("doc.docx", b"MZ\x90\x00" + b"\0" * 500), "EXE")
case(
    "package_truncated",
    "broken",
    "import",
    lambda w, d: _write(d / "half.zip", w.good.read_bytes()[: len(w.good.read_bytes()) // 2]),
    "ZIP",
)
case("package_empty", "broken", "import", _file("empty.zip", b""), "ZIP")
case("package_not_a_zip", "broken", "import", _file("text.zip", b"just some text, not a package"), "ZIP")

# Control-character and over-long names --------------------------------------------------------------------
case(
    "unit_attach_ansi_name",
    "names",
    "attach_unit",
    _file("报告\x1b[31m红.pdf", plain_pdf),
    "控制字符（U+001B）",
)
case(
    "unit_attach_newline_name",
    "names",
    "attach_unit",
    _file("报告\n第二版.pdf", plain_pdf),
    "控制字符（U+000A）",
)
case(
    "package_ansi_filename",
    "names",
    "import",
    _pkg(change=lambda m: m["files"][0].update(filename="a\x1b[2J.pdf")),
    "控制字符（U+001B）",
)
case(
    "package_traversal_filename",
    "names",
    "import",
    _pkg(change=lambda m: m["files"][0].update(filename="../../x.pdf")),
    "文件名不安全",
)
case(
    "package_long_filename",
    "names",
    "import",
    _pkg(change=lambda m: m["files"][0].update(filename="长" * 300 + ".pdf")),
    "filename",
)
case(
    "bidi_name_refused_file_is_escaped",
    "names",
    "attach_office",
    _file("发票\u202efdp.pdf", b"MZ\x90\x00 program"),
    "[U+202E]",
)

# Replayed submissions ---------------------------------------------------------------------------------
case(
    "replay_older_sequence",
    "replay",
    "import_after",
    lambda w, d: _copy(w.good, d / "旧提交.zip"),
    "旧提交（序号 1",
)
case(
    "replay_equal_sequence",
    "replay",
    "import_after",
    _pkg(sequence=2, change=lambda m: m.update(package_id="e" * 32)),
    "序号 2",
)
case(
    "replay_without_sequence",
    "replay",
    "import_after",
    _pkg(sequence=None, change=lambda m: m.update(package_id="f" * 32)),
    "没有序号",
)

# Foreign databases ------------------------------------------------------------------------------------------
case("db_empty", "foreign-db", "open", lambda w, d: _db_folder(d, b""), "空文件")
case("db_garbage", "foreign-db", "open", lambda w, d: _db_folder(d, os.urandom(8192)), "不是 SQLite")
case("db_foreign_wal", "foreign-db", "open", lambda w, d: _foreign_db(d, wal=True), "不是 fazhi 项目数据库")
case(
    "db_other_application",
    "foreign-db",
    "open",
    lambda w, d: _foreign_db(d, application_id=0x4D4F5A31),
    "其他程序",
)
case(
    "verify_garbage_db",
    "foreign-db",
    "verify",
    lambda w, d: _db_folder(d, b"\x00" * 4096),
    "不是 SQLite",
    code=3,
)
case("verify_foreign_db", "foreign-db", "verify", lambda w, d: _foreign_db(d, wal=True), "不是 fazhi", code=3)
case(
    "verify_symlinked_store",
    "foreign-db",
    "verify",
    lambda w, d: _tampered_store(w, d, "symlink"),
    "符号链接",
    code=3,
)
case(
    "verify_hardlinked_store",
    "foreign-db",
    "verify",
    lambda w, d: _tampered_store(w, d, "hardlink"),
    "硬链接",
    code=3,
)

# Image, OFD and DOCX bombs ----------------------------------------------------------------------------
case(
    "png_decompression_bomb",
    "format-bomb",
    "attach_office",
    _file("bomb.png", png_header(100_000, 100_000)),
    "像素",
)
case("png_truncated", "format-bomb", "attach_office", _file("half.png", png_header(10, 10)[:40]), "已损坏")
case(
    "docx_zip_bomb",
    "format-bomb",
    "attach_office",
    _file(
        "bomb.docx",
        lambda: zip_bytes([("[Content_Types].xml", "<Types/>"), ("word/document.xml", b"\0" * (40 << 20))]),
    ),
    "压缩炸弹",
)
case(
    "docx_too_many_members",
    "format-bomb",
    "attach_office",
    _file(
        "many.docx",
        lambda: zip_bytes(
            [
                ("[Content_Types].xml", "<Types/>"),
                ("word/document.xml", "<d/>"),
                *[(f"x/{i}", "") for i in range(10_001)],
            ]
        ),
    ),
    "过多",
)
case(
    "ofd_zip_bomb",
    "format-bomb",
    "attach_office",
    _file(
        "bomb.ofd", lambda: zip_bytes([("OFD.xml", "<ofd:OFD/>"), ("Doc_0/Document.xml", b"\0" * (40 << 20))])
    ),
    "压缩炸弹",
)
case(
    "ofd_traversal",
    "format-bomb",
    "attach_office",
    _file("trav.ofd", lambda: zip_bytes([("OFD.xml", "<ofd:OFD/>"), ("../../evil.xml", "x")])),
    "OFD",
)
case("ofd_empty", "format-bomb", "attach_office", _file("empty.ofd", b""), "空")


def _main(argv: list[str]) -> int:
    """``hostile_corpus.py OUT.json [CASE …]``: run cases here, write outcomes and the peak RSS."""
    import tempfile

    out, wanted = Path(argv[0]), set(argv[1:])
    chosen = [c for c in CASES if not wanted or c.name in wanted]
    office_only = all(c.mode in ("attach_office", "catalog", "open") for c in chosen)
    with tempfile.TemporaryDirectory(prefix="fazhi-hostile-") as work:
        world = build_world(Path(work) / "world", office_only=office_only)
        results = []
        for item in chosen:
            outcome = run_case(item, world, Path(work) / item.name)
            results.append({**outcome.to_json(), "problems": problems_of(item, outcome), "klass": item.klass})
    out.write_text(json.dumps({"peak_rss_mb": peak_rss_mb(), "cases": results}, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
