"""Screenshots of the main screens under Xvfb (saved to screenshots/, which git ignores)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from xvfb import run_on_xvfb

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).resolve().parents[1] / "make_screenshots.py"
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
    out = ROOT / "screenshots"
    run = run_on_xvfb([sys.executable, str(SCRIPT), str(out)], cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    for name in EXPECTED:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 300 and image.height() >= 150, name
        assert _distinct_colours(image) > 10, f"{name} looks blank"
    main = QImage(str(out / "03-main-pdf-1366x768.png"))
    assert (main.width(), main.height()) == (1366, 768)
