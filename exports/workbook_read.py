"""Reading the levels of an edited 自评打分表 back (``read_levels``).

Reviewers often score in Excel together and load the result, so the reader checks every row and names
the sheet, row and reason of each problem; it refuses oversized files and zip bombs before opening them.
The sheet is written by ``exports.workbook``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.base.errors import FazhiError
from exports.report_data import LEVELS, NOT_ASSESSED
from indicator_catalog import Catalog

SCORE_SHEET = "自评打分表"


#: Accepted spellings of a level in an edited 打分表 (the CLI's English aliases too).
LEVEL_ALIASES: dict[str, str] = {
    **{level: level for level in LEVELS},
    "met": "达标",
    "partial": "基本达标",
    "unmet": "未达标",
    "na": "不适用",
    "n/a": "不适用",
}


#: Cells that mean "no level given": the row is skipped, nothing changes.
BLANK_LEVELS = {"", NOT_ASSESSED, "未评定", "未评"}


MAX_WORKBOOK_BYTES = 50 * 1024 * 1024


MAX_UNPACKED_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class LevelRow:
    """One level read from an edited 自评打分表."""

    indicator: int
    level: str
    comment: str
    row: int  # the worksheet row it came from (for messages)


@dataclass(frozen=True)
class WorkbookProblem:
    file: str
    sheet: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else ""
        if self.row is not None:
            where += f"第 {self.row} 行"
        return f"{self.file}：{where}：{self.reason}" if where else f"{self.file}：{self.reason}"


class WorkbookError(FazhiError):
    """An edited workbook cannot be read back; ``problems`` lists every bad row. Nothing was changed."""

    exit_code = 1

    def __init__(self, problems: Sequence[WorkbookProblem]) -> None:
        self.problems = list(problems)
        more = f"（另有 {len(self.problems) - 1} 个问题）" if len(self.problems) > 1 else ""
        super().__init__(f"无法导入打分表 {self.problems[0]}{more}")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "".join(str(value).split())


def _indicator_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def read_levels(path: Path, catalog: Catalog) -> list[LevelRow]:
    """Read levels and comments from the 自评打分表 of an exported (and edited) workbook.

    Rows whose 等次 is empty or 未评估 are skipped (they change nothing). Every other row must name an
    indicator of ``catalog`` once and give one of the four levels; otherwise ``WorkbookError`` lists each
    bad row (sheet, row, reason) and nothing is returned.
    """
    path = Path(path)
    name = path.name
    book = _open_workbook(path)
    try:
        if SCORE_SHEET not in book.sheetnames:
            present = "、".join(book.sheetnames)
            raise WorkbookError(
                [WorkbookProblem(name, "", None, f"找不到工作表“{SCORE_SHEET}”（现有：{present}）")]
            )
        sheet = book[SCORE_SHEET]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        columns = {_cell_text(v): i for i, v in enumerate(header or ()) if _cell_text(v)}
        missing = [h for h in ("序号", "等次", "评定意见") if h not in columns]
        if missing:
            raise WorkbookError(
                [
                    WorkbookProblem(
                        name, SCORE_SHEET, 1, f"表头缺少列：{'、'.join(missing)}（第 1 行应为表头）"
                    )
                ]
            )
        number_col, level_col, comment_col = columns["序号"], columns["等次"], columns["评定意见"]
        problems: list[WorkbookProblem] = []
        found: list[LevelRow] = []
        seen: dict[int, int] = {}
        for row_number, values in enumerate(rows, start=2):

            def cell(index: int, values: tuple[Any, ...] = values) -> Any:
                return values[index] if index < len(values) else None

            raw_number = cell(number_col)
            raw_level = _cell_text(cell(level_col))
            comment = "" if cell(comment_col) is None else str(cell(comment_col)).strip()
            if raw_number is None or _cell_text(raw_number) == "":
                if raw_level not in BLANK_LEVELS:
                    problems.append(WorkbookProblem(name, SCORE_SHEET, row_number, "有等次但没有序号"))
                continue
            number = _indicator_number(raw_number)
            if number is None:
                problems.append(
                    WorkbookProblem(name, SCORE_SHEET, row_number, f"序号“{raw_number}”不是指标编号")
                )
                continue
            if not catalog.has_indicator(number):
                problems.append(
                    WorkbookProblem(name, SCORE_SHEET, row_number, f"指标体系中没有第 {number} 项指标")
                )
                continue
            if number in seen:
                problems.append(
                    WorkbookProblem(
                        name, SCORE_SHEET, row_number, f"第 {number} 项指标重复（已在第 {seen[number]} 行）"
                    )
                )
                continue
            seen[number] = row_number
            if raw_level in BLANK_LEVELS:
                continue
            level = LEVEL_ALIASES.get(raw_level) or LEVEL_ALIASES.get(raw_level.lower())
            if level is None:
                problems.append(
                    WorkbookProblem(
                        name,
                        SCORE_SHEET,
                        row_number,
                        f"第 {number} 项的等次“{raw_level}”无效（应为 {'、'.join(LEVELS)}，或留空）",
                    )
                )
                continue
            found.append(LevelRow(number, level, comment, row_number))
        if problems:
            raise WorkbookError(problems)
        return found
    finally:
        book.close()


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise WorkbookError(
            [WorkbookProblem(str(path), "", None, f"无法读取：{exc.strerror or exc}")]
        ) from exc
    if size > MAX_WORKBOOK_BYTES:
        raise WorkbookError([WorkbookProblem(name, "", None, f"文件过大（{size} 字节）")])
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookError([WorkbookProblem(name, "", None, "不是有效的 Excel 工作簿（.xlsx）")]) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError([WorkbookProblem(name, "", None, "解压后过大，拒绝读取（可能是压缩炸弹）")])
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise WorkbookError(
            [WorkbookProblem(name, "", None, f"不是有效的 Excel 工作簿（.xlsx）：{type(exc).__name__}")]
        ) from exc
