#!/usr/bin/env python3
"""One command to set up and run 法治政府建设示范创建自评系统 on a fresh machine.

    python3 bootstrap.py          # set up (first time) and open the window on a demo county project
    python3 bootstrap.py test     # set up (first time) and run the whole test suite

It creates a virtual environment in ``.venv`` next to this file, installs the program into it with its
test tools, and then runs the program or the tests from there. Running it again reuses ``.venv`` and
only reinstalls when ``pyproject.toml`` changed. Works on Windows, Linux (Kylin/UOS) and macOS.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".fazhi-installed"
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment() -> Path:
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"需要 Python {'.'.join(map(str, MIN_PYTHON))} 或更新版本，当前为 {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        print(f"[fazhi] 创建虚拟环境 {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("[fazhi] 安装程序及依赖（首次需要几分钟）…", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    python = ensure_environment()
    command = argv[0] if argv else "run"
    if command == "test":
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        tests = [str(python), "-m", "pytest", *argv[1:]]
        return subprocess.run(tests, check=False, cwd=ROOT, env=env).returncode
    if command in ("run", "gui"):
        # A missing display or Qt system library: one Chinese line with the install command, not a Qt abort.
        check = subprocess.run([str(python), "-m", "app.base.platform_check"], check=False, cwd=ROOT)
        if check.returncode != 0:
            return check.returncode
    if command == "run":
        # First look: build the demo county once, then open the window on it.
        code = (
            "import sys; from app.base.paths import demo_project_dir; from app.cli.main import main;"
            "d = demo_project_dir();"
            "rc = 0 if (d / 'project.sqlite').exists() else main(['demo', str(d)]);"
            "sys.exit(rc or main(['gui', str(d)]))"
        )
        return subprocess.run([str(python), "-c", code, *argv[1:]], check=False, cwd=ROOT).returncode
    # Anything else is passed to the fazhi command line: python3 bootstrap.py catalog list
    return subprocess.run([str(python), "-m", "app", *argv], check=False, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
