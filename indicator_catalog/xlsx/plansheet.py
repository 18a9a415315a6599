"""A county's task-list workbook (序号 | 主要任务 | 牵头单位 | 责任单位 | 完成时限) as a plan catalog.

Section rows ("一、…", "（一）…") may stand alone in any column or fill a 类别 column (merged cells
inherit); a task's number comes from the 序号 column or its "1." prefix, and its id is the section path
plus that number (``一.（一）.3``). 牵头单位 are the lead units, 责任单位 / 配合单位 / 协同单位 the
participating ones (a sheet with only 责任单位 has no lead column: the units are participating). A
完成时限 cell is kept verbatim and read as a deadline, never as a start year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indicator_catalog.loader import CatalogError, CatalogProblem
from indicator_catalog.model import UnitName
from indicator_catalog.plan import PlanCatalog, task_title
from indicator_catalog.plan_loader import plan_from_document
from indicator_catalog.unitmatch import common_units
from indicator_catalog.xlsx.cells import chinese_numeral, norm, snippet, squash
from indicator_catalog.xlsx.guard import (
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    TaskSheetError,
    open_workbook,
    refuse,
)
from indicator_catalog.xlsx.planexport import PLAN_MACHINE_SHEET, PLAN_SHEET, read_plan_machine, same_cells
from indicator_catalog.xlsx.sheet import Grid
from indicator_catalog.xlsx.units import UnitVocabulary, default_vocabulary

_HEADERS = {
    "number": ("序号", "编号"),
    "section": ("类别", "板块", "领域", "任务类别", "工作类别", "项目"),
    "task": ("主要任务", "工作任务", "重点任务", "任务内容", "具体任务", "目标任务", "工作内容", "任务"),
    "lead": ("牵头单位", "牵头部门", "主责单位"),
    "units": ("责任单位", "配合单位", "协同单位", "参与单位", "协同责任单位", "责任部门", "责任主体"),
    "deadline": ("完成时限", "完成时间", "时限要求", "时间节点", "完成期限"),
}
_LEVEL1 = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.*)$", re.S)
_LEVEL2 = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(\S.*)$", re.S)
_TASK_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.．、]\s*(?!\d)(\S.*)$", re.S)


@dataclass
class _PlanLayout:
    header_row: int
    columns: dict[str, int]


def find_plan_layout(grid: Grid) -> _PlanLayout | None:
    """The header row of a task list: a 任务 column and a 牵头单位, 责任单位 or 完成时限 column."""
    for r in range(1, min(grid.max_row, 30) + 1):
        found: dict[str, int] = {}
        for c in range(1, grid.max_column + 1):
            text = squash(str(grid.own(r, c) or ""))
            if not text or len(text) > 12:
                continue
            for key, words in _HEADERS.items():
                if key not in found and any(text == w or text.startswith(w) for w in words):
                    found[key] = c
                    break
        if "task" in found and found.keys() & {"lead", "units", "deadline"}:
            return _PlanLayout(r, found)
    return None


def _section(text: str) -> tuple[int, str, str] | None:
    """(level, numeral, name) of a section heading."""
    for level, pattern in ((1, _LEVEL1), (2, _LEVEL2)):
        match = pattern.match(text)
        if match and "\n" not in match.group(2).strip():
            return level, match.group(1), match.group(2).strip().rstrip("。")
    return None


def _default_units() -> list[UnitName]:
    units = default_vocabulary()
    names = {u.name for u in units}
    return units + [u for u in common_units() if u.name not in names]


def import_plan_xlsx(
    path: str | Path,
    plan_id: str | None = None,
    title: str | None = None,
    *,
    units: list[UnitName] | None = None,
) -> PlanCatalog:
    """A county's task-list workbook as a validated ``PlanCatalog``; ``TaskSheetError`` names the file,
    the sheet/row and the reason. ``units`` is the vocabulary for unit names (default: the national
    roles plus the everyday county departments)."""
    path = Path(path)
    workbook = open_workbook(path)
    try:
        machine = read_plan_machine(path, workbook)
        sheets_in_order = sorted(
            (ws for ws in workbook.worksheets if ws.title != PLAN_MACHINE_SHEET),
            key=lambda ws: ws.title != PLAN_SHEET,
        )
        for ws in sheets_in_order:
            if ws.max_row > MAX_SHEET_ROWS:
                raise refuse(path, f"工作表“{ws.title}”行数过多（{ws.max_row} 行）")
            grid = Grid(ws, min(ws.max_column, MAX_SHEET_COLUMNS))
            layout = find_plan_layout(grid)
            if layout is not None:
                return _read_plan(
                    path, ws.title, grid, layout, plan_id=plan_id, title=title, units=units, machine=machine
                )
        sheets = "、".join(workbook.sheetnames)
    finally:
        workbook.close()
    raise refuse(
        path, f"找不到任务清单的表头（需要“主要任务”及“牵头单位”“责任单位”或“完成时限”列；已查看：{sheets}）"
    )


def _read_plan(
    path: Path,
    sheet: str,
    grid: Grid,
    layout: _PlanLayout,
    *,
    plan_id: str | None,
    title: str | None,
    units: list[UnitName] | None,
    machine: tuple[dict[str, Any], dict[str, dict[str, Any]]] | None,
) -> PlanCatalog:
    name = str(path)
    columns = layout.columns
    head, recorded = machine if machine is not None else ({}, {})
    stored_units = [
        UnitName(u["name"], tuple(u.get("aliases", [])), bool(u.get("collective", False)))
        for u in head.get("units", [])
        if isinstance(u, dict) and isinstance(u.get("name"), str)
    ]
    if units is not None:
        vocabulary = UnitVocabulary(units)
    else:
        vocabulary = UnitVocabulary(stored_units or _default_units())
    problems: list[CatalogProblem] = []
    sections: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    level1: str | None = None
    level2: str | None = None
    counters: dict[str, int] = {}
    used: list[str] = []
    last_section_cell = ""

    def where(r: int) -> str:
        return f"工作表“{sheet}”第 {r} 行"

    def open_section(level: int, numeral: str, section_name: str) -> None:
        nonlocal level1, level2
        if level == 1:
            level1, level2 = numeral, None
            code, parent = numeral, None
        else:
            parent = level1
            code = f"{level1}.（{numeral}）" if level1 else f"（{numeral}）"
            level2 = code
        if not any(s["code"] == code for s in sections):
            sections.append({"code": code, "name": section_name, "parent": parent})

    def cell(r: int, key: str) -> str:
        column = columns.get(key)
        return norm(grid.resolved(r, column)) if column is not None else ""

    for r in range(layout.header_row + 1, grid.max_row + 1):
        own = [norm(grid.own(r, c)) for c in range(1, grid.max_column + 1) if grid.own(r, c) is not None]
        if not own:
            continue
        if "section" in columns:
            section_cell = cell(r, "section")
            if section_cell and section_cell != last_section_cell:
                last_section_cell = section_cell
                heading = _section(section_cell)
                if heading is None:  # a 类别 cell without a numeral: number it in order
                    count = sum(1 for s in sections if s["parent"] is None)
                    heading = (1, chinese_numeral(count + 1), section_cell)
                open_section(*heading)
        task_text = norm(grid.own(r, columns["task"]))
        alone = _section(own[0]) if len(own) == 1 else None
        if alone is not None:  # a heading row on its own
            open_section(*alone)
            continue
        if not task_text:
            continue
        number = cell(r, "number")
        match = _TASK_NUMBER.match(task_text)
        if match:
            number = number or match.group(1)
            task_text = match.group(2).strip()
        section_code = level2 or level1
        if section_code is None:
            problems.append(CatalogProblem(name, where(r), f"任务不在任何章节之下：{snippet(task_text)}"))
            continue
        if not number or not re.fullmatch(r"\d{1,3}", number.rstrip(".．、")):
            counters[section_code] = counters.get(section_code, 0) + 1
            number = str(counters[section_code])
        number = number.rstrip(".．、")
        task_id = f"{section_code}.{number}"
        if any(t["id"] == task_id for t in tasks):
            problems.append(CatalogProblem(name, where(r), f"任务编号 {task_id} 重复"))
            continue
        seen = {
            "number": number,
            "text": task_text,
            "lead": cell(r, "lead"),
            "units": cell(r, "units"),
            "deadline": cell(r, "deadline"),
        }
        record = recorded.get(task_id)
        if record is not None and same_cells(seen, record["shown"]):  # untouched: every machine field
            kept_task = dict(record["data"], id=task_id, section=section_code)
            used += [*kept_task.get("lead_units", []), *kept_task.get("units", [])]
            tasks.append(kept_task)
            continue
        notes: list[str] = []
        lead, lead_notes = vocabulary.normalise(cell(r, "lead")) if cell(r, "lead") else ([], [])
        others, other_notes = vocabulary.normalise(cell(r, "units")) if cell(r, "units") else ([], [])
        notes += lead_notes + other_notes
        filled = [
            (label, cell(r, key))
            for key, label in (("lead", "牵头单位"), ("units", "责任单位"))
            if cell(r, key)
        ]
        written = (
            "；".join(f"{label}：{text}" for label, text in filled)
            if len(filled) > 1
            else "".join(text for _, text in filled)
        )
        used += lead + others
        tasks.append(
            {
                "id": task_id,
                "section": section_code,
                "number": number,
                "title": task_title(task_text),
                "text": task_text,
                "lead_units": lead,
                "units": [u for u in others if u not in lead],
                "units_as_written": written,
                "deadline": cell(r, "deadline") or None,
                "notes": notes,
            }
        )
    if problems:
        raise TaskSheetError(problems)
    if not tasks:
        raise refuse(path, "表中没有任务行", f"工作表“{sheet}”")
    known = {u.name: u for u in [*stored_units, *vocabulary.units]}
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._")
    sheet_title = next(
        (
            norm(grid.own(r, c))
            for r in range(1, layout.header_row)
            for c in range(1, grid.max_column + 1)
            if grid.own(r, c)
        ),
        "",
    )
    if title:
        final_title = title
    elif head and norm(sheet_title) == norm(head.get("shown_title")):
        final_title = str(head.get("title"))
    else:
        final_title = sheet_title or path.stem
    document: dict[str, Any] = {
        "kind": "plan",
        "id": plan_id or str(head.get("id") or (slug if slug and slug[0].isalnum() else "imported-plan")),
        "title": final_title,
        "source": str(head["source"]) if head.get("source") else f"{path.name}（工作表“{sheet}”）导入",
        "units": [known[n].to_dict() for n in dict.fromkeys(used) if n in known],
        "sections": sections,
        "tasks": tasks,
    }
    if head.get("stages"):
        document["stages"] = head["stages"]
    if stored_units:  # the stored vocabulary as it was, then any unit the edited rows added
        stored = {u.name for u in stored_units}
        added = [u for u in document["units"] if u["name"] not in stored]
        document["units"] = [u.to_dict() for u in stored_units] + added
    try:
        return plan_from_document(document, name)
    except CatalogError as exc:
        raise TaskSheetError(exc.problems) from exc
