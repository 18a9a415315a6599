"""Progress reporting and cancellation for long core operations.

Every long function in the core takes ``progress: ProgressCallback | None`` and
``cancel: CancelToken | None``. The window passes a callback that emits a Qt signal and a token wired to
its Cancel button; the CLI passes ``None`` or a text reporter. Cancellation is cooperative: the operation
calls ``cancel.raise_if_cancelled()`` between steps and rolls back what it started.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from app.base.errors import CancelledError

#: ``progress(done, total, message)``; ``total`` may be 0 when unknown.
ProgressCallback = Callable[[int, int, str], None]

T = TypeVar("T")


class CancelToken:
    """A thread-safe flag the UI thread sets and the worker polls."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError()


def check_cancel(cancel: CancelToken | None) -> None:
    """Raise ``CancelledError`` if ``cancel`` is set (``None`` never cancels)."""
    if cancel is not None:
        cancel.raise_if_cancelled()


def report(progress: ProgressCallback | None, done: int, total: int, message: str = "") -> None:
    if progress is not None:
        progress(done, total, message)


def tracked(
    items: Iterable[T],
    total: int,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    message: Callable[[T], str] | None = None,
) -> Iterator[T]:
    """Iterate ``items`` reporting progress before each and checking the cancel token."""
    for index, item in enumerate(items):
        check_cancel(cancel)
        report(progress, index, total, message(item) if message else "")
        yield item
    report(progress, total, total, "")
