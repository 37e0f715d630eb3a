"""The body a turnover describes: named in its sentence, or the antecedent of "It has a turnover of ...".

Bodies are organisations the registry knows (by their mentions) and names the registry does not know
yet (the unresolved candidates, and a name set off by an apposition: "The Courtyard, a café ...").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Span

if TYPE_CHECKING:
    from .money import SumSite

PRONOUN_SUBJECT = re.compile(  # used with .match(text, sentence start), which anchors it there
    r"\s*(?:It|Its|They|Their|This\s+(?:organisation|group|charity|enterprise|co-operative|cooperative|company|business|body))\b"
)
NAME = r"(?:The\s+)?[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the|[A-Z][\w'’&-]*))*"
NAMED_IN_APPOSITION = re.compile(rf"(?P<name>{NAME})\s*,\s+(?:a|an)\s+")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

Body = tuple[str | None, str, Span]  # registry id (None when unknown), name as written, where


def bodies_in(site: SumSite, start: int, end: int) -> list[Body]:
    """Bodies named between two offsets of the unit's text, in order: mentions and unresolved names."""
    lo, hi = site.unit.span.start + start, site.unit.span.start + end
    found: list[Body] = []
    for mention in site.corpus.mentions:
        if mention.span.doc != site.unit.span.doc or not lo <= mention.span.start < hi:
            continue
        if mention.entity_type == "organisation":
            found.append((mention.entity, site.corpus.quote(mention.span), mention.span))
        elif mention.entity_type == "programme" and mention.entity in site.organisations_of:
            found.append((site.organisations_of[mention.entity], site.corpus.quote(mention.span), mention.span))
    for candidate in site.corpus.candidates:
        for span in candidate.spans:
            if span.doc == site.unit.span.doc and lo <= span.start < hi:
                found.append((None, candidate.name, span))
    for match in NAMED_IN_APPOSITION.finditer(site.text, start, end):
        span = site.absolute(match.start("name"), match.end("name"))
        if not any(b[2].start <= span.start < b[2].end for b in found):
            found.append((None, match["name"], span))
    return sorted(found, key=lambda b: b[2].start)


def antecedent(site: SumSite) -> Body | None:
    """What "It" stands for: the body the paragraph opens with, else the last body named before in the
    paragraph, else the first organisation named in the unit (a case study's subject)."""
    s_start = site.sentence[0]
    paragraph_start = 0
    for match in PARAGRAPH_BREAK.finditer(site.text, 0, s_start):
        paragraph_start = match.end()
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
