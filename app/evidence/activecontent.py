"""Active content in evidence files: scripts, launch actions, embedded files, macros, external links.

Evidence is opened later on office PCs, so anything that can run code, start a program, fetch a
network path (leaking Windows credentials) or carry another file inside is refused (see SECURITY.md).
``raw_pdf_names`` scans a PDF's bytes, ``walk_pdf_objects`` every dictionary pypdf can reach (object
streams included), ``xlsx_active_content`` a workbook's part names, content types and relationships.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from app.base.text import printable_path
from app.project.store import CHUNK

# Action types that run code, start programs, fetch or send data, or open embedded files.
_PDF_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript 脚本",
    "/Launch": "启动外部程序的动作（Launch）",
    "/ImportData": "导入外部数据的动作（ImportData）",
    "/SubmitForm": "向外发送表单数据的动作（SubmitForm）",
    "/GoToE": "打开内嵌文件的动作（GoToE）",
    "/RichMediaExecute": "富媒体执行动作（RichMediaExecute）",
}
# Dictionary keys that mean active or embedded content wherever they appear.
_PDF_ACTIVE_KEYS = {
    "/JS": "JavaScript 脚本",
    "/JavaScript": "JavaScript 脚本",
    "/EmbeddedFiles": "内嵌文件（附件）",
    "/EmbeddedFile": "内嵌文件（附件）",
    "/RichMedia": "富媒体（Flash/视频）内容",
    "/XFA": "XFA 动态表单（可含脚本）",
}
_PDF_ACTIVE_TYPES = {"/EmbeddedFile": "内嵌文件（附件）", "/Filespec": "内嵌文件（附件）"}
_PDF_ACTIVE_SUBTYPES = {"/FileAttachment": "文件附件批注", "/RichMedia": "富媒体（Flash/视频）内容"}
# Names found in the raw bytes (before pypdf): long enough never to occur by chance in compressed data.
_PDF_RAW_NAMES = {
    b"/JavaScript": "JavaScript 脚本",
    b"/Launch": "启动外部程序的动作（Launch）",
    b"/EmbeddedFiles": "内嵌文件（附件）",
    b"/EmbeddedFile": "内嵌文件（附件）",
    b"/RichMedia": "富媒体（Flash/视频）内容",
    b"/ImportData": "导入外部数据的动作（ImportData）",
    b"/FileAttachment": "文件附件批注",
}
_PDF_NAME = re.compile(rb"/(?:[A-Za-z0-9]|#[0-9A-Fa-f]{2}){3,40}")
#: The most PDF objects the active-content walk visits (a real scan of 500 pages has a few thousand).
PDF_MAX_OBJECTS = 200_000
EXECUTABLE_MAGICS = {b"MZ": "Windows 可执行文件（EXE/DLL）", b"\x7fELF": "Linux 可执行文件（ELF）"}


def active_content_reason(what: str) -> str:
    return f"PDF 含有{what}，打开时可能执行代码或泄露信息，请打印后重新扫描或另存为普通 PDF (active content)"


def raw_pdf_names(path: Path) -> str | None:
    """Active-content names in the file's bytes (``#xx`` escapes decoded), chunk by chunk."""
    overlap = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            data = overlap + chunk
            for match in _PDF_NAME.finditer(data):
                token = match.group()
                if b"#" in token:
                    token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), token)
                what = _PDF_RAW_NAMES.get(token)
                if what is not None:
                    return what
            overlap = data[-128:]
    return None


def walk_pdf_objects(reader: Any) -> str | None:
    """Every dictionary reachable from the trailer: active actions, scripts, embedded files."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        visited += 1
        if visited > PDF_MAX_OBJECTS:
            return "过多的内部对象（超过 {PDF_MAX_OBJECTS} 个）".replace(
                "{PDF_MAX_OBJECTS}", str(PDF_MAX_OBJECTS)
            )
        if isinstance(item, DictionaryObject):
            for key in item:
                if key in _PDF_ACTIVE_KEYS:
                    return _PDF_ACTIVE_KEYS[key]
            action = item.get("/S")
            if isinstance(action, str) and action in _PDF_ACTIVE_ACTIONS:
                return _PDF_ACTIVE_ACTIONS[action]
            kind = item.get("/Type")
            if isinstance(kind, str) and kind == "/EmbeddedFile":
                return _PDF_ACTIVE_TYPES[kind]
            subtype = item.get("/Subtype")
            if isinstance(subtype, str) and subtype in _PDF_ACTIVE_SUBTYPES:
                return _PDF_ACTIVE_SUBTYPES[subtype]
            if kind == "/Filespec" and "/EF" in item:
                return _PDF_ACTIVE_TYPES["/Filespec"]
            for key, value in item.items():
                if key not in {"/Parent", "/P"}:
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


# Parts that hold code, external connections or embedded programs.
_XLSX_ACTIVE_PARTS = (
    ("vbaproject", "工作簿含有宏（VBA），请另存为不含宏的 .xlsx (macro-enabled workbook)"),
    (
        "xl/externallinks/",
        "工作簿含有外部链接（可能指向网络共享，打开时泄露 Windows 账户），请断开链接后另存 (external links)",
    ),
    ("xl/connections.xml", "工作簿含有外部数据连接，请删除连接后另存 (external data connection)"),
    ("xl/activex/", "工作簿含有 ActiveX 控件，请删除控件后另存 (ActiveX controls)"),
    ("xl/embeddings/", "工作簿内嵌了其他文件或程序（OLE 对象），请删除后另存 (embedded objects)"),
    ("xl/macrosheets/", "工作簿含有 Excel 4.0 宏表，请另存为不含宏的 .xlsx (XLM macro sheets)"),
    ("customui/", "工作簿含有自定义功能区（可调用宏），请另存为普通 .xlsx (custom UI)"),
)
# Content types that betray a macro workbook renamed to .xlsx, whatever its parts are called.
_XLSX_ACTIVE_TYPES = (
    (b"macroenabled", "这是启用宏的工作簿（.xlsm）改名而来，请另存为不含宏的 .xlsx (macro workbook)"),
    (b"vbaproject", "工作簿含有宏（VBA），请另存为不含宏的 .xlsx (macro-enabled workbook)"),
    (b"activex", "工作簿含有 ActiveX 控件，请删除控件后另存 (ActiveX controls)"),
    (b"oleobject", "工作簿内嵌了其他文件或程序（OLE 对象），请删除后另存 (embedded objects)"),
    (
        b"externallink",
        "工作簿含有外部链接（可能指向网络共享，打开时泄露 Windows 账户），请断开链接后另存 (external links)",
    ),
)
_EXTERNAL_TARGET = re.compile(
    rb"""Target\s*=\s*["']([^"']*)["'][^>]*TargetMode\s*=\s*["']External["']|"""
    rb"""TargetMode\s*=\s*["']External["'][^>]*Target\s*=\s*["']([^"']*)["']""",
    re.I,
)
_SAFE_SCHEMES = (b"http://", b"https://", b"mailto:")
#: The most bytes read from one relationship or content-types part (real ones are a few KB).
XLSX_MAX_META_BYTES = 4 * 1024 * 1024


def xlsx_active_content(path: Path, members: list[str]) -> str | None:
    """Macros, external links (UNC paths), connections, ActiveX and OLE objects: a reason, or None."""
    for member in members:
        lowered = member.lower()
        for prefix, reason in _XLSX_ACTIVE_PARTS:
            if lowered.startswith(prefix) or f"/{prefix}" in lowered:
                return reason
    with zipfile.ZipFile(path) as archive:
        for member in members:
            lowered = member.lower()
            if lowered != "[content_types].xml" and not lowered.endswith(".rels"):
                continue
            with archive.open(member) as stream:
                data = stream.read(XLSX_MAX_META_BYTES).lower()
            if lowered == "[content_types].xml":
                for needle, reason in _XLSX_ACTIVE_TYPES:
                    if needle in data:
                        return reason
                continue
            for needle, reason in _XLSX_ACTIVE_TYPES:
                if needle in data:
                    return reason
            for match in _EXTERNAL_TARGET.finditer(data):
                target = (match.group(1) or match.group(2) or b"").strip()
                if not target.startswith(_SAFE_SCHEMES):
                    shown = printable_path(target.decode("utf-8", "replace"))[:60]
                    return (
                        f"工作簿含有指向本机或网络共享的外部链接（{shown}），打开时可能泄露 Windows 账户，"
                        "请删除链接后另存 (external link to a file or UNC path)"
                    )
    return None
