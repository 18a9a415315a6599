"""``fazhi catalog`` commands accept plan catalogs (task lists) as well as assessment catalogs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli.main import main


def test_list_show_export_import_validate_a_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "list", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["wutai-rural-2021"]["kind"] == "plan" and rows["wutai-rural-2021"]["tasks"] == 31
    assert rows["national-2021"]["kind"] == "assessment"
    assert main(["catalog", "show", "wutai-rural-2021", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["kind"] == "plan" and len(shown["tasks"]) == 31
    assert main(["catalog", "show", "wutai-rural-2021"]) == 0
    assert "完成时限：2025年6月前" in capsys.readouterr().out
    sheet = tmp_path / "任务.xlsx"
    assert main(["catalog", "export-xlsx", "wutai-rural-2021", "--out", str(sheet)]) == 0
    cells = [c for row in load_workbook(sheet).worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert any("健全法治乡村执法体制机制" in str(c) for c in cells)
    out = tmp_path / "plan.yaml"
    assert main(["catalog", "import-xlsx", str(sheet), "--out", str(out)]) == 0
    assert "任务 31 项" in capsys.readouterr().out
    assert main(["catalog", "validate", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"] == {"sections": 6, "tasks": 31}
    assert main(["catalog", "show", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == shown
