"""``fazhi catalog list | show | validate | import-xlsx | export-xlsx``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.base.errors import NotFoundError, UsageError
from app.cli.common import SubParsers, add_json_flag, print_json, print_table
from app.cli.plans import plan_rows, resolve_any, show_plan
from app.project.folder import open_for_reading, open_project
from app.project.placements import last_decision, open_questions, set_placement
from indicator_catalog import (
    CatalogError,
    builtin_catalog_ids,
    load_builtin,
)
from indicator_catalog.plan import PlanCatalog
from indicator_catalog.plan_loader import load_any_file
from indicator_catalog.xlsx import export_plan_xlsx, export_task_xlsx, import_xlsx, write_catalog_file


def register(subparsers: SubParsers) -> None:
    catalog = subparsers.add_parser("catalog", help="指标体系：列出、查看、校验、导入导出任务分解表")
    commands = catalog.add_subparsers(dest="catalog_command", metavar="子命令", parser_class=type(catalog))

    p = commands.add_parser("list", help="内置指标体系")
    add_json_flag(p)
    p.set_defaults(handler=_list)

    p = commands.add_parser("show", help="显示整个指标体系")
    p.add_argument("catalog", nargs="?", metavar="ID_OR_FILE", help="内置 id 或文件（默认 national-2021）")
    add_json_flag(p)
    p.set_defaults(handler=_show)

    p = commands.add_parser("validate", help="校验指标体系文件，列出全部问题")
    p.add_argument("file", metavar="FILE", help="指标体系文件（YAML 或 JSON），如 my-catalog.yaml")
    add_json_flag(p)
    p.set_defaults(handler=_validate)

    p = commands.add_parser("import-xlsx", help="把县里的任务分解表（xlsx）转成指标体系文件")
    p.add_argument("xlsx", metavar="XLSX", help="任务分解表格，如 任务分解.xlsx")
    p.add_argument("--out", required=True, metavar="FILE", help="输出 .yaml 或 .json")
    p.add_argument("--id", dest="catalog_id", help="新指标体系的 id（默认取自文件名）")
    p.add_argument("--title", help="标题（默认取自表格）")
    add_json_flag(p)
    p.set_defaults(handler=_import_xlsx)

    p = commands.add_parser("export-xlsx", help="把指标体系导出为任务分解表（xlsx）")
    p.add_argument("catalog", nargs="?", metavar="ID_OR_FILE", help="内置 id 或文件（默认 national-2021）")
    p.add_argument("--out", required=True, metavar="XLSX", help="输出的表格，如 --out 任务分解.xlsx")
    add_json_flag(p)
    p.set_defaults(handler=_export_xlsx)

    p = commands.add_parser("placement", help="项目指标体系中的待定问题（如第 69 项的归属）：查看或选择")
    p.add_argument("dir", metavar="DIR", help="项目文件夹")
    p.add_argument("--set", dest="choices", action="append", default=[], metavar="69=五.1", help="选择归属")
    add_json_flag(p)
    p.set_defaults(handler=_placement)

    def _usage(_args: argparse.Namespace) -> int:
        catalog.print_help(sys.stderr)
        return 2

    catalog.set_defaults(handler=_usage)


def _placement(args: argparse.Namespace) -> int:
    choices: list[tuple[str, str]] = []
    for text in args.choices:
        name, sep, group = text.partition("=")
        if not sep or not name.strip() or not group.strip():
            raise UsageError(f"--set 应写成 题号=分组，如 69=五.1：{text}")
        choices.append((name.strip(), group.strip()))
    folder = Path(args.dir)
    with open_project(folder) if choices else open_for_reading(folder) as project:
        for name, group in choices:
            set_placement(project, name, group)
        views = open_questions(project)
        decisions = {v.question.id: last_decision(project, v.question.id) for v in views}
    if args.json:
        rows = []
        for view in views:
            decision = decisions[view.question.id]
            rows.append(
                {
                    **view.to_json(),
                    "decided_by": decision.actor if decision else None,
                    "decided_at": decision.at.isoformat() if decision else None,
                }
            )
        print_json(rows)
        return 0
    if not views:
        print("本项目的指标体系没有待定问题")
    for view in views:
        q = view.question
        print(f"{q.id}：第 {q.indicator} 项　{q.question}")
        print(f"  当前归属：{view.current}（指标体系默认 {q.default}）")
        decision = decisions[q.id]
        if decision is not None:
            when = decision.at.astimezone().strftime("%Y-%m-%d %H:%M")
            done = "撤销选择，恢复默认" if decision.group is None else f"选定 {decision.group}"
            print(f"  {decision.actor} 于 {when} {done}")
        for placement in q.placements:
            mark = "●" if placement.group == view.current else "○"
            print(f"  {mark} {placement.group}：{placement.basis}")
            if placement.quote:
                print(f"      原文：{placement.quote}")
    return 0


def _list(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    for catalog_id in builtin_catalog_ids():
        catalog = load_builtin(catalog_id)
        # counts both flat (areas, groups, indicators …) and as one object
        rows.append(
            {
                "id": catalog.id,
                "title": catalog.title,
                "kind": "assessment",
                **catalog.counts,
                "counts": catalog.counts,
            }
        )
    rows += plan_rows()
    if args.json:
        print_json(rows)
    else:
        print_table(
            [
                [r["id"], r["title"], f"{r['areas']}/{r['groups']}/{r['indicators']}"]
                if r["kind"] == "assessment"
                else [r["id"], r["title"], f"任务清单 {r['tasks']} 项"]
                for r in rows
            ],
            ["id", "标题", "一级/二级/三级"],
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    catalog = resolve_any(args.catalog)
    if isinstance(catalog, PlanCatalog):
        return show_plan(catalog, args.json)
    if args.json:
        print_json(catalog.to_dict())
        return 0
    print(f"{catalog.title}（{catalog.id}）")
    for area in catalog.areas:
        print(f"{area.code}、{area.name}")
        for group in area.groups:
            print(f"  {group.code} {group.name}")
            for number in group.numbers:
                indicator = catalog.indicator(number)
                flags = "【实地核查】" if indicator.onsite else ""
                print(
                    f"    {number:>3}. {indicator.text[:60]}{'…' if len(indicator.text) > 60 else ''}{flags}"
                )
    for bonus in catalog.bonus:
        print(f"加分项 {bonus.id}（最高 {bonus.max_points:g} 分）：{bonus.text}")
    for veto in catalog.veto:
        print(f"否决项 {veto.id}：{veto.text}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        reason = "是文件夹，不是指标体系文件" if path.is_dir() else "文件不存在 (file not found)"
        raise NotFoundError(f"{args.file}: {reason}")
    try:
        catalog = load_any_file(path)
    except CatalogError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        print(f"fazhi: {args.file}: 共 {len(exc.problems)} 个问题", file=sys.stderr)
        if args.json:
            problems = [{"file": p.file, "path": p.path, "reason": p.reason} for p in exc.problems]
            print_json({"file": args.file, "valid": False, "problems": problems})
        return 1
    counts = catalog.counts
    if args.json:
        print_json({"file": args.file, "valid": True, "id": catalog.id, "counts": counts, "problems": []})
        return 0
    if isinstance(catalog, PlanCatalog):
        print(
            f"{args.file}: 有效（任务清单 {catalog.id}："
            f"{counts['sections']} 个部分，{counts['tasks']} 项任务）"
        )
        return 0
    print(
        f"{args.file}: 有效（{catalog.id}：一级 {counts['areas']}，二级 {counts['groups']}，"
        f"三级 {counts['indicators']}，加分项 {counts['bonus']}，否决项 {counts['veto']}）"
    )
    return 0


def _import_xlsx(args: argparse.Namespace) -> int:

    catalog = import_xlsx(Path(args.xlsx), catalog_id=args.catalog_id, title=args.title)
    write_catalog_file(catalog, Path(args.out))
    if args.json:
        print_json({"out": args.out, "id": catalog.id, "title": catalog.title, "counts": catalog.counts})
    elif isinstance(catalog, PlanCatalog):
        print(f"已写入 {args.out}（任务清单，任务 {len(catalog.tasks)} 项）")
    else:
        print(f"已写入 {args.out}（三级指标 {len(catalog.indicators)} 项）")
    return 0


def _export_xlsx(args: argparse.Namespace) -> int:

    catalog = resolve_any(args.catalog)
    if isinstance(catalog, PlanCatalog):
        export_plan_xlsx(catalog, Path(args.out))
    else:
        export_task_xlsx(catalog, Path(args.out))
    if args.json:
        print_json({"out": args.out, "id": catalog.id, "title": catalog.title, "counts": catalog.counts})
    else:
        print(f"已写入 {args.out}")
    return 0
