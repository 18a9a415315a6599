"""The ``fazhi`` command line (contract: ``shared/spec/cli.md``).

Each area of commands lives in its own module with a ``register(subparsers)`` function; handlers take
the parsed arguments and return an exit code. User errors (``FazhiError``) become one line on stderr and
their exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from typing import NoReturn

from app import __version__
from app.base.errors import FazhiError
from app.base.paths import log_file
from app.cli.entry import load_module

#: Areas of commands (modules with ``register(subparsers)``), in help order, and the commands each
#: registers: a command loads only its own area (``tests/app/cli/test_cli_main.py`` keeps this in step).
COMMAND_AREAS: dict[str, tuple[str, ...]] = {
    "app.cli.catalog": ("catalog",),
    "app.cli.project": ("init", "units", "attach", "evidence", "remove", "verify", "log"),
    "app.cli.assess": (
        "assess",
        "assess-xlsx",
        "veto",
        "bonus",
        "scheme",
        "score",
        "explain",
        "check",
        "record",
    ),
    "app.cli.exchange": ("kit", "submit", "import", "review", "freeze"),
    "app.cli.progress": ("progress",),
    "app.cli.export": ("export",),
    "app.cli.search": ("search", "ocr"),
    "app.cli.narrative": ("narrative",),
    "app.cli.desktop": ("gui", "demo"),
}

log = logging.getLogger("fazhi")


#: argparse's own words (Python 3.11), in Chinese. argparse looks every message up through its
#: module-level ``_``/``ngettext`` (the gettext hooks), so replacing those translates usage, headings
#: and the built-in errors alike.
ARGPARSE_WORDS: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "not allowed with argument %s": "不能与参数 %s 同用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}

#: One example per command, shown at the end of its --help (tests/app/cli/test_cli_help.py wants each).
EXAMPLES: dict[str, str] = {
    "catalog": "fazhi catalog list",
    "catalog list": "fazhi catalog list --json",
    "catalog show": "fazhi catalog show national-2021 --json",
    "catalog validate": "fazhi catalog validate 本县指标.yaml",
    "catalog import-xlsx": "fazhi catalog import-xlsx 任务分解.xlsx --out 本县指标.yaml",
    "catalog export-xlsx": "fazhi catalog export-xlsx national-2021 --out 任务分解.xlsx",
    "catalog placement": "fazhi catalog placement 陵川县2023 --set 69=五.1",
    "search": "fazhi search 陵川县2023 复议 --json",
    "ocr": "fazhi ocr 陵川县2023 --evidence 12",
    "narrative": "fazhi narrative 陵川县2023 --export 自评报告文字.docx",
    "init": "fazhi init 测试县2024 --county 测试县 --year 2024",
    "units": "fazhi units 测试县2024 --add 城关镇 --alias 城关",
    "attach": "fazhi attach 测试县2024 --unit 县司法局 --indicator 26 --period 2023 执法案卷.pdf 台账.xlsx",
    "evidence": "fazhi evidence 测试县2024 --indicator 26",
    "remove": "fazhi remove 测试县2024 12 --reason 重复提交",
    "verify": "fazhi verify 测试县2024",
    "log": "fazhi log 测试县2024 --action evidence. --last 20",
    "assess": "fazhi assess 测试县2024 --indicator 26 --level 达标 --comment 资料齐全",
    "assess-xlsx": "fazhi assess-xlsx 测试县2024 自评打分表.xlsx --dry-run",
    "veto": "fazhi veto 测试县2024 V1 --clear --note 经核实未发生",
    "bonus": "fazhi bonus 测试县2024 B1 --points 1 --note 获评省级示范",
    "scheme": "fazhi scheme 测试县2024 --json",
    "score": "fazhi score 测试县2024",
    "explain": "fazhi explain 测试县2024 26",
    "check": "fazhi check 测试县2024 --unit 县司法局",
    "record": "fazhi record 测试县2024 --indicator 1 --unit 县发改局 --url http://fgj.example.cn",
    "kit": "fazhi kit 测试县2024 --unit 县司法局 --out 县司法局任务包.zip --deadline 2024-06-30",
    "submit": "fazhi submit 县司法局工作区 --out 县司法局提交包.zip",
    "import": "fazhi import 测试县2024 县司法局提交包.zip",
    "review": "fazhi review 测试县2024 --indicator 26 --unit 县司法局 --return --comment 缺2023年案卷",
    "freeze": "fazhi freeze 测试县2024 --label 正式申报",
    "export": "fazhi export report 测试县2024 --out 自评报告.pdf",
    "export report": "fazhi export report 测试县2024 --out 自评报告.pdf",
    "export docx": "fazhi export docx 测试县2024 --out 自评报告.docx",
    "export workbook": "fazhi export workbook 测试县2024 --out 任务分解.xlsx",
    "export bundle": "fazhi export bundle 测试县2024 --out 资料汇编.pdf --unit 县司法局",
    "export folder": "fazhi export folder 测试县2024 --out 资料.zip",
    "progress": "fazhi progress 五台县2024 --task 一.1 --set 已完成 --note 已印发实施方案",
    "gui": "fazhi gui 测试县2024",
    "demo": "fazhi demo 演示县 --open",
}

#: The standard help of the project folder argument, for commands that do not word their own.
DIR_HELP = "项目文件夹，如 ./测试县2024"


def _translate(message: str) -> str:
    return ARGPARSE_WORDS.get(message, message)


def _ntranslate(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return "需要 %s 个值"
    return _translate(singular if count == 1 else plural)


argparse._ = _translate  # type: ignore[attr-defined]
argparse.ngettext = _ntranslate  # type: ignore[attr-defined]


class OneLineArgumentParser(argparse.ArgumentParser):
    """argparse prints usage plus an error over several lines; the contract wants one clear line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"fazhi: 参数错误：{message}（用 {self.prog} --help 查看用法）\n")


def area_of(command: str) -> str | None:
    return next((area for area, commands in COMMAND_AREAS.items() if command in commands), None)


def _requested_command(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first word that is not an option)."""
    return next((word for word in argv if not word.startswith("-")), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every area, or (``command`` given and known) with that command's area only."""
    parser = OneLineArgumentParser(
        prog="fazhi",
        description="法治政府建设示范创建自评系统：指标体系、印证资料、评分、自评报告。",
    )
    parser.add_argument("--version", action="version", version=f"fazhi {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="命令", parser_class=OneLineArgumentParser)
    area = area_of(command) if command else None
    for name in [area] if area else list(COMMAND_AREAS):
        load_module(name).register(subparsers)
    _finish(subparsers.choices, "")
    return parser


def _finish(choices: Mapping[str, argparse.ArgumentParser], prefix: str) -> None:
    """The standard DIR help and each command's example, down the whole tree of sub-commands."""
    for name, sub in choices.items():
        path = f"{prefix}{name}"
        if path in EXAMPLES and not sub.epilog:
            sub.epilog = f"示例：{EXAMPLES[path]}"
            sub.formatter_class = argparse.RawDescriptionHelpFormatter  # the example on one line
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                _finish(action.choices, f"{path} ")
            elif action.help is None and action.metavar == "DIR":
                action.help = DIR_HELP


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        args_list = ["gui"]
    parser = build_parser(_requested_command(args_list))
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except FazhiError as exc:
        print(f"fazhi: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter shutdown quiet
        return 0
    except KeyboardInterrupt:
        print("fazhi: 已中断 (interrupted)", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("FAZHI_DEBUG"):
            raise
        # A bug, not a user error: still one line for the user; the details go to the log file.

        path = log_file()
        try:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(traceback.format_exc())
        except OSError:
            pass
        # One line, however many lines the exception text has (SQL errors carry whole statements).
        summary = " ".join(str(exc).split())
        if len(summary) > 200:
            summary = summary[:200] + "…"
        print(f"fazhi: 内部错误：{type(exc).__name__}: {summary}（详情见 {path}）", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
