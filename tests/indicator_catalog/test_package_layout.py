"""indicator_catalog's own layout: small modules, no import cycles (imports inside functions count),
in-function imports only for the heavy third-party libraries."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "indicator_catalog"
MAX_LINES = 600
HEAVY = {"jsonschema", "openpyxl"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def _project_imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):  # every import: top level, in functions, under TYPE_CHECKING
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("indicator_catalog"):
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("indicator_catalog"))
    return names


def test_the_xlsx_package_keeps_its_public_api() -> None:
    tree = ast.parse((PACKAGE / "xlsx" / "__init__.py").read_text(encoding="utf-8"))
    exported = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    names = {elt.value for elt in exported.elts} if isinstance(exported, ast.List) else set()  # type: ignore[attr-defined]
    assert {
        "MACHINE_SHEET",
        "TASK_SHEET",
        "TaskSheetError",
        "export_task_xlsx",
        "import_task_xlsx",
        "parse_requirements",
        "shared_note",
        "write_catalog_file",
    } <= names
