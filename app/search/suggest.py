"""Smart filing: which indicators a file belongs to, from its title and text (BM25, offline).

Each indicator is one "document": its own text, every requirement's text (具体资料报送) and its group's
name, cut into the same CJK bigrams as the search index (``app.search.tokens``). A file's title and the
start of its text are the query; Okapi BM25 ranks the indicators, so bigrams that every indicator has
(情况, 以来, 提供) weigh little and the specific ones (复议, 备案审查, 执法证件) decide. The title counts
``TITLE_WEIGHT`` times. A title or file name that names an indicator (第23项, 指标23) puts that one first:
clerks often name files that way.

``IndicatorIndex.from_catalog(catalog)`` is built once per catalog (a few ms for 100 indicators);
``suggest(title, pages, k)`` returns the top ``k`` with the bigrams that matched most, for the clerk to
see why. ``allowed`` restricts the candidates (e.g. to the indicators of the attaching unit).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from app.search.tokens import document_tokens, is_cjk
from indicator_catalog import Catalog

K1 = 1.2
B = 0.75
K3 = 8.0  # saturation of a bigram repeated in the query
TITLE_WEIGHT = 3
QUERY_CHARS = 4000  # the start of the text is enough (and keeps a 300-page file cheap)
_NUMBER_HINT = re.compile(r"(?:第\s*(\d{1,3})\s*项|指标\s*(\d{1,3})(?!\d))")


@dataclass(frozen=True)
class Suggestion:
    indicator: int
    score: float
    matched: tuple[str, ...]  # the query bigrams that contributed most
    by_number: bool = False  # the title named this indicator


def _tokens(text: str) -> list[str]:
    """Bigrams and words, without single CJK characters (too common to tell indicators apart)."""
    return [token for token in document_tokens(text).split() if not (len(token) == 1 and is_cjk(token))]


@dataclass(frozen=True)
class IndicatorIndex:
    numbers: tuple[int, ...]
    frequencies: tuple[Counter[str], ...]
    lengths: tuple[int, ...]
    idf: dict[str, float]
    average_length: float

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> IndicatorIndex:
        groups = {group.code: group.name for area in catalog.areas for group in area.groups}
        numbers: list[int] = []
        frequencies: list[Counter[str]] = []
        for indicator in catalog.indicators:
            parts = [indicator.text, groups.get(indicator.group, "")]
            parts.extend(requirement.text for requirement in indicator.requirements)
            counts = Counter(_tokens("\n".join(parts)))
            numbers.append(indicator.number)
            frequencies.append(counts)
        documents = len(frequencies)
        containing: Counter[str] = Counter()
        for counts in frequencies:
            containing.update(counts.keys())
        idf = {
            term: math.log(1 + (documents - count + 0.5) / (count + 0.5))
            for term, count in containing.items()
        }
        lengths = tuple(sum(counts.values()) for counts in frequencies)
        average = sum(lengths) / max(documents, 1)
        return cls(tuple(numbers), tuple(frequencies), lengths, idf, average or 1.0)

    def scores(self, query: Counter[str]) -> list[tuple[float, int, list[tuple[float, str]]]]:
        ranked = []
        for index, counts in enumerate(self.frequencies):
            norm = K1 * (1 - B + B * self.lengths[index] / self.average_length)
            total = 0.0
            parts: list[tuple[float, str]] = []
            for term, qtf in query.items():
                tf = counts.get(term)
                if not tf:
                    continue
                weight = self.idf[term] * tf * (K1 + 1) / (tf + norm) * (K3 + 1) * qtf / (K3 + qtf)
                total += weight
                parts.append((weight, term))
            ranked.append((total, index, parts))
        return ranked

    def suggest(
        self,
        title: str,
        pages: Sequence[str] = (),
        k: int = 3,
        *,
        allowed: Collection[int] | None = None,
        use_numbers: bool = True,
    ) -> list[Suggestion]:
        """The ``k`` indicators the file most likely belongs to, best first (none when nothing matches)."""
        text = "\n".join(pages)[:QUERY_CHARS]
        query: Counter[str] = Counter(_tokens(text))
        for token in _tokens(title):
            query[token] += TITLE_WEIGHT
        named: list[int] = []
        if use_numbers:
            for match in _NUMBER_HINT.finditer(title):
                number = int(match.group(1) or match.group(2))
                if number in self.numbers and number not in named:
                    named.append(number)
        results: list[Suggestion] = []
        for number in named:
            if allowed is None or number in allowed:
                results.append(Suggestion(number, math.inf, (), by_number=True))
        ranked = sorted(self.scores(query), key=lambda item: (-item[0], item[1]))
        for score, index, parts in ranked:
            number = self.numbers[index]
            if len(results) >= k or score <= 0:
                break
            if number in named or (allowed is not None and number not in allowed):
                continue
            matched = tuple(term for _weight, term in sorted(parts, reverse=True)[:5])
            results.append(Suggestion(number, round(score, 3), matched))
        return results[:k]
