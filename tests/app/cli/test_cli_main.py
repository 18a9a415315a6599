"""The command line's own rules: one stderr line for every error, no traceback, argparse included."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from app.base.errors import UsageError
from app.base.paths import log_file
from app.cli import main as cli
from app.cli.entry import load_module


def test_argument_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["catalog", "show", "--no-such-flag"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "参数错误" in err and "--no-such-flag" in err


def test_user_error_is_one_line_with_its_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(_args: object) -> int:
        raise UsageError("未知的责任单位：县不存在局")

    parser = cli.build_parser()
    parser_args = parser.parse_args(["catalog", "list"])
    parser_args.handler = boom
    monkeypatch.setattr(cli, "build_parser", lambda *_args: parser)
    monkeypatch.setattr(parser, "parse_args", lambda _argv: parser_args)
    capsys.readouterr()
    assert cli.main(["catalog", "list"]) == 2
    assert capsys.readouterr().err == "fazhi: 未知的责任单位：县不存在局\n"


def test_internal_error_is_one_line_and_logged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(_args: object) -> int:
        raise RuntimeError("first line\n[SQL: CREATE TABLE x (\n  id INTEGER\n)]\n(Background on this error)")

    parser = cli.build_parser()
    args = parser.parse_args(["catalog", "list"])
    args.handler = crash
    monkeypatch.setattr(cli, "build_parser", lambda *_args: parser)
    monkeypatch.setattr(parser, "parse_args", lambda _argv: args)
    monkeypatch.delenv("FAZHI_DEBUG", raising=False)
    assert cli.main(["catalog", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("fazhi: 内部错误：RuntimeError: first line [SQL: CREATE TABLE x ( id INTEGER )]")
    assert "Traceback" not in err

    assert "Traceback" in log_file().read_text(encoding="utf-8")


def test_the_command_table_matches_what_each_area_registers() -> None:
    for area, commands in cli.COMMAND_AREAS.items():
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers()
        load_module(area).register(subparsers)
        assert tuple(subparsers.choices) == commands, area


def test_every_command_is_listed_in_the_full_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for commands in cli.COMMAND_AREAS.values():
        for command in commands:
            assert command in out


def test_a_query_command_loads_no_renderer(tmp_path: Path) -> None:
    """``fazhi score`` and ``fazhi evidence`` load their own area only: no PDF, Excel or Word library."""
    code = (
        "import sys; from app.cli.main import build_parser;"
        "build_parser('score'); build_parser('evidence');"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'docx', 'pikepdf',"
        " 'pypdf', 'PIL', 'PySide6', 'jsonschema', 'yaml'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "[]"
