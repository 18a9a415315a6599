"""Names and numbers of a project's database file that readers without SQLAlchemy need too
(``app.export.bundle_fast``); ``app.project.database`` uses the same ones."""

from __future__ import annotations

DB_FILE_NAME = "project.sqlite"

URL_FILE_NAME = "database.url"

BUSY_TIMEOUT_MS = 30_000

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"

#: Where the header keeps ``PRAGMA application_id`` (4 bytes, big-endian).
APPLICATION_ID_OFFSET = 68

#: ``models.migrate.APPLICATION_ID`` and ``HEAD_REVISION``, for readers that do not import the models
#: (``tests/app/project/test_dbfile.py`` keeps them equal). A database at another revision is never
#: read by those readers: they hand it to ``open_project``.
APPLICATION_ID = 0x465A6869
HEAD_REVISION = "0008_task_progress_detail"
