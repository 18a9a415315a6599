"""``verify`` also checks every freeze snapshot (manifest, database copy, frozen files)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli.main import main
from app.evidence.attach import attach
from app.integrity.freeze import freeze
from app.integrity.verify import verify
from app.project.folder import open_project

MakeFile = Callable[..., Path]


def _two_freezes(project_dir: Path, tmp_path: Path, make_pdf: MakeFile) -> tuple[Path, Path]:
    with open_project(project_dir) as project:
        attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")])
        # A label that looks like the other freeze's id must not confuse the check.
        first = freeze(project, label="2")
        attach(project, unit="县司法局", indicators=[5], files=[make_pdf(tmp_path / "b.pdf", text="乙")])
        second = freeze(project, label="正式申报")
    assert (first.id, second.id) == (1, 2)
    return first.folder, second.folder


def test_clean_freezes_verify(project_dir: Path, tmp_path: Path, make_pdf: MakeFile) -> None:
    _two_freezes(project_dir, tmp_path, make_pdf)
    calls: list[str] = []
    with open_project(project_dir, readonly=True) as project:
        report = verify(project, progress=lambda _d, _t, message: calls.append(message))
    assert report.ok and report.freezes_checked == 2
    assert report.to_json()["freezes_checked"] == 2
    assert any("冻结快照" in message for message in calls)


def test_changed_freeze_is_a_problem(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _two_freezes(project_dir, tmp_path, make_pdf)
    manifest = second / "manifest.json"
    document = json.loads(manifest.read_text(encoding="utf-8"))
    document["label"] = "改过"
    manifest.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (first / "project.sqlite").write_bytes(b"not a database any more")

    with open_project(project_dir, readonly=True) as project:
        report = verify(project)
    assert not report.ok
    assert {p.kind for p in report.problems} == {"freeze"}
    by_target = {p.target: p.message for p in report.problems}
    assert set(by_target) == {"freeze:1", "freeze:2"}
    assert "冻结清单" in by_target["freeze:2"] and second.name in by_target["freeze:2"]
    assert "数据库副本" in by_target["freeze:1"]

    code = main(["verify", str(project_dir)])
    out, err = capsys.readouterr()
    assert code == 3 and "完整性检查通过" not in out
    lines = err.strip().splitlines()
    assert any(line.startswith("fazhi: freeze:2:") and "冻结清单" in line for line in lines)
    assert lines[-1] == "fazhi: 完整性检查发现 2 个问题"

    code = main(["verify", str(project_dir), "--json"])
    out, _err = capsys.readouterr()
    document = json.loads(out)
    assert code == 3 and document["ok"] is False and document["freezes_checked"] == 2
    assert sorted(p["target"] for p in document["problems"]) == ["freeze:1", "freeze:2"]


def test_cli_counts_freezes_when_clean(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_freezes(project_dir, tmp_path, make_pdf)
    code = main(["verify", str(project_dir)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "完整性检查通过：2 条资料记录，2 个文件，2 个冻结快照" in out
