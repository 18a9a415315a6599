"""Full-text search over evidence pages, 2-character Chinese words included.

Two tables (DDL below, for the Alembic migration):

- ``evidence_text``: one row per page that has text (``source`` ``text`` or ``ocr``), ``body`` the
  cleaned page text shown in snippets; a page OCR read without finding words is kept as an ``ocr`` row
  with an empty body (so it is not read again), which has no FTS row and matches nothing;
- ``evidence_fts`` (SQLite only): a *contentless* FTS5 table whose rowid is ``evidence_text.id`` and
  whose one column holds the page's bigram tokens (see ``app.search.tokens``). Contentless keeps the
  index small (the text is stored once, in ``evidence_text``); rows are removed with FTS5's ``delete``
  command and the tokens recomputed from ``body``, so the tokenizer must not change without a
  ``rebuild_index`` in the same migration.

On other databases (PostgreSQL) ``search`` falls back to ``LIKE`` over ``evidence_text.body``.
Every function takes an SQLAlchemy ``Connection`` or ``Session`` and runs inside the caller's
transaction (nothing is committed here).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import Session

from app.search.tokens import QueryTerm, clean_text, document_tokens, is_cjk, normalize, query_terms

SQLITE_DDL: tuple[str, ...] = (
    "CREATE TABLE evidence_text ("
    " id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,"  # AUTOINCREMENT: a removed page's rowid is never reused
    " evidence_id INTEGER NOT NULL,"
    " page INTEGER NOT NULL,"
    " source VARCHAR(8) NOT NULL DEFAULT 'text',"
    " body TEXT NOT NULL)",
    "CREATE INDEX ix_evidence_text_evidence_page ON evidence_text (evidence_id, page)",
    "CREATE VIRTUAL TABLE evidence_fts USING fts5("
    "grams, content='', tokenize='unicode61 remove_diacritics 0')",
)
POSTGRESQL_DDL: tuple[str, ...] = (
    "CREATE TABLE evidence_text ("
    " id BIGSERIAL PRIMARY KEY,"
    " evidence_id INTEGER NOT NULL,"
    " page INTEGER NOT NULL,"
    " source VARCHAR(8) NOT NULL DEFAULT 'text',"
    " body TEXT NOT NULL)",
    "CREATE INDEX ix_evidence_text_evidence_page ON evidence_text (evidence_id, page)",
)
DROP_DDL: tuple[str, ...] = ("DROP TABLE IF EXISTS evidence_fts", "DROP TABLE IF EXISTS evidence_text")

MARKS = ("【", "】")  # default highlight markers in snippets
SNIPPET_CHARS = 60  # characters of context around the first match
PROBE_PAGES = 2000  # pages scanned for a single character before the index is asked

Db = Connection | Session


@dataclass(frozen=True)
class Hit:
    evidence_id: int
    page: int
    snippet: str  # the page text around the first match, every match wrapped in the markers
    source: str  # "text" or "ocr"


def _dialect(db: Db) -> str:
    bind = db.get_bind() if isinstance(db, Session) else db
    return bind.dialect.name


def ddl_for(dialect: str) -> tuple[str, ...]:
    return SQLITE_DDL if dialect == "sqlite" else POSTGRESQL_DDL


def create_search_tables(db: Db) -> None:
    """Create the tables on ``db`` (tests and tools; a project gets them from its migration)."""
    for statement in ddl_for(_dialect(db)):
        db.execute(text(statement))


def _uses_fts(db: Db) -> bool:
    return _dialect(db) == "sqlite"


def remove_evidence(db: Db, evidence_id: int) -> int:
    """Remove every page of ``evidence_id`` from the index; returns how many pages were removed."""
    rows = db.execute(
        text("SELECT id, body FROM evidence_text WHERE evidence_id = :e"), {"e": evidence_id}
    ).all()
    if not rows:
        return 0
    indexed = [{"id": row_id, "grams": document_tokens(body)} for row_id, body in rows if body]
    if _uses_fts(db) and indexed:  # an empty body (OCR found nothing) never had an FTS row
        db.execute(
            text("INSERT INTO evidence_fts(evidence_fts, rowid, grams) VALUES ('delete', :id, :grams)"),
            indexed,
        )
    db.execute(text("DELETE FROM evidence_text WHERE evidence_id = :e"), {"e": evidence_id})
    return len(rows)


def index_pages(db: Db, evidence_id: int, pages: Sequence[str], sources: Sequence[str] | None = None) -> int:
    """Index the text of each page (``pages[0]`` is page 1), replacing what ``evidence_id`` had.

    ``sources`` gives ``"text"`` or ``"ocr"`` per page (default ``"text"``). Pages without text are
    skipped, except ``"ocr"`` ones: they are kept with an empty body (OCR read them and found nothing;
    not searchable, but not read again). Returns the number of pages indexed (with text).
    """
    if sources is not None and len(sources) != len(pages):
        raise ValueError("sources and pages differ in length")
    remove_evidence(db, evidence_id)
    fts = _uses_fts(db)
    insert = text(
        "INSERT INTO evidence_text (evidence_id, page, source, body) VALUES (:e, :p, :s, :b) RETURNING id"
    )
    count = 0
    for number, page_text in enumerate(pages, start=1):
        body = clean_text(page_text)
        source = sources[number - 1] if sources is not None else "text"
        if not body and source != "ocr":
            continue
        row_id = db.execute(insert, {"e": evidence_id, "p": number, "s": source, "b": body}).scalar_one()
        if not body:  # read by OCR, nothing found: a marker row, no FTS row
            continue
        if fts:
            db.execute(
                text("INSERT INTO evidence_fts(rowid, grams) VALUES (:id, :grams)"),
                {"id": row_id, "grams": document_tokens(body)},
            )
        count += 1
    return count


def rebuild_index(db: Db) -> int:
    """Rebuild the FTS index from ``evidence_text`` (after a tokenizer change); returns pages indexed."""
    if not _uses_fts(db):
        return 0
    db.execute(text("INSERT INTO evidence_fts(evidence_fts) VALUES ('delete-all')"))
    count = 0
    for row_id, body in db.execute(text("SELECT id, body FROM evidence_text WHERE body != ''")):
        db.execute(
            text("INSERT INTO evidence_fts(rowid, grams) VALUES (:id, :grams)"),
            {"id": row_id, "grams": document_tokens(body)},
        )
        count += 1
    return count


def fts_query(terms: Iterable[QueryTerm]) -> str:
    """The FTS5 MATCH expression: every term's phrase must match (AND)."""
    return " AND ".join(term.fts() for term in terms)


def _single_characters(terms: Sequence[QueryTerm]) -> bool:
    return all(
        len(term.tokens) == 1 and len(term.tokens[0]) == 1 and is_cjk(term.tokens[0]) for term in terms
    )


def search(
    db: Db,
    query: str,
    limit: int = 50,
    *,
    evidence_ids: Collection[int] | None = None,
    order: str = "document",
    marks: tuple[str, str] = MARKS,
    escape: Callable[[str], str] | None = None,
) -> list[Hit]:
    """Pages matching every whitespace-separated term of ``query``, at most ``limit``.

    ``order="document"`` (default) lists hits in indexing order (evidence by evidence, page by page) and
    stops at ``limit``, so a word on every page costs no more than a rare one; ``order="rank"`` sorts
    by BM25 first (slower for very common words). ``evidence_ids`` restricts the search (e.g. to one
    unit's active evidence). ``escape`` is applied to the snippet's text before the markers are added
    (``html.escape`` for rich text: see ``html_hits``). A query with no searchable characters finds
    nothing.
    """
    if order not in ("document", "rank"):
        raise ValueError(f"unknown order {order!r}")
    terms = query_terms(query)
    if not terms or limit <= 0 or (evidence_ids is not None and not evidence_ids):
        return []
    params: dict[str, object] = {"limit": limit}
    restrict = ""
    if evidence_ids is not None:
        restrict = " AND t.evidence_id IN :ids"
        params["ids"] = sorted(set(evidence_ids))
    rows: Sequence[tuple[Any, ...]] = []
    if _uses_fts(db) and _single_characters(terms) and order == "document":
        # The index holds bigrams, so a single character is a prefix query, whose cost grows with how
        # often the character occurs. A common one is found at once in the page text: try that first.
        rows = _like(db, terms, params, restrict, probe=True)
        if len(rows) >= limit:
            return _hits(rows, terms, marks, escape)
    if _uses_fts(db):
        params["q"] = fts_query(terms)
        sort = "f.rank" if order == "rank" else "f.rowid"
        sql = (
            "SELECT t.evidence_id, t.page, t.body, t.source FROM evidence_fts AS f"
            " JOIN evidence_text AS t ON t.id = f.rowid"
            " WHERE evidence_fts MATCH :q" + restrict + f" ORDER BY {sort} LIMIT :limit"
        )
        statement = text(sql)
        if "ids" in params:
            statement = statement.bindparams(bindparam("ids", expanding=True))
        rows = [tuple(row) for row in db.execute(statement, params)]
    else:
        rows = _like(db, terms, params, restrict, probe=False)
    return _hits(rows, terms, marks, escape)


def _like(
    db: Db, terms: Sequence[QueryTerm], params: dict[str, object], restrict: str, *, probe: bool
) -> Sequence[tuple[Any, ...]]:
    """Pages whose text contains every term (the first ``PROBE_PAGES`` pages only if ``probe``)."""
    params = dict(params)
    likes = []
    for index, term in enumerate(terms):
        escaped = term.raw.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"t{index}"] = f"%{escaped}%"
        likes.append(f"lower(t.body) LIKE :t{index} ESCAPE '\\'")
    source = "evidence_text"
    if probe:
        source = f"(SELECT * FROM evidence_text ORDER BY id LIMIT {PROBE_PAGES})"
    sql = (
        f"SELECT t.evidence_id, t.page, t.body, t.source FROM {source} AS t WHERE "
        + " AND ".join(likes)
        + restrict
        + " ORDER BY t.id LIMIT :limit"
    )
    statement = text(sql)
    if "ids" in params:
        statement = statement.bindparams(bindparam("ids", expanding=True))
    return [tuple(row) for row in db.execute(statement, params)]


def _hits(
    rows: Sequence[tuple[Any, ...]],
    terms: Sequence[QueryTerm],
    marks: tuple[str, str],
    escape: Callable[[str], str] | None,
) -> list[Hit]:
    return [
        Hit(int(row[0]), int(row[1]), snippet(str(row[2]), terms, marks=marks, escape=escape), str(row[3]))
        for row in rows
    ]


def html_hits(
    db: Db, query: str, limit: int = 50, *, evidence_ids: Collection[int] | None = None
) -> list[Hit]:
    """``search`` with HTML-escaped snippets and ``<b>…</b>`` highlights (for a rich-text view)."""
    return search(db, query, limit, evidence_ids=evidence_ids, marks=("<b>", "</b>"), escape=html.escape)


def _normalized_with_map(body: str) -> tuple[str, list[int]]:
    """``normalize(body)`` built char by char, with the index in ``body`` of every output character."""
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(body):
        norm = normalize(ch)
        out.append(norm)
        where.extend([index] * len(norm))
    return "".join(out), where


def snippet(
    body: str,
    terms: Sequence[QueryTerm],
    *,
    marks: tuple[str, str] = MARKS,
    escape: Callable[[str], str] | None = None,
    width: int = SNIPPET_CHARS,
) -> str:
    """The part of ``body`` around the first match of the first term, with all matches marked."""
    norm, where = _normalized_with_map(body)
    spans: list[tuple[int, int]] = []
    for term in terms:
        for match in term.pattern.finditer(norm):
            if match.end() > match.start():
                spans.append((where[match.start()], where[match.end() - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    first, first_end = merged[0] if merged else (0, 0)
    begin = max(0, first - width // 3)
    finish = min(len(body), max(begin + width, first_end))
    plain = escape or (lambda part: part)
    parts: list[str] = ["…" if begin > 0 else ""]
    cursor = begin
    for match_start, match_end in merged:
        if match_end <= begin or match_start >= finish:
            continue
        start, end = max(match_start, begin), min(match_end, finish)
        parts.append(plain(body[cursor:start]))
        parts.append(marks[0] + plain(body[start:end]) + marks[1])
        cursor = end
    parts.append(plain(body[cursor:finish]))
    parts.append("…" if finish < len(body) else "")
    return "".join(parts).replace("\n", " ")
