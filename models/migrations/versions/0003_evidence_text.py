"""Evidence text: the search tables (bigram FTS5) and the metadata columns of evidence.

New evidence kinds (photos, OFD, DOCX, XLS) are accepted: ``kind`` is what preview and the bundle use
(``pdf`` when a PDF rendition was made), ``original_kind``/``original_sha256`` the file as received and
``rendition_sha256`` the PDF made from it. 文号, 成文日期 and 发文机关 found in the text are stored.

The DDL of the search tables is a copy of ``app.search.index.SQLITE_DDL`` / ``POSTGRESQL_DDL``
(a migration must not import ``app``).

Revision ID: 0003_evidence_text
Revises: 0002_catalog_v2
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_evidence_text"
down_revision: str | None = "0002_catalog_v2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_DDL: tuple[str, ...] = (
    "CREATE TABLE evidence_text ("
    " id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,"
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

OLD_KIND_CHECK = "kind IN ('pdf', 'xlsx')"
NEW_KIND_CHECK = "kind IN ('pdf', 'xlsx', 'jpeg', 'png', 'tiff', 'ofd', 'docx', 'xls')"

_COLUMNS = (
    ("wenhao", sa.String(length=64)),
    ("doc_date", sa.String(length=10)),
    ("issuer", sa.String(length=200)),
    ("original_kind", sa.String(length=8)),
    ("original_sha256", sa.String(length=64)),
    ("rendition_sha256", sa.String(length=64)),
)


def _swap_kind_check(old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite cannot alter a CHECK; rebuilding the table would cascade-delete evidence_indicator rows
        # (foreign keys are on). The documented procedure for changing a CHECK that does not affect the
        # stored data (sqlite.org/lang_altertable.html, section 7): edit the schema text, bump its version.
        version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
        bind.exec_driver_sql("PRAGMA writable_schema = ON")
        bind.execute(
            sa.text(
                "UPDATE sqlite_master SET sql = replace(sql, :old, :new)"
                " WHERE type = 'table' AND name = 'evidence'"
            ),
            {"old": old, "new": new},
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    else:
        op.drop_constraint(op.f("ck_evidence_kind"), "evidence", type_="check")
        op.create_check_constraint(op.f("ck_evidence_kind"), "evidence", new)


def upgrade() -> None:
    bind = op.get_bind()
    for statement in SQLITE_DDL if bind.dialect.name == "sqlite" else POSTGRESQL_DDL:
        op.execute(statement)
    for name, column_type in _COLUMNS:
        op.add_column("evidence", sa.Column(name, column_type, nullable=True))
    op.create_index(op.f("ix_evidence_wenhao"), "evidence", ["wenhao"], unique=False)
    _swap_kind_check(OLD_KIND_CHECK, NEW_KIND_CHECK)


def downgrade() -> None:
    _swap_kind_check(NEW_KIND_CHECK, OLD_KIND_CHECK)
    op.drop_index(op.f("ix_evidence_wenhao"), table_name="evidence")
    for name, _type in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE evidence DROP COLUMN {name}")  # native since SQLite 3.35: no rebuild
    for statement in DROP_DDL:
        op.execute(statement)
