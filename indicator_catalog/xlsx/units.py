"""The unit vocabulary that resolves 责任单位 as written to canonical names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.base.errors import FazhiError
from indicator_catalog.loader import (
    DEFAULT_CATALOG_ID,
    load_builtin,
)
from indicator_catalog.model import UnitName
from indicator_catalog.unitmatch import match_unit
from indicator_catalog.xlsx.cells import squash

CONFIDENT_MATCH = 0.9


class UnitVocabulary:
    """Resolves names as written (县发改局, 及相关审批部门, 政府各工作部门) to canonical names."""

    def __init__(self, units: Iterable[UnitName]) -> None:
        self.units: list[UnitName] = list(units)
        self._lookup: dict[str, str] = {}
        for unit in self.units:
            self._lookup.setdefault(squash(unit.name), unit.name)
            for alias in unit.aliases:
                self._lookup.setdefault(squash(alias), unit.name)

    def resolve(self, name: str) -> str | None:
        key = squash(name)
        for candidate in (key, key.removeprefix("及"), "县" + key.removeprefix("及")):
            if candidate and candidate in self._lookup:
                return self._lookup[candidate]
        return None

    def add(self, name: str) -> str:
        unit = UnitName(name, (), collective=name.startswith("各") or "各" in name or "相关" in name)
        self.units.append(unit)
        self._lookup[squash(name)] = name
        return name

    def normalise(self, written: str) -> tuple[list[str], list[str]]:
        """(canonical names, notes) for a 责任单位 cell."""
        names: list[str] = []
        notes: list[str] = []
        previous = ""
        tokens = [token for token in re.split(r"[\s、，,；;/／]+", written) if token]
        # "县、乡（镇）政府": 县政府 and 乡（镇）政府
        tokens = [
            f"{token}政府" if token in ("县", "市") and following.endswith("政府") else token
            for token, following in zip(tokens, [*tokens[1:], ""], strict=True)
        ]
        for token in tokens:
            name = self.resolve(token)
            if name is None and previous and len(token) < len(previous) and previous[-2:] == token[-2:]:
                # "重大行政决策承办单位、执行单位": the second name shares the first one's stem.
                name = self.resolve(previous[: len(previous) - len(token)] + token)
            if name is None:
                # everyday writings (司法局, 县发改委, 各乡（镇）人民政府): a confident match only, noted
                candidates = match_unit(token, self.units)
                if candidates and candidates[0].score >= CONFIDENT_MATCH:
                    name = candidates[0].name
                    notes.append(
                        f"责任单位“{token}”按常用写法归一为“{name}”（{candidates[0].reason}），请核对。"
                    )
                    if name not in names:
                        names.append(name)
                    previous = token
                    continue
                name = self.add(token.removeprefix("及") or token)
                notes.append(f"责任单位“{token}”不在单位词表中，已按原文加入。")
            elif squash(token) != squash(name):
                notes.append(f"责任单位“{token}”归一为“{name}”。")
            if name not in names:
                names.append(name)
            previous = token
        return names, notes


def default_vocabulary() -> list[UnitName]:
    try:
        return list(load_builtin(DEFAULT_CATALOG_ID).units)
    except FazhiError:
        return []
