"""``propose_for_folder`` and ``file_confirmed``: the core of the window's 按文件夹智能归档."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from app.base.errors import UsageError
from app.base.progress import CancelToken
from app.evidence.attach import attach, list_evidence
from app.evidence.finding import (
    FileSuggestion,
    confident_choices,
    file_confirmed,
    propose_for_folder,
    search_evidence,
)
from app.project.folder import Project


def test_proposals_for_a_folder_within_the_units_scope(
    project: Project, tmp_path: Path, make_pdf: Any
) -> None:
    folder = tmp_path / "资料"
    folder.mkdir()
    make_pdf(folder / "合法性审核意见书.pdf")
    (folder / "说明.txt").write_text("不是资料", encoding="utf-8")
    (folder / ".hidden.pdf").write_bytes(b"x")
    proposal = propose_for_folder(project, "县司法局", folder)
    assert proposal.unit == "县司法局" and proposal.folder == folder
    assert [f.path.name for f in proposal.files] == ["合法性审核意见书.pdf", "说明.txt"]
    assert proposal.files[0].top in proposal.allowed and proposal.files[1].refused
    assert set(proposal.allowed) <= {i.number for i in project.catalog.indicators}
    empty = tmp_path / "空"
    empty.mkdir()
    with pytest.raises(UsageError, match="没有文件"):
        propose_for_folder(project, "县司法局", empty)


def test_file_confirmed_attaches_per_indicator_and_reports_refusals(
    project: Project, tmp_path: Path, make_pdf: Any
) -> None:
    a = make_pdf(tmp_path / "a.pdf", text="a")
    b = make_pdf(tmp_path / "b.pdf", text="b")
    gone = tmp_path / "gone.pdf"
    seen: list[tuple[int, int]] = []
    result = file_confirmed(
        project, "县司法局", [(a, 4), (gone, 4), (b, 5)], progress=lambda d, t, _m: seen.append((d, t))
    )
    assert [(p.name, n) for p, n, _id in result.attached] == [("a.pdf", 4), ("b.pdf", 5)]
    assert [p.name for p, _reason in result.refused] == ["gone.pdf"] and not result.cancelled
    assert result.indicators == (4, 5) and len(result.evidence_ids) == 2
    assert seen[-1] == (3, 3) and all(t == 3 for _d, t in seen)
    assert {(r.filename, r.indicators) for r in list_evidence(project)} == {("a.pdf", (4,)), ("b.pdf", (5,))}


def test_file_confirmed_cancel_keeps_what_was_done(project: Project, tmp_path: Path, make_pdf: Any) -> None:
    a = make_pdf(tmp_path / "a.pdf", text="a")
    b = make_pdf(tmp_path / "b.pdf", text="b")
    token = CancelToken()

    def progress(done: int, _total: int, message: str) -> None:
        if message.startswith("已添加"):  # the first indicator is done: cancel now
            token.cancel()

    result = file_confirmed(project, "县司法局", [(a, 4), (b, 5)], progress=progress, cancel=token)
    assert result.cancelled and [p.name for p, _n, _id in result.attached] == ["a.pdf"]
    assert [p.name for p in result.not_done] == ["b.pdf"]
    assert [r.filename for r in list_evidence(project)] == ["a.pdf"]


def test_html_snippets_for_the_window(project: Project, tmp_path: Path, make_pdf: Any) -> None:
    path = make_pdf(tmp_path / "x.pdf", text="a<b> & review")
    (record,) = attach(project, unit="县司法局", indicators=[4], files=[path]).attached
    (hit,) = search_evidence(project, "review", html=True)
    assert "<b>review</b>" in hit.snippet and "a&lt;b&gt; &amp;" in hit.snippet
    assert (hit.sha256, hit.kind) == (record.sha256, "pdf")
    (plain,) = search_evidence(project, "review")
    assert "【review】" in plain.snippet


def test_confident_choices_takes_sure_tops_and_names_the_rest() -> None:
    sure = FileSuggestion(Path("执法案卷评查.pdf"), (3, 4), (14.7, 4.2))
    named = FileSuggestion(Path("第23项.pdf"), (23, 4), (math.inf, 8.4))
    tie = FileSuggestion(Path("通知.pdf"), (90, 89), (8.55, 8.50))
    weak = FileSuggestion(Path("总结.pdf"), (95,), (4.1,))
    none = FileSuggestion(Path("IMG_1.pdf"), (), ())
    bad = FileSuggestion(Path("说明.txt"), (), (), "不是 PDF")
    choices, left = confident_choices([sure, named, tie, weak, none, bad])
    assert choices == [(Path("执法案卷评查.pdf"), 3), (Path("第23项.pdf"), 23)]
    reasons = dict(left)
    assert list(reasons) == [Path("通知.pdf"), Path("总结.pdf"), Path("IMG_1.pdf"), Path("说明.txt")]
    assert "难以区分" in reasons[Path("通知.pdf")] and "把握不足" in reasons[Path("总结.pdf")]
    assert "没有找到" in reasons[Path("IMG_1.pdf")] and reasons[Path("说明.txt")] == "不是 PDF"
    assert confident_choices([weak], min_score=4.0)[0] == [(Path("总结.pdf"), 95)]
