"""What a requirement item demands besides its text: the time it covers and the shape of the evidence.

``parse_time_demand`` reads the phrases of a 具体资料报送 item: a single year (``2021 年执法记录台账``),
a start year (``2020年以来``), a period (``（2022 年按季度提供）``), a list (``列表提供``) and a variety
(``任意10家不同行业的企业``). ``describe_time_demand`` and ``describe_demands`` print them in Chinese for
kits, task lists and reports. Pure functions: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

PERIODS = ("quarterly", "annual", "monthly")
PERIOD_NAMES = {"quarterly": "按季度", "annual": "按年度", "monthly": "按月"}

_YEAR = r"((?:19|20)\d{2})"
_SINCE = re.compile(_YEAR + r"\s*年?\s*以来")
_PERIOD_WORDS = (
    ("quarterly", r"(?:按|每个?|分)季度?"),
    ("monthly", r"(?:按|每个?)月(?!份)"),
    ("annual", r"(?:按|每)年度?(?!以来)"),
)
_PERIOD_SINCE = re.compile(
    _YEAR + r"\s*年\s*(?:起|开始|以来)?\s*(?:" + "|".join(w for _, w in _PERIOD_WORDS) + ")"
)
_ONE_YEAR = re.compile(_YEAR + r"\s*年(?!\s*以来)(?!\s*版)")
_LIST = re.compile(r"列表提供|以列表形式|列表报送")
_DISTINCT = re.compile(r"不同(行业|领域|类型|类别|部门|单位|地区|乡镇)")


@dataclass(frozen=True)
class TimeDemand:
    """The time demand and evidence shape read from one requirement text."""

    year: int | None = None  # 2021年执法记录台账 → 2021
    since: int | None = None  # 2019年以来 → 2019
    period: str | None = None  # "quarterly" | "annual" | "monthly"
    period_since: int | None = None  # （2022 年按季度提供） → 2022
    as_list: bool = False  # 列表提供
    distinct: str | None = None  # 不同行业 → "行业"

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "since": self.since,
            "period": self.period,
            "period_since": self.period_since,
            "as_list": self.as_list,
            "distinct": self.distinct,
        }


def _valid(year: str) -> int | None:
    value = int(year)
    return value if 1990 <= value <= 2100 else None


def parse_time_demand(text: str) -> TimeDemand:
    """Read year / since / period / list / variety demands from a requirement text."""
    period: str | None = None
    for name, words in _PERIOD_WORDS:
        if re.search(words, text):
            period = name
            break
    period_since: int | None = None
    rest = text
    match = _PERIOD_SINCE.search(text)
    if match and period is not None:
        period_since = _valid(match.group(1))
        rest = text[: match.start()] + text[match.end() :]
    since_years = [y for y in (_valid(m) for m in _SINCE.findall(rest)) if y is not None]
    rest = _SINCE.sub("", rest)
    one_years = [y for y in (_valid(m) for m in _ONE_YEAR.findall(rest)) if y is not None]
    distinct = _DISTINCT.search(text)
    return TimeDemand(
        year=min(one_years) if one_years else None,
        since=min(since_years) if since_years else None,
        period=period,
        period_since=period_since,
        as_list=_LIST.search(text) is not None,
        distinct=distinct.group(1) if distinct else None,
    )


class HasTimeDemand(Protocol):
    """A requirement item or a bonus item: anything with the time fields."""

    @property
    def year(self) -> int | None: ...

    @property
    def since(self) -> int | None: ...


def describe_time_demand(item: HasTimeDemand | dict[str, Any]) -> str:
    """The time an item covers, in Chinese: "2021年", "2019年以来", "2021年；2022年起按季度", "按季度".

    Accepts a ``Requirement``/``BonusItem`` or its plain dict; "" when the item names no time.
    """
    if isinstance(item, dict):
        year, since = item.get("year"), item.get("since")
        period, period_since = item.get("period"), item.get("period_since")
    else:
        year, since = item.year, item.since
        period, period_since = getattr(item, "period", None), getattr(item, "period_since", None)
    parts: list[str] = []
    if year is not None:
        parts.append(f"{year}年")
    if since is not None:
        parts.append(f"{since}年以来")
    if period is not None:
        name = PERIOD_NAMES.get(str(period), str(period))
        parts.append(f"{period_since}年起{name}" if period_since is not None else name)
    return "；".join(parts)


def describe_demands(item: HasTimeDemand | dict[str, Any]) -> list[str]:
    """Every demand of a requirement item as short Chinese phrases, time first.

    e.g. ["2020年以来", "任意10件", "不同行业", "列表提供", "附网址", "附联系方式", "实地核查"].
    """

    def get(name: str) -> Any:
        return item.get(name) if isinstance(item, dict) else getattr(item, name, None)

    phrases: list[str] = []
    time = describe_time_demand(item)
    if time:
        phrases.append(time)
    if get("min_count"):
        phrases.append(f"至少{get('min_count')}件")
    if get("distinct"):
        phrases.append(f"不同{get('distinct')}")
    if get("as_list"):
        phrases.append("列表提供")
    if get("needs_url"):
        phrases.append("附网址")
    if get("needs_contact"):
        phrases.append("附联系方式")
    if get("onsite"):
        phrases.append("实地核查")
    return phrases


def year_meets_demand(item: HasTimeDemand | dict[str, Any], year: int) -> bool | None:
    """Whether evidence dated in ``year`` fits the item's time demand (for the self-check's stale-period
    rule): ``None`` when the item names no year; with both a year and a since, either one suffices."""
    if isinstance(item, dict):
        one, since, period_since = item.get("year"), item.get("since"), item.get("period_since")
    else:
        one, since, period_since = item.year, item.since, getattr(item, "period_since", None)
    checks = [
        *([year == one] if one is not None else []),
        *([year >= since] if since is not None else []),
        *([year >= period_since] if period_since is not None else []),
    ]
    return any(checks) if checks else None
