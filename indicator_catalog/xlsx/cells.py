"""Shared pieces of the 任务分解 layout: sheet constants, cell text helpers, atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from app.base.errors import FazhiError

TASK_SHEET = "任务分解"
MACHINE_SHEET = "_fazhi"
MACHINE_MAGIC = "fazhi-catalog"
MACHINE_VERSION = 1
HEADERS = ("一级指标", "二级指标", "三级指标", "", "责任单位", "具体资料报送")
COL_AREA, COL_GROUP, COL_NUMBER, COL_TEXT, COL_UNITS, COL_EVIDENCE = 1, 2, 3, 4, 5, 6
FIRST_DATA_ROW = 3
DEFAULT_POINTS = 10
DEFAULT_BONUS_POINTS = 10

# Input guards. A county's 任务分解 workbook is well under 1 MB; these leave a wide margin.
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
JSON_CHUNK = 32_000

_ILLEGAL_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_DIGITS = "零一二三四五六七八九"


# -- small text helpers ---------------------------------------------------------------------------


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (area codes); other numbers stay Arabic."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def parse_numeral(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(c not in "零〇一二两三四五六七八九十" for c in text):
        return None
    values = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
    if "十" not in text:
        return values[text] if len(text) == 1 else None
    tens_text, _, ones_text = text.partition("十")
    tens = values.get(tens_text, -1) if tens_text else 1
    ones = values.get(ones_text, -1) if ones_text else 0
    return tens * 10 + ones if tens >= 0 and ones >= 0 else None


def snippet(text: str, limit: int = 30) -> str:
    """Cell text quoted in a one-line message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def norm(value: Any) -> str:
    """Cell text as compared between what was written and what is read back."""
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def squash(text: str) -> str:
    return "".join(text.split())


def clean_name(text: str) -> str:
    """Area and group names: no spaces between CJK characters (PDF artefacts), no trailing 。."""
    return _CJK_GAP.sub("", text.strip()).rstrip("。.．;；,， \t\n").strip()


def cell_text(text: str) -> str:
    """What a cell can hold: no XML-illegal control characters, at most Excel's cell limit."""
    text = _ILLEGAL_XML_CHARS.sub("", text)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


_LABEL_PATTERNS = (
    re.compile(r"^\s*[（(]\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]\s*(.+)$", re.S),
    re.compile(r"^\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．,，:：]\s*(.+)$", re.S),
    re.compile(r"^\s*(\d{1,3})\s+(\D.*)$", re.S),
)


def parse_label(label: str) -> tuple[int | None, str]:
    """ "一、政府职能依法全面履行" → (1, "政府职能依法全面履行"); "1. 加大简政放权力度。" → (1, …)."""
    for pattern in _LABEL_PATTERNS:
        match = pattern.match(label)
        if match:
            number = parse_numeral(match.group(1))
            if number is not None:
                return number, clean_name(match.group(2))
    return None, clean_name(label)


# -- export ---------------------------------------------------------------------------------------


def atomic_write(path: Path, write: Any) -> None:
    """Write through a temporary file in the same folder and rename it into place."""
    folder = path.parent
    if not folder.is_dir():
        raise FazhiError(f"{path}: 目录不存在 (folder not found)")
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        with temp.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise FazhiError(f"{path}: 无法写入：{exc.strerror or exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def set_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    return cell
