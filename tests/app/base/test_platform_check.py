"""The start-up check names the missing display or Qt system library, with the install command."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping

import pytest

from app.base.platform_check import (
    XCB_LIBRARIES,
    ProbeResult,
    check_gui_platform,
    explain_probe,
    missing_packages,
    package_for_soname,
    run_qt_probe,
)
from app.base.platform_check import main as platform_main
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


# -- the real Qt probe (subprocess results monkeypatched) ------------------------------------------

ICCCM_FAILURE = (
    'qt.core.library: "/opt/fazhi/PySide6/Qt/plugins/platforms/libqxcb.so" cannot load: Cannot load library '
    "/opt/fazhi/PySide6/Qt/plugins/platforms/libqxcb.so: (libxcb-icccm.so.4: cannot open shared object "
    "file: No such file or directory)\n"
    "qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.\n"
    'qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.\n'
    "This application failed to start because no Qt platform plugin could be initialized.\n"
)

CURSOR_ONLY_FAILURE = (
    "qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.\n"
    'qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.\n'
)


class _Completed:
    def __init__(self, returncode: int, stdout: str = "", stderr: str = "") -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


class _Runner:
    """Stands in for subprocess.run: records the call, returns a canned result (or raises)."""

    def __init__(self, result: _Completed | BaseException) -> None:
        self.result = result
        self.calls: list[tuple[list[str], dict[str, object]]] = []

    def __call__(self, command: list[str], **kwargs: object) -> _Completed:
        self.calls.append((command, kwargs))
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


def _probe_with(runner: _Runner) -> Callable[[Mapping[str, str]], ProbeResult | None]:
    return lambda env: run_qt_probe(env, python="/venv/bin/python", runner=runner)


def test_the_probe_names_the_library_the_loader_could_not_open_not_xcb_cursor() -> None:
    runner = _Runner(_Completed(134, stderr=ICCCM_FAILURE))
    # The lookup finds everything (it would say nothing): the probe knows better.
    line = check_gui_platform(
        {"DISPLAY": ":0"}, platform="linux", find_library=_finder(set()), probe=_probe_with(runner)
    )
    assert line is not None and "\n" not in line
    assert "sudo apt-get install -y libxcb-icccm4" in line and "cursor" not in line
    command, kwargs = runner.calls[0]
    assert command[:2] == ["/venv/bin/python", "-c"] and "QGuiApplication" in command[2]
    env = kwargs["env"]
    assert isinstance(env, dict) and env["QT_QPA_PLATFORM"] == "xcb" and env["QT_DEBUG_PLUGINS"] == "1"
    assert kwargs["timeout"] and kwargs["capture_output"] is True


def test_a_probe_that_starts_qt_wins_over_the_lookup() -> None:
    runner = _Runner(_Completed(0, stdout="fazhi-qt-ok:xcb\n"))
    line = check_gui_platform(
        {"DISPLAY": ":0"}, platform="linux", find_library=_finder({"xcb-icccm"}), probe=_probe_with(runner)
    )
    assert line is None


def test_when_qt_only_blames_xcb_cursor_the_lookup_names_the_real_ones() -> None:
    result = ProbeResult(134, CURSOR_ONLY_FAILURE)
    line = explain_probe(result, _finder({"xcb-keysyms"}))
    assert line is not None and "libxcb-keysyms1" in line and "libxcb-cursor0" not in line
    # Nothing found missing either: the line still says what to install, in one line.
    line = explain_probe(result, _finder(set()))
    assert line is not None and "\n" not in line and "sudo apt-get install -y libxcb1" in line


def test_probe_reports_a_display_it_cannot_reach_and_a_missing_pyside6() -> None:
    line = explain_probe(ProbeResult(134, "qt.qpa.xcb: could not connect to display :7\n"))
    assert line is not None and ":7" in line and "xvfb-run" in line
    line = explain_probe(ProbeResult(1, "ModuleNotFoundError: No module named 'PySide6'\n"))
    assert line is not None and "bootstrap.py" in line


def test_a_probe_that_cannot_run_leaves_the_lookup_to_decide() -> None:
    for failure in (subprocess.TimeoutExpired("python", 8), OSError("no python")):
        runner = _Runner(failure)
        probe = _probe_with(runner)
        assert (
            check_gui_platform({"DISPLAY": ":0"}, platform="linux", find_library=_finder(set()), probe=probe)
            is None
        )
        line = check_gui_platform(
            {"DISPLAY": ":0"}, platform="linux", find_library=_finder({"xcb-icccm"}), probe=probe
        )
        assert line is not None and "libxcb-icccm4" in line


def test_no_probe_without_a_display_or_headless() -> None:
    runner = _Runner(_Completed(134, stderr=ICCCM_FAILURE))
    assert check_gui_platform({}, platform="linux", probe=_probe_with(runner)) is not None
    assert (
        check_gui_platform({"QT_QPA_PLATFORM": "offscreen"}, platform="linux", probe=_probe_with(runner))
        is None
    )
    assert runner.calls == []


def test_package_names_follow_the_debian_rule() -> None:
    assert package_for_soname("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert package_for_soname("libxcb-util.so.1") == "libxcb-util1"
    assert package_for_soname("libX11-xcb.so.1") == "libx11-xcb1"
    assert package_for_soname("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert package_for_soname("libfoo2.so.3") == "libfoo2-3"


def test_fazhi_gui_and_bootstrap_run_the_probe(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    runner = _Runner(_Completed(134, stderr=ICCCM_FAILURE))
    monkeypatch.setattr("app.base.platform_check.subprocess.run", runner)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["gui"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "libxcb-icccm4" in err[0]
    # bootstrap.py runs ``python -m app.base.platform_check``: the same line, exit 1.
    assert platform_main() == 1
    assert "sudo apt-get install -y libxcb-icccm4" in capsys.readouterr().err
    assert len(runner.calls) == 2
