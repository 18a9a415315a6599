"""The hidden ``_fazhi`` sheet: every field the visible layout cannot show, written and read back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.base.jsonsafe import JsonLimitError, loads_limited
from indicator_catalog.loader import (
    CatalogError,
)
from indicator_catalog.model import Catalog
from indicator_catalog.xlsx.cells import (
    JSON_CHUNK,
    MACHINE_MAGIC,
    MACHINE_SHEET,
    MACHINE_VERSION,
    cell_text,
    norm,
    set_cell,
)
from indicator_catalog.xlsx.guard import refuse
from indicator_catalog.xlsx.layout import PlannedRow, area_cell_label, group_cell_label


def _machine_row(ws: Any, row: int, kind: str, key: Any, document: Any) -> None:
    set_cell(ws, row, 1, kind)
    set_cell(ws, row, 2, str(key))
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for index in range(0, max(1, len(text)), JSON_CHUNK):
        set_cell(ws, row, 3 + index // JSON_CHUNK, text[index : index + JSON_CHUNK])


def write_machine_sheet(ws: Any, catalog: Catalog, rows: list[PlannedRow], title: str) -> None:
    ws.sheet_state = "hidden"
    set_cell(ws, 1, 1, MACHINE_MAGIC)
    set_cell(ws, 1, 2, MACHINE_VERSION)
    set_cell(
        ws,
        1,
        3,
        "本工作表由 fazhi 生成，记录任务分解表无法显示的字段（资料要求拆分、份数、网址、实地核查、分值等），"
        "请勿修改。",
    )
    set_cell(ws, 2, 1, "kind")
    set_cell(ws, 2, 2, "key")
    set_cell(ws, 2, 3, "json")
    head = {
        "id": catalog.id,
        "title": catalog.title,
        "source": catalog.source,
        "bonus_cap": catalog.bonus_cap,
        "shown_title": cell_text(title),
        "kind": catalog.kind,
        "open_questions": [q.to_dict() for q in catalog.open_questions],
    }
    records: list[tuple[str, Any, Any]] = [("catalog", catalog.id, head)]
    records += [("unit", u.name, u.to_dict()) for u in catalog.units]
    for area in catalog.areas:
        records.append(
            (
                "area",
                area.code,
                {"data": {"code": area.code, "name": area.name}, "shown": cell_text(area_cell_label(area))},
            )
        )
        for group in area.groups:
            data = {"code": group.code, "name": group.name}
            records.append(
                (
                    "group",
                    group.code,
                    {"data": data, "area": area.code, "shown": cell_text(group_cell_label(area.code, group))},
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


@dataclass
class Machine:
    head: dict[str, Any]
    units: list[dict[str, Any]]
    areas: dict[str, dict[str, Any]]  # shown label (normalised) → record
    groups: dict[tuple[str, str], dict[str, Any]]  # (area code, shown label) → record
    indicators: dict[int, dict[str, Any]]
    bonus: dict[str, dict[str, Any]]
    veto: dict[str, dict[str, Any]]


def read_machine(path: Path, workbook: Any) -> Machine | None:
    if MACHINE_SHEET not in workbook.sheetnames:
        return None
    ws = workbook[MACHINE_SHEET]

    def broken(reason: str) -> CatalogError:
        return refuse(path, f"{reason}（可删除该工作表后按普通任务分解表导入）", f"工作表“{MACHINE_SHEET}”")

    if ws.cell(1, 1).value != MACHINE_MAGIC:
        raise broken("不是 fazhi 生成的机器字段表")
    if ws.cell(1, 2).value != MACHINE_VERSION:
        raise broken(f"格式版本 {ws.cell(1, 2).value!r} 不受支持")
    machine = Machine({}, [], {}, {}, {}, {}, {})
    for r, row in enumerate(ws.iter_rows(min_row=3, values_only=True), start=3):
        if not row or row[0] is None:
            continue
        kind = str(row[0])
        text = "".join(str(v) for v in row[2:] if v is not None)
        try:
            record = loads_limited(text)
        except json.JSONDecodeError as exc:
            raise broken(f"第 {r} 行 JSON 损坏：{exc.msg}") from exc
        except JsonLimitError as exc:
            raise broken(f"第 {r} 行 {exc}") from None
        if not isinstance(record, dict):
            raise broken(f"第 {r} 行不是对象")
        try:
            if kind == "catalog":
                machine.head = record
            elif kind == "unit":
                machine.units.append(record)
            elif kind == "area":
                machine.areas[norm(record["shown"])] = record["data"]
            elif kind == "group":
                machine.groups[(str(record["area"]), norm(record["shown"]))] = record["data"]
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


def same_shown(visible: dict[str, Any], shown: dict[str, Any], field_name: str) -> bool:
    a, b = visible.get(field_name), shown.get(field_name)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(
            norm(x) == norm(y) if isinstance(x, str) or isinstance(y, str) else x == y
            for x, y in zip(a, b, strict=True)
        )
    return norm(a) == norm(b)
