"""The visible 任务分解 layout as planned rows (shared by export and the machine sheet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indicator_catalog.model import Area, Catalog, Group
from indicator_catalog.xlsx.cells import cell_text, chinese_numeral


def area_cell_label(area: Area) -> str:
    return f"{area.code}、{area.name}"


def group_cell_label(area_code: str, group: Group) -> str:
    local = group.code.split(".", 1)[1] if group.code.startswith(f"{area_code}.") else group.code
    end = "" if group.name.endswith(("。", ".", "；", ";")) else "。"
    return f"{local}. {group.name}{end}"


@dataclass
class PlannedRow:
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


def plan_rows(catalog: Catalog) -> list[PlannedRow]:
    rows: list[PlannedRow] = []
    for area in catalog.areas:
        area_label = cell_text(area_cell_label(area))
        for group in area.groups:
            group_label = cell_text(group_cell_label(area.code, group))
            previous_units: tuple[str, ...] | None = None
            units_holder: int | None = None
            for number in group.numbers:
                ind = catalog.indicator(number)
                if ind.units_as_written.strip():
                    units: list[Any] = ["value", cell_text(ind.units_as_written)]
                    units_holder = number
                elif ind.units and units_holder is not None and ind.units == previous_units:
                    units = ["cont", units_holder]
                elif ind.units:
                    units = ["value", cell_text(" ".join(ind.units))]
                    units_holder = number
                else:
                    units = ["empty"]
                    units_holder = None
                previous_units = ind.units
                rows.append(
                    PlannedRow(
                        "indicator",
                        number,
                        area.code,
                        area_label,
                        group.code,
                        group_label,
                        cell_text(ind.text),
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
            row.evidence = ["value", cell_text(ind.evidence_as_written)]
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
            unit_state: list[Any] = ["value", cell_text(" ".join(item_units))] if item_units else ["empty"]
            label = f"{local}. {name}。"
            rows.append(
                PlannedRow(
                    kind, item_id, "附加项", extra_label, kind, label, cell_text(text), unit_state, ["empty"]
                )
            )
    return rows
