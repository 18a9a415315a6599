"""The window's own house rules: no import cycles inside ui (counting imports in functions and type-only
imports), panes never import the shell, no ORM."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def _module(path: Path) -> str:
    return ".".join(path.relative_to(UI.parent).with_suffix("").parts).removesuffix(".__init__")


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(UI.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui"):
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names if a.name.startswith("ui"))
        graph[_module(path)] = names
    return {m: {n for n in names if n in graph and n != m} for m, names in graph.items()}


def test_no_import_cycles_in_ui() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_panes_never_import_the_shell() -> None:
    graph = _graph()
    offenders = [
        f"{m} imports {n}"
        for m, names in graph.items()
        if not m.startswith("ui.shell")
        for n in names
        if n.startswith("ui.shell")
    ]
    assert offenders == []
