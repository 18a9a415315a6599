"""The pure package layer: signatures, member-name rules, structural ZIP checks, manifests, writing."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import struct
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.base.errors import CancelledError
from app.base.progress import CancelToken
from app.base.zipguard import member_name_problem, name_fold
from app.exchange.package import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    Limits,
    OpenedManifest,
    PackageError,
    PackageReader,
    manifest_bytes,
    member_for,
    new_key,
    read_manifest,
    sign,
    signature_matches,
    validate_manifest,
    write_package,
)
from app.exchange.schemas import KIND_RETURNS, KIND_SUBMISSION, PACKAGE_FORMAT, PACKAGE_VERSION

SHA = "a" * 64
KIT_ID = "b" * 32
PACKAGE_ID = "c" * 32


def _submission(**overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": PACKAGE_FORMAT,
        "version": PACKAGE_VERSION,
        "kind": KIND_SUBMISSION,
        "package_id": PACKAGE_ID,
        "project_id": "p-1",
        "catalog_id": "national-2021",
        "kit_id": KIT_ID,
        "unit": "县司法局",
        "created_at": "2024-05-01T10:00:00+08:00",
        "created_by": "张三",
        "files": [
            {
                "member": f"files/{SHA}.pdf",
                "sha256": SHA,
                "size": 10,
                "kind": "pdf",
                "filename": "行政执法公示.pdf",
                "indicators": [26],
                "title": "公示",
                "period": "2023",
                "urls": [],
                "contacts": [],
            }
        ],
    }
    document.update(overrides)
    return document


def _zip_bytes(members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns on duplicate names, which some tests want
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return buffer.getvalue()


def _central_entries(data: bytes) -> list[int]:
    """Offsets of the central-directory headers in a ZIP."""
    offsets = []
    start = 0
    while (found := data.find(b"PK\x01\x02", start)) >= 0:
        offsets.append(found)
        start = found + 4
    return offsets


def _patch(data: bytes, at: int, fmt: str, value: int) -> bytes:
    buffer = bytearray(data)
    struct.pack_into(fmt, buffer, at, value)
    return bytes(buffer)


def _open(tmp_path: Path, data: bytes, limits: Limits | None = None) -> PackageReader:
    path = tmp_path / "pkg.zip"
    path.write_bytes(data)
    return PackageReader(path, limits or Limits())


def _refusal(tmp_path: Path, data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(PackageError) as info, _open(tmp_path, data, limits) as reader:
        for name in sorted(reader.names):
            reader.copy_member(name, None, 1 << 30)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / "pkg.zip"))
    return message


# -- signatures ----------------------------------------------------------------------------------


def test_signature_round_trip_and_tamper() -> None:
    key = new_key()
    assert len(key) == 64
    data = manifest_bytes(_submission())
    signature = sign(data, key)
    assert signature_matches(data, key, signature)
    assert signature_matches(data, key, signature.upper() + "\n")
    assert not signature_matches(data.replace("县司法局".encode(), "县财政局".encode()), key, signature)
    assert not signature_matches(data, new_key(), signature)
    assert not signature_matches(data, "zz", signature)
    assert not signature_matches(data, key, "not hex")


def test_manifest_bytes_are_stable_and_readable() -> None:
    first = manifest_bytes(_submission())
    assert first == manifest_bytes(dict(reversed(list(_submission().items()))))
    assert "县司法局".encode() in first


# -- member names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "为空"),
        ("/etc/passwd", "绝对路径"),
        ("../evil.pdf", "路径跳转"),
        ("files/../../evil.pdf", "路径跳转"),
        ("files//x.pdf", "空路径段"),
        ("./x.pdf", "路径跳转"),
        ("C:/Windows/x.pdf", "盘符"),
        ("c:x.pdf", "盘符"),
        ("files\\x.pdf", "反斜杠"),
        ("files/a\x00.pdf", "控制字符"),
        ("files/", "目录"),
        ("files/aux.pdf", "Windows"),
        ("files/x.pdf.", "Windows"),
        ("files/x.pdf:stream", "冒号"),
    ],
)
def test_unsafe_member_names(name: str, reason: str) -> None:
    problem = member_name_problem(name)
    assert problem is not None
    assert reason in problem


@pytest.mark.parametrize("name", ["manifest.json", f"files/{SHA}.pdf", "tasklist.pdf", "资料/通知.pdf"])
def test_safe_member_names(name: str) -> None:
    assert member_name_problem(name) is None


def test_name_fold_catches_case_and_normalisation() -> None:
    assert name_fold("Files/A.PDF") == name_fold("files/a.pdf")
    assert name_fold("files/caf\u00e9.pdf") == name_fold("files/cafe\u0301.pdf")
    assert name_fold("files/ａ.pdf") == name_fold("files/a.pdf")  # full-width
    assert name_fold("files/a.pdf") != name_fold("files/b.pdf")


# -- structure -----------------------------------------------------------------------------------


def test_reader_accepts_a_clean_archive_and_hashes_members(tmp_path: Path) -> None:
    payload = b"%PDF-1.4 hello"
    data = _zip_bytes([("manifest.json", b"{}"), (f"files/{SHA}.pdf", payload)])
    with _open(tmp_path, data) as reader:
        assert reader.names == {"manifest.json", f"files/{SHA}.pdf"}
        sink = io.BytesIO()
        digest = reader.copy_member(f"files/{SHA}.pdf", sink, 1000)
        assert digest.sha256 == hashlib.sha256(payload).hexdigest()
        assert digest.size == len(payload)
        assert sink.getvalue() == payload


@pytest.mark.parametrize(
    ("name", "reason"),
    [("../evil.pdf", "路径跳转"), ("/abs.pdf", "绝对路径"), ("a\\b.pdf", "反斜杠"), ("D:/x.pdf", "盘符")],
)
def test_reader_refuses_unsafe_names(tmp_path: Path, name: str, reason: str) -> None:
    assert reason in _refusal(tmp_path, _zip_bytes([("manifest.json", b"{}"), (name, b"x")]))


def test_reader_refuses_symlink_member(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("files/link.pdf")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    assert "符号链接" in _refusal(tmp_path, buffer.getvalue())


def test_reader_refuses_windows_reparse_point(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("files/junction.pdf")
        info.create_system = 0
        info.external_attr = 0x400
        archive.writestr(info, "x")
    assert "链接" in _refusal(tmp_path, buffer.getvalue())


def test_reader_refuses_duplicates(tmp_path: Path) -> None:
    data = _zip_bytes([("files/a.pdf", b"1"), ("files/a.pdf", b"2")])
    assert "重复" in _refusal(tmp_path, data)


@pytest.mark.parametrize(
    ("first", "second"),
    [("files/A.pdf", "files/a.pdf"), ("files/caf\u00e9.pdf", "files/cafe\u0301.pdf")],
)
def test_reader_refuses_folded_duplicates(tmp_path: Path, first: str, second: str) -> None:
    data = _zip_bytes([(first, b"1"), (second, b"2")])
    assert "大小写或 Unicode" in _refusal(tmp_path, data)


def test_reader_refuses_zip_bomb_by_ratio(tmp_path: Path) -> None:
    data = _zip_bytes([("files/bomb.pdf", b"\0" * (8 << 20))], zipfile.ZIP_DEFLATED)
    assert len(data) < 100_000
    assert "压缩炸弹" in _refusal(tmp_path, data)


def test_reader_refuses_oversized_member_and_total(tmp_path: Path) -> None:
    data = _zip_bytes([("files/a.pdf", b"x" * 1000), ("files/b.pdf", b"y" * 1000)])
    assert "过大" in _refusal(tmp_path, data, Limits(max_member_bytes=999))
    assert "总大小" in _refusal(tmp_path, data, Limits(max_total_bytes=1500))
    assert "文件过多" in _refusal(tmp_path, data, Limits(max_members=1))


def test_reader_caps_reads_even_when_the_header_lies(tmp_path: Path) -> None:
    payload = b"z" * 5000
    data = _zip_bytes([("files/a.pdf", payload)])
    central = _central_entries(data)[0]
    # Declare 100 bytes in the central directory: a reader trusting it would stop early silently.
    lying = _patch(data, central + 24, "<I", 100)
    message = _refusal(tmp_path, lying)
    assert "损坏" in message or "截断" in message
    # And a reader never returns more than the caller's cap, whatever the header says.
    with _open(tmp_path, data) as reader, pytest.raises(PackageError, match="超过允许的大小"):
        reader.copy_member("files/a.pdf", None, 4000)


def test_reader_refuses_overlapping_members(tmp_path: Path) -> None:
    data = _zip_bytes([("files/a.pdf", b"1" * 100), ("files/b.pdf", b"2" * 100)])
    second = _central_entries(data)[1]
    overlapping = _patch(data, second + 42, "<I", 0)  # b's data "starts" where a's does
    assert "重叠" in _refusal(tmp_path, overlapping)


def test_reader_refuses_encrypted_member(tmp_path: Path) -> None:
    data = _zip_bytes([("files/a.pdf", b"1")])
    central = _central_entries(data)[0]
    flags = struct.unpack_from("<H", data, central + 8)[0]
    assert "加密" in _refusal(tmp_path, _patch(data, central + 8, "<H", flags | 1))


def test_reader_refuses_crc_mismatch(tmp_path: Path) -> None:
    data = _zip_bytes([("files/a.pdf", b"hello world")])
    tampered = data.replace(b"hello world", b"hello WORLD")
    assert "损坏" in _refusal(tmp_path, tampered)


@pytest.mark.parametrize("cut", [10, 200, -30])
def test_reader_refuses_truncated_archive(tmp_path: Path, cut: int) -> None:
    data = _zip_bytes([("manifest.json", b"{}" * 100), ("files/a.pdf", b"x" * 300)])
    message = _refusal(tmp_path, data[:cut])
    assert "ZIP" in message or "截断" in message


def test_reader_refuses_non_zip_and_missing(tmp_path: Path) -> None:
    assert "ZIP" in _refusal(tmp_path, b"%PDF-1.4 not a zip")
    with pytest.raises(PackageError, match="无法读取"):
        PackageReader(tmp_path / "absent.zip")


def test_member_set_check(tmp_path: Path) -> None:
    data = _zip_bytes([("manifest.json", b"{}"), ("files/a.pdf", b"1"), ("files/b.pdf", b"2")])
    with _open(tmp_path, data) as reader:
        reader.check_member_set({"manifest.json", "files/a.pdf", "files/b.pdf"})
        with pytest.raises(PackageError, match=r"缺少成员 files/c\.pdf"):
            reader.check_member_set({"manifest.json", "files/a.pdf", "files/b.pdf", "files/c.pdf"})
        with pytest.raises(PackageError, match=r"多余的成员 files/b\.pdf"):
            reader.check_member_set({"manifest.json", "files/a.pdf"})


# -- manifests -----------------------------------------------------------------------------------


def _manifest_zip(raw: bytes, signature: bytes | None = b"0" * 64) -> bytes:
    members = [(MANIFEST_NAME, raw)]
    if signature is not None:
        members.append((SIGNATURE_NAME, signature))
    return _zip_bytes(members)


def _read(tmp_path: Path, data: bytes) -> OpenedManifest:
    with _open(tmp_path, data) as reader:
        return read_manifest(reader)


def test_read_manifest_keeps_exact_bytes(tmp_path: Path) -> None:
    raw = manifest_bytes(_submission())
    opened = _read(tmp_path, _manifest_zip(raw, b"AB" * 32 + b"\n"))
    assert opened.raw == raw
    assert opened.signature == "ab" * 32
    assert opened.document["unit"] == "县司法局"
    assert opened.kind == KIND_SUBMISSION


@pytest.mark.parametrize(
    ("raw", "signature", "reason"),
    [
        (b"{}", b"0" * 64, "不是 fazhi"),
        (b"[1]", b"0" * 64, "不是 JSON 对象"),
        (b"\xff\xfe", b"0" * 64, "UTF-8"),
        (b'{"format": "fazhi-exchange", "format": 1}', b"0" * 64, "键重复"),
        (b'{"a": NaN}', b"0" * 64, "JSON"),
        (b'{"format": "fazhi-exchange", "version": 99}', b"0" * 64, "版本"),
        (b'{"format": "fazhi-exchange", "version": 1}', None, "缺少签名"),
        (b'{"format": "fazhi-exchange", "version": 1}', b"short", "签名"),
    ],
)
def test_read_manifest_refuses_malformed(
    tmp_path: Path, raw: bytes, signature: bytes | None, reason: str
) -> None:
    with pytest.raises(PackageError, match=reason):
        _read(tmp_path, _manifest_zip(raw, signature))


def test_read_manifest_requires_manifest(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match=r"缺少 manifest\.json"):
        _read(tmp_path, _zip_bytes([("files/a.pdf", b"1")]))


def _validate(document: dict[str, Any], kind: str = KIND_SUBMISSION) -> None:
    validate_manifest(OpenedManifest(manifest_bytes(document), document, "0" * 64), kind, "pkg.zip")


def test_validate_accepts_a_good_submission() -> None:
    _validate(_submission())


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"scores": {"26": 10}}, "scores"),
        ({"veto": ["V1"]}, "否决项"),
        ({"bonus": {"B1": 10}}, "加分项"),
        ({"catalog": {}}, "指标体系"),
        ({"levels": {}}, "等次"),
        ({"extra": 1}, "不允许的字段 extra"),
        ({"kind": "kit"}, "任务包"),
        ({"package_id": "x"}, "package_id"),
        ({"unit": ""}, "unit"),
    ],
)
def test_validate_refuses_bad_submissions(overrides: dict[str, Any], reason: str) -> None:
    with pytest.raises(PackageError, match=reason):
        _validate(_submission(**overrides))


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"member": "../x.pdf"}, "member"),
        ({"sha256": "XYZ"}, "sha256"),
        ({"indicators": []}, "indicators"),
        ({"indicators": ["26"]}, "indicators"),
        ({"period": "23"}, "period"),
        ({"level": "达标"}, "level"),
    ],
)
def test_validate_refuses_bad_file_entries(entry: dict[str, Any], reason: str) -> None:
    document = _submission()
    document["files"][0].update(entry)
    with pytest.raises(PackageError, match=reason):
        _validate(document)


def test_validate_returns_note() -> None:
    document = _submission(
        kind=KIND_RETURNS, items=[{"indicator": 26, "decision": "returned", "comment": "缺", "at": "x"}]
    )
    del document["files"], document["kit_id"]
    _validate(document, KIND_RETURNS)
    with pytest.raises(PackageError, match="提交包"):
        _validate(_submission(), KIND_RETURNS)


# -- writing -------------------------------------------------------------------------------------


def test_write_package_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "原件.pdf"
    source.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 100)
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    key = new_key()
    manifest = _submission()
    out = tmp_path / "out" / "submission.zip"
    seen: list[tuple[int, int]] = []
    raw = write_package(
        out,
        manifest,
        key,
        [(member_for(sha, "PDF"), source), ("tasklist.pdf", b"%PDF")],
        progress=lambda done, total, _m: seen.append((done, total)),
    )
    assert seen[-1] == (2, 2)
    with PackageReader(out) as reader:
        assert reader.names == {MANIFEST_NAME, SIGNATURE_NAME, f"files/{sha}.pdf", "tasklist.pdf"}
        opened = read_manifest(reader)
        assert opened.raw == raw
        assert json.loads(raw) == manifest
        assert signature_matches(opened.raw, key, opened.signature)
        assert reader.copy_member(f"files/{sha}.pdf", None, 1 << 20).sha256 == sha
    assert [p.name for p in out.parent.iterdir()] == ["submission.zip"]


def test_write_package_cancel_leaves_nothing(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    out = tmp_path / "submission.zip"
    with pytest.raises(CancelledError):
        write_package(out, _submission(), new_key(), [("files/a.pdf", b"1")], cancel=token)
    assert list(tmp_path.iterdir()) == []


def test_copy_member_writes_every_byte_to_a_sink_that_writes_short(tmp_path: Path) -> None:
    """A raw file may accept fewer bytes than offered; the copy must loop, never truncate silently."""
    import io
    import zipfile

    from app.exchange.package import PackageReader

    payload = bytes(range(256)) * 4096  # 1 MiB
    package = tmp_path / "p.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("files/a.bin", payload)

    class ShortWriter(io.RawIOBase):
        def __init__(self) -> None:
            self.data = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, b: object) -> int:
            chunk = bytes(b)[:1000]  # type: ignore[call-overload]
            self.data.extend(chunk)
            return len(chunk)

    sink = ShortWriter()
    with PackageReader(package) as reader:
        digest = reader.copy_member("files/a.bin", sink, max_bytes=len(payload))  # type: ignore[arg-type]
    assert bytes(sink.data) == payload
    assert digest.size == len(payload)


def test_deeply_nested_manifest_is_one_line_naming_the_file(tmp_path: Path) -> None:
    deep = b'{"format": "fazhi-exchange", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    data = _zip_bytes([("manifest.json", deep), ("manifest.sig", b"0" * 64)])
    with pytest.raises(PackageError) as info, _open(tmp_path, data) as reader:
        read_manifest(reader)
    message = str(info.value)
    assert "嵌套过深" in message and "manifest.json" in message and "\n" not in message
