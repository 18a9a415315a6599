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


def _shortcut_rows() -> dict[str, str]:
    """快捷键一览 as {key: what it does}; "Ctrl+N / Ctrl+O" or "Ctrl+Y、Ctrl+Shift+Z" give each key."""
    source = (MANUAL_DIR / "shortcuts.html").read_text("utf-8")
    rows: dict[str, str] = {}
    for keys, meaning in re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td></tr>", source):
        for key in re.split(r" / |、", keys):
            rows[key.strip()] = meaning
    return rows


def test_every_shortcut_of_the_window_is_in_the_table(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    rows = _shortcut_rows()
    words = {"Return": "Enter", "Down": "↓", "Up": "↑"}
    missing = []
    for name in window.registry.names():
        action = window.registry.find(name)
        for sequence in action.shortcuts():
            key = sequence.toString()
            for qt_word, manual_word in words.items():
                key = key.replace(qt_word, manual_word)
            if key not in rows and not (key.startswith("Ctrl+") and key[5:].isdigit()):
                missing.append((name, key))
    assert not missing
    assert "Ctrl+1 … Ctrl+6" in rows
    # The keys that changed when full-text search came: Ctrl+F searches the evidence, not the catalog.
    assert rows["Ctrl+F"].startswith("全文搜索") and rows["Ctrl+Shift+F"].startswith("搜索指标")
    assert "我的任务" in rows["Ctrl+T"] and "报送" in rows["Ctrl+Shift+S"]


def test_the_manual_covers_the_new_features() -> None:
    found = {
        query: [h.file for h in search(query)] for query in ("fazhi ocr", "任务编号", "第 69 项", "生成草稿")
    }
    assert "search.html" in found["fazhi ocr"]
    assert "plan.html" in found["任务编号"]
    assert "catalog.html" in found["第 69 项"]
    assert "narrative.html" in found["生成草稿"]
    assert "fazhi progress" in page_text("plan.html") and "--plan wutai-rural-2021" in page_text("plan.html")
    assert VIEW_PAGES["search"] == "search.html" and VIEW_PAGES["narrative"] == "narrative.html"
    assert target_exists(VIEW_PAGES["suggest"]) and target_exists(VIEW_PAGES["submit"])
