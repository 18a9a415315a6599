"""Reading the visible sheet of a 任务分解 workbook: header detection, merged cells, row kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indicator_catalog.loader import (
    CatalogProblem,
)
from indicator_catalog.xlsx.cells import norm, snippet, squash
from indicator_catalog.xlsx.guard import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, refuse


@dataclass
class Layout:
    header_row: int
    area: int
    group: int
    zone: tuple[int, ...]
    units: int | None
    evidence: int | None
    deadline: int | None = None  # 完成时限: a deadline, never a start year


@dataclass
class VisibleRow:
    row: int
    kind: str  # "indicator" | "bonus" | "veto"
    key: int | str
    area_label: str
    group_label: str
    text: str
    units: list[Any]  # ["value", text] | ["cont", holder row] | ["empty"]
    evidence: list[Any]
    deadline: str = ""  # the 完成时限 cell (merged cells inherit), verbatim

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


class Grid:
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
        return ["value", norm(value)] if value is not None else ["empty"]


def _find_layout(ws: Any, grid: Grid) -> Layout | None:
    for r in range(1, min(grid.max_row, 30) + 1):
        found: dict[str, int] = {}
        for c in range(1, grid.max_column + 1):
            text = squash(str(grid.own(r, c) or ""))
            if not text or len(text) > 12:  # header cells are short labels, not indicator text
                continue
            for key, words in (
                ("area", ("一级指标",)),
                ("group", ("二级指标",)),
                ("indicator", ("三级指标",)),
                ("units", ("责任单位", "牵头单位", "责任部门")),
                ("deadline", ("完成时限", "完成时间", "时限要求", "时间节点", "完成期限")),
                ("evidence", ("资料",)),
            ):
                if key not in found and any(word in text for word in words):
                    found[key] = c
                    break
        if {"area", "group", "indicator"} <= found.keys():
            after = [c for c in found.values() if c > found["indicator"]]
            end = min(after) - 1 if after else grid.max_column
            zone = tuple(range(found["indicator"], max(end, found["indicator"]) + 1))
            return Layout(
                r,
                found["area"],
                found["group"],
                zone,
                found.get("units"),
                found.get("evidence"),
                found.get("deadline"),
            )
    return None


_NUMBER_CELL = re.compile(r"^\s*([BbVv]?[1-9]\d{0,2})\s*[.．、]?\s*$")
_NUMBER_PREFIX = re.compile(r"^\s*([BbVv]?[1-9]\d{0,2})(?:\s*[、.．]\s*|\s+)(?![年月日%％\d])(\S.*)$", re.S)


def _split_number(values: list[Any]) -> tuple[str | None, str]:
    """[12, "text"] / ["12 text"] / ["12", "text"] → ("12", "text"); ["text"] → (None, "text")."""
    first, rest = values[0], values[1:]
    rest_text = "".join(norm(v) for v in rest)
    if isinstance(first, (int, float)) and not isinstance(first, bool) and float(first).is_integer():
        if 1 <= first <= 9999:
            return str(int(first)), rest_text
        return None, "".join(norm(v) for v in values)
    text = norm(first)
    match = _NUMBER_CELL.match(text)
    if match:
        return match.group(1).upper(), rest_text
    match = _NUMBER_PREFIX.match(text)
    if match and not rest_text:
        return match.group(1).upper(), match.group(2).strip()
    return None, "".join(norm(v) for v in values)


@dataclass
class SheetReading:
    sheet: str
    title: str
    rows: list[VisibleRow]
    problems: list[CatalogProblem] = field(default_factory=list)


def read_sheet(path: Path, ws: Any) -> SheetReading | None:
    if ws.max_row > MAX_SHEET_ROWS:
        raise refuse(path, f"工作表“{ws.title}”行数过多（{ws.max_row} 行）")
    max_column = min(ws.max_column, MAX_SHEET_COLUMNS)
    grid = Grid(ws, max_column)
    layout = _find_layout(ws, grid)
    if layout is None:
        return None
    name = str(path)
    problems: list[CatalogProblem] = []

    def where(r: int) -> str:
        return f"工作表“{ws.title}”第 {r} 行"

    title = ""
    for r in range(1, layout.header_row):
        texts = [norm(grid.own(r, c)) for c in range(1, max_column + 1) if grid.own(r, c) is not None]
        if texts:
            title = texts[0]
            break

    rows: list[VisibleRow] = []
    area_label = group_label = ""
    header_words = ("一级指标", "二级指标", "三级指标")
    for r in range(layout.header_row + 1, grid.max_row + 1):
        own_texts = [
            squash(str(grid.own(r, c))) for c in range(1, max_column + 1) if grid.own(r, c) is not None
        ]
        if not own_texts:
            continue
        if sum(t in header_words for t in own_texts) >= 2:
            continue  # a header repeated after a page break
        zone = [grid.own(r, c) for c in layout.zone if grid.own(r, c) is not None]
        area_cell = norm(grid.resolved(r, layout.area))
        group_cell = norm(grid.resolved(r, layout.group))
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
            problems.append(CatalogProblem(name, where(r), f"三级指标缺少编号：{snippet(text)}"))
            continue
        if not text:
            problems.append(CatalogProblem(name, where(r), f"第 {key} 项三级指标内容为空"))
            continue
        if key.startswith("B") or key.startswith("V"):
            kind = "bonus" if key.startswith("B") else "veto"
        elif "附加" in squash(area_label) or any(w in squash(group_label) for w in ("加分", "否决")):
            if "否决" in squash(group_label):
                kind, key = "veto", f"V{key}"
            elif "加分" in squash(group_label):
                kind, key = "bonus", f"B{key}"
            else:
                problems.append(
                    CatalogProblem(
                        name, where(r), f"无法判断附加项“{snippet(group_label)}”是加分项还是否决项"
                    )
                )
                continue
        else:
            kind = "indicator"
        rows.append(
            VisibleRow(
                r,
                kind,
                int(key) if kind == "indicator" else key,
                area_label,
                group_label,
                text,
                grid.state(r, layout.units),
                grid.state(r, layout.evidence),
                norm(grid.resolved(r, layout.deadline)) if layout.deadline is not None else "",
            )
        )
    return SheetReading(ws.title, title, rows, problems)
