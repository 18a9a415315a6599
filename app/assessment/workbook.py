"""app.assessment.workbook: moved from app.export.service."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.assessment.levels import current_levels
from app.base.actor import resolve_actor
from app.base.errors import UsageError
from app.project.audit import record
from app.project.folder import Project
from exports.workbook import read_levels
from models import Assessment, utcnow


@dataclass(frozen=True)
class LevelChange:
    """A level or comment the workbook sets that differs from the one in force."""

    indicator: int
    level: str
    comment: str
    previous_level: str | None  # None: never assessed
    previous_comment: str

    def to_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "level": self.level,
            "comment": self.comment,
            "previous_level": self.previous_level,
            "previous_comment": self.previous_comment,
        }


@dataclass(frozen=True)
class AppliedLevels:
    changed: int
    unchanged: int
    rows: int
    changes: tuple[LevelChange, ...] = ()
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "changes": [change.to_json() for change in self.changes],
        }


def read_levels_from_workbook(project: Project, path: Path) -> list[tuple[int, str, str]]:
    """``(indicator, level, comment)`` from the 自评打分表 of an edited workbook.

    Raises ``WorkbookError`` (a ``FazhiError``) naming the sheet, the row and the reason of every bad
    row; rows whose 等次 is empty or 未评估 are left out.
    """

    return [(row.indicator, row.level, row.comment) for row in read_levels(Path(path), project.catalog)]


def apply_levels_from_workbook(
    project: Project, path: Path, *, by: str | None = None, dry_run: bool = False
) -> AppliedLevels:
    """Read the 打分表 and record every level or comment that differs from the one in force.

    Every row is checked before anything is written, and all changes go in one transaction (each with
    the same ``assessment.set`` audit entry ``fazhi assess`` writes), so a bad row changes nothing.
    ``dry_run``: check and report the changes, write nothing (a read-only project will do).
    """

    if not dry_run:
        project._require_writable()
    if project.info.role == "unit":
        raise UsageError(f"单位工作区不能评定等级（由依法治县办评定）：{project.folder} (office only)")
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"找不到文件：{path} (no such file)")
    rows = read_levels_from_workbook(project, path)
    current = current_levels(project)
    changes = tuple(
        LevelChange(
            number,
            level,
            comment,
            current[number].level if number in current else None,
            current[number].comment if number in current else "",
        )
        for number, level, comment in rows
        if number not in current or current[number].level != level or current[number].comment != comment
    )
    result = AppliedLevels(len(changes), len(rows) - len(changes), len(rows), changes, dry_run)
    if dry_run:
        return result
    actor = resolve_actor(by)
    with project.session() as session:
        for change in changes:
            session.add(
                Assessment(
                    indicator_number=change.indicator,
                    level=change.level,
                    comment=change.comment,
                    assessed_by=actor,
                    at=utcnow(),
                )
            )
            record(
                session,
                "assessment.set",
                f"indicator:{change.indicator}",
                {
                    "level": change.level,
                    "previous": change.previous_level,
                    "comment": change.comment,
                    "source": str(path),
                },
                actor,
            )
        record(
            session,
            "assessment.import",
            f"project:{project.info.id}",
            {"file": str(path), "changed": len(changes), "rows": len(rows)},
            actor,
        )
    return result
