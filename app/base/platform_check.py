"""Before the window starts: is there a display, and are the system libraries Qt's xcb plugin needs there?

Qt aborts (rc 134/250) with raw English text when its platform plugin cannot load, and it often blames
the wrong library (Qt 6.5+ always names xcb-cursor0). This check runs first (``fazhi gui``,
``bootstrap.py``) and says in one Chinese line what is missing and how to install it.

Two ways of looking, both cheap:

- ``missing_packages``: the libraries the xcb plugin links, looked up with ``ctypes.util.find_library``
  (no Qt involved; also the fallback when the probe cannot run);
- ``run_qt_probe``: a tiny subprocess creates a ``QGuiApplication`` on the real platform with
  ``QT_DEBUG_PLUGINS=1``; a failure's output names the shared object the loader could not open
  ("libxcb-icccm.so.4: cannot open shared object file"), which ``explain_probe`` turns into the Debian
  package (``libxcb-icccm4``). About 0.2 s; a probe that hangs is given up after a few seconds.

Standard library only: it must work before Qt is loaded (and when PySide6 itself is missing).
``python -m app.base.platform_check`` prints the line and exits 1 when something is missing.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: What Qt 6's xcb platform plugin loads (library name for ``find_library``) → Debian/UOS/Kylin package.
XCB_LIBRARIES: dict[str, str] = {
    "xcb": "libxcb1",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon": "libxkbcommon0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "fontconfig": "libfontconfig1",
    "EGL": "libegl1",
    "GL": "libgl1",
    "dbus-1": "libdbus-1-3",
}

#: Platforms that need no display (tests, servers, screenshots).
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")

WINDOWS_ADVICE = (
    "Windows：请安装 Microsoft Visual C++ 2015-2022 可再发行组件（vc_redist.x64.exe，微软官网下载）后重试"
)

#: Shared objects the loader may name that do not follow the libNAME.so.N → libNAMEN rule.
SONAME_PACKAGES: dict[str, str] = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libdbus-1.so.3": "libdbus-1-3",
}

Finder = Callable[[str], str | None]
Runner = Callable[..., Any]  # subprocess.run's shape

#: What the probe runs: create the application on the real platform, say so, exit.
PROBE_CODE = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication([sys.argv[0]])\n"
    "print('fazhi-qt-ok:' + app.platformName())\n"
)
PROBE_OK = "fazhi-qt-ok:"
PROBE_TIMEOUT_S = 8.0

_SONAME = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*): cannot open shared object file")
_NO_DISPLAY = re.compile(r"could not connect to display ?(\S*)|cannot open display", re.IGNORECASE)


@dataclass(frozen=True)
class ProbeResult:
    """What the probe subprocess did: its exit code and everything it printed."""

    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and PROBE_OK in self.output


Prober = Callable[[Mapping[str, str]], ProbeResult | None]


def missing_packages(find_library: Finder = ctypes.util.find_library) -> list[str]:
    """The Debian packages of the xcb plugin's libraries that the system cannot find, in a fixed order."""
    return [package for name, package in XCB_LIBRARIES.items() if not find_library(name)]


def package_for_soname(soname: str) -> str:
    """The Debian/UOS/Kylin package that ships ``soname`` (``libxcb-icccm.so.4`` → ``libxcb-icccm4``)."""
    if soname in SONAME_PACKAGES:
        return SONAME_PACKAGES[soname]
    base, _so, version = soname.partition(".so")
    name = base[3:] if base.startswith("lib") else base
    if name in XCB_LIBRARIES:
        return XCB_LIBRARIES[name]
    major = version.lstrip(".").split(".", 1)[0]
    if not major:
        return base.lower()
    return f"{base}-{major}".lower() if base[-1:].isdigit() else f"{base}{major}".lower()


def run_qt_probe(
    env: Mapping[str, str],
    *,
    python: str | None = None,
    runner: Runner | None = None,
    timeout: float = PROBE_TIMEOUT_S,
) -> ProbeResult | None:
    """Start Qt's platform plugin in a subprocess; None when the probe itself could not run."""
    probe_env = {**env, "QT_DEBUG_PLUGINS": "1"}
    if not env.get("WAYLAND_DISPLAY"):
        probe_env.setdefault("QT_QPA_PLATFORM", "xcb")  # what Qt picks on an X11 desktop anyway
    run_process = runner or subprocess.run  # looked up now, so tests can stand in for it
    try:
        run = run_process(
            [python or sys.executable, "-c", PROBE_CODE],
            env=probe_env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no verdict: the library lookup decides
    return ProbeResult(int(run.returncode), f"{run.stdout or ''}\n{run.stderr or ''}")


def _install_line(packages: Sequence[str]) -> str:
    return (
        f"无法启动窗口：缺少 Qt 图形界面所需的系统库 {'、'.join(packages)}。"
        f"Debian/UOS/麒麟请运行：sudo apt-get install -y {' '.join(packages)}"
    )


def explain_probe(result: ProbeResult, find_library: Finder = ctypes.util.find_library) -> str | None:
    """None when the probe started Qt; else one Chinese line with the cause and the fix."""
    if result.ok:
        return None
    output = result.output
    if "No module named 'PySide6'" in output:
        return "无法启动窗口：没有安装 PySide6。请在程序目录运行 python3 bootstrap.py（或 pip install -e .）"
    packages: list[str] = []
    for soname in _SONAME.findall(output):
        package = package_for_soname(soname)
        if package not in packages:
            packages.append(package)
    if packages:
        return _install_line(packages)
    display = _NO_DISPLAY.search(output)
    if display:
        where = display.group(1) if display.lastindex and display.group(1) else ""
        shown = f" {where}" if where else ""
        return (
            f"无法启动窗口：连接不上图形显示{shown}（DISPLAY 设置有误或桌面未启动）。"
            "请在桌面会话中运行；远程或服务器上可先 sudo apt-get install -y xvfb 再用 xvfb-run fazhi gui"
        )
    # Qt could not say which library (it blames xcb-cursor0 whatever is missing): look them up.
    missing = missing_packages(find_library)
    if missing:
        return _install_line(missing)
    reason = next(
        (line.strip() for line in output.splitlines() if "qt.qpa" in line and "plugin" in line.lower()), ""
    )
    every = " ".join(XCB_LIBRARIES.values())
    return (
        f"无法启动窗口：Qt 图形界面启动失败（退出码 {result.returncode}{'；' + reason if reason else ''}）。"
        f"Debian/UOS/麒麟可运行：sudo apt-get install -y {every}"
    )


def check_gui_platform(
    env: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    find_library: Finder = ctypes.util.find_library,
    probe: Prober | None = None,
) -> str | None:
    """None when the window can start; otherwise one Chinese line naming what is missing and the fix.

    With ``probe`` (``run_qt_probe``) a Linux desktop is asked for real: the probe's verdict wins over
    the library lookup (which may miss a library, or find one Qt cannot use); without an answer from
    the probe the lookup decides."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return None
    if platform.startswith("win"):
        if not find_library("msvcp140"):
            return f"无法启动窗口：缺少 Microsoft Visual C++ 运行库（msvcp140.dll）。{WINDOWS_ADVICE}"
        return None
    if platform == "darwin":
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "无法启动窗口：没有图形显示（DISPLAY 未设置）。请在桌面会话中运行；远程或服务器上可先"
            " sudo apt-get install -y xvfb 再用 xvfb-run fazhi gui，命令行功能不受影响（fazhi --help）"
        )
    if probe is not None:
        result = probe(env)
        if result is not None:
            return explain_probe(result, find_library)
    if qpa in ("", "xcb") or not env.get("WAYLAND_DISPLAY"):
        missing = missing_packages(find_library)
        if missing:
            return _install_line(missing)
    return None


def startup_problem(env: Mapping[str, str] | None = None) -> str | None:
    """The check ``fazhi gui`` and ``bootstrap.py`` run: the lookup, then the real Qt probe."""
    return check_gui_platform(env, probe=run_qt_probe)


def main() -> int:
    problem = startup_problem()
    if problem:
        print(f"fazhi: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
