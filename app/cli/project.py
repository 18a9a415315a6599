"""``fazhi init | units | attach | evidence | remove | verify | log`` (contract: shared/spec/cli.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.base.errors import CancelledError, FazhiError, UsageError
from app.base.progress import CancelToken, ProgressCallback
from app.base.text import display_safe, printable_path
from app.cli.common import (
    INTERRUPTED,
    SubParsers,
    add_json_flag,
    ctrl_c_cancels,
    line_progress,
    print_json,
    print_table,
    stderr_progress,
)
from app.cli.frozen import warn_if_frozen
from app.cli.plans import project_catalog
from app.cli.refs import indicator_ref, resolve_indicator_args, with_tasks
from app.cli.units import add_edit_arguments, run_edits, wants_edit
from app.evidence.attach import attach, list_evidence, withdraw
from app.evidence.finding import (
    CONFIDENT_SCORE,
    FilingResult,
    confident_choices,
    file_confirmed,
    folder_files,
    suggest_for_files,
)
from app.evidence.formats import OCR_NOT_INSTALLED, ocr_available
from app.evidence.ocr_texts import OcrTexts
from app.exchange.kits import init_from_kit
from app.integrity.verify import verify
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.database import DatabaseUnusableError
from app.project.folder import open_for_reading, open_project
from app.units.registry import add_unit, list_units, resolve_unit, set_collective_members
from indicator_catalog import Catalog


def register(subparsers: SubParsers) -> None:
    p = subparsers.add_parser("init", help="新建项目文件夹（或从任务包创建单位工作区）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--county", help="县（市、区）名称")
    p.add_argument("--year", type=int, help="创建年度，如 2024")
    p.add_argument("--catalog", metavar="ID_OR_FILE", help="指标体系：内置 id 或文件（默认 national-2021）")
    p.add_argument(
        "--plan",
        metavar="ID_OR_FILE",
        help="按任务清单（计划类目录）建项目：内置 id（如 wutai-rural-2021）或文件；不打分，跟踪进度",
    )
    p.add_argument("--from-kit", dest="from_kit", metavar="KIT", help="依法治县办下发的任务包")
    p.add_argument(
        "--database-url", dest="database_url", metavar="URL", help="使用外部数据库（如 PostgreSQL）"
    )
    add_json_flag(p)
    p.set_defaults(handler=_init)

    p = subparsers.add_parser("units", help="责任单位：列出、添加、设置集体名称的成员")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--add", metavar="NAME", help="添加单位（如某乡镇）")
    p.add_argument(
        "--alias", action="append", default=[], metavar="ALIAS", help="与 --add 同用：简称，可重复"
    )
    p.add_argument(
        "--member-of",
        dest="member_of",
        action="append",
        default=[],
        metavar="COLLECTIVE",
        help="与 --add 同用",
    )
    add_edit_arguments(p)
    p.add_argument("--set-members", dest="set_members", metavar="COLLECTIVE", help="设置集体名称涵盖的单位")
    p.add_argument(
        "--member", action="append", default=[], metavar="UNIT", help="与 --set-members 同用，可重复"
    )
    add_json_flag(p)
    p.set_defaults(handler=_units)

    p = subparsers.add_parser("attach", help="添加印证资料（PDF、XLSX、XLS、DOCX、OFD、JPG、PNG、TIFF）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="要添加的文件（PDF、XLSX、照片、OFD、Word 等；与 --suggest 同用时为文件夹），如 制度.pdf",
    )
    p.add_argument("--unit", required=True, metavar="U", help="责任单位（全称或简称）")
    p.add_argument(
        "--indicator",
        "--task",
        dest="indicator",
        type=indicator_ref,
        action="append",
        metavar="N",
        help="指标编号，可重复",
    )
    # A flag whose FOLDER is the positional argument: ``attach DIR --unit U --suggest FOLDER`` parses
    # like ``attach DIR --unit U FILE`` (an optional "*" positional would swallow nothing before --unit).
    p.add_argument(
        "--suggest", action="store_true", help="为 FOLDER 中每个文件推荐指标（加 --yes 按首选添加）"
    )
    p.add_argument("--yes", action="store_true", help="与 --suggest 同用：把握足够的文件按推荐的首选指标添加")
    p.add_argument(
        "--min-score",
        dest="min_score",
        type=float,
        metavar="S",
        help=f"与 --suggest --yes 同用：首选推荐的得分至少为 S 才添加（默认 {CONFIDENT_SCORE:g}）",
    )
    p.add_argument(
        "--ocr",
        action="store_true",
        help="对没有文字层的页面（扫描件、照片）做文字识别（较慢）；"
        "与 --suggest 同用时按识别出的文字推荐指标，同一内容只识别一次（需安装 rapidocr 和 onnxruntime）",
    )
    p.add_argument("--title", metavar="T", help="资料标题（默认取文件名）")
    p.add_argument("--period", metavar="YYYY[-MM]", help="资料所属期间")
    p.add_argument("--requirement", metavar="KEY", help="对应的资料要求编号（如 26.1）")
    p.add_argument("--max-size", dest="max_size", type=float, metavar="MB", help="单个文件大小上限（MB）")
    add_json_flag(p)
    p.set_defaults(handler=_attach)

    p = subparsers.add_parser("evidence", help="列出印证资料")
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--indicator",
        "--task",
        dest="indicator",
        type=indicator_ref,
        metavar="N",
        help="只看该指标，如 --indicator 26",
    )
    p.add_argument("--unit", metavar="U", help="只看该单位，如 --unit 县司法局")
    p.add_argument("--all", action="store_true", help="包括已撤回的资料")
    add_json_flag(p)
    p.set_defaults(handler=_evidence)

    p = subparsers.add_parser("remove", help="撤回印证资料（文件与记录保留在历史中）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "evidence_id", type=int, metavar="EVIDENCE_ID", help="资料编号（见 fazhi evidence），如 12"
    )
    p.add_argument("--reason", required=True, metavar="TEXT", help="撤回原因，如 --reason 重复提交")
    add_json_flag(p)
    p.set_defaults(handler=_remove)

    p = subparsers.add_parser("verify", help="检查数据库与资料库的完整性（有问题时退出码 3）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--repair", action="store_true", help="把多余的文件移入 evidence/orphans/（从不删除）")
    add_json_flag(p)
    p.set_defaults(handler=_verify)

    p = subparsers.add_parser("log", help="审计日志")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--action", metavar="ACTION", help="只看某类操作（如 evidence.attach，或前缀 evidence.）")
    p.add_argument("--last", type=int, metavar="N", help="只看最近 N 条")
    add_json_flag(p)
    p.set_defaults(handler=_log)


# -- init -------------------------------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if args.from_kit:
        if args.county or args.year or args.catalog or args.plan or args.database_url:
            raise UsageError(
                "--from-kit 不能与 --county/--year/--catalog/--database-url 同用（信息取自任务包）"
            )
        info = init_from_kit(folder, Path(args.from_kit))
    else:
        if not args.county or args.year is None:
            raise UsageError("新建项目需要 --county 和 --year（或用 --from-kit KIT）")

        if args.plan and args.catalog:
            raise UsageError("--plan 与 --catalog 只能选一个 (--plan or --catalog)")
        catalog = project_catalog(args.plan or args.catalog)
        info = create_project(
            folder, county=args.county, year=args.year, catalog=catalog, database_url=args.database_url
        )
    if args.json:
        print_json(info.to_json() if hasattr(info, "to_json") else {"folder": str(folder)})
    else:
        county = getattr(info, "county", "")
        year = getattr(info, "year", "")
        print(f"已创建项目：{getattr(info, 'folder', folder)}（{county} {year}）")
    return 0


# -- units ------------------------------------------------------------------------------------------


def _units(args: argparse.Namespace) -> int:
    if wants_edit(args):
        return run_edits(args)
    if args.add and args.set_members:
        raise UsageError("--add 与 --set-members 不能同时使用")
    if (args.alias or args.member_of) and not args.add:
        raise UsageError("--alias 和 --member-of 只能与 --add 同用")
    if args.member and not args.set_members:
        raise UsageError("--member 只能与 --set-members 同用")
    if args.add or args.set_members:
        with open_project(Path(args.dir)) as project:
            if args.add:
                info = add_unit(project, args.add, args.alias, member_of=args.member_of)
                if args.json:
                    print_json(info.to_json())
                else:
                    print(f"已添加单位：{info.name}")
            else:
                set_collective_members(project, args.set_members, args.member)
                info = resolve_unit(project, args.set_members)
                if args.json:
                    print_json(info.to_json())
                else:
                    print(f"{info.name} 的成员：{'、'.join(info.members) or '（无）'}")
        return 0
    with open_for_reading(Path(args.dir)) as project:
        units = list_units(project)
    catalog = project.catalog
    if args.json:
        print_json([with_tasks(catalog, u.to_json()) for u in units])
        return 0
    rows = []
    for unit in units:
        extra = (
            f"成员：{'、'.join(unit.members) or '未设置'}" if unit.collective else "、".join(unit.member_of)
        )
        rows.append(
            [
                unit.name + ("（集体）" if unit.collective else ""),
                "、".join(unit.aliases),
                _shorten(_numbers(unit.indicators, catalog), 40),
                _shorten(extra, 40),
            ]
        )
    print_table(rows, ["单位", "简称", "任务" if catalog.is_plan else "指标", "成员/所属集体"])
    return 0


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _numbers(numbers: tuple[int, ...], catalog: Catalog | None = None) -> str:
    """ "1,3,26", or the task ids of a plan ("一.1,一.3")."""
    return ",".join(catalog.label_of(n) if catalog else str(n) for n in numbers) or "-"


# -- evidence ---------------------------------------------------------------------------------------


def _attach(args: argparse.Namespace) -> int:
    if args.suggest:
        return _attach_suggested(args)
    if not args.indicator:
        raise UsageError("至少要指定一个指标（--indicator），或用 --suggest FOLDER (no indicator given)")

    max_bytes = int(args.max_size * 1024 * 1024) if args.max_size else None
    if max_bytes is not None and max_bytes <= 0:
        raise UsageError(f"--max-size 必须大于 0：{args.max_size}")
    _require_ocr(args)
    with open_project(Path(args.dir)) as project:
        resolve_indicator_args(args, project.catalog)
        result = attach(
            project,
            unit=args.unit,
            indicators=args.indicator,
            files=[Path(f) for f in args.files],
            title=args.title,
            period=args.period,
            requirement_key=args.requirement,
            max_bytes=max_bytes,
            skip_refused=True,
            progress=stderr_progress("添加资料"),
            ocr=args.ocr,
        )
        if result.attached:
            warn_if_frozen(project)
    # The same rule as the window: the good files go in, every refused one is named with its reason.
    if args.json:
        # The contract: the records (new or already present); refused files are listed as objects
        # with "refused": true so that scripts see both in the one document.
        documents: list[dict[str, object]] = []
        for record in result.attached:
            document = with_tasks(project.catalog, record.to_json())
            document["existing"] = record.id in result.existing
            document["changes"] = list(result.existing.get(record.id, ()))
            documents.append(document)
        for path, reason in result.refused:
            documents.append({"refused": True, "file": str(path), "filename": path.name, "reason": reason})
        print_json(documents)
    else:
        new = [r for r in result.attached if r.id not in result.existing]
        if new:
            print(f"已添加 {len(new)} 个文件：")
        for record in new:
            facts = _facts(record.kind, record.pages, record.sheets)
            print(f"  #{record.id} {display_safe(record.filename)}（{facts}）")
        for record in result.attached:
            if record.id in result.existing:
                changed = result.existing[record.id]
                what = "已更新：" + "；".join(changed) if changed else "未做更改"
                shown = display_safe(record.filename)
                print(f"已存在 #{record.id} {shown}（该单位已添加过同样内容的文件），{what}")
    for path, reason in result.refused:
        print(f"fazhi: {printable_path(path)}: {reason}", file=sys.stderr)
    if result.refused and (result.attached or len(result.refused) > 1):
        print(
            f"fazhi: {len(result.refused)} 个文件被拒绝，{len(result.attached)} 个已处理（见上）",
            file=sys.stderr,
        )
    return 1 if result.refused else 0


def _attach_suggested(args: argparse.Namespace) -> int:
    """``--suggest FOLDER``: indicators proposed per file; ``--yes`` files each file under its top one
    through ``file_confirmed`` when the suggestion is sure enough; the others are listed (exit 1)."""
    if len(args.files) != 1 or args.indicator:
        raise UsageError("--suggest 只接一个文件夹，且不能与 --indicator 同用 (--suggest takes one folder)")
    if args.min_score is not None and not args.yes:
        raise UsageError("--min-score 只能与 --suggest --yes 同用 (--min-score needs --yes)")
    threshold = CONFIDENT_SCORE if args.min_score is None else args.min_score
    _require_ocr(args)
    files = folder_files(Path(args.files[0]))
    filed: FilingResult | None = None
    unplaced: dict[Path, str] = {}
    # One store for the run: what the OCR read while proposing is what --yes files (read once).
    texts = OcrTexts()
    token = CancelToken()
    with (
        open_project(Path(args.dir)) if args.yes else open_for_reading(Path(args.dir)) as project,
        ctrl_c_cancels(token),
    ):
        try:
            proposals = suggest_for_files(
                project,
                args.unit,
                files,
                ocr=args.ocr,
                ocr_texts=texts,
                progress=_slow_progress("推荐指标", args.ocr),
                cancel=token,
            )
        except CancelledError:
            print("fazhi: 已中断，未添加任何文件 (interrupted)", file=sys.stderr)
            return INTERRUPTED
        if args.yes:
            choices, left = confident_choices(proposals, min_score=threshold, catalog=project.catalog)
            unplaced.update(left)
            if choices:
                filed = file_confirmed(
                    project,
                    args.unit,
                    choices,
                    period=args.period,
                    ocr=args.ocr,
                    ocr_texts=texts,
                    progress=_slow_progress("添加资料", args.ocr),
                    cancel=token,
                )
                unplaced.update(filed.refused)
                if filed.attached:
                    warn_if_frozen(project)
    placed: dict[Path, tuple[int | None, list[int]]] = {}
    for path, chosen, evidence_id in filed.attached if filed is not None else ():
        placed.setdefault(path, (chosen, []))[1].append(evidence_id)
    if args.json:
        documents = []
        for item in proposals:
            number, ids = placed.get(item.path, (None, []))
            document = {**item.to_json(), "indicator": number, "attached": ids}
            if args.yes:
                document["refused"] = unplaced.get(item.path)
            documents.append(document)
        print_json(documents)
    else:
        rows = []
        for item in proposals:
            number, _ids = placed.get(item.path, (None, []))
            if number is not None:
                note = f"已添加到第 {number} 项"
            elif item.path in unplaced:
                note = "未添加（原因见下）"
            else:
                note = item.refused or ""
            rows.append(
                [
                    display_safe(item.path.name),
                    "、".join(str(n) for n in item.indicators) if item.indicators else "（无）",
                    note,
                ]
            )
        print_table(rows, ["文件", "推荐指标（首选在前）", "说明"])
        if not args.yes:
            print("确认后加 --yes 按首选指标添加；或用 --indicator 逐个指定。")
    for path, reason in unplaced.items():
        print(f"fazhi: {printable_path(path)}: {reason}", file=sys.stderr)
    if filed is not None and filed.cancelled:
        print(
            f"fazhi: 已中断，{len(filed.attached)} 个文件已添加，"
            f"{len(filed.not_done)} 个未添加 (interrupted)",
            file=sys.stderr,
        )
        return INTERRUPTED
    if unplaced:
        done = len(filed.attached) if filed is not None else 0
        print(f"fazhi: {len(unplaced)} 个文件未归档，{done} 个已添加（见上）", file=sys.stderr)
        return 1
    return 0


def _require_ocr(args: argparse.Namespace) -> None:
    """``--ocr`` without the OCR packages: one line naming what to install, before any work."""
    if args.ocr and not ocr_available():
        raise UsageError(OCR_NOT_INSTALLED)


def _slow_progress(label: str, ocr: bool) -> ProgressCallback | None:
    """Progress on a terminal; with OCR (seconds a page) also one line a step into a log."""
    return stderr_progress(label) or (line_progress(label) if ocr else None)


def _facts(kind: str, pages: int | None, sheets: int | None) -> str:
    if kind == "pdf":
        return f"PDF，{pages} 页"
    if kind == "xlsx":
        return f"XLSX，{sheets} 个工作表"
    return f"{kind.upper()}，无 PDF 版本" if pages is None else f"{kind.upper()}，{pages} 页"


_STATUS = {"active": "有效", "withdrawn": "已撤回", "superseded": "已被替换"}


def _evidence(args: argparse.Namespace) -> int:

    with open_for_reading(Path(args.dir)) as project:
        resolve_indicator_args(args, project.catalog)
        records = list_evidence(project, indicator=args.indicator, unit=args.unit, include_withdrawn=args.all)
    catalog = project.catalog
    if args.json:
        print_json([with_tasks(catalog, r.to_json()) for r in records])
        return 0
    if not records:
        print("（没有资料）")
        return 0
    print_table(
        [
            [
                str(r.id),
                display_safe(r.filename),
                _facts(r.kind, r.pages, r.sheets),
                r.unit,
                _numbers(r.indicators, catalog),
                _STATUS.get(r.status, r.status),
            ]
            for r in records
        ],
        ["编号", "文件", "类型", "单位", "任务" if catalog.is_plan else "指标", "状态"],
    )
    return 0


def _remove(args: argparse.Namespace) -> int:

    with open_project(Path(args.dir)) as project:
        record = withdraw(project, args.evidence_id, reason=args.reason)
        warn_if_frozen(project)
    if args.json:
        print_json(record.to_json())
    else:
        print(f"已撤回资料 #{record.id}（{display_safe(record.filename)}），文件与记录保留在历史中")
    return 0


# -- verify and log ---------------------------------------------------------------------------------


def _verify(args: argparse.Namespace) -> int:

    opener = open_project if args.repair else open_for_reading
    try:
        project = opener(Path(args.dir))
    except DatabaseUnusableError as exc:  # an empty, foreign or damaged database is an integrity problem
        raise FazhiError(str(exc), exit_code=3) from exc
    with project:
        report = verify(project, repair=args.repair, progress=stderr_progress("校验资料"))
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.repaired:
            print(f"已隔离：{line}")
        for note in report.notes:
            print(f"注意：{note}")
        if report.ok:
            counts = f"{report.evidence_checked} 条资料记录，{report.files_checked} 个文件"
            if report.freezes_checked:
                counts += f"，{report.freezes_checked} 个冻结快照"
            print(f"完整性检查通过：{counts}")
    for problem in report.problems:
        print(f"fazhi: {problem}", file=sys.stderr)
    if not report.ok:
        print(f"fazhi: 完整性检查发现 {len(report.problems)} 个问题", file=sys.stderr)
        return 3
    return 0


def _log(args: argparse.Namespace) -> int:

    if args.last is not None and args.last < 1:
        raise UsageError(f"--last 必须是正整数：{args.last}")
    with open_for_reading(Path(args.dir)) as project:
        entries = list_log(project, action=args.action, last=args.last)
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    print_table(
        [
            [e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, e.target, _detail(e.detail)]
            for e in entries
        ],
        ["时间", "操作人", "操作", "对象", "详情"],
    )
    return 0


def _detail(detail: dict[str, object]) -> str:
    return _shorten(
        "；".join(f"{k}：{_human(v)}" for k, v in detail.items() if v not in (None, "", [], {})), 80
    )


def _human(value: object) -> str:
    """A detail value for people: lists joined with 、, {old, new} as old → new, never Python syntax."""
    if isinstance(value, list | tuple):
        return "、".join(_human(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"old", "new"}:
            return f"{_human(value['old']) or '无'} → {_human(value['new']) or '无'}"
        return "，".join(f"{k} {_human(v)}" for k, v in value.items() if v not in (None, ""))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
