"""Exports print outside names by the one display rule: the workbook's evidence cells are escaped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl

from app.cli.main import main
from app.evidence.attach import attach
from app.project.folder import open_project

MakeFile = Callable[..., Path]


def test_workbook_cells_show_bidi_and_separators_escaped(
    project_dir: Path, tmp_path: Path, make_pdf: MakeFile
) -> None:
    with open_project(project_dir) as project:
        pdf = make_pdf(tmp_path / "发票\u202efdp\u2028二.pdf")
        attach(project, unit="县司法局", indicators=[1], files=[pdf])
    out = tmp_path / "book.xlsx"
    assert main(["export", "workbook", str(project_dir), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    cells = [
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c
    ]
    assert any("发票[U+202E]fdp[U+2028]二.pdf" in c for c in cells)
    assert not any("\u202e" in c or "\u2028" in c for c in cells)
