"""Project folders: create, open, the writer lock across processes, read-only opens, migration backups."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select, text

import models
from app.base.errors import FazhiError, NotFoundError, ProjectInUseError, UsageError
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, ProjectInfo, is_project_folder, open_project
from indicator_catalog import Catalog
from models import ProjectRow, migrate

ROOT = Path(__file__).resolve().parents[3]


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


HOLD = """
import sys
from app.project.folder import open_project
project = open_project(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
project.close()
"""

TRY_OPEN = """
import sys
from app.base.errors import FazhiError
from app.project.folder import open_project
try:
    with open_project(sys.argv[1], readonly=sys.argv[2] == "ro") as project:
        print("opened", project.info.county)
except FazhiError as exc:
    print(type(exc).__name__, exc)
"""


def test_create_then_open(tmp_path: Path, small_catalog: Catalog) -> None:
    folder = tmp_path / "新项目"
    info = create_project(folder, county="测试县", year=2024, catalog=small_catalog, actor="张三")
    assert isinstance(info, ProjectInfo)
    assert (info.county, info.year, info.catalog_id, info.role, info.unit) == (
        "测试县",
        2024,
        "tiny",
        "office",
        None,
    )
    assert info.created_by == "张三"
    assert info.created_at.tzinfo is not None
    assert (folder / "project.sqlite").is_file()
    assert (folder / "evidence").is_dir() and (folder / "exports").is_dir()
    assert is_project_folder(folder)
    with open_project(folder) as project:
        assert project.info == ProjectInfo(**{**info.__dict__, "folder": folder.absolute()})
        assert project.catalog == small_catalog
        entries = list_log(project)
        assert [(e.action, e.actor) for e in entries] == [("project.create", "张三")]
        assert entries[0].detail["county"] == "测试县"


def test_catalog_copy_is_frozen_in_the_database(project_dir: Path, small_catalog: Catalog) -> None:
    with sqlite3.connect(project_dir / "project.sqlite") as connection:
        stored = json.loads(connection.execute("SELECT catalog_json FROM project").fetchone()[0])
    assert stored["id"] == "tiny"
    assert [i["number"] for i in stored["indicators"]] == [1, 2, 3, 4, 5, 6]
    with open_project(project_dir) as project:
        assert project.catalog.to_dict() == small_catalog.to_dict()


def test_sqlite_pragmas(project: object) -> None:
    from app.project.folder import Project

    assert isinstance(project, Project)
    with project.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_actor_comes_from_environment(
    tmp_path: Path, small_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_ACTOR", "李四")
    info = create_project(tmp_path / "p", county="甲县", year=2023, catalog=small_catalog)
    assert info.created_by == "李四"


def test_create_refuses_an_existing_project(project_dir: Path, small_catalog: Catalog) -> None:
    before = (project_dir / "project.sqlite").read_bytes()
    with pytest.raises(UsageError, match="已经是一个项目"):
        create_project(project_dir, county="乙县", year=2024, catalog=small_catalog)
    assert (project_dir / "project.sqlite").read_bytes() == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"county": " "}, "名称不能为空"),
        ({"year": 1800}, "年份无效"),
        ({"role": "boss"}, "角色无效"),
        ({"role": "unit"}, "必须指定单位"),
        ({"role": "unit", "unit": "县外交部"}, "未知的单位"),
    ],
)
def test_bad_create_leaves_nothing(
    tmp_path: Path, small_catalog: Catalog, kwargs: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {"county": "测试县", "year": 2024, "catalog": small_catalog, **kwargs}
    folder = tmp_path / "p"
    with pytest.raises(UsageError, match=message):
        create_project(folder, **arguments)  # type: ignore[arg-type]
    assert not folder.exists()


def test_failed_create_in_an_existing_folder_keeps_the_folder(tmp_path: Path, small_catalog: Catalog) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "readme.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError):
        create_project(folder, county="测试县", year=2024, catalog=small_catalog, role="unit", unit="不存在")
    assert sorted(p.name for p in folder.iterdir() if p.name != ".fazhi.lock") == ["readme.txt"]


def test_unit_workspace(tmp_path: Path, small_catalog: Catalog) -> None:
    info = create_project(
        tmp_path / "u",
        county="测试县",
        year=2024,
        catalog=small_catalog,
        role="unit",
        unit="县发改局",
        project_id="abc",
    )
    assert (info.role, info.unit, info.id) == ("unit", "县发展和改革局", "abc")


def test_open_errors(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="项目文件夹不存在"):
        open_project(tmp_path / "nope")
    with pytest.raises(NotFoundError, match="不是项目文件夹"):
        open_project(tmp_path)


def test_open_a_corrupt_database(tmp_path: Path) -> None:
    (tmp_path / "project.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(FazhiError, match="不是 SQLite 数据库"):
        open_project(tmp_path)


def test_second_process_is_told_the_project_is_in_use(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = _python(HOLD, str(project_dir))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(ProjectInUseError) as caught:
            open_project(project_dir)
        message = str(caught.value)
        assert str(project_dir) in message
        assert f"进程 {holder.pid}" not in message
        assert "T" not in message.rsplit("自 ", maxsplit=1)[-1]  # local time, not ISO UTC
        monkeypatch.setenv("FAZHI_DEBUG", "1")  # support asks for the process id
        with pytest.raises(ProjectInUseError) as caught:
            open_project(project_dir)
        assert f"进程 {holder.pid}" in str(caught.value)
        assert socket.gethostname() in message
        # A read-only open does not need the lock.
        with open_project(project_dir, readonly=True) as reader:
            assert reader.info.county == "测试县"
    finally:
        holder.communicate("", timeout=60)
    assert holder.returncode == 0
    with open_project(project_dir) as project:  # released
        assert project.info.county == "测试县"


def test_lock_is_released_when_the_holder_dies(project_dir: Path) -> None:
    holder = _python(HOLD, str(project_dir))
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "ready"
    holder.kill()
    holder.wait(timeout=60)
    with open_project(project_dir) as project:
        assert project.info.year == 2024


def test_same_process_may_open_twice(project_dir: Path) -> None:
    first = open_project(project_dir)
    second = open_project(project_dir)
    second.close()
    other = _python(TRY_OPEN, str(project_dir), "rw")
    out, _err = other.communicate(timeout=60)
    assert out.startswith("ProjectInUseError")  # still held by `first`
    first.close()
    other = _python(TRY_OPEN, str(project_dir), "rw")
    out, err = other.communicate(timeout=60)
    assert out.strip() == "opened 测试县", err


def test_read_only_project_refuses_changes(project_dir: Path) -> None:
    with open_project(project_dir, readonly=True) as project:
        assert project.readonly
        with pytest.raises(UsageError, match="只读"):
            project.update_settings({"x": 1})
        with pytest.raises(Exception, match="readonly"), project.session() as session:
            session.execute(text("UPDATE project SET county = 'x'"))


def test_settings_are_saved_and_audited(project_dir: Path) -> None:
    with open_project(project_dir) as project:
        project.update_settings({"max_file_bytes": 1234}, actor="王五")
    with open_project(project_dir, readonly=True) as project:
        assert project.settings["max_file_bytes"] == 1234
        assert list_log(project, action="project.settings")[0].actor == "王五"


def test_session_rolls_back_on_error(project: object) -> None:
    from app.project.folder import Project

    assert isinstance(project, Project)
    with pytest.raises(RuntimeError), project.session() as session:
        session.scalars(select(ProjectRow)).one().county = "改名县"
        raise RuntimeError("boom")
    with project.session() as session:
        assert session.scalars(select(ProjectRow)).one().county == "测试县"


def _with_extra_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "0003_note.py").write_text(
        textwrap.dedent(
            """
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "0008_task_progress_detail"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.add_column("project", sa.Column("note", sa.Text(), nullable=True))


            def downgrade() -> None:
                with op.batch_alter_table("project") as batch:
                    batch.drop_column("note")
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9999")
    return migrations


def test_pending_migration_backs_up_then_upgrades(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_project(project_dir):
        pass
    assert not (project_dir / "backups").exists()  # nothing pending: no backup
    _with_extra_migration(tmp_path, monkeypatch)
    with pytest.raises(FazhiError, match="需要升级"):
        open_project(project_dir, readonly=True)
    with open_project(project_dir) as project:
        assert migrate.current_revision(project.engine) == "9999"
    backups = list((project_dir / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("project-0008_task_progress_detail-")
    connection = sqlite3.connect(backups[0])
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == "0008_task_progress_detail"
        )
        assert connection.execute("SELECT county FROM project").fetchone()[0] == "测试县"
    finally:
        connection.close()
    with open_project(project_dir):
        pass
    assert len(list((project_dir / "backups").iterdir())) == 1


def test_database_from_a_newer_program_is_refused(project_dir: Path) -> None:
    with sqlite3.connect(project_dir / "project.sqlite") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(FazhiError, match="更新版本"):
        open_project(project_dir)


def test_models_package_imports_only_leaf_app_modules() -> None:
    allowed = {"app.base.errors", "app.base.progress"}
    for path in Path(models.__file__).parent.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("from app", "import app")):
                module = stripped.split()[1]
                assert module in allowed, f"{path}: {stripped}"


def test_lock_file_names_the_holder(project: Project) -> None:
    data = json.loads((project.folder / ".fazhi.lock").read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid()
    assert data["host"] == socket.gethostname()


def test_second_open_in_the_same_process_leaves_in_flight_files_alone(project_dir: Path) -> None:
    with open_project(project_dir) as first:
        in_flight = first.store.incoming / ("d" * 64)
        in_flight.write_bytes(b"staged by an attach still running in another thread")
        with open_project(project_dir):
            assert in_flight.exists()
    with open_project(project_dir) as again:  # the first holder again: debris is cleaned
        assert not any(again.store.incoming.iterdir())
