"""tr() and translate() only on string literals, so pyside6-lupdate sees every window string."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"

#: Calls whose text argument must be a literal, and the position of that argument.
_TEXT_ARGUMENT = {"tr": 0, "translate": 1, "QT_TR_NOOP": 0, "QT_TRANSLATE_NOOP": 1}


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def offending_calls(source: str, name: str = "<string>") -> list[str]:
    """``file:line call`` for each tr()/translate() whose text (or context) is not a string literal."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = (
            func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        )
        position = _TEXT_ARGUMENT.get(called)
        if position is None:
            continue
        # translate(context, text): the context must be a literal too.
        required = node.args[: position + 1]
        if len(required) <= position or not all(_is_literal(arg) for arg in required):
            found.append(f"{name}:{node.lineno} {ast.unparse(node)[:80]}")
    return found


def test_the_scan_catches_variables_and_f_strings() -> None:
    bad = (
        "self.tr(label)\n"
        "self.tr(f'{x}')\n"
        "QCoreApplication.translate('Ctx', text)\n"
        "QCoreApplication.translate(ctx, 'a')\n"
        "self.tr('a' + b)\n"
    )
    assert len(offending_calls(bad)) == 5
    good = "self.tr('文件(&F)')\nQCoreApplication.translate('Ctx', '导出')\nself.tr('{n} 项').format(n=1)\n"
    assert offending_calls(good) == []


def test_ui_translates_only_literals() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 40  # the scan really looks at the window's modules
    found = [
        hit for path in files for hit in offending_calls(path.read_text("utf-8"), str(path.relative_to(UI)))
    ]
    assert found == []
