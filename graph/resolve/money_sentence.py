"""What one sentence says around its sums, read once and shared by every sum it holds.

A sentence may hold many sums (a long table cell with no full stop is one sentence). Every rule
that reads the whole sentence (its kind, its "each", its names, a funder after "from", the
periods before a sum) is answered here once per sentence, and per sum by a bisection, so a
sentence with n sums costs about n, not n².
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Mention, Span
from ..parse.sentences import tail_start
from .money_words import ANNUAL, PERIOD, QUALIFIER, Found, count_of, find_each, money_kind

if TYPE_CHECKING:
    from .corpus import Corpus

# The qualifier and "annual ... of" rules read the last few words before a sum: at most this many
# white-space separated words hold any match ("in the region of (" is five).
TAIL_WORDS = 8


@dataclass
class Sentence:
    """One sentence of a unit's text (``start``/``end`` are offsets in that text) and its names."""

    text: str  # the sentence's own text
    start: int
    end: int
    mentions: list[Mention]  # in text order
    previous: list[Mention]  # the mentions of the sentence before, in the same unit
    organisations: list[tuple[Mention, str]]  # organisations named, with programmes that are also organisations
    cache: dict[str, object] = field(default_factory=dict)

    def once(self, key: str, compute):
        """The value ``compute()`` gives, computed at most once for this sentence."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def kind(self) -> str:
        return self.once("kind", lambda: money_kind(self.text))

    @property
    def each(self):
        return self.once("each", lambda: find_each(self.text))

    def first_before(self, absolute: int, found: list[tuple[int, str]]) -> str | None:
        """The first of ``found`` ((absolute start, organisation), in text order) standing before ``absolute``."""
        return found[0][1] if found and found[0][0] < absolute else None

    def first_match_end(self, pattern: re.Pattern[str]) -> int | None:
        """Where the first match of ``pattern`` in the sentence ends (a match wholly before a
        sum exists exactly when the first one ends before it: no pattern here crosses a "£")."""
        def compute() -> int | None:
            match = pattern.search(self.text)
            return match.end() if match else None
        return self.once(f"first {pattern.pattern}", compute)

    def period_before(self, cut: int) -> tuple[Found, int | None] | None:
        """The period words nearest before offset ``cut`` of the sentence (as ``period_before`` on
        the words before it; no period pattern crosses the "£" at ``cut``)."""
        matches = self.once("periods", lambda: [list(p.finditer(self.text)) for p in PERIOD])
        ends = self.once("period ends", lambda: [[m.end() for m in found] for found in matches])
        best = None
        for found, found_ends in zip(matches, ends):
            index = bisect.bisect_right(found_ends, cut)
            if index:
                match = found[index - 1]
                if best is None or match.end() > best[0].end:
                    best = (Found(match.group(0).strip("()"), match.start(), match.end()), count_of(match.groupdict().get("years")))
        return best

    def annual_before(self, cut: int) -> re.Match[str] | None:
        """'an annual grant of': searched in the last words before ``cut`` only, which hold any match."""
        return ANNUAL.search(self.text, tail_start(self.text, 0, cut, TAIL_WORDS), cut)

    def qualifier_before(self, cut: int) -> re.Match[str] | None:
        return QUALIFIER.search(self.text, tail_start(self.text, 0, cut, TAIL_WORDS), cut)


class NamesByPlace:
    """The corpus's mentions and unresolved names of each document, in text order, so the names
    in a stretch of text are found by bisection rather than by reading every name each time."""

    def __init__(self, corpus: Corpus) -> None:
        self.mentions: dict[str, list[Mention]] = {}
        for mention in corpus.mentions:
            self.mentions.setdefault(mention.span.doc, []).append(mention)
        self.candidates: dict[str, list[tuple[Span, str]]] = {}
        for candidate in corpus.candidates:
            for span in candidate.spans:
                self.candidates.setdefault(span.doc, []).append((span, candidate.name))
        for found in self.mentions.values():
            found.sort(key=lambda m: m.span.start)  # stable: names at one place keep the corpus's order
        for spans in self.candidates.values():
            spans.sort(key=lambda c: c[0].start)
        self.mention_starts = {doc: [m.span.start for m in found] for doc, found in self.mentions.items()}
        self.candidate_starts = {doc: [c[0].start for c in found] for doc, found in self.candidates.items()}

    def mentions_from(self, doc: str, lo: int, hi: int) -> list[Mention]:
        """Mentions starting in [lo, hi) of a document."""
        starts = self.mention_starts.get(doc, [])
        return self.mentions.get(doc, [])[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def candidates_from(self, doc: str, lo: int, hi: int) -> list[tuple[Span, str]]:
        """Unresolved names (span, name) starting in [lo, hi) of a document."""
        starts = self.candidate_starts.get(doc, [])
        return self.candidates.get(doc, [])[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
