"""The exchange commands through ``app.cli.main``: kit, init --from-kit, submit, import, review, freeze."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main

MakePdf = Callable[..., Path]


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:  # argparse refuses bad arguments by exiting
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _json(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Any:
    code, out, err = _run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def office(
    tmp_path: Path, small_catalog_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> Path:
    catalog = tmp_path / "tiny.json"
    catalog.write_text(json.dumps(small_catalog_document, ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "office"
    code, _out, err = _run(
        capsys, "init", folder, "--county", "测试县", "--year", "2024", "--catalog", catalog
    )
    assert code == 0, err
    return folder


def test_exchange_round_trip_on_the_command_line(
    office: Path, tmp_path: Path, make_pdf: MakePdf, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit.zip"
    issued = _json(capsys, "kit", office, "--unit", "县司法局", "--out", kit, "--deadline", "2024-06-30")
    assert issued["unit"] == "县司法局" and issued["indicators"] == [1, 3, 4, 5]
    assert issued["deadline"] == "2024-06-30" and issued["path"] == str(kit) and kit.is_file()

    unit = tmp_path / "unit"
    code, _out, err = _run(capsys, "init", unit, "--from-kit", kit)
    assert code == 0, err
    units = _json(capsys, "units", unit)
    assert any(u["name"] == "县司法局" and u["indicators"] == [1, 3, 4, 5] for u in units)

    first = make_pdf(tmp_path / "执法案卷.pdf", pages=2)
    code, _out, err = _run(capsys, "attach", unit, "--unit", "县司法局", "--indicator", "3", first)
    assert code == 0, err
    code, _out, err = _run(capsys, "attach", unit, "--unit", "县发改局", "--indicator", "2", first)
    assert code in (1, 2) and len(err.strip().splitlines()) == 1

    # Open self-check errors (indicators 1, 4, 5 have no evidence yet): refused without --force.
    code, out, err = _run(capsys, "submit", unit, "--out", tmp_path / "s1.zip")
    assert code == 1 and out == "" and "--force" in one_line(err) and "错误" in err
    assert not (tmp_path / "s1.zip").exists()
    code, out, err = _run(capsys, "submit", unit, "--out", tmp_path / "s1.zip", "--force", "--json")
    assert code == 0 and "警告" in one_line(err)
    submitted = json.loads(out)
    assert submitted["files"] == 1 and submitted["unit"] == "县司法局"

    imported = _json(capsys, "import", office, tmp_path / "s1.zip")
    for key in ("unit", "submission_id", "added", "unchanged", "superseded", "files"):
        assert key in imported
    assert (imported["unit"], imported["added"], imported["unchanged"], imported["superseded"]) == (
        "县司法局",
        1,
        0,
        0,
    )
    assert imported["files"][0]["filename"] == "执法案卷.pdf" and imported["files"][0]["status"] == "added"

    code, _out, err = _run(capsys, "import", office, tmp_path / "s1.zip")
    assert code == 1 and "已导入过" in err and len(err.strip().splitlines()) == 1

    returned = _json(
        capsys,
        "review",
        office,
        "--indicator",
        "3",
        "--unit",
        "县司法局",
        "--return",
        "--comment",
        "案卷不足",
    )
    assert (returned["decision"], returned["comment"], returned["unit"]) == (
        "returned",
        "案卷不足",
        "县司法局",
    )
    note = _json(capsys, "kit", office, "--unit", "县司法局", "--returns", "--out", tmp_path / "r.zip")
    assert [r["indicator"] for r in note["returned"]] == [3]

    seen = _json(capsys, "import", unit, tmp_path / "r.zip")
    assert seen["kind"] == "returns" and seen["returned"][0]["comment"] == "案卷不足"

    second = make_pdf(tmp_path / "执法案卷（补充）.pdf", pages=10)
    code, _out, err = _run(capsys, "attach", unit, "--unit", "县司法局", "--indicator", "3", second)
    assert code == 0, err
    _json(capsys, "submit", unit, "--out", tmp_path / "s2.zip", "--force")
    code, out, err = _run(capsys, "import", office, tmp_path / "s2.zip")
    assert code == 0, err
    assert "新增 1 个，未变 1 个，被替代 0 个" in out and "执法案卷（补充）.pdf" in out

    accepted = _json(
        capsys, "review", office, "--indicator", "3", "--unit", "县司法局", "--accept", "--comment", "齐全"
    )
    assert accepted["decision"] == "accepted"

    code, out, err = _run(capsys, "freeze", office, "--label", "正式申报")
    assert code == 1 and out == "" and "--force" in one_line(err)
    assert not (Path(office) / "exports").exists() or not list((Path(office) / "exports").glob("freeze-*"))
    frozen = _json(capsys, "freeze", office, "--label", "正式申报", "--force")
    assert frozen["label"] == "正式申报" and frozen["evidence"] == 2
    assert Path(frozen["folder"], "manifest.json").is_file()
    listed = _json(capsys, "freeze", office, "--list")
    assert [f["id"] for f in listed] == [frozen["id"]]
    checked = _json(capsys, "freeze", office, "--verify")
    assert checked["ok"] is True and checked["problems"] == []

    Path(frozen["folder"], "manifest.json").write_text("{}", encoding="utf-8")
    code, out, _err = _run(capsys, "freeze", office, "--verify", str(frozen["id"]))
    assert code == 3 and "冻结清单" in out

    log = _json(capsys, "log", office)
    actions = {entry["action"] for entry in log}
    assert {"exchange.kit", "exchange.import", "review.return", "review.accept", "freeze.create"} <= actions


def test_human_output_of_kit_and_review(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "kit", office, "--unit", "县发改局", "--out", tmp_path / "k.zip")
    assert code == 0, err
    assert "县发展和改革局" in out and "1、2、4" in out and "新生成" in out
    code, out, err = _run(capsys, "kit", office, "--unit", "县发改局", "--out", tmp_path / "k2.zip")
    assert code == 0 and "沿用" in out
    code, out, err = _run(
        capsys, "review", office, "--indicator", "2", "--unit", "县发改局", "--accept", "--comment", "好"
    )
    assert code == 0 and "通过" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["review", "{office}", "--indicator", "3", "--unit", "县司法局", "--comment", "x"], 2),
        (["review", "{office}", "--indicator", "3", "--unit", "县司法局", "--return", "--comment", " "], 2),
        (["review", "{office}", "--indicator", "2", "--unit", "县司法局", "--accept", "--comment", "x"], 2),
        (["kit", "{office}", "--unit", "各乡镇", "--out", "{tmp}/x.zip"], 2),
        (["kit", "{office}", "--unit", "县司法局", "--out", "{tmp}/x.zip", "--deadline", "明天"], 2),
        (["kit", "{office}", "--unit", "县司法局", "--returns", "--out", "{tmp}/x.zip"], 2),
        (["submit", "{office}", "--out", "{tmp}/x.zip"], 2),
        (["import", "{office}", "{tmp}/absent.zip"], 1),
        (["freeze", "{office}", "--verify"], 1),
    ],
)
def test_user_errors_are_one_line(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: int
) -> None:
    filled = [a.format(office=office, tmp=tmp_path) for a in args]
    code, out, err = _run(capsys, *filled)
    assert code == expected
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("fazhi: ")
    assert "Traceback" not in err
    assert not (tmp_path / "x.zip").exists()


def test_a_change_after_a_freeze_is_allowed_but_flagged(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, "freeze", office, "--label", "正式申报", "--force")
    assert code == 0, err
    code, out, err = _run(capsys, "assess", office, "--indicator", "1", "--level", "达标")
    assert code == 0 and "第 1 项" in out
    assert "警告" in one_line(err) and "正式申报" in err
    entry = _json(capsys, "log", office, "--action", "assessment.")[-1]
    assert entry["detail"]["after_freeze"]["label"] == "正式申报"
    frozen = _json(capsys, "log", office, "--action", "freeze.create")[-1]
    assert "after_freeze" not in frozen["detail"]
