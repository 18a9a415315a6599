"""``fazhi export …`` and ``fazhi assess-xlsx`` through the command line (``fazhi assess --from-xlsx`` is
tested in ``test_cli_assess_xlsx.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from app.cli.main import main

MakePdf = Any


@pytest.fixture
def folder(project_dir: Path, make_pdf: MakePdf, tmp_path: Path) -> Path:
    pdf = make_pdf(tmp_path / "files" / "述法报告.pdf", pages=2, text="述法报告")
    assert main(["attach", str(project_dir), "--unit", "县司法局", "--indicator", "1", str(pdf)]) == 0
    assert main(["assess", str(project_dir), "--indicator", "1", "--level", "达标"]) == 0
    return project_dir


@pytest.mark.parametrize(
    ("kind", "suffix"),
    [("report", ".pdf"), ("docx", ".docx"), ("workbook", ".xlsx"), ("bundle", ".pdf"), ("folder", ".zip")],
)
def test_each_export_writes_its_file(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    capsys.readouterr()
    assert main(["export", kind, str(folder), "--out", str(out), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["kind"] == kind and document["files"] == [str(out)] and out.stat().st_size > 0


def test_bundle_volumes_and_unit(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.pdf"
    assert (
        main(
            [
                "export",
                "bundle",
                str(folder),
                "--out",
                str(out),
                "--unit",
                "县司法局",
                "--max-volume-mb",
                "50",
            ]
        )
        == 0
    )
    assert "述法报告" in "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)


def test_assess_xlsx_imports_levels(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = tmp_path / "w.xlsx"
    assert main(["export", "workbook", str(folder), "--out", str(workbook)]) == 0
    book = openpyxl.load_workbook(workbook)
    book["自评打分表"]["F3"] = "基本达标"
    book.save(workbook)
    capsys.readouterr()
    assert main(["assess-xlsx", str(folder), str(workbook), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["rows"], result["changed"], result["unchanged"]) == (2, 1, 1)
    assert [(c["indicator"], c["level"]) for c in result["changes"]] == [(2, "基本达标")]


def test_user_errors_are_one_line_with_exit_code(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"nope")
    cases = [
        (["export", "report", str(folder), "--out", str(tmp_path / "x.txt")], "应以 .pdf 结尾"),
        (
            ["export", "bundle", str(folder), "--out", str(tmp_path / "x.pdf"), "--unit", "县教育局"],
            "县教育局",
        ),
        (["assess-xlsx", str(folder), str(bad)], "不是有效的 Excel 工作簿"),
    ]
    for argv, expected in cases:
        result = subprocess.run(
            [sys.executable, "-m", "app", *argv], capture_output=True, text=True, check=False
        )
        assert result.returncode in (1, 2), result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()
