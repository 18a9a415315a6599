"""Whether a bundle export (or its layout for the report's index) is running in this process.

The head start (``exports.bundle_learn``) checks the stored files in the background before the clerk
asks for the bundle; when an export starts it gives way at once, so the two never compete for the
two cores of a county office PC.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


class _RunningExports:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0

    def enter(self) -> None:
        with self._lock:
            self._count += 1

    def leave(self) -> None:
        with self._lock:
            self._count -= 1

    @property
    def running(self) -> bool:
        return self._count > 0


_running = _RunningExports()


@contextmanager
def exporting() -> Iterator[None]:
    """Mark a bundle export as running for the duration of the block."""
    _running.enter()
    try:
        yield
    finally:
        _running.leave()


def marks_export(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorate a function whose whole run counts as a bundle export."""

    @functools.wraps(function)
    def marked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with exporting():
            return function(*args, **kwargs)

    return marked


def export_running() -> bool:
    """A bundle export is running in this process (the head start should give way)."""
    return _running.running
