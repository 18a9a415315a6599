"""Hostile and broken packages: each is refused with one line naming the package and the reason, and the
office project is left exactly as it was (database bytes and evidence store compared before and after)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import stat
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.evidence.attach import attach
from app.exchange.importing import import_package
from app.exchange.kits import init_from_kit, issue_kit, read_kit
from app.exchange.package import MANIFEST_NAME, SIGNATURE_NAME, PackageError, manifest_bytes, sign
from app.exchange.receive import ImportResult
from app.exchange.submit import submit
from app.project.create import create_project
from app.project.folder import open_project
from indicator_catalog import catalog_from_document

Snapshot = Callable[[Path], dict[str, str]]
A = "县司法局"
B = "县发展和改革局"


@dataclass(frozen=True)
class World:
    root: Path
    office: Path  # template office project (copied per test)
    good: Path  # a valid submission of 县司法局
    kit_a: Path
    key_a: str
    kit_b_id: str
    other_project: Path  # a valid submission of 县司法局 for another office project

    def members(self, package: Path | None = None) -> dict[str, bytes]:
        with zipfile.ZipFile(package or self.good) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def manifest(self) -> dict[str, Any]:
        return json.loads(self.members()[MANIFEST_NAME])  # type: ignore[no-any-return]

    def file_members(self) -> list[str]:
        return sorted(n for n in self.members() if n.startswith("files/"))


def _make_pdf(path: Path, text: str) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return path


def _make_xlsx(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["单位", "数量"])
    workbook.save(path)
    return path


def _office_with_kits(
    folder: Path, catalog_document: dict[str, Any], root: Path, tag: str
) -> tuple[Path, Path]:
    create_project(
        folder, county="测试县", year=2024, catalog=catalog_from_document(catalog_document, "tiny")
    )
    with open_project(folder) as project:
        issue_kit(project, unit=A, out=root / f"{tag}-kit-a.zip")
        issue_kit(project, unit=B, out=root / f"{tag}-kit-b.zip")
    return root / f"{tag}-kit-a.zip", root / f"{tag}-kit-b.zip"


def _unit_package(kit: Path, workspace: Path, out: Path, root: Path) -> Path:
    init_from_kit(workspace, kit)
    with open_project(workspace) as project:
        attach(
            project, unit=A, indicators=[3], files=[_make_pdf(root / f"{workspace.name}-案卷.pdf", "cases")]
        )
        attach(project, unit=A, indicators=[1], files=[_make_xlsx(root / f"{workspace.name}-清单.xlsx")])
        submit(project, out=out)
    return out


_BUILT: dict[str, World] = {}


@pytest.fixture
def template(tmp_path_factory: pytest.TempPathFactory, small_catalog_document: dict[str, Any]) -> World:
    """Built once per test session (it takes a few seconds), then copied by each test that changes it."""
    if "world" not in _BUILT:
        root = tmp_path_factory.mktemp("hostile")
        kit_a, kit_b = _office_with_kits(root / "office", small_catalog_document, root, "office")
        good = _unit_package(kit_a, root / "unit-a", root / "good.zip", root)
        other_kit, _ = _office_with_kits(root / "other-office", small_catalog_document, root, "other")
        other = _unit_package(other_kit, root / "other-unit", root / "other-project.zip", root)
        _BUILT["world"] = World(
            root=root,
            office=root / "office",
            good=good,
            kit_a=kit_a,
            key_a=read_kit(kit_a).manifest["key"],
            kit_b_id=read_kit(kit_b).kit_id,
            other_project=other,
        )
    return _BUILT["world"]


@pytest.fixture
def office(template: World, tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    shutil.copytree(template.office, folder)
    return folder


def _write_zip(path: Path, members: Sequence[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of some cases
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return path


def _with_manifest(
    world: World, manifest: dict[str, Any], *, key: str | None, signature: bytes | None = None
) -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    raw = manifest_bytes(manifest)
    members = world.members()
    members[MANIFEST_NAME] = raw
    members[SIGNATURE_NAME] = (
        signature if signature is not None else (sign(raw, key or world.key_a) + "\n").encode()
    )
    return list(members.items())


# -- the cases: each returns the hostile package and a word the refusal must contain -------------------

Case = Callable[[World, Path], tuple[Path, str]]


def tampered_file(world: World, out: Path) -> tuple[Path, str]:
    members = world.members()
    name = next(n for n in world.file_members() if n.endswith(".pdf"))
    members[name] = members[name].replace(b"ReportLab", b"ReportLaB", 1)  # same size, other bytes
    assert members[name] != world.members()[name]
    return _write_zip(out, list(members.items())), "SHA-256 与清单不符"


def edited_manifest(world: World, out: Path) -> tuple[Path, str]:
    members = world.members()
    members[MANIFEST_NAME] = members[MANIFEST_NAME].replace("案卷".encode(), "伪造".encode())
    assert members[MANIFEST_NAME] != world.members()[MANIFEST_NAME]
    return _write_zip(out, list(members.items())), "签名不符"


def forged_unit_keeping_signature(world: World, out: Path) -> tuple[Path, str]:
    members = world.members()
    members[MANIFEST_NAME] = members[MANIFEST_NAME].replace(A.encode(), B.encode())
    return _write_zip(out, list(members.items())), "签名不符"


def forged_unit_resigned(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["unit"] = B
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), "单位不符"


def signed_with_another_units_key(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["unit"] = B
    manifest["kit_id"] = world.kit_b_id  # claims 县发改局's kit, but only has 县司法局's key
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), f"用 {A} 的任务包密钥签名"


def unknown_kit(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["kit_id"] = "0" * 32
    return _write_zip(out, _with_manifest(world, manifest, key="1" * 64)), "签名无法验证"


def another_projects_package(world: World, out: Path) -> tuple[Path, str]:
    shutil.copy(world.other_project, out)
    return out, "本项目是 "  # county and year, not project UUIDs


def _plus(world: World, out: Path, name: str | zipfile.ZipInfo, data: bytes = b"%PDF-1.4 x") -> Path:
    return _write_zip(out, [*world.members().items(), (name, data)])


def path_escape(world: World, out: Path) -> tuple[Path, str]:
    return _plus(world, out, "files/../../evil.pdf"), "路径跳转"


def absolute_path(world: World, out: Path) -> tuple[Path, str]:
    return _plus(world, out, "/tmp/evil.pdf"), "绝对路径"


def backslash_path(world: World, out: Path) -> tuple[Path, str]:
    return _plus(world, out, "files\\..\\evil.pdf"), "反斜杠"


def drive_letter(world: World, out: Path) -> tuple[Path, str]:
    return _plus(world, out, "C:/Windows/evil.pdf"), "盘符"


def symlink_member(world: World, out: Path) -> tuple[Path, str]:
    info = zipfile.ZipInfo("files/link.pdf")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return _plus(world, out, info, b"/etc/passwd"), "符号链接"


def zip_bomb(world: World, out: Path) -> tuple[Path, str]:
    return _plus(world, out, "files/bomb.pdf", b"\0" * (16 << 20)), "压缩炸弹"


def duplicate_names(world: World, out: Path) -> tuple[Path, str]:
    name = world.file_members()[0]
    return _plus(world, out, name, world.members()[name]), "重复"


def case_only_duplicate(world: World, out: Path) -> tuple[Path, str]:
    name = world.file_members()[0]
    return _plus(world, out, name.upper(), b"x"), "大小写"


def normalisation_duplicate(world: World, out: Path) -> tuple[Path, str]:
    members = [
        *world.members().items(),
        ("files/caf\u00e9.pdf", b"1"),
        (unicodedata.normalize("NFD", "files/caf\u00e9.pdf"), b"2"),
    ]
    return _write_zip(out, members), "Unicode"


def missing_file(world: World, out: Path) -> tuple[Path, str]:
    members = world.members()
    del members[world.file_members()[0]]
    return _write_zip(out, list(members.items())), "缺少成员"


def extra_file(world: World, out: Path) -> tuple[Path, str]:
    return _plus(world, out, "files/extra.pdf"), "多余的成员"


def out_of_scope_indicator(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["files"][0]["indicators"] = [2]  # 营商环境 is 县发改局's
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), f"不在 {A} 的任务范围内"


def wrong_catalog(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["catalog_id"] = "national-2021"
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), "指标体系不符"


def scores_smuggled_in(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["scores"] = {"3": 10}
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), "scores"


def veto_smuggled_into_an_entry(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["files"][0]["level"] = "达标"
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), "level"


def unsafe_original_name(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["files"][0]["filename"] = "../../etc/cron.d/x.pdf"
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), "文件名不安全"


def impossible_period(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["files"][0]["period"] = "1066-13"
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), "期间格式无效"


def truncated_zip(world: World, out: Path) -> tuple[Path, str]:
    data = world.good.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out, "ZIP"


def not_really_a_pdf(world: World, out: Path) -> tuple[Path, str]:
    fake = b"MZ\x90\x00 this is a program, not a PDF"
    sha = hashlib.sha256(fake).hexdigest()
    manifest = world.manifest()
    entry = next(e for e in manifest["files"] if e["kind"] == "pdf")
    old_member = entry["member"]
    entry.update(member=f"files/{sha}.pdf", sha256=sha, size=len(fake))
    members = dict(_with_manifest(world, manifest, key=world.key_a))
    del members[old_member]
    members[f"files/{sha}.pdf"] = fake
    return _write_zip(out, list(members.items())), "未通过检查"


def size_lie(world: World, out: Path) -> tuple[Path, str]:
    manifest = world.manifest()
    manifest["files"][0]["size"] += 1
    return _write_zip(out, _with_manifest(world, manifest, key=world.key_a)), "大小与清单不符"


def kit_sent_to_the_office(world: World, out: Path) -> tuple[Path, str]:
    shutil.copy(world.kit_a, out)
    return out, "任务包"


def garbage_signature(world: World, out: Path) -> tuple[Path, str]:
    return _write_zip(
        out, _with_manifest(world, world.manifest(), key=None, signature=b"not-a-signature")
    ), "签名"


CASES: list[Case] = [
    tampered_file,
    edited_manifest,
    forged_unit_keeping_signature,
    forged_unit_resigned,
    signed_with_another_units_key,
    unknown_kit,
    another_projects_package,
    path_escape,
    absolute_path,
    backslash_path,
    drive_letter,
    symlink_member,
    zip_bomb,
    duplicate_names,
    case_only_duplicate,
    normalisation_duplicate,
    missing_file,
    extra_file,
    out_of_scope_indicator,
    wrong_catalog,
    scores_smuggled_in,
    veto_smuggled_into_an_entry,
    unsafe_original_name,
    impossible_period,
    truncated_zip,
    not_really_a_pdf,
    size_lie,
    kit_sent_to_the_office,
    garbage_signature,
]


def _store_listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in (folder / "evidence").rglob("*"))


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_hostile_package_is_refused_and_changes_nothing(
    case: Case, template: World, office: Path, tmp_path: Path, folder_snapshot: Snapshot
) -> None:
    package, reason = case(template, tmp_path / f"{case.__name__}.zip")
    before = folder_snapshot(office)
    listing = _store_listing(office)
    with open_project(office) as project, pytest.raises(PackageError) as refused:
        import_package(project, package)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{package}: ")
    assert reason in message
    assert folder_snapshot(office) == before
    assert _store_listing(office) == listing


def test_the_good_package_is_accepted(template: World, office: Path) -> None:
    """The control for the cases above: the unmodified package imports."""
    with open_project(office) as project:
        result = import_package(project, template.good)
    assert isinstance(result, ImportResult) and len(result.added) == 2


def test_a_package_imported_twice_changes_nothing(
    template: World, office: Path, folder_snapshot: Snapshot
) -> None:
    with open_project(office) as project:
        import_package(project, template.good)
    before = folder_snapshot(office)
    copy = office.parent / "same-again.zip"
    shutil.copy(template.good, copy)
    with open_project(office) as project, pytest.raises(PackageError, match="已导入过") as refused:
        import_package(project, copy)
    assert str(refused.value).startswith(f"{copy}: ")
    assert folder_snapshot(office) == before


def test_cli_refusal_is_one_line_without_traceback(
    template: World, office: Path, tmp_path: Path, folder_snapshot: Snapshot
) -> None:
    package, _reason = path_escape(template, tmp_path / "escape.zip")
    before = folder_snapshot(office)
    done = subprocess.run(
        [sys.executable, "-m", "app", "import", str(office), str(package), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"fazhi: {package}: ") and "路径跳转" in lines[0]
    assert folder_snapshot(office) == before


def test_reading_never_trusts_the_declared_size(template: World, office: Path, tmp_path: Path) -> None:
    """A member whose central-directory size is understated is refused, not silently cut short."""
    data = bytearray(template.good.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".pdf"))
        size = archive.getinfo(name).file_size
    encoded = name.encode()
    offset = 0
    while True:
        at = data.find(b"PK\x01\x02", offset)
        assert at >= 0
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if bytes(data[at + 46 : at + 46 + name_length]) == encoded:
            break
        offset = at + 4
    data[at + 24 : at + 28] = (size // 2).to_bytes(4, "little")
    package = tmp_path / "short.zip"
    package.write_bytes(bytes(data))
    with open_project(office) as project, pytest.raises(PackageError) as refused:
        import_package(project, package)
    assert str(refused.value).startswith(f"{package}: ")
