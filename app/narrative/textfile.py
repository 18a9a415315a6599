"""The report's text as a file a clerk edits in Word/WPS (DOCX) or any editor (Markdown), and back.

Layout: a title and a note (ignored on reading), one level-1 heading per narrative section (the titles
of ``narrative_sections``, in the report's order), then ``三级指标自评说明`` with one level-2 heading
``第 N 项自评说明：…`` per indicator. Reading goes by headings: every heading must be known and appear
once; a section missing from the file stays as it is. ``import_file`` checks the whole file first and
stores everything in one transaction (only the texts that changed get a new version).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.base.errors import UsageError
from app.narrative.store import current_narrative, note_key, save_texts, section_titles
from app.project.folder import Project
from indicator_catalog import Catalog

NOTES_HEADING = "三级指标自评说明"
NOTE_HEADING = re.compile(r"^第\s*(\d+)\s*项\s*自评说明")
INSTRUCTIONS = (
    "填写说明：请在各标题下方撰写正文；不要修改、删除或增加标题（导入时按标题识别各部分）。"
    "删除某个标题及其正文，则导入时该部分保持不变。"
)
FORMATS = (".docx", ".md")
NOTE_TITLE_CHARS = 40


@dataclass(frozen=True)
class Heading:
    level: int  # 0: the document title; 1, 2 …
    text: str
    line: int  # 1-based line (Markdown) or paragraph (DOCX) number


def _squash(text: str) -> str:
    return "".join(text.split())


def note_heading(catalog: Catalog, number: int) -> str:
    text = catalog.indicator(number).text.strip()
    if len(text) > NOTE_TITLE_CHARS:
        text = text[: NOTE_TITLE_CHARS - 1] + "…"
    return f"第 {number} 项自评说明：{text}"


def document_title(project: Project) -> str:
    return f"{project.info.county}自评报告文字稿"


def _blocks(project: Project) -> list[tuple[int, str, str]]:
    """(heading level, heading, text) of everything written out, in order."""
    catalog = project.catalog
    state = current_narrative(project)
    blocks = [(1, title, state.sections.get(key, "")) for key, title in section_titles(catalog).items()]
    blocks.append((1, NOTES_HEADING, ""))
    blocks += [
        (2, note_heading(catalog, i.number), state.notes.get(i.number, "")) for i in catalog.indicators
    ]
    return blocks


def _check_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"文件应以 .docx 或 .md 结尾：{path}")
    return suffix


# -- writing ----------------------------------------------------------------------------------------


def _markdown_line(line: str) -> str:
    return "\\" + line if line.lstrip().startswith("#") or line.startswith("\\") else line


def export_file(project: Project, out: Path) -> Path:
    """Write every section and note to ``out`` (.docx or .md) through a temporary file."""
    out = Path(out)
    suffix = _check_format(out)
    if not out.parent.is_dir():
        raise UsageError(f"输出目录不存在：{out.parent}")
    blocks = _blocks(project)
    temporary = out.with_name(f".{out.name}.tmp")
    try:
        if suffix == ".md":
            lines = [f"# {document_title(project)}", "", INSTRUCTIONS, ""]
            for level, heading, text in blocks:
                lines += ["#" * (level + 1) + " " + heading, ""]
                if text:
                    lines += [_markdown_line(line) for line in text.split("\n")] + [""]
            temporary.write_text("\n".join(lines), encoding="utf-8")
        else:
            _write_docx(document_title(project), blocks, temporary)
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)
    return out


def _write_docx(title: str, blocks: list[tuple[int, str, str]], out: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = document.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), "宋体" if name == "Normal" else "黑体")
    document.add_heading(title, level=0)
    document.add_paragraph(INSTRUCTIONS)
    for level, heading, text in blocks:
        document.add_heading(heading, level=level)
        for line in text.split("\n") if text else []:
            document.add_paragraph(line)
    document.save(str(out))


# -- reading ----------------------------------------------------------------------------------------


def _markdown_parts(path: Path) -> list[tuple[Heading | None, list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"Markdown 文件不是 UTF-8 编码：{path}") from None
    except OSError as exc:
        raise UsageError(f"无法读取文件：{path}（{exc.strerror or exc}）") from None
    parts: list[tuple[Heading | None, list[str]]] = [(None, [])]
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if match:
            parts.append((Heading(len(match.group(1)) - 1, match.group(2), number), []))
        else:
            parts[-1][1].append(line[1:] if line.startswith("\\") else line)
    return parts


def _docx_level(style_name: str) -> int | None:
    name = style_name.strip().lower()
    if name in ("title", "标题"):
        return 0
    match = re.match(r"^(heading|标题)\s*(\d)$", name)
    return int(match.group(2)) if match else None


def _docx_parts(path: Path) -> list[tuple[Heading | None, list[str]]]:
    from docx import Document

    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a Word document
        raise UsageError(f"无法读取 Word 文档：{path}（{type(exc).__name__}）") from None
    parts: list[tuple[Heading | None, list[str]]] = [(None, [])]
    for number, paragraph in enumerate(document.paragraphs, start=1):
        style = paragraph.style.name if paragraph.style is not None else ""
        level = _docx_level(style or "")
        if level is not None and paragraph.text.strip():
            parts.append((Heading(level, paragraph.text.strip(), number), []))
        else:
            parts[-1][1].append(paragraph.text)
    return parts


def read_file(project: Project, path: Path) -> dict[str, str]:
    """Key → text of every heading in ``path``; one-line UsageError for an unknown or repeated heading."""
    path = Path(path)
    suffix = _check_format(path)
    if not path.is_file():
        raise UsageError(f"文件不存在：{path}")
    parts = _markdown_parts(path) if suffix == ".md" else _docx_parts(path)
    catalog = project.catalog
    by_title = {_squash(title): key for key, title in section_titles(catalog).items()}
    where = "行" if suffix == ".md" else "段"
    texts: dict[str, str] = {}
    for heading, lines in parts:
        body = "\n".join(lines).strip()
        if heading is None or heading.level == 0 or _squash(heading.text) == NOTES_HEADING:
            continue  # the title, the note under it and the notes' group heading
        match = NOTE_HEADING.match(_squash(heading.text))
        key = note_key(int(match.group(1))) if match else by_title.get(_squash(heading.text))
        if match and not catalog.has_indicator(int(match.group(1))):
            key = None
        if key is None:
            raise UsageError(f"{path}：第 {heading.line} {where}的标题“{heading.text}”不是本项目的文字部分")
        if key in texts:
            raise UsageError(f"{path}：第 {heading.line} {where}的标题“{heading.text}”重复出现")
        texts[key] = body
    if not texts:
        raise UsageError(f"{path}：没有找到任何文字部分的标题")
    return texts


def import_file(project: Project, path: Path, *, actor: str | None = None) -> list[str]:
    """Read ``path`` and store what changed in one transaction; the keys that got a new version."""
    texts = read_file(project, path)
    return save_texts(project, texts, source="import", actor=actor, origin=str(Path(path).resolve()))
