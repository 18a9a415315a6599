"""任务分解 spreadsheets ↔ catalogs.

``export_task_xlsx`` writes a catalog as the sheet a county clerk knows (附件1 of a 实施方案: 一级指标 |
二级指标 | 三级指标 number | text | 责任单位 | 具体资料报送, merged area/group cells, one merged
具体资料报送 cell over the rows of a 合并提供 group) plus a hidden sheet ``_fazhi`` carrying every field
the visible layout cannot show, so that ``import_task_xlsx(export_task_xlsx(c)) == c``.

``import_task_xlsx`` also reads a county's own sheet without the hidden sheet: merged or blank cells
inherit from above, numbers and text in one cell or two, requirement items split on "1. 2." / "（1）" /
"；", counts (任意10件, 5件高质量案例, (5个), 任选5个), 网址, 联系方式, 实地核查, years (2020年以来),
"第26、27、28、29项指标，请合并提供" notes, units normalised through a unit vocabulary, and the
附加项 rows (加分项 → bonus, 否决项 → veto). When the hidden sheet is present, the visible sheet stays
the truth: a row whose visible cells were edited is re-read from the sheet, an untouched row keeps every
machine field.

The input is checked before openpyxl sees it (real ZIP, not an encrypted or legacy OLE2 file, member
sizes and compression ratios, no DTDs, no giant merged ranges): openpyxl would otherwise happily
decompress a bomb or materialise a billion merged cells.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.base.errors import FazhiError
from indicator_catalog.loader import (
    DEFAULT_CATALOG_ID,
    CatalogError,
    CatalogProblem,
    catalog_from_document,
    load_builtin,
    validate_document,
)
from indicator_catalog.model import Area, Catalog, Group, UnitName

__all__ = [
    "MACHINE_SHEET",
    "TASK_SHEET",
    "TaskSheetError",
    "export_task_xlsx",
    "import_task_xlsx",
    "parse_requirements",
    "write_catalog_file",
]

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
MAX_XLSX_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MERGED_CELLS = 200_000
MAX_SHEET_ROWS = 20_000
MAX_SHEET_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
JSON_CHUNK = 32_000

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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


def _parse_numeral(text: str) -> int | None:
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


def _snippet(text: str, limit: int = 30) -> str:
    """Cell text quoted in a one-line message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def _norm(value: Any) -> str:
    """Cell text as compared between what was written and what is read back."""
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _squash(text: str) -> str:
    return "".join(text.split())


def _clean_name(text: str) -> str:
    """Area and group names: no spaces between CJK characters (PDF artefacts), no trailing 。."""
    return _CJK_GAP.sub("", text.strip()).rstrip("。.．;；,， \t\n").strip()


def _cell_text(text: str) -> str:
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
            number = _parse_numeral(match.group(1))
            if number is not None:
                return number, _clean_name(match.group(2))
    return None, _clean_name(label)


# -- requirements ---------------------------------------------------------------------------------

_NUMBER_LIST = r"\d+(?:\s*(?:[、，,和及与]|至|[-—–~～])\s*\d+)*"
_SHARED_NOTE = re.compile(
    rf"第\s*(?P<nums>{_NUMBER_LIST})\s*项(?:指标)?\s*[，,：:]?\s*(?:请)?\s*合并(?:并)?提供"
    r"\s*(?:(?:下列|以下|如下)(?:材料|资料)?)?\s*[：:，,]?\s*"
)
# "1." / "1、" at the start or after a space or punctuation (not "第2、3项", not "2.5"); "（1）" anywhere.
_ITEM_MARK = re.compile(r"(?:(?:^|(?<=[\s；;。：:，,]))(\d{1,2})\s*[.．、](?!\d)|[（(](\d{1,2})[)）])")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|以来)")
_COUNT_PATTERNS = (
    re.compile(r"任[意选]\s*(\d{1,3})\s*[件家个份篇起例]"),
    re.compile(r"(\d{1,3})\s*[件家个份篇起例]\s*(?:高质量)?(?:案例|实例)"),
    re.compile(r"(\d{1,3})\s*(?:[件家份篇起例]|个(?!工作日|月|小时|百分点|季度|自然日))"),
)


def _expand_numbers(text: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*(?:[、，,和及与])\s*", text.strip()):
        bounds = re.split(r"\s*(?:至|[-—–~～])\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if low <= high <= low + 500:
                numbers.extend(range(low, high + 1))
        elif part.isdigit():
            numbers.append(int(part))
    return list(dict.fromkeys(numbers))


def shared_note(text: str) -> tuple[list[int] | None, str]:
    """Numbers named by a "第26、27项指标，请合并提供" note and the text with the note removed."""
    match = _SHARED_NOTE.search(text)
    if match is None:
        return None, text
    numbers = _expand_numbers(match.group("nums"))
    if match.start() == 0 or not text[: match.start()].strip():
        text = text[match.end() :]
    return numbers, text


def _split_items(text: str) -> list[str]:
    marks: list[re.Match[str]] = []
    last = 0
    for match in _ITEM_MARK.finditer(text):
        value = int(match.group(1) or match.group(2))
        if (not marks and value == 1) or (marks and value in (last, last + 1)):
            marks.append(match)
            last = value
    if len(marks) >= 2 or (marks and not text[: marks[0].start()].strip()):
        pieces = []
        lead = text[: marks[0].start()].strip()
        if lead and not lead.endswith(("：", ":")):  # a lead-in such as "各相关部门提供：" is not an item
            pieces.append(lead)
        for index, match in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
            pieces.append(text[match.end() : end])
    else:
        pieces = re.split(r"[；;]", text)
    items = [piece.strip().rstrip("；;，, \t\n").strip() for piece in pieces]
    return [item for item in items if item]


def _min_count(text: str) -> int | None:
    for pattern in _COUNT_PATTERNS:
        match = pattern.search(text)
        if match and int(match.group(1)) > 0:
            return int(match.group(1))
    return None


def _since(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text) if 1990 <= int(y) <= 2100]
    return min(years) if years else None


def parse_requirements(text: str, key_prefix: str) -> list[dict[str, Any]]:
    """Split a 具体资料报送 cell (without its 合并提供 note) into requirement dicts."""
    return [
        {
            "key": f"{key_prefix}.{index}",
            "text": item,
            "min_count": _min_count(item),
            "needs_url": "网址" in item or "链接" in item,
            "needs_contact": "联系方式" in item or "联系电话" in item,
            "onsite": "实地核查" in item,
            "since": _since(item),
        }
        for index, item in enumerate(_split_items(text), start=1)
    ]


# -- units ----------------------------------------------------------------------------------------


class _UnitVocabulary:
    """Resolves names as written (县发改局, 及相关审批部门, 政府各工作部门) to canonical names."""

    def __init__(self, units: Iterable[UnitName]) -> None:
        self.units: list[UnitName] = list(units)
        self._lookup: dict[str, str] = {}
        for unit in self.units:
            self._lookup.setdefault(_squash(unit.name), unit.name)
            for alias in unit.aliases:
                self._lookup.setdefault(_squash(alias), unit.name)

    def resolve(self, name: str) -> str | None:
        key = _squash(name)
        for candidate in (key, key.removeprefix("及"), "县" + key.removeprefix("及")):
            if candidate and candidate in self._lookup:
                return self._lookup[candidate]
        return None

    def add(self, name: str) -> str:
        unit = UnitName(name, (), collective=name.startswith("各") or "各" in name or "相关" in name)
        self.units.append(unit)
        self._lookup[_squash(name)] = name
        return name

    def normalise(self, written: str) -> tuple[list[str], list[str]]:
        """(canonical names, notes) for a 责任单位 cell."""
        names: list[str] = []
        notes: list[str] = []
        previous = ""
        for token in re.split(r"[\s、，,；;/／]+", written):
            if not token:
                continue
            name = self.resolve(token)
            if name is None and previous and len(token) < len(previous) and previous[-2:] == token[-2:]:
                # "重大行政决策承办单位、执行单位": the second name shares the first one's stem.
                name = self.resolve(previous[: len(previous) - len(token)] + token)
            if name is None:
                name = self.add(token.removeprefix("及") or token)
                notes.append(f"责任单位“{token}”不在单位词表中，已按原文加入。")
            elif _squash(token) != _squash(name):
                notes.append(f"责任单位“{token}”归一为“{name}”。")
            if name not in names:
                names.append(name)
            previous = token
        return names, notes


def _default_vocabulary() -> list[UnitName]:
    try:
        return list(load_builtin(DEFAULT_CATALOG_ID).units)
    except FazhiError:
        return []


# -- the visible layout (shared by export and import) ----------------------------------------------


def _area_label(area: Area) -> str:
    return f"{area.code}、{area.name}"


def _group_label(area_code: str, group: Group) -> str:
    local = group.code.split(".", 1)[1] if group.code.startswith(f"{area_code}.") else group.code
    end = "" if group.name.endswith(("。", ".", "；", ";")) else "。"
    return f"{local}. {group.name}{end}"


@dataclass
class _PlannedRow:
    kind: str  # "indicator" | "bonus" | "veto"
    key: int | str  # indicator number or bonus/veto id
    area_key: str
    area_label: str
    group_key: str
    group_label: str
    text: str
    units: list[Any]  # ["value", text] | ["cont", holder key] | ["empty"]
    evidence: list[Any]

    def shown(self) -> dict[str, Any]:
        return {
            "area": self.area_label,
            "group": self.group_label,
            "text": self.text,
            "units": self.units,
            "evidence": self.evidence,
        }


def _plan(catalog: Catalog) -> list[_PlannedRow]:
    rows: list[_PlannedRow] = []
    for area in catalog.areas:
        area_label = _cell_text(_area_label(area))
        for group in area.groups:
            group_label = _cell_text(_group_label(area.code, group))
            previous_units: tuple[str, ...] | None = None
            units_holder: int | None = None
            for number in group.numbers:
                ind = catalog.indicator(number)
                if ind.units_as_written.strip():
                    units: list[Any] = ["value", _cell_text(ind.units_as_written)]
                    units_holder = number
                elif ind.units and units_holder is not None and ind.units == previous_units:
                    units = ["cont", units_holder]
                elif ind.units:
                    units = ["value", _cell_text(" ".join(ind.units))]
                    units_holder = number
                else:
                    units = ["empty"]
                    units_holder = None
                previous_units = ind.units
                rows.append(
                    _PlannedRow(
                        "indicator",
                        number,
                        area.code,
                        area_label,
                        group.code,
                        group_label,
                        _cell_text(ind.text),
                        units,
                        ["empty"],
                    )
                )
    # 具体资料报送: a row with its own text opens a run; following empty rows that share evidence with
    # the run's first row continue it (one merged cell, as counties lay out 合并提供 groups).
    holder: int | None = None
    for row in rows:
        ind = catalog.indicator(int(row.key))
        if ind.evidence_as_written.strip():
            row.evidence = ["value", _cell_text(ind.evidence_as_written)]
            holder = ind.number
        elif holder is not None and holder in ind.shared_with:
            row.evidence = ["cont", holder]
        else:
            holder = None
    # 附加项 after the last area: 1. 加分项 (B1, B2 …), 2. 否决项 (V1, V2 …)
    extra_label = f"{chinese_numeral(len(catalog.areas) + 1)}、附加项"
    sections: list[tuple[str, str, list[tuple[str, str, tuple[str, ...]]]]] = [
        ("bonus", "加分项", [(b.id, b.text, b.units) for b in catalog.bonus]),
        ("veto", "否决项", [(v.id, v.text, ()) for v in catalog.veto]),
    ]
    local = 0
    for kind, name, items in sections:
        if items:
            local += 1
        for item_id, text, item_units in items:
            unit_state: list[Any] = ["value", _cell_text(" ".join(item_units))] if item_units else ["empty"]
            label = f"{local}. {name}。"
            rows.append(
                _PlannedRow(
                    kind, item_id, "附加项", extra_label, kind, label, _cell_text(text), unit_state, ["empty"]
                )
            )
    return rows


# -- export ---------------------------------------------------------------------------------------


def _atomic_write(path: Path, write: Any) -> None:
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


def _set(ws: Any, row: int, column: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    return cell


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(text: str, column_width: float) -> int:
    per_line = max(1.0, column_width * 0.95)
    return sum(max(1, -(-_display_width(part) // int(per_line))) for part in (text.split("\n") or [""]))


def export_task_xlsx(catalog: Catalog, path: str | Path) -> Path:
    """Write ``catalog`` as a 任务分解 workbook (visible sheet + hidden machine sheet) at ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise FazhiError(f"{path}: 任务分解表应保存为 .xlsx 文件")
    rows = _plan(catalog)

    workbook = Workbook()
    ws = workbook.active
    ws.title = TASK_SHEET
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name="宋体", size=10)
    widths = {COL_AREA: 14, COL_GROUP: 18, COL_NUMBER: 6, COL_TEXT: 56, COL_UNITS: 20, COL_EVIDENCE: 56}
    for column, width in widths.items():
        ws.column_dimensions[chr(ord("A") + column - 1)].width = width

    title = catalog.title if catalog.title.endswith("任务分解") else f"{catalog.title}任务分解"
    title_cell = _set(ws, 1, 1, _cell_text(title))
    title_cell.font = Font(name="黑体", size=16, bold=True)
    title_cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=COL_EVIDENCE)
    ws.row_dimensions[1].height = 36

    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for column, text in enumerate(HEADERS, start=1):
        cell = _set(ws, 2, column, text or None)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = header_fill
        cell.border = border
    ws.merge_cells(start_row=2, start_column=COL_NUMBER, end_row=2, end_column=COL_TEXT)
    ws.row_dimensions[2].height = 24

    heights: dict[int, float] = {}
    line_height = 13.5
    row_of: dict[int | str, int] = {}
    for offset, planned in enumerate(rows):
        r = FIRST_DATA_ROW + offset
        row_of[planned.key] = r
        values: dict[int, Any] = {
            COL_AREA: planned.area_label,
            COL_GROUP: planned.group_label,
            COL_NUMBER: planned.key,
            COL_TEXT: planned.text,
            COL_UNITS: planned.units[1] if planned.units[0] == "value" else None,
            COL_EVIDENCE: planned.evidence[1] if planned.evidence[0] == "value" else None,
        }
        for column, value in values.items():
            cell = _set(ws, r, column, value)
            cell.font = body_font
            cell.border = border
            centred = column in (COL_AREA, COL_GROUP, COL_NUMBER)
            cell.alignment = Alignment(
                horizontal="center" if centred else "left", vertical="center", wrap_text=True
            )
        heights[r] = _lines(planned.text, widths[COL_TEXT]) * line_height + 6

    # Merged ranges: area and group labels over their rows, units and evidence over their runs.
    def runs(key: Any) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        start = 0
        for index in range(1, len(rows) + 1):
            if index == len(rows) or key(rows[index]) != key(rows[start]) or key(rows[index]) is None:
                spans.append((start, index - 1))
                start = index
        return spans

    def cell_run(attribute: str) -> Any:
        def key(row: _PlannedRow) -> Any:
            state = getattr(row, attribute)
            if state[0] == "cont":
                return state[1]
            if state[0] == "value":
                return row.key
            return None

        return key

    merges: list[tuple[int, int, int, str]] = []
    for column, key in (
        (COL_AREA, lambda row: row.area_key),
        (COL_GROUP, lambda row: (row.area_key, row.group_key)),
        (COL_UNITS, cell_run("units")),
        (COL_EVIDENCE, cell_run("evidence")),
    ):
        for start, end in runs(key):
            first, last = FIRST_DATA_ROW + start, FIRST_DATA_ROW + end
            if last > first:
                ws.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)
            merges.append((first, last, column, str(ws.cell(first, column).value or "")))
    # Each (merged) cell's text must fit the rows it spans: stretch the last row if needed.
    for first, last, column, text in merges:
        needed = _lines(text, widths[column]) * line_height + 6
        have = sum(heights[r] for r in range(first, last + 1))
        if needed > have:
            heights[last] += needed - have
    for r, height in heights.items():
        ws.row_dimensions[r].height = min(409, height)

    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    _write_machine_sheet(workbook.create_sheet(MACHINE_SHEET), catalog, rows, title)
    workbook.properties.title = catalog.title
    workbook.properties.creator = "fazhi"
    _atomic_write(path, workbook.save)
    return path


def _machine_row(ws: Any, row: int, kind: str, key: Any, document: Any) -> None:
    _set(ws, row, 1, kind)
    _set(ws, row, 2, str(key))
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for index in range(0, max(1, len(text)), JSON_CHUNK):
        _set(ws, row, 3 + index // JSON_CHUNK, text[index : index + JSON_CHUNK])


def _write_machine_sheet(ws: Any, catalog: Catalog, rows: list[_PlannedRow], title: str) -> None:
    ws.sheet_state = "hidden"
    _set(ws, 1, 1, MACHINE_MAGIC)
    _set(ws, 1, 2, MACHINE_VERSION)
    _set(
        ws,
        1,
        3,
        "本工作表由 fazhi 生成，记录任务分解表无法显示的字段（资料要求拆分、份数、网址、实地核查、分值等），"
        "请勿修改。",
    )
    _set(ws, 2, 1, "kind")
    _set(ws, 2, 2, "key")
    _set(ws, 2, 3, "json")
    head = {
        "id": catalog.id,
        "title": catalog.title,
        "source": catalog.source,
        "bonus_cap": catalog.bonus_cap,
        "shown_title": _cell_text(title),
    }
    records: list[tuple[str, Any, Any]] = [("catalog", catalog.id, head)]
    records += [("unit", u.name, u.to_dict()) for u in catalog.units]
    for area in catalog.areas:
        records.append(
            (
                "area",
                area.code,
                {"data": {"code": area.code, "name": area.name}, "shown": _cell_text(_area_label(area))},
            )
        )
        for group in area.groups:
            data = {"code": group.code, "name": group.name}
            records.append(
                (
                    "group",
                    group.code,
                    {"data": data, "area": area.code, "shown": _cell_text(_group_label(area.code, group))},
                )
            )
    by_key = {(row.kind, row.key): row for row in rows}
    for ind in catalog.indicators:
        shown = by_key[("indicator", ind.number)].shown()
        records.append(("indicator", ind.number, {"data": ind.to_dict(), "shown": shown}))
    for bonus in catalog.bonus:
        records.append(
            ("bonus", bonus.id, {"data": bonus.to_dict(), "shown": by_key[("bonus", bonus.id)].shown()})
        )
    for veto in catalog.veto:
        records.append(
            ("veto", veto.id, {"data": veto.to_dict(), "shown": by_key[("veto", veto.id)].shown()})
        )
    for offset, (kind, key, document) in enumerate(records):
        _machine_row(ws, 3 + offset, kind, key, document)
    ws.column_dimensions["C"].width = 120


# -- catalog files --------------------------------------------------------------------------------


def write_catalog_file(catalog: Catalog, path: str | Path) -> Path:
    """Write ``catalog.to_dict()`` as YAML (.yaml/.yml) or JSON (.json), atomically, after validating it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise FazhiError(f"{path}: 指标体系文件应以 .yaml、.yml 或 .json 结尾")
    document = catalog.to_dict()
    problems = validate_document(document, str(path))
    if problems:
        raise CatalogError(problems)
    if suffix == ".json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        body = yaml.dump(
            document, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096
        )
        comment = (
            f"# {catalog.title}（{catalog.id}）——指标体系文件，可人工编辑；用 fazhi catalog validate 校验。"
        )
        text = f"{comment}\n{body}"
    data = text.encode("utf-8")
    _atomic_write(path, lambda temp: Path(temp).write_bytes(data))
    return path


# -- import: guarding the file --------------------------------------------------------------------


class TaskSheetError(CatalogError):
    """A 任务分解 workbook cannot be imported; ``problems`` name the file, the sheet/row and the reason."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        super().__init__(problems)
        first = self.problems[0]
        more = f"（另有 {len(self.problems) - 1} 个问题）" if len(self.problems) > 1 else ""
        self.message = f"任务分解表无法导入 {first}{more}"
        self.args = (self.message,)


def _refuse(path: Path, reason: str, where: str = "") -> TaskSheetError:
    return TaskSheetError([CatalogProblem(str(path), where, reason)])


_MERGE_REF = re.compile(rb'<mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters.decode("ascii"):
        index = index * 26 + ord(char) - 64
    return index


def _check_xlsx_file(path: Path) -> None:
    """Refuse anything that is not a plain, reasonably sized .xlsx before openpyxl opens it."""
    if path.is_dir():
        raise _refuse(path, "是文件夹，不是 xlsx 文件")
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError as exc:
        raise _refuse(path, "文件不存在 (file not found)") from exc
    except OSError as exc:
        raise _refuse(path, f"无法读取：{exc.strerror or exc}") from exc
    if size == 0:
        raise _refuse(path, "文件为空，不是 xlsx 工作簿")
    if size > MAX_XLSX_BYTES:
        raise _refuse(path, f"文件过大（{size} 字节，上限 {MAX_XLSX_BYTES} 字节）")
    if head == _OLE2_MAGIC:
        data = path.read_bytes()
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise _refuse(path, "工作簿已加密（设有打开密码），请在 Excel 中取消密码并另存为 .xlsx 后再导入")
        raise _refuse(path, "是旧版 Excel 97-2003（.xls）或其他 OLE 格式文件，请另存为 .xlsx 后再导入")
    if not head.startswith(b"PK\x03\x04"):
        raise _refuse(path, "不是 xlsx 工作簿（文件内容不是 Office Open XML 压缩包）")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise _refuse(path, f"压缩包内文件过多（{len(members)} 个），疑为恶意文件")
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise _refuse(path, "不是 Excel 工作簿（压缩包中缺少 xl/workbook.xml）")
            total = 0
            for member in members:
                if member.flag_bits & 0x1:
                    raise _refuse(path, f"压缩包成员 {member.filename} 已加密")
                # zipfile never yields more than the declared size, so declared sizes bound the work.
                total += member.file_size
                if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise _refuse(
                        path, f"解压后过大（{member.filename} {member.file_size} 字节），疑为压缩炸弹"
                    )
                if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
                    1, member.compress_size
                ):
                    ratio = member.file_size // max(1, member.compress_size)
                    raise _refuse(path, f"压缩比异常（{member.filename} 约 {ratio}:1），疑为压缩炸弹")
            for member in members:
                if not member.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(member) as stream:
                    prefix = stream.read(4096)
                if b"<!DOCTYPE" in prefix or b"<!ENTITY" in prefix:
                    raise _refuse(
                        path, f"{member.filename} 含有 DTD/实体声明，Excel 不会生成这样的文件，拒绝导入"
                    )
                if member.filename.startswith("xl/worksheets/"):
                    merged = 0
                    for ref in _MERGE_REF.finditer(archive.read(member)):
                        rows = abs(int(ref.group(4)) - int(ref.group(2))) + 1
                        columns = abs(_column_index(ref.group(3)) - _column_index(ref.group(1))) + 1
                        merged += rows * columns
                    if merged > MAX_MERGED_CELLS:
                        raise _refuse(
                            path, f"{member.filename} 的合并单元格范围过大（{merged} 个单元格），疑为恶意文件"
                        )
    except TaskSheetError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise _refuse(path, f"不是有效的 xlsx 工作簿（压缩包损坏：{exc}）") from exc
    except OSError as exc:
        raise _refuse(path, f"无法读取：{exc.strerror or exc}") from exc


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    _check_xlsx_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (data validation …)
            return load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise _refuse(path, f"无法读取工作簿：{type(exc).__name__}: {exc}") from exc


# -- import: reading the visible sheet ------------------------------------------------------------


@dataclass
class _Layout:
    header_row: int
    area: int
    group: int
    zone: tuple[int, ...]
    units: int | None
    evidence: int | None


@dataclass
class _VisibleRow:
    row: int
    kind: str  # "indicator" | "bonus" | "veto"
    key: int | str
    area_label: str
    group_label: str
    text: str
    units: list[Any]  # ["value", text] | ["cont", holder row] | ["empty"]
    evidence: list[Any]

    def shown(self, key_of_row: dict[int, int | str]) -> dict[str, Any]:
        def state(value: list[Any]) -> list[Any]:
            if value[0] == "cont":
                return ["cont", key_of_row.get(value[1])]
            return value

        return {
            "area": self.area_label,
            "group": self.group_label,
            "text": self.text,
            "units": state(self.units),
            "evidence": state(self.evidence),
        }


class _Grid:
    """Cell values with merged ranges resolved (continuation cells know their range's first cell)."""

    def __init__(self, ws: Any, max_column: int) -> None:
        self.max_row = ws.max_row
        self.max_column = max_column
        self.values: dict[tuple[int, int], Any] = {}
        for r, row in enumerate(
            ws.iter_rows(min_row=1, max_row=self.max_row, max_col=max_column, values_only=True), 1
        ):
            for c, value in enumerate(row, 1):
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    self.values[(r, c)] = value
        self.anchor: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in ws.merged_cells.ranges:
            top, left = merged.min_row, merged.min_col
            for r in range(top, min(merged.max_row, self.max_row) + 1):
                for c in range(left, min(merged.max_col, max_column) + 1):
                    if (r, c) != (top, left):
                        self.anchor[(r, c)] = (top, left)

    def own(self, r: int, c: int) -> Any:
        return self.values.get((r, c))

    def resolved(self, r: int, c: int) -> Any:
        return self.values.get(self.anchor.get((r, c), (r, c)))

    def state(self, r: int, c: int | None) -> list[Any]:
        if c is None:
            return ["empty"]
        anchor = self.anchor.get((r, c))
        if anchor is not None and anchor[0] < r:
            return ["cont", anchor[0]]
        value = self.values.get((r, c))
        return ["value", _norm(value)] if value is not None else ["empty"]


def _find_layout(ws: Any, grid: _Grid) -> _Layout | None:
    for r in range(1, min(grid.max_row, 30) + 1):
        found: dict[str, int] = {}
        for c in range(1, grid.max_column + 1):
            text = _squash(str(grid.own(r, c) or ""))
            if not text or len(text) > 12:  # header cells are short labels, not indicator text
                continue
            for key, words in (
                ("area", ("一级指标",)),
                ("group", ("二级指标",)),
                ("indicator", ("三级指标",)),
                ("units", ("责任单位", "牵头单位", "责任部门")),
                ("evidence", ("资料",)),
            ):
                if key not in found and any(word in text for word in words):
                    found[key] = c
                    break
        if {"area", "group", "indicator"} <= found.keys():
            after = [c for c in found.values() if c > found["indicator"]]
            end = min(after) - 1 if after else grid.max_column
            zone = tuple(range(found["indicator"], max(end, found["indicator"]) + 1))
            return _Layout(r, found["area"], found["group"], zone, found.get("units"), found.get("evidence"))
    return None


_NUMBER_CELL = re.compile(r"^\s*([BbVv]?[1-9]\d{0,2})\s*[.．、]?\s*$")
_NUMBER_PREFIX = re.compile(r"^\s*([BbVv]?[1-9]\d{0,2})(?:\s*[、.．]\s*|\s+)(?![年月日%％\d])(\S.*)$", re.S)


def _split_number(values: list[Any]) -> tuple[str | None, str]:
    """[12, "text"] / ["12 text"] / ["12", "text"] → ("12", "text"); ["text"] → (None, "text")."""
    first, rest = values[0], values[1:]
    rest_text = "".join(_norm(v) for v in rest)
    if isinstance(first, (int, float)) and not isinstance(first, bool) and float(first).is_integer():
        if 1 <= first <= 9999:
            return str(int(first)), rest_text
        return None, "".join(_norm(v) for v in values)
    text = _norm(first)
    match = _NUMBER_CELL.match(text)
    if match:
        return match.group(1).upper(), rest_text
    match = _NUMBER_PREFIX.match(text)
    if match and not rest_text:
        return match.group(1).upper(), match.group(2).strip()
    return None, "".join(_norm(v) for v in values)


@dataclass
class _SheetReading:
    sheet: str
    title: str
    rows: list[_VisibleRow]
    problems: list[CatalogProblem] = field(default_factory=list)


def _read_sheet(path: Path, ws: Any) -> _SheetReading | None:
    if ws.max_row > MAX_SHEET_ROWS:
        raise _refuse(path, f"工作表“{ws.title}”行数过多（{ws.max_row} 行）")
    max_column = min(ws.max_column, MAX_SHEET_COLUMNS)
    grid = _Grid(ws, max_column)
    layout = _find_layout(ws, grid)
    if layout is None:
        return None
    name = str(path)
    problems: list[CatalogProblem] = []

    def where(r: int) -> str:
        return f"工作表“{ws.title}”第 {r} 行"

    title = ""
    for r in range(1, layout.header_row):
        texts = [_norm(grid.own(r, c)) for c in range(1, max_column + 1) if grid.own(r, c) is not None]
        if texts:
            title = texts[0]
            break

    rows: list[_VisibleRow] = []
    area_label = group_label = ""
    header_words = ("一级指标", "二级指标", "三级指标")
    for r in range(layout.header_row + 1, grid.max_row + 1):
        own_texts = [
            _squash(str(grid.own(r, c))) for c in range(1, max_column + 1) if grid.own(r, c) is not None
        ]
        if not own_texts:
            continue
        if sum(t in header_words for t in own_texts) >= 2:
            continue  # a header repeated after a page break
        zone = [grid.own(r, c) for c in layout.zone if grid.own(r, c) is not None]
        area_cell = _norm(grid.resolved(r, layout.area))
        group_cell = _norm(grid.resolved(r, layout.group))
        if not zone:
            if len(set(own_texts)) == 1 and ("任务分解" in own_texts[0] or "指标体系" in own_texts[0]):
                continue  # a title repeated after a page break
            area_label = area_cell or area_label
            group_label = group_cell or group_label
            continue
        if area_cell and area_cell != area_label:
            area_label = area_cell
            group_label = group_cell  # a new area starts its groups afresh
        elif group_cell:
            group_label = group_cell
        if not area_label:
            problems.append(CatalogProblem(name, where(r), "一级指标为空（该行及上方都没有写明一级指标）"))
        if not group_label:
            problems.append(
                CatalogProblem(name, where(r), "二级指标为空（该行及同一一级指标下的上方各行都没有写明）")
            )
        key, text = _split_number(zone)
        if key is None:
            problems.append(CatalogProblem(name, where(r), f"三级指标缺少编号：{_snippet(text)}"))
            continue
        if not text:
            problems.append(CatalogProblem(name, where(r), f"第 {key} 项三级指标内容为空"))
            continue
        if key.startswith("B") or key.startswith("V"):
            kind = "bonus" if key.startswith("B") else "veto"
        elif "附加" in _squash(area_label) or any(w in _squash(group_label) for w in ("加分", "否决")):
            if "否决" in _squash(group_label):
                kind, key = "veto", f"V{key}"
            elif "加分" in _squash(group_label):
                kind, key = "bonus", f"B{key}"
            else:
                problems.append(
                    CatalogProblem(
                        name, where(r), f"无法判断附加项“{_snippet(group_label)}”是加分项还是否决项"
                    )
                )
                continue
        else:
            kind = "indicator"
        rows.append(
            _VisibleRow(
                r,
                kind,
                int(key) if kind == "indicator" else key,
                area_label,
                group_label,
                text,
                grid.state(r, layout.units),
                grid.state(r, layout.evidence),
            )
        )
    return _SheetReading(ws.title, title, rows, problems)


# -- import: from visible rows to a catalog document ----------------------------------------------


@dataclass
class _EvidenceCell:
    holder: int  # number of the row holding the text
    holder_row: int
    text: str
    listed: list[int] | None  # numbers named by a 合并提供 note
    rows: list[int] = field(default_factory=list)  # numbers physically under the cell
    requirements: list[dict[str, Any]] = field(default_factory=list)
    same_as: _EvidenceCell | None = None  # an identical cell repeated after a page break


@dataclass
class _PlainIndicator:
    number: int
    area_label: str
    group_label: str
    text: str
    units_as_written: str
    units: list[str]
    evidence_as_written: str
    requirements: list[dict[str, Any]]
    shared_with: list[int]
    notes: list[str]


def _plain_indicators(
    path: Path, reading: _SheetReading, vocabulary: _UnitVocabulary
) -> tuple[list[_PlainIndicator], dict[str, list[str]], list[CatalogProblem]]:
    """Read every indicator row as a county sheet without machine fields; also the bonus units."""
    name = str(path)
    problems: list[CatalogProblem] = []
    rows = [row for row in reading.rows if row.kind == "indicator"]
    seen: dict[int, int] = {}
    unique: list[_VisibleRow] = []
    for row in rows:
        number = int(row.key)
        if number in seen:
            problems.append(
                CatalogProblem(
                    name,
                    f"工作表“{reading.sheet}”第 {row.row} 行",
                    f"三级指标编号 {number} 重复（第 {seen[number]} 行已有）",
                )
            )
            continue
        seen[number] = row.row
        unique.append(row)
    rows = unique
    number_of_row = {row.row: int(row.key) for row in rows}
    notes: dict[int, list[str]] = {int(row.key): [] for row in rows}

    # units: merged or blank cells continue the row above (within the group)
    units: dict[int, tuple[str, list[str]]] = {}
    previous: _VisibleRow | None = None
    for row in rows:
        number = int(row.key)
        same_group = previous is not None and previous.group_label == row.group_label
        if row.units[0] == "value":
            names, unit_notes = vocabulary.normalise(row.units[1])
            units[number] = (row.units[1], names)
            notes[number].extend(unit_notes)
        elif row.units[0] == "cont" and row.units[1] in number_of_row:
            units[number] = ("", list(units[number_of_row[row.units[1]]][1]))
        elif previous is not None and same_group:
            units[number] = ("", list(units[int(previous.key)][1]))
            notes[number].append(f"责任单位为空，沿用上一行（第 {previous.key} 项）的责任单位。")
        else:
            units[number] = ("", [])
        previous = row

    # evidence cells, their 合并提供 notes and the rows under them
    cells: list[_EvidenceCell] = []
    cell_of_row: dict[int, _EvidenceCell] = {}
    physical: dict[int, _EvidenceCell] = {}
    empty: list[_VisibleRow] = []
    for row in rows:
        number = int(row.key)
        if row.evidence[0] == "value":
            listed, rest = shared_note(row.evidence[1])
            cell = _EvidenceCell(number, row.row, row.evidence[1], listed, [number])
            cell.requirements = parse_requirements(rest, str(number))
            # The same 合并提供 note repeated (a page break split the merged cell) is one cell.
            for other in cells if listed is not None else ():
                if other.listed is not None and _squash(other.text) == _squash(cell.text):
                    cell.same_as = other.same_as or other
                    break
            cells.append(cell)
            cell_of_row[row.row] = cell
            physical[number] = cell
        elif row.evidence[0] == "cont" and row.evidence[1] in cell_of_row:
            cell = cell_of_row[row.evidence[1]]
            cell.rows.append(number)
            physical[number] = cell
        else:
            empty.append(row)
    listed_numbers = {n for cell in cells if cell.listed for n in cell.listed}
    previous_row = {rows[i].row: rows[i - 1] for i in range(1, len(rows))}
    for row in empty:
        number = int(row.key)
        before = previous_row.get(row.row)
        if number in listed_numbers or before is None or before.group_label != row.group_label:
            continue
        above = physical.get(int(before.key))
        if above is not None:
            above.rows.append(number)
            physical[number] = above
            notes[number].append(f"具体资料报送为空，视为上一行（第 {before.key} 项）单元格的延续。")

    existing = set(number_of_row.values())
    members: dict[int, set[int]] = {}  # id(canonical cell) → member numbers
    canonical: dict[int, _EvidenceCell] = {}
    for cell in cells:
        main = cell.same_as or cell
        canonical[id(main)] = main
        group = members.setdefault(id(main), set())
        if cell.listed is not None:
            missing = [n for n in cell.listed if n not in existing]
            if missing:
                notes[cell.holder].append(
                    f"合并提供说明提到的第 {'、'.join(map(str, missing))} 项在表中不存在，已忽略。"
                )
            group.update(n for n in cell.listed if n in existing)
        else:
            group.update(cell.rows)
    for number, cell in physical.items():
        if not any(number in group for group in members.values()):
            members[id(cell.same_as or cell)].add(number)

    ordered_cells = sorted(canonical.values(), key=lambda c: c.holder_row)
    result: list[_PlainIndicator] = []
    for row in rows:
        number = int(row.key)
        requirements: list[dict[str, Any]] = []
        shared: set[int] = set()
        for cell in ordered_cells:
            if number in members[id(cell)]:
                requirements.extend(dict(r) for r in cell.requirements)
                shared |= members[id(cell)]
        shared.discard(number)
        evidence_as_written = row.evidence[1] if row.evidence[0] == "value" else ""
        if not requirements and not evidence_as_written:
            notes[number].append("具体资料报送为空。")
        units_as_written, unit_names = units[number]
        result.append(
            _PlainIndicator(
                number,
                row.area_label,
                row.group_label,
                row.text,
                units_as_written,
                unit_names,
                evidence_as_written,
                requirements,
                sorted(shared),
                notes[number],
            )
        )

    bonus_units: dict[str, list[str]] = {}
    for row in reading.rows:
        if row.kind == "bonus":
            bonus_units[str(row.key)] = (
                vocabulary.normalise(row.units[1])[0] if row.units[0] == "value" else []
            )
    return result, bonus_units, problems


def _indicator_document(plain: _PlainIndicator, group_code: str) -> dict[str, Any]:
    since_values = [r["since"] for r in plain.requirements if r["since"] is not None]
    return {
        "number": plain.number,
        "group": group_code,
        "text": plain.text,
        "units_as_written": plain.units_as_written,
        "units": plain.units,
        "evidence_as_written": plain.evidence_as_written,
        "requirements": plain.requirements,
        "onsite": bool(plain.requirements) and all(r["onsite"] for r in plain.requirements),
        "shared_with": plain.shared_with,
        "since": min(since_values) if since_values else None,
        "points": DEFAULT_POINTS,
        "notes": plain.notes,
    }


# -- import: the machine sheet --------------------------------------------------------------------


@dataclass
class _Machine:
    head: dict[str, Any]
    units: list[dict[str, Any]]
    areas: dict[str, dict[str, Any]]  # shown label (normalised) → record
    groups: dict[tuple[str, str], dict[str, Any]]  # (area code, shown label) → record
    indicators: dict[int, dict[str, Any]]
    bonus: dict[str, dict[str, Any]]
    veto: dict[str, dict[str, Any]]


def _read_machine(path: Path, workbook: Any) -> _Machine | None:
    if MACHINE_SHEET not in workbook.sheetnames:
        return None
    ws = workbook[MACHINE_SHEET]

    def broken(reason: str) -> CatalogError:
        return _refuse(path, f"{reason}（可删除该工作表后按普通任务分解表导入）", f"工作表“{MACHINE_SHEET}”")

    if ws.cell(1, 1).value != MACHINE_MAGIC:
        raise broken("不是 fazhi 生成的机器字段表")
    if ws.cell(1, 2).value != MACHINE_VERSION:
        raise broken(f"格式版本 {ws.cell(1, 2).value!r} 不受支持")
    machine = _Machine({}, [], {}, {}, {}, {}, {})
    for r, row in enumerate(ws.iter_rows(min_row=3, values_only=True), start=3):
        if not row or row[0] is None:
            continue
        kind = str(row[0])
        text = "".join(str(v) for v in row[2:] if v is not None)
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise broken(f"第 {r} 行 JSON 损坏：{exc.msg}") from exc
        if not isinstance(record, dict):
            raise broken(f"第 {r} 行不是对象")
        try:
            if kind == "catalog":
                machine.head = record
            elif kind == "unit":
                machine.units.append(record)
            elif kind == "area":
                machine.areas[_norm(record["shown"])] = record["data"]
            elif kind == "group":
                machine.groups[(str(record["area"]), _norm(record["shown"]))] = record["data"]
            elif kind in ("indicator", "bonus", "veto"):
                data, shown = record["data"], record["shown"]
                if not isinstance(data, dict) or not isinstance(shown, dict):
                    raise broken(f"第 {r} 行缺少 data/shown")
                key = data["number"] if kind == "indicator" else data["id"]
                getattr(machine, "indicators" if kind == "indicator" else kind)[key] = record
        except (KeyError, TypeError) as exc:
            raise broken(f"第 {r} 行缺少字段 {exc}") from exc
    if not machine.head:
        raise broken("缺少 catalog 记录")
    return machine


def _same_shown(visible: dict[str, Any], shown: dict[str, Any], field_name: str) -> bool:
    a, b = visible.get(field_name), shown.get(field_name)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(
            _norm(x) == _norm(y) if isinstance(x, str) or isinstance(y, str) else x == y
            for x, y in zip(a, b, strict=True)
        )
    return _norm(a) == _norm(b)


# -- import ---------------------------------------------------------------------------------------


def _default_id(path: Path) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._")
    if slug and slug[0].isalnum():
        return slug
    return "imported-" + hashlib.sha256(path.read_bytes()).hexdigest()[:8]


def import_task_xlsx(
    path: str | Path,
    catalog_id: str | None = None,
    title: str | None = None,
    *,
    units: Sequence[UnitName] | None = None,
) -> Catalog:
    """Read a 任务分解 workbook (ours, with ``_fazhi``, or a county's own) into a validated ``Catalog``.

    ``units`` is the unit vocabulary used to normalise 责任单位 (default: the built-in national
    catalog's units; with a ``_fazhi`` sheet, the vocabulary stored there). Raises ``CatalogError``
    naming the file, the sheet/row and the reason.
    """
    path = Path(path)
    workbook = _open_workbook(path)
    try:
        machine = _read_machine(path, workbook)
        reading: _SheetReading | None = None
        candidates = [TASK_SHEET] if TASK_SHEET in workbook.sheetnames else []
        candidates += [n for n in workbook.sheetnames if n not in (TASK_SHEET, MACHINE_SHEET)]
        for sheet_name in candidates:
            reading = _read_sheet(path, workbook[sheet_name])
            if reading is not None:
                break
    finally:
        workbook.close()
    if reading is None:
        sheets = "、".join(n for n in workbook.sheetnames if n != MACHINE_SHEET)
        raise _refuse(
            path, f"找不到任务分解表的表头（需要“一级指标”“二级指标”“三级指标”列；已查看工作表：{sheets}）"
        )
    if reading.problems:
        raise TaskSheetError(reading.problems)
    if not any(row.kind == "indicator" for row in reading.rows):
        raise _refuse(path, "表中没有三级指标行", f"工作表“{reading.sheet}”")

    if units is not None:
        vocabulary = _UnitVocabulary(units)
    elif machine is not None:
        vocabulary = _UnitVocabulary(
            UnitName(u["name"], tuple(u.get("aliases", [])), bool(u.get("collective", False)))
            for u in machine.units
        )
    else:
        vocabulary = _UnitVocabulary(_default_vocabulary())
    plain, bonus_units, problems = _plain_indicators(path, reading, vocabulary)
    if problems:
        raise TaskSheetError(problems)

    # areas and groups, in sheet order; codes from the machine sheet while the labels are unchanged
    area_code: dict[str, str] = {}
    areas: list[dict[str, Any]] = []
    group_code: dict[tuple[str, str], str] = {}
    group_problems: list[CatalogProblem] = []
    first_row = {int(row.key): row.row for row in reading.rows if row.kind == "indicator"}
    for item in plain:
        area_key = _norm(item.area_label)
        if area_key not in area_code:
            known = machine.areas.get(area_key) if machine else None
            if known is not None:
                code, name = str(known["code"]), str(known["name"])
            else:
                number, name = parse_label(item.area_label)
                code = chinese_numeral(number if number is not None else len(areas) + 1)
            if any(a["code"] == code for a in areas):
                group_problems.append(
                    CatalogProblem(
                        str(path),
                        f"工作表“{reading.sheet}”第 {first_row[item.number]} 行",
                        f"一级指标编号 {code} 重复：{item.area_label}",
                    )
                )
                code = f"{code}-{len(areas) + 1}"
            area_code[area_key] = code
            areas.append({"code": code, "name": name or item.area_label, "groups": []})
        area = next(a for a in areas if a["code"] == area_code[area_key])
        key = (area_key, _norm(item.group_label))
        if key not in group_code:
            known = machine.groups.get((area["code"], key[1])) if machine else None
            if known is not None:
                code, name = str(known["code"]), str(known["name"])
            else:
                number, name = parse_label(item.group_label)
                code = f"{area['code']}.{number if number is not None else len(area['groups']) + 1}"
            if any(g["code"] == code for a in areas for g in a["groups"]):
                group_problems.append(
                    CatalogProblem(
                        str(path),
                        f"工作表“{reading.sheet}”第 {first_row[item.number]} 行",
                        f"二级指标编号 {code} 重复：{item.group_label}",
                    )
                )
            group_code[key] = code
            area["groups"].append({"code": code, "name": name or item.group_label})
    if group_problems:
        raise TaskSheetError(group_problems)

    # indicators: machine fields for untouched rows, the sheet's reading for edited ones
    key_of_row = {row.row: row.key for row in reading.rows}
    visible = {int(row.key): row.shown(key_of_row) for row in reading.rows if row.kind == "indicator"}
    indicators: list[dict[str, Any]] = []
    for item in plain:
        code = group_code[(_norm(item.area_label), _norm(item.group_label))]
        document = _indicator_document(item, code)
        record = machine.indicators.get(item.number) if machine else None
        if record is not None:
            data, shown = dict(record["data"]), record["shown"]
            seen = visible[item.number]
            merged = dict(data, group=code)
            merged.pop("area", None)
            if not _same_shown(seen, shown, "text"):
                merged["text"] = document["text"]
            if not _same_shown(seen, shown, "units"):
                for name in ("units", "units_as_written"):
                    merged[name] = document[name]
            evidence_group = [item.number, *data.get("shared_with", [])]
            unchanged = all(
                n in visible
                and machine is not None
                and n in machine.indicators
                and _same_shown(visible[n], machine.indicators[n]["shown"], "evidence")
                for n in evidence_group
            )
            if not unchanged:
                for name in ("evidence_as_written", "requirements", "onsite", "since", "shared_with"):
                    merged[name] = document[name]
                merged["notes"] = [
                    *data.get("notes", []),
                    "导入时按表格重新解析了具体资料报送（与 _fazhi 记录不一致）。",
                ]
            document = merged
        indicators.append(document)
    # shared_with must stay symmetric when some rows were re-read and others kept
    numbers = {d["number"] for d in indicators}
    partners = {d["number"]: set(d["shared_with"]) & numbers for d in indicators}
    for number, others in list(partners.items()):
        for other in others:
            partners[other].add(number)
    for document in indicators:
        document["shared_with"] = sorted(partners[document["number"]] - {document["number"]})

    bonus: list[dict[str, Any]] = []
    veto: list[dict[str, Any]] = []
    for row in reading.rows:
        if row.kind == "indicator":
            continue
        item_id = str(row.key)
        record = (machine.bonus if row.kind == "bonus" else machine.veto).get(item_id) if machine else None
        seen = row.shown(key_of_row)
        if row.kind == "bonus":
            entry: dict[str, Any] = {
                "id": item_id,
                "text": row.text,
                "max_points": DEFAULT_BONUS_POINTS,
                "units": bonus_units.get(item_id, []),
            }
        else:
            entry = {"id": item_id, "text": row.text}
        if record is not None:
            data, shown = record["data"], record["shown"]
            if _same_shown(seen, shown, "text"):
                entry["text"] = data["text"]
            if row.kind == "bonus":
                entry["max_points"] = data.get("max_points", DEFAULT_BONUS_POINTS)
                if _same_shown(seen, shown, "units"):
                    entry["units"] = data.get("units", [])
        (bonus if row.kind == "bonus" else veto).append(entry)

    sheet_title = reading.title
    if title:
        final_title = title
    elif machine is not None and _norm(sheet_title) == _norm(machine.head.get("shown_title")):
        final_title = str(machine.head.get("title"))
    else:
        final_title = re.sub(r"\s*任务分解\s*$", "", sheet_title).strip() or path.stem
    document = {
        "id": catalog_id or (str(machine.head["id"]) if machine else _default_id(path)),
        "title": final_title,
        "source": str(machine.head.get("source", ""))
        if machine
        else f"{path.name}（工作表“{reading.sheet}”）导入",
        "units": [u.to_dict() for u in vocabulary.units],
        "areas": areas,
        "indicators": indicators,
        "bonus": bonus,
        "veto": veto,
    }
    if machine is not None and machine.head.get("bonus_cap") is not None:
        document["bonus_cap"] = machine.head["bonus_cap"]
    try:
        return catalog_from_document(document, str(path))
    except CatalogError as exc:
        raise TaskSheetError(exc.problems) from exc
