"""``fazhi export report|docx|workbook|bundle|folder DIR --out FILE``.

(Reading an edited workbook back is ``fazhi assess DIR --from-xlsx FILE`` in ``app.cli.assess``.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.base.errors import UsageError
from app.cli.common import SubParsers, add_json_flag, print_json, stderr_progress
from app.export.service import (
    export_bundle,
    export_folder_zip,
    export_report_docx,
    export_report_pdf,
    export_unit_bundles,
    export_workbook,
)
from app.project.folder import open_project

MEGABYTE = 1024 * 1024


def register(subparsers: SubParsers) -> None:
    export = subparsers.add_parser("export", help="导出：自评报告（PDF/DOCX）、工作簿、资料汇编、资料归档包")
    commands = export.add_subparsers(dest="export_command", metavar="子命令", parser_class=type(export))

    def common(name: str, help_text: str, suffix: str) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help_text)
        p.add_argument("dir", metavar="DIR", help="项目文件夹")
        p.add_argument("--out", required=True, metavar="FILE", help=f"输出文件（{suffix}）")
        add_json_flag(p)
        return p

    common("report", "自评报告（可打印的 PDF）", ".pdf").set_defaults(handler=_report)
    common("docx", "自评报告（可编辑的 Word 文档）", ".docx").set_defaults(handler=_docx)
    common("workbook", "任务分解进度与自评打分表（Excel）", ".xlsx").set_defaults(handler=_workbook)
    p = common("bundle", "全部 PDF 印证资料按指标顺序汇编为一个带书签的 PDF", ".pdf；--per-unit 时为文件夹")
    p.add_argument("--unit", metavar="U", help="只汇编该单位的资料（全称或简称）")
    p.add_argument("--per-unit", action="store_true", help="每个单位一册，--out 为输出文件夹")
    p.add_argument("--max-volume-mb", type=float, metavar="N", help="分册：每册不超过 N MB")
    p.add_argument("--no-stamp", action="store_true", help="不在页脚加盖指标号与页码")
    p.set_defaults(handler=_bundle)
    common("folder", "资料归档包：每项指标一个文件夹，附 hashes.txt", ".zip").set_defaults(handler=_folder)

    def usage(_args: argparse.Namespace) -> int:
        export.print_help(sys.stderr)
        return 2

    export.set_defaults(handler=usage)


def _out(args: argparse.Namespace, suffix: str) -> Path:
    out = Path(args.out)
    if out.suffix.lower() != suffix:
        raise UsageError(f"输出文件应以 {suffix} 结尾：{out}")
    if not out.parent.is_dir() and str(out.parent):
        raise UsageError(f"输出目录不存在：{out.parent}")
    if out.is_dir():
        raise UsageError(f"输出路径是一个文件夹：{out}")
    return out


def _done(args: argparse.Namespace, kind: str, paths: list[Path]) -> int:
    if args.json:
        print_json(
            {"kind": kind, "files": [str(p) for p in paths], "sizes": [p.stat().st_size for p in paths]}
        )
    else:
        for path in paths:
            print(path)
    return 0


def _report(args: argparse.Namespace) -> int:

    out = _out(args, ".pdf")
    with open_project(Path(args.dir)) as project:
        path = export_report_pdf(project, out, progress=stderr_progress("自评报告"))
    return _done(args, "report", [path])


def _docx(args: argparse.Namespace) -> int:

    out = _out(args, ".docx")
    with open_project(Path(args.dir)) as project:
        path = export_report_docx(project, out, progress=stderr_progress("自评报告"))
    return _done(args, "docx", [path])


def _workbook(args: argparse.Namespace) -> int:

    out = _out(args, ".xlsx")
    with open_project(Path(args.dir)) as project:
        path = export_workbook(project, out, progress=stderr_progress("工作簿"))
    return _done(args, "workbook", [path])


def _bundle(args: argparse.Namespace) -> int:

    max_bytes = None
    if args.max_volume_mb is not None:
        if args.max_volume_mb <= 0:
            raise UsageError(f"--max-volume-mb 必须大于 0：{args.max_volume_mb}")
        max_bytes = int(args.max_volume_mb * MEGABYTE)
    if args.per_unit:
        if args.unit:
            raise UsageError("--per-unit 与 --unit 不能同时使用")
        out_dir = Path(args.out)
        if not out_dir.is_dir():
            raise UsageError(f"--per-unit 时 --out 应为已存在的文件夹：{out_dir}")
        with open_project(Path(args.dir)) as project:
            paths = export_unit_bundles(project, out_dir, max_bytes, progress=stderr_progress("资料汇编"))
        return _done(args, "bundle", paths)
    out = _out(args, ".pdf")
    with open_project(Path(args.dir)) as project:
        paths = export_bundle(
            project,
            out,
            args.unit,
            max_bytes,
            stamp_pages=not args.no_stamp,
            progress=stderr_progress("资料汇编"),
        )
    return _done(args, "bundle", paths)


def _folder(args: argparse.Namespace) -> int:

    out = _out(args, ".zip")
    with open_project(Path(args.dir)) as project:
        path = export_folder_zip(project, out, progress=stderr_progress("资料归档"))
    return _done(args, "folder", [path])
