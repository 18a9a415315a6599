"""Attach in a unit workspace: the kit's list is the authority (``app.evidence.scope.check_unit_scope``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.base.errors import UsageError
from app.cli.main import main
from app.evidence.attach import attach, list_evidence
from app.exchange.kits import init_from_kit, issue_kit
from app.project.folder import open_project
from app.units.registry import add_unit, resolve_unit, set_collective_members

Snapshot = Callable[[Path], dict[str, str]]
MakeFile = Callable[..., Path]
TOWN = "城关镇"  # a town the county added: the small catalog gives 各乡镇 indicator 5 only


@pytest.fixture
def town_workspace(project_dir: Path, tmp_path: Path) -> Path:
    with open_project(project_dir) as office:
        add_unit(office, TOWN, member_of=["各乡镇"])
        issue_kit(office, unit=TOWN, out=tmp_path / "kit.zip")
    workspace = tmp_path / "城关镇工作区"
    init_from_kit(workspace, tmp_path / "kit.zip")
    with open_project(workspace) as project:
        # A local edit makes the town a government department too, so the workspace's own units table
        # would let it attach to 4 (and 3, its 合并提供 partner); the kit listed only 5.
        members = [*resolve_unit(project, "县政府各工作部门").members, TOWN]
        set_collective_members(project, "县政府各工作部门", members)
        assert resolve_unit(project, TOWN).indicators == (4, 5)
    return workspace


def test_kit_scope_refuses_other_indicators_and_units(
    town_workspace: Path, tmp_path: Path, make_pdf: MakeFile, folder_snapshot: Snapshot
) -> None:
    pdf = make_pdf(tmp_path / "src" / "材料.pdf")
    before = folder_snapshot(town_workspace)
    with open_project(town_workspace) as project:
        with pytest.raises(UsageError) as outside:
            attach(project, unit=TOWN, indicators=[4], files=[pdf])
        with pytest.raises(UsageError) as mixed:
            attach(project, unit=TOWN, indicators=[5, 2], files=[pdf])
        with pytest.raises(UsageError) as other_unit:
            attach(project, unit="县司法局", indicators=[5], files=[pdf])
    assert "第 4 项指标不在 城关镇 的任务范围内" in str(outside.value)
    assert "第 2 项指标不在 城关镇 的任务范围内" in str(mixed.value)
    assert "本工作区属于 城关镇" in str(other_unit.value) and "县司法局" in str(other_unit.value)
    for error in (outside.value, mixed.value, other_unit.value):
        assert "\n" not in str(error)
    assert folder_snapshot(town_workspace) == before

    with open_project(town_workspace) as project:
        record = attach(project, unit=TOWN, indicators=[5], files=[pdf]).attached[0]
        assert (record.unit, record.indicators) == (TOWN, (5,))
        assert [e.id for e in list_evidence(project)] == [record.id]


def test_cli_attach_outside_the_kit_is_one_line_and_changes_nothing(
    town_workspace: Path,
    tmp_path: Path,
    make_pdf: MakeFile,
    folder_snapshot: Snapshot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = make_pdf(tmp_path / "src" / "材料.pdf")
    before = folder_snapshot(town_workspace)
    for unit, number, expected in (
        (TOWN, "3", "第 3 项指标不在 城关镇 的任务范围内"),
        ("县发改局", "2", "本工作区属于 城关镇"),
    ):
        code = main(["attach", str(town_workspace), "--unit", unit, "--indicator", number, str(pdf)])
        out, err = capsys.readouterr()
        assert code == 2
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0] and "Traceback" not in err
    assert folder_snapshot(town_workspace) == before


def test_office_keeps_its_own_responsibility_message(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile
) -> None:
    with open_project(project_dir) as project, pytest.raises(UsageError) as refused:
        attach(project, unit="县委办公室", indicators=[1], files=[make_pdf(tmp_path / "a.pdf")])
    assert "县委办公室 不是第 1 项指标的责任单位（责任单位：县司法局、县发展和改革局）" in str(refused.value)
