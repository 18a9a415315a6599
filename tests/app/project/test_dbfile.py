"""``app.project.dbfile`` repeats two numbers of ``models.migrate`` for readers without the models."""

from __future__ import annotations

from app.project import dbfile
from models import migrate


def test_the_application_id_and_the_schema_head_are_the_models_own() -> None:
    assert dbfile.APPLICATION_ID == migrate.APPLICATION_ID
    assert dbfile.HEAD_REVISION == migrate.HEAD_REVISION == migrate.head_revision()
