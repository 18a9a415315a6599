"""Finding evidence again: Chinese full-text search (bigram FTS5) and indicator suggestions (BM25)."""

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
