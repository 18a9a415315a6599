"""The content-addressed evidence store: ``DIR/evidence/ab/abcdef…`` (the file's SHA-256).

A file enters in three steps so that a crash never leaves a half file behind a database row, nor a
database row without its file:

1. ``copy_in``: copy to ``evidence/.incoming/<random>.part`` while hashing, fsync;
2. ``stage``: rename to ``evidence/.incoming/<sha256>`` (complete, checked, not yet published);
3. after the database transaction that references it commits, ``publish`` renames it to its final
   place and fsyncs the directory.

``recover`` (run by every writer open, under the project lock) finishes step 3 for staged files the
database references and discards the rest. The same content is stored once.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.base.errors import FazhiError, RefusedFileError
from app.base.progress import CancelToken, check_cancel
from app.base.text import describe_size, printable_path

EVIDENCE_DIR = "evidence"
INCOMING_DIR = ".incoming"
ORPHANS_DIR = "orphans"
CHUNK = 8 * 1024 * 1024  # one read, one hash update, one write for most photos (few GIL hand-overs)
_HEX = frozenset("0123456789abcdef")


#: errno values meaning "the disk (or the user's quota) is full" (EDQUOT does not exist on Windows).
NO_SPACE_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code is not None
)
_SQLITE_FULL = 13  # sqlite3.SQLITE_FULL: "database or disk is full"


class NoSpaceError(FazhiError):
    """The disk holding the project is full: nothing was changed (not a per-file refusal)."""


def is_no_space(exc: BaseException) -> bool:
    """Whether ``exc`` (an OSError, a sqlite3 error or an SQLAlchemy wrapper of one) means a full disk."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in NO_SPACE_ERRNOS:
            return True
        if isinstance(current, sqlite3.Error) and getattr(current, "sqlite_errorcode", None) == _SQLITE_FULL:
            return True
        # SQLAlchemy keeps the driver's exception in ``orig``; plain chains in ``__cause__``.
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return False


def no_space_error(what: Path | str, folder: Path) -> NoSpaceError:
    """The one-line message for a full disk while storing ``what`` into the project at ``folder``."""
    return NoSpaceError(
        f"磁盘空间不足，无法把 {printable_path(what)} 存入项目 {printable_path(folder)}"
        " (no space left on device)"
    )


def is_sha256(text: str) -> bool:
    return len(text) == 64 and set(text) <= _HEX


def fsync_dir(path: Path) -> None:
    """Make a rename or new entry in ``path`` durable (a no-op where directories cannot be opened)."""
    if os.name == "nt":  # pragma: no cover - NTFS journals metadata; directories cannot be opened
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class StagedFile:
    path: Path  # the .part file or the staged file
    sha256: str
    size: int
    source: str = ""  # the user's file, for messages ("" when not known)


def open_source(path: Path, max_bytes: int) -> tuple[int, int]:
    """Open an input file for reading after checking it is a readable regular file within the limit.

    Returns ``(fd, size)``. Raises ``RefusedFileError`` naming ``path`` and the reason.
    """
    name = printable_path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RefusedFileError(name, "文件不存在 (no such file)") from None
    except PermissionError:
        raise RefusedFileError(name, "无权读取该文件 (permission denied)") from None
    except OSError as exc:
        raise RefusedFileError(name, f"无法读取：{exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise RefusedFileError(name, "这是文件夹，不是文件 (is a directory)")
    if not stat.S_ISREG(st.st_mode):
        raise RefusedFileError(name, "不是普通文件（设备、管道或套接字） (not a regular file)")
    if st.st_size == 0:
        raise RefusedFileError(name, "空文件（0 字节） (empty file)")
    if st.st_size > max_bytes:
        raise RefusedFileError(
            name, f"文件过大（{describe_size(st.st_size)}，上限 {describe_size(max_bytes)}） (file too large)"
        )
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise RefusedFileError(name, "无权读取该文件 (permission denied)") from None
    except OSError as exc:
        raise RefusedFileError(name, f"无法读取：{exc.strerror or exc}") from None
    # The path may have been swapped between stat and open: check what was actually opened.
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise RefusedFileError(name, "不是普通文件（设备、管道或套接字） (not a regular file)")
    return fd, st.st_size


class EvidenceStore:
    def __init__(self, folder: Path, *, durable: bool = True) -> None:
        self.folder = folder
        self.root = folder / EVIDENCE_DIR
        self.incoming = self.root / INCOMING_DIR
        self.orphans = self.root / ORPHANS_DIR
        self.durable = durable  # fsync files and directories (off only for throw-away benchmarks)

    # -- layout ---------------------------------------------------------------------------------
    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def staged_path(self, sha256: str) -> Path:
        return self.incoming / sha256

    def ensure_dirs(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.incoming.mkdir(exist_ok=True)

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    # -- writing --------------------------------------------------------------------------------
    def copy_in(
        self,
        source: Path,
        *,
        max_bytes: int,
        cancel: CancelToken | None = None,
        on_chunk: Callable[[int], None] | None = None,
        fsync: bool = True,
    ) -> StagedFile:
        """Copy ``source`` into a ``.part`` file while hashing it; refuse files over ``max_bytes``.

        ``fsync=False`` leaves the flush to ``sync_staged`` (many files at once are much faster).
        """
        fd, _size = open_source(source, max_bytes)
        name = printable_path(source)
        try:
            self.ensure_dirs()
            out_fd, out_name = tempfile.mkstemp(dir=self.incoming, suffix=".part")
        except BaseException as exc:
            os.close(fd)  # an open handle would keep the user's file busy (Windows)
            if is_no_space(exc):
                raise no_space_error(name, self.folder) from exc
            raise
        part = Path(out_name)
        digest = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "rb", buffering=0) as src, os.fdopen(out_fd, "wb", buffering=0) as dst:
                while True:
                    check_cancel(cancel)
                    chunk = src.read(CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_bytes:  # the file grew after the size check
                        raise RefusedFileError(
                            name, f"文件过大（超过上限 {describe_size(max_bytes)}） (file too large)"
                        )
                    digest.update(chunk)
                    _write_all(dst.fileno(), chunk)
                    if on_chunk is not None:
                        on_chunk(len(chunk))
                if self.durable and fsync:
                    os.fsync(dst.fileno())
        except BaseException as exc:
            part.unlink(missing_ok=True)
            if is_no_space(exc):
                raise no_space_error(name, self.folder) from exc
            raise
        if size == 0:
            part.unlink(missing_ok=True)
            raise RefusedFileError(name, "空文件（0 字节） (empty file)")
        return StagedFile(part, digest.hexdigest(), size, name)

    def stage(self, part: StagedFile) -> StagedFile:
        """Rename a checked ``.part`` file to its staged name."""
        target = self.staged_path(part.sha256)
        try:
            os.replace(part.path, target)
        except OSError as exc:
            if is_no_space(exc):  # a rename may need a new directory block
                raise no_space_error(part.source or part.path.name, self.folder) from exc
            raise
        return StagedFile(target, part.sha256, part.size, part.source)

    def publish(self, sha256: str) -> Path:
        """Move the staged file into place (after the referencing transaction committed)."""
        final = self.path_for(sha256)
        staged = self.staged_path(sha256)
        if final.is_file():
            staged.unlink(missing_ok=True)
            return final
        parent = final.parent
        if not parent.is_dir():
            parent.mkdir(parents=True, exist_ok=True)
            if self.durable:
                fsync_dir(self.root)
        try:
            os.replace(staged, final)
        except FileNotFoundError:
            if final.is_file():  # a concurrent publish of the same content won
                return final
            raise
        if self.durable:
            fsync_dir(parent)
            fsync_dir(self.incoming)
        return final

    def sync_staged(self, staged: Sequence[StagedFile]) -> None:
        """Make staged files and their names durable before the transaction that references them.

        The fsyncs run in parallel: the file system then groups them into few journal commits.
        """
        if not self.durable or not staged:
            return
        names = {s.path: s.source or s.path.name for s in staged}

        def sync(path: Path) -> None:
            try:
                _fsync_file(path)
            except OSError as exc:  # delayed allocation: a full disk can surface only at fsync
                if is_no_space(exc):
                    raise no_space_error(names[path], self.folder) from exc
                raise

        _parallel(sync, list(names))
        fsync_dir(self.incoming)

    def publish_many(self, shas: Sequence[str]) -> None:
        """``publish`` for many files, with one fsync per touched directory (in parallel)."""
        touched: set[Path] = set()
        for sha256 in dict.fromkeys(shas):
            final = self.path_for(sha256)
            staged = self.staged_path(sha256)
            if final.is_file():
                staged.unlink(missing_ok=True)
                continue
            if not final.parent.is_dir():
                final.parent.mkdir(parents=True, exist_ok=True)
                touched.add(self.root)
            try:
                os.replace(staged, final)
            except FileNotFoundError:
                if not final.is_file():
                    raise
                continue
            touched.add(final.parent)
        if self.durable and touched:
            _parallel(fsync_dir, sorted(touched | {self.incoming}))

    def discard(self, staged: StagedFile) -> None:
        staged.path.unlink(missing_ok=True)

    def recover(self, is_referenced: Callable[[str], bool]) -> tuple[list[str], list[str]]:
        """Finish or undo interrupted attaches: returns (published, discarded) names."""
        published: list[str] = []
        discarded: list[str] = []
        if not self.incoming.is_dir():
            return published, discarded
        for entry in sorted(self.incoming.iterdir()):
            if not entry.is_file():
                continue
            if is_sha256(entry.name) and is_referenced(entry.name):
                self.publish(entry.name)
                published.append(entry.name)
            else:
                # A partial copy or a file whose transaction never committed: the user's original
                # is untouched, so this copy is garbage.
                entry.unlink(missing_ok=True)
                discarded.append(entry.name)
        return published, discarded

    # -- reading --------------------------------------------------------------------------------
    def iter_files(self) -> Iterator[Path]:
        """Every file under the store except the incoming and orphans folders."""
        if not self.root.is_dir():
            return
        for entry in sorted(self.root.iterdir()):
            if entry.name in (INCOMING_DIR, ORPHANS_DIR):
                continue
            if entry.is_dir():
                yield from sorted(p for p in entry.rglob("*") if not p.is_dir())
            else:
                yield entry

    def move_to_orphans(self, path: Path) -> Path:
        """Move a stray file to ``evidence/orphans/`` (never deleted); returns the new path."""
        target = self.orphans / path.name
        counter = 1
        while target.exists():
            target = self.orphans / f"{path.name}.{counter}"
            counter += 1
        try:
            self.orphans.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
        except OSError as exc:
            if is_no_space(exc):
                raise no_space_error(path, self.folder) from exc
            raise
        if self.durable:
            fsync_dir(self.orphans)
        return target


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data``: an unbuffered write may write less (a nearly full disk) without raising."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - POSIX raises ENOSPC instead; guard against a silent stop
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def fsync_file(path: Path) -> None:
    """Make a written file's content durable (through ``_fsync_file``, which the tests replace)."""
    _fsync_file(path)


def _fsync_file(path: Path) -> None:
    # Windows flushes only handles opened for writing (FlushFileBuffers needs GENERIC_WRITE).
    mode = os.O_RDWR if os.name == "nt" else os.O_RDONLY
    fd = os.open(path, mode | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _parallel(action: Callable[[Path], None], paths: Sequence[Path]) -> None:
    if len(paths) <= 1:
        for path in paths:
            action(path)
        return

    with ThreadPoolExecutor(max_workers=min(16, len(paths))) as pool:
        for _ in pool.map(action, paths):  # re-raises the first error
            pass


def hash_file(path: Path, cancel: CancelToken | None = None) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as handle:
        while True:
            check_cancel(cancel)
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            digest.update(chunk)
    return digest.hexdigest()


def temp_beside(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".fazhi-", suffix=".zip", dir=out.parent)
    os.close(handle)
    return Path(name)


@contextlib.contextmanager
def no_space_writing(out: Path) -> Iterator[None]:
    """Turn a full disk while writing the package ``out`` into one line (the temp file is removed by
    the caller's ``finally``). ``out`` is outside the project, so ``no_space_error`` does not fit."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        if is_no_space(exc):
            raise NoSpaceError(
                f"磁盘空间不足，无法写出 {printable_path(out.name)}（文件夹 {printable_path(out.parent)}）"
                " (no space left on device)"
            ) from exc
        raise
