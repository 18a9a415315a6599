"""Writing a plan catalog as a task-list workbook (序号 | 主要任务 | 牵头单位 | 责任单位 | 完成时限).

As for indicator catalogs, a hidden sheet (``_fazhi_plan``) records the plan document and each task's
visible cells, so that ``import_plan_xlsx(export_plan_xlsx(p)) == p``: a task whose visible cells are
unchanged keeps every machine field (canonical units, notes); an edited one is re-read from the sheet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.base.errors import FazhiError
from app.base.jsonsafe import JsonLimitError, loads_limited
from indicator_catalog.plan import PlanCatalog, Task
from indicator_catalog.xlsx.cells import JSON_CHUNK, atomic_write, cell_text, norm, set_cell
from indicator_catalog.xlsx.guard import refuse

PLAN_SHEET = "任务清单"
PLAN_MACHINE_SHEET = "_fazhi_plan"
PLAN_MAGIC = "fazhi-plan"
PLAN_MACHINE_VERSION = 1
PLAN_HEADERS = ("序号", "主要任务", "牵头单位", "责任单位", "完成时限")
_WIDTHS = (6, 70, 22, 30, 20)


def shown_cells(task: Task) -> dict[str, str]:
    """The visible cells of a task row, as export writes them (compared on import)."""
    lead = "、".join(task.lead_units)
    units = task.units_as_written if not task.lead_units else "、".join(task.units)
    return {
        "number": task.number,
        "text": cell_text(task.text),
        "lead": cell_text(lead),
        "units": cell_text(units),
        "deadline": cell_text(task.deadline.text if task.deadline else ""),
    }


def _machine_row(ws: Any, row: int, kind: str, key: str, document: Any) -> None:
    set_cell(ws, row, 1, kind)
    set_cell(ws, row, 2, key)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for index in range(0, max(1, len(text)), JSON_CHUNK):
        set_cell(ws, row, 3 + index // JSON_CHUNK, text[index : index + JSON_CHUNK])


def export_plan_xlsx(plan: PlanCatalog, path: str | Path) -> Path:
    """Write ``plan`` as a task-list workbook at ``path`` (atomically)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise FazhiError(f"{path}: 任务清单应保存为 .xlsx 文件")
    workbook = Workbook()
    ws = workbook.active
    ws.title = PLAN_SHEET
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[chr(ord("A") + column - 1)].width = width
    title = set_cell(ws, 1, 1, cell_text(plan.title))
    title.font = Font(name="黑体", size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(PLAN_HEADERS))
    for column, header in enumerate(PLAN_HEADERS, start=1):
        cell = set_cell(ws, 2, column, header)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center")
    row = 3
    body = Font(name="宋体", size=10)
    for section in plan.sections:
        numeral = section.code.rsplit(".", 1)[-1]
        label = f"{numeral}、{section.name}" if section.parent is None else f"{numeral}{section.name}"
        cell = set_cell(ws, row, 1, cell_text(label))
        cell.font = Font(name="黑体", size=11, bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(PLAN_HEADERS))
        row += 1
        for task in (t for t in plan.tasks if t.section == section.code):
            shown = shown_cells(task)
            for column, key in enumerate(("number", "text", "lead", "units", "deadline"), start=1):
                cell = set_cell(ws, row, column, shown[key] or None)
                cell.font = body
                cell.border = border
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            row += 1
    ws.freeze_panes = ws.cell(row=3, column=1)
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"

    machine = workbook.create_sheet(PLAN_MACHINE_SHEET)
    machine.sheet_state = "hidden"
    set_cell(machine, 1, 1, PLAN_MAGIC)
    set_cell(machine, 1, 2, PLAN_MACHINE_VERSION)
    set_cell(
        machine, 1, 3, "本工作表由 fazhi 生成，记录任务清单无法显示的字段（规范单位名称、备注等），请勿修改。"
    )
    document = plan.to_dict()
    head = {k: v for k, v in document.items() if k != "tasks"}
    head["shown_title"] = cell_text(plan.title)
    _machine_row(machine, 2, "plan", plan.id, head)
    for offset, task in enumerate(plan.tasks):
        _machine_row(
            machine, 3 + offset, "task", task.id, {"data": task.to_dict(), "shown": shown_cells(task)}
        )
    workbook.properties.title = plan.title
    workbook.properties.creator = "fazhi"
    atomic_write(path, workbook.save)
    return path


def read_plan_machine(path: Path, workbook: Any) -> tuple[dict[str, Any], dict[str, dict[str, Any]]] | None:
    """(plan head, task id → {"data", "shown"}) from the hidden sheet, or ``None`` if there is none."""
    if PLAN_MACHINE_SHEET not in workbook.sheetnames:
        return None
    ws = workbook[PLAN_MACHINE_SHEET]
    where = f"工作表“{PLAN_MACHINE_SHEET}”"
    hint = "（可删除该工作表后按普通任务清单导入）"
    if ws.cell(1, 1).value != PLAN_MAGIC or ws.cell(1, 2).value != PLAN_MACHINE_VERSION:
        raise refuse(path, f"不是本版本 fazhi 生成的任务清单机器字段表{hint}", where)
    head: dict[str, Any] = {}
    tasks: dict[str, dict[str, Any]] = {}
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if not row or row[0] is None:
            continue
        try:
            record = loads_limited("".join(str(v) for v in row[2:] if v is not None))
        except json.JSONDecodeError as exc:
            raise refuse(path, f"第 {r} 行 JSON 损坏：{exc.msg}{hint}", where) from exc
        except JsonLimitError as exc:
            raise refuse(path, f"第 {r} 行 {exc}{hint}", where) from None
        if not isinstance(record, dict):
            raise refuse(path, f"第 {r} 行不是对象{hint}", where)
        if row[0] == "plan":
            head = record
        elif (
            row[0] == "task"
            and isinstance(record.get("data"), dict)
            and isinstance(record.get("shown"), dict)
        ):
            tasks[str(row[1])] = record
        else:
            raise refuse(path, f"第 {r} 行缺少 data/shown{hint}", where)
    if not head:
        raise refuse(path, f"缺少 plan 记录{hint}", where)
    return head, tasks


def same_cells(seen: dict[str, str], shown: dict[str, Any]) -> bool:
    return all(
        norm(seen.get(key)) == norm(shown.get(key)) for key in ("number", "text", "lead", "units", "deadline")
    )
