"""Checking evidence files by content, not by name: real PDFs and real XLSX workbooks only.

``inspect_file`` reads the file itself (magic bytes, then pypdf or zipfile + openpyxl) and either
returns ``FileFacts`` or raises ``RefusedFileError(path, reason)`` with a one-line Chinese reason.
Hostile input is expected: every exception the parsers raise becomes a refusal, ZIP members are
checked for size and compression ratio before openpyxl sees them (it has no bomb protection), and the
parsing runs under a time limit so a crafted file cannot hang the program.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import signal
import sys
import threading
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from app.base.errors import RefusedFileError
from app.base.text import printable_path
from app.base.zipguard import ZipLimits, ZipRefusedError, check_archive
from app.evidence.activecontent import (
    EXECUTABLE_MAGICS,
    active_content_reason,
    raw_pdf_names,
    walk_pdf_objects,
    xlsx_active_content,
)
from app.project.store import CHUNK, open_source

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_PARSE_SECONDS = 30.0
SAMPLE_ROWS = 20  # rows read from each sheet to prove it parses

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLD_FORMAT_REASON = (
    "加密或旧版 Excel 文件（.xls 或有密码的 .xlsx），请另存为未加密的 .xlsx"
    " (encrypted or old-format Excel file)"
)

T = TypeVar("T")


#: Guards against ZIP bombs in workbooks; the defaults accept any workbook a county office makes.
XlsxLimits = ZipLimits


@dataclass(frozen=True)
class FileFacts:
    path: Path
    sha256: str
    kind: str  # "pdf" | "xlsx"
    size: int
    pages: int | None
    sheets: int | None
    sheet_names: tuple[str, ...] = ()


class _ParseTimeout(BaseException):
    """Raised inside the parser when its time is up (BaseException: parsers catch Exception)."""


def _alarm_usable() -> bool:
    """SIGALRM costs nothing while parsing, but only the main thread receives it (POSIX only)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # nobody else's timer running
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the code in the block after ``seconds`` by raising ``_ParseTimeout`` in it.

    In the main thread (the CLI) a SIGALRM timer does it at no cost. In other threads (the window's
    workers) a profile hook checks the clock every 1024 calls; it sees C calls too, so even a parser
    loop inside C helpers is stopped, and it only fires in frames outside this module so that the
    clean-up below always runs.
    """
    if _alarm_usable():
        active = True

        def on_alarm(_signum: int, _frame: FrameType | None) -> None:
            if active:
                raise _ParseTimeout

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            active = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    if sys.getprofile() is not None:
        # A profiler is running (a developer measuring); it cannot be chained, so no guard.
        yield
        return
    deadline = time.monotonic() + seconds
    counter = 0

    def hook(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal counter
        counter += 1
        if (
            counter & 0x3FF == 0
            and time.monotonic() > deadline
            and frame.f_globals.get("__name__") != __name__
        ):
            raise _ParseTimeout

    sys.setprofile(hook)
    try:
        yield
    finally:
        sys.setprofile(None)


class _Capture(logging.Handler):
    """Collects parser log messages for the thread that is checking a file (dropped otherwise)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        messages: list[str] | None = getattr(self.local, "messages", None)
        if messages is not None:
            messages.append(record.getMessage())


_capture = _Capture()
_capture_installed = False
_install_guard = threading.Lock()


def _install_capture() -> None:
    """Once per process: parser warnings go to our capture, never to stderr (one line per refusal)."""
    global _capture_installed  # noqa: PLW0603 - a process-wide, install-once switch
    with _install_guard:
        if _capture_installed:
            return
        for name in ("pypdf", "openpyxl"):
            logger = logging.getLogger(name)
            logger.setLevel(logging.WARNING)
            logger.propagate = False
            logger.addHandler(_capture)
        _capture_installed = True


@contextmanager
def _quiet_parsers() -> Iterator[list[str]]:
    """Capture what pypdf and openpyxl log about repairs (the user sees our one line instead)."""
    _install_capture()
    messages: list[str] = []
    _capture.local.messages = messages
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield messages
    finally:
        _capture.local.messages = None


# Parser messages → reasons a clerk can act on (checked in order, case-insensitive).
_PDF_REASONS = (
    ("cyclic", "PDF 页面树有循环引用，文件已损坏或被构造 (cyclic page tree)"),
    ("circular", "PDF 交叉引用链（/Prev）有循环，文件已损坏或被构造 (cyclic xref chain)"),
    ("depth", "PDF 页面树嵌套过深，文件已损坏或被构造 (page tree too deep)"),
    ("root", "PDF 缺少文档目录（Root），文件已损坏 (no document catalog)"),
    ("elementary object", "PDF 内部对象结构损坏（交叉引用表或对象被破坏） (broken objects)"),
    ("startxref", "PDF 交叉引用表（xref）缺失或损坏 (broken xref)"),
    ("xref", "PDF 交叉引用表（xref）损坏 (broken xref)"),
    ("trailer", "PDF 文件尾（trailer）损坏 (broken trailer)"),
    ("/kids", "PDF 页面树结构错误 (broken page tree)"),
    ("/pages", "PDF 页面树结构错误 (broken page tree)"),
)
_XLSX_REASONS = (
    ("amplification", "工作簿内部 XML 含有实体膨胀（XML 炸弹），文件被构造 (XML bomb)"),
    ("entit", "工作簿内部 XML 含有不允许的实体定义，文件可能被构造 (XML entities)"),
    ("token", "工作簿内部 XML 格式错误，文件已损坏 (malformed XML)"),
    ("well-formed", "工作簿内部 XML 格式错误，文件已损坏 (malformed XML)"),
    ("mismatched", "工作簿内部 XML 格式错误，文件已损坏 (malformed XML)"),
    ("syntax", "工作簿内部 XML 格式错误，文件已损坏 (malformed XML)"),
)
_ZIP_REASONS = (("", "不是有效的 ZIP/XLSX 文件（压缩包已损坏或被截断） (corrupt zip)"),)


def _short(exc: BaseException) -> str:
    """A short, printable summary of a parser error (no byte dumps)."""
    text = " ".join(str(exc).split())
    cut = text.find(" b'")
    if cut > 0:
        text = text[:cut]
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return (text[:80] + "…" if len(text) > 80 else text) or type(exc).__name__


def _translate(what: str, message: str, table: tuple[tuple[str, str], ...]) -> str:
    lowered = message.lower()
    for needle, reason in table:
        if needle in lowered:
            return reason
    return f"{what}文件已损坏，无法读取（{message}）"


def guarded(
    name: str,
    what: str,
    seconds: float,
    parse: Callable[[list[str]], T],
    table: tuple[tuple[str, str], ...] = (),
) -> T:
    """Run ``parse(log_messages)`` with a time limit; any parser failure becomes a refusal."""
    try:
        with _quiet_parsers() as messages, time_limit(seconds):
            return parse(messages)
    except RefusedFileError:
        raise
    except _ParseTimeout:
        raise RefusedFileError(
            name, f"{what}解析超时（超过 {seconds:g} 秒），文件可能已损坏或被构造"
        ) from None
    except RecursionError:
        raise RefusedFileError(name, f"{what}结构嵌套过深或有循环引用，文件已损坏") from None
    except MemoryError:
        raise RefusedFileError(name, f"{what}解析时内存不足，文件可能已损坏或被构造") from None
    except Exception as exc:
        raise RefusedFileError(name, _translate(what, _short(exc), table)) from None


# -- sniffing -------------------------------------------------------------------------------------


def _describe_other(head: bytes) -> str:
    """A reason naming what the content really is, for a file that is neither PDF nor ZIP."""
    import filetype

    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")) or b"<html" in stripped[:1024]:
        return "内容是 HTML 网页，不是 PDF 或 XLSX (HTML, not PDF/XLSX)"
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<"):
        return "内容是 XML/文本标记，不是 PDF 或 XLSX (markup, not PDF/XLSX)"
    kind = filetype.guess(head)
    if kind is not None:
        return f"内容是 {kind.extension.upper()} 文件（{kind.mime}），不是 PDF 或 XLSX"
    if head.startswith(b"{\\rtf"):
        return "内容是 RTF 文档，不是 PDF 或 XLSX"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "无法识别的文件类型（只接受 PDF 和 XLSX） (unknown file type)"
    return "内容是纯文本，不是 PDF 或 XLSX (plain text, not PDF/XLSX)"


def sniff_kind(head: bytes) -> str | None:
    """``"pdf"``, ``"zip"``, ``"ole2"`` or ``None`` from a file's first bytes.

    A ZIP is recognised before a PDF: a ZIP whose first member is a stored PDF shows ``%PDF-`` early on.
    """
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    return None


# -- PDF ------------------------------------------------------------------------------------------


def _check_pdf_container(path: Path, name: str, head: bytes, size: int) -> None:
    """A PDF must be only a PDF: nothing before its header, no ZIP hidden behind it (polyglots)."""
    start = head.find(PDF_MAGIC)
    prefix = head[:start]
    for magic, what in EXECUTABLE_MAGICS.items():
        if head.startswith(magic):
            raise RefusedFileError(
                name, f"内容是{what}，其中夹带 PDF（伪装文件） (executable with a PDF inside)"
            )
    if prefix.strip(b"\xef\xbb\xbf \t\r\n\x00\x0c"):
        raise RefusedFileError(
            name, "PDF 文件头之前有其他内容（可能是伪装成 PDF 的其他文件） (data before the PDF header)"
        )
    if zipfile.is_zipfile(path):
        raise RefusedFileError(
            name, "PDF 末尾附加了 ZIP 压缩包（PDF/ZIP 混合文件，可能夹带程序） (PDF/ZIP polyglot)"
        )
    with open(path, "rb") as handle:
        handle.seek(max(0, size - 65536))
        tail = handle.read()
    end = tail.rfind(b"%%EOF")
    if end >= 0:
        after = tail[end + 5 :]
        if ZIP_MAGIC in after or EMPTY_ZIP_MAGIC in after or any(m in after for m in EXECUTABLE_MAGICS):
            raise RefusedFileError(
                name, "PDF 结尾之后附加了其他文件（压缩包或程序） (data appended after the PDF)"
            )


def _check_pdf(path: Path, name: str, size: int, seconds: float, head: bytes = PDF_MAGIC) -> int:
    with open(path, "rb") as handle:
        handle.seek(max(0, size - 4096))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise RefusedFileError(name, "PDF 文件不完整（末尾缺少 %%EOF，可能被截断） (truncated PDF)")
    _check_pdf_container(path, name, head, size)
    raw_active = raw_pdf_names(path)
    if raw_active is not None:
        raise RefusedFileError(name, active_content_reason(raw_active))

    def parse(messages: list[str]) -> int:
        from pypdf import PdfReader

        # strict=False: accept the small defects real scanners produce (pypdf repairs them); the
        # repairs that mean a crafted file are refused below.
        with open(path, "rb") as stream:
            reader = PdfReader(stream, strict=False)
            if reader.is_encrypted:
                raise RefusedFileError(
                    name, "PDF 已加密（有密码或权限保护），请提供未加密的版本 (encrypted PDF)"
                )
            pages = len(reader.pages)
            active = walk_pdf_objects(reader)
            if active is not None:
                raise RefusedFileError(name, active_content_reason(active))
        for message in messages:
            if "circular" in message.lower() or "cyclic" in message.lower():
                raise RefusedFileError(name, _translate("PDF ", message, _PDF_REASONS))
        return pages

    pages = guarded(name, "PDF ", seconds, parse, _PDF_REASONS)
    if pages < 1:
        raise RefusedFileError(name, "PDF 没有任何页面 (no pages)")
    return pages


# -- XLSX -----------------------------------------------------------------------------------------


def _check_zip_members(name: str, archive: zipfile.ZipFile, limits: ZipLimits) -> list[str]:
    try:
        infos = check_archive(archive, limits)
    except ZipRefusedError as problem:
        reason = OLD_FORMAT_REASON if problem.kind == "encrypted" else problem.reason
        raise RefusedFileError(name, reason) from None
    return [info.filename for info in infos]


def _not_a_workbook_reason(members: list[str]) -> str:
    names = set(members)
    if "word/document.xml" in names:
        return "这是 Word 文档（.docx），不是 Excel 工作簿 (DOCX, not XLSX)"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿 (PPTX, not XLSX)"
    if "mimetype" in names and "content.xml" in names:
        return "这是 OpenDocument 文件（.ods/.odt），请另存为 .xlsx (ODF, not XLSX)"
    return "ZIP 压缩包中没有 Excel 工作簿 (zip without a workbook)"


def _check_xlsx(path: Path, name: str, limits: XlsxLimits, seconds: float) -> tuple[str, ...]:
    def open_zip(_messages: list[str]) -> list[str]:
        with zipfile.ZipFile(path) as archive:
            return _check_zip_members(name, archive, limits)

    members = guarded(name, "XLSX ", seconds, open_zip, _ZIP_REASONS)
    lowered = {m.lower() for m in members}
    if "[content_types].xml" not in lowered or not any(m.endswith("workbook.xml") for m in lowered):
        raise RefusedFileError(name, _not_a_workbook_reason(members))
    if any(m.endswith("vbaproject.bin") for m in lowered):
        raise RefusedFileError(name, "工作簿含有宏（VBA），请另存为不含宏的 .xlsx (macro-enabled workbook)")
    problem = guarded(name, "XLSX ", seconds, lambda _m: xlsx_active_content(path, members), _ZIP_REASONS)
    if problem is not None:
        raise RefusedFileError(name, problem)

    def parse(_messages: list[str]) -> tuple[str, ...]:
        import openpyxl

        # A file object, not the path: openpyxl refuses names without an .xlsx extension.
        with open(path, "rb") as stream:
            workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True, keep_links=False)
            try:
                names = tuple(str(title) for title in workbook.sheetnames)
                # Read a few rows of every sheet: a workbook whose sheets cannot be parsed is not real.
                for sheet in workbook.worksheets:
                    for _row in itertools.islice(sheet.iter_rows(values_only=True), SAMPLE_ROWS):
                        pass
                return names
            finally:
                workbook.close()

    sheet_names = guarded(name, "XLSX ", seconds, parse, _XLSX_REASONS)
    if not sheet_names:
        raise RefusedFileError(name, "工作簿中没有工作表 (no sheets)")
    return sheet_names


# -- entry point ----------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def inspect_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sha256: str | None = None,
    display_name: str | None = None,
    xlsx_limits: XlsxLimits | None = None,
    parse_seconds: float = DEFAULT_PARSE_SECONDS,
) -> FileFacts:
    """Check ``path`` by content; ``FileFacts`` or ``RefusedFileError`` naming ``display_name or path``.

    ``sha256`` may be passed when the caller already hashed the bytes (the store hashes while copying).
    """
    path = Path(path)
    name = display_name or printable_path(path)
    try:
        fd, size = open_source(path, max_bytes)
    except RefusedFileError as exc:
        raise RefusedFileError(name, exc.reason) from None
    with os.fdopen(fd, "rb") as handle:
        head = handle.read(8192)
    kind = sniff_kind(head)
    if kind == "ole2":
        raise RefusedFileError(name, OLD_FORMAT_REASON)
    for magic, what in EXECUTABLE_MAGICS.items():
        if head.startswith(magic):
            raise RefusedFileError(name, f"内容是{what}，不是 PDF 或 XLSX (executable)")
    if kind is None:
        if head.startswith(EMPTY_ZIP_MAGIC):
            raise RefusedFileError(name, "ZIP 压缩包中没有 Excel 工作簿 (zip without a workbook)")
        raise RefusedFileError(name, _describe_other(head))
    digest = sha256 or file_sha256(path)
    if kind == "pdf":
        pages = _check_pdf(path, name, size, parse_seconds, head)
        return FileFacts(path, digest, "pdf", size, pages, None, ())
    sheet_names = _check_xlsx(path, name, xlsx_limits or XlsxLimits(), parse_seconds)
    return FileFacts(path, digest, "xlsx", size, None, len(sheet_names), sheet_names)
