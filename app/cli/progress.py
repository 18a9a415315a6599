"""``fazhi progress DIR``: task progress of a plan project (not a score); ``--task T --set S`` records it."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.base.errors import UsageError
from app.cli.common import SubParsers, add_json_flag, print_json, print_table
from app.cli.refs import indicator_ref, resolve_ref
from app.project.folder import open_for_reading, open_project
from app.status.plan_progress import progress_summary, require_plan, set_task_progress, task_rows
from app.units.registry import resolve_unit


def register(subparsers: SubParsers) -> None:
    p = subparsers.add_parser("progress", help="任务清单项目的任务进度（已完成、推进中、已逾期），不打分")
    p.add_argument("dir", metavar="DIR", help="项目文件夹，如 ./五台县2024")
    p.add_argument(
        "--task", type=indicator_ref, metavar="T", help="任务编号，如 一.1；与 --set 同用时登记进度"
    )
    p.add_argument("--set", dest="state", metavar="S", help="登记进度：未启动、推进中、已完成、长期推进")
    p.add_argument("--note", default="", metavar="TEXT", help="与 --set 同用：进度说明")
    p.add_argument("--milestone", default="", metavar="TEXT", help="与 --set 同用：已达到的阶段目标")
    p.add_argument(
        "--completed", type=_day, metavar="YYYY-MM-DD", help="与 --set 已完成 同用：完成日期（不晚于今天）"
    )
    p.add_argument("--unit", metavar="U", help="只看该单位牵头或参与的任务")
    add_json_flag(p)
    p.set_defaults(handler=_progress)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期无效：{text}（应为 YYYY-MM-DD，如 2024-06-30）") from None


def _progress(args: argparse.Namespace) -> int:
    if args.state is not None:
        if args.task is None:
            raise UsageError("--set 需要 --task 指定任务 (--set needs --task)")
        with open_project(Path(args.dir)) as project:
            number = resolve_ref(require_plan(project, "登记任务进度"), args.task)
            row = set_task_progress(
                project,
                number,
                args.state,
                args.note,
                milestone=args.milestone,
                completed_on=args.completed,
            )
        if args.json:
            print_json(row.to_json())
        else:
            print(f"任务 {row.task_id}：{row.status_name}（完成时限 {row.deadline or '未定'}）")
        return 0
    with open_for_reading(Path(args.dir)) as project:
        catalog = require_plan(project, "任务进度")
        rows = task_rows(project)
        if args.task is not None:
            number = resolve_ref(catalog, args.task)
            rows = [r for r in rows if r.number == number]
        if args.unit:
            name = resolve_unit(project, args.unit).name
            rows = [r for r in rows if name in r.lead or name in r.co]
    summary = progress_summary(rows)
    if args.json:
        print_json({**summary, "rows": [r.to_json() for r in rows]})
        return 0
    print_table(
        [
            [
                r.task_id,
                r.title[:24],
                "、".join(r.lead) or "—",
                r.deadline_label or "—",
                r.status_name,
                str(r.evidence),
            ]
            for r in rows
        ],
        ["任务", "内容", "牵头单位", "完成时限", "状态", "资料数"],
    )
    print(
        f"共 {summary['tasks']} 项：已完成 {summary['done']}，推进中 {summary['in_progress']}，"
        f"已逾期 {summary['overdue']}"
    )
    return 0
