"""The project on PostgreSQL: a throw-away cluster (initdb + pg_ctl in a temporary folder).

Skipped, with the reason, when the PostgreSQL server binaries (Debian's ``postgresql`` package) or the
``psycopg`` driver are missing. As root the cluster runs as the ``postgres`` (or ``nobody``) user,
since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

import models
from app.base.errors import UsageError
from app.cli.main import main
from app.evidence.attach import attach, evidence_path, list_evidence, withdraw
from app.integrity.verify import verify
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.units.registry import add_unit, list_units
from indicator_catalog import Catalog
from models import migrate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="throw-away cluster set-up is POSIX-only")
MakeFile = Callable[..., Path]


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    def __init__(self, port: int, admin_url: str) -> None:
        self.port = port
        self.admin_url = admin_url

    def new_database(self) -> str:
        import psycopg

        name = f"fazhi_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        return f"postgresql+psycopg://fazhi@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg (PostgreSQL driver) not installed: pip install 'psycopg[binary]'")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries not found: apt-get install -y postgresql")
    prefix: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="fazhi-pg-"))
    if os.geteuid() == 0:
        runuser = shutil.which("runuser") or shutil.which("su")
        user = next((u for u in ("postgres", "nobody") if _has_user(u)), None)
        if not runuser or not user or not runuser.endswith("runuser"):
            shutil.rmtree(base, ignore_errors=True)
            pytest.skip("running as root and no runuser/postgres user to run PostgreSQL as")
        import pwd

        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
        prefix = [runuser, "-u", user, "--"]
    data, log = base / "data", base / "server.log"
    port = _free_port()
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-U", "fazhi", "--auth=trust", "-E", "UTF8", "--no-locale"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "120", "start"],
            capture_output=True,
            timeout=180,
            check=False,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start a throw-away PostgreSQL cluster: {exc}")
    if started.returncode != 0:
        server_log = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"pg_ctl start failed: {started.stderr.decode(errors='replace')} {server_log[-500:]}")
    try:
        yield Cluster(port, f"postgresql://fazhi@127.0.0.1:{port}/postgres")
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=120,
            check=False,
        )
        shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def test_migration_matches_the_models_on_postgresql(cluster: Cluster) -> None:
    engine = create_engine(cluster.new_database())
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), models.Base.metadata) == []
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, target, detail) "
                "VALUES (now(), 'a', 'x', 't', '{}')"
            )
        )
    for statement in ("UPDATE audit_log SET actor = 'b'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    engine.dispose()


def test_project_on_postgresql(
    cluster: Cluster, tmp_path: Path, small_catalog: Catalog, make_pdf: MakeFile, make_xlsx: MakeFile
) -> None:
    url = cluster.new_database()
    folder = tmp_path / "共享项目"
    info = create_project(folder, county="测试县", year=2024, catalog=small_catalog, database_url=url)
    assert (folder / "database.url").read_text(encoding="utf-8").strip() == url
    assert not (folder / "project.sqlite").exists()
    with open_project(folder) as project:
        assert project.info.id == info.id and project.catalog == small_catalog
        assert project.info.created_at.tzinfo is not None
        add_unit(project, "城关镇", member_of=["各乡镇"])
        assert {u.name for u in list_units(project)} >= {"县司法局", "城关镇"}
        records = attach(
            project,
            unit="县司法局",
            indicators=[3],
            files=[make_pdf(tmp_path / "案卷.pdf", pages=2), make_xlsx(tmp_path / "表.xlsx")],
            period="2024-01",
        ).attached
        assert [(r.kind, r.pages, r.sheets) for r in records] == [("pdf", 2, None), ("xlsx", None, 1)]
        assert evidence_path(project, records[0].sha256).is_file()
        assert [r.id for r in list_evidence(project, indicator=4)] == [r.id for r in records]
        withdraw(project, records[0].id, reason="重复")
        assert [r.id for r in list_evidence(project)] == [records[1].id]
        assert [e.action for e in list_log(project)] == [
            "project.create",
            "unit.add",
            "evidence.attach",
            "evidence.attach",
            "evidence.withdraw",
        ]
        assert verify(project).ok
    with open_project(folder, readonly=True) as project:
        assert len(list_evidence(project, include_withdrawn=True)) == 2
        with pytest.raises(DBAPIError), project.session() as session:
            session.execute(text("UPDATE project SET county = 'x'"))


def test_cli_on_postgresql(
    cluster: Cluster,
    tmp_path: Path,
    make_pdf: MakeFile,
    capsys: pytest.CaptureFixture[str],
    small_catalog: Catalog,
) -> None:
    catalog_file = tmp_path / "tiny.json"
    catalog_file.write_text(json.dumps(small_catalog.to_dict(), ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "p"
    url = cluster.new_database()
    assert main(["init", str(folder), "--county", "甲县", "--year", "2024", "--catalog", str(catalog_file),
                 "--database-url", url]) == 0  # fmt: skip
    assert (
        main(
            [
                "attach",
                str(folder),
                "--unit",
                "县发改局",
                "--indicator",
                "2",
                str(make_pdf(tmp_path / "a.pdf")),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["evidence", str(folder), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["unit"], r["indicators"]) for r in listed] == [("县发展和改革局", [2])]
    assert main(["verify", str(folder)]) == 0


def test_a_non_empty_database_is_refused(cluster: Cluster, tmp_path: Path, small_catalog: Catalog) -> None:
    url = cluster.new_database()
    create_project(tmp_path / "a", county="甲县", year=2024, catalog=small_catalog, database_url=url)
    with pytest.raises(UsageError, match="数据库不是空的"):
        create_project(tmp_path / "b", county="乙县", year=2024, catalog=small_catalog, database_url=url)
    assert not (tmp_path / "b").exists()
