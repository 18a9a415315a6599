"""Refreshing a pane that nobody sees only when it is shown.

The view tabs (评分, 附加项, 操作记录 …) are pages of a tab widget: all but the current one are hidden.
Filling a hidden page's tables costs the UI thread layout and row heights nobody looks at, and at
project opening it ran in the same event-loop pass as the visible window's first paint (the start-up
stall, benchmarks/RESULTS.md). ``RefreshWhenShown`` runs a pane's refresh at once while the pane can be
seen and otherwise remembers that it is due and runs it when the pane is next shown, before it paints.
The pane still learns of every change from the hub; only the work waits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QObject):
    """One per pane: ``request()`` refreshes now, or on the pane's next show while it is hidden."""

    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        #: A refresh is due when the pane is shown next.
        self.pending = False
        widget.installEventFilter(self)

    @property
    def deferring(self) -> bool:
        """The pane is a hidden part of a shown window (a tab page not in front).

        A pane that is not in a shown window at all (built on its own, as tests do) refreshes at once:
        there is no first paint to protect, and nothing would ever show it to catch up.
        """
        widget = self._widget
        return not widget.isVisible() and widget.window().isVisible()

    def request(self) -> None:
        if self.deferring:
            self.pending = True
            return
        self.pending = False
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Show comes before the first paint of the page: it paints with fresh data.
        if self.pending and watched is self._widget and event.type() == QEvent.Type.Show:
            self.pending = False
            self._refresh()
        return False
