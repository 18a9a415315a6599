"""``fazhi attach DIR --unit U --suggest FOLDER --ocr``: scans and photos are read by a stubbed OCR
before proposing, each content once (proposal, ``--yes`` filing and a later attach share the text);
a missing engine is one line naming what to install."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.evidence.formats import ocr as ocr_module

sys.path.insert(0, str(Path(__file__).parents[1] / "evidence" / "formats"))
from formats_builders import FakeOcr, install_fake_ocr, jpeg  # the format tests' builders

SCAN_TEXT = "关于开展执法案卷评查的通知，执法监督，执法案卷评查结果"


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeOcr:
    return install_fake_ocr(
        monkeypatch, [SCAN_TEXT], "app.evidence.finding.ocr_available", "app.cli.project.ocr_available"
    )


def _scans(tmp_path: Path) -> Path:
    """A folder with one photographed page whose name says nothing about its indicator."""
    folder = tmp_path / "扫描件"
    folder.mkdir()
    jpeg(folder / "IMG_0001.jpg", size=(120, 80), color="white")
    return folder


def _text_rows(project_dir: Path) -> list[tuple[str, str, str]]:
    connection = sqlite3.connect(project_dir / "project.sqlite")
    try:
        rows = connection.execute(
            "SELECT e.filename, t.source, t.body FROM evidence_text t JOIN evidence e ON e.id = t.evidence_id"
            " ORDER BY e.id, t.page"
        ).fetchall()
    finally:
        connection.close()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def _suggest(project_dir: Path, folder: Path, *extra: str) -> list[str]:
    return ["attach", str(project_dir), "--unit", "县司法局", "--suggest", str(folder), *extra]


def test_the_ocr_text_ranks_the_scans_indicator_first(
    project_dir: Path, tmp_path: Path, engine: FakeOcr, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _scans(tmp_path)
    assert main(_suggest(project_dir, folder, "--json")) == 0
    without = json.loads(capsys.readouterr().out)
    assert without[0]["suggested"] == [] and engine.calls == 0  # a file name says nothing
    assert main(_suggest(project_dir, folder, "--ocr", "--json")) == 0
    captured = capsys.readouterr()
    proposal = json.loads(captured.out)
    assert proposal[0]["suggested"][0] == 3 and engine.calls == 1
    assert "IMG_0001.jpg：文字识别：第 1 页" in captured.err  # progress on stderr, never on stdout
    assert _text_rows(project_dir) == []  # proposing stores nothing


def test_yes_files_with_the_text_read_once_and_a_later_attach_reads_nothing(
    project_dir: Path, tmp_path: Path, engine: FakeOcr, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _scans(tmp_path)
    shutil.copy(folder / "IMG_0001.jpg", folder / "IMG_0001 副本.jpg")  # the same content twice
    assert main(_suggest(project_dir, folder, "--ocr", "--yes", "--json")) == 0
    done = json.loads(capsys.readouterr().out)
    assert [item["indicator"] for item in done] == [3, 3]
    assert engine.calls == 1  # one content: read once for the proposal, reused for filing
    rows = _text_rows(project_dir)
    assert {(source, body) for _name, source, body in rows} == {("ocr", SCAN_TEXT)}
    assert main(["search", str(project_dir), "评查", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] >= 1
    # A later attach of the same content (another name, another unit) takes the stored OCR text.
    again = tmp_path / "会议材料.jpg"
    shutil.copy(folder / "IMG_0001.jpg", again)
    args = ["attach", str(project_dir), "--unit", "县发改局", "--indicator", "1", str(again), "--ocr"]
    assert main(args) == 0
    assert engine.calls == 1
    assert ("会议材料.jpg", "ocr", SCAN_TEXT) in _text_rows(project_dir)


def test_without_the_ocr_engine_it_is_one_line_naming_what_to_install(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("app.cli.project.ocr_available", lambda: False)
    folder = _scans(tmp_path)
    scan = folder / "IMG_0001.jpg"
    for args in (
        _suggest(project_dir, folder, "--ocr", "--yes"),
        ["attach", str(project_dir), "--unit", "县司法局", "--indicator", "3", "--ocr", str(scan)],
    ):
        code = main(args)
        captured = capsys.readouterr()
        assert code == 2 and captured.out == ""
        assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
        assert "rapidocr" in captured.err and "onnxruntime" in captured.err and "pip install" in captured.err
    assert _text_rows(project_dir) == []
    connection = sqlite3.connect(project_dir / "project.sqlite")
    try:
        assert connection.execute("SELECT COUNT(*) FROM evidence").fetchone() == (0,)
    finally:
        connection.close()


def test_ctrl_c_while_reading_stops_and_files_nothing(
    project_dir: Path, tmp_path: Path, engine: FakeOcr, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import signal

    folder = _scans(tmp_path)
    jpeg(folder / "IMG_0002.jpg", size=(120, 80), color="gray")

    stub = FakeOcr([SCAN_TEXT])

    def interrupted(array: Any) -> Any:
        os.kill(os.getpid(), signal.SIGINT)  # the clerk presses Ctrl+C during the first page
        return stub(array)

    ocr_module._engine = interrupted  # the fixture's monkeypatch restores the real one
    assert main(_suggest(project_dir, folder, "--ocr", "--yes")) == 130
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1] == "fazhi: 已中断，未添加任何文件 (interrupted)"
    assert "Traceback" not in captured.err and stub.calls == 1  # the second file was never read
    assert _text_rows(project_dir) == []
