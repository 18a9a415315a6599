"""Small helpers shared by the CLI modules."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import unicodedata
from collections.abc import Iterator
from types import FrameType
from typing import Any, Protocol

from app.base.progress import CancelToken, ProgressCallback

#: The exit code after Ctrl+C (what was finished before it is kept), as for any interrupted command.
INTERRUPTED = 130


class SubParsers(Protocol):
    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


def print_json(document: Any) -> None:
    """Exactly one JSON document on stdout (UTF-8, Chinese kept readable)."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")
    sys.stdout.flush()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（stdout 仅一个 JSON 文档）")


def stderr_progress(label: str) -> ProgressCallback | None:
    """A progress reporter on stderr when it is a terminal; silent otherwise (scripts, tests)."""
    if not sys.stderr.isatty():
        return None

    def progress(done: int, total: int, message: str) -> None:
        if total:
            sys.stderr.write(f"\r{label} {done}/{total} {message[:40]:<40}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return progress


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    """A plain text table aligned for CJK (two columns per wide character)."""

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    table = [headers, *rows]
    widths = [max(width(str(r[i])) for r in table) for i in range(len(headers))]
    for index, row in enumerate(table):
        cells = [str(c) + " " * (widths[i] - width(str(c))) for i, c in enumerate(row)]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


@contextlib.contextmanager
def ctrl_c_cancels(token: CancelToken) -> Iterator[None]:
    """Ctrl+C sets ``token`` (the core stops at the next page and keeps what it finished)."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        token.cancel()

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread (tests, embedding): Ctrl+C stays KeyboardInterrupt
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def line_progress(label: str) -> ProgressCallback:
    """One line per report on stderr, for steps slow enough to be followed in a log (OCR reports once
    a page, every few seconds) when stderr is no terminal."""

    def progress(done: int, total: int, message: str) -> None:
        print(f"{label} {done}/{total} {message}", file=sys.stderr, flush=True)

    return progress
