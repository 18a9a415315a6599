"""RefreshWhenShown: a hidden page of a shown window refreshes when it is shown, before it paints."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QTabWidget
from pytestqt.qtbot import QtBot

from ui.common.when_shown import RefreshWhenShown


class _PaintLog(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_a_hidden_page_refreshes_once_when_shown_and_before_it_paints(qtbot: QtBot) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    front, page = QLabel("front"), QLabel("")
    tabs.addTab(front, "front")
    tabs.addTab(page, "page")
    log: list[str] = []
    count = {"n": 0}

    def refresh() -> None:
        count["n"] += 1
        page.setText(f"fill {count['n']}")
        log.append("refresh")

    refresher = RefreshWhenShown(page, refresh)
    painted = _PaintLog(log)
    page.installEventFilter(painted)
    tabs.show()
    qtbot.waitExposed(tabs)

    # Behind the front tab: two changes, no work, one refresh due.
    refresher.request()
    refresher.request()
    assert (refresher.deferring, refresher.pending) == (True, True)
    assert count["n"] == 0 and page.text() == ""

    tabs.setCurrentWidget(page)
    assert count["n"] == 1 and page.text() == "fill 1"  # at once, not on a later turn
    assert not refresher.pending
    qtbot.waitUntil(lambda: "paint" in log)
    assert log.index("refresh") < log.index("paint")

    # Shown: a request refreshes at once; showing it again costs nothing.
    refresher.request()
    assert count["n"] == 2 and page.text() == "fill 2"
    tabs.setCurrentWidget(front)
    tabs.setCurrentWidget(page)
    assert count["n"] == 2


def test_a_pane_outside_a_shown_window_refreshes_at_once(qtbot: QtBot) -> None:
    # Built on its own (as the panes' own tests build them): nothing would ever show it to catch up.
    page = QLabel("")
    qtbot.addWidget(page)
    calls: list[int] = []
    refresher = RefreshWhenShown(page, lambda: calls.append(1))
    refresher.request()
    assert calls == [1] and not refresher.deferring and not refresher.pending
