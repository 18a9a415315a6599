"""Guarding an input workbook before openpyxl sees it (ZIP bombs, OLE2, DTDs, giant merges)."""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from indicator_catalog.loader import (
    CatalogError,
    CatalogProblem,
)

MAX_XLSX_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MERGED_CELLS = 200_000
MAX_SHEET_ROWS = 20_000
MAX_SHEET_COLUMNS = 200

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class TaskSheetError(CatalogError):
    """A 任务分解 workbook cannot be imported; ``problems`` name the file, the sheet/row and the reason."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        super().__init__(problems)
        first = self.problems[0]
        more = f"（另有 {len(self.problems) - 1} 个问题）" if len(self.problems) > 1 else ""
        self.message = f"任务分解表无法导入 {first}{more}"
        self.args = (self.message,)


def refuse(path: Path, reason: str, where: str = "") -> TaskSheetError:
    return TaskSheetError([CatalogProblem(str(path), where, reason)])


_MERGE_REF = re.compile(rb'<mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters.decode("ascii"):
        index = index * 26 + ord(char) - 64
    return index


def check_xlsx_file(path: Path) -> None:
    """Refuse anything that is not a plain, reasonably sized .xlsx before openpyxl opens it."""
    if path.is_dir():
        raise refuse(path, "是文件夹，不是 xlsx 文件")
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError as exc:
        raise refuse(path, "文件不存在 (file not found)") from exc
    except OSError as exc:
        raise refuse(path, f"无法读取：{exc.strerror or exc}") from exc
    if size == 0:
        raise refuse(path, "文件为空，不是 xlsx 工作簿")
    if size > MAX_XLSX_BYTES:
        raise refuse(path, f"文件过大（{size} 字节，上限 {MAX_XLSX_BYTES} 字节）")
    if head == _OLE2_MAGIC:
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise refuse(path, "工作簿已加密（设有打开密码），请在 Excel 中取消密码并另存为 .xlsx 后再导入")
        raise refuse(path, "是旧版 Excel 97-2003（.xls）或其他 OLE 格式文件，请另存为 .xlsx 后再导入")
    if not head.startswith(b"PK\x03\x04"):
        raise refuse(path, "不是 xlsx 工作簿（文件内容不是 Office Open XML 压缩包）")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise refuse(path, f"压缩包内文件过多（{len(members)} 个），疑为恶意文件")
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise refuse(path, "不是 Excel 工作簿（压缩包中缺少 xl/workbook.xml）")
            total = 0
            for member in members:
                if member.flag_bits & 0x1:
                    raise refuse(path, f"压缩包成员 {member.filename} 已加密")
                # zipfile never yields more than the declared size, so declared sizes bound the work.
                total += member.file_size
                if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise refuse(
                        path, f"解压后过大（{member.filename} {member.file_size} 字节），疑为压缩炸弹"
                    )
                if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
                    1, member.compress_size
                ):
                    ratio = member.file_size // max(1, member.compress_size)
                    raise refuse(path, f"压缩比异常（{member.filename} 约 {ratio}:1），疑为压缩炸弹")
            for member in members:
                if not member.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(member) as stream:
                    prefix = stream.read(4096)
                if b"<!DOCTYPE" in prefix or b"<!ENTITY" in prefix:
                    raise refuse(
                        path, f"{member.filename} 含有 DTD/实体声明，Excel 不会生成这样的文件，拒绝导入"
                    )
                if member.filename.startswith("xl/worksheets/"):
                    merged = 0
                    for ref in _MERGE_REF.finditer(archive.read(member)):
                        rows = abs(int(ref.group(4)) - int(ref.group(2))) + 1
                        columns = abs(_column_index(ref.group(3)) - _column_index(ref.group(1))) + 1
                        merged += rows * columns
                    if merged > MAX_MERGED_CELLS:
                        raise refuse(
                            path, f"{member.filename} 的合并单元格范围过大（{merged} 个单元格），疑为恶意文件"
                        )
    except TaskSheetError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise refuse(path, f"不是有效的 xlsx 工作簿（压缩包损坏：{exc}）") from exc
    except OSError as exc:
        raise refuse(path, f"无法读取：{exc.strerror or exc}") from exc


def open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    check_xlsx_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (data validation …)
            return load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise refuse(path, f"无法读取工作簿：{type(exc).__name__}: {exc}") from exc
