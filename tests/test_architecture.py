"""House rules: the layering of the packages, checked on every import statement in the tree.

Every ``import`` counts, wherever it stands: at module level, inside a function, or under
``if TYPE_CHECKING``. A cycle hidden inside a function is still a cycle in the design.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = ("app", "ui", "models", "indicator_catalog", "exports")
CORE_PACKAGES = ("app", "models", "indicator_catalog", "exports")
#: The part of ``app`` that the packages below it (models, catalog, exports) may use.
APP_BASE = "app.base"
#: Third-party libraries that may be imported inside a function: each costs start-up time that most
#: commands never need (the CLI answers ``score`` and ``evidence`` in well under a second).
LAZY_THIRD_PARTY = frozenset(
    {
        "alembic",
        "docx",
        "filetype",
        "jsonschema",
        "numpy",
        "ofdkit",
        "onnxruntime",
        "openpyxl",
        "PIL",
        "pikepdf",
        "pypdf",
        "pypdfium2",
        "rapidocr",
        "rapidocr_onnxruntime",
        "reportlab",
        "xlrd",
        "yaml",
        # platform-only standard modules
        "fcntl",
        "msvcrt",
        "winreg",
        # Qt modules that pull in large libraries (charts, PDF rendering, printing)
        "PySide6",
    }
)
#: The one place that loads a project module by name: the CLI loading the area of the command it runs,
#: and starting the window (the core may not import ui, so the window is found at run time).
# ocr.py looks up whether the third-party OCR packages are installed (find_spec, nothing loaded by name).
IMPORTLIB_ENTRY_POINTS = {"app/cli/entry.py", "app/evidence/formats/ocr.py"}


@dataclass(frozen=True)
class ImportEdge:
    source: str  # importing module, dotted
    target: str  # imported project module, dotted
    path: str
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _project_modules() -> dict[str, Path]:
    modules = {}
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:  # Alembic revision scripts are loaded by Alembic
                continue
            modules[_module_name(path)] = path
    return modules


MODULES = _project_modules()


def _resolve(name: str) -> str | None:
    """The project module an import of ``name`` loads (``a.b.c`` may be module ``a.b`` + attribute c)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _walk_imports(tree: ast.Module) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, in_function
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from visit(child, nested)

    yield from visit(tree, False)


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, path: Path) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def _edges() -> list[ImportEdge]:
    edges = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, in_function in _walk_imports(tree):
            targets = {_resolve(name) for name in _imported_names(node, module, path)}
            for target in sorted(t for t in targets if t and t != module):
                rel = str(path.relative_to(ROOT))
                edges.append(ImportEdge(module, target, rel, node.lineno, in_function))
    return edges


EDGES = _edges()


def _cycles(edges: list[ImportEdge]) -> list[list[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for edge in edges:
        graph[edge.source].add(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0

    def connect(node: str) -> None:  # Tarjan's strongly connected components
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph)))
    for node in sorted(graph):
        if node not in index:
            connect(node)
    return components


def test_no_import_cycles() -> None:
    cycles = _cycles(EDGES)
    detail = []
    for cycle in cycles:
        members = set(cycle)
        detail.append(
            " ↔ ".join(cycle)
            + ": "
            + "; ".join(
                f"{e.path}:{e.line} imports {e.target}"
                for e in EDGES
                if e.source in members and e.target in members
            )
        )
    assert not detail, "\n".join(detail)


def test_the_graph_sees_imports_inside_functions() -> None:
    """The checker itself: a cycle through a function-level import is found."""
    edges = [
        ImportEdge("app.base.errors", "app.base.progress", "x.py", 1, True),
        ImportEdge("app.base.progress", "app.base.errors", "y.py", 1, False),
    ]
    assert _cycles(edges) == [["app.base.errors", "app.base.progress"]]


def test_project_modules_are_imported_at_module_level() -> None:
    """Imports of project modules stand at the top, so the dependency graph is in plain sight."""
    offenders = [f"{e.path}:{e.line} imports {e.target} inside a function" for e in EDGES if e.in_function]
    assert not offenders, "\n".join(offenders)


def test_function_level_imports_are_only_heavy_third_party_libraries() -> None:
    offenders = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, in_function in _walk_imports(tree):
            if not in_function:
                continue
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] not in LAZY_THIRD_PARTY and _resolve(name) is None:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name} in a function")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_never_imports_qt_or_ui(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, _in_function in _walk_imports(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in {"PySide6", "shiboken6", "ui"}:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("package", ["models", "indicator_catalog", "exports"])
def test_below_app_only_the_base_is_visible(package: str) -> None:
    """Imports go ui → app → (models, indicator_catalog, exports); below app only ``app.base``."""
    offenders = [
        f"{e.path}:{e.line} imports {e.target}"
        for e in EDGES
        if e.source.split(".")[0] == package
        and e.target.split(".")[0] == "app"
        and not (e.target == APP_BASE or e.target.startswith(APP_BASE + "."))
    ]
    assert not offenders, "\n".join(offenders)


def test_the_base_depends_on_nothing_else_in_the_project() -> None:
    offenders = [
        f"{e.path}:{e.line} imports {e.target}"
        for e in EDGES
        if e.source.startswith(APP_BASE) and not e.target.startswith(APP_BASE) and e.target != "app"
    ]
    assert not offenders, "\n".join(offenders)


def test_no_importlib_on_project_modules() -> None:
    offenders = []
    for path in MODULES.values():
        rel = str(path.relative_to(ROOT))
        text = path.read_text(encoding="utf-8")
        loads_by_name = any(call in text for call in ("import_module(", "__import__(", "find_spec("))
        if rel not in IMPORTLIB_ENTRY_POINTS and loads_by_name:
            offenders.append(rel)
    assert not offenders, "\n".join(offenders)


def test_importing_the_cli_and_core_loads_no_qt() -> None:
    code = (
        "import sys, app.cli.main, app.cli.catalog, indicator_catalog, exports;"
        "app.cli.main.build_parser();"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_no_module_is_too_long() -> None:
    """A module past ~600 lines holds more than one concept; split it."""
    limit = 620
    long_ones = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for path in MODULES.values()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > limit
    ]
    assert not long_ones, "\n".join(long_ones)


def test_tests_mirror_the_packages() -> None:
    """Each test folder under tests/ matches a package folder of the same path."""
    strays = []
    for folder in sorted(p for p in (ROOT / "tests").rglob("*") if p.is_dir()):
        rel = folder.relative_to(ROOT / "tests")
        if rel.parts[0] in ("faults", "hostile") or {"__pycache__", "data"} & set(rel.parts):
            continue  # tests/faults and tests/hostile cross every package on purpose; data/: sample files
        if not (ROOT / rel).is_dir():
            strays.append(str(rel))
    assert not strays, "\n".join(strays)


def test_ui_uses_no_orm() -> None:
    """The window asks the core for data; it never queries the database itself."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, _in_function in _walk_imports(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in {"models", "sqlalchemy"}:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not offenders, "\n".join(offenders)
