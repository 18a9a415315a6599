"""完成时限 as written → a deadline: the last day allowed, 长期 or not, and dated milestones. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

_DATE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:(?P<month>1[0-2]|0?[1-9])\s*月(?:份)?\s*(?:(?P<day>[0-3]?\d)\s*日)?"
    r"|(?P<half>上半年|下半年|年底|年末|年初|底|末))?"
)
_CLAUSE = re.compile(r"[，,；;。]")


@dataclass(frozen=True)
class Milestone:
    """One dated step of a deadline ("2023年前基本完善") or of a plan (实施步骤 "到2021年，…")."""

    text: str  # verbatim
    due: date

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "due": self.due.isoformat()}


@dataclass(frozen=True)
class Deadline:
    """A 完成时限 as written and what it means: the last day allowed, 长期 or not, dated steps."""

    text: str  # verbatim: "2025年6月前", "长期，2025年底前取得成效", "2023年前基本完善，2025年取得成效"
    due: date | None  # the last day the text allows (a month → its last day, a year → 31 December)
    ongoing: bool = False  # 长期 / 持续 / 常态化
    milestones: tuple[Milestone, ...] = ()

    @property
    def label(self) -> str:
        """Short Chinese label for lists: "2025年6月底前", "长期（2025年底前见效）", "长期"."""
        if self.due is None:
            return "长期" if self.ongoing else self.text
        month = "" if self.due.month == 12 and self.due.day == 31 else f"{self.due.month}月"
        when = f"{self.due.year}年{month}底前"
        return f"长期（{when}见效）" if self.ongoing else when

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "due": self.due.isoformat() if self.due else None,
            "ongoing": self.ongoing,
            "milestones": [m.to_dict() for m in self.milestones],
        }


def _month_end(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _last_day(match: re.Match[str]) -> date:
    year = int(match.group("year"))
    if match.group("month"):
        month = int(match.group("month"))
        if match.group("day"):
            day = min(int(match.group("day")), _month_end(year, month))
            return date(year, month, max(day, 1))
        return date(year, month, _month_end(year, month))
    if match.group("half") == "上半年":
        return date(year, 6, 30)
    if match.group("half") == "年初":
        return date(year, 3, 31)
    return date(year, 12, 31)


def parse_deadline(text: str) -> Deadline:
    """Read a 完成时限 cell. The text is kept verbatim; the date is the latest one it names, never a
    start year ("2021年底前" is a deadline, not "2021年以来")."""
    flat = text.strip()
    ongoing = any(word in flat for word in ("长期", "持续", "常态化", "每年"))
    dated: list[tuple[str, date]] = []
    for clause in (c.strip() for c in _CLAUSE.split(flat)):
        matches = [m for m in _DATE.finditer(clause) if 1990 <= int(m.group("year")) <= 2100]
        if matches:
            dated.append((clause, max(_last_day(m) for m in matches)))
    due = max((d for _, d in dated), default=None)
    milestones = tuple(Milestone(clause, day) for clause, day in dated) if len(dated) > 1 else ()
    return Deadline(flat, due, ongoing, milestones)
