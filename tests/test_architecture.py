"""House rules that keep the core Qt-free (Dangerzone's split: one core for the CLI and the window)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("app", "models", "indicator_catalog", "exports")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_never_imports_qt_or_ui(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in {"PySide6", "shiboken6", "ui"}:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


@pytest.mark.parametrize("package", ["models", "indicator_catalog", "exports"])
def test_lower_layers_use_only_the_leaf_modules_of_app(package: str) -> None:
    """Imports go ui → app → (models, indicator_catalog, exports); below app only its leaf modules."""
    allowed = {"app.base.errors", "app.base.progress"}
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in _imports(path):
            if (name == "app" or name.startswith("app.")) and name not in allowed:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_importing_the_cli_and_core_loads_no_qt() -> None:
    code = (
        "import sys, app.cli.main, app.cli.catalog, indicator_catalog, exports;"
        "app.cli.main.build_parser();"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_ui_uses_no_orm() -> None:
    """The window asks the core for data; it never queries the database itself."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in {"models", "sqlalchemy"}:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []
