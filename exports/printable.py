"""Every export checks its text before writing: a character no bundled font draws (it would print as a
box, and vanish from the text layer) fails the export with one line naming the character and where it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from app.base.errors import FazhiError
from exports.fonts import (
    missing_glyphs,
    printable,
)
from exports.report_data import ReportData, narrative_sections


def _texts(data: ReportData) -> Iterator[tuple[str, str]]:
    """``(where, text)`` of everything an export of ``data`` prints."""
    yield "县名", data.county
    yield "申报单位", data.issuing_body
    yield "指标体系名称", data.catalog.title
    for area in data.catalog.areas:
        yield f"一级指标“{area.code}”的名称", area.name
    for group in data.catalog.groups:
        yield f"二级指标“{group.code}”的名称", group.name
    for indicator in data.catalog.indicators:
        yield f"第 {indicator.number} 项指标内容", indicator.text
        for unit in indicator.units:
            yield f"第 {indicator.number} 项的责任单位", unit
        for requirement in indicator.requirements:
            yield f"第 {indicator.number} 项的资料要求", requirement.text
    for score in data.score.indicators:
        yield f"第 {score.number} 项的评定意见", score.comment
    for key, title in narrative_sections(data.catalog):
        yield f"报告正文“{title}”", data.narrative.get(key, "")
    for number, note in data.indicator_notes.items():
        yield f"第 {number} 项的自评说明", note
    for item in data.evidence:
        yield f"印证资料 {item.id} 的文件名", item.filename
        yield f"印证资料 {item.id} 的标题", item.title
        yield f"印证资料 {item.id} 的责任单位", item.unit
    for task in data.unit_tasks:
        yield f"第 {task.indicator} 项 {task.unit} 的审核意见", task.comment
    for claim in data.bonus:
        yield f"加分项 {claim.id}", f"{claim.text}{claim.note}"
    for veto in data.veto:
        yield f"否决项 {veto.id}", f"{veto.text}{veto.note}"
    for index, finding in enumerate(data.findings, start=1):
        yield f"自查问题 {index}", f"{finding.message}{finding.unit}"
    yield "评分方案", data.scheme_name + "".join(data.scheme_lines) + data.disclaimer
    for question in data.open_questions:
        yield "指标体系的待定问题", question


def check_report_text(data: ReportData) -> None:
    """Raise ``UnprintableError`` for the first text of ``data`` that would print a box."""
    for where, value in _texts(data):
        if value:
            check_printable(value, where)


class UnprintableError(FazhiError):
    """A text holds a character no bundled font draws: it would print as a box, so nothing is written."""


def _describe(char: str) -> str:
    return f"“{char}”（U+{ord(char):04X}）"


def unprintable_message(char: str, where: str) -> str:
    return (
        f"无法导出：{where}中的字符{_describe(char)}在内置字体中没有字形，打印出来会是方框；"
        "请改用规范汉字或删去该字符后重试"
    )


def clean_text(value: str) -> str:
    """``value`` without invisible format characters (zero width space, direction marks, BOM: pasted
    from Word or web pages) and with odd-width spaces the fonts lack made plain spaces."""
    if printable(value):
        return value
    out = []
    for char in value:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        if category == "Zs" and missing_glyphs(char):
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def check_printable(value: str, where: str) -> None:
    """Raise ``UnprintableError`` naming ``where`` if a character of ``value`` would print as a box."""
    if printable(value):
        return  # the common case: no fallback font needs loading
    missing = missing_glyphs(clean_text(value))
    if missing:
        first = min(missing, key=value.index)
        raise UnprintableError(unprintable_message(first, where))


def snippet_around(value: str, char: str) -> str:
    at = value.index(char)
    return value[max(0, at - 8) : at + 8].replace("\n", " ")
