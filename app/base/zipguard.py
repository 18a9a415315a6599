"""The one ZIP guard: every archive the program opens (exchange packages, XLSX/DOCX/OFD evidence) is
checked here before a single member is read.

It refuses, from the central directory and the local headers alone: too many members, a member or
a total too large once unpacked, compression ratios of a bomb, overlapping members (the "overlapping
files" bomb), members past the end of the file, encrypted members, unknown compression methods,
links and special files, and (where names matter because they become paths) unsafe, duplicate or
case-folded duplicate names. Callers turn ``ZipRefusedError`` into their own one-line error naming the file.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from app.base.text import describe_size

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # the 30 fixed bytes of a ZIP local file header
_LOCAL_SIGNATURE = b"PK\x03\x04"
_DOS_REPARSE_POINT = 0x400  # Windows attribute set on symlinks and junctions
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


@dataclass(frozen=True)
class ZipLimits:
    """Hard limits for one archive; the defaults accept any workbook or document an office makes."""

    max_members: int = 10_000
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 100.0  # uncompressed / compressed, for members above ratio_floor_bytes
    ratio_floor_bytes: int = 1024 * 1024
    max_name_chars: int = 240


class ZipRefusedError(Exception):
    """Why an archive is refused. ``kind``: bomb | encrypted | name | link | damaged | method."""

    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


def member_name_problem(raw_name: str, max_chars: int = 240) -> str | None:
    """Why a member name is unsafe as a path on Windows or Linux, or ``None``."""
    if not raw_name:
        return "成员名为空"
    if "\x00" in raw_name or any(ord(c) < 32 or ord(c) == 0x7F for c in raw_name):
        return f"成员名含控制字符：{raw_name!r}"
    if "\\" in raw_name:
        return f"成员名含反斜杠：{raw_name}"
    if raw_name.startswith("/"):
        return f"成员名是绝对路径：{raw_name}"
    if re.match(r"^[A-Za-z]:", raw_name) or ":" in raw_name:
        return f"成员名含盘符或冒号：{raw_name}"
    if len(raw_name) > max_chars:
        return f"成员名过长：{raw_name[:40]}…"
    if raw_name.endswith("/"):
        return f"不应包含目录条目：{raw_name}"
    for part in raw_name.split("/"):
        if part in {"", ".", ".."}:
            return f"成员名含路径跳转或空路径段（..）：{raw_name}"
        if part != part.rstrip(" .") or part.split(".")[0].lower() in _WINDOWS_RESERVED:
            return f"成员名在 Windows 上不安全：{raw_name}"
    return None


def name_fold(name: str) -> str:
    """The key under which two names count as the same on a case-insensitive, normalising file system."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _link_or_special(info: zipfile.ZipInfo) -> str | None:
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return "符号链接"
    if kind not in (0, stat.S_IFREG):
        return "特殊文件（设备、管道或套接字）"
    if info.external_attr & _DOS_REPARSE_POINT:
        return "链接（重解析点）"
    return None


def check_archive(
    archive: zipfile.ZipFile, limits: ZipLimits = ZipLimits(), *, names_are_paths: bool = False
) -> list[zipfile.ZipInfo]:
    """The archive's members once every check passed; ``ZipRefusedError`` for the first that fails.

    ``names_are_paths``: the member names will become file names (exchange packages), so unsafe,
    duplicate and case-folded duplicate names are refused too.
    """
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise ZipRefusedError(
            f"压缩包内文件过多（{len(infos)} 个，上限 {limits.max_members}），疑似压缩炸弹 (zip bomb)", "bomb"
        )
    total = 0
    for info in infos:
        if names_are_paths:
            problem = member_name_problem(info.orig_filename, limits.max_name_chars)
            if problem:
                raise ZipRefusedError(problem, "name")
        link = _link_or_special(info)
        if link:
            raise ZipRefusedError(f"内部文件 {info.filename} 是{link}，不允许", "link")
        if info.flag_bits & 0x1:
            raise ZipRefusedError(f"内部文件 {info.filename} 已加密，不允许", "encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ZipRefusedError(
                f"内部文件 {info.filename} 使用不支持的压缩方式（{info.compress_type}）", "method"
            )
        if info.file_size > limits.max_member_bytes:
            raise ZipRefusedError(
                f"内部文件 {info.filename} 解压后过大（{describe_size(info.file_size)}，"
                f"上限 {describe_size(limits.max_member_bytes)}），疑似压缩炸弹 (zip bomb)",
                "bomb",
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ZipRefusedError(
                f"解压后总大小超过 {describe_size(limits.max_total_bytes)}，疑似压缩炸弹 (zip bomb)", "bomb"
            )
        if info.file_size >= limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise ZipRefusedError(
                    f"内部文件 {info.filename} 压缩比异常（{ratio:.0f}:1），疑似压缩炸弹 (zip bomb)", "bomb"
                )
    if names_are_paths:
        duplicates = [name for name, n in Counter(i.filename for i in infos).items() if n > 1]
        if duplicates:
            raise ZipRefusedError(f"成员名重复：{duplicates[0]}", "name")
        folded: dict[str, str] = {}
        for info in infos:
            key = name_fold(info.filename)
            if key in folded:
                raise ZipRefusedError(
                    f"成员名仅大小写或 Unicode 规范化不同：{folded[key]} 与 {info.filename}", "name"
                )
            folded[key] = info.filename
    _check_no_overlap(archive, infos)
    return infos


def _check_no_overlap(archive: zipfile.ZipFile, infos: Sequence[zipfile.ZipInfo]) -> None:
    """Members must not share bytes (the 'overlapping files' bomb) and must end before the central
    directory; checked from the local headers, which the central directory only points to."""
    fp = archive.fp
    if fp is None:
        return
    end_limit = int(getattr(archive, "start_dir", os.fstat(fp.fileno()).st_size))
    previous_end = 0
    previous_name = ""
    position = fp.tell()
    try:
        for info in sorted(infos, key=lambda i: i.header_offset):
            if info.header_offset < previous_end:
                raise ZipRefusedError(
                    f"内部文件 {previous_name} 与 {info.filename} 的数据重叠，疑似压缩炸弹", "bomb"
                )
            fp.seek(info.header_offset)
            header = fp.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size:
                raise ZipRefusedError(f"内部文件 {info.filename} 的文件头被截断", "damaged")
            fields = _LOCAL_HEADER.unpack(header)
            if fields[0] != _LOCAL_SIGNATURE:
                raise ZipRefusedError(f"内部文件 {info.filename} 的文件头损坏", "damaged")
            name_length, extra_length = fields[9], fields[10]
            previous_end = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
            previous_end += info.compress_size
            previous_name = info.filename
            if previous_end > end_limit:
                raise ZipRefusedError(
                    f"内部文件 {info.filename} 的数据超出文件范围（文件已截断？）", "damaged"
                )
    finally:
        fp.seek(position)
