"""The one place that loads project modules by name.

Two callers, both at the outer edge of the program: the command line loads only the area of commands
it is asked to run (``fazhi score`` need not import the PDF renderers, so it answers in well under a
second), and ``fazhi gui`` hands over to the window (the core never imports ``ui``; imports go
ui → app). ``tests/test_architecture.py`` allows ``importlib`` here and nowhere else.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: Modules that may be loaded by name: the command areas and the window's entry.
LOADABLE_PREFIXES = ("app.cli.", "ui.shell.app_setup")


def load_module(name: str) -> ModuleType:
    if not name.startswith(LOADABLE_PREFIXES):
        raise ValueError(f"not a loadable entry module: {name}")
    return importlib.import_module(name)
