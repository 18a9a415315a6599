"""The bundled manual: every page referenced exists, links and anchors resolve, the menu paths it names
are the window's real menus and actions, search finds words, and the files ship as package data."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from ui.help.manual_pages import (
    CONTENTS,
    MANUAL_DIR,
    ROLE_PAGES,
    VIEW_PAGES,
    links,
    page_text,
    page_title,
    search,
    target_exists,
)
from ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


def test_every_referenced_page_and_anchor_exists() -> None:
    assert sorted(CONTENTS) == sorted(p.name for p in MANUAL_DIR.glob("*.html"))
    targets = [*VIEW_PAGES.values(), *ROLE_PAGES.values(), *CONTENTS]
    targets += [link for file in CONTENTS for link in links(file)]
    missing = [t for t in targets if not target_exists(t)]
    assert not missing
    assert not target_exists("nosuch.html") and not target_exists("review.html#nosuch")
    # Every page has a Chinese title and real content.
    for file in CONTENTS:
        assert re.search(r"[\u4e00-\u9fff]", page_title(file)), file
        assert len(page_text(file)) > 200, file


def _strip(text: str) -> str:
    return re.sub(r"\(&\w\)|…", "", text).strip()


def _menu_items(window: MainWindow) -> dict[str, set[str]]:
    items: dict[str, set[str]] = {}
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        assert isinstance(menu, QMenu)
        items[_strip(bar_action.text())] = {_strip(a.text()) for a in menu.actions() if a.text()}
    # Texts an action takes in other states (a unit workspace imports notes; undo names its step).
    items["交换"].add(_strip(window.registry.import_text(False)))
    return items


def test_menu_paths_in_the_manual_are_real(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    items = _menu_items(window)
    paths = set()
    for file in CONTENTS:
        for menu, entry in re.findall(r"<b>([^<\s]+) › ([^<]+)</b>", (MANUAL_DIR / file).read_text("utf-8")):
            for name in entry.split(" / "):
                paths.add((file, menu, _strip(name)))
    assert len(paths) > 30
    wrong = [(f, m, n) for f, m, n in sorted(paths) if n not in items.get(m, set())]
    assert not wrong


def test_search() -> None:
    hits = search("撤销")
    files = [h.file for h in hits]
    assert "review.html" in files and "shortcuts.html" in files
    review = next(h for h in hits if h.file == "review.html")
    assert "撤销" in review.snippet and review.title.startswith("评审")
    assert [h.file for h in search("退回 通知 U 盘")] == ["exchange.html"] or "exchange.html" in [
        h.file for h in search("退回 通知")
    ]
    assert search("   ") == []
    assert search("没有这个词语xyz") == []


def test_manual_is_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "help/manual/*.html" in pyproject["tool"]["setuptools"]["package-data"]["ui"]
    spec = (ROOT / "packaging" / "fazhi.spec").read_text("utf-8")
    assert '"help" / "manual"' in spec
