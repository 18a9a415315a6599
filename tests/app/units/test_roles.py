"""Everyday unit names from the seeds through ``fazhi attach --unit`` and kits; lead and co-unit roles."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.cli.main import main
from app.project.folder import open_project
from app.units.registry import add_unit
from app.units.roles import indicator_roles
from tests.app.conftest import MakePdf


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def national(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "陵川县2024"
    assert _run(capsys, "init", folder, "--county", "陵川县", "--year", "2024")[0] == 0
    return folder


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("县市场监管局", "县市场监督管理局"),
        ("县发改委", "县发展和改革局"),
        ("司法局", "县司法局"),
        ("公安局", "县公安局"),
        ("各乡（镇）人民政府", "各乡镇"),
        ("各镇（园区）", "各乡镇"),
        ("县直各执法单位", "县直各行政执法单位"),
        ("县政府各部门", "县政府各工作部门"),
    ],
)
def test_confident_names_attach_and_build_kits(
    *,
    national: Path,
    written: str,
    canonical: str,
    make_pdf: MakePdf,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_project(national, readonly=True) as project:
        number = next(i.number for i in project.catalog.indicators if canonical in i.units)
    pdf = make_pdf(tmp_path / "资料.pdf", text=written)
    code, out, err = _run(
        capsys, "attach", national, "--unit", written, "--indicator", str(number), pdf, "--json"
    )
    if canonical.startswith("各") or "各" in canonical:
        assert code != 0 and canonical in err  # a collective name: the office attaches for a real unit
        return
    assert code == 0, err
    assert json.loads(out)[0]["unit"] == canonical
    code, out, err = _run(capsys, "kit", national, "--unit", written, "--out", tmp_path / "kit.zip")
    assert code == 0, err
    assert f"已生成 {canonical} 的任务包" in out


@pytest.mark.parametrize("written", ["县卫健委", "县卫健局"])
def test_ambiguous_names_refuse_with_candidates(
    national: Path, written: str, make_pdf: MakePdf, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make_pdf(tmp_path / "资料.pdf")
    code, _out, err = _run(capsys, "attach", national, "--unit", written, "--indicator", "1", pdf)
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert written in err and "是否指" in err and "县卫体局" in err
    code, _out, err = _run(capsys, "kit", national, "--unit", written, "--out", tmp_path / "kit.zip")
    assert code != 0 and "是否指" in err and not (tmp_path / "kit.zip").exists()


def test_a_county_unit_written_with_its_second_name(
    national: Path, make_pdf: MakePdf, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """县住建局（县人防办）: the bracket is the same office's second name; 县住建局 the county's alias."""
    with open_project(national) as project:
        add_unit(project, "县住房和城乡建设局", ["县住建局"], member_of=["县政府各工作部门"])
    written = "县住建局（县人防办）"
    pdf = make_pdf(tmp_path / "住建.pdf")
    code, out, err = _run(capsys, "attach", national, "--unit", written, "--indicator", "26", pdf, "--json")
    assert code == 0, err
    assert json.loads(out)[0]["unit"] == "县住房和城乡建设局"
    code, out, err = _run(capsys, "kit", national, "--unit", written, "--out", tmp_path / "kit.zip")
    assert code == 0, err
    assert "县住房和城乡建设局 的任务包" in out and "26" in out


def test_lead_unit_kit_lists_co_units_and_co_unit_kit_names_the_lead(
    national: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_project(national, readonly=True) as project:
        ind = project.catalog.indicator(21)  # 县政府办公室、县司法局
    code, _out, err = _run(capsys, "units", national, "--roles", f"{ind.number}=司法局:县政府办")
    assert code == 0, err
    with open_project(national, readonly=True) as project:
        roles = indicator_roles(project)[ind.number]
    assert roles.lead == ("县司法局",) and roles.co == ("县政府办公室",)
    for unit, role, other in (("县司法局", "lead", "县政府办公室"), ("县政府办", "co", "县司法局")):
        kit = tmp_path / f"{unit}.zip"
        code, out, err = _run(capsys, "kit", national, "--unit", unit, "--out", kit)
        assert code == 0, err
        with zipfile.ZipFile(kit) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        entry = next(r for r in manifest["roles"] if r["number"] == ind.number)
        assert entry["role"] == role and other in (entry["co"] if role == "lead" else entry["lead"])
        if role == "lead":
            assert "牵头：" in out and "21" in out.split("牵头：")[1]


def test_only_a_responsible_unit_can_lead(national: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "units", national, "--roles", "21=县发改局:县司法局")
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "县发展和改革局 不是第 21 项指标的责任单位" in err
    with open_project(national, readonly=True) as project:
        assert indicator_roles(project)[21].lead == ()  # nothing stored
