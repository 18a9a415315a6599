"""Catalog schema 2 (issue 17): stored catalogs re-read for year / period / list demands, the open
placement questions of a built-in catalog added, and the unit parse leftovers renamed.

Each project row's ``catalog_json`` goes through ``indicator_catalog.upgrade.upgrade_catalog_document``
(a hand-set ``since`` is kept). Unit rows named in ``UNIT_RENAMES`` take the new name; where a unit of
the new name exists already, every reference (evidence, reviews, records, keys, submissions, members)
moves to it and the old row goes. Aliases that start with 及 (a sentence's "and", not a name) go.
The audit log is append-only and keeps the names as they were written.

Revision ID: 0002_catalog_v2
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from indicator_catalog import builtin_catalog_ids, load_builtin
from indicator_catalog.upgrade import UNIT_RENAMES, upgrade_catalog_document

revision: str = "0002_catalog_v2"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column) pairs that point at unit.id, besides collective_member.
_UNIT_REFERENCES = (
    ("evidence", "unit_id"),
    ("info_record", "unit_id"),
    ("review", "unit_id"),
    ("unit_key", "unit_id"),
    ("submission", "unit_id"),
)


def _upgrade_catalogs(connection: sa.Connection) -> None:
    builtin_ids = set(builtin_catalog_ids())
    rows = connection.execute(sa.text("SELECT id, catalog_id, catalog_json FROM project")).all()
    for project_id, catalog_id, stored in rows:
        builtin = load_builtin(catalog_id).to_dict() if catalog_id in builtin_ids else None
        upgraded = upgrade_catalog_document(json.loads(stored), builtin=builtin)
        text = json.dumps(upgraded, ensure_ascii=False, sort_keys=True)
        if text != stored:
            connection.execute(
                sa.text("UPDATE project SET catalog_json = :text WHERE id = :id"),
                {"text": text, "id": project_id},
            )


def _merge_unit(connection: sa.Connection, old_id: int, new_id: int) -> None:
    for table, column in _UNIT_REFERENCES:
        connection.execute(
            sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
            {"new": new_id, "old": old_id},
        )
    for column, other in (("collective_id", "member_id"), ("member_id", "collective_id")):
        # move memberships the surviving unit does not have yet; drop the rest
        connection.execute(
            sa.text(
                f"UPDATE collective_member SET {column} = :new WHERE {column} = :old AND {other} NOT IN "
                f"(SELECT {other} FROM collective_member WHERE {column} = :new)"
            ),
            {"new": new_id, "old": old_id},
        )
        connection.execute(sa.text(f"DELETE FROM collective_member WHERE {column} = :old"), {"old": old_id})
    connection.execute(
        sa.text(
            "UPDATE unit_alias SET unit_id = :new WHERE unit_id = :old AND alias NOT IN "
            "(SELECT name FROM unit)"
        ),
        {"new": new_id, "old": old_id},
    )
    connection.execute(sa.text("DELETE FROM unit_alias WHERE unit_id = :old"), {"old": old_id})
    connection.execute(sa.text("DELETE FROM unit WHERE id = :old"), {"old": old_id})


def _rename_units(connection: sa.Connection) -> None:
    ids = {name: unit_id for unit_id, name in connection.execute(sa.text("SELECT id, name FROM unit"))}
    for old, new in UNIT_RENAMES.items():
        if old not in ids:
            continue
        if new in ids:
            _merge_unit(connection, ids[old], ids[new])
        else:
            # the new name may be an alias of the old row ("相关审批部门"): the name wins
            connection.execute(
                sa.text("DELETE FROM unit_alias WHERE alias = :new AND unit_id = :id"),
                {"new": new, "id": ids[old]},
            )
            connection.execute(
                sa.text("UPDATE unit SET name = :new WHERE id = :id"), {"new": new, "id": ids[old]}
            )
        connection.execute(
            sa.text("UPDATE project SET unit_name = :new WHERE unit_name = :old"), {"new": new, "old": old}
        )
    connection.execute(sa.text("DELETE FROM unit_alias WHERE alias LIKE '及%'"))


def upgrade() -> None:
    connection = op.get_bind()
    _upgrade_catalogs(connection)
    _rename_units(connection)


def downgrade() -> None:
    """Nothing to undo in the schema; the rewritten catalog documents stay (an older program reads
    the fields it knows and ignores the rest)."""
