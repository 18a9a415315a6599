"""Every option of every command has help text; argparse's own words are Chinese; ``log`` reads as text."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.main import build_parser, main
from app.cli.project import _human


def _walk(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, f"{path} {name}")
        else:
            yield path, action


def test_every_option_of_every_command_has_help() -> None:
    actions = list(_walk(build_parser(), "fazhi"))
    assert len(actions) > 100  # the whole tree was walked, not just the top level
    missing = [
        f"{path} {'/'.join(a.option_strings) or a.dest}"
        for path, a in actions
        if not a.help or a.help == argparse.SUPPRESS
    ]
    assert not missing, missing


def test_every_command_shows_an_example() -> None:
    def commands(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, argparse.ArgumentParser]]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield f"{path}{name}", sub
                    yield from commands(sub, f"{path}{name} ")

    found = list(commands(build_parser(), ""))
    assert len(found) > 30
    missing = [path for path, sub in found if f"示例：fazhi {path}" not in sub.format_help()]
    assert not missing, missing


def test_argparse_speaks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["attach", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：fazhi attach") and "选项" in out and "显示本帮助并退出" in out
    assert "usage:" not in out and "options:" not in out
    with pytest.raises(SystemExit) as exit_:
        main(["attach", "x"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "缺少必需的参数" in err and "required" not in err
    with pytest.raises(SystemExit):
        main(["units", "x", "--bogus"])
    assert "无法识别的参数：--bogus" in capsys.readouterr().err


def test_log_details_have_no_python_syntax(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _human([1, 2]) == "1、2"
    assert _human({"old": None, "new": "2023"}) == "无 → 2023"
    folder = tmp_path / "p"
    assert main(["init", str(folder), "--county", "测试县", "--year", "2024"]) == 0
    assert main(["units", str(folder), "--add", "某某镇", "--alias", "某镇", "--alias", "某"]) == 0
    capsys.readouterr()
    assert main(["log", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "某镇、某" in out or "某某镇" in out
    for python_syntax in ("['", "{'", "[1", "None", "True", "False"):
        assert python_syntax not in out, out
