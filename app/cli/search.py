"""``fazhi search DIR 词``: full-text search over the evidence (2-character words included);
``fazhi ocr DIR``: read the pages without text (scans, photos) with OCR after the fact."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.base.progress import CancelToken
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
from app.cli.refs import indicator_ref, resolve_indicator_args
from app.evidence.finding import search_evidence
from app.evidence.recognize import OcrResult, ocr_evidence
from app.project.folder import open_for_reading, open_project


def register(subparsers: SubParsers) -> None:
    p = subparsers.add_parser("search", help="全文搜索印证资料（可搜两字词，如 复议、备案）")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("query", metavar="词", help="搜索词；多个词用空格分隔，须全部出现")
    p.add_argument("--unit", metavar="U", help="只搜该单位的资料")
    p.add_argument(
        "--indicator",
        "--task",
        dest="indicator",
        type=indicator_ref,
        metavar="N",
        help="只搜该指标（含合并提供组）的资料",
    )
    p.add_argument("--limit", type=int, default=50, metavar="K", help="最多显示多少条（默认 50）")
    add_json_flag(p)
    p.set_defaults(handler=_search)

    p = subparsers.add_parser(
        "ocr", help="为没有文字层的扫描件和照片识别文字（离线 OCR，较慢），存入全文搜索索引"
    )
    p.add_argument("dir", metavar="DIR", help="项目文件夹，如 ./测试县2024")
    p.add_argument("--evidence", type=int, metavar="ID", help="只识别这一份资料（资料编号见 fazhi evidence）")
    add_json_flag(p)
    p.set_defaults(handler=_ocr)


def _search(args: argparse.Namespace) -> int:
    with open_for_reading(Path(args.dir)) as project:
        resolve_indicator_args(args, project.catalog)
        hits = search_evidence(
            project, args.query, unit=args.unit, indicator=args.indicator, limit=max(1, args.limit)
        )
    if args.json:
        print_json({"query": args.query, "count": len(hits), "hits": [hit.to_json() for hit in hits]})
        return 0
    if not hits:
        print(f"没有找到“{args.query}”")
        return 0
    print(f"找到 {len(hits)} 处“{args.query}”：")
    rows = [
        [
            "、".join(str(n) for n in hit.indicators),
            hit.unit,
            f"#{hit.evidence_id} {hit.filename}",
            str(hit.page),
            hit.snippet.replace("\n", " "),
        ]
        for hit in hits
    ]
    print_table(rows, ["指标", "单位", "文件", "页", "摘录"])
    return 0


def _ocr(args: argparse.Namespace) -> int:
    token = CancelToken()
    progress = stderr_progress("文字识别") or line_progress("文字识别")
    with open_project(Path(args.dir)) as project, ctrl_c_cancels(token):
        result = ocr_evidence(project, evidence_id=args.evidence, progress=progress, cancel=token)
    if args.json:
        print_json(result.to_json())
    else:
        _print_ocr(result)
    if result.cancelled:
        print("fazhi: 已中断，已识别完的文件已保存 (interrupted)", file=sys.stderr)
        return INTERRUPTED
    return 0


def _print_ocr(result: OcrResult) -> None:
    if not result.files:
        print(f"检查了 {result.checked} 份资料，没有需要识别的页面（都有文字层，或已识别过）")
        return
    rows = [
        [
            f"#{item.evidence_id} {item.filename}",
            str(len(item.pages)),
            str(len(item.found)),
            "；".join(item.notes),
        ]
        for item in result.files
    ]
    print_table(rows, ["资料", "无文字的页", "识别出文字的页", "说明"])
    print(f"共识别 {result.pages_read} 页，{result.pages_found} 页识别出文字，已存入全文搜索")
