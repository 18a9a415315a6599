"""Replay protection: a submission older than (or as old as) the newest imported one never wins.

Every submission made by this version carries ``sequence``: 1, 2, 3 … per unit and kit, kept by the
unit workspace (``unit_key.last_sequence``) and signed with the manifest. The office refuses a package
whose sequence is not above the highest it imported for that unit and kit. Packages of older versions
carry no sequence; they are accepted only while the kit has never sent a numbered one, and only if
their signed ``created_at`` is later than that of every submission already imported for the unit.
A refused package changes nothing (it is not kept as history either): the newer evidence stays active.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.base.jsonsafe import json_or_empty
from app.exchange.common import parse_time
from app.exchange.package import PackageError
from models import Submission


def submission_kit(row: Submission) -> str | None:
    """The kit that signed an imported submission (read from its manifest for rows of old versions)."""
    if row.kit_id:
        return row.kit_id
    value = json_or_empty(row.manifest_json).get("kit_id")
    return str(value) if value else None


def _created(row: Submission) -> datetime | None:
    value = json_or_empty(row.manifest_json).get("created_at")
    return parse_time(value) if isinstance(value, str) else None


def _local(moment: datetime) -> str:
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def check_not_replayed(
    previous: Sequence[Submission], document: dict[str, Any], *, unit: str, label: str
) -> None:
    """Raise ``PackageError`` when ``document`` is not newer than what the office already imported."""
    kit_id = str(document["kit_id"])
    sequence = document.get("sequence")
    numbered = [
        row.sequence for row in previous if row.sequence is not None and submission_kit(row) == kit_id
    ]
    newest = max(numbered, default=None)
    if sequence is not None:
        if newest is not None and int(sequence) <= newest:
            raise PackageError(
                label,
                f"这是 {unit} 的一份旧提交（序号 {sequence}，已导入的最新序号是 {newest}），"
                "不能覆盖更新的资料，未做任何更改 (replayed submission)",
            )
        return
    if newest is not None:
        raise PackageError(
            label,
            f"这份 {unit} 的提交没有序号，而该任务包已提交过带序号的新版本（序号 {newest}），"
            "可能是重放的旧包，未做任何更改 (replayed submission)",
        )
    created = parse_time(str(document["created_at"]))
    times = [moment for row in previous if (moment := _created(row)) is not None]
    latest = max(times, default=None)
    if latest is not None and created <= latest:
        raise PackageError(
            label,
            f"这是 {unit} 的一份旧提交（制作于 {_local(created)}，已导入的最新提交制作于 {_local(latest)}），"
            "不能覆盖更新的资料，未做任何更改 (replayed submission)",
        )
