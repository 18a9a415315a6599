"""Office ↔ unit exchange: kits, unit workspaces, submissions, import, review, return notes, freezes."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from app.assessment.reviews import list_reviews, review
from app.base.errors import CancelledError, UsageError
from app.base.progress import CancelToken
from app.evidence.attach import attach, list_evidence, withdraw
from app.evidence.scope import check_unit_scope
from app.exchange.importing import import_package
from app.exchange.kits import KitUpdateResult, init_from_kit, issue_kit, read_kit
from app.exchange.package import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    TASK_LIST_NAME,
    PackageError,
    signature_matches,
)
from app.exchange.receive import ImportResult
from app.exchange.returns import ReturnsImportResult, issue_returns
from app.exchange.submit import submit
from app.integrity.freeze import freeze, list_freezes, verify_freeze
from app.project.audit_log import list_log
from app.project.create import create_project
from app.project.folder import open_project
from app.status.returns import returned_indicators
from app.units.registry import add_unit, list_units, resolve_unit
from indicator_catalog import Catalog
from models import Evidence, InfoRecord, Submission, UnitKey, utcnow

Snapshot = Callable[[Path], dict[str, str]]
A = "县司法局"  # indicators 1, 3, 5 and 4 through 县政府各工作部门
B = "县发展和改革局"  # indicators 1, 2 and 4


def _kit(office: Path, unit: str, out: Path, **options: object) -> Path:
    with open_project(office) as project:
        issue_kit(project, unit=unit, out=out, **options)  # type: ignore[arg-type]
    return out


def _import(folder: Path, package: Path) -> object:
    with open_project(folder) as project:
        return import_package(project, package)


def _manifest(package: Path) -> dict[str, object]:
    with zipfile.ZipFile(package) as archive:
        return json.loads(archive.read(MANIFEST_NAME))  # type: ignore[no-any-return]


def _attach(folder: Path, unit: str, indicators: list[int], *files: Path, **options: object) -> None:
    with open_project(folder) as project:
        attach(project, unit=unit, indicators=indicators, files=list(files), **options)  # type: ignore[arg-type]


def _submit(folder: Path, out: Path) -> Path:
    with open_project(folder) as project:
        submit(project, out=out)
    return out


# -- kits ---------------------------------------------------------------------------------------------


def test_kit_carries_the_units_task_and_a_key(project_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kits" / "司法局.zip"
    with open_project(project_dir) as project:
        result = issue_kit(project, unit="县司法局", out=out, deadline="2024-06-30")
        project_id = project.info.id
    assert result.indicators == (1, 3, 4, 5)
    assert result.new_key and result.task_list and result.deadline == "2024-06-30"
    assert sorted(p.name for p in out.parent.iterdir()) == ["司法局.zip"]  # no temp file left
    with zipfile.ZipFile(out) as archive:
        assert set(archive.namelist()) == {MANIFEST_NAME, SIGNATURE_NAME, TASK_LIST_NAME}
        raw = archive.read(MANIFEST_NAME)
        signature = archive.read(SIGNATURE_NAME).decode().strip()
        pdf = archive.read(TASK_LIST_NAME)
    manifest = json.loads(raw)
    assert manifest["kind"] == "kit"
    assert manifest["project_id"] == project_id
    assert (manifest["county"], manifest["year"], manifest["unit"]) == ("测试县", 2024, A)
    assert manifest["deadline"] == "2024-06-30"
    assert manifest["catalog_id"] == "tiny" and manifest["catalog"]["id"] == "tiny"
    assert [i["number"] for i in manifest["indicators"]] == [1, 3, 4, 5]
    assert manifest["indicators"][1]["requirements"][0]["text"] == "执法案卷任意10件"
    assert manifest["allowed_indicators"] == [1, 3, 4, 5]
    assert "县政府各工作部门" in manifest["member_of"]
    assert signature_matches(raw, manifest["key"], signature)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("县司法局", "2024-06-30", "第 3 项", "执法监督", "执法案卷任意10件", "合法性审核"):
        assert expected in text
    assert "营商环境" not in text  # indicator 2 belongs to 县发改局
    with open_project(project_dir) as project:
        with project.session() as session:
            keys = list(session.scalars(select(UnitKey)))
        assert [(k.kit_id, k.secret, k.revoked_at) for k in keys] == [(result.kit_id, manifest["key"], None)]
        entry = list_log(project, action="exchange.kit")[-1]
    assert entry.target == "unit:县司法局" and entry.detail["kit_id"] == result.kit_id
    assert "key" not in json.dumps(entry.detail).replace("new_key", "")  # the secret never enters the log


def test_reissued_kit_reuses_the_key_unless_new_key(project_dir: Path, tmp_path: Path) -> None:
    first = read_kit(_kit(project_dir, A, tmp_path / "k1.zip"))
    second = read_kit(_kit(project_dir, A, tmp_path / "k2.zip"))
    assert second.manifest["key"] == first.manifest["key"] and second.kit_id != first.kit_id
    with open_project(project_dir) as project:
        third = issue_kit(project, unit=A, out=tmp_path / "k3.zip", new_key=True)
        with project.session() as session:
            rows = {k.kit_id: k for k in session.scalars(select(UnitKey))}
    assert third.new_key
    assert read_kit(tmp_path / "k3.zip").manifest["key"] != first.manifest["key"]
    assert rows[first.kit_id].revoked_at is not None and rows[second.kit_id].revoked_at is not None
    assert rows[third.kit_id].revoked_at is None


def test_kit_refuses_collectives_unknown_units_and_bad_deadlines(project_dir: Path, tmp_path: Path) -> None:
    with open_project(project_dir) as project:
        with pytest.raises(UsageError, match="集体名称"):
            issue_kit(project, unit="各乡镇", out=tmp_path / "x.zip")
        with pytest.raises(UsageError, match="未知的单位"):
            issue_kit(project, unit="县不存在局", out=tmp_path / "x.zip")
        with pytest.raises(UsageError, match="截止日期"):
            issue_kit(project, unit=A, out=tmp_path / "x.zip", deadline="6月30日")
    assert not (tmp_path / "x.zip").exists()


# -- unit workspace ---------------------------------------------------------------------------------


def test_unit_workspace_from_kit_offers_only_its_indicators(
    project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    kit = _kit(project_dir, A, tmp_path / "kit.zip", deadline="2024-06-30")
    workspace = tmp_path / "司法局工作区"
    info = init_from_kit(workspace, kit)
    with open_project(project_dir) as office:
        assert info.id == office.info.id
    assert (info.role, info.unit, info.county, info.year, info.catalog_id) == (
        "unit",
        A,
        "测试县",
        2024,
        "tiny",
    )
    assert (workspace / "exports" / "任务清单-县司法局.pdf").read_bytes()[:5] == b"%PDF-"
    pdf = make_pdf(tmp_path / "src" / "案卷.pdf")
    with open_project(workspace) as project:
        assert resolve_unit(project, A).indicators == (1, 3, 4, 5)
        assert project.settings["kit"]["deadline"] == "2024-06-30"
        assert check_unit_scope(project, A, [3, 4]).name == A
        with pytest.raises(UsageError, match="不在 县司法局 的任务范围内"):
            check_unit_scope(project, A, [2])
        with pytest.raises(UsageError, match="本工作区属于 县司法局"):
            check_unit_scope(project, B, [1])
        with pytest.raises(UsageError, match="本工作区属于 县司法局"):
            attach(project, unit=B, indicators=[1], files=[pdf])
        with pytest.raises(UsageError, match="第 2 项"):
            attach(project, unit=A, indicators=[2], files=[pdf])
        assert attach(project, unit=A, indicators=[3], files=[pdf]).attached[0].indicators == (3,)
        assert list_log(project, action="exchange.kit_import")[-1].detail["kit_id"] == read_kit(kit).kit_id


def test_unit_workspace_follows_the_offices_collective_membership(project_dir: Path, tmp_path: Path) -> None:
    with open_project(project_dir) as project:
        add_unit(project, "城关镇", member_of=["各乡镇"])
        issue_kit(project, unit="城关镇", out=tmp_path / "town.zip")
    workspace = tmp_path / "town"
    info = init_from_kit(workspace, tmp_path / "town.zip")
    assert info.unit == "城关镇"
    with open_project(workspace) as project:
        units = {u.name: u for u in list_units(project)}
    assert units["城关镇"].indicators == (5,)
    assert units["各乡镇"].members == ("城关镇",)


def test_init_from_a_tampered_kit_creates_nothing(project_dir: Path, tmp_path: Path) -> None:
    kit = _kit(project_dir, A, tmp_path / "kit.zip")
    with zipfile.ZipFile(kit) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[MANIFEST_NAME] = members[MANIFEST_NAME].replace("测试县".encode(), "别的县".encode())
    bad = tmp_path / "bad-kit.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(PackageError, match="签名不符") as info:
        init_from_kit(tmp_path / "ws", bad)
    assert str(info.value).startswith(str(bad))
    assert not (tmp_path / "ws").exists()


# -- the round trip -----------------------------------------------------------------------------------


def test_round_trip_with_two_units(
    project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path], make_xlsx: Callable[..., Path]
) -> None:
    office = project_dir
    kit_a = _kit(office, A, tmp_path / "kit-a.zip", deadline="2024-06-30")
    kit_b = _kit(office, "县发改局", tmp_path / "kit-b.zip")
    unit_a, unit_b = tmp_path / "unit-a", tmp_path / "unit-b"
    init_from_kit(unit_a, kit_a)
    init_from_kit(unit_b, kit_b)

    src = tmp_path / "src"
    cases = make_pdf(src / "执法案卷.pdf", pages=2, text="执法案卷")
    review_pdf = make_pdf(src / "合法性审核.pdf", text="合法性审核")
    duties = make_xlsx(src / "权责清单.xlsx")
    business = make_pdf(src / "营商环境.pdf", text="营商环境")
    _attach(unit_a, A, [3], cases, title="执法案卷", period="2023")
    _attach(unit_a, A, [5], review_pdf)
    _attach(unit_a, A, [1], duties)
    _attach(unit_b, B, [2], business)
    _attach(unit_b, B, [1], duties)  # the same file from another unit is that unit's own evidence

    sub_a = _submit(unit_a, tmp_path / "out" / "a1.zip")
    sub_b = _submit(unit_b, tmp_path / "out" / "b1.zip")
    manifest = _manifest(sub_a)
    assert manifest["kind"] == "submission" and manifest["unit"] == A
    assert manifest["kit_id"] == read_kit(kit_a).kit_id
    files = {f["filename"]: f for f in manifest["files"]}  # type: ignore[attr-defined]
    assert files["执法案卷.pdf"]["indicators"] == [3]
    assert (files["执法案卷.pdf"]["title"], files["执法案卷.pdf"]["period"]) == ("执法案卷", "2023")
    with zipfile.ZipFile(sub_a) as archive:
        assert sorted(archive.namelist()) == sorted(
            [MANIFEST_NAME, SIGNATURE_NAME, *(f["member"] for f in files.values())]
        )

    first_a = _import(office, sub_a)
    assert isinstance(first_a, ImportResult)
    assert (first_a.unit, len(first_a.added), len(first_a.unchanged), len(first_a.superseded)) == (A, 3, 0, 0)
    first_b = _import(office, sub_b)
    assert isinstance(first_b, ImportResult) and len(first_b.added) == 2
    with open_project(office) as project:
        by_unit = {u: {e.filename: e for e in list_evidence(project, unit=u)} for u in (A, B)}
        assert set(by_unit[A]) == {"执法案卷.pdf", "合法性审核.pdf", "权责清单.xlsx"}
        assert set(by_unit[B]) == {"营商环境.pdf", "权责清单.xlsx"}
        assert by_unit[A]["执法案卷.pdf"].pages == 2 and by_unit[A]["执法案卷.pdf"].period == "2023"
        assert by_unit[A]["权责清单.xlsx"].kind == "xlsx" and by_unit[A]["权责清单.xlsx"].sheets == 1
        assert {e.source for e in by_unit[A].values()} == {"submission"}
        assert project.store.path_for(by_unit[A]["执法案卷.pdf"].sha256).read_bytes() == cases.read_bytes()

        # The office returns indicator 3 and accepts 5.
        review(project, indicator=3, unit=A, decision="returned", comment="案卷不足10件，请补充")
        review(project, indicator=5, unit=A, decision="accepted", comment="")
        review(project, indicator=2, unit=B, decision="accepted", comment="齐全")
        note = issue_returns(project, unit=A, out=tmp_path / "out" / "a-returns.zip")
    assert [r.indicator for r in note.returned] == [3] and [r.indicator for r in note.accepted] == [5]

    seen = _import(unit_a, note.path)
    assert isinstance(seen, ReturnsImportResult)
    assert [(r.indicator, r.comment) for r in seen.returned] == [(3, "案卷不足10件，请补充")]
    assert [r.indicator for r in seen.accepted] == [5]
    with open_project(unit_a) as project:
        assert returned_indicators(project) == {3}
        # The clerk replaces the returned evidence and resubmits.
        old = next(e for e in list_evidence(project) if e.filename == "执法案卷.pdf")
        withdraw(project, old.id, reason="退回补充，换成完整案卷")
    more_cases = make_pdf(src / "执法案卷（补充）.pdf", pages=10, text="执法案卷十件")
    _attach(unit_a, A, [3], more_cases, title="执法案卷（10件）")
    sub_a2 = _submit(unit_a, tmp_path / "out" / "a2.zip")

    second_a = _import(office, sub_a2)
    assert isinstance(second_a, ImportResult)
    assert second_a.supersedes_submission_id == first_a.submission_id
    assert [f.filename for f in second_a.added] == ["执法案卷（补充）.pdf"]
    assert sorted(f.filename for f in second_a.unchanged) == ["合法性审核.pdf", "权责清单.xlsx"]
    assert [(f.filename, f.indicators) for f in second_a.superseded] == [("执法案卷.pdf", (3,))]
    with open_project(office) as project:
        active = {e.filename for e in list_evidence(project, unit=A)}
        assert active == {"执法案卷（补充）.pdf", "合法性审核.pdf", "权责清单.xlsx"}
        history = {e.filename: e.status for e in list_evidence(project, unit=A, include_withdrawn=True)}
        assert history["执法案卷.pdf"] == "superseded"  # kept in history
        assert {e.filename for e in list_evidence(project, unit=B)} == {"营商环境.pdf", "权责清单.xlsx"}
        with project.session() as session:
            statuses = {s.id: s.status for s in session.scalars(select(Submission))}
        assert statuses == {
            first_a.submission_id: "superseded",
            first_b.submission_id: "current",
            second_a.submission_id: "current",
        }
        actions = [e.action for e in list_log(project)]
        assert actions.count("exchange.import") == 3
        assert "evidence.supersede" in actions and "review.return" in actions
        latest = {(r.indicator, r.unit): r.decision for r in list_reviews(project)}
        assert latest == {(3, A): "returned", (5, A): "accepted", (2, B): "accepted"}


def test_reissued_kit_and_new_key(project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    office = project_dir
    kit = _kit(office, A, tmp_path / "kit.zip")
    workspace = tmp_path / "ws"
    init_from_kit(workspace, kit)
    _attach(workspace, A, [5], make_pdf(tmp_path / "a.pdf"))
    old_package = _submit(workspace, tmp_path / "old.zip")
    _kit(office, A, tmp_path / "again.zip", deadline="2024-07-01")  # same key: old kits still verify
    assert isinstance(_import(office, old_package), ImportResult)

    _attach(workspace, A, [1], make_pdf(tmp_path / "b.pdf", text="权责"))
    stale = _submit(workspace, tmp_path / "stale.zip")
    new_kit = _kit(office, A, tmp_path / "new.zip", new_key=True)
    with pytest.raises(PackageError, match="任务包已作废"):
        _import(office, stale)

    update = _import(workspace, new_kit)
    assert isinstance(update, KitUpdateResult) and update.new_key
    with pytest.raises(PackageError, match="已导入过"):
        _import(workspace, new_kit)
    fresh = _submit(workspace, tmp_path / "fresh.zip")
    result = _import(office, fresh)
    assert isinstance(result, ImportResult)
    assert [f.filename for f in result.added] == ["b.pdf"] and [f.filename for f in result.unchanged] == [
        "a.pdf"
    ]


def test_info_records_travel_and_are_replaced(
    project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    kit = _kit(project_dir, A, tmp_path / "kit.zip")
    workspace = tmp_path / "ws"
    init_from_kit(workspace, kit)
    _attach(workspace, A, [5], make_pdf(tmp_path / "a.pdf"))
    with open_project(workspace) as project:
        unit_id = resolve_unit(project, A).id
        with project.session() as session:
            for kind, value in (("url", "http://sfj.example.gov.cn/gs"), ("contact", "张三 0356-1234567")):
                session.add(
                    InfoRecord(
                        indicator_number=5,
                        unit_id=unit_id,
                        kind=kind,
                        value=value,
                        added_at=utcnow(),
                        added_by="x",
                    )
                )
    first = _import(project_dir, _submit(workspace, tmp_path / "s1.zip"))
    assert isinstance(first, ImportResult) and first.info_added == 2
    with open_project(workspace) as project, project.session() as session:
        row = session.scalars(select(InfoRecord).where(InfoRecord.kind == "url")).one()
        row.withdrawn_at = utcnow()
    second = _import(project_dir, _submit(workspace, tmp_path / "s2.zip"))
    assert isinstance(second, ImportResult) and (second.info_added, second.info_withdrawn) == (0, 1)
    with open_project(project_dir) as project, project.session() as session:
        live = [
            (r.kind, r.value)
            for r in session.scalars(select(InfoRecord).where(InfoRecord.withdrawn_at.is_(None)))
        ]
    assert live == [("contact", "张三 0356-1234567")]


def test_submit_needs_evidence_and_a_unit_workspace(project_dir: Path, tmp_path: Path) -> None:
    with open_project(project_dir) as project, pytest.raises(UsageError, match="单位工作区"):
        submit(project, out=tmp_path / "x.zip")
    init_from_kit(tmp_path / "ws", _kit(project_dir, A, tmp_path / "kit.zip"))
    with open_project(tmp_path / "ws") as project, pytest.raises(UsageError, match="没有可提交的资料"):
        submit(project, out=tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_review_checks_its_arguments(project_dir: Path) -> None:
    with open_project(project_dir) as project:
        with pytest.raises(UsageError, match="必须写明意见"):
            review(project, indicator=3, unit=A, decision="returned", comment="  ")
        with pytest.raises(UsageError, match="任务范围"):
            review(project, indicator=2, unit=A, decision="accepted", comment="")
        with pytest.raises(UsageError, match="集体名称"):
            review(project, indicator=5, unit="各乡镇", decision="accepted", comment="")
        with pytest.raises(UsageError, match="未知的指标"):
            review(project, indicator=99, unit=A, decision="accepted", comment="")
        with pytest.raises(UsageError, match="审核结论无效"):
            review(project, indicator=3, unit=A, decision="maybe", comment="")
        with pytest.raises(UsageError, match="还没有审核结论"):
            issue_returns(project, unit=A, out=project.folder / "r.zip")
        assert list_reviews(project) == []


def test_cancelled_import_changes_nothing(
    project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path], folder_snapshot: Snapshot
) -> None:
    init_from_kit(tmp_path / "ws", _kit(project_dir, A, tmp_path / "kit.zip"))
    _attach(tmp_path / "ws", A, [5], make_pdf(tmp_path / "a.pdf"))
    _attach(tmp_path / "ws", A, [1], make_pdf(tmp_path / "b.pdf", text="b"))
    package = _submit(tmp_path / "ws", tmp_path / "s.zip")
    before = folder_snapshot(project_dir)
    token = CancelToken()

    def progress(done: int, total: int, message: str) -> None:
        if "写入数据库" in message:
            token.cancel()

    with open_project(project_dir) as project, pytest.raises(CancelledError):
        import_package(project, package, progress=progress, cancel=token)
    assert folder_snapshot(project_dir) == before


# -- freeze -------------------------------------------------------------------------------------------


def test_freeze_snapshot_and_verify(project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    init_from_kit(tmp_path / "ws", _kit(project_dir, A, tmp_path / "kit.zip"))
    _attach(tmp_path / "ws", A, [5], make_pdf(tmp_path / "a.pdf"))
    _attach(tmp_path / "ws", A, [3], make_pdf(tmp_path / "b.pdf", text="b"))
    _import(project_dir, _submit(tmp_path / "ws", tmp_path / "s.zip"))
    with open_project(project_dir) as project:
        result = freeze(project, label="正式申报")
        evidence = {e.sha256 for e in list_evidence(project)}
        assert [f.id for f in list_freezes(project)] == [result.id]
        assert verify_freeze(project).ok
    folder = result.folder
    assert folder.parent == project_dir / "exports" and folder.name.startswith("freeze-")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["label"] == "正式申报" and manifest["evidence_count"] == 2
    assert {e["sha256"] for e in manifest["evidence"]} == evidence
    assert manifest["database"]["sha256"] == result.database_sha256
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8")
    assert f"{result.manifest_sha256}  manifest.json" in sums
    connection = sqlite3.connect(folder / "project.sqlite")
    try:
        copied = {row[0] for row in connection.execute("SELECT sha256 FROM evidence WHERE status = 'active'")}
    finally:
        connection.close()
    assert copied == evidence

    # Later changes do not touch the freeze; tampering with it or with the store is found.
    with open_project(project_dir) as project:
        victim = next(iter(evidence))
        assert verify_freeze(project, result.id).ok
        (folder / "manifest.json").write_text(
            json.dumps(manifest).replace("正式申报", "改过"), encoding="utf-8"
        )
        path = project.store.path_for(victim)
        path.chmod(0o644)
        path.write_bytes(b"%PDF-1.4 changed")
        check = verify_freeze(project, folder.name)
    assert not check.ok
    assert any("冻结清单" in p for p in check.problems)
    assert any("已损坏" in p for p in check.problems)


def test_freeze_refuses_a_damaged_store(
    project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    with open_project(project_dir) as project:
        record = attach(project, unit=A, indicators=[5], files=[make_pdf(tmp_path / "a.pdf")]).attached[0]
        path = project.store.path_for(record.sha256)
        path.chmod(0o644)
        path.write_bytes(b"broken")
        with pytest.raises(Exception, match="无法冻结"):
            freeze(project)
        assert list_freezes(project) == []
    assert not any(p.name.startswith("freeze-") for p in (project_dir / "exports").iterdir())


def test_evidence_rows_keep_their_origin(
    project_dir: Path, tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    init_from_kit(tmp_path / "ws", _kit(project_dir, A, tmp_path / "kit.zip"))
    _attach(tmp_path / "ws", A, [3, 4], make_pdf(tmp_path / "a.pdf"))
    result = _import(project_dir, _submit(tmp_path / "ws", tmp_path / "s.zip"))
    assert isinstance(result, ImportResult)
    with open_project(project_dir) as project, project.session() as session:
        row = session.get(Evidence, result.files[0].evidence_id)
        assert row is not None
        assert (row.source, row.submission_id, row.added_by) == ("submission", result.submission_id, "测试员")
        assert sorted(link.indicator_number for link in row.links) == [3, 4]
        assert [link.requirement_key for link in row.links] == [None, None]


def test_national_catalog_kits_give_each_unit_the_offices_scope(
    national_catalog: Catalog, tmp_path: Path
) -> None:
    office = tmp_path / "office"
    create_project(office, county="陵川县", year=2024, catalog=national_catalog)
    with open_project(office) as project:
        units = sorted(
            (u for u in list_units(project) if not u.collective and u.indicators),
            key=lambda u: -len(u.indicators),
        )[:3]
        kits = {u.name: issue_kit(project, unit=u.name, out=tmp_path / f"{u.id}.zip") for u in units}
    for unit in units:
        workspace = tmp_path / f"ws-{unit.id}"
        init_from_kit(workspace, kits[unit.name].path)
        with open_project(workspace) as project:
            assert resolve_unit(project, unit.name).indicators == unit.indicators
            assert project.catalog.counts == national_catalog.counts
        text = "".join(
            page.extract_text()
            for page in pypdf.PdfReader(workspace / "exports" / f"任务清单-{unit.name}.pdf").pages
        )
        first = national_catalog.indicator(unit.indicators[0])
        assert unit.name in text and f"第 {first.number} 项" in text
