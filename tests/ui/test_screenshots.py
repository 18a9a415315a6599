"""Screenshots of the main screens under Xvfb (saved to screenshots/, which git ignores)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).resolve().parent / "make_screenshots.py"
EXPECTED = [
    "01-start",
    "02-new-project",
    "03-main-pdf-1366x768",
    "04-main-xlsx-1366x768",
    "05-main-1920x1080",
    "06-search",
    "07-attach-dialog",
    "08-refused-files",
    "09-withdraw-dialog",
    "10-unit-workspace",
    "11-no-project",
]


def _distinct_colours(image: QImage, step: int = 7) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
            if len(colours) > 50:
                return len(colours)
    return len(colours)


@pytest.mark.xvfb
def test_screenshots_of_the_main_screens(tmp_path: Path) -> None:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (apt-get install -y xvfb libxcb-cursor0 …)")
    out = ROOT / "screenshots"
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
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        run = subprocess.run(
            [sys.executable, str(SCRIPT), str(out)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    if run.returncode != 0 and "could not connect to display" in run.stderr:
        pytest.skip("Qt could not use the Xvfb display (xcb libraries missing?)")
    assert run.returncode == 0, run.stderr[-3000:]
    for name in EXPECTED:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 300 and image.height() >= 150, name
        assert _distinct_colours(image) > 10, f"{name} looks blank"
    main = QImage(str(out / "03-main-pdf-1366x768.png"))
    assert (main.width(), main.height()) == (1366, 768)
