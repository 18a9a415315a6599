"""Runs one ``fazhi`` command for the fault tests: ``python fault_driver.py [OPTIONS] -- ARGS...``.

Everything the command needs is imported first, then the driver prints ``READY`` on stdout, so the
test's killer times its random delay from the start of the real work, not from interpreter start-up.

Options (before ``--``):
  --wait-go          after ``READY``, wait for one line on stdin (a barrier for two processes)
  --migrations DIR   use the Alembic scripts in DIR instead of the shipped ones (a test-only newer
                     revision, so that opening the project runs the backup copy and a real upgrade)
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from pathlib import Path

# Modules the commands import lazily; loading them before READY keeps start-up out of the kill window.
PRELOAD = (
    "app.cli.main",
    "app.project.folder",
    "app.evidence.attach",
    "app.integrity.verify",
    "app.exchange.importing",
    "app.exchange.submit",
    "app.export.service",
    "app.project.audit",
    "exports.report_pdf",
    "exports.bundle",
    "pypdf",
    "pikepdf",
)


def point_migrations_at(folder: Path) -> None:
    """Make ``models.migrate`` use the Alembic scripts in ``folder`` (and their head revision)."""
    from alembic.script import ScriptDirectory

    import models.migrate

    models.migrate.MIGRATIONS_DIR = folder
    if hasattr(models.migrate, "HEAD_REVISION"):  # the head is a constant, for start-up speed
        head = ScriptDirectory(str(folder)).get_current_head()
        assert head is not None
        models.migrate.HEAD_REVISION = head


def main() -> int:
    argv = sys.argv[1:]
    wait_go = False
    migrations: Path | None = None
    while argv and argv[0] != "--":
        option = argv.pop(0)
        if option == "--wait-go":
            wait_go = True
        elif option == "--migrations":
            migrations = Path(argv.pop(0))
        else:
            raise SystemExit(f"fault_driver: unknown option {option}")
    argv = argv[1:]
    if migrations is not None:
        point_migrations_at(migrations)
    for name in PRELOAD:
        with contextlib.suppress(ModuleNotFoundError):  # an area not built yet
            importlib.import_module(name)
    import app.cli.main

    app.cli.main.build_parser()  # imports every command module
    print("READY", flush=True)
    if wait_go:
        sys.stdin.readline()
    return app.cli.main.main(argv)


if __name__ == "__main__":
    sys.exit(main())
