"""Replay protection: a sequence number per unit and kit in every submission; the SQLite application id.

``unit_key.last_sequence`` (unit side) is the number the last submission made with that kit carried;
``submission.kit_id`` and ``submission.sequence`` (office side) are what an imported package declared
(``kit_id`` back-filled from the stored manifests, ``sequence`` stays NULL for older packages).
``PRAGMA application_id`` marks the file as a fazhi project, so a foreign SQLite file can be refused
before it is ever opened for writing.

Revision ID: 0006_submission_sequence
Revises: 0005_narrative
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_submission_sequence"
down_revision: str | None = "0005_narrative"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: A copy of ``models.migrate.APPLICATION_ID`` (a migration stays valid when the constant moves).
APPLICATION_ID = 0x465A6869


def upgrade() -> None:
    with op.batch_alter_table("unit_key") as batch:
        batch.add_column(sa.Column("last_sequence", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("submission") as batch:
        batch.add_column(sa.Column("kit_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("sequence", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_submission_kit_id"), ["kit_id"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "UPDATE submission SET kit_id = json_extract(manifest_json, '$.kit_id')"
            " WHERE json_valid(manifest_json)"
        )
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    else:
        op.execute(
            "UPDATE submission SET kit_id = (manifest_json::json ->> 'kit_id')"
            " WHERE manifest_json IS NOT NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("submission") as batch:
        batch.drop_index(batch.f("ix_submission_kit_id"))
        batch.drop_column("sequence")
        batch.drop_column("kit_id")
    with op.batch_alter_table("unit_key") as batch:
        batch.drop_column("last_sequence")
