"""``fazhi ocr DIR [--evidence ID] [--json]``: OCR after the fact, from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.evidence.attach import attach
from app.project.folder import open_project

sys.path.insert(0, str(Path(__file__).parents[1] / "evidence" / "formats"))
from formats_builders import FakeOcr, install_fake_ocr, jpeg  # the format tests' builders


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeOcr:
    return install_fake_ocr(
        monkeypatch, ["规范性文件备案审查工作台账"], "app.evidence.recognize.ocr_available"
    )


def _photo(project_dir: Path, tmp_path: Path) -> int:
    with open_project(project_dir) as project:
        result = attach(project, unit="县司法局", indicators=[5], files=[jpeg(tmp_path / "扫描件.jpg")])
    return result.attached[0].id


def test_ocr_json_then_search_finds_the_text(
    project_dir: Path, tmp_path: Path, engine: FakeOcr, capsys: pytest.CaptureFixture[str]
) -> None:
    evidence_id = _photo(project_dir, tmp_path)
    assert main(["ocr", str(project_dir), "--json"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["pages_read"] == 1 and document["pages_found"] == 1 and not document["cancelled"]
    assert [f["evidence_id"] for f in document["files"]] == [evidence_id]
    assert "文字识别 1/1" in captured.err  # progress on stderr, never on stdout
    assert main(["search", str(project_dir), "备案", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [(h["evidence_id"], h["source"]) for h in hits] == [(evidence_id, "ocr")]
    assert main(["ocr", str(project_dir)]) == 0
    assert "没有需要识别的页面" in capsys.readouterr().out


def test_ocr_of_an_unknown_evidence_is_one_line_and_exit_1(
    project_dir: Path, engine: FakeOcr, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ocr", str(project_dir), "--evidence", "77"])
    err = capsys.readouterr().err
    assert code in (1, 2) and err.count("\n") == 1 and "77" in err and "Traceback" not in err


def test_ocr_table_names_the_file(
    project_dir: Path, tmp_path: Path, engine: FakeOcr, capsys: pytest.CaptureFixture[str]
) -> None:
    evidence_id = _photo(project_dir, tmp_path)
    assert main(["ocr", str(project_dir), "--evidence", str(evidence_id)]) == 0
    out = capsys.readouterr().out
    assert f"#{evidence_id} 扫描件.jpg" in out and "共识别 1 页" in out
