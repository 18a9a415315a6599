"""Word (.docx) and old Excel (.xls) files: checked by content, kept as originals, text extracted.

A PDF rendition is made when LibreOffice is on the machine (``soffice --headless --convert-to pdf``,
time-limited, with a private profile so a running LibreOffice is not disturbed; ``FAZHI_SOFFICE``
names another converter binary). Without one the facts carry ``NO_PAGES_NOTE``: the bundle lists the
file without pages.

OLE2 (compound document) files are told apart by their streams: ``Workbook``/``Book`` is an .xls, a
``WordDocument`` stream an old .doc (refused: save as .docx), ``EncryptionInfo`` an encrypted
Office file of any kind (refused).
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.base.errors import RefusedFileError
from app.base.progress import CancelToken, check_cancel
from app.evidence.formats.common import DEFAULT_PARSE_SECONDS, ZipLimits, check_zip, guarded, refuse_dtds
from exports.fonts import FONT_DIR

MAX_TEXT_CHARS = 2_000_000  # text kept per file (a county's 台账 is far below this)
CONVERT_SECONDS = 120.0
DOCX_ENCRYPTED = "Word 文档已加密（有打开密码），请提供未加密的版本 (encrypted document)"
OFFICE_ENCRYPTED = "Office 文件已加密（有打开密码），请提供未加密的版本 (encrypted Office file)"
XLS_ENCRYPTED = "Excel 工作簿已加密（有打开密码），请提供未加密的版本 (encrypted workbook)"
OLD_DOC = "旧版 Word 文档（.doc），请在 Word/WPS 中另存为 .docx (old .doc format)"


@dataclass(frozen=True)
class OfficeText:
    pages: list[str]  # docx: one entry (the whole text); xls: one per sheet
    sheet_names: tuple[str, ...] = ()


# -- OLE2 -----------------------------------------------------------------------------------------


def ole2_kind(path: Path, name: str, seconds: float = DEFAULT_PARSE_SECONDS) -> str:
    """``"xls"``, or a refusal naming what the compound document is (encrypted, .doc, other)."""

    def parse() -> set[str]:
        from xlrd.compdoc import CompDoc

        with open(path, "rb") as handle:
            data = handle.read()
        doc = CompDoc(data, logfile=io.StringIO())
        return {str(node.name) for node in doc.dirlist}

    streams = guarded(name, "Office ", seconds, parse)
    if {"EncryptionInfo", "EncryptedPackage"} & streams:
        raise RefusedFileError(name, OFFICE_ENCRYPTED)
    if "WordDocument" in streams:
        raise RefusedFileError(name, OLD_DOC)
    if {"Workbook", "Book"} & streams:
        return "xls"
    if "PowerPoint Document" in streams:
        raise RefusedFileError(name, "旧版 PowerPoint 文件（.ppt），不是证据文件支持的格式 (old .ppt)")
    raise RefusedFileError(name, "无法识别的 Office 复合文档（不是 .xls） (unknown compound document)")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet_text(rows: list[list[str]]) -> str:
    lines = ["\t".join(cell for cell in row).rstrip("\t") for row in rows]
    return "\n".join(line for line in lines if line.strip())


def read_xls(path: Path, name: str, seconds: float = DEFAULT_PARSE_SECONDS) -> OfficeText:
    """Sheet names and each sheet's text (tab-separated cells) of an .xls workbook."""

    def parse() -> OfficeText:
        import xlrd

        with open(path, "rb") as handle:
            data = handle.read()
        try:
            book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
        except xlrd.XLRDError as exc:
            if "encrypt" in str(exc).lower():
                raise RefusedFileError(name, XLS_ENCRYPTED) from None
            raise
        try:
            names = tuple(str(sheet_name) for sheet_name in book.sheet_names())
            pages: list[str] = []
            budget = MAX_TEXT_CHARS
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                rows = [
                    [_cell_text(sheet.cell_value(r, c)) for c in range(sheet.ncols)]
                    for r in range(sheet.nrows)
                ]
                text = _sheet_text(rows)[: max(budget, 0)]
                budget -= len(text)
                pages.append(text)
                book.unload_sheet(index)
            return OfficeText(pages, names)
        finally:
            book.release_resources()

    result = guarded(name, "XLS ", seconds, parse)
    if not result.sheet_names:
        raise RefusedFileError(name, "工作簿中没有工作表 (no sheets)")
    return result


# -- DOCX -----------------------------------------------------------------------------------------


def check_docx_members(name: str, members: list[str]) -> None:
    lowered = {member.lower() for member in members}
    if "word/document.xml" not in lowered or "[content_types].xml" not in lowered:
        raise RefusedFileError(name, "ZIP 压缩包中没有 Word 文档（缺少 word/document.xml） (not a DOCX)")
    if any(member.endswith("vbaproject.bin") for member in lowered):
        raise RefusedFileError(name, "文档含有宏（VBA），请另存为不含宏的 .docx (macro-enabled document)")


def read_docx(
    path: Path, name: str, *, limits: ZipLimits | None = None, seconds: float = DEFAULT_PARSE_SECONDS
) -> OfficeText:
    """The text of a .docx: paragraphs and table rows in document order, as one page."""
    members = check_zip(
        name,
        path,
        "Word 文档",
        limits=limits or ZipLimits(),
        encrypted_reason=DOCX_ENCRYPTED,
        seconds=seconds,
    )
    check_docx_members(name, members)
    refuse_dtds(name, path, members, "Word ")

    def parse() -> OfficeText:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        with open(path, "rb") as stream:
            document = docx.Document(stream)
        lines: list[str] = []
        size = 0
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        text = cell.text.strip()
                        if not cells or cells[-1] != text:  # merged cells repeat their text
                            cells.append(text)
                    lines.append("\t".join(cells))
            size += len(lines[-1]) if lines else 0
            if size > MAX_TEXT_CHARS:
                break
        for section in itertools.islice(document.sections, 1):
            header = "\n".join(p.text for p in section.header.paragraphs if p.text.strip())
            if header:
                lines.insert(0, header)
        text = "\n".join(line for line in lines if line.strip())
        return OfficeText([text[:MAX_TEXT_CHARS]])

    return guarded(name, "Word ", seconds, parse)


def is_docx(members: list[str]) -> bool:
    return "word/document.xml" in {member.lower() for member in members}


def zip_members(path: Path) -> list[str]:
    """Member names of a ZIP (empty when it is not a readable ZIP: the caller's checks say why)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []


# -- rendition ------------------------------------------------------------------------------------


def find_converter() -> Path | None:
    """LibreOffice's ``soffice`` (or ``FAZHI_SOFFICE``), or None when the machine has none."""
    configured = os.environ.get("FAZHI_SOFFICE")
    if configured:
        candidate = Path(configured)
        return candidate if candidate.is_file() else None
    for command in ("soffice", "libreoffice"):
        found = shutil.which(command)
        if found:
            return Path(found)
    if sys.platform == "win32":  # pragma: no cover - Windows install locations
        for base in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if base and candidate.is_file():
                return candidate
    return None


def convert_to_pdf(
    path: Path,
    suffix: str,
    out: Path,
    *,
    converter: Path | None = None,
    seconds: float = CONVERT_SECONDS,
    cancel: CancelToken | None = None,
) -> bool:
    """Convert an office file to a PDF at ``out`` with LibreOffice; False when no converter or it failed.

    The file is copied under a plain name (``input<suffix>``) into a private folder with its own
    LibreOffice profile; the converter is killed (with its children) when the time is up or ``cancel``
    is set (then ``CancelledError`` is raised).
    """
    converter = converter or find_converter()
    if converter is None:
        return False
    with tempfile.TemporaryDirectory(prefix="fazhi-convert-") as scratch:
        folder = Path(scratch)
        source = folder / f"input{suffix}"
        shutil.copyfile(path, source)
        profile = (folder / "profile").as_uri()
        command = [
            str(converter),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name == "posix",  # one process group, killed as a whole
            env=_with_our_fonts(folder),
        )
        waited = 0.0
        try:
            while True:
                try:
                    process.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    waited += 0.2
                    if waited >= seconds or (cancel is not None and cancel.cancelled):
                        _kill(process)
                        check_cancel(cancel)
                        return False
        finally:
            if process.poll() is None:
                _kill(process)
        produced = folder / "out" / "input.pdf"
        if process.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            return False
        shutil.move(str(produced), out)
        return True


def _with_our_fonts(folder: Path) -> dict[str, str] | None:
    """The environment for LibreOffice on Linux: fontconfig also sees the CJK fonts the program ships,
    so a 红头文件 converted on a machine without Chinese system fonts gets real glyphs, not boxes
    (its 宋体/黑体 fall back to them; installed fonts still come first). Elsewhere: unchanged."""
    if os.name != "posix" or sys.platform == "darwin":
        return None
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{_xml(system)}</include>\n'
        f"  <dir>{_xml(str(FONT_DIR))}</dir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def _xml(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()
