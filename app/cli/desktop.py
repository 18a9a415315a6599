"""``fazhi gui [DIR]`` and ``fazhi demo DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.base.platform_check import startup_problem
from app.cli.common import SubParsers
from app.cli.entry import load_module
from app.demo.builder import build_demo


def register(subparsers: SubParsers) -> None:
    p = subparsers.add_parser("gui", help="打开窗口")
    p.add_argument("project", nargs="?", metavar="DIR", help="要打开的项目文件夹（可省略），如 ./测试县2024")
    p.set_defaults(handler=_gui)

    p = subparsers.add_parser("demo", help="生成一个示范县演示项目（含印证资料），用来熟悉程序")
    p.add_argument("project", metavar="DIR", help="演示项目的文件夹，如 ./演示县")
    p.add_argument("--open", action="store_true", help="生成后打开窗口")
    p.add_argument("--force", action="store_true", help="目录已有演示项目时重新生成")
    p.set_defaults(handler=_demo)


def _run_window(project: Path | None) -> int:
    # The window is the only part that needs Qt: the CLI hands over to it by name, so the core never
    # depends on ui/ (imports go ui → app) and plain commands never load PySide6.
    problem = startup_problem()
    if problem:
        # Qt would abort with raw text (and often blame the wrong library): say it first, in one line.
        print(f"fazhi: {problem}", file=sys.stderr)
        return 1
    window = load_module("ui.shell.app_setup")
    return int(window.run_gui(project))


def _gui(args: argparse.Namespace) -> int:
    return _run_window(Path(args.project) if args.project else None)


def _demo(args: argparse.Namespace) -> int:

    summary = build_demo(Path(args.project), force=args.force)
    print(summary)
    if args.open:
        return _run_window(Path(args.project))
    return 0
