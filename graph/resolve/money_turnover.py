"""The body a turnover describes: named in its sentence, or the antecedent of "It has a turnover of ...".

Bodies are organisations the registry knows (by their mentions) and names the registry does not know
yet (the unresolved candidates, and a name set off by an apposition: "The Courtyard, a café ...").
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING

from ..model import Span
from .chains import names_before

if TYPE_CHECKING:
    from .money_sites import SumSite

PRONOUN_SUBJECT = re.compile(  # used with .match(text, sentence start), which anchors it there
    r"\s*(?:It|Its|They|Their|This\s+(?:organisation|group|charity|enterprise|co-operative|cooperative|company|business|body))\b"
)
# A name set off by an apposition: "The Courtyard, a café". The name is capitalised words and
# these connectors, read backwards from the ", a" that follows it (graph.resolve.chains).
APPOSITION = re.compile(r",\s+an?\s+")
NAME_CONNECTORS = frozenset({"of", "and", "for", "the"})
NAME_CHARACTERS = "'’&-"  # besides letters, digits and "_"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

Body = tuple[str | None, str, Span]  # registry id (None when unknown), name as written, where


def bodies_in(site: SumSite, start: int, end: int) -> list[Body]:
    """Bodies named between two offsets of the unit's text, in order: mentions and unresolved names."""
    lo, hi = site.unit.span.start + start, site.unit.span.start + end
    doc = site.unit.span.doc
    found: list[Body] = []
    for mention in site.names.mentions_from(doc, lo, hi):
        if mention.entity_type == "organisation":
            found.append((mention.entity, site.corpus.quote(mention.span), mention.span))
        elif mention.entity_type == "programme" and mention.entity in site.organisations_of:
            found.append((site.organisations_of[mention.entity], site.corpus.quote(mention.span), mention.span))
    found += [(None, name, span) for span, name in site.names.candidates_from(doc, lo, hi)]
    inside = Coverage([b[2] for b in found])
    for name_start, name_end, _ in names_before(site.text, APPOSITION, NAME_CHARACTERS, NAME_CONNECTORS, start, end):
        span = site.absolute(name_start, name_end)
        if not inside.covers(span.start):
            found.append((None, site.text[name_start:name_end], span))
    return sorted(found, key=lambda b: b[2].start)


class Coverage:
    """Whether a position falls inside any of some spans, by bisection over their starts."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach = list(itertools.accumulate((s.end for s in ordered), max))  # furthest end so far

    def covers(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position)
        return bool(index) and self.reach[index - 1] > position


def paragraph_start_before(site: SumSite, position: int) -> int:
    """Where the paragraph holding ``position`` starts, judged from the text before it (as
    ``PARAGRAPH_BREAK.finditer(text, 0, position)``): a break cut short by ``position`` still ends
    at its last new line before it, if it has two."""
    breaks = site.facts.once("paragraph breaks", lambda: [(m.start(), m.end()) for m in PARAGRAPH_BREAK.finditer(site.text)])
    index = bisect.bisect_left(breaks, (position,))  # breaks starting before ``position``
    if not index:
        return 0
    start, end = breaks[index - 1]
    if end <= position:
        return end
    last = site.text.rfind("\n", start + 1, position)
    if last >= 0:
        return last + 1
    return breaks[index - 2][1] if index > 1 else 0


def antecedent(site: SumSite) -> Body | None:
    """What "It" stands for: the body the paragraph opens with, else the last body named before in the
    paragraph, else the first organisation named in the unit (a case study's subject)."""
    s_start = site.sentence[0]
    paragraph_start = paragraph_start_before(site, s_start)
    earlier = bodies_in(site, paragraph_start, s_start)
    opening = [b for b in earlier if b[2].start - site.unit.span.start <= paragraph_start + 4]
    if opening:
        return opening[0]
    if earlier:
        return earlier[-1]
    known = [b for b in bodies_in(site, 0, len(site.text)) if b[0] is not None]
    return known[0] if known else None


def turnover_of(site: SumSite) -> tuple[str | None, str | None, str, Span | None]:
    """(registry id, name as written, basis, span) of the body a turnover describes."""
    s_start = site.sentence[0]
    if PRONOUN_SUBJECT.match(site.text, s_start):
        body = antecedent(site)
        return (body[0], body[1], "pronoun", body[2]) if body else (None, None, "not stated", None)
    named = bodies_in(site, s_start, site.match.start())
    if named:
        entity, name, span = named[0]
        return entity, name, "stated", span
    return None, None, "not stated", None
