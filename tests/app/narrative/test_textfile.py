"""Export → edit → import of the report's text as Markdown and as a real DOCX (python-docx), refusal of
unknown headings with nothing stored, and the stored text in the report PDF in the official order."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
import pytest

from app.base.errors import UsageError
from app.export.service import export_report_pdf
from app.narrative.store import current_narrative, save_texts
from app.narrative.textfile import export_file, import_file
from app.project.folder import Project


def test_markdown_round_trip(project: Project, tmp_path: Path) -> None:
    save_texts(project, {"basic": "原有基本情况。"})
    out = export_file(project, tmp_path / "文字稿.md")
    text = out.read_text(encoding="utf-8")
    assert "## 基本情况" in text and "### 第 3 项自评说明：执法监督" in text
    text = text.replace("原有基本情况。", "改写后的基本情况。\n# 井号开头的一行不是标题")
    text = text.replace("## 下一步打算\n", "## 下一步打算\n\n明年继续推进。\n")
    (tmp_path / "文字稿.md").write_text(text.replace("\n# 井号", "\n\\# 井号"), encoding="utf-8")
    assert sorted(import_file(project, tmp_path / "文字稿.md")) == ["basic", "next_steps"]
    state = current_narrative(project)
    assert state.sections["basic"] == "改写后的基本情况。\n# 井号开头的一行不是标题"
    assert state.sections["next_steps"] == "明年继续推进。"


def test_docx_round_trip(project: Project, tmp_path: Path) -> None:
    out = export_file(project, tmp_path / "文字稿.docx")
    document = docx.Document(str(out))
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings[:5] == ["基本情况", "一、政府职能", "二、制度建设", "存在问题和整改措施", "下一步打算"]
    paragraphs = list(document.paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text == "二、制度建设":
            paragraphs[index + 1].insert_paragraph_before("制定规范性文件 8 件。")
        if paragraph.text.startswith("第 5 项自评说明"):
            paragraphs[index + 1].insert_paragraph_before("审核 30 件。")
    document.save(str(out))
    assert sorted(import_file(project, out)) == ["area:2", "indicator:5"]
    state = current_narrative(project)
    assert state.sections == {"area:2": "制定规范性文件 8 件。"} and state.notes == {5: "审核 30 件。"}


def test_unknown_heading_is_refused_in_one_line_and_nothing_stored(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "坏.md"
    path.write_text("## 基本情况\n\n新文字\n\n## 工作亮点\n\n其他\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        import_file(project, path)
    message = str(caught.value)
    assert "工作亮点" in message and str(path) in message and "\n" not in message
    assert current_narrative(project).sections == {}


def test_report_pdf_prints_the_text_in_section_order(project: Project, tmp_path: Path) -> None:
    texts = {
        "basic": "甲一基本情况正文",
        "area:1": "乙二政府职能正文",
        "area:2": "丙三制度建设正文",
        "problems": "丁四存在问题正文",
        "next_steps": "戊五下一步正文",
    }
    save_texts(project, texts)
    out = export_report_pdf(project, tmp_path / "报告.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(str(out)).pages)
    text = "".join(text.split())
    positions = [text.find(value) for value in texts.values()]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
