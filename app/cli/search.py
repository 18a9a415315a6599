"""``fazhi search DIR 词``: full-text search over the project's evidence (2-character words included)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import SubParsers, add_json_flag, print_json, print_table
from app.cli.refs import indicator_ref, resolve_indicator_args
from app.evidence.finding import search_evidence
from app.project.folder import open_for_reading


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
