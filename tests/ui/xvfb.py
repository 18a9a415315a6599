"""Run a command on a throw-away Xvfb display (the screenshot tests); skips when there is none."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest


def run_on_xvfb(command: Sequence[str], *, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """Start Xvfb on a free display, run ``command`` there with Qt's xcb platform, stop Xvfb.

    Skips the calling test (with the reason) when Xvfb or Qt's xcb libraries are missing.
    """
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (apt-get install -y xvfb libxcb-cursor0 …)")
    # -displayfd: Xvfb picks a free display number and tells us which.
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            display = reader.readline().strip()
        if not display:
            pytest.skip("Xvfb did not start")
        # The scripts import the helpers next to this file (tests/ui), wherever they live.
        helpers = str(Path(__file__).resolve().parent)
        path = os.pathsep.join(p for p in (helpers, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": path}
        run = subprocess.run(
            list(command), env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    if run.returncode != 0 and "could not connect to display" in run.stderr:
        pytest.skip("Qt could not use the Xvfb display (xcb libraries missing?)")
    return run


def wait_until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run the event loop until ``predicate`` holds (screenshot scripts: no qtbot in the child)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("screen did not get ready in time")
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def settle(ms: int = 200) -> None:
    """Let the window paint for ``ms`` (animations, chart layout) before a screenshot."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
