"""``fazhi narrative DIR``: --set, --list --json, --draft, --export/--import, one-line refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main


def test_set_list_draft_export_import(
    project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(project_dir)
    assert main(["narrative", folder, "--set", "basic", "--text", "本县基本情况。", "--by", "甲"]) == 0
    assert main(["narrative", folder, "--draft", "--json"]) == 0
    capsys.readouterr()
    assert main(["narrative", folder, "--list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    sections = {s["key"]: s for s in listing["sections"]}
    assert sections["basic"]["text"] == "本县基本情况。" and sections["basic"]["by"] == "甲"
    assert sections["next_steps"]["source"] == "draft" and sections["next_steps"]["status"] == "含待补充"
    md = tmp_path / "稿.md"
    assert main(["narrative", folder, "--export", str(md)]) == 0
    md.write_text(md.read_text(encoding="utf-8").replace("本县基本情况。", "改写。"), encoding="utf-8")
    capsys.readouterr()
    assert main(["narrative", folder, "--import", str(md), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"changed": ["basic"]}
    bad = tmp_path / "坏.md"
    bad.write_text("## 未知部分\n\n文字\n", encoding="utf-8")
    assert main(["narrative", folder, "--import", str(bad)]) != 0
    err = capsys.readouterr().err
    assert "未知部分" in err and err.count("\n") == 1
