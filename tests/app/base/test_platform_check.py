"""The start-up check names the missing display or Qt system library, with the install command."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.base.platform_check import XCB_LIBRARIES, check_gui_platform, missing_packages
from app.cli.main import main


def _finder(missing: set[str]) -> Callable[[str], str | None]:
    return lambda name: None if name in missing else f"lib{name}.so"


def test_all_libraries_present_and_a_display_means_no_message() -> None:
    assert check_gui_platform({"DISPLAY": ":0"}, platform="linux", find_library=_finder(set())) is None


def test_the_really_missing_libraries_are_named_not_xcb_cursor() -> None:
    line = check_gui_platform(
        {"DISPLAY": ":0"}, platform="linux", find_library=_finder({"xcb-icccm", "xcb-keysyms"})
    )
    assert line is not None and "\n" not in line
    assert "libxcb-icccm4" in line and "libxcb-keysyms1" in line and "libxcb-cursor0" not in line
    assert "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1" in line


def test_no_display_is_said_in_one_line() -> None:
    line = check_gui_platform({}, platform="linux", find_library=_finder(set()))
    assert line is not None and "DISPLAY" in line and "xvfb" in line


def test_offscreen_needs_nothing() -> None:
    everything = set(XCB_LIBRARIES)
    assert (
        check_gui_platform(
            {"QT_QPA_PLATFORM": "offscreen"}, platform="linux", find_library=_finder(everything)
        )
        is None
    )
    assert missing_packages(_finder(everything)) == list(XCB_LIBRARIES.values())


def test_windows_advice_names_the_runtime() -> None:
    line = check_gui_platform({}, platform="win32", find_library=_finder({"msvcp140"}))
    assert line is not None and "vc_redist" in line
    assert check_gui_platform({}, platform="win32", find_library=_finder(set())) is None


def test_fazhi_gui_prints_the_line_instead_of_a_qt_abort(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["gui"]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and len(lines) == 1 and "没有图形显示" in lines[0]
