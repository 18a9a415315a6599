"""Document metadata found in the text of a 公文: 文号, 发文日期, 发文机关; duplicates by 文号.

The layout of a 红头文件 (GB/T 9704) is used: the header line "××县人民政府文件", the 文号 on a line
of its own under it (陵政发〔2022〕15号; writers also use [], (), （）, 【】 or ［］ around the year), the
发文机关署名 above the 成文日期 at the end (二〇二二年三月五日 or 2022年3月5日), the 印发日期 line last.
Every function is pure and takes the page texts (or one text); nothing found gives ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

_OPEN = "〔[(（［【〖"
_CLOSE = "〕])）］】〗"
_WENHAO = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*["
    + re.escape(_OPEN)
    + r"]\s*((?:19|20)\d{2})\s*["
    + re.escape(_CLOSE)
    + r"]\s*第?\s*0*(\d{1,5})\s*号"
)
# Words that stand before a 文号 in running text but are not part of the 机关代字.
_LEAD_WORDS = re.compile(
    r"^.*(?:根据|按照|依据|依照|参照|印发|转发|执行|落实|贯彻|关于|详见|见|以|和|及|与|的)"
)
_HEADER = re.compile(r"^(.{2,40}?)\s*文\s*件$")
_AGENCY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|委员会|领导小组|局|委|办|厅|部|院|中心|所|站|队|处|科|室|会|法院|检察院|公司)$"
)
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_YEAR = "〇○零Ｏ一二三四五六七八九"
_CN_NUMBER = "一二三四五六七八九十"
_DATE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|([" + _CN_YEAR + r"]{4})\s*年\s*([" + _CN_NUMBER + r"]{1,3})\s*月\s*([" + _CN_NUMBER + r"]{1,3})\s*日"
)


@dataclass(frozen=True)
class DocMeta:
    wenhao: str | None  # normalized: 陵政发〔2022〕15号
    date: dt.date | None  # 成文日期 (or the 印发日期 when there is no other)
    agency: str | None  # 发文机关
    cited: tuple[str, ...] = ()  # other 文号 mentioned in the text

    @property
    def period(self) -> str | None:
        """The evidence period the date gives (``"2022-03"``), for evidence attached without one."""
        return f"{self.date.year:04d}-{self.date.month:02d}" if self.date else None

    @property
    def year(self) -> int | None:
        """The year, for an indicator's "since" check (2019年以来)."""
        return self.date.year if self.date else None


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ")


def _normalize_wenhao(code: str, year: str, number: str) -> str:
    return f"{code}〔{year}〕{int(number)}号"


def _code(prefix: str) -> str:
    trimmed = _LEAD_WORDS.sub("", prefix)
    return trimmed or prefix[-4:]


def find_wenhao(text: str) -> list[str]:
    """Every 文号 in ``text``, normalized (〔〕 around the year, no leading zeros), in order, once each."""
    found: list[str] = []
    # NFKC turns 〔〕 into themselves, but （） into (), ［］ into []: both are in the bracket sets.
    for match in _WENHAO.finditer(_prepare(text)):
        code = _code(match.group(1))
        value = _normalize_wenhao(code, match.group(2), match.group(3))
        if value not in found:
            found.append(value)
    return found


def main_wenhao(text: str, head_lines: int = 15) -> str | None:
    """The document's own 文号: on a line of its own near the top, else the first one near the top."""
    lines = [line.strip() for line in _prepare(text).splitlines() if line.strip()]
    for line in lines[:head_lines]:
        match = _WENHAO.fullmatch(line.replace(" ", "")) or _WENHAO.search(line)
        if match and len(line.replace(" ", "")) <= len(match.group(0)) + 12:
            return _normalize_wenhao(_code(match.group(1)), match.group(2), match.group(3))
    head = "\n".join(lines[:head_lines])
    found = find_wenhao(head)
    return found[0] if found else None


def _cn_number(text: str) -> int:
    """一 … 三十一 → 1 … 31."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _to_date(match: re.Match[str]) -> dt.date | None:
    try:
        if match.group(1):
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        year = int("".join(str(_CN_DIGITS[ch]) for ch in match.group(4)))
        return dt.date(year, _cn_number(match.group(5)), _cn_number(match.group(6)))
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> list[dt.date]:
    """Every valid date written 2022年3月5日 or 二〇二二年三月五日 in ``text``, in order."""
    return [date for match in _DATE.finditer(_prepare(text)) if (date := _to_date(match)) is not None]


def issue_date(text: str) -> dt.date | None:
    """The 成文日期: the last date standing on a line of its own that is not the 印发 line.

    Falls back to the 印发日期, then to the first date in the text.
    """
    own_line: list[dt.date] = []
    printed: list[dt.date] = []
    for line in _prepare(text).splitlines():
        stripped = line.strip().replace(" ", "")
        match = _DATE.search(stripped)
        if not match or (date := _to_date(match)) is None:
            continue
        rest = stripped[match.end() :]
        if rest.startswith("印发"):
            printed.append(date)
        elif match.start() == 0 and not rest:
            own_line.append(date)
    if own_line:
        return own_line[-1]
    if printed:
        return printed[-1]
    dates = find_dates(text)
    return dates[0] if dates else None


def issuing_agency(text: str) -> str | None:
    """The 发文机关: from the header line (××文件), else the 署名 line above the 成文日期."""
    lines = [line.strip().replace(" ", "") for line in _prepare(text).splitlines() if line.strip()]
    for line in lines[:5]:
        header = _HEADER.match(line)
        if header and _AGENCY_SUFFIX.search(header.group(1)):
            return header.group(1)
    for index, line in enumerate(lines):
        match = _DATE.fullmatch(line)
        if match and index > 0:
            above = lines[index - 1]
            if len(above) <= 30 and _AGENCY_SUFFIX.search(above) and not _WENHAO.search(above):
                return above
    return None


def document_metadata(pages: Sequence[str]) -> DocMeta:
    """文号 and 机关 from the first page, 成文日期 from the whole text (it sits at the end)."""
    whole = "\n".join(pages)
    first = pages[0] if pages else ""
    wenhao = main_wenhao(first)
    cited = tuple(code for code in find_wenhao(whole) if code != wenhao)
    return DocMeta(wenhao, issue_date(whole), issuing_agency(first) or issuing_agency(whole), cited)


def duplicates_by_wenhao(items: Iterable[tuple[K, str | None]]) -> dict[str, list[K]]:
    """Groups of keys (e.g. evidence ids) that carry the same 文号; only groups of two or more."""
    groups: dict[str, list[K]] = defaultdict(list)
    for key, wenhao in items:
        if wenhao:
            found = find_wenhao(wenhao)
            groups[found[0] if found else wenhao.strip()].append(key)
    return {code: keys for code, keys in groups.items() if len(keys) > 1}
