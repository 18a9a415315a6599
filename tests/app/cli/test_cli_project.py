"""The project commands of the CLI contract: init, units, attach, evidence, remove, verify, log."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.evidence.attach import evidence_path, list_evidence
from app.project.folder import open_project

ROOT = Path(__file__).resolve().parents[3]
Snapshot = Callable[[Path], dict[str, str]]
EVIDENCE_KEYS = {
    "id",
    "sha256",
    "filename",
    "kind",
    "size",
    "pages",
    "sheets",
    "unit",
    "indicators",
    "status",
}


MakeFile = Callable[..., Path]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_init(tmp_path: Path, capsys: pytest.CaptureFixture[str], national_catalog: object) -> None:
    folder = tmp_path / "陵川"
    code, out, _err = run(capsys, "init", str(folder), "--county", "陵川县", "--year", "2024")
    assert code == 0 and "已创建项目" in out
    with open_project(folder, readonly=True) as project:
        assert (project.info.county, project.info.year, project.info.catalog_id) == (
            "陵川县",
            2024,
            "national-2021",
        )
    code, _out, err = run(capsys, "init", str(folder), "--county", "陵川县", "--year", "2024")
    assert code == 2 and "已经是一个项目" in one_line(err)


def test_init_with_catalog_file_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], small_catalog: Any
) -> None:
    catalog_file = tmp_path / "tiny.json"
    catalog_file.write_text(json.dumps(small_catalog.to_dict(), ensure_ascii=False), encoding="utf-8")
    info = run_json(
        capsys,
        "init",
        str(tmp_path / "p"),
        "--county",
        "甲县",
        "--year",
        "2023",
        "--catalog",
        str(catalog_file),
    )
    assert info["catalog_id"] == "tiny" and info["county"] == "甲县" and info["role"] == "office"


@pytest.mark.parametrize(
    "args",
    [
        ["--county", "甲县"],
        ["--year", "2024"],
        ["--county", "甲县", "--year", "二〇二四"],
        ["--from-kit", "kit.zip", "--county", "甲县"],
    ],
)
def test_init_argument_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run_cli_catching(capsys, "init", str(tmp_path / "p"), *args)
    assert code == 2 and out == ""
    one_line(err)
    assert not (tmp_path / "p").exists()


def run_cli_catching(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_units(project_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    units = run_json(capsys, "units", str(project_dir))
    assert all({"name", "aliases", "indicators"} <= set(u) for u in units)
    by_name = {u["name"]: u for u in units}
    assert by_name["县发展和改革局"]["aliases"] == ["县发改局"]
    assert by_name["县司法局"]["indicators"] == [1, 3, 4, 5]
    code, out, _ = run(capsys, "units", str(project_dir))
    assert code == 0 and "县发展和改革局" in out and "县发改局" in out
    added = run_json(
        capsys, "units", str(project_dir), "--add", "城关镇", "--alias", "城关", "--member-of", "各乡镇"
    )
    assert added["indicators"] == [5]
    members = run_json(
        capsys, "units", str(project_dir), "--set-members", "县政府各工作部门", "--member", "县发改局"
    )
    assert members["members"] == ["县发展和改革局"]
    code, _out, err = run(
        capsys, "units", str(project_dir), "--set-members", "县司法局", "--member", "县发改局"
    )
    assert code == 2 and "不是集体名称" in one_line(err)


def test_attach_evidence_remove_log(
    project_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make_pdf: MakeFile,
    make_xlsx: MakeFile,
) -> None:
    pdf = make_pdf(tmp_path / "执法 案卷.pdf", pages=4)
    xlsx = make_xlsx(tmp_path / "统计.xlsx", sheets=("一", "二", "三"))
    records = run_json(
        capsys,
        "attach",
        str(project_dir),
        "--unit",
        "县司法局",
        "--indicator",
        "3",
        "--indicator",
        "1",
        str(pdf),
        str(xlsx),
        "--title",
        "案卷",
        "--period",
        "2023",
    )
    assert [r["filename"] for r in records] == ["执法 案卷.pdf", "统计.xlsx"]
    assert all(set(r) >= EVIDENCE_KEYS for r in records)
    assert (records[0]["pages"], records[0]["sheets"], records[1]["sheets"]) == (4, None, 3)
    assert records[0]["indicators"] == [1, 3] and records[0]["unit"] == "县司法局"

    listed = run_json(capsys, "evidence", str(project_dir), "--indicator", "4")  # 合并提供 with 3
    assert [r["id"] for r in listed] == [r["id"] for r in records]
    assert run_json(capsys, "evidence", str(project_dir), "--unit", "县发改局") == []
    code, out, _ = run(capsys, "evidence", str(project_dir))
    assert code == 0 and "执法 案卷.pdf" in out and "PDF，4 页" in out

    code, out, _ = run(capsys, "remove", str(project_dir), str(records[0]["id"]), "--reason", "重复提交")
    assert code == 0 and "已撤回" in out
    statuses = {r["id"]: r["status"] for r in run_json(capsys, "evidence", str(project_dir), "--all")}
    assert statuses == {records[0]["id"]: "withdrawn", records[1]["id"]: "active"}
    code, _out, err = run(capsys, "remove", str(project_dir), "999", "--reason", "x")
    assert code == 1 and "999" in one_line(err)

    log = run_json(capsys, "log", str(project_dir))
    assert all(set(e) >= {"at", "actor", "action", "target", "detail"} for e in log)
    assert [e["action"] for e in log] == [
        "project.create",
        "evidence.attach",
        "evidence.attach",
        "evidence.withdraw",
    ]
    assert log[-1]["actor"] == "测试员" and log[-1]["detail"]["reason"] == "重复提交"
    assert [e["action"] for e in run_json(capsys, "log", str(project_dir), "--last", "1")] == [
        "evidence.withdraw"
    ]
    code, out, _ = run(capsys, "log", str(project_dir))
    assert code == 0 and "evidence.withdraw" in out


def test_a_mixed_batch_attaches_the_good_files_and_names_every_refused_one(
    project_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make_pdf: MakeFile,
) -> None:
    good = make_pdf(tmp_path / "good.pdf")
    bad = tmp_path / "网页.pdf"
    bad.write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    code, out, err = run(
        capsys,
        "attach",
        str(project_dir),
        "--unit",
        "县司法局",
        "--indicator",
        "1",
        str(good),
        str(bad),
        str(empty),
    )
    assert code == 1
    assert "已添加 1 个文件" in out and "good.pdf" in out
    lines = err.strip().splitlines()
    assert any(str(bad) in line and "HTML" in line for line in lines)
    assert any(str(empty) in line for line in lines)
    assert "2 个文件被拒绝" in lines[-1]
    assert [e["filename"] for e in run_json(capsys, "evidence", str(project_dir))] == ["good.pdf"]


def test_a_mixed_batch_in_json_lists_records_and_refused_files(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_pdf: MakeFile
) -> None:
    good = make_pdf(tmp_path / "good.pdf")
    bad = tmp_path / "网页.pdf"
    bad.write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
    code, out, _err = run(
        capsys,
        "attach",
        str(project_dir),
        "--unit",
        "县司法局",
        "--indicator",
        "1",
        str(good),
        str(bad),
        "--json",
    )
    assert code == 1
    document = json.loads(out)
    assert document[0]["filename"] == "good.pdf" and document[0]["existing"] is False
    assert (
        document[1]["refused"] is True and document[1]["file"] == str(bad) and "HTML" in document[1]["reason"]
    )


def test_reattaching_says_already_there_and_applies_a_new_period(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_pdf: MakeFile
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    base = ["attach", str(project_dir), "--unit", "县司法局", "--indicator", "1", str(pdf)]
    assert run(capsys, *base)[0] == 0
    code, out, _err = run(capsys, *base, "--period", "2023")
    assert code == 0 and "已存在" in out and "2023" in out and "已添加 " not in out
    records = run_json(capsys, "evidence", str(project_dir))
    assert len(records) == 1 and records[0]["period"] == "2023"
    log = run_json(capsys, "log", str(project_dir), "--action", "evidence.update")
    assert log[-1]["detail"]["period"] == {"old": None, "new": "2023"}
    code, out, _err = run(capsys, *base, "--period", "2023")
    assert code == 0 and "已存在" in out and "未做更改" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "县外事办", "--indicator", "1"], "未知的单位"),
        (["--unit", "县司法局", "--indicator", "42"], "未知的指标"),
        (["--unit", "县司法局", "--indicator", "x"], "未知的指标：x"),
        (["--unit", "县司法局", "--indicator", "1", "--period", "2023年"], "期间格式无效"),
        (["--unit", "县委办公室", "--indicator", "1"], "不是第 1 项指标的责任单位"),
        (["--unit", "县司法局", "--indicator", "1", "--max-size", "-1"], "必须大于 0"),
    ],
)
def test_attach_usage_errors(
    project_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    make_pdf: MakeFile,
    folder_snapshot: Snapshot,
    args: list[str],
    message: str,
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    before = folder_snapshot(project_dir)
    code, out, err = run_cli_catching(capsys, "attach", str(project_dir), str(pdf), *args)
    assert code == 2 and out == ""
    assert message in one_line(err)
    assert folder_snapshot(project_dir) == before


def test_verify(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_pdf: MakeFile
) -> None:
    main(
        [
            "attach",
            str(project_dir),
            "--unit",
            "县司法局",
            "--indicator",
            "1",
            str(make_pdf(tmp_path / "a.pdf")),
        ]
    )
    capsys.readouterr()
    code, out, _ = run(capsys, "verify", str(project_dir))
    assert code == 0 and "完整性检查通过" in out
    with open_project(project_dir, readonly=True) as project:
        stored = evidence_path(project, list_evidence(project)[0].sha256)
    stored.write_bytes(stored.read_bytes() + b"x")
    (project_dir / "evidence" / "stray.bin").write_bytes(b"?")
    code, out, err = run(capsys, "verify", str(project_dir), "--json")
    report = json.loads(out)
    assert code == 3 and report["ok"] is False
    assert sorted(p["kind"] for p in report["problems"]) == ["orphan", "size"]
    assert "完整性检查发现 2 个问题" in err
    code, out, err = run(capsys, "verify", str(project_dir), "--repair")
    assert code == 3 and "已隔离" in out  # the orphan is moved; the changed file still needs a person
    assert (project_dir / "evidence" / "orphans" / "stray.bin").read_bytes() == b"?"


def test_exit_codes_in_a_subprocess(project_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "attach",
            str(project_dir),
            "--unit",
            "县司法局",
            "--indicator",
            "1",
            str(empty),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert one_line(result.stderr) == f"fazhi: {empty}: 空文件（0 字节） (empty file)"


def test_project_in_use_is_one_line(project_dir: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from app.project.folder import open_project; p = open_project(sys.argv[1]); "
            "print('ready', flush=True); sys.stdin.read()",
            str(project_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = subprocess.run(
            [sys.executable, "-m", "app", "remove", str(project_dir), "1", "--reason", "x"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            check=False,
        )
        assert result.returncode == 1
        line = one_line(result.stderr)
        assert (
            "项目正被其他程序以写入方式打开" in line and f"进程 {holder.pid}" not in line
        )  # no pid unless asked
        # Listing commands do not need the writer lock.
        listing = subprocess.run(
            [sys.executable, "-m", "app", "evidence", str(project_dir), "--json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            check=False,
        )
        assert listing.returncode == 0 and json.loads(listing.stdout) == []
    finally:
        holder.communicate("", timeout=60)
