"""The PySide6 window. The only package allowed to import Qt.

The core modules the window uses are imported here, before any Qt module: once PySide6 is loaded, its
import hook (``shibokensupport.feature``) reads the source of every module imported after it, looking
for the word "PySide6", and ``linecache`` keeps all that text. The core never uses Qt, so loading it
first spares the window ~0.1 s of CPU and ~20 MB at start-up (benchmarks/RESULTS.md, issue 14).
``tests/ui/shell/test_startup_imports.py`` checks that no core module loads after Qt.
"""

from app.assessment import levels, placement_options, reviews, undo
from app.base import changes, paths
from app.evidence import attach, finding, recognize
from app.exchange import importing, kits, package, receive, returns, submit
from app.export import dispatch
from app.narrative import drafting, store
from app.project import audit, audit_log, create, folder
from app.scoring import compute, explain, scheme
from app.status import dashboard, selfcheck, unit_tasks, workspace
from app.units import editing, registry, unit_undo

__all__ = [
    "attach",
    "audit",
    "audit_log",
    "changes",
    "compute",
    "create",
    "dashboard",
    "dispatch",
    "drafting",
    "editing",
    "explain",
    "finding",
    "folder",
    "importing",
    "kits",
    "levels",
    "package",
    "paths",
    "placement_options",
    "receive",
    "recognize",
    "registry",
    "returns",
    "reviews",
    "scheme",
    "selfcheck",
    "store",
    "submit",
    "undo",
    "unit_tasks",
    "unit_undo",
    "workspace",
]
