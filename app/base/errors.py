"""Errors the core raises for the user to read.

A ``FazhiError`` is a user error: the CLI prints ``str(error)`` as one line on stderr (no traceback) and
exits with ``exit_code``; the window shows the same text in a dialog. Messages are Chinese first and name
the thing (file, indicator, unit) and the reason.
"""

from __future__ import annotations


class FazhiError(Exception):
    """A problem the user can act on. ``str()`` is the one-line message."""

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class UsageError(FazhiError):
    """A bad argument: unknown unit, indicator, level …"""

    exit_code = 2


class NotFoundError(FazhiError):
    """A named thing (project, evidence, unit, indicator) does not exist."""


class RefusedFileError(FazhiError):
    """An input file was refused by content checks; nothing was changed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ProjectInUseError(FazhiError):
    """Another process holds the project open for writing."""


class IntegrityError(FazhiError):
    """The project's database or evidence store is inconsistent (``verify`` exits 3)."""

    exit_code = 3


class CancelledError(FazhiError):
    """The user cancelled a long operation; everything it did was rolled back."""

    def __init__(self, message: str = "操作已取消 (cancelled)") -> None:
        super().__init__(message)
