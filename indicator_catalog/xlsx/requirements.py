"""Reading a 具体资料报送 cell: items, counts, 网址/联系方式, 实地核查, years, 合并提供 notes."""

from __future__ import annotations

import re
from typing import Any

from indicator_catalog.demands import parse_time_demand

_NUMBER_LIST = r"\d+(?:\s*(?:[、，,和及与]|至|[-—–~～])\s*\d+)*"
_SHARED_NOTE = re.compile(
    rf"第\s*(?P<nums>{_NUMBER_LIST})\s*项(?:指标)?\s*[，,：:]?\s*(?:请)?\s*合并(?:并)?提供"
    r"\s*(?:(?:下列|以下|如下)(?:材料|资料)?)?\s*[：:，,]?\s*"
)
# "1." / "1、" at the start or after a space or punctuation (not "第2、3项", not "2.5"); "（1）" anywhere.
_ITEM_MARK = re.compile(r"(?:(?:^|(?<=[\s；;。：:，,]))(\d{1,2})\s*[.．、](?!\d)|[（(](\d{1,2})[)）])")
_COUNT_PATTERNS = (
    re.compile(r"任[意选]\s*(\d{1,3})\s*[件家个份篇起例]"),
    re.compile(r"(\d{1,3})\s*[件家个份篇起例]\s*(?:高质量)?(?:案例|实例)"),
    re.compile(r"(\d{1,3})\s*(?:[件家份篇起例]|个(?!工作日|月|小时|百分点|季度|自然日))"),
)


def _expand_numbers(text: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*(?:[、，,和及与])\s*", text.strip()):
        bounds = re.split(r"\s*(?:至|[-—–~～])\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if low <= high <= low + 500:
                numbers.extend(range(low, high + 1))
        elif part.isdigit():
            numbers.append(int(part))
    return list(dict.fromkeys(numbers))


def shared_note(text: str) -> tuple[list[int] | None, str]:
    """Numbers named by a "第26、27项指标，请合并提供" note and the text with the note removed."""
    match = _SHARED_NOTE.search(text)
    if match is None:
        return None, text
    numbers = _expand_numbers(match.group("nums"))
    if match.start() == 0 or not text[: match.start()].strip():
        text = text[match.end() :]
    return numbers, text


def _split_items(text: str) -> list[str]:
    marks: list[re.Match[str]] = []
    last = 0
    for match in _ITEM_MARK.finditer(text):
        value = int(match.group(1) or match.group(2))
        if (not marks and value == 1) or (marks and value in (last, last + 1)):
            marks.append(match)
            last = value
    if len(marks) >= 2 or (marks and not text[: marks[0].start()].strip()):
        pieces = []
        lead = text[: marks[0].start()].strip()
        if lead and not lead.endswith(("：", ":")):  # a lead-in such as "各相关部门提供：" is not an item
            pieces.append(lead)
        for index, match in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
            pieces.append(text[match.end() : end])
    else:
        pieces = re.split(r"[；;]", text)
    items = [piece.strip().rstrip("；;，, \t\n").strip() for piece in pieces]
    return [item for item in items if item]


def _min_count(text: str) -> int | None:
    for pattern in _COUNT_PATTERNS:
        match = pattern.search(text)
        if match and int(match.group(1)) > 0:
            return int(match.group(1))
    return None


def parse_requirements(text: str, key_prefix: str) -> list[dict[str, Any]]:
    """Split a 具体资料报送 cell (without its 合并提供 note) into requirement dicts."""
    return [
        {
            "key": f"{key_prefix}.{index}",
            "text": item,
            "min_count": _min_count(item),
            "needs_url": "网址" in item or "链接" in item,
            "needs_contact": "联系方式" in item or "联系电话" in item,
            "onsite": "实地核查" in item,
            **parse_time_demand(item).to_dict(),
        }
        for index, item in enumerate(_split_items(text), start=1)
    ]
