"""``fazhi units DIR`` editing flags: --import, --rename, --alias 名称=简称, --members, --roles, --set-role.

Names written as counties write them are matched; an uncertain match is never taken silently: without
``--yes`` the candidates are printed with their reasons and the command exits 1 with nothing changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.base.errors import UsageError
from app.cli.common import print_json
from app.project.folder import open_project
from app.units.editing import (
    accept_best,
    add_alias,
    apply_unit_import,
    plan_unit_import,
    rename_unit,
    set_indicator_units,
)
from app.units.registry import resolve_unit, set_collective_members
from app.units.roles import set_unit_role

#: How --set-role names a role (Chinese as the office says it, or the JSON word).
_ROLE_WORDS = {"牵头": "lead", "lead": "lead", "配合": "co", "co": "co"}


def add_edit_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--import",
        dest="import_xlsx",
        metavar="XLSX",
        help="从单位名单表格导入（单位名称、简称、类型、包含单位）",
    )
    p.add_argument("--yes", action="store_true", help="与 --import 同用：不确定的名称取最佳候选")
    p.add_argument("--rename", action="append", default=[], metavar="旧=新", help="改名（旧名称保留为简称）")
    p.add_argument(
        "--members", action="append", default=[], metavar="集体=单位1,单位2", help="设置集体名称涵盖的单位"
    )
    p.add_argument(
        "--roles",
        action="append",
        default=[],
        metavar="N=牵头单位[:配合1,配合2]",
        help="某项指标（或任务，如 一.3）的牵头与配合单位",
    )
    p.add_argument(
        "--set-role",
        action="append",
        default=[],
        metavar="N=单位:牵头|配合",
        help="只改一个单位在某项指标（或任务）上的角色：设为牵头时原牵头单位改为配合",
    )


def _pair(text: str, flag: str) -> tuple[str, str]:
    left, sep, right = text.partition("=")
    if not sep or not left.strip() or not right.strip():
        raise UsageError(f"{flag} 应写成 A=B：{text}")
    return left.strip(), right.strip()


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("，", ",").replace("、", ",").split(",") if n.strip()]


def wants_edit(args: argparse.Namespace) -> bool:
    aliases = [a for a in args.alias if "=" in a] if not args.add else []
    return bool(args.import_xlsx or args.rename or args.members or args.roles or args.set_role or aliases)


def run_edits(args: argparse.Namespace) -> int:
    with open_project(Path(args.dir)) as project:
        if args.import_xlsx:
            plan = plan_unit_import(project, Path(args.import_xlsx))
            if plan.unconfirmed and not args.yes:
                if args.json:
                    print_json(plan.to_json())
                for row in plan.unconfirmed:
                    print(f"“{row.entry.name}”（第 {row.entry.row} 行）可能是：", file=sys.stderr)
                    for c in row.candidates:
                        print(f"  {c.name}（{c.score:.2f}，{c.reason}）", file=sys.stderr)
                print("未导入：请核对后加 --yes 接受最佳候选，或先改正表格中的名称", file=sys.stderr)
                return 1
            accept_best(plan)
            infos = apply_unit_import(project, plan)
            for problem in plan.problems:
                print(f"提示：{Path(args.import_xlsx).name} {problem}", file=sys.stderr)
            if args.json:
                print_json(plan.to_json())
            else:
                print(f"已导入 {len(infos)} 个单位：{'、'.join(i.name for i in infos)}")
        for text in args.rename:
            old, new = _pair(text, "--rename")
            info = rename_unit(project, old, new)
            print(f"已改名：{old} → {info.name}（原名称保留为简称）")
        for text in args.alias if not args.add else []:
            name, alias = _pair(text, "--alias")
            info = add_alias(project, name, alias)
            print(f"{info.name} 的简称：{'、'.join(info.aliases)}")
        for text in args.members:
            collective, members = _pair(text, "--members")
            set_collective_members(project, collective, _names(members))
            info = resolve_unit(project, collective)
            print(f"{info.name} 的成员：{'、'.join(info.members) or '（无）'}")
        for text in args.roles:
            number, units = _pair(text, "--roles")
            found = project.catalog.number_of(number)
            if found is None:
                raise UsageError(f"--roles 的指标编号或任务编号未知：{text}")
            lead, _sep, co = units.partition(":")
            roles = set_indicator_units(project, found, lead.strip() or None, _names(co))
            co_text = "、".join(roles["co"]) or "无"
            print(
                f"{project.catalog.item_name(found)} 牵头单位：{roles['lead'] or '未定'}；配合单位：{co_text}"
            )
        for text in args.set_role:
            number, value = _pair(text, "--set-role")
            found = project.catalog.number_of(number)
            if found is None:
                raise UsageError(f"--set-role 的指标编号或任务编号未知：{text}")
            unit, _sep, word = value.rpartition(":")
            role = _ROLE_WORDS.get(word.strip())
            if not unit.strip() or role is None:
                raise UsageError(f"--set-role 应写成 N=单位:牵头 或 N=单位:配合：{text}")
            result = set_unit_role(project, unit.strip(), found, role)
            if args.json:
                print_json(result.to_json())
            else:
                print(
                    f"{project.catalog.item_name(found)} 牵头单位：{'、'.join(result.lead) or '未定'}；"
                    f"配合单位：{'、'.join(result.co) or '无'}"
                )
    return 0
