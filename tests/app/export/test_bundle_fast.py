"""``app.export.bundle_fast``: the bundle of ``fazhi export bundle`` read with sqlite3 is the bundle the
opened project writes (pages, text, bookmarks, stamps, names, PDF/A claim, audit entry), and a project
it cannot read as the ORM would is left untouched for the normal path."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest

from app.cli.main import main
from app.export.bundle_fast import export_bundle_fast
from app.export.service import export_bundle
from app.project.audit_log import list_log
from app.project.folder import open_project

MakePdf = Callable[..., Path]
MakeXlsx = Callable[..., Path]
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def folder(project_dir: Path, make_pdf: MakePdf, make_xlsx: MakeXlsx, tmp_path: Path) -> Path:
    files = tmp_path / "files"
    attach: list[tuple[str, str, Path]] = [
        ("县司法局", "1", make_pdf(files / "权责清单.pdf", pages=2, text="权责清单")),
        ("县发展和改革局", "1", make_pdf(files / "发改权责.pdf", pages=1, text="发改")),
        ("县司法局", "3", make_pdf(files / "执法案卷.pdf", pages=3, text="执法案卷")),
        ("县司法局", "5", make_xlsx(files / "审核台账.xlsx")),
        ("县委办公室", "6", make_pdf(files / "述法报告.pdf", pages=1, text="述法")),
        ("县司法局", "1", make_pdf(files / "撤回的.pdf", pages=1, text="撤回")),
    ]
    for unit, number, path in attach:
        assert main(["attach", str(project_dir), "--unit", unit, "--indicator", number, str(path)]) == 0
    # One file under two indicators (the later section points to it), one withdrawn, a body set.
    shared = make_pdf(files / "两项共用.pdf", pages=1, text="共用")
    assert (
        main(
            [
                "attach",
                str(project_dir),
                "--unit",
                "县司法局",
                "--indicator",
                "1",
                "--indicator",
                "5",
                str(shared),
            ]
        )
        == 0
    )
    assert main(["remove", str(project_dir), "6", "--reason", "重复"]) == 0
    with open_project(project_dir) as project:
        project.update_settings({"issuing_body": "测试县依法治县办"})
    return project_dir


def _outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int | None]]:
    found: list[tuple[int, str, int | None]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def _content(path: Path) -> dict[str, Any]:
    reader = pypdf.PdfReader(path)
    metadata: dict[str, Any] = dict(reader.metadata or {})
    root: Any = reader.trailer["/Root"].get_object()
    xmp = root.get("/Metadata")
    return {
        "pages": [page.extract_text() for page in reader.pages],
        "boxes": [tuple(float(v) for v in page.mediabox) for page in reader.pages],
        "outline": _outline(reader),
        "title": metadata.get("/Title"),
        "author": metadata.get("/Author"),
        "pdfa": xmp is not None and b"pdfaid" in xmp.get_object().get_data(),
    }


def _bundle_entries(folder: Path) -> list[tuple[str, str, str, dict[str, Any]]]:
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        rows = connection.execute(
            "SELECT at, actor, target, detail FROM audit_log WHERE action = 'export.bundle' ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    return [(str(at), str(actor), str(target), json.loads(detail)) for at, actor, target, detail in rows]


def test_the_fast_path_writes_the_bundle_the_opened_project_writes(folder: Path, tmp_path: Path) -> None:
    normal_out, fast_out = tmp_path / "normal.pdf", tmp_path / "fast.pdf"
    with open_project(folder) as project:
        assert export_bundle(project, normal_out) == [normal_out]
    assert export_bundle_fast(folder, fast_out) == [fast_out]

    normal, fast = _content(normal_out), _content(fast_out)
    assert fast == normal
    text = "\n".join(fast["pages"])
    assert "权责清单" in text and "撤回" not in text
    assert fast["author"] == "测试县依法治县办"
    titles = [title for _, title, _ in fast["outline"]]
    assert any("无资料" in t for t in titles)  # indicator 2 has nothing
    assert any("（见" in t for t in titles)  # the shared file, pointed to from the later section
    assert any("第1项 · 第" in page for page in fast["pages"])  # the stamps

    (first, second) = _bundle_entries(folder)
    assert first[1:3] == second[1:3]
    assert first[3]["outputs"] == [str(normal_out.resolve())]
    assert second[3]["outputs"] == [str(fast_out.resolve())]
    assert {k: v for k, v in first[3].items() if k != "outputs"} == {
        k: v for k, v in second[3].items() if k != "outputs"
    }
    assert len(first[0]) == len(second[0]) == len("2024-01-01 00:00:00.000000")
    # The entry reads back through the ORM like any other.
    with open_project(folder) as project:
        entries = [e for e in list_log(project) if e.action == "export.bundle"]
    assert entries[-1].detail["outputs"] == [str(fast_out.resolve())]


def test_after_a_freeze_the_entry_names_it_on_both_paths(folder: Path, tmp_path: Path) -> None:
    assert main(["freeze", str(folder), "--label", "正式申报", "--force"]) == 0
    with open_project(folder) as project:
        export_bundle(project, tmp_path / "normal.pdf")
    export_bundle_fast(folder, tmp_path / "fast.pdf")
    (first, second) = _bundle_entries(folder)
    assert first[3]["after_freeze"] == second[3]["after_freeze"]
    assert second[3]["after_freeze"]["label"] == "正式申报"


def test_volumes_and_no_stamp_match_too(folder: Path, tmp_path: Path) -> None:
    with open_project(folder) as project:
        normal = export_bundle(project, tmp_path / "n.pdf", max_volume_bytes=4000, stamp_pages=False)
    fast = export_bundle_fast(folder, tmp_path / "f.pdf", max_volume_bytes=4000, stamp_pages=False)
    assert fast is not None and len(fast) == len(normal) > 1
    for n, f in zip(normal, fast, strict=True):
        assert _content(f) == _content(n)


def _declines(folder: Path, out: Path, snapshot: Callable[[Path], dict[str, str]]) -> None:
    before = snapshot(folder)
    assert export_bundle_fast(folder, out) is None
    assert not out.exists()
    assert snapshot(folder) == before


def test_an_older_schema_is_left_to_the_normal_open(
    folder: Path, tmp_path: Path, folder_snapshot: Callable[[Path], dict[str, str]]
) -> None:
    connection = sqlite3.connect(folder / "project.sqlite")
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '0006_older'")
    connection.close()
    _declines(folder, tmp_path / "x.pdf", folder_snapshot)


def test_an_interrupted_attach_is_left_to_the_normal_open(
    folder: Path, tmp_path: Path, folder_snapshot: Callable[[Path], dict[str, str]]
) -> None:
    incoming = folder / "evidence" / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    (incoming / ("0" * 64)).write_bytes(b"%PDF-1.4 half")
    _declines(folder, tmp_path / "x.pdf", folder_snapshot)


def test_a_foreign_or_external_database_is_left_to_the_normal_open(
    folder: Path, tmp_path: Path, folder_snapshot: Callable[[Path], dict[str, str]]
) -> None:
    (folder / "database.url").write_text("postgresql://nowhere/none", encoding="utf-8")
    _declines(folder, tmp_path / "x.pdf", folder_snapshot)
    (folder / "database.url").unlink()
    assert export_bundle_fast(tmp_path / "nothing-here", tmp_path / "x.pdf") is None


def test_the_command_loads_no_sqlalchemy_and_logs_the_export(folder: Path, tmp_path: Path) -> None:
    """Nor reportlab once an export has kept the bundle's own pages (``exports.bundle_cache``)."""
    out = tmp_path / "汇编.pdf"
    code = (
        "import sys; from app.cli.main import main;"
        f"code = main(['export', 'bundle', {str(folder)!r}, '--out', {str(out)!r}]);"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'models', 'alembic',"
        " 'reportlab', 'openpyxl'}))"
    )
    loaded = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        loaded.append(done.stdout.strip().splitlines()[-1])
    assert loaded == ["0 ['openpyxl', 'reportlab']", "0 []"]
    assert out.is_file() and _bundle_entries(folder)[-1][3]["outputs"] == [str(out.resolve())]
    assert len(_bundle_entries(folder)) == 2


def test_the_command_still_refuses_a_locked_project(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = (
        "import sys; from pathlib import Path; from app.project.locking import ProjectLock;"
        f"ProjectLock(Path({str(folder)!r})).acquire(); print('held', flush=True); sys.stdin.readline()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        out = tmp_path / "x.pdf"
        assert main(["export", "bundle", str(folder), "--out", str(out)]) != 0
        assert "正被其他程序" in capsys.readouterr().err and not out.exists()
    finally:
        holder.kill()
        holder.wait()
