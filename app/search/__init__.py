"""Finding evidence again: Chinese full-text search (bigram FTS5) and indicator suggestions (BM25).

Wiring: the migration creates the tables with the statements of ``SQLITE_DDL`` (``POSTGRESQL_DDL`` on
PostgreSQL; copy the strings into the migration, which must not import ``app``); attach/import calls
``index_pages(session, evidence_id, pages, sources)`` in the same transaction as the evidence row;
``search(session, query, limit, evidence_ids=…)`` takes the ids to search (active evidence, one unit's,
one indicator's) and returns ``Hit(evidence_id, page, snippet, source)``; ``remove_evidence`` drops a
file's pages (or keep them and leave withdrawn ids out of ``evidence_ids``). Smart filing:
``IndicatorIndex.from_catalog(catalog).suggest(title, pages, k, allowed=…)``.
"""

from app.search.index import (
    DROP_DDL,
    POSTGRESQL_DDL,
    SQLITE_DDL,
    Hit,
    create_search_tables,
    ddl_for,
    html_hits,
    index_pages,
    rebuild_index,
    remove_evidence,
    search,
)
from app.search.suggest import IndicatorIndex, Suggestion
from app.search.tokens import clean_text, document_tokens, query_terms

__all__ = [
    "DROP_DDL",
    "POSTGRESQL_DDL",
    "SQLITE_DDL",
    "Hit",
    "IndicatorIndex",
    "Suggestion",
    "clean_text",
    "create_search_tables",
    "ddl_for",
    "document_tokens",
    "html_hits",
    "index_pages",
    "query_terms",
    "rebuild_index",
    "remove_evidence",
    "search",
]
