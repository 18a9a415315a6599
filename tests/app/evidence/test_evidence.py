"""Evidence: attach, content-addressed store, 合并提供 groups, unit scope, withdraw, progress, cancel."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.base.errors import CancelledError, NotFoundError, RefusedFileError, UsageError
from app.base.progress import CancelToken
from app.evidence.attach import attach, evidence_path, get_evidence, list_evidence, withdraw
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import Project, open_project
from app.units.registry import add_unit
from indicator_catalog import Catalog

Snapshot = Callable[[Path], dict[str, str]]


MakeFile = Callable[..., Path]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(project: Project, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(project.folder / "project.sqlite")
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_attach_pdf_and_xlsx(
    project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile
) -> None:
    pdf = make_pdf(tmp_path / "in" / "执法案卷（2023）.pdf", pages=3, text="行政执法案卷")
    xlsx = make_xlsx(
        tmp_path / "in" / "统计表.xlsx", rows=[["案件", "数量"], ["处罚", 12]], sheets=("汇总", "明细")
    )
    result = attach(
        project,
        unit="县司法局",
        indicators=[3],
        files=[pdf, xlsx],
        title="执法案卷",
        period="2023-05",
        actor="赵六",
    )
    assert result.refused == []
    first, second = result.attached
    assert (first.kind, first.pages, first.sheets, first.filename) == ("pdf", 3, None, "执法案卷（2023）.pdf")
    assert (second.kind, second.pages, second.sheets) == ("xlsx", None, 2)
    assert second.sheet_names == ("汇总", "明细")
    for record, path in ((first, pdf), (second, xlsx)):
        assert record.sha256 == _sha(path)
        assert record.size == path.stat().st_size
        assert (record.unit, record.indicators, record.status) == ("县司法局", (3,), "active")
        assert (record.title, record.period, record.added_by) == ("执法案卷", "2023-05", "赵六")
        stored = evidence_path(project, record.sha256)
        assert stored == project.folder / "evidence" / record.sha256[:2] / record.sha256
        assert stored.read_bytes() == path.read_bytes()
    assert len(PdfReader(evidence_path(project, first.sha256)).pages) == 3
    json_keys = {
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
    assert json_keys <= set(first.to_json())
    assert first.to_json()["indicators"] == [3]
    attached = [e for e in list_log(project, action="evidence.attach")]
    assert [(e.target, e.actor, e.detail["filename"]) for e in attached] == [
        (f"evidence:{first.id}", "赵六", "执法案卷（2023）.pdf"),
        (f"evidence:{second.id}", "赵六", "统计表.xlsx"),
    ]
    assert not any(project.store.incoming.iterdir())


def test_default_title_is_the_file_stem(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    record = attach(
        project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "权责清单.pdf")]
    ).attached[0]
    assert record.title == "权责清单"
    assert record.period is None


def test_same_content_is_stored_once(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    copy = tmp_path / "副本.pdf"
    copy.write_bytes(pdf.read_bytes())
    one = attach(project, unit="县司法局", indicators=[1], files=[pdf]).attached[0]
    two = attach(project, unit="县司法局", indicators=[5], files=[copy]).attached[0]
    assert two.id == one.id  # the same unit's same content: the record gains the indicator
    assert two.indicators == (1, 5)
    three = attach(project, unit="县发改局", indicators=[2], files=[pdf]).attached[0]
    assert three.id != one.id and three.unit == "县发展和改革局"
    stored = [p for p in project.store.iter_files()]
    assert stored == [evidence_path(project, one.sha256)]
    assert [e.action for e in list_log(project, action="evidence.")] == [
        "evidence.attach",
        "evidence.link",
        "evidence.attach",
    ]
    again = attach(project, unit="县司法局", indicators=[1, 5], files=[pdf]).attached[0]
    assert again.id == one.id and len(list_log(project, action="evidence.")) == 3


def test_shared_group_counts_for_every_member(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    record = attach(project, unit="县司法局", indicators=[3], files=[make_pdf(tmp_path / "x.pdf")]).attached[
        0
    ]
    assert [r.id for r in list_evidence(project, indicator=4)] == [record.id]
    assert [r.id for r in list_evidence(project, indicator=3)] == [record.id]
    assert list_evidence(project, indicator=1) == []


def test_list_filters(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    a = attach(
        project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf", text="甲")]
    ).attached[0]
    b = attach(
        project, unit="县发改局", indicators=[2], files=[make_pdf(tmp_path / "b.pdf", text="乙")]
    ).attached[0]
    assert [r.id for r in list_evidence(project)] == [a.id, b.id]
    assert [r.id for r in list_evidence(project, unit="县发展和改革局")] == [b.id]
    assert [r.id for r in list_evidence(project, unit="县司法局", indicator=1)] == [a.id]
    with pytest.raises(UsageError, match="未知的指标"):
        list_evidence(project, indicator=77)
    with pytest.raises(UsageError, match="未知的单位"):
        list_evidence(project, unit="县外事办")


@pytest.mark.parametrize(
    ("unit", "indicators", "message"),
    [
        ("县委办公室", [1], "不是第 1 项指标的责任单位"),
        ("各乡镇", [5], "是集体名称"),
        ("县司法局", [99], "未知的指标"),
        ("县司法局", [], "至少要指定一个指标"),
        ("县外事办", [1], "未知的单位"),
    ],
)
def test_scope_errors_change_nothing(
    project_dir: Path,
    tmp_path: Path,
    *,
    make_pdf: MakeFile,
    folder_snapshot: Snapshot,
    unit: str,
    indicators: list[int],
    message: str,
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    before = folder_snapshot(project_dir)
    with open_project(project_dir) as project, pytest.raises(UsageError, match=message):
        attach(project, unit=unit, indicators=indicators, files=[pdf])
    assert folder_snapshot(project_dir) == before


def test_group_member_may_attach_for_the_group(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    # 县市场监督管理局 is responsible for 4 (via 县政府各工作部门) and 4 shares evidence with 3.
    record = attach(
        project, unit="县市场监管局", indicators=[3], files=[make_pdf(tmp_path / "a.pdf")]
    ).attached[0]
    assert record.indicators == (3,)


def test_town_attaches_after_the_county_adds_it(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    add_unit(project, "城关镇")
    with pytest.raises(UsageError, match="责任单位"):
        attach(project, unit="城关镇", indicators=[5], files=[pdf])
    add_unit(project, "西河乡", member_of=["各乡镇"])
    assert attach(project, unit="西河乡", indicators=[5], files=[pdf]).attached[0].unit == "西河乡"


@pytest.mark.parametrize("period", ["2023-13", "23", "2023/05", "二〇二三", "1800"])
def test_bad_period(project: Project, tmp_path: Path, make_pdf: MakeFile, period: str) -> None:
    with pytest.raises(UsageError, match="期间格式无效"):
        attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")], period=period)


def test_one_refused_file_refuses_the_whole_call(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile, folder_snapshot: Snapshot
) -> None:
    good = make_pdf(tmp_path / "good.pdf")
    bad = tmp_path / "坏文件.pdf"
    bad.write_text("<html><body>not a pdf</body></html>", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    before = folder_snapshot(project_dir)
    with open_project(project_dir) as project, pytest.raises(RefusedFileError) as caught:
        attach(project, unit="县司法局", indicators=[1], files=[good, bad, empty])
    assert caught.value.path == str(bad)
    assert "HTML" in str(caught.value) and "共 2 个文件被拒绝" in str(caught.value)
    assert str(caught.value).startswith(str(bad))
    assert folder_snapshot(project_dir) == before


def test_skip_refused_attaches_the_good_ones(
    project: Project, tmp_path: Path, make_pdf: MakeFile, make_xlsx: MakeFile
) -> None:
    good = make_pdf(tmp_path / "good.pdf")
    bad = tmp_path / "image.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    sheet = make_xlsx(tmp_path / "t.xlsx")
    result = attach(project, unit="县司法局", indicators=[1], files=[good, bad, sheet], skip_refused=True)
    assert [r.filename for r in result.attached] == ["good.pdf", "t.xlsx"]
    assert len(result.refused) == 1
    path, reason = result.refused[0]
    assert path == bad and "PNG" in reason
    assert len(list_evidence(project)) == 2


def test_withdraw_keeps_history(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    record = attach(project, unit="县司法局", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")]).attached[
        0
    ]
    gone = withdraw(project, record.id, reason="版本错误", actor="审核员")
    assert (gone.status, gone.withdrawn_by, gone.withdraw_reason) == ("withdrawn", "审核员", "版本错误")
    assert gone.withdrawn_at is not None
    assert list_evidence(project) == []
    assert [r.id for r in list_evidence(project, include_withdrawn=True)] == [record.id]
    assert [r.id for r in list_evidence(project, status="withdrawn")] == [record.id]
    assert evidence_path(project, record.sha256).is_file()  # the file stays
    assert get_evidence(project, record.id).status == "withdrawn"
    assert _rows(project, "SELECT status FROM evidence") == [("withdrawn",)]
    entry = list_log(project, action="evidence.withdraw")[0]
    assert (entry.actor, entry.detail["reason"]) == ("审核员", "版本错误")
    with pytest.raises(UsageError, match="不能撤回"):
        withdraw(project, record.id, reason="again")
    with pytest.raises(UsageError, match="必须说明原因"):
        withdraw(project, record.id, reason=" ")
    with pytest.raises(NotFoundError, match="没有编号为 999"):
        withdraw(project, 999, reason="x")
    # Attaching the same content again makes a new active record.
    again = attach(project, unit="县司法局", indicators=[1], files=[tmp_path / "a.pdf"]).attached[0]
    assert again.id != record.id and again.status == "active"


def test_progress_for_many_files(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    template = make_pdf(tmp_path / "template.pdf").read_bytes()
    files = []
    for index in range(500):
        path = tmp_path / "many" / f"资料{index:03}.pdf"
        path.parent.mkdir(exist_ok=True)
        # Distinct content: a comment after %%EOF changes the hash, not the PDF.
        path.write_bytes(template + f"\n%{index}\n".encode())
        files.append(path)
    calls: list[tuple[int, int, str]] = []
    result = attach(
        project,
        unit="县司法局",
        indicators=[1],
        files=files,
        progress=lambda d, t, m: calls.append((d, t, m)),
    )
    assert len(result.attached) == 500
    assert len({r.sha256 for r in result.attached}) == 500
    assert calls[0][:2] == (0, 501)
    assert calls[-1][:2] == (501, 501)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert any("资料250.pdf" in c[2] for c in calls)
    assert len(list(project.store.iter_files())) == 500


def test_cancel_rolls_back(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile, folder_snapshot: Snapshot
) -> None:
    files = [make_pdf(tmp_path / f"f{i}.pdf", text=f"第{i}份") for i in range(6)]
    before = folder_snapshot(project_dir)
    token = CancelToken()

    def progress(done: int, total: int, message: str) -> None:
        if done == 3:
            token.cancel()

    with open_project(project_dir) as project, pytest.raises(CancelledError):
        attach(project, unit="县司法局", indicators=[1], files=files, progress=progress, cancel=token)
    assert folder_snapshot(project_dir) == before


def test_read_only_and_unit_workspace_limits(
    tmp_path: Path, small_catalog: Catalog, make_pdf: MakeFile
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    create_project(
        tmp_path / "u", county="测试县", year=2024, catalog=small_catalog, role="unit", unit="县发改局"
    )
    with open_project(tmp_path / "u") as project:
        with pytest.raises(UsageError, match="本工作区属于 县发展和改革局"):
            attach(project, unit="县司法局", indicators=[1], files=[pdf])
        assert (
            attach(project, unit="县发改局", indicators=[2], files=[pdf]).attached[0].unit == "县发展和改革局"
        )
    with open_project(tmp_path / "u", readonly=True) as project:
        with pytest.raises(UsageError, match="只读"):
            attach(project, unit="县发改局", indicators=[2], files=[pdf])
        assert len(list_evidence(project)) == 1


def test_requirement_key(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    record = attach(
        project, unit="县司法局", indicators=[3], files=[make_pdf(tmp_path / "a.pdf")], requirement_key="3.1"
    ).attached[0]
    assert record.requirement_keys == ("3.1",)
    with pytest.raises(UsageError, match="资料要求编号"):
        attach(project, unit="县司法局", indicators=[3], files=[tmp_path / "a.pdf"], requirement_key="9.9")


def test_size_limit_from_settings(project: Project, tmp_path: Path, make_pdf: MakeFile) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    project.update_settings({"max_file_bytes": 100})
    with pytest.raises(RefusedFileError, match="文件过大"):
        attach(project, unit="县司法局", indicators=[1], files=[pdf])
    assert attach(project, unit="县司法局", indicators=[1], files=[pdf], max_bytes=10**6).attached


def test_attach_inside_the_callers_transaction(project_dir: Path, tmp_path: Path, make_pdf: MakeFile) -> None:
    """The exchange import's mode: rows in the caller's transaction, files published after its commit."""
    first, second = make_pdf(tmp_path / "a.pdf", text="甲"), make_pdf(tmp_path / "b.pdf", text="乙")
    with open_project(project_dir) as project:
        with project.session() as session:
            records = attach(
                project, unit="县司法局", indicators=[1], files=[first], session=session
            ).attached
        assert not evidence_path(project, records[0].sha256).exists()  # staged until published
        project.store.publish_many([r.sha256 for r in records])
        assert evidence_path(project, records[0].sha256).is_file()
        with pytest.raises(RuntimeError), project.session() as session:
            attach(project, unit="县司法局", indicators=[1], files=[second], session=session)
            raise RuntimeError("the import failed later")
        assert [r.filename for r in list_evidence(project)] == ["a.pdf"]
    with open_project(project_dir) as project:  # the rolled-back file is debris: discarded
        assert not any(project.store.incoming.iterdir())
