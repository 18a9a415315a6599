"""``fazhi export report|docx|workbook|bundle|folder DIR --out FILE``.

(Reading an edited workbook back is ``fazhi assess DIR --from-xlsx FILE`` in ``app.cli.assess``.)

This module parses and checks the arguments only. ``fazhi export bundle`` of a whole project first
tries ``app.export.bundle_fast`` (the bundle read with ``sqlite3``, without loading SQLAlchemy and the
scoring stack, which would take as long as the merge itself); every other export, and a bundle that
path declines, opens the project the normal way in ``app.cli.export_run``, loaded by name only then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, cast

from app.base.errors import UsageError
from app.cli.common import SubParsers, add_json_flag, print_json, stderr_progress
from app.cli.entry import load_module
from app.export.bundle_fast import export_bundle_fast
from app.export.kinds import BundleScope, ExportKind, ExportOptions

MEGABYTE = 1024 * 1024


class _FullExport(Protocol):
    """``app.cli.export_run``: exports through ``open_project`` and ``app.export.dispatch``."""

    def run(
        self, folder: Path, kind: ExportKind, out: Path, options: ExportOptions, label: str
    ) -> list[Path]: ...


def _full_export() -> _FullExport:
    return cast(_FullExport, load_module("app.cli.export_run"))


def register(subparsers: SubParsers) -> None:
    export = subparsers.add_parser("export", help="导出：自评报告（PDF/DOCX）、工作簿、资料汇编、资料归档包")
    commands = export.add_subparsers(dest="export_command", metavar="子命令", parser_class=type(export))

    def common(name: str, help_text: str, suffix: str) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help_text)
        p.add_argument("dir", metavar="DIR", help="项目文件夹")
        p.add_argument("--out", required=True, metavar="FILE", help=f"输出文件（{suffix}）")
        add_json_flag(p)
        return p

    common("report", "自评报告（可打印的 PDF）", ".pdf").set_defaults(
        handler=_simple(ExportKind.REPORT_PDF, "自评报告")
    )
    common("docx", "自评报告（可编辑的 Word 文档）", ".docx").set_defaults(
        handler=_simple(ExportKind.REPORT_DOCX, "自评报告")
    )
    common("workbook", "任务分解进度与自评打分表（Excel）", ".xlsx").set_defaults(
        handler=_simple(ExportKind.WORKBOOK, "工作簿")
    )
    p = common("bundle", "全部 PDF 印证资料按指标顺序汇编为一个带书签的 PDF", ".pdf；--per-unit 时为文件夹")
    p.add_argument("--unit", metavar="U", help="只汇编该单位的资料（全称或简称）")
    p.add_argument("--per-unit", action="store_true", help="每个单位一册，--out 为输出文件夹")
    p.add_argument("--max-volume-mb", type=float, metavar="N", help="分册：每册不超过 N MB")
    p.add_argument("--no-stamp", action="store_true", help="不在页脚加盖指标号与页码")
    p.set_defaults(handler=_bundle)
    common("folder", "资料归档包：每项指标一个文件夹，附 hashes.txt", ".zip").set_defaults(
        handler=_simple(ExportKind.FOLDER_ZIP, "资料归档")
    )

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


def _simple(kind: ExportKind, label: str) -> Callable[[argparse.Namespace], int]:
    """The handler of an export that takes only ``--out``."""

    def handler(args: argparse.Namespace) -> int:
        out = _out(args, kind.suffix)
        paths = _full_export().run(Path(args.dir), kind, out, ExportOptions(), label)
        return _done(args, kind.value, paths)

    return handler


def _bundle(args: argparse.Namespace) -> int:
    max_bytes = None
    if args.max_volume_mb is not None:
        if args.max_volume_mb <= 0:
            raise UsageError(f"--max-volume-mb 必须大于 0：{args.max_volume_mb}")
        max_bytes = int(args.max_volume_mb * MEGABYTE)
    if args.per_unit:
        if args.unit:
            raise UsageError("--per-unit 与 --unit 不能同时使用")
        out = Path(args.out)
        if not out.is_dir():
            raise UsageError(f"--per-unit 时 --out 应为已存在的文件夹：{out}")
        options = ExportOptions(BundleScope.PER_UNIT, max_volume_bytes=max_bytes)
    else:
        out = _out(args, ExportKind.BUNDLE.suffix)
        scope = BundleScope.ONE_UNIT if args.unit else BundleScope.ALL
        options = ExportOptions(scope, args.unit, max_bytes, stamp_pages=not args.no_stamp)
    paths = None
    if options.scope == BundleScope.ALL:
        paths = export_bundle_fast(
            Path(args.dir),
            out,
            max_volume_bytes=max_bytes,
            stamp_pages=options.stamp_pages,
            progress=stderr_progress("资料汇编"),
        )
    if paths is None:
        paths = _full_export().run(Path(args.dir), ExportKind.BUNDLE, out, options, "资料汇编")
    return _done(args, ExportKind.BUNDLE.value, paths)
