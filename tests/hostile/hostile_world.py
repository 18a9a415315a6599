"""The hostile corpus's building blocks: hand-built hostile files, the projects and packages every case
starts from, the folder snapshot, and the runner that puts one case through the real CLI."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import struct
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.cli.main import main
from app.evidence.attach import attach, withdraw
from app.exchange.importing import import_package
from app.exchange.kits import init_from_kit, issue_kit, read_kit
from app.exchange.package import MANIFEST_NAME, SIGNATURE_NAME, manifest_bytes, sign
from app.exchange.submit import submit
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import catalog_from_document
from models.migrate import APPLICATION_ID

A = "县司法局"
B = "县发展和改革局"


def catalog_document() -> dict[str, Any]:
    return {
        "id": "hostile",
        "title": "攻击测试指标体系",
        "units": [{"name": A}, {"name": B}],
        "areas": [{"code": "一", "name": "政府职能", "groups": [{"code": "一.1", "name": "放权"}]}],
        "indicators": [
            {"number": 1, "group": "一.1", "text": "权责清单", "units": [A, B]},
            {"number": 2, "group": "一.1", "text": "营商环境", "units": [B]},
            {"number": 3, "group": "一.1", "text": "执法监督", "units": [A]},
        ],
        "bonus": [],
        "veto": [],
    }


# -- building blocks ----------------------------------------------------------------------------------


def classic_pdf(objects: dict[int, bytes], *, root: int = 1) -> bytes:
    """A hand-built PDF with a classic xref table (so its structure can be made hostile)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    start = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets.get(number, 0))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start))
    return out.getvalue()


PAGES = {
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
}


def active_pdf(catalog_extra: bytes, extra: dict[int, bytes] | None = None) -> bytes:
    return classic_pdf(
        {1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>", **PAGES, **(extra or {})}
    )


def plain_pdf(text: str = "印证资料") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def zip_bytes(members: Sequence[tuple[str | zipfile.ZipInfo, bytes | str]], *, stored: bool = False) -> bytes:
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of some cases
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return buffer.getvalue()


def plain_xlsx_members() -> list[tuple[str, bytes]]:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["单位", "数量"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def xlsx_with(
    extra: Sequence[tuple[str, bytes | str]] = (), replace: dict[str, bytes | str] | None = None
) -> bytes:
    members: list[tuple[str | zipfile.ZipInfo, bytes | str]] = [
        (name, (replace or {}).get(name, data)) for name, data in plain_xlsx_members()
    ]
    return zip_bytes([*members, *extra])


def set_encrypted_flag(data: bytes) -> bytes:
    out = bytearray(data)
    central = out.find(b"PK\x01\x02")
    flags = struct.unpack_from("<H", out, central + 8)[0]
    struct.pack_into("<H", out, central + 8, flags | 1)
    return bytes(out)


def png_header(width: int, height: int) -> bytes:
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def encrypted_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(plain_pdf())))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


XML_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e0 "lol">'
    + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    + ']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="&e9;" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


# -- the world: projects and packages every case starts from ------------------------------------------


@dataclass(frozen=True)
class World:
    root: Path
    office: Path  # an office project with kits for A and B, nothing imported
    office_after: Path  # the same after importing A's newer submission (sequence 2)
    unit: Path  # A's workspace
    good: Path  # A's first submission (sequence 1: older than the imported one)
    key_a: str

    def members(self, package: Path | None = None) -> dict[str, bytes]:
        with zipfile.ZipFile(package or self.good) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def manifest(self) -> dict[str, Any]:
        return json.loads(self.members()[MANIFEST_NAME])  # type: ignore[no-any-return]


def build_world(root: Path, *, office_only: bool = False) -> World:
    """The projects and packages; ``office_only``: just the office project (for attach/catalog cases)."""
    root.mkdir(parents=True, exist_ok=True)
    office, unit, kit = root / "office", root / "unit", root / "kit-a.zip"
    create_project(office, county="攻防县", year=2025, catalog=catalog_from_document(catalog_document(), "t"))
    if office_only:
        checkpoint(office)
        return World(root, office, office, office, root / "none.zip", "")
    with open_project(office) as project:
        issue_kit(project, unit=A, out=kit)
        issue_kit(project, unit=B, out=root / "kit-b.zip")
    init_from_kit(unit, kit)
    (root / "案卷.pdf").write_bytes(plain_pdf("cases"))
    (root / "新版.pdf").write_bytes(plain_pdf("newer cases"))
    (root / "清单.xlsx").write_bytes(xlsx_with())
    with open_project(unit) as project:
        old = attach(project, unit=A, indicators=[3], files=[root / "案卷.pdf"])
        attach(project, unit=A, indicators=[1], files=[root / "清单.xlsx"])
        submit(project, out=root / "good.zip")
        withdraw(project, old.attached[0].id, reason="换新版")
        attach(project, unit=A, indicators=[3], files=[root / "新版.pdf"])
        submit(project, out=root / "newer.zip")
    office_after = root / "office-after"
    shutil.copytree(office, office_after)
    with open_project(office_after) as project:
        import_package(project, root / "newer.zip")
    for folder in (office, office_after, unit):
        checkpoint(folder)
    return World(root, office, office_after, unit, root / "good.zip", read_kit(kit).manifest["key"])


def checkpoint(folder: Path) -> None:
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for suffix in ("-wal", "-shm"):
        (folder / f"project.sqlite{suffix}").unlink(missing_ok=True)


def is_fazhi_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return (
        header.startswith(b"SQLite format 3\x00") and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder → SHA-256 of its bytes (the lock file: present, its holder note ignored).

    The ``-wal``/``-shm`` companions of OUR database are left out: a read-only SQLite connection to a
    WAL database makes them and cannot remove them; they hold no data here (the main file, with every
    committed change, is compared). Next to any other file they count: a foreign file gets none.
    """
    found: dict[str, str] = {}
    ours = is_fazhi_database(folder / "project.sqlite")
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if ours and path.name in ("project.sqlite-wal", "project.sqlite-shm") and path.parent == folder:
            if path.name.endswith("-wal") and path.stat().st_size:
                found[name] = "a non-empty write-ahead log"
            continue
        if path.is_symlink():
            found[name] = f"link→{os.readlink(path)}"
        elif path.is_dir():
            found[name] = "dir"
        elif path.name == ".fazhi.lock":
            found[name] = "lock"
        else:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# -- packages: re-signed with A's key, so only the check under test can refuse them -------------------


def package(
    world: World,
    out: Path,
    *,
    change: Callable[[dict[str, Any]], None] | None = None,
    add_file: tuple[str, str, bytes] | None = None,  # (filename, kind, bytes) added to the manifest
    extra: Sequence[tuple[str | zipfile.ZipInfo, bytes]] = (),
    sequence: int | None = 50,
) -> Path:
    manifest = world.manifest()
    members = world.members()
    if sequence is None:
        manifest.pop("sequence", None)
    else:
        manifest["sequence"] = sequence
    if add_file is not None:
        filename, kind, data = add_file
        sha = hashlib.sha256(data).hexdigest()
        member = f"files/{sha}.{kind}"
        manifest["files"].append(
            {
                "member": member,
                "sha256": sha,
                "size": len(data),
                "kind": kind,
                "filename": filename,
                "indicators": [3],
            }
        )
        members[member] = data
    if change is not None:
        change(manifest)
    raw = manifest_bytes(manifest)
    members[MANIFEST_NAME] = raw
    members[SIGNATURE_NAME] = (sign(raw, world.key_a) + "\n").encode()
    out.write_bytes(zip_bytes([*members.items(), *extra]))
    return out


def raw_manifest_package(world: World, out: Path, raw: bytes) -> Path:
    members = world.members()
    members[MANIFEST_NAME] = raw
    members[SIGNATURE_NAME] = (sign(raw, world.key_a) + "\n").encode()
    out.write_bytes(zip_bytes(list(members.items())))
    return out


Build = Callable[[World, Path], Path]


@dataclass(frozen=True)
class Case:
    name: str
    klass: str
    mode: str  # attach_office | attach_unit | import | import_after | catalog | open | verify
    build: Build  # makes the hostile input (a file, or for open/verify the project folder) under the dir
    reason: str  # a fragment the one-line refusal must contain
    code: int = 1


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _copy(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    return target


def _db_folder(where: Path, data: bytes) -> Path:
    folder = where / "project"
    folder.mkdir()
    (folder / "project.sqlite").write_bytes(data)
    return folder


def _foreign_db(where: Path, *, wal: bool = False, application_id: int = 0) -> Path:
    folder = where / "project"
    folder.mkdir()
    connection = sqlite3.connect(folder / "project.sqlite")
    if wal:
        connection.execute("PRAGMA journal_mode = WAL")
    if application_id:
        connection.execute(f"PRAGMA application_id = {application_id}")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    connection.execute("INSERT INTO t (v) VALUES ('someone else''s data')")
    connection.commit()
    connection.close()
    for suffix in ("-wal", "-shm"):
        (folder / f"project.sqlite{suffix}").unlink(missing_ok=True)
    return folder


def _tampered_store(world: World, where: Path, how: str) -> Path:
    folder = where / "project"
    shutil.copytree(world.office_after, folder)
    stored = next(p for p in (folder / "evidence").rglob("*") if p.is_file() and len(p.name) == 64)
    outside = where / "outside.pdf"
    if how == "symlink":
        outside.write_bytes(stored.read_bytes())
        stored.unlink()
        stored.symlink_to(outside)
    else:
        os.link(stored, outside)
    return folder


# -- running a case ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    name: str
    code: int
    stdout: str
    stderr: str
    unchanged: bool
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("name", "code", "stdout", "stderr", "unchanged", "seconds")}


def run_case(item: Case, world: World, where: Path) -> Outcome:
    """Prepare the target project, build the hostile input, run the CLI once, compare the folder."""
    where.mkdir(parents=True, exist_ok=True)
    inputs = where / "inputs"
    inputs.mkdir()
    built = item.build(world, inputs)
    if item.mode in ("open", "verify"):
        target, argv = built, [item.mode if item.mode == "verify" else "evidence", str(built)]
    elif item.mode == "catalog":
        target, argv = inputs, ["catalog", "validate", str(built)]
    else:
        source = {
            "attach_office": world.office,
            "attach_unit": world.unit,
            "import": world.office,
            "import_after": world.office_after,
        }[item.mode]
        target = where / "project"
        shutil.copytree(source, target)
        if item.mode.startswith("attach"):
            number = "1" if item.mode == "attach_office" else "3"
            argv = ["attach", str(target), "--unit", A, "--indicator", number, str(built)]
        else:
            argv = ["import", str(target), str(built)]
    before = snapshot(target)
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    seconds = time.monotonic() - started
    return Outcome(item.name, code, out.getvalue(), err.getvalue(), snapshot(target) == before, seconds)


_SUMMARY = re.compile(r"^fazhi: .*(共 1 个问题|完整性检查发现 1 个问题)$")


def problems_of(item: Case, outcome: Outcome) -> list[str]:
    """What is wrong with an outcome (empty: the case was refused as it must be)."""
    found = []
    # ``catalog validate`` and ``verify`` list every problem, then a count: exactly one problem here.
    lines = [line for line in outcome.stderr.strip().splitlines() if not _SUMMARY.search(line)]
    if outcome.code != item.code:
        found.append(f"exit code {outcome.code}, expected {item.code}")
    if len(lines) != 1 or not (lines[0].startswith("fazhi: ") or item.mode == "catalog"):
        found.append(f"not one 'fazhi:' line on stderr: {outcome.stderr!r}")
    elif item.reason not in lines[0]:
        found.append(f"reason {item.reason!r} not in {lines[0]!r}")
    if "Traceback" in outcome.stderr or "内部错误" in outcome.stderr:
        found.append("internal error")
    if any(ord(c) < 32 and c != "\n" for c in outcome.stderr) or "\u202e" in outcome.stderr:
        found.append("raw control or bidi characters printed")
    if not outcome.unchanged:
        found.append("the project folder changed")
    if item.mode.startswith(("attach", "import")) and outcome.stdout.strip():
        found.append(f"stdout not empty: {outcome.stdout!r}")
    return found


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux VmHWM, because ru_maxrss survives exec: a child
    started by a large pytest worker (vfork + exec) would report the worker's peak as its own."""
    import resource

    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
