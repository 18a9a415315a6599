"""Exchange dialogs on a temporary project: issue kits, import several submissions (one refused, one
already imported), send return notes."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.assessment.reviews import list_reviews, review
from app.evidence.attach import attach, list_evidence
from app.exchange.kits import init_from_kit, issue_kit, read_kit
from app.exchange.submit import submit
from app.project.folder import open_project
from ui.common.dialog_parts import ResultRole
from ui.exchange.batch_dialog import kit_file_name
from ui.exchange.import_dialog import ImportSubmissionsDialog
from ui.exchange.kits_dialog import IssueKitsDialog
from ui.exchange.returns_dialog import ReturnNotesDialog

pytest_plugins = ["conftest_part2"]


def _run(qtbot: QtBot, dialog: Any) -> list[Any]:
    with qtbot.waitSignal(dialog.finished_batch, timeout=30_000) as finished:
        dialog.run_button.click()
    rows: list[Any] = finished.args[0]
    return rows


def _cells(model: Any, column: int) -> list[str]:
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_issue_kits_for_chosen_units(
    qtbot: QtBot, part2_state: Any, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    dialog = IssueKitsDialog(part2_state)
    qtbot.addWidget(dialog)
    dialog.show()
    assert set(dialog.chosen_units()) == {"县司法局", "县发展和改革局", "县市场监督管理局"}
    dialog.set_chosen_units(["县司法局", "县市场监督管理局"])
    folder = tmp_path / "任务包"
    dialog.folder_edit.setText(str(folder))
    dialog.deadline_check.setChecked(True)
    rows = _run(qtbot, dialog)
    qtmodeltester.check(dialog.model)
    assert [r.ok for r in rows] == [True, True]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [kit_file_name("县司法局"), kit_file_name("县市场监督管理局")]
    )
    kit = read_kit(folder / kit_file_name("县司法局"))
    assert kit.unit == "县司法局" and kit.indicators == (4, 5)
    assert kit.manifest["deadline"] == dialog.deadline_edit.date().toString("yyyy-MM-dd")
    assert "已签发 2 个任务包" in dialog.summary_label.text()
    assert dialog.reveal_button.isVisibleTo(dialog)


@pytest.fixture
def submissions(part2_state: Any, tmp_path: Path) -> dict[str, Path]:
    """A good submission from 县司法局, a tampered copy, and a ZIP that is no package at all."""
    from conftest_part2 import write_pdf

    project = part2_state.project
    kit = tmp_path / "kit.zip"
    issue_kit(project, unit="县司法局", out=kit)
    workspace = tmp_path / "司法局工作区"
    init_from_kit(workspace, kit)
    with open_project(workspace) as unit_project:
        files = [
            write_pdf(tmp_path / "unit" / f"合法性审核意见书{i}.pdf", text=f"opinion {i}") for i in range(2)
        ]
        attach(unit_project, unit="县司法局", indicators=[4], files=files)
        good = tmp_path / "提交包_县司法局.zip"
        submit(unit_project, out=good)
    tampered = tmp_path / "提交包_被改动.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "manifest.json":
                data = data.replace("县司法局".encode(), "县发展和改革局".encode())
            target.writestr(info, data)
    junk = tmp_path / "不是提交包.zip"
    with zipfile.ZipFile(junk, "w") as target:
        target.writestr("readme.txt", "hello")
    return {"good": good, "tampered": tampered, "junk": junk}


def test_import_several_submissions(
    qtbot: QtBot, part2_state: Any, submissions: dict[str, Path], qtmodeltester: ModelTester
) -> None:
    project = part2_state.project
    changes: list[Any] = []
    part2_state.changed.connect(changes.append)
    files = [submissions["good"], submissions["tampered"], submissions["junk"], submissions["good"]]
    dialog = ImportSubmissionsDialog(part2_state, files)
    qtbot.addWidget(dialog)
    dialog.show()
    assert len(dialog.files()) == 3  # the same file twice is listed once
    dialog.add_files([submissions["good"]])
    rows = _run(qtbot, dialog)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert _cells(model, 0) == ["提交包_县司法局.zip", "提交包_被改动.zip", "不是提交包.zip"]
    assert _cells(model, 2) == ["已导入", "拒收", "拒收"]
    assert [model.index(r, 0).data(ResultRole.OK) for r in range(3)] == [True, False, False]
    assert (model.index(0, 1).data(), model.index(0, 3).data()) == ("县司法局", "2")
    assert model.index(1, 6).data() and model.index(2, 6).data()  # each refusal says why
    assert "导入 1 个，拒收 2 个" in dialog.summary_label.text()
    assert {r.filename for r in list_evidence(project)} == {"合法性审核意见书0.pdf", "合法性审核意见书1.pdf"}
    # The hub was told, with fresh progress: the window's tree shows the new evidence.
    assert changes and changes[-1].everything
    assert part2_state.progress(4).evidence_count == 2
    assert len(rows) == 3

    # The same package again: nothing changes, the table says it was imported before.
    again = ImportSubmissionsDialog(part2_state, [submissions["good"]])
    qtbot.addWidget(again)
    again.show()
    _run(qtbot, again)
    assert _cells(again.model, 2) == ["已导入过"]
    assert again.model.index(0, 0).data(ResultRole.OK) is None
    assert len(list_evidence(project)) == 2


def test_return_notes(qtbot: QtBot, part2_state: Any, add_evidence: Any, tmp_path: Path) -> None:
    project = part2_state.project
    issue_kit(project, unit="县司法局", out=tmp_path / "kit1.zip")
    add_evidence(project, "县司法局", [4])
    add_evidence(project, "县发展和改革局", [1])
    review(project, indicator=4, unit="县司法局", decision="return", comment="缺少2021年度意见书")
    review(project, indicator=1, unit="县发展和改革局", decision="accept", comment="")
    dialog = ReturnNotesDialog(part2_state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.unit_list.count() == 2, timeout=10_000)
    # Units with returns are chosen by default.
    assert dialog.chosen_units() == ["县司法局"]
    folder = tmp_path / "退回通知"
    dialog.folder_edit.setText(str(folder))
    rows = _run(qtbot, dialog)
    assert [r.ok for r in rows] == [True]
    assert _cells(dialog.model, 2) == ["1"]
    note = folder / "退回通知_县司法局.zip"
    with zipfile.ZipFile(note) as archive:
        manifest = archive.read("manifest.json").decode()
    assert "缺少2021年度意见书" in manifest
    # 县发改局 has no kit: choosing it fails with the reason, and the others still go out.
    dialog.unit_list.item(1).setCheckState(dialog.unit_list.item(0).checkState())
    rows = _run(qtbot, dialog)
    assert [r.ok for r in rows] == [True, False]
    assert "任务包" in dialog.model.index(1, 4).data()
    assert list_reviews(project, unit="县司法局")[0].decision == "returned"
