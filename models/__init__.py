"""SQLAlchemy 2.0 models of a project database and its Alembic migrations."""
