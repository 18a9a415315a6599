"""The bundled user manual (HTML files in ``ui/help/manual/``): its pages, the page for each view and each
role, and a plain-text search over it. No Qt widgets here; the help window shows what this finds."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: Where the manual's HTML files are (package data: pyproject and packaging/fazhi.spec ship them).
MANUAL_DIR = Path(__file__).resolve().parent / "manual"

#: The contents, in reading order (file name of each page).
CONTENTS: tuple[str, ...] = (
    "index.html",
    "office.html",
    "unit.html",
    "printing.html",
    "plan.html",
    "start.html",
    "catalog.html",
    "evidence.html",
    "search.html",
    "review.html",
    "score.html",
    "selfcheck.html",
    "dashboard.html",
    "audit.html",
    "exchange.html",
    "narrative.html",
    "export.html",
    "shortcuts.html",
)

#: The page F1 opens for each view of the window (``file`` or ``file#anchor``).
VIEW_PAGES: dict[str, str] = {
    "start": "start.html",
    "catalog": "catalog.html",
    "evidence": "evidence.html",
    "suggest": "evidence.html#suggest",
    "search": "search.html",
    "review": "review.html",
    "tasks": "unit.html#tasks",
    "score": "score.html#score",
    "extras": "score.html#extras",
    "selfcheck": "selfcheck.html",
    "dashboard": "dashboard.html",
    "audit": "audit.html",
    "exchange": "exchange.html",
    "submit": "unit.html#submit",
    "narrative": "narrative.html",
    "export": "export.html",
}

#: The three roles: the first-run guide and the manual's step-by-step page of each.
ROLE_PAGES: dict[str, str] = {
    "office": "office.html",
    "unit": "unit.html",
    "printing": "printing.html",
}

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HREF = re.compile(r'href="([^"]+)"')
_ANCHOR = re.compile(r'<a name="([^"]+)"')


@dataclass(frozen=True)
class SearchHit:
    file: str
    title: str
    #: The words around the first match.
    snippet: str


def page_path(target: str) -> Path:
    """The file of ``target`` (``review.html#undo`` → …/manual/review.html)."""
    return MANUAL_DIR / target.partition("#")[0]


@cache
def _source(file: str) -> str:
    return (MANUAL_DIR / file).read_text(encoding="utf-8")


def page_title(file: str) -> str:
    match = _TITLE.search(_source(file))
    return html.unescape(match.group(1).strip()) if match else file


def page_text(file: str) -> str:
    """The page as plain text (tags dropped, entities decoded, white space folded)."""
    body = _source(file).split("<body>", 1)[-1]
    return " ".join(html.unescape(_TAG.sub(" ", body)).split())


def links(file: str) -> list[str]:
    """Every link of the page (``file`` or ``file#anchor``; links to an anchor of itself get its name)."""
    return [f"{file}{href}" if href.startswith("#") else href for href in _HREF.findall(_source(file))]


def anchors(file: str) -> set[str]:
    return set(_ANCHOR.findall(_source(file)))


def target_exists(target: str) -> bool:
    """Whether ``target`` names an existing page (and, with ``#anchor``, an anchor on it)."""
    file, _, anchor = target.partition("#")
    if not (MANUAL_DIR / file).is_file():
        return False
    return not anchor or anchor in anchors(file)


def search(query: str, *, width: int = 24) -> list[SearchHit]:
    """Pages whose text has every word of ``query`` (case-insensitive), in contents order."""
    words = [w.casefold() for w in query.split()]
    if not words:
        return []
    hits = []
    for file in CONTENTS:
        text = page_text(file)
        folded = text.casefold()
        if all(word in folded for word in words):
            at = folded.find(words[0])
            start = max(0, at - width)
            snippet = ("…" if start else "") + text[start : at + len(words[0]) + width] + "…"
            hits.append(SearchHit(file, page_title(file), snippet))
    return hits
