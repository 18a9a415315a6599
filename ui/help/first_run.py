"""The first-run guide (入门指引): for each of the three roles, the steps of their work, shown once.

The office reviewer sees it when an office project first opens, the unit clerk when a unit workspace
first opens, whoever prints after the first print. Which roles have seen it is remembered
(``ui.common.settings``, keys ``guide/seen/<role>``); 帮助 › 入门指引 shows it again at any time.
The guide is a window of its own that does not take the focus from the main window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.common import settings
from ui.help.manual_pages import MANUAL_DIR, ROLE_PAGES

ROLES: tuple[str, ...] = tuple(ROLE_PAGES)


def _key(role: str) -> str:
    return f"guide/seen/{role}"


def guide_seen(role: str) -> bool:
    value = settings.value(_key(role), False)
    return value is True or str(value).lower() == "true"


def mark_guide_seen(role: str) -> None:
    settings.save_value(_key(role), True)


def mark_all_guides_seen() -> None:
    for role in ROLES:
        mark_guide_seen(role)


def forget_guides() -> None:
    """Show every guide again on its next occasion."""
    for role in ROLES:
        settings.save_value(_key(role), False)


class FirstRunGuide(QDialog):
    """One tab per role; each tab shows that role's step-by-step page of the manual."""

    #: 打开用户手册 was pressed: carries the role's manual page.
    manual_requested = Signal(str)

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunGuide")
        self.setWindowTitle(self.tr("入门指引"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        intro = QLabel(
            self.tr("按您的工作选择一页。以后可以从“帮助 › 入门指引”再次打开，按 F1 查看当前页面的说明。")
        )
        intro.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("guideTabs")
        titles = {
            "office": self.tr("县依法治县办（审核）"),
            "unit": self.tr("责任单位（填报）"),
            "printing": self.tr("打印与装订"),
        }
        self.browsers: dict[str, QTextBrowser] = {}
        for name in ROLES:
            browser = QTextBrowser()
            browser.setObjectName(f"guide_{name}")
            browser.setSearchPaths([str(MANUAL_DIR)])
            browser.setSource(QUrl.fromLocalFile(str(MANUAL_DIR / ROLE_PAGES[name])))
            self.browsers[name] = browser
            self.tabs.addTab(browser, titles[name])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.manual_button = self.buttons.addButton(
            self.tr("打开用户手册"), QDialogButtonBox.ButtonRole.HelpRole
        )
        self.manual_button.clicked.connect(self._on_manual_button_clicked)
        self.buttons.rejected.connect(self.reject)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self.show_role(role)

    def role(self) -> str:
        return ROLES[max(0, self.tabs.currentIndex())]

    def show_role(self, role: str) -> None:
        self.tabs.setCurrentIndex(ROLES.index(role) if role in ROLES else 0)
        mark_guide_seen(self.role())

    def _on_tabs_current_changed(self, index: int) -> None:
        mark_guide_seen(self.role())

    def _on_manual_button_clicked(self) -> None:
        self.manual_requested.emit(ROLE_PAGES[self.role()])
