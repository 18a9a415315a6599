"""Bigram tokens for Chinese full-text search (so that 2-character words such as 复议 are found).

SQLite's trigram tokenizer cannot match fewer than 3 characters, and unicode61 treats a whole run of
Chinese characters as one word. So the text is turned into tokens here, before SQLite sees it:

- a run of CJK characters becomes its overlapping bigrams plus its last character alone
  (``会议纪要`` → ``会议 议纪 纪要 要``), so every character starts at least one token;
- a run of letters and digits becomes one lower-case word (``GB33190`` → ``gb33190``);
- everything else (punctuation, spaces) separates tokens.

The tokens are stored space-separated in an FTS5 table with the unicode61 tokenizer, which then only
splits on the spaces. A query is tokenized the same way and searched as one phrase; a query that ends in
a single CJK character (or a word) searches that last token as a prefix, which also finds single
characters. Text is NFKC-normalized (full-width digits → ASCII) and spaces or line breaks between two
CJK characters are dropped (PDF text breaks words at line ends).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CJK_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇 (〇 is the zero of 二〇二二年)
    (0x3040, 0x30FF),  # kana
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _CJK_RANGES)


_SPACE_BETWEEN_CJK = re.compile(
    r"(?<=[\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])\s+"
    r"(?=[\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])"
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_text(text: str) -> str:
    """Page text as stored and shown: NUL and control characters gone, no spaces inside Chinese words."""
    text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def normalize(text: str) -> str:
    """NFKC and case-folded, one output character per input character where NFKC allows it."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class _Run:
    text: str
    cjk: bool


_CJK_CLASS = (
    "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
_RUN = re.compile(f"([{_CJK_CLASS}]+)|[^\\W_{_CJK_CLASS}]+")


def _runs(text: str) -> list[_Run]:
    """Runs of CJK characters and runs of letters/digits, in order (everything else separates)."""
    return [
        _Run(match.group(), match.group(1) is not None)
        for match in _RUN.finditer(normalize(clean_text(text)))
    ]


def _run_tokens(run: _Run) -> list[str]:
    if not run.cjk:
        return [run.text]
    chars = run.text
    return [chars[i : i + 2] for i in range(len(chars) - 1)] + [chars[-1]]


def document_tokens(text: str) -> str:
    """The space-separated tokens stored in the FTS table for ``text``."""
    tokens: list[str] = []
    for run in _runs(text):
        tokens.extend(_run_tokens(run))
    return " ".join(tokens)


@dataclass(frozen=True)
class QueryTerm:
    """One whitespace-separated part of a query: its tokens as a phrase, the last one maybe a prefix."""

    text: str  # the normalized term's letters, digits and CJK characters
    raw: str  # the normalized term as typed (punctuation kept), for LIKE fallbacks
    tokens: tuple[str, ...]
    prefix: bool
    pattern: re.Pattern[str]  # finds the term in normalized text (punctuation allowed between its runs)

    def fts(self) -> str:
        phrase = '"' + " ".join(self.tokens) + '"'
        return phrase + " *" if self.prefix else phrase


def query_terms(query: str) -> list[QueryTerm]:
    """Split a user's query into terms (all must match); punctuation-only parts are dropped."""
    terms: list[QueryTerm] = []
    for part in query.split():
        runs = _runs(part)
        if not runs:
            continue
        tokens: list[str] = []
        for index, run in enumerate(runs):
            last = index == len(runs) - 1
            run_tokens = _run_tokens(run)
            if last and run.cjk and len(run.text) > 1:
                # In the document this run may go on (会议 inside 会议纪要): no run-final token.
                run_tokens = run_tokens[:-1]
            tokens.extend(run_tokens)
        last_run = runs[-1]
        prefix = not last_run.cjk or len(last_run.text) == 1
        text = "".join(run.text for run in runs)
        pattern = re.compile(r"[^\w]*".join(re.escape(run.text) for run in runs))
        terms.append(QueryTerm(text, normalize(part), tuple(tokens), prefix, pattern))
    return terms
