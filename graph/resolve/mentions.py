"""Names in the text: mentions of registry entities, acronyms the text defines, and capitalised
names the registry does not know yet (kept for curation, never dropped)."""

from __future__ import annotations

import re

from ..model import AcronymDefinition, Candidate, Mention, Span
from ..registry import Registry
from .corpus import Corpus, TextUnit

CASE_INSENSITIVE_MIN_WORDS = 3  # shorter names must match in their own case: "Advisory Board", not "advisory board"
CONNECTORS = r"(?:of|for|and|the|on|in|to|&)"
ACRONYM_DEFINITION = re.compile(
    rf"(?P<long>[A-Z][\w'&-]*(?:\s+(?:{CONNECTORS}|[A-Z][\w'&-]*))*)\s*\*?\s*\((?P<acronym>[A-Z][A-Za-z&]{{1,9}})\)"
)
ALL_CAPS = re.compile(r"(?<![\w&-])[A-Z][A-Z0-9&]{1,}s?(?![\w&-])")
CAPITALISED_NAME = re.compile(rf"(?<![\w'-])[A-Z][\w'&-]+(?:\s+(?:{CONNECTORS}\s+)*[A-Z][\w&-]+)+")


class Matcher:
    """One regular expression over every name; the longest name at a position wins."""

    def __init__(self, names: list[tuple[str, str, str, bool]]) -> None:
        # names: (surface, entity id, entity type, learnt)
        self.lookup: dict[str, tuple[str, str, bool]] = {}
        self.folded: dict[str, tuple[str, str, bool]] = {}
        parts = []
        for surface, entity, entity_type, learnt in sorted(set(names), key=lambda n: (-len(n[0]), n[0])):
            # Italic markers may split a name in the raw text: "*REconomy* Community Interest Company".
            escaped = re.escape(surface).replace(r"\ ", r"\*?\s+\*?")
            if len(surface.split()) >= CASE_INSENSITIVE_MIN_WORDS:
                self.folded.setdefault(" ".join(surface.casefold().split()), (entity, entity_type, learnt))
                parts.append(f"(?i:{escaped})")
            else:
                self.lookup.setdefault(surface, (entity, entity_type, learnt))
                parts.append(escaped)
        self.pattern = re.compile(r"(?<![\w&-])(?:" + "|".join(parts) + r")(?![\w&]|-\w)") if parts else None

    def find(self, text: str) -> list[tuple[int, int, str, str, bool]]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            surface = match.group(0).replace("*", "")
            hit = self.lookup.get(surface) or self.folded.get(" ".join(surface.casefold().split()))
            if hit:
                found.append((match.start(), match.end(), *hit))
        return found


def registry_names(registry: Registry) -> list[tuple[str, str, str, bool]]:
    return [(name, e.id, e.type, False) for e in registry.entities.values() for name in e.names()]


def learn_acronyms(corpus: Corpus, units: list[TextUnit]) -> list[tuple[str, str, str, bool]]:
    """Acronyms the text defines for a known name become extra names of that entity."""
    registry = corpus.registry
    learnt = []
    for unit in units:
        text = corpus.quote(unit.span).replace("*", " ")
        for match in ACRONYM_DEFINITION.finditer(text):
            words = match["long"].split()
            acronym = match["acronym"]
            entity = None
            for start in range(len(words)):
                entity = registry.resolve(" ".join(words[start:]))
                if entity is not None:
                    break
            span = Span(unit.span.doc, unit.span.start + match.start(), unit.span.start + match.end())
            corpus.acronyms.append(AcronymDefinition(acronym, match["long"], entity.id if entity else None, span))
            if entity is None:
                continue
            if acronym in registry.not_names:
                continue  # generic forms such as CIC name a kind of body, not this one
            owner = registry.resolve(acronym)
            if owner is None:
                learnt.append((acronym, entity.id, entity.type, True))
    return learnt


def find_mentions(corpus: Corpus, units: list[TextUnit], matcher: Matcher) -> None:
    for unit in units:
        text = corpus.quote(unit.span)
        for start, end, entity, entity_type, learnt in matcher.find(text):
            span = Span(unit.span.doc, unit.span.start + start, unit.span.start + end)
            corpus.mentions.append(
                Mention(entity, entity_type, text[start:end], span, unit.context, unit.subject, learnt)
            )


def find_candidates(corpus: Corpus, units: list[TextUnit]) -> None:
    """Capitalised names and acronyms that no mention covers: listed for curation."""
    covered: dict[str, list[tuple[int, int]]] = {}
    for mention in corpus.mentions:
        covered.setdefault(mention.span.doc, []).append((mention.span.start, mention.span.end))
    registry = corpus.registry
    found: dict[str, Candidate] = {}
    seen_spans: set[Span] = set()

    def overlaps(span: Span) -> bool:
        return any(s < span.end and span.start < e for s, e in covered.get(span.doc, []))

    for unit in units:
        text = corpus.quote(unit.span).replace("*", " ")
        hits = []
        for match in CAPITALISED_NAME.finditer(text):
            words = match.group(0).split()
            if any(w.strip("'’s") in registry.name_words for w in words[1:]):
                hits.append((match.start(), match.end(), match.group(0)))
        for match in ALL_CAPS.finditer(text):
            if match.group(0) not in registry.not_names:
                hits.append((match.start(), match.end(), match.group(0)))
        for start, end, name in hits:
            span = Span(unit.span.doc, unit.span.start + start, unit.span.start + end)
            if overlaps(span) or span in seen_spans or registry.resolve(name):
                continue
            seen_spans.add(span)
            name = " ".join(name.split())
            found.setdefault(name, Candidate(name)).spans.append(span)
    corpus.candidates = sorted(found.values(), key=lambda c: (-len(c.spans), c.name))
