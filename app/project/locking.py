"""The writer lock of a project folder: an OS file lock on ``DIR/.fazhi.lock``.

One process at a time may open a project for writing; a second process gets ``ProjectInUseError``
naming the folder and the holder's host and pid. Inside one process the lock is shared (counted), so
the window and a background job of the same process can both hold the project; SQLite and the
content-addressed store keep that safe. The OS releases the lock when the process dies, so a crash
never leaves a stale lock behind. Read-only opens take no lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from app.base.errors import FazhiError, ProjectInUseError
from app.base.jsonsafe import loads_limited
from app.project.store import is_no_space, no_space_error

LOCK_FILE_NAME = ".fazhi.lock"
# On Windows we lock one byte far past the holder information so others can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 20

_registry_guard = threading.Lock()
_held: dict[str, tuple[IO[bytes], int]] = {}


def _try_os_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_holder(handle: IO[bytes]) -> None:
    """Note who holds the lock in the lock file (read by ``holder_description`` of other processes)."""
    info = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(info).encode("utf-8"))
    handle.flush()


def holder_description(folder: Path) -> str:
    """Who holds the lock according to the lock file ("主机 X，进程 N"), or an empty string."""
    try:
        data = loads_limited((folder / LOCK_FILE_NAME).read_text(encoding="utf-8"))
        since = data.get("since")
        when = datetime.fromisoformat(since).astimezone().strftime("%Y-%m-%d %H:%M") if since else "?"
        # The process id is for support only (FAZHI_DEBUG=1); people need the machine and the time.
        pid = f"，进程 {data['pid']}" if os.environ.get("FAZHI_DEBUG") else ""
        return f"主机 {data['host']}{pid}，自 {when}"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _lock_file_error(folder: Path, exc: OSError) -> FazhiError:

    if is_no_space(exc):
        return no_space_error(LOCK_FILE_NAME, folder)
    return FazhiError(
        f"无法在项目文件夹中建立写入锁：{folder}（{exc.strerror or exc}；只读查看不需要写入权限）"
        " (cannot create the lock file)"
    )


class ProjectLock:
    """Acquire with ``acquire()``, give back with ``release()``; re-entrant within one process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_FILE_NAME
        self._key = os.path.normcase(str(folder.resolve()))
        self._acquired = False
        #: True if this acquisition took the OS lock (no other holder in this process): only then
        #: may the holder clean up after crashed writers, since nothing of ours can be in flight.
        self.first_in_process = False

    def acquire(self) -> None:
        if self._acquired:
            return
        with _registry_guard:
            held = _held.get(self._key)
            if held is not None:
                _held[self._key] = (held[0], held[1] + 1)
                self._acquired = True
                self.first_in_process = False
                return
            try:
                handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
            except OSError as exc:
                raise _lock_file_error(self.folder, exc) from exc
            if not _try_os_lock(handle):
                handle.close()
                holder = holder_description(self.folder)
                raise ProjectInUseError(
                    f"项目正被其他程序以写入方式打开：{self.folder}"
                    + (f"（{holder}）" if holder else "")
                    + " (project in use)"
                )
            # The holder's name is only for messages: a full disk must not stop the open.
            try:
                _write_holder(handle)
            except OSError:
                with contextlib.suppress(OSError):
                    handle.truncate(0)  # no note rather than an earlier holder's
            _held[self._key] = (handle, 1)
            self._acquired = True
            self.first_in_process = True

    def release(self) -> None:
        if not self._acquired:
            return
        self._acquired = False
        with _registry_guard:
            handle, count = _held[self._key]
            if count > 1:
                _held[self._key] = (handle, count - 1)
                return
            del _held[self._key]
            try:
                _os_unlock(handle)
            finally:
                handle.close()

    @property
    def acquired(self) -> bool:
        return self._acquired
