"""What the window loads to start: no renderer or parser library, and the core before Qt (ui/__init__.py).

Run in a fresh interpreter, as ``fazhi gui DIR`` starts: the window is built, shown and opens a project;
the modules loaded by then are printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.project.create import create_project
from indicator_catalog import Catalog

HEAVY = ("reportlab", "docx", "openpyxl", "pypdf", "pikepdf", "PIL", "jsonschema", "yaml", "lxml", "numpy")
CORE = ("app", "models", "exports", "indicator_catalog", "sqlalchemy")

_SCRIPT = """
import json, sys
from ui.shell.app_setup import create_application, install_main_thread_gc, tear_down
from ui.shell.main_window import MainWindow
from PySide6.QtCore import QTimer

app = create_application([sys.argv[0]])
install_main_thread_gc(app)
window = MainWindow()
window.show()
loaded = []


def on_evidence_loaded(number):
    loaded.append(number)
    QTimer.singleShot(0, app.quit)


window.evidence_loaded.connect(on_evidence_loaded)
window.open_project(sys.argv[1])
QTimer.singleShot(30_000, app.quit)
app.exec()
names = list(sys.modules)
print(json.dumps({"loaded": bool(loaded), "modules": names, "qt_at": names.index("PySide6")}), flush=True)
tear_down(app)  # the window goes while the interpreter is whole (a global window aborted its exit)
del window
"""


def test_the_window_starts_without_renderers_and_loads_the_core_before_qt(
    tmp_path: Path, small_catalog: Catalog
) -> None:
    folder = tmp_path / "project"
    create_project(folder, county="测试县", year=2024, catalog=small_catalog)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip(), out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["loaded"], out.stderr
    modules: list[str] = result["modules"]
    assert sorted({m.split(".")[0] for m in modules} & set(HEAVY)) == []
    after_qt = [m for m in modules[result["qt_at"] :] if m.split(".")[0] in CORE]
    assert after_qt == [], f"core modules loaded after Qt (add them to ui/__init__.py): {after_qt}"
