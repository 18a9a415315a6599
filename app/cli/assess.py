"""``fazhi assess | veto | bonus | scheme | score | explain | check | record``: the office's judgement,
the score and the pre-submission self-check.

``fazhi assess DIR --from-xlsx FILE`` takes the levels and comments of a whole 自评打分表 (exported by
``fazhi export workbook`` and edited) in one go; ``fazhi assess-xlsx DIR FILE`` is the same command.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from app.assessment.levels import (
    INFO_KINDS,
    claim_bonus,
    current_scheme,
    history,
    load_scheme,
    record_info,
    reset_scheme,
    score_project,
    set_level,
    set_veto,
)
from app.assessment.workbook import apply_levels_from_workbook
from app.base.errors import UsageError
from app.cli.common import SubParsers, add_json_flag, print_json, print_table
from app.cli.frozen import warn_if_frozen
from app.cli.refs import indicator_ref, resolve_indicator_args
from app.project.folder import (
    Project,
    open_project,  # lazily: the database stack is not needed to build the parser
)
from app.scoring.compute import ScoreResult
from app.scoring.explain import explain
from app.scoring.scheme import DISCLAIMER, describe_scheme, scheme_to_document
from app.status.selfcheck import SEVERITY_LABELS, run_check
from app.units.registry import resolve_unit


def register(subparsers: SubParsers) -> None:
    p = subparsers.add_parser(
        "assess",
        help="评定某项三级指标的等级（达标/基本达标/未达标/不适用），或用 --from-xlsx 从自评打分表批量导入",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--indicator",
        "--task",
        dest="indicator",
        type=indicator_ref,
        metavar="N",
        help="指标编号（不用 --from-xlsx 时必填）",
    )
    p.add_argument(
        "--level", metavar="L", help="达标、基本达标、未达标、不适用（或 met、partial、unmet、na）"
    )
    p.add_argument("--comment", metavar="C", help="评语")
    p.add_argument("--by", metavar="NAME", help="评审人（默认当前用户）")
    p.add_argument("--history", action="store_true", help="显示该指标的评定历史（不作修改）")
    p.add_argument(
        "--from-xlsx",
        metavar="FILE",
        help="从 fazhi export workbook 导出并修改过的 .xlsx（自评打分表）导入各项等级和评语",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="与 --from-xlsx 同用：只检查并列出将有的变化，不作修改"
    )
    add_json_flag(p)
    p.set_defaults(handler=_assess)

    p = subparsers.add_parser(
        "assess-xlsx", help="同 assess DIR --from-xlsx FILE：从自评打分表导入等级和评语"
    )
    p.add_argument("dir", metavar="DIR", help="项目文件夹")
    p.add_argument("file", metavar="FILE", help="由 fazhi export workbook 导出并修改后的 .xlsx")
    p.add_argument("--by", metavar="NAME", help="评审人（默认当前用户）")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出将有的变化，不作修改")
    add_json_flag(p)
    p.set_defaults(handler=_assess_xlsx)

    p = subparsers.add_parser("veto", help="标记否决项（触发或解除）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("item", metavar="ITEM", help="否决项编号，如 V1")
    state = p.add_mutually_exclusive_group(required=True)
    state.add_argument("--triggered", action="store_true", help="触发")
    state.add_argument("--clear", action="store_true", help="解除")
    p.add_argument("--note", required=True, metavar="TEXT", help="说明")
    p.add_argument("--by", metavar="NAME", help="评审人（默认当前用户）")
    add_json_flag(p)
    p.set_defaults(handler=_veto)

    p = subparsers.add_parser("bonus", help="申报加分项（按评分方案封顶）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("item", metavar="ITEM", help="加分项编号，如 B1")
    p.add_argument("--points", type=float, required=True, metavar="P", help="申报分值（0 表示撤销申报）")
    p.add_argument("--note", required=True, metavar="TEXT", help="说明")
    p.add_argument("--proof", type=int, metavar="EVIDENCE_ID", help="证明文件的资料编号")
    p.add_argument("--by", metavar="NAME", help="评审人（默认当前用户）")
    add_json_flag(p)
    p.set_defaults(handler=_bonus)

    p = subparsers.add_parser("scheme", help="查看或更换评分方案")
    p.add_argument("dir", metavar="DIR")
    change = p.add_mutually_exclusive_group()
    change.add_argument("--load", metavar="FILE", help="载入评分方案文件（YAML 或 JSON）")
    change.add_argument("--reset", action="store_true", help="恢复内置参考方案")
    p.add_argument("--by", metavar="NAME", help="操作人（默认当前用户）")
    add_json_flag(p)
    p.set_defaults(handler=_scheme)

    p = subparsers.add_parser("score", help="得分（参考评分方案，非官方分值）")
    p.add_argument("dir", metavar="DIR")
    add_json_flag(p)
    p.set_defaults(handler=_score)

    p = subparsers.add_parser(
        "explain", help="逐步说明某个分数的来历：指标 → 等级 → 系数 → 得分 → 小计 → 总分"
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("target", nargs="?", default="total", metavar="N|B1|V1|CODE|total", help="默认 total")
    add_json_flag(p)
    p.set_defaults(handler=_explain)

    p = subparsers.add_parser("check", help="报送前体检：缺资料、数量不足、过期资料、未评估 …")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--unit", metavar="U", help="只看该单位的问题")
    p.add_argument(
        "--indicator", "--task", dest="indicator", type=indicator_ref, metavar="N", help="只看该指标的问题"
    )
    p.add_argument(
        "--warn-only",
        dest="warn_only",
        action="store_true",
        help="有错误也以退出码 0 结束（只提示，不拦截脚本），如 fazhi check 项目 --warn-only",
    )
    add_json_flag(p)
    p.set_defaults(handler=_check)

    p = subparsers.add_parser("record", help="登记资料要求中的网址或联系方式")
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--indicator",
        "--task",
        dest="indicator",
        type=indicator_ref,
        required=True,
        metavar="N",
        help="指标编号，如 --indicator 26",
    )
    p.add_argument("--unit", required=True, metavar="U", help="单位全称或简称，如 --unit 县司法局")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--url", metavar="URL", help="网址")
    what.add_argument("--contact", metavar="TEXT", help="联系方式")
    what.add_argument("--note", metavar="TEXT", help="其他说明")
    p.add_argument("--by", metavar="NAME", help="登记人（默认当前用户）")
    add_json_flag(p)
    p.set_defaults(handler=_record)


def _open(args: argparse.Namespace, *, readonly: bool = False) -> Project:
    project = open_project(Path(args.dir), readonly=readonly)
    if project.catalog.is_plan and getattr(args, "handler", None) in _SCORING:
        project.close()
        raise UsageError(
            f"{project.info.county} {project.info.year} 是任务清单（计划类）项目，不打分、不评等级："
            "请用 fazhi progress 查看和登记任务进度 (plan projects are not scored)"
        )
    return project


def _assess(args: argparse.Namespace) -> int:

    if args.from_xlsx is not None:
        given = {
            "--indicator": args.indicator is not None,
            "--level": args.level is not None,
            "--comment": args.comment is not None,
            "--history": args.history,
        }
        conflicting = [flag for flag, present in given.items() if present]
        if conflicting:
            raise UsageError(
                f"--from-xlsx 不能与 {'、'.join(conflicting)} 同时使用：等级和评语都取自打分表 "
                "(--from-xlsx excludes --indicator/--level/--comment/--history)"
            )
        return _assess_from_workbook(
            Path(args.dir), Path(args.from_xlsx), by=args.by, dry_run=args.dry_run, as_json=args.json
        )
    if args.dry_run:
        raise UsageError("--dry-run 只能与 --from-xlsx 同用 (--dry-run needs --from-xlsx)")
    if args.indicator is None:
        raise UsageError(
            "必须指定 --indicator N（评定一项，配 --level L），或 --from-xlsx FILE（从自评打分表导入） "
            "(--indicator or --from-xlsx required)"
        )
    if args.history:
        with _open(args, readonly=True) as project:
            rows = history(project, args.indicator)
        if args.json:
            print_json([r.to_json() for r in rows])
        elif not rows:
            print(f"第 {args.indicator} 项尚未评估")
        else:
            print_table(
                [[f"{r.at:%Y-%m-%d %H:%M}", r.level, r.by, r.comment] for r in rows],
                ["时间", "等级", "评审人", "评语"],
            )
        return 0
    if not args.level:
        raise UsageError("必须指定等级（--level 达标|基本达标|未达标|不适用） (--level required)")
    with _open(args) as project:
        result = set_level(project, args.indicator, args.level, comment=args.comment, by=args.by)
        warn_if_frozen(project)
    if args.json:
        print_json(result.to_json())
    else:
        print(f"第 {result.indicator} 项：{result.level}（评审人 {result.by}）")
    return 0


def _assess_xlsx(args: argparse.Namespace) -> int:
    return _assess_from_workbook(
        Path(args.dir), Path(args.file), by=args.by, dry_run=args.dry_run, as_json=args.json
    )


def _assess_from_workbook(folder: Path, path: Path, *, by: str | None, dry_run: bool, as_json: bool) -> int:
    """Every level and comment of an edited 打分表, checked first and written in one transaction."""

    if not path.is_file():
        raise UsageError(f"找不到文件：{path} (no such file)")
    with open_project(folder, readonly=dry_run) as project:
        applied = apply_levels_from_workbook(project, path, by=by, dry_run=dry_run)
    if as_json:
        print_json({"file": str(path), **applied.to_json()})
        return 0
    if dry_run:
        print(
            f"试运行，未作修改：{path.name} 共 {applied.rows} 项有等次，"
            f"{applied.changed} 项将有变化，{applied.unchanged} 项不变。"
        )
    else:
        print(
            f"已从 {path.name} 导入 {applied.rows} 项：{applied.changed} 项等级或评语有变化，"
            f"{applied.unchanged} 项未变。"
        )
    for change in applied.changes:
        before = change.previous_level or "未评估"
        line = f"第 {change.indicator} 项：{before} → {change.level}"
        if change.comment != change.previous_comment:
            line += f"；评语：{change.comment or '（清空）'}"
        print(line)
    return 0


def _veto(args: argparse.Namespace) -> int:

    with _open(args) as project:
        mark = set_veto(project, args.item, triggered=bool(args.triggered), note=args.note, by=args.by)
        warn_if_frozen(project)
    if args.json:
        print_json(mark.to_json())
    else:
        state = "已触发：结果为一票否决" if mark.triggered else "已解除"
        print(f"否决项 {mark.item_id} {state}")
    return 0


def _bonus(args: argparse.Namespace) -> int:

    with _open(args) as project:
        mark = claim_bonus(
            project, args.item, points=args.points, note=args.note, proof_evidence_id=args.proof, by=args.by
        )
        scheme = current_scheme(project)
        warn_if_frozen(project)
    cap = scheme.bonus_cap(mark.item_id)
    if args.json:
        print_json({**mark.to_json(), "cap": cap, "total_cap": scheme.bonus_total_cap})
        return 0
    points = mark.points or 0
    capped = f"，按方案上限计 {cap:g} 分" if cap is not None and points > cap else ""
    proof = (
        f"，证明资料 {mark.proof_evidence_id}" if mark.proof_evidence_id else "，尚未附证明资料（--proof）"
    )
    total_cap = f"（加分合计最高 {scheme.bonus_total_cap:g} 分）"
    print(f"加分项 {mark.item_id} 申报 {points:g} 分{capped}{proof}{total_cap}")
    return 0


def _scheme(args: argparse.Namespace) -> int:

    if args.load or args.reset:
        with _open(args) as project:
            scheme = (
                load_scheme(project, args.load, by=args.by)
                if args.load
                else reset_scheme(project, by=args.by)
            )
    else:
        with _open(args, readonly=True) as project:
            scheme = current_scheme(project)
    if args.json:
        print_json(
            {
                **scheme_to_document(scheme),
                "source": scheme.source,
                "reference": scheme.reference,
                "official": False,
                "disclaimer": DISCLAIMER,
            }
        )
        return 0
    if args.load:
        print(f"已载入评分方案：{args.load}")
    elif args.reset:
        print("已恢复内置参考方案")
    for line in describe_scheme(scheme):
        print(line)
    return 0


def _print_score(result: ScoreResult, heading: str) -> None:
    print(heading)
    print(f"（{DISCLAIMER}）")
    print(f"评分方案：{result.scheme.name}")
    print_table(
        [[a.code, a.name, f"{a.score:g}", f"{a.max:g}", f"{a.assessed}/{a.count}"] for a in result.areas],
        ["一级", "名称", "得分", "满分", "已评估"],
    )
    print(
        f"基础分 {result.base:g} / {result.base_max:g}"
        f"（三级指标得分 {result.earned:g} / 适用满分 {result.applicable_max:g}；"
        f"已评估 {result.assessed}/{len(result.indicators)} 项，不适用 {result.not_applicable} 项）"
    )
    claims = "，".join(f"{b.id} {b.awarded:g}" for b in result.bonus_items if b.claimed)
    print(f"加分 {result.bonus:g} / {result.scheme.bonus_total_cap:g}" + (f"（{claims}）" if claims else ""))
    print(f"总分 {result.total:g}")
    veto = f"（否决项 {'、'.join(result.veto_items)} 已触发）" if result.vetoed else ""
    passed = ""
    if result.passed is not None:
        passed = f"；合格线 {result.scheme.pass_mark:g}：{'达到' if result.passed else '未达到'}"
    print(f"结论 {result.result}{veto}{passed}")


def _score(args: argparse.Namespace) -> int:

    with _open(args, readonly=True) as project:
        result = score_project(project)
        heading = f"{project.info.county} {project.info.year} 年自评得分"
    if args.json:
        print_json(result.to_json())
    else:
        _print_score(result, heading)
    return 0


def _explain(args: argparse.Namespace) -> int:

    with _open(args, readonly=True) as project:
        result = score_project(project)
    steps = explain(result, args.target)
    if args.json:
        print_json({"target": args.target, "steps": [s.to_json() for s in steps], "disclaimer": DISCLAIMER})
        return 0
    for step in steps:
        value = step.value if isinstance(step.value, str) or step.value is None else f"{step.value:g}"
        detail = f"  {step.detail}" if step.detail else ""
        print(f"{step.label}：{value if value is not None else '—'}{detail}")
    print(f"（{DISCLAIMER}）")
    return 0


def _check(args: argparse.Namespace) -> int:

    with _open(args, readonly=True) as project:
        resolve_indicator_args(args, project.catalog)
        findings = run_check(project)
        if args.unit:
            name = resolve_unit(project, args.unit).name
            findings = [f for f in findings if f.unit and name in f.unit.split("、")]
        if args.indicator is not None:
            wanted = {args.indicator, project.catalog.label_of(args.indicator)}
            findings = [f for f in findings if f.indicator in wanted]
    # Errors fail the check (exit 1) so that scripts stop before submitting; --warn-only only reports.
    errors = sum(1 for f in findings if f.severity == "error")
    failed = 0 if args.warn_only or not errors else 1
    if args.json:
        print_json([f.to_json() for f in findings])
        if failed:
            print(f"fazhi: 体检发现 {errors} 个错误（--warn-only 可只提示）", file=sys.stderr)
        return failed
    if not findings:
        print("体检完成：未发现问题")
        return 0
    print_table(
        [
            [
                SEVERITY_LABELS[f.severity],
                "" if f.indicator is None else str(f.indicator),
                f.unit or "",
                f.message,
            ]
            for f in findings
        ],
        ["级别", "任务" if project.catalog.is_plan else "指标", "单位", "问题"],
    )
    counts = Counter(f.severity for f in findings)
    print(
        f"共 {len(findings)} 项：错误 {counts.get('error', 0)}，警告 {counts.get('warning', 0)}，"
        f"提示 {counts.get('info', 0)}"
    )
    if failed:
        print(f"fazhi: 体检发现 {errors} 个错误（--warn-only 可只提示）", file=sys.stderr)
    return failed


def _record(args: argparse.Namespace) -> int:

    kind, value = (
        ("url", args.url)
        if args.url is not None
        else (("contact", args.contact) if args.contact is not None else ("note", args.note))
    )
    with _open(args) as project:
        resolve_indicator_args(args, project.catalog)
        info = record_info(
            project, indicator=args.indicator, unit=args.unit, kind=kind, value=value, by=args.by
        )
    if args.json:
        print_json(info.to_json())
    else:
        print(f"已登记第 {info.indicator} 项 {info.unit} 的{INFO_KINDS[info.kind]}：{info.value}")
    return 0


#: Commands that score or rate: refused in a plan project (progress instead of points).
_SCORING = (_assess, _veto, _bonus, _scheme, _score, _explain)
