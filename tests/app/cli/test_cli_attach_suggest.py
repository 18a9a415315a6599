"""``fazhi attach DIR --unit U --suggest FOLDER --yes``: sure suggestions filed via ``file_confirmed``,
the rest listed under ``refused`` with exit 1; through the real CLI, asserting on the stored rows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from app.evidence.finding import CONFIDENT_MARGIN, CONFIDENT_SCORE


def pages_pdf(path: Path, texts: list[str]) -> Path:
    """A PDF with one line of Chinese text per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for text in texts:
        pdf.setFont("STSong-Light", 14)
        pdf.drawString(72, 760, text)
        pdf.showPage()
    pdf.save()
    return path


def _links(project_dir: Path) -> list[tuple[str, int]]:
    connection = sqlite3.connect(project_dir / "project.sqlite")
    try:
        rows = connection.execute(
            "SELECT e.filename, l.indicator_number FROM evidence e JOIN evidence_indicator l"
            " ON l.evidence_id = e.id ORDER BY e.filename"
        ).fetchall()
    finally:
        connection.close()
    return [(str(name), int(number)) for name, number in rows]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "待归档"
    pages_pdf(folder / "重大决策合法性审核意见书.pdf", ["关于重大行政决策的合法性审核意见", "合法性审核结论"])
    pages_pdf(folder / "行政执法案卷评查.pdf", ["执法监督", "执法案卷评查情况"])
    return folder


def test_yes_files_every_sure_suggestion_and_exits_0(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    args = ["attach", str(project_dir), "--unit", "县司法局", "--suggest", str(folder), "--yes", "--json"]
    assert main(args) == 0
    done = {Path(item["file"]).name: item for item in json.loads(capsys.readouterr().out)}
    assert done["重大决策合法性审核意见书.pdf"]["indicator"] == 5
    assert done["行政执法案卷评查.pdf"]["indicator"] == 3
    assert all(item["refused"] is None and len(item["attached"]) == 1 for item in done.values())
    scores = done["行政执法案卷评查.pdf"]["scores"]
    assert scores[0] >= CONFIDENT_SCORE and scores[0] >= CONFIDENT_MARGIN * scores[1]
    assert _links(project_dir) == [("行政执法案卷评查.pdf", 3), ("重大决策合法性审核意见书.pdf", 5)]


def test_files_it_cannot_place_are_listed_as_refused_and_exit_1(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    pages_pdf(folder / "IMG_2034.pdf", ["2023"])  # nothing to go by
    (folder / "说明.txt").write_text("不是证据", encoding="utf-8")  # not acceptable evidence
    args = ["attach", str(project_dir), "--unit", "县司法局", "--suggest", str(folder), "--yes", "--json"]
    assert main(args) == 1
    captured = capsys.readouterr()
    done = {Path(item["file"]).name: item for item in json.loads(captured.out)}
    assert done["IMG_2034.pdf"]["attached"] == [] and done["IMG_2034.pdf"]["indicator"] is None
    assert "--indicator" in done["IMG_2034.pdf"]["refused"]
    assert done["说明.txt"]["refused"] and done["说明.txt"]["attached"] == []
    assert done["行政执法案卷评查.pdf"]["refused"] is None
    # The sure ones went in all the same; each file left out is named on stderr.
    assert _links(project_dir) == [("行政执法案卷评查.pdf", 3), ("重大决策合法性审核意见书.pdf", 5)]
    assert "IMG_2034.pdf" in captured.err and "说明.txt" in captured.err and "2 个文件未归档" in captured.err


def test_a_weak_suggestion_is_not_taken_below_the_threshold(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    base = ["attach", str(project_dir), "--unit", "县司法局", "--suggest", str(folder), "--yes"]
    assert main([*base, "--min-score", "100000", "--json"]) == 1
    done = json.loads(capsys.readouterr().out)
    assert all(item["attached"] == [] and "把握不足" in item["refused"] for item in done)
    assert _links(project_dir) == []
    # Text output: the table says what happened, stderr why.
    assert main([*base, "--min-score", "100000"]) == 1
    captured = capsys.readouterr()
    assert "未添加" in captured.out and "把握不足" in captured.err


def test_min_score_needs_yes(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    args = ["attach", str(project_dir), "--unit", "县司法局", "--suggest", str(folder), "--min-score", "5"]
    assert main(args) == 2
    assert "--yes" in capsys.readouterr().err
    assert _links(project_dir) == []
