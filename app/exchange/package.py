"""Exchange package format: ZIP layout, manifests, HMAC signatures and safe reading.

Kits (office → unit), submissions (unit → office) and return notes (office → unit) share one layout::

    manifest.json        UTF-8 JSON; the exact bytes are what the signature covers
    manifest.sig         hex HMAC-SHA256 of manifest.json with the unit's key
    files/<sha256>.<ext> evidence files, content-addressed (original names live in the manifest)
    tasklist.pdf         kits only: the printable task list for the clerk

This module is pure: no database, no project. ``PackageReader`` refuses a hostile ZIP on its central
directory alone (names, links, duplicates, sizes, ratios, overlapping members) before any member is read,
and reads members streaming with a hard byte cap, so a lying header cannot make it read more.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import struct
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

from app.base.errors import IntegrityError, RefusedFileError
from app.base.jsonsafe import MAX_JSON_DEPTH, json_depth, loads_limited
from app.base.progress import CancelToken, ProgressCallback, check_cancel, report
from app.base.zipguard import ZipLimits, ZipRefusedError, check_archive, member_name_problem
from app.exchange.schemas import (
    KIND_KIT,
    KIND_LABELS,
    MAX_PACKAGE_FILES,
    PACKAGE_FORMAT,
    PACKAGE_VERSION,
    SCHEMAS,
)

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
FILES_PREFIX = "files/"
TASK_LIST_NAME = "tasklist.pdf"


#: Top-level manifest keys that a unit's package may never carry, with what they would have touched.
FORBIDDEN_KEYS = {
    "scores": "评分",
    "score": "评分",
    "levels": "评定等次",
    "assessments": "评定等次",
    "veto": "否决项",
    "bonus": "加分项",
    "catalog": "指标体系",
    "scheme": "评分方案",
    "units": "单位设置",
    "reviews": "审核结论",
}

CHUNK_BYTES = 1 << 20
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CONTENT_MEMBER = re.compile(r"^files/(?P<sha>[0-9a-f]{64})\.[a-z0-9]{1,8}$")


class PackageError(RefusedFileError):
    """A package was refused; nothing was changed. ``str()`` is ``"<package>: <reason>"``."""

    def __init__(self, package: str | Path, reason: str) -> None:
        super().__init__(str(package), reason)


class AlreadyImportedError(PackageError):
    """The package was imported before; importing it again changes nothing."""


@dataclass(frozen=True)
class Limits(ZipLimits):
    """Hard limits applied to every package before and while it is read."""

    max_members: int = MAX_PACKAGE_FILES
    max_member_bytes: int = 2 << 30  # one evidence file
    max_total_bytes: int = 32 << 30  # all members together, uncompressed
    max_manifest_bytes: int = 64 << 20


DEFAULT_LIMITS = Limits()


# -- keys and signatures -------------------------------------------------------------------------


def new_key() -> str:
    """A fresh 256-bit unit key as 64 hex digits."""
    return secrets.token_hex(32)


def sign(data: bytes, key_hex: str) -> str:
    """Hex HMAC-SHA256 of ``data`` with a hex key."""
    return hmac.new(bytes.fromhex(key_hex), data, hashlib.sha256).hexdigest()


def signature_matches(data: bytes, key_hex: str, signature_hex: str) -> bool:
    """Constant-time check of a hex signature (any malformed input is simply ``False``)."""
    try:
        expected = sign(data, key_hex)
    except ValueError:
        return False
    return hmac.compare_digest(expected, signature_hex.strip().lower())


def manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    """The bytes written as manifest.json (readable: keys sorted, Chinese kept, one key per line)."""
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


def member_for(sha256: str, extension: str) -> str:
    return f"{FILES_PREFIX}{sha256}.{extension.lower().lstrip('.')}"


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


# -- member names --------------------------------------------------------------------------------

# -- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberDigest:
    sha256: str
    size: int


class PackageReader:
    """A package ZIP opened read-only and checked structurally (see module docstring).

    Use as a context manager. Every problem raises ``PackageError`` naming the package.
    """

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS, *, label: str | None = None) -> None:
        self.path = Path(path)
        self.label = label or str(path)
        self.limits = limits
        self._zip = self._open()
        try:
            self._infos = self._check_structure()
        except BaseException:
            self._zip.close()
            raise

    # context manager
    def __enter__(self) -> PackageReader:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def error(self, reason: str) -> PackageError:
        return PackageError(self.label, reason)

    def _open(self) -> zipfile.ZipFile:
        try:
            info = self.path.stat()
        except OSError as exc:
            raise self.error(f"无法读取包文件：{exc.strerror or exc}") from exc
        if not stat.S_ISREG(info.st_mode):
            raise self.error("不是普通文件")
        if info.st_size > self.limits.max_total_bytes + self.limits.max_manifest_bytes:
            raise self.error(f"包文件过大（{info.st_size} 字节）")
        try:
            return zipfile.ZipFile(self.path, "r")
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError) as exc:
            raise self.error(f"不是有效的 ZIP 文件，或文件已截断、损坏（{exc}）") from exc
        except OSError as exc:
            raise self.error(f"无法读取包文件：{exc.strerror or exc}") from exc

    def _check_structure(self) -> dict[str, zipfile.ZipInfo]:
        try:
            infos = check_archive(self._zip, self.limits, names_are_paths=True)
        except ZipRefusedError as problem:
            raise self.error(problem.reason) from None
        return {info.filename: info for info in infos}

    # -- members ---------------------------------------------------------------------------------
    @property
    def names(self) -> set[str]:
        return set(self._infos)

    def declared_size(self, name: str) -> int:
        return self._infos[name].file_size

    def require(self, name: str) -> zipfile.ZipInfo:
        info = self._infos.get(name)
        if info is None:
            raise self.error(f"缺少成员 {name}")
        return info

    def iter_chunks(self, name: str, max_bytes: int, cancel: CancelToken | None = None) -> Iterator[bytes]:
        """The member's bytes in chunks, refusing it as soon as more than ``max_bytes`` come out."""
        info = self.require(name)
        cap = min(max_bytes, self.limits.max_member_bytes)
        done = 0
        try:
            with self._zip.open(info, "r") as source:
                while True:
                    check_cancel(cancel)
                    chunk = source.read(CHUNK_BYTES)
                    if not chunk:
                        break
                    done += len(chunk)
                    if done > cap:
                        raise self.error(f"成员 {name} 超过允许的大小（{cap} 字节）")
                    yield chunk
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            ValueError,
            NotImplementedError,
            struct.error,
        ) as exc:
            raise self.error(f"成员 {name} 已损坏或被截断（{exc}）") from exc

    def read_bytes(self, name: str, max_bytes: int) -> bytes:
        return b"".join(self.iter_chunks(name, max_bytes))

    def copy_member(
        self, name: str, sink: IO[bytes] | None, max_bytes: int, cancel: CancelToken | None = None
    ) -> MemberDigest:
        """Stream a member into ``sink`` (or nowhere), returning its SHA-256 and real size."""
        digest = hashlib.sha256()
        size = 0
        for chunk in self.iter_chunks(name, max_bytes, cancel):
            digest.update(chunk)
            size += len(chunk)
            if sink is not None:
                _write_all(sink, chunk)
        return MemberDigest(digest.hexdigest(), size)

    def check_member_set(self, expected: set[str]) -> None:
        missing = sorted(expected - self.names)
        if missing:
            raise self.error(
                f"缺少成员 {missing[0]}" + (f" 等 {len(missing)} 个" if len(missing) > 1 else "")
            )
        extra = sorted(self.names - expected)
        if extra:
            raise self.error(f"多余的成员 {extra[0]}" + (f" 等 {len(extra)} 个" if len(extra) > 1 else ""))


def _write_all(sink: IO[bytes], data: bytes) -> None:
    """Write every byte: an unbuffered (raw) file may write fewer bytes than asked, silently."""
    view = memoryview(data)
    while view:
        written = sink.write(view)
        if written is None:  # a non-blocking raw stream that could not write now
            raise OSError(f"写入中断：{getattr(sink, 'name', '')} (short write)")
        view = view[written:]


# -- manifests -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenedManifest:
    """manifest.json as read (exact bytes, for the signature) and parsed, plus manifest.sig."""

    raw: bytes
    document: dict[str, Any]
    signature: str

    @property
    def kind(self) -> str:
        return str(self.document.get("kind", ""))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicated = [k for k, n in Counter(keys).items() if n > 1]
    if duplicated:
        raise ValueError(f"键重复：{duplicated[0]}")
    return dict(pairs)


def _no_constants(name: str) -> Any:
    raise ValueError(f"不允许的数值 {name}")


def read_manifest(reader: PackageReader) -> OpenedManifest:
    """Read and parse manifest.json and manifest.sig; checks only that they are well formed."""
    raw = (
        reader.read_bytes(MANIFEST_NAME, reader.limits.max_manifest_bytes)
        if MANIFEST_NAME in reader.names
        else None
    )
    if raw is None:
        raise reader.error("缺少 manifest.json，不是 fazhi 交换包")
    try:
        text = raw.decode("utf-8")
        depth = json_depth(text)
        if depth > MAX_JSON_DEPTH:
            raise reader.error(f"manifest.json 嵌套过深（{depth} 层，上限 {MAX_JSON_DEPTH}），文件可能被构造")
        document = loads_limited(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except UnicodeDecodeError as exc:
        raise reader.error("manifest.json 不是 UTF-8 文本") from exc
    except ValueError as exc:
        raise reader.error(f"manifest.json 不是有效的 JSON（{exc}）") from exc
    if not isinstance(document, dict):
        raise reader.error("manifest.json 不是 JSON 对象")
    if document.get("format") != PACKAGE_FORMAT:
        raise reader.error("manifest.json 不是 fazhi 交换包的清单")
    if document.get("version") != PACKAGE_VERSION:
        raise reader.error(f"交换包版本 {document.get('version')!r} 不受支持（本程序支持 {PACKAGE_VERSION}）")
    if SIGNATURE_NAME not in reader.names:
        raise reader.error("缺少签名 manifest.sig")
    signature_raw = reader.read_bytes(SIGNATURE_NAME, 256)
    try:
        signature = signature_raw.decode("ascii").strip().lower()
    except UnicodeDecodeError as exc:
        raise reader.error("签名 manifest.sig 格式无效") from exc
    if not _HEX64.match(signature):
        raise reader.error("签名 manifest.sig 格式无效")
    return OpenedManifest(raw, document, signature)


def validate_manifest(manifest: OpenedManifest, expected_kind: str, label: str | Path) -> None:
    """Refuse a manifest of the wrong kind, with forbidden content, or not matching its schema."""
    document = manifest.document
    kind = document.get("kind")
    if kind != expected_kind:
        got = KIND_LABELS.get(str(kind), repr(kind))
        raise PackageError(label, f"这是{got}，这里需要{KIND_LABELS[expected_kind]}")
    if expected_kind != KIND_KIT:
        for key, what in FORBIDDEN_KEYS.items():
            if key in document:
                raise PackageError(label, f"包内含有「{key}」：单位的包不得修改{what}")
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMAS[expected_kind])
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        raise PackageError(label, f"清单 manifest.json 无效：{where or '(根)'}：{_schema_reason(error)}")


def _schema_reason(error: jsonschema.ValidationError) -> str:
    if (
        error.validator == "additionalProperties"
        and isinstance(error.schema, Mapping)
        and isinstance(error.instance, Mapping)
    ):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(str(key) for key in error.instance if key not in allowed)
        return f"不允许的字段 {'、'.join(extra)}"
    if error.validator == "required":
        return f"缺少字段（{error.message}）"
    if error.validator in {"pattern", "type", "const", "enum", "minimum", "minItems", "uniqueItems"}:
        return f"值不符合要求（{error.message[:120]}）"
    return error.message[:160]


# -- writing -------------------------------------------------------------------------------------


def write_package(
    out: Path,
    manifest: Mapping[str, Any],
    key_hex: str,
    members: Sequence[tuple[str, Path | bytes]],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> bytes:
    """Write a signed package atomically (temp file beside ``out``, then rename); return the manifest bytes.

    Evidence members are stored, not deflated: PDFs and XLSX are compressed already, and a stored member
    can be hashed on import at disk speed.
    """
    raw = manifest_bytes(manifest)
    signature = sign(raw, key_hex)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".fazhi-", suffix=".part", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    stamp = datetime.now().timetuple()[:6]
    try:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
            _write_member(archive, MANIFEST_NAME, raw, stamp=stamp, compression=zipfile.ZIP_DEFLATED)
            _write_member(
                archive,
                SIGNATURE_NAME,
                (signature + "\n").encode("ascii"),
                stamp=stamp,
                compression=zipfile.ZIP_STORED,
            )
            for index, (name, source) in enumerate(members):
                check_cancel(cancel)
                report(progress, index, len(members), name)
                if member_name_problem(name):
                    raise ValueError(f"bad member name {name!r}")
                _write_member(
                    archive, name, source, stamp=stamp, compression=zipfile.ZIP_STORED, cancel=cancel
                )
        report(progress, len(members), len(members), "")
        os.replace(temp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return raw


def _write_member(
    archive: zipfile.ZipFile,
    name: str,
    source: Path | bytes,
    *,
    stamp: tuple[int, ...],
    compression: int,
    cancel: CancelToken | None = None,
) -> None:
    info = zipfile.ZipInfo(name, date_time=(stamp[0], stamp[1], stamp[2], stamp[3], stamp[4], stamp[5]))
    info.compress_type = compression
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    if isinstance(source, bytes):
        archive.writestr(info, source)
        return
    # A content-addressed member is checked as it is copied: a damaged store file must not leave
    # the office with a package it will refuse.
    match = _CONTENT_MEMBER.match(name)
    digest = hashlib.sha256() if match else None
    info.file_size = source.stat().st_size
    with (
        source.open("rb") as reader,
        archive.open(info, "w", force_zip64=info.file_size > (1 << 31)) as writer,
    ):
        while chunk := reader.read(CHUNK_BYTES):
            check_cancel(cancel)
            if digest is not None:
                digest.update(chunk)
            writer.write(chunk)
    if match and digest is not None and digest.hexdigest() != match["sha"]:
        raise IntegrityError(f"资料文件已损坏：{source}（SHA-256 与记录不符），请先运行 fazhi verify")
