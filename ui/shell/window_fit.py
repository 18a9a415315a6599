"""The main window fits the screen it opens on: sized to the available area (taskbar excluded), a
remembered geometry restored but clamped to the current screen, never larger than what is available.

Pure geometry (``fit_rect``) is separate from Qt's screens (``fit_window``) so it is tested directly.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: The size the window asks for on a large screen.
PREFERRED = QSize(1360, 820)
#: Room for the title bar and borders before the window manager has told us the real frame.
FRAME_GUESS = QSize(16, 40)
#: The window stays usable down to 1280×720 with a taskbar: its minimum must fit in there.
MINIMUM = QSize(1024, 560)


def fit_rect(wanted: QRect, available: QRect, frame: QSize = FRAME_GUESS) -> QRect:
    """``wanted`` (the window's client rectangle) shrunk and moved so that with ``frame`` around it the
    window lies inside ``available``."""
    room = QSize(max(available.width() - frame.width(), 1), max(available.height() - frame.height(), 1))
    size = wanted.size().boundedTo(room)
    left_border = frame.width() // 2
    top_border = frame.height() - left_border  # the title bar is at the top
    x = min(
        max(wanted.x(), available.left() + left_border), available.right() + 1 - left_border - size.width()
    )
    y = min(
        max(wanted.y(), available.top() + top_border), available.bottom() + 1 - left_border - size.height()
    )
    return QRect(QPoint(x, y), size)


def centered(size: QSize, available: QRect, frame: QSize = FRAME_GUESS) -> QRect:
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return fit_rect(rect, available, frame)


def screen_of(window: QWidget) -> QScreen | None:
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen()
    return screen or QGuiApplication.primaryScreen()


def frame_of(window: QWidget) -> QSize:
    """The frame the window manager draws (its guess until the window has been shown)."""
    if not window.isVisible():
        return FRAME_GUESS
    frame = window.frameGeometry().size() - window.geometry().size()
    return frame if frame.width() >= 0 and frame.height() >= 0 else FRAME_GUESS


def minimum_for(available: QRect, frame: QSize = FRAME_GUESS) -> QSize:
    """The window's minimum: ``MINIMUM``, smaller still on a screen smaller than 1280×720."""
    room = QSize(available.width() - frame.width(), available.height() - frame.height())
    return MINIMUM.boundedTo(room).expandedTo(QSize(320, 240))


def fit_window(window: QWidget, saved_geometry: QByteArray | None = None) -> QRect:
    """Size ``window`` for its screen: the remembered geometry if there is one, clamped; else the
    preferred size, centred. Returns the client rectangle set."""
    screen = screen_of(window)
    if screen is None:  # no screen at all (should not happen): leave Qt's choice
        window.resize(PREFERRED)
        return window.geometry()
    available = screen.availableGeometry()
    frame = frame_of(window)
    window.setMinimumSize(minimum_for(available, frame))
    restored = saved_geometry is not None and window.restoreGeometry(saved_geometry)
    if restored:
        # restoreGeometry may have picked another (now missing) screen: clamp to the one we are on.
        screen = screen_of(window) or screen
        available = screen.availableGeometry()
        rect = fit_rect(window.geometry(), available, frame)
    else:
        rect = centered(PREFERRED, available, frame)
    if window.isMaximized() or window.isFullScreen():
        return window.geometry()
    window.setGeometry(rect)
    return rect


def clamp_shown_window(window: QWidget) -> bool:
    """After the first show, with the real frame known: pull the window back inside its screen if
    the frame sticks out. True when it moved or shrank."""
    if window.isMaximized() or window.isFullScreen():
        return False
    screen = screen_of(window)
    if screen is None:
        return False
    available = screen.availableGeometry()
    if available.contains(window.frameGeometry()):
        return False
    rect = fit_rect(window.geometry(), available, frame_of(window))
    if rect == window.geometry():
        return False
    window.setGeometry(rect)
    return True
