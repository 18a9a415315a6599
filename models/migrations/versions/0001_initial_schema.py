"""Initial schema: every table of a project database, and the audit log's append-only triggers.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_number", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("assessed_by", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    op.create_index(op.f("ix_assessment_indicator_number"), "assessment", ["indicator_number"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"], unique=False)
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False)

    op.create_table(
        "freeze",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("frozen_by", sa.String(length=200), nullable=False),
        sa.Column("manifest_json", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_freeze")),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("county", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("catalog_id", sa.String(length=200), nullable=False),
        sa.Column("catalog_json", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit_name", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.CheckConstraint("role IN ('office', 'unit')", name=op.f("ck_project_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    op.create_table(
        "scoring_scheme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_json", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scoring_scheme")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("collective", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("name", name=op.f("uq_unit_name")),
    )
    op.create_table(
        "collective_member",
        sa.Column("collective_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["collective_id"],
            ["unit.id"],
            name=op.f("fk_collective_member_collective_id_unit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["unit.id"], name=op.f("fk_collective_member_member_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("collective_id", "member_id", name=op.f("pk_collective_member")),
    )
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_number", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("decision IN ('accepted', 'returned')", name=op.f("ck_review_decision")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_review_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
    )
    op.create_index(op.f("ix_review_indicator_number"), "review", ["indicator_number"], unique=False)
    op.create_index(op.f("ix_review_unit_id"), "review", ["unit_id"], unique=False)

    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("manifest_json", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('current', 'superseded')", name=op.f("ck_submission_status")),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["submission.id"], name=op.f("fk_submission_supersedes_id_submission")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_submission_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
    )
    op.create_index(op.f("ix_submission_unit_id"), "submission", ["unit_id"], unique=False)

    op.create_table(
        "unit_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_alias_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_alias")),
        sa.UniqueConstraint("alias", name=op.f("uq_unit_alias_alias")),
    )
    op.create_index(op.f("ix_unit_alias_unit_id"), "unit_alias", ["unit_id"], unique=False)

    op.create_table(
        "unit_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.Column("kit_id", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_unit_key_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_key")),
        sa.UniqueConstraint("kit_id", name=op.f("uq_unit_key_kit_id")),
    )
    op.create_index(op.f("ix_unit_key_unit_id"), "unit_key", ["unit_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("sheets", sa.Integer(), nullable=True),
        sa.Column("sheet_names_json", sa.Text(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=200), nullable=True),
        sa.Column("withdraw_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('pdf', 'xlsx')", name=op.f("ck_evidence_kind")),
        sa.CheckConstraint(
            "status IN ('active', 'withdrawn', 'superseded')", name=op.f("ck_evidence_status")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submission.id"], name=op.f("fk_evidence_submission_id_submission")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_evidence_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_index(op.f("ix_evidence_sha256"), "evidence", ["sha256"], unique=False)
    op.create_index(op.f("ix_evidence_submission_id"), "evidence", ["submission_id"], unique=False)
    op.create_index(op.f("ix_evidence_unit_id"), "evidence", ["unit_id"], unique=False)

    op.create_table(
        "info_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_number", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("requirement_key", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint("kind IN ('url', 'contact', 'note')", name=op.f("ck_info_record_kind")),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submission.id"], name=op.f("fk_info_record_submission_id_submission")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_info_record_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_info_record")),
    )
    op.create_index(
        op.f("ix_info_record_indicator_number"), "info_record", ["indicator_number"], unique=False
    )
    op.create_index(op.f("ix_info_record_unit_id"), "info_record", ["unit_id"], unique=False)

    op.create_table(
        "evidence_indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("indicator_number", sa.Integer(), nullable=False),
        sa.Column("requirement_key", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence.id"],
            name=op.f("fk_evidence_indicator_evidence_id_evidence"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_indicator")),
        sa.UniqueConstraint(
            "evidence_id",
            "indicator_number",
            "requirement_key",
            name=op.f("uq_evidence_indicator_evidence_id_indicator_number_requirement_key"),
        ),
    )
    op.create_index(
        op.f("ix_evidence_indicator_indicator_number"),
        "evidence_indicator",
        ["indicator_number"],
        unique=False,
    )

    op.create_table(
        "extra_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("triggered", sa.Boolean(), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("proof_evidence_id", sa.Integer(), nullable=True),
        sa.Column("marked_by", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('bonus', 'veto')", name=op.f("ck_extra_mark_kind")),
        sa.ForeignKeyConstraint(
            ["proof_evidence_id"], ["evidence.id"], name=op.f("fk_extra_mark_proof_evidence_id_evidence")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extra_mark")),
    )
    op.create_index(op.f("ix_extra_mark_item_id"), "extra_mark", ["item_id"], unique=False)
    _create_audit_log_guard()


def downgrade() -> None:
    _drop_audit_log_guard()
    op.drop_index(op.f("ix_extra_mark_item_id"), table_name="extra_mark")

    op.drop_table("extra_mark")
    op.drop_index(op.f("ix_evidence_indicator_indicator_number"), table_name="evidence_indicator")

    op.drop_table("evidence_indicator")
    op.drop_index(op.f("ix_info_record_unit_id"), table_name="info_record")
    op.drop_index(op.f("ix_info_record_indicator_number"), table_name="info_record")

    op.drop_table("info_record")
    op.drop_index(op.f("ix_evidence_unit_id"), table_name="evidence")
    op.drop_index(op.f("ix_evidence_submission_id"), table_name="evidence")
    op.drop_index(op.f("ix_evidence_sha256"), table_name="evidence")

    op.drop_table("evidence")
    op.drop_index(op.f("ix_unit_key_unit_id"), table_name="unit_key")

    op.drop_table("unit_key")
    op.drop_index(op.f("ix_unit_alias_unit_id"), table_name="unit_alias")

    op.drop_table("unit_alias")
    op.drop_index(op.f("ix_submission_unit_id"), table_name="submission")

    op.drop_table("submission")
    op.drop_index(op.f("ix_review_unit_id"), table_name="review")
    op.drop_index(op.f("ix_review_indicator_number"), table_name="review")

    op.drop_table("review")
    op.drop_table("collective_member")
    op.drop_table("unit")
    op.drop_table("scoring_scheme")
    op.drop_table("project")
    op.drop_table("freeze")
    op.drop_index(op.f("ix_audit_log_at"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_action"), table_name="audit_log")

    op.drop_table("audit_log")
    op.drop_index(op.f("ix_assessment_indicator_number"), table_name="assessment")

    op.drop_table("assessment")


def _create_audit_log_guard() -> None:
    """The audit log is append-only: the database itself refuses UPDATE and DELETE."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )


def _drop_audit_log_guard() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
