"""The committed ``ui/i18n/fazhi_zh_CN.ts`` holds every tr() literal of the window (it cannot go stale)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "ui" / "i18n" / "fazhi_zh_CN.ts"


def _lupdate() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside) if beside.exists() else shutil.which("pyside6-lupdate")


def _sources(ts: Path) -> set[str]:
    return {node.text or "" for node in ET.parse(ts).getroot().iter("source")}


def _is_tr_literal(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "tr"
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _tr_literals() -> set[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _is_tr_literal(node):
                assert isinstance(node, ast.Call) and isinstance(node.args[0], ast.Constant)
                found.add(str(node.args[0].value))
    return found


def test_every_tr_literal_is_in_the_committed_ts(tmp_path: Path) -> None:
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    files = [str(p) for p in sorted((ROOT / "ui").rglob("*.py"))]
    subprocess.run([lupdate, *files, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    committed = _sources(TS)
    assert _sources(fresh) - committed == set(), "run pyside6-lupdate (see ui/i18n) and commit the .ts"
    literals = _tr_literals()
    assert literals and literals - committed == set()
