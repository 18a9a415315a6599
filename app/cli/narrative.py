"""``fazhi narrative DIR``: the report's own text (sections and 自评说明): list, draft, set, export to
DOCX/Markdown for Word/WPS and import it back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.base.errors import UsageError
from app.cli.common import SubParsers, add_json_flag, print_json, print_table
from app.narrative.drafting import store_drafts
from app.narrative.store import (
    NarrativeVersion,
    current_narrative,
    history,
    note_key,
    save_texts,
    section_titles,
)
from app.narrative.textfile import export_file, import_file
from app.project.folder import Project, open_project
from exports.report_data import DRAFT_PLACEHOLDER


def register(subparsers: SubParsers) -> None:
    p = subparsers.add_parser(
        "narrative",
        help="自评报告文字：各部分正文与三级指标自评说明（列出、生成草稿、导出/导入 Word 或 Markdown）",
    )
    p.add_argument("dir", metavar="DIR", help="项目文件夹")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="列出各部分及其状态（默认）")
    action.add_argument("--draft", action="store_true", help="为尚未撰写的部分保存根据数据生成的草稿")
    action.add_argument("--export", metavar="FILE", help="导出全部文字为 .docx 或 .md，供在 Word/WPS 中撰写")
    action.add_argument("--import", dest="import_file", metavar="FILE", help="按标题读回 .docx 或 .md")
    action.add_argument(
        "--set", metavar="KEY", help="保存一个部分（basic、area:1、problems、next_steps、indicator:N）"
    )
    action.add_argument("--history", metavar="KEY", help="列出一个部分的全部历史版本")
    text = p.add_mutually_exclusive_group()
    text.add_argument("--text", metavar="TEXT", help="--set 的正文")
    text.add_argument("--file", metavar="FILE", help="--set 的正文：UTF-8 文本文件")
    p.add_argument("--by", metavar="NAME", help="撰写人（默认当前用户）")
    add_json_flag(p)
    p.set_defaults(handler=_narrative)


def _narrative(args: argparse.Namespace) -> int:
    if (args.text is not None or args.file is not None) and not args.set:
        raise UsageError("--text/--file 只能与 --set 一起使用")
    if args.set and args.text is None and args.file is None:
        raise UsageError("--set 需要 --text 或 --file 提供正文")
    readonly = not (args.draft or args.import_file or args.set)
    with open_project(Path(args.dir), readonly=readonly) as project:
        if args.draft:
            return _changed(args, store_drafts(project, actor=args.by), "已保存草稿")
        if args.import_file:
            changed = import_file(project, Path(args.import_file), actor=args.by)
            return _changed(args, changed, "已导入")
        if args.set:
            body = args.text if args.text is not None else _read_text(Path(args.file))
            return _changed(args, save_texts(project, {args.set: body}, actor=args.by), "已保存")
        if args.export:
            out = export_file(project, Path(args.export))
            if args.json:
                print_json({"file": str(out), "size": out.stat().st_size})
            else:
                print(out)
            return 0
        if args.history:
            return _history(args, history(project, args.history))
        return _list(args, project)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"文件不是 UTF-8 编码：{path}") from None
    except OSError as exc:
        raise UsageError(f"无法读取文件：{path}（{exc.strerror or exc}）") from None


def _changed(args: argparse.Namespace, keys: list[str], verb: str) -> int:
    if args.json:
        print_json({"changed": keys})
    elif keys:
        print(f"{verb}：{'、'.join(keys)}")
    else:
        print("没有改动")
    return 0


def _status(text: str) -> str:
    if not text.strip():
        return "未撰写"
    return "含待补充" if DRAFT_PLACEHOLDER in text else "已撰写"


def _row(key: str, title: str, text: str, version: NarrativeVersion | None) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "status": _status(text),
        "chars": len(text),
        "text": text,
        "source": version.source if version else None,
        "by": version.by if version else None,
        "at": version.at.isoformat() if version else None,
    }


def _list(args: argparse.Namespace, project: Project) -> int:
    catalog = project.catalog
    state = current_narrative(project)
    sections = [
        _row(key, title, state.sections.get(key, ""), state.versions.get(key))
        for key, title in section_titles(catalog).items()
    ]
    notes = [
        {"number": i.number}
        | _row(
            note_key(i.number),
            f"第 {i.number} 项自评说明",
            state.notes.get(i.number, ""),
            state.versions.get(note_key(i.number)),
        )
        for i in catalog.indicators
    ]
    if args.json:
        print_json({"sections": sections, "notes": notes})
        return 0
    rows = [
        [r["key"], r["title"], r["status"], str(r["chars"]), r["by"] or "", (r["at"] or "")[:16]]
        for r in sections
    ]
    rows += [
        [r["key"], r["title"], r["status"], str(r["chars"]), r["by"] or "", (r["at"] or "")[:16]]
        for r in notes
        if r["chars"]
    ]
    print_table(rows, ["键", "部分", "状态", "字数", "撰写人", "时间"])
    written = sum(1 for r in notes if r["chars"])
    print(f"三级指标自评说明：已填写 {written}/{len(notes)} 项")
    return 0


def _history(args: argparse.Namespace, versions: list[NarrativeVersion]) -> int:
    if args.json:
        print_json({"versions": [v.to_json() for v in versions]})
        return 0
    rows = [
        [str(v.id), v.at.isoformat()[:19], v.by, v.source, str(len(v.text)), v.text[:30].replace("\n", " ")]
        for v in versions
    ]
    print_table(rows, ["版本", "时间", "撰写人", "来源", "字数", "开头"])
    return 0
