"""Reading a 任务分解 workbook (ours or a county's) into a validated catalog."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from indicator_catalog.demands import parse_time_demand
from indicator_catalog.loader import (
    CatalogError,
    CatalogProblem,
    catalog_from_document,
)
from indicator_catalog.model import Catalog, UnitName
from indicator_catalog.xlsx.cells import (
    DEFAULT_BONUS_POINTS,
    MACHINE_SHEET,
    TASK_SHEET,
    chinese_numeral,
    norm,
    parse_label,
)
from indicator_catalog.xlsx.guard import MAX_SHEET_COLUMNS, TaskSheetError, open_workbook, refuse
from indicator_catalog.xlsx.machine import read_machine, same_shown
from indicator_catalog.xlsx.plain import indicator_document, plain_indicators
from indicator_catalog.xlsx.plansheet import find_plan_layout
from indicator_catalog.xlsx.sheet import Grid, SheetReading, read_sheet
from indicator_catalog.xlsx.units import UnitVocabulary, default_vocabulary


def _default_id(path: Path) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._")
    if slug and slug[0].isalnum():
        return slug
    return "imported-" + hashlib.sha256(path.read_bytes()).hexdigest()[:8]


class PlanSheetError(TaskSheetError):
    """The workbook holds a task list (a plan), not a 任务分解 of indicators: ``import_xlsx`` reads it."""


def _open_questions(stored: Any, indicators: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The machine sheet's open questions that still apply: a row moved in the sheet to another listed
    placement answers its question; a row moved elsewhere (or removed) drops it."""
    group_of = {d["number"]: d["group"] for d in indicators}
    kept: list[dict[str, Any]] = []
    for question in stored if isinstance(stored, list) else ():
        if not isinstance(question, dict) or question.get("indicator") not in group_of:
            continue
        listed = [p.get("group") for p in question.get("placements", []) if isinstance(p, dict)]
        actual = group_of[question["indicator"]]
        if actual not in listed:
            continue
        entry = dict(question)
        entry.pop("chosen", None)
        if actual != entry.get("default"):
            entry["chosen"] = actual
        kept.append(entry)
    return kept


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
    workbook = open_workbook(path)
    try:
        machine = read_machine(path, workbook)
        reading: SheetReading | None = None
        candidates = [TASK_SHEET] if TASK_SHEET in workbook.sheetnames else []
        candidates += [n for n in workbook.sheetnames if n not in (TASK_SHEET, MACHINE_SHEET)]
        for sheet_name in candidates:
            reading = read_sheet(path, workbook[sheet_name])
            if reading is not None:
                break
        plan_sheet = (
            None
            if reading is not None
            else next(
                (
                    n
                    for n in candidates
                    if find_plan_layout(Grid(workbook[n], min(workbook[n].max_column, MAX_SHEET_COLUMNS)))
                ),
                None,
            )
        )
    finally:
        workbook.close()
    if plan_sheet is not None:
        reason = (
            "是任务清单（主要任务、牵头单位、责任单位、完成时限），不是指标体系任务分解表，应按计划类目录导入"
        )
        raise PlanSheetError([CatalogProblem(str(path), f"工作表“{plan_sheet}”", reason)])
    if reading is None:
        sheets = "、".join(n for n in workbook.sheetnames if n != MACHINE_SHEET)
        raise refuse(
            path, f"找不到任务分解表的表头（需要“一级指标”“二级指标”“三级指标”列；已查看工作表：{sheets}）"
        )
    if reading.problems:
        raise TaskSheetError(reading.problems)
    if not any(row.kind == "indicator" for row in reading.rows):
        raise refuse(path, "表中没有三级指标行", f"工作表“{reading.sheet}”")

    if units is not None:
        vocabulary = UnitVocabulary(units)
    elif machine is not None:
        vocabulary = UnitVocabulary(
            UnitName(u["name"], tuple(u.get("aliases", [])), bool(u.get("collective", False)))
            for u in machine.units
        )
    else:
        vocabulary = UnitVocabulary(default_vocabulary())
    plain, bonus_units, problems = plain_indicators(path, reading, vocabulary)
    if problems:
        raise TaskSheetError(problems)

    # areas and groups, in sheet order; codes from the machine sheet while the labels are unchanged
    area_code: dict[str, str] = {}
    areas: list[dict[str, Any]] = []
    group_code: dict[tuple[str, str], str] = {}
    group_problems: list[CatalogProblem] = []
    first_row = {int(row.key): row.row for row in reading.rows if row.kind == "indicator"}
    for item in plain:
        area_key = norm(item.area_label)
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
        key = (area_key, norm(item.group_label))
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
    layout_has_deadline = any(row.deadline for row in reading.rows)
    for item in plain:
        code = group_code[(norm(item.area_label), norm(item.group_label))]
        document = indicator_document(item, code)
        record = machine.indicators.get(item.number) if machine else None
        if record is not None:
            data, shown = dict(record["data"]), record["shown"]
            seen = visible[item.number]
            merged = dict(data, group=code)
            merged.pop("area", None)
            if not same_shown(seen, shown, "text"):
                merged["text"] = document["text"]
            if layout_has_deadline:  # a 完成时限 column the county added: the sheet is the truth
                merged.pop("deadline", None)
                if document.get("deadline"):
                    merged["deadline"] = document["deadline"]
            if not same_shown(seen, shown, "units"):
                for name in ("units", "units_as_written"):
                    merged[name] = document[name]
            evidence_group = [item.number, *data.get("shared_with", [])]
            unchanged = all(
                n in visible
                and machine is not None
                and n in machine.indicators
                and same_shown(visible[n], machine.indicators[n]["shown"], "evidence")
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
                "since": parse_time_demand(row.text).since,
                "year": parse_time_demand(row.text).year,
            }
        else:
            entry = {"id": item_id, "text": row.text}
        if record is not None:
            data, shown = record["data"], record["shown"]
            if same_shown(seen, shown, "text"):
                entry["text"] = data["text"]
                if row.kind == "bonus" and "since" in data:
                    entry["since"], entry["year"] = data.get("since"), data.get("year")
            if row.kind == "bonus":
                entry["max_points"] = data.get("max_points", DEFAULT_BONUS_POINTS)
                if same_shown(seen, shown, "units"):
                    entry["units"] = data.get("units", [])
        (bonus if row.kind == "bonus" else veto).append(entry)

    sheet_title = reading.title
    if title:
        final_title = title
    elif machine is not None and norm(sheet_title) == norm(machine.head.get("shown_title")):
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
    if machine is not None:
        document["open_questions"] = _open_questions(machine.head.get("open_questions"), indicators)
    try:
        return catalog_from_document(document, str(path))
    except CatalogError as exc:
        raise TaskSheetError(exc.problems) from exc
