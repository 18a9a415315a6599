"""The help window: the bundled manual in a ``QTextBrowser``, with its contents and a search on the left.

F1 opens it at the page for the current view (``show_page("review.html#undo")``); links between pages,
back and forward work as in a browser. One window per main window, reused.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.help.manual_pages import CONTENTS, MANUAL_DIR, page_path, page_title, search

_FILE_ROLE = Qt.ItemDataRole.UserRole + 1


def bring_to_front(window: QWidget, *, activate: bool = True) -> None:
    """Show ``window``; if it was already open, raise it (platforms without windows cannot raise)."""
    shown = window.isVisible()
    window.show()
    if shown and QGuiApplication.platformName() not in {"offscreen", "minimal"}:
        window.raise_()
        if activate:
            window.activateWindow()


class HelpWindow(QWidget):
    """The user manual."""

    #: A page was shown; carries its file name and anchor (``review.html#undo``).
    page_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("用户手册 — 法治政府建设示范创建自评系统"))
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("helpSearch")
        self.search_edit.setPlaceholderText(self.tr("搜索手册，例如：撤销、退回、打印"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.list_label = QLabel(self.tr("目录"))
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.contents.itemActivated.connect(self._on_contents_item_activated)
        self.contents.itemClicked.connect(self._on_contents_item_activated)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setSearchPaths([str(MANUAL_DIR)])
        self.browser.setOpenExternalLinks(False)
        self.browser.sourceChanged.connect(self._on_browser_source_changed)
        self.back_button = QPushButton(self.tr("后退"))
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.forward_button = QPushButton(self.tr("前进"))
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.home_button = QPushButton(self.tr("目录页"))
        self.home_button.clicked.connect(lambda: self.show_page("index.html"))
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.list_label)
        left_layout.addWidget(self.contents, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(button)
        bar.addStretch(1)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.browser, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_contents()
        self.resize(980, 680)

    # -- content ------------------------------------------------------------------------------------
    def _fill_contents(self) -> None:
        self.contents.clear()
        self.list_label.setText(self.tr("目录"))
        for file in CONTENTS:
            item = QListWidgetItem(page_title(file))
            item.setData(_FILE_ROLE, file)
            item.setToolTip(page_title(file))
            self.contents.addItem(item)

    def _show_hits(self, query: str) -> None:
        self.contents.clear()
        hits = search(query)
        self.list_label.setText(self.tr("找到 {n} 页").format(n=len(hits)))
        for hit in hits:
            item = QListWidgetItem(hit.title)
            item.setData(_FILE_ROLE, hit.file)
            item.setToolTip(hit.snippet)
            self.contents.addItem(item)

    def current_page(self) -> str:
        """The shown page's file name and anchor (``review.html#undo``), or ``""``."""
        url = self.browser.source()
        if url.isEmpty():
            return ""
        name = url.fileName()
        return f"{name}#{url.fragment()}" if url.fragment() else name

    def show_page(self, target: str) -> None:
        """Show ``target`` (``file`` or ``file#anchor``), raise the window."""
        file, _, anchor = target.partition("#")
        url = QUrl.fromLocalFile(str(page_path(file)))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self._select_in_contents(file)
        bring_to_front(self)
        self.page_shown.emit(self.current_page())

    def _select_in_contents(self, file: str) -> None:
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(_FILE_ROLE) == file:
                self.contents.setCurrentRow(row)
                return
        self.contents.clearSelection()

    # -- slots --------------------------------------------------------------------------------------
    def _on_search_edit_text_changed(self, text: str) -> None:
        if text.strip():
            self._show_hits(text)
        else:
            self._fill_contents()
        # Where the words are on the shown page, too.
        words = text.split()
        if words:
            self.browser.find(words[0])

    def _on_contents_item_activated(self, item: QListWidgetItem) -> None:
        file = item.data(_FILE_ROLE)
        if isinstance(file, str):
            self.show_page(file)

    def _on_browser_source_changed(self, url: QUrl) -> None:
        self._select_in_contents(url.fileName())
