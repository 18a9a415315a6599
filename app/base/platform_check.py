"""Before the window starts: is there a display, and are the system libraries Qt's xcb plugin needs there?

Qt aborts (rc 134/250) with raw English text when its platform plugin cannot load, and it often blames
the wrong library. This check runs first (``fazhi gui``, ``bootstrap.py``) and says in one Chinese line
what is missing and how to install it. Standard library only: it must work before Qt is loaded.
``python -m app.base.platform_check`` prints the line and exits 1 when something is missing.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping

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

Finder = Callable[[str], str | None]


def missing_packages(find_library: Finder = ctypes.util.find_library) -> list[str]:
    """The Debian packages of the xcb plugin's libraries that the system cannot find, in a fixed order."""
    return [package for name, package in XCB_LIBRARIES.items() if not find_library(name)]


def check_gui_platform(
    env: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    find_library: Finder = ctypes.util.find_library,
) -> str | None:
    """None when the window can start; otherwise one Chinese line naming what is missing and the fix."""
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
    if qpa in ("", "xcb") or not env.get("WAYLAND_DISPLAY"):
        missing = missing_packages(find_library)
        if missing:
            names = " ".join(missing)
            return (
                f"无法启动窗口：缺少 Qt 图形界面所需的系统库 {'、'.join(missing)}。"
                f"Debian/UOS/麒麟请运行：sudo apt-get install -y {names}"
            )
    return None


def main() -> int:
    problem = check_gui_platform()
    if problem:
        print(f"fazhi: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
