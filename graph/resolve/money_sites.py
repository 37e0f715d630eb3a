"""Where each sum of money stands: its text unit, its sentence (read once for all the sums it
holds) and the names around it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..errors import SourceError
from ..model import Mention, Span
from ..registry import Registry, name_key
from .corpus import Corpus, TextUnit
from .money_sentence import NamesByPlace, Sentence
from .money_words import MONEY, sentence_bounds, sentence_index

MAX_SUM_DIGITS = 15  # a thousand million million pounds: more than any budget, and exact as a float
NON_FUNDING_PROGRAMME_KINDS = {"legislation", "policy"}


@dataclass
class SumSite:
    """One sum where it stands: its text unit, its sentence and the names around it."""

    corpus: Corpus
    unit: TextUnit
    text: str  # the unit's text
    match: re.Match
    facts: Sentence  # the sentence, read once for all the sums it holds
    publisher: str | None
    kind: str = ""
    organisations_of: dict[str, str] = field(default_factory=dict)  # programme id -> the organisation it also is
    names: NamesByPlace | None = None  # mentions and unresolved names by where they stand

    @property
    def sentence(self) -> tuple[int, int]:  # bounds in ``text``
        return self.facts.start, self.facts.end

    @property
    def mentions(self) -> list[Mention]:  # every mention in the sentence
        return self.facts.mentions

    @property
    def previous(self) -> list[Mention]:  # every mention in the sentence before, in the same unit
        return self.facts.previous

    @property
    def cut(self) -> int:
        """Where the sum starts, as an offset in its sentence."""
        return self.match.start() - self.facts.start

    def offset(self, mention: Mention) -> int:
        return mention.span.start - self.unit.span.start

    def absolute(self, start: int, end: int) -> Span:
        return Span(self.unit.span.doc, self.unit.span.start + start, self.unit.span.start + end)

    @property
    def absolute_start(self) -> int:
        return self.unit.span.start + self.match.start()

    def organisations(self) -> list[tuple[Mention, str]]:
        """Organisations named in the sentence, with programmes that are also organisations
        (``first_organisation`` finds those named before the sum)."""
        return self.facts.organisations

    def programmes(self, previous: bool = False) -> list[str]:
        """The funding programmes named in the sentence (or the sentence before)."""
        def compute() -> list[str]:
            entities = self.corpus.registry.entities
            return [m.entity for m in (self.previous if previous else self.mentions)
                    if m.entity_type == "programme" and entities[m.entity].kind not in NON_FUNDING_PROGRAMME_KINDS]
        return self.facts.once(f"programmes {previous}", compute)

    def first_organisation(self, key: str, keep) -> str | None:
        """The first organisation named before the sum for which ``keep(mention, organisation)`` holds."""
        found = self.facts.once(key, lambda: [(m.span.start, o) for m, o in self.organisations() if keep(m, o)][:1])
        return self.facts.first_before(self.absolute_start, found)


def programme_organisations(registry: Registry) -> dict[str, str]:
    """Programmes that are also organisations: an organisation that records the programme it is
    (``"programme"`` in organisations.json), or one that shares a name with it."""
    organisation_names = {
        name_key(name): entity.id for entity in registry.of_type("organisation") for name in entity.names()
    }
    linked = {e.programme: e.id for e in registry.of_type("organisation") if e.programme}
    result = {}
    for programme in registry.of_type("programme"):
        same_name = next((organisation_names[k] for k in map(name_key, programme.names()) if k in organisation_names), None)
        if programme.id in linked or same_name:
            result[programme.id] = linked.get(programme.id) or same_name
    return result


def sites_in(corpus: Corpus, unit: TextUnit, publisher: str | None, organisations_of: dict[str, str],
             names: NamesByPlace) -> list[SumSite]:
    text = corpus.quote(unit.span)
    if "£" not in text:
        return []  # most units state no sum: skip gathering their mentions
    in_unit = [m for m in names.mentions_from(unit.span.doc, unit.span.start, unit.span.end) if m.span.end <= unit.span.end]
    starts = [m.span.start for m in in_unit]
    base = unit.span.start

    def between(a: int, b: int) -> list[Mention]:
        return in_unit[bisect.bisect_left(starts, base + a):bisect.bisect_left(starts, base + b)]

    index = sentence_index(text)  # sentences found once per unit, each read once for all its sums
    sentences: dict[tuple[int, int], Sentence] = {}
    sites = []
    for match in MONEY.finditer(text):
        s_start, s_end = sentence_bounds(text, match.start(), index)
        facts = sentences.get((s_start, s_end))
        if facts is None:
            p_start = index.start_before(max(0, s_start - 2)) if s_start > 0 else s_start
            mentions = between(s_start, s_end)
            facts = sentences[(s_start, s_end)] = Sentence(
                text[s_start:s_end], s_start, s_end, mentions, between(p_start, s_start),
                organisations_in(mentions, organisations_of))
        check_digits(corpus, unit, match)
        site = SumSite(corpus, unit, text, match, facts, publisher, organisations_of=organisations_of, names=names)
        site.kind = facts.kind
        sites.append(site)
    return sites


def check_digits(corpus: Corpus, unit: TextUnit, match: re.Match) -> None:
    """Refuse a sum with more digits than a sum of money has: its value cannot be kept exactly (nor,
    past about 300 digits, at all), and a graph must not state a sum it cannot write."""
    whole = match["number"].split(".")[0]
    if len(whole) - whole.count(",") > MAX_SUM_DIGITS:
        document = corpus.documents[unit.span.doc]
        shown = match.group(0) if len(match.group(0)) <= 24 else match.group(0)[:20] + "…"
        raise SourceError(document.path, f"the sum {shown!r} has more than {MAX_SUM_DIGITS} digits; no sum of money "
                                         "has that many", document.line_of(unit.span.start + match.start()))


def organisations_in(mentions: list[Mention], organisations_of: dict[str, str]) -> list[tuple[Mention, str]]:
    """Organisations named, with programmes that are also organisations, in text order."""
    found = []
    for m in mentions:
        if m.entity_type == "organisation":
            found.append((m, m.entity))
        elif m.entity_type == "programme" and m.entity in organisations_of:
            found.append((m, organisations_of[m.entity]))
    return found
