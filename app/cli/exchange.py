"""``fazhi kit | submit | import | review | freeze``: exchange between the office and the units.

(``fazhi init DIR --from-kit KIT`` lives with the other project commands and calls
``app.exchange.kits.init_from_kit``.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.assessment.reviews import review
from app.base.errors import FazhiError, UsageError
from app.base.text import display_safe
from app.cli.common import SubParsers, add_json_flag, print_json, print_table, stderr_progress
from app.cli.frozen import warn_if_frozen
from app.cli.refs import indicator_ref, resolve_indicator_args, with_task
from app.exchange.importing import import_package
from app.exchange.kits import KitUpdateResult, issue_kit
from app.exchange.receive import ImportResult
from app.exchange.returns import issue_returns
from app.exchange.submit import submit
from app.integrity.freeze import freeze, list_freezes, verify_freeze
from app.project.folder import Project, open_project
from app.status.selfcheck import run_check
from app.units.roles import indicator_roles


def register(subparsers: SubParsers) -> None:
    p = subparsers.add_parser("kit", help="办公室：为单位生成任务包（或 --returns 生成退回通知）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--unit", required=True, metavar="U", help="单位全称或简称")
    p.add_argument("--out", required=True, metavar="FILE", help="输出的 .zip 文件")
    p.add_argument("--deadline", metavar="YYYY-MM-DD", help="报送截止日期")
    p.add_argument(
        "--new-key", dest="new_key", action="store_true", help="生成新密钥（之前签发的任务包作废）"
    )
    p.add_argument("--returns", action="store_true", help="生成退回通知（审核结论），而不是任务包")
    add_json_flag(p)
    p.set_defaults(handler=_kit)

    p = subparsers.add_parser("submit", help="单位：生成报送给办公室的提交包")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--out", required=True, metavar="FILE", help="输出的 .zip 文件，如 --out 提交包.zip")
    p.add_argument("--force", action="store_true", help="体检仍有错误时也生成（先用 fazhi check 查看）")
    add_json_flag(p)
    p.set_defaults(handler=_submit)

    p = subparsers.add_parser("import", help="导入交换包：办公室导入提交包，单位导入退回通知或新任务包")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("file", metavar="FILE", help="提交包、退回通知或任务包（.zip），如 县司法局提交包.zip")
    add_json_flag(p)
    p.set_defaults(handler=_import)

    p = subparsers.add_parser("review", help="办公室：逐项审核单位资料（通过或退回补充）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--indicator",
        "--task",
        dest="indicator",
        type=indicator_ref,
        required=True,
        metavar="N",
        help="指标编号",
    )
    p.add_argument("--unit", required=True, metavar="U", help="单位全称或简称")
    decision = p.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", dest="decision", action="store_const", const="accepted", help="通过")
    decision.add_argument(
        "--return", dest="decision", action="store_const", const="returned", help="退回补充"
    )
    p.add_argument("--comment", required=True, metavar="C", help="审核意见（退回时必须写明）")
    add_json_flag(p)
    p.set_defaults(handler=_review)

    p = subparsers.add_parser(
        "freeze",
        help="冻结快照：数据库副本和资料清单（含哈希）",
        description="冻结快照：数据库副本和资料清单（含哈希）。任务清单项目中已逾期的任务不阻止冻结："
        "逐项记入清单 overdue_tasks（任务编号、完成时限、到期日、进度、牵头单位），并在 stderr 警告。",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--label", default="", metavar="L", help="快照标签，如“正式申报”")
    p.add_argument(
        "--force",
        action="store_true",
        help="体检仍有错误时也冻结（先用 fazhi check 查看；逾期任务不阻止冻结，只记入清单）",
    )
    p.add_argument("--list", action="store_true", help="列出已有快照")
    p.add_argument(
        "--verify",
        nargs="?",
        const="",
        metavar="REF",
        help="核对快照（编号、文件夹名或标签；默认最近一个），有问题时退出码 3",
    )
    add_json_flag(p)
    p.set_defaults(handler=_freeze)


#: Self-check errors a freeze records instead of refusing: an annual snapshot of a plan with overdue
#: tasks is a normal thing to file (the manifest lists them as ``overdue_tasks``; a warning is printed).
FREEZE_RECORDS = frozenset({"task_overdue"})


def _require_clean_check(
    project: Project, *, force: bool, doing: str, recorded: frozenset[str] = frozenset()
) -> None:
    """Submitting or freezing with open self-check errors needs ``--force``; it is always said aloud.
    Findings whose code is in ``recorded`` do not block (the caller records and reports them)."""
    errors = [f for f in run_check(project) if f.severity == "error" and f.code not in recorded]
    if not errors:
        return
    first = errors[0].message
    if not force:
        raise FazhiError(
            f"体检还有 {len(errors)} 个错误（如：{first}），未{doing}；用 fazhi check 查看，"
            f"确需{doing}请加 --force (self-check has errors)"
        )
    print(
        f"fazhi: 警告：体检还有 {len(errors)} 个错误（如：{first}），按 --force 继续{doing}", file=sys.stderr
    )


def _kit(args: argparse.Namespace) -> int:

    with open_project(Path(args.dir)) as project:
        if args.returns:
            if args.deadline or args.new_key:
                raise UsageError("--returns 不能与 --deadline/--new-key 同用 (conflicting options)")
            note = issue_returns(
                project, unit=args.unit, out=Path(args.out), progress=stderr_progress("退回通知")
            )
            if args.json:
                print_json(note.to_json())
                return 0
            print(f"已生成 {note.unit} 的退回通知：{note.path}")
            for item in note.returned:
                print(f"  退回补充  第 {item.indicator} 项：{item.comment}")
            for item in note.accepted:
                print(f"  通过      第 {item.indicator} 项" + (f"：{item.comment}" if item.comment else ""))
            return 0
        result = issue_kit(
            project,
            unit=args.unit,
            out=Path(args.out),
            deadline=args.deadline,
            new_key=args.new_key,
            progress=stderr_progress("任务包"),
        )
    if args.json:
        print_json(result.to_json())
        return 0
    catalog = project.catalog
    numbers = "、".join(catalog.label_of(n) for n in result.indicators)
    print(f"已生成 {result.unit} 的任务包：{result.path}")
    print(f"  {'任务' if catalog.is_plan else '指标'}：{numbers}（共 {len(result.indicators)} 项）")
    roles = indicator_roles(project)
    led = [catalog.label_of(n) for n in result.indicators if roles[n].role_of(result.unit) == "lead"]
    if led:
        print(f"  牵头：{'、'.join(led)}（共 {len(led)} 项，其余为配合）")
    print(f"  截止日期：{result.deadline or '未设定'}")
    if result.new_key:
        key_note = "新生成（该单位之前的任务包已作废）" if args.new_key else "新生成"
    else:
        key_note = "沿用该单位已有密钥（之前的任务包仍有效）"
    print(f"  密钥：{key_note}")
    if not result.task_list:
        print("  注意：缺少内置字体，任务包中没有可打印的任务清单 PDF")
    return 0


def _submit(args: argparse.Namespace) -> int:

    with open_project(Path(args.dir)) as project:
        if project.info.role == "unit":  # an office project is refused by submit() itself
            _require_clean_check(project, force=args.force, doing="生成提交包")
        result = submit(project, out=Path(args.out), progress=stderr_progress("提交包"))
    if args.json:
        print_json(result.to_json())
        return 0
    print(f"已生成 {result.unit} 的提交包：{result.path}")
    print(f"  文件 {result.files} 个，共 {result.bytes} 字节；涉及指标 {len(result.indicators)} 项")
    return 0


def _import(args: argparse.Namespace) -> int:

    with open_project(Path(args.dir)) as project:
        result = import_package(project, Path(args.file), progress=stderr_progress("导入"))
    if args.json:
        print_json(result.to_json())
        return 0
    if isinstance(result, ImportResult):
        print(f"已导入 {result.unit} 的提交（编号 {result.submission_id}）：{result.package}")
        print(
            f"  新增 {len(result.added)} 个，未变 {len(result.unchanged)} 个，"
            f"被替代 {len(result.superseded)} 个"
        )
        rows = [
            [
                {"added": "新增", "unchanged": "未变", "superseded": "被替代"}[f.status],
                str(f.evidence_id),
                display_safe(f.filename),
                "、".join(str(n) for n in f.indicators),
            ]
            for f in (*result.files, *result.superseded)
        ]
        if rows:
            print_table(rows, ["状态", "资料编号", "文件", "指标"])
        return 0
    if isinstance(result, KitUpdateResult):
        print(f"已更新 {result.unit} 的任务包（截止日期 {result.deadline or '未设定'}）：{result.package}")
        return 0
    print(f"已导入办公室的审核结论：{result.package}")
    if not result.returned:
        print("  没有退回的项目")
    for item in result.returned:
        print(f"  退回补充  第 {item.indicator} 项：{item.comment}（{item.reviewed_by}）")
    for item in result.accepted:
        print(f"  通过      第 {item.indicator} 项")
    return 0


def _review(args: argparse.Namespace) -> int:

    with open_project(Path(args.dir)) as project:
        resolve_indicator_args(args, project.catalog)
        result = review(
            project, indicator=args.indicator, unit=args.unit, decision=args.decision, comment=args.comment
        )
        warn_if_frozen(project)
    if args.json:
        print_json(with_task(project.catalog, result.to_json()))
        return 0
    label = "通过" if result.decision == "accepted" else "退回补充"
    where = project.catalog.item_name(result.indicator).removesuffix("指标")
    print(f"{where} {result.unit}：{label}" + (f"（{result.comment}）" if result.comment else ""))
    return 0


def _freeze(args: argparse.Namespace) -> int:

    if args.list or args.verify is not None:
        if args.label:
            raise UsageError("--label 只用于新建快照 (conflicting options)")
        with open_project(Path(args.dir), readonly=True) as project:
            if args.list:
                items = list_freezes(project)
                if args.json:
                    print_json([f.to_json() for f in items])
                else:
                    print_table(
                        [
                            [
                                str(f.id),
                                f.label,
                                f.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                                str(f.evidence_count),
                                f.folder.name,
                            ]
                            for f in items
                        ],
                        ["编号", "标签", "时间", "资料数", "文件夹"],
                    )
                return 0
            check = verify_freeze(project, args.verify or None, progress=stderr_progress("核对"))
        if args.json:
            print_json(check.to_json())
        else:
            print(f"快照 {check.freeze_id}（{check.folder}）：{'完好' if check.ok else '发现问题'}")
            for problem in check.problems:
                print(f"  {problem}")
        return 0 if check.ok else 3
    if args.force and (args.list or args.verify is not None):
        raise UsageError("--force 只用于新建快照 (conflicting options)")
    with open_project(Path(args.dir)) as project:
        _require_clean_check(project, force=args.force, doing="冻结快照", recorded=FREEZE_RECORDS)
        result = freeze(project, label=args.label, progress=stderr_progress("冻结"))
    if result.overdue_warning:
        print(f"fazhi: 警告：{result.overdue_warning}", file=sys.stderr)
    if args.json:
        print_json(result.to_json())
        return 0
    print(f"已冻结快照 {result.id}{('（' + result.label + '）') if result.label else ''}：{result.folder}")
    print(
        f"  资料 {result.evidence_count} 个，共 {result.total_bytes} 字节；"
        f"清单 SHA-256 {result.manifest_sha256}"
    )
    return 0
