"""County sheets without machine fields: units, 合并提供 cells and requirements by heuristics."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indicator_catalog.loader import (
    CatalogProblem,
)
from indicator_catalog.xlsx.cells import DEFAULT_POINTS, squash
from indicator_catalog.xlsx.requirements import parse_requirements, shared_note
from indicator_catalog.xlsx.sheet import SheetReading, VisibleRow
from indicator_catalog.xlsx.units import UnitVocabulary


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
class PlainIndicator:
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
    deadline: str = ""


def plain_indicators(
    path: Path, reading: SheetReading, vocabulary: UnitVocabulary
) -> tuple[list[PlainIndicator], dict[str, list[str]], list[CatalogProblem]]:
    """Read every indicator row as a county sheet without machine fields; also the bonus units."""
    name = str(path)
    problems: list[CatalogProblem] = []
    rows = [row for row in reading.rows if row.kind == "indicator"]
    seen: dict[int, int] = {}
    unique: list[VisibleRow] = []
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
    previous: VisibleRow | None = None
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
    empty: list[VisibleRow] = []
    for row in rows:
        number = int(row.key)
        if row.evidence[0] == "value":
            listed, rest = shared_note(row.evidence[1])
            cell = _EvidenceCell(number, row.row, row.evidence[1], listed, [number])
            cell.requirements = parse_requirements(rest, str(number))
            # The same 合并提供 note repeated (a page break split the merged cell) is one cell.
            for other in cells if listed is not None else ():
                if other.listed is not None and squash(other.text) == squash(cell.text):
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
    result: list[PlainIndicator] = []
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
            PlainIndicator(
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
                row.deadline,
            )
        )

    bonus_units: dict[str, list[str]] = {}
    for row in reading.rows:
        if row.kind == "bonus":
            bonus_units[str(row.key)] = (
                vocabulary.normalise(row.units[1])[0] if row.units[0] == "value" else []
            )
    return result, bonus_units, problems


def indicator_document(plain: PlainIndicator, group_code: str) -> dict[str, Any]:
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
        **({"deadline": plain.deadline} if plain.deadline else {}),
    }
