"""The one evidence-scope rule: which unit may attach or submit evidence for which indicators."""

from __future__ import annotations

from collections.abc import Sequence

from app.base.errors import UsageError
from app.project.folder import Project
from app.units.registry import UnitInfo, resolve_unit


def allowed_indicators(project: Project, unit: UnitInfo) -> set[int]:
    """A unit may attach evidence to its indicators and to the rest of their 合并提供 groups."""
    allowed: set[int] = set()
    for number in unit.indicators:
        allowed.update(project.catalog.indicator(number).evidence_group)
    return allowed


KIT_SETTINGS_KEY = "kit"


def real_unit(project: Project, name: str) -> UnitInfo:
    unit = resolve_unit(project, name)
    if unit.collective:
        members = "、".join(unit.members) or "尚未设置成员"
        raise UsageError(f"{unit.name} 是集体名称，请指定具体单位（成员：{members}） (collective name)")
    return unit


def check_unit_scope(project: Project, unit: str, indicators: Sequence[int]) -> UnitInfo:
    """Refuse (``UsageError``) evidence for another unit or outside the unit's indicators.

    In a unit workspace only the workspace's unit and the indicators its kit listed (with their 合并提供
    groups) are allowed; in an office project a real unit and the indicators it is responsible for.
    ``app.evidence.attach.attach`` should call this before it writes anything.
    """
    info, allowed = unit_scope(project, unit)
    check_in_scope(project, info, allowed, indicators)
    return info


def unit_scope(project: Project, unit: str) -> tuple[UnitInfo, set[int]]:
    info = real_unit(project, unit)
    if project.info.role == "unit":
        if project.info.unit and info.name != project.info.unit:
            raise UsageError(
                f"本工作区属于 {project.info.unit}，不能为 {info.name} 添加或提交资料 (other unit)"
            )
        kit = project.settings.get(KIT_SETTINGS_KEY) or {}
        allowed = set(kit.get("allowed_indicators") or ()) or allowed_indicators(project, info)
    else:
        allowed = allowed_indicators(project, info)
    return info, allowed


def check_in_scope(project: Project, info: UnitInfo, allowed: set[int], indicators: Sequence[int]) -> None:
    for number in indicators:
        if not project.catalog.has_indicator(number):
            raise UsageError(f"未知的指标：第 {number} 项（{project.catalog.id}） (unknown indicator)")
        if number not in allowed:
            raise UsageError(
                f"{project.catalog.item_name(number)}不在 {info.name} 的任务范围内"
                " (indicator out of the unit's scope)"
            )


def check_attach_scope(project: Project, unit_name: str, indicators: Sequence[int]) -> UnitInfo:
    """Who may attach what. In a unit workspace the kit's list (``check_unit_scope``) is the authority;
    in the office project our own checks run first (their messages name the responsible units), then
    ``check_unit_scope``, so both doors into a project apply the same rule."""

    if project.info.role == "unit":
        return check_unit_scope(project, unit_name, indicators)
    unit = resolve_unit(project, unit_name)
    if unit.collective:
        members = "、".join(unit.members) or "尚未设置成员"
        raise UsageError(f"{unit.name} 是集体名称，请指定具体单位（成员：{members}） (collective name)")
    allowed = allowed_indicators(project, unit)
    for number in indicators:
        if number not in allowed:
            raise UsageError(
                f"{unit.name} 不是{project.catalog.item_name(number)}的责任单位"
                f"（责任单位：{'、'.join(project.catalog.indicator(number).units) or '未列出'}）"
                " (not responsible)"
            )
    check_unit_scope(project, unit.name, indicators)
    return unit
