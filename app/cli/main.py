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
from collections.abc import Sequence
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
    "app.cli.export": ("export",),
    "app.cli.narrative": ("narrative",),
    "app.cli.desktop": ("gui", "demo"),
}

log = logging.getLogger("fazhi")


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
    return parser


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
