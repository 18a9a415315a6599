"""What every format check shares: the result type, ZIP bomb limits, time-limited parsing, sniffing."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from app.base.errors import RefusedFileError
from app.base.text import describe_size
from app.evidence.filecheck import guarded as guarded_with_messages

T = TypeVar("T")

DEFAULT_PARSE_SECONDS = 30.0

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TIFF_MAGICS = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: A note for files the bundle lists without pages (no PDF rendition could be made).
NO_PAGES_NOTE = "未找到 LibreOffice/WPS，无法生成 PDF 版本：原件已保存，证据汇编中只列出文件名，不含页面"


@dataclass(frozen=True)
class FormatFacts:
    """What a check found. ``text_pages[i]`` is the text of page (or sheet, or image) ``i + 1``."""

    kind: str  # "pdf" | "xlsx" | "jpeg" | "png" | "tiff" | "ofd" | "docx" | "xls"
    pages: int | None  # pages of the original (or of its rendition), None when not paged
    text_pages: list[str]
    rendition_pdf: Path | None  # a PDF made for preview and the bundle (the original is kept as is)
    notes: tuple[str, ...] = ()
    sheets: int | None = None
    ocr_pages: tuple[
        int, ...
    ] = ()  # 1-based pages that have no text layer (OCR them: app.evidence.formats.text)
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. OFD title/author
    # A JPEG whose PDF is its bytes unchanged: made on demand from the kept original, not stored.
    pdf_on_demand: bool = False


@dataclass(frozen=True)
class ZipLimits:
    """Guards against ZIP bombs in DOCX and OFD packages (the same figures as for XLSX)."""

    max_members: int = 10_000
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 100.0
    ratio_floor: int = 1024 * 1024


def guarded(name: str, what: str, seconds: float, parse: Callable[[], T]) -> T:
    """Run ``parse()`` under the time limit; every parser failure becomes a one-line refusal."""
    return guarded_with_messages(name, what, seconds, lambda _messages: parse())


def check_zip(
    name: str, path: Path, what: str, *, limits: ZipLimits, encrypted_reason: str, seconds: float
) -> list[str]:
    """The member names of a ZIP container after checking counts, sizes, ratios and encryption."""

    def parse() -> list[str]:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise RefusedFileError(name, f"{what}内部文件过多（{len(infos)} 个），疑似压缩炸弹 (zip bomb)")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise RefusedFileError(name, encrypted_reason)
            if info.file_size > limits.max_member_bytes:
                raise RefusedFileError(
                    name,
                    f"{what}内部文件 {info.filename} 解压后过大（{describe_size(info.file_size)}，"
                    f"上限 {describe_size(limits.max_member_bytes)}），疑似压缩炸弹 (zip bomb)",
                )
            total += info.file_size
            if total > limits.max_total_bytes:
                raise RefusedFileError(
                    name,
                    f"{what}解压后总大小超过 {describe_size(limits.max_total_bytes)}，疑似压缩炸弹"
                    " (zip bomb)",
                )
            if info.file_size >= limits.ratio_floor:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > limits.max_ratio:
                    raise RefusedFileError(
                        name,
                        f"{what}内部文件 {info.filename} 压缩比异常（{ratio:.0f}:1），疑似压缩炸弹"
                        " (zip bomb)",
                    )
        return [info.filename for info in infos]

    return guarded(name, what, seconds, parse)


def refuse_dtds(name: str, path: Path, members: list[str], what: str) -> None:
    """Office and OFD parts never declare a DTD: one that does is crafted (entity expansion)."""
    with zipfile.ZipFile(path) as archive:
        for member in members:
            if not member.lower().endswith((".xml", ".rels")):
                continue
            with archive.open(member) as stream:
                head = stream.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise RefusedFileError(
                    name, f"{what}文件内部 XML 含有不允许的 DTD/实体定义，文件可能被构造 (XML entities)"
                )


def new_workdir(workdir: Path | None) -> Path:
    """Where renditions are written: the caller's folder, or a fresh temporary one the caller removes."""
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
        return workdir
    return Path(tempfile.mkdtemp(prefix="fazhi-rendition-"))


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """A path in ``folder`` that does not exist yet (renditions of files with the same name)."""
    fd, raw = tempfile.mkstemp(prefix=stem + "-", suffix=suffix, dir=folder)
    os.close(fd)
    return Path(raw)
