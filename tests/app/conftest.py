"""Shared fixtures for tests of the core (``app``): real evidence files and small projects.

Fixtures (use them freely in any ``tests/app`` test):

- ``make_pdf(path, pages=1, text="…")`` → ``Path``: a real PDF made with reportlab (Chinese text via the
  built-in STSong-Light CID font; each page shows ``text`` and its page number).
- ``make_xlsx(path, rows=[[…], …], sheets=("Sheet1",))`` → ``Path``: a real workbook made with openpyxl;
  every sheet gets ``rows``.
- ``small_catalog`` → ``Catalog`` (id ``tiny``): 2 areas, 3 groups, 6 indicators, unit vocabulary with
  aliases (县发改局 = 县发展和改革局) and collectives (各乡镇, 县政府各工作部门), a 合并提供 group {3, 4},
  bonus B1/B2 and veto V1/V2. The ``small_catalog_document`` fixture gives the plain document to vary.
- ``national_catalog`` → the built-in ``national-2021`` catalog (skips if it does not load).
- ``project_dir`` → ``Path`` of a created (closed) office project on ``small_catalog``
  (county 测试县, year 2024, created by 测试员; a copy of one template per test process, so every
  test's project has the same id). Use it when the code under test opens the project itself (the CLI).
- ``project`` → an open writable ``Project`` on ``project_dir``, closed after the test. Opening the same
  folder again inside the same process is allowed (the writer lock is per process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from app.project.create import create_project
from app.project.folder import Project, open_project
from indicator_catalog import Catalog, catalog_from_document, load_builtin

MakePdf = Callable[..., Path]
MakeXlsx = Callable[..., Path]


def write_pdf(path: Path, pages: int = 1, text: str = "印证资料") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont("STSong-Light", 14)
        pdf.drawString(72, 760, text)
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 730, f"page {number} of {pages} - {text.encode('unicode_escape').decode()}")
        pdf.showPage()
    pdf.save()
    return path


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]] = (("单位", "数量"), ("县司法局", 3)),
    sheets: Sequence[str] = ("Sheet1",),
) -> Path:
    import openpyxl

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = sheets[0]
    for name in sheets[1:]:
        workbook.create_sheet(name)
    for sheet in workbook.worksheets:
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def _small_catalog_document() -> dict[str, Any]:
    return {
        "id": "tiny",
        "title": "测试指标体系",
        "units": [
            {"name": "县司法局"},
            {"name": "县发展和改革局", "aliases": ["县发改局"]},
            {"name": "县市场监督管理局", "aliases": ["县市场监管局"]},
            {"name": "县委办公室"},
            {"name": "各乡镇", "collective": True},
            {"name": "县政府各工作部门", "aliases": ["政府各工作部门"], "collective": True},
        ],
        "areas": [
            {
                "code": "一",
                "name": "政府职能",
                "groups": [{"code": "一.1", "name": "放权"}, {"code": "一.2", "name": "监管"}],
            },
            {"code": "二", "name": "制度建设", "groups": [{"code": "二.1", "name": "规范性文件"}]},
        ],
        "indicators": [
            {"number": 1, "group": "一.1", "text": "权责清单", "units": ["县司法局", "县发展和改革局"]},
            {"number": 2, "group": "一.1", "text": "营商环境", "units": ["县发展和改革局"]},
            {
                "number": 3,
                "group": "一.2",
                "text": "执法监督",
                "units": ["县司法局"],
                "shared_with": [4],
                "requirements": [{"key": "3.1", "text": "执法案卷任意10件", "min_count": 10}],
            },
            {
                "number": 4,
                "group": "一.2",
                "text": "执法公示",
                "units": ["县政府各工作部门"],
                "shared_with": [3],
            },
            {"number": 5, "group": "二.1", "text": "合法性审核", "units": ["各乡镇", "县司法局"]},
            {"number": 6, "group": "二.1", "text": "党政主要负责人述法", "units": ["县委办公室"]},
        ],
        "bonus": [
            {"id": "B1", "text": "获得表彰", "max_points": 10},
            {"id": "B2", "text": "经验推广", "max_points": 10},
        ],
        "veto": [{"id": "V1", "text": "重大违法"}, {"id": "V2", "text": "弄虚作假"}],
    }


@pytest.fixture
def make_pdf() -> MakePdf:
    return write_pdf


@pytest.fixture
def make_xlsx() -> MakeXlsx:
    return write_xlsx


@pytest.fixture
def small_catalog_document() -> dict[str, Any]:
    """A fresh copy of the ``small_catalog`` document, to vary in a test."""
    return _small_catalog_document()


@pytest.fixture
def small_catalog() -> Catalog:
    return catalog_from_document(_small_catalog_document(), "tiny")


@pytest.fixture
def national_catalog() -> Catalog:
    try:
        return load_builtin("national-2021")
    except Exception as exc:  # the data file may be mid-edit by its owner
        pytest.skip(f"national-2021 does not load: {exc}")


@pytest.fixture(scope="session")
def _project_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One created project per test process; ``project_dir`` copies it (creating runs migrations)."""
    import sqlite3

    folder = tmp_path_factory.mktemp("template") / "测试项目"
    catalog = catalog_from_document(_small_catalog_document(), "tiny")
    create_project(folder, county="测试县", year=2024, catalog=catalog, actor="测试员")
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return folder


@pytest.fixture
def project_dir(tmp_path: Path, _project_template: Path) -> Path:
    import shutil

    folder = tmp_path / "测试项目"
    shutil.copytree(_project_template, folder, ignore=shutil.ignore_patterns(".fazhi.lock", "*-wal", "*-shm"))
    return folder


@pytest.fixture
def project(project_dir: Path) -> Iterator[Project]:
    with open_project(project_dir) as opened:
        yield opened


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under a project folder (except the lock file) → SHA-256 of its bytes.

    After a checkpoint, so the database file itself holds every committed change: comparing two
    snapshots proves that an operation changed nothing, byte for byte.
    """
    import hashlib
    import sqlite3

    database = folder / "project.sqlite"
    if database.is_file():
        connection = sqlite3.connect(database)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".fazhi.lock" and not path.name.endswith(("-wal", "-shm"))
    }


@pytest.fixture
def folder_snapshot() -> Callable[[Path], dict[str, str]]:
    """``folder_snapshot(DIR)``: file → hash for every file of a project folder (see ``snapshot``)."""
    return snapshot
