"""Names in the text: mentions of registry entities, acronyms the text defines, generic names
resolved by their context, and names the registry does not know yet (kept for curation).

All names compare through one normalisation (graph.names): the matcher reads the text as
tokens and looks up runs of them by their compact key, so "Furniture Re-use Network" is the
Furniture Reuse Network and "Tree Councils" is The Tree Council. The longest name at a
position wins; a short name must keep its case ("Advisory Board", not "advisory board").

Three rules keep names honest:
- An unknown capitalised word right before a known name makes a different body: "Devon
  Community Composting Network" is not the national Community Composting Network.
- A generic name ("the Board", "Task Force", "The Partnership") names a body only where the
  same action (its 2008 text, restatement, progress and next actions) or case study names
  that body in full, or names the programme the body belongs to, and no other body it could
  stand for. Otherwise it is reported as unresolved, with the reason.
- A name an organisation shares with its programme links both; a programme named after a body
  ("CAF Payroll Giving Mark") links the body too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import AcronymDefinition, Candidate, Document, Mention, Span
from ..names import Token, case_fits, compact_key, fold, is_capitalised, tokens
from ..registry import Registry
from .candidates import Vocabulary, find_candidates
from .addresses import addresses_in
from .chains import names_before
from .corpus import TextUnit
from .units import ACTION_CONTEXTS

LEADING_THE = "the"
CASE_INSENSITIVE_MIN_WORDS = 3  # shorter names must match in their own case: "Advisory Board", not "advisory board"
# An acronym defined after its long form: "Friends of the Earth (FOE)". The long form is capitalised
# words and these connectors; it is read backwards from the bracket (graph.resolve.chains), once.
ACRONYM_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "to", "&"})
ACRONYM_IN_BRACKETS = re.compile(r"\((?P<acronym>[A-Z][A-Za-z&]{1,9})\)")
LONG_FORM_CHARACTERS = "'&-"  # besides letters, digits and "_"
JOINABLE_GAP = re.compile(r"[^\t\n\r.;:!?]{0,4}")  # what may sit between the words of one name
ARTICLES = {"the", "a", "an"}
QUANTIFIERS = {"every", "each", "all", "other", "any", "some", "both", "several", "many", "various", "these", "those"}
POST_MODIFIER_WORDS = {"of", "for"}  # "the Federation on Part 2": "on" is as often prose
NO_CONTEXT = "generic name: the same action, row or case study names no body it could stand for"


@dataclass
class Hit:
    entity: str
    entity_type: str
    learnt: bool


@dataclass
class Match:
    first: int  # token indices, inclusive
    last: int
    generic: bool
    hits: list[Hit] = field(default_factory=list)  # specific names
    ids: set[str] = field(default_factory=set)  # generic names: the bodies it may stand for
    kind_only: bool = False  # a generic name for a kind of body ("the Programme Boards"): neither linked nor listed


@dataclass
class NameFindings:
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    acronyms: list[AcronymDefinition] = field(default_factory=list)


class Matcher:
    """Every registry name and generic form, looked up by compact key over runs of tokens."""

    def __init__(self, registry: Registry, learnt: list[tuple[str, str, str]] = ()) -> None:
        self.registry = registry
        self.specific: dict[str, list[Hit]] = {}
        self.forms: dict[str, list[str]] = {}
        for entity in registry.entities.values():
            for name in entity.names():
                self._add(name, Hit(entity.id, entity.type, False))
        for surface, entity_id, entity_type in learnt:
            self._add(surface, Hit(entity_id, entity_type, True))
        self.generic = registry.generic
        self.prefixes = {key[:n] for key in [*self.specific, *self.generic] for n in range(1, len(key) + 1)}

    def _add(self, name: str, hit: Hit) -> None:
        key = compact_key(name)
        hits = self.specific.setdefault(key, [])
        if all(h.entity != hit.entity for h in hits):
            hits.append(hit)
        self.forms.setdefault(key, []).append(name)

    def case_fits(self, key: str, words: list[str]) -> bool:
        for form in self.forms[key]:
            if len(form.split()) >= CASE_INSENSITIVE_MIN_WORDS:
                return True
            if case_fits(words, _form_words(form)):
                return True
        return False

    def scan(self, text: str, toks: list[Token], vocabulary: Vocabulary) -> list[Match]:
        """The names in a text, left to right, longest first (never inside a web or mail address)."""
        matches: list[Match] = []
        addresses = addresses_in(text)
        address_starts = [start for start, _ in addresses]
        index = 0
        while index < len(toks):
            token = toks[index]
            if token.possessive or token.norm in ARTICLES or _inside(addresses, address_starts, token.start):
                index += 1
                continue
            match = self._longest(text, toks, index)
            after_name = bool(matches) and matches[-1].last == index - 1
            if match and self._may_be_modified(match, after_name) and self._modified(text, toks, index, vocabulary, match.generic):
                match = None  # "Devon Community Composting Network" is not the Community Composting Network
            if match:
                matches.append(match)
                index = match.last + 1
            else:
                index += 1
        return matches

    def _longest(self, text: str, toks: list[Token], first: int) -> Match | None:
        key, ends = "", []
        for last in range(first, len(toks)):
            if last > first and not JOINABLE_GAP.fullmatch(text[toks[last - 1].end:toks[last].start]):
                break
            key += toks[last].norm
            if key not in self.prefixes:
                break
            if not toks[last].possessive and (key in self.specific or key in self.generic):
                ends.append((last, key))
        for last, key in reversed(ends):
            words = [t.text for t in toks[first:last + 1] if t.norm]
            possessive = any(t.possessive for t in toks[first:last])
            if key in self.specific and self.case_fits(key, words) and (not possessive or self._has_possessive(key)):
                return Match(self._with_article(text, toks, first, key), last, False, hits=self.specific[key])
            if key in self.generic and all(is_capitalised(w) for w in words) and not self._continues(text, toks, last):
                # "every Directorate", "the Programme Boards": a kind of body, not one body
                kind_only = toks[last].norm != fold(toks[last].text) or (first > 0 and toks[first - 1].norm in QUANTIFIERS)
                return Match(first, last, True, ids=set() if kind_only else self.generic[key], kind_only=kind_only)
        return None

    def _has_possessive(self, key: str) -> bool:
        """Whether the registry writes the name with a possessive: "Prince's Charities", not "Defra's Compact Group"."""
        return any(_has_possessive_word(form) for form in self.forms[key])

    def _with_article(self, text: str, toks: list[Token], first: int, key: str) -> int:
        """Include "the" before a name the registry writes with it: "The Climate Group"."""
        if first and toks[first - 1].norm == "the" and text[toks[first - 1].end:toks[first].start] == " " \
                and any(form.split()[0] == "The" for form in self.forms[key]):
            return first - 1
        return first

    @staticmethod
    def _continues(text: str, toks: list[Token], last: int) -> bool:
        """A capitalised word right after ("Office Notices"), or a name after "for", "of" or "on"
        ("Department for Energy and Climate Change"): not the generic "Office" or "Department"."""
        following = toks[last + 1:last + 3]
        if following and text[toks[last].end:following[0].start] == " " and following[0].text[:1].isupper():
            return True
        return len(following) == 2 and following[0].text in POST_MODIFIER_WORDS and following[1].text[:1].isupper() \
            and text[toks[last].end:following[0].start] == " "

    @staticmethod
    def _may_be_modified(match: Match, after_name: bool) -> bool:
        """Generic names always; body names of several words unless a known name comes right before."""
        if match.generic:
            return True
        return not after_name and match.last > match.first and all(h.entity_type != "person" for h in match.hits)

    def _modified(self, text: str, toks: list[Token], first: int, vocabulary: Vocabulary, generic: bool) -> bool:
        """A proper word right before the name makes another body: an unknown one before a name
        ("Devon Community Composting Network"), any one before a generic name ("RDPE Network")."""
        if first == 0:
            return False
        before = toks[first - 1]
        if text[before.end:toks[first].start] not in (" ", " *", "* "):
            return False
        if before.possessive or before.norm in ARTICLES or not before.text[:1].isupper():
            return False
        if not generic and (before.text in self.registry.not_names or self.registry.resolve(before.text) is not None):
            return False
        return not vocabulary.common_at_start(text, before)

    def owner_prefix(self, toks: list[Token], match: Match) -> tuple[int, Hit] | None:
        """A programme named after a body: the longest leading words that name an organisation."""
        key = ""
        found = None
        for last in range(match.first, match.last):
            key += toks[last].norm
            if key in self.specific and self.case_fits(key, [t.text for t in toks[match.first:last + 1] if t.norm]):
                organisation = next((h for h in self.specific[key] if h.entity_type == "organisation"), None)
                if organisation:
                    found = (last, organisation)
        return found


def _inside(addresses: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    """Whether ``position`` falls inside one of ``addresses`` (in order, apart)."""
    index = bisect.bisect_right(starts, position)
    return bool(index) and position < addresses[index - 1][1]


@lru_cache(maxsize=None)
def _form_words(form: str) -> list[str]:
    """A registered name's words as written, without a leading "The" (registry names: a few hundred)."""
    words = [t.text for t in tokens(form) if t.norm]
    return words[1:] if len(words) > 1 and words[0].lower() == "the" else words


@lru_cache(maxsize=None)
def _has_possessive_word(form: str) -> bool:
    return any(t.possessive for t in tokens(form))


def learn_acronyms(documents: dict[str, Document], units: list[TextUnit], registry: Registry,
                   acronyms: list[AcronymDefinition]) -> list[tuple[str, str, str]]:
    """Acronyms the text defines for a known name become extra names of that entity."""
    learnt = []
    longest = max((len(key) for key in registry.by_compact), default=0)
    for unit in units:
        text = documents[unit.span.doc].quote(unit.span).replace("*", " ")
        for start, end, match in names_before(text, ACRONYM_IN_BRACKETS, LONG_FORM_CHARACTERS, ACRONYM_CONNECTORS):
            long_form = text[start:end]
            acronym = match["acronym"]
            found = longest_known_ending(registry, long_form.split(), longest)
            span = Span(unit.span.doc, unit.span.start + start, unit.span.start + match.end())
            acronyms.append(AcronymDefinition(acronym, long_form, found[0].id if found else None, span))
            if not found or acronym in registry.not_names:
                continue  # generic forms such as CIC name a kind of body, not this one
            if registry.resolve(acronym) is None:
                learnt += [(acronym, entity.id, entity.type) for entity in found]
    return learnt


def longest_known_ending(registry: Registry, words: list[str], longest: int) -> list:
    """The entities the longest run of final words names ("the Friends of the Earth": Friends of the
    Earth). Only endings whose compact key can be as short as the registry's longest are tried,
    so a long run of words costs its length, not its length squared."""
    first, size = len(words), 0
    # An ending's key is its words' normalised tokens run together, less a leading "the".
    while first > 0 and size + _key_length(words[first - 1]) <= longest + len(LEADING_THE):
        first -= 1
        size += _key_length(words[first])
    for start in range(first, len(words)):
        found = registry.resolve_all(" ".join(words[start:]))
        if found:
            return found
    return []


def _key_length(word: str) -> int:
    return sum(len(t.norm) for t in tokens(word))


@dataclass
class PendingGeneric:
    order: int  # the unit's place, so generic mentions keep text order among the others
    unit: TextUnit
    span: Span
    surface: str
    ids: set[str]


def find_names(documents: dict[str, Document], units: list[TextUnit], registry: Registry) -> NameFindings:
    """Mentions, acronym definitions and unresolved names in the given stretches of text."""
    findings = NameFindings()
    matcher = Matcher(registry, learn_acronyms(documents, units, registry, findings.acronyms))
    vocabulary = Vocabulary.of(documents.values())
    scanned, pending, found = [], [], []
    for order, unit in enumerate(units):
        text = documents[unit.span.doc].quote(unit.span)
        toks = tokens(text)
        matches = matcher.scan(text, toks, vocabulary)
        scanned.append((unit, text, toks, matches))
        for match in matches:
            if not match.generic:
                found += [(order, m) for m in _mentions_of(unit, text, toks, match, matcher)]
            elif not match.kind_only:
                surface = text[toks[match.first].start:toks[match.last].end]
                pending.append(PendingGeneric(order, unit, _span(unit, toks, match.first, match.last), surface, match.ids))
    resolved, unresolved = _resolve_generic(documents, registry, [m for _, m in found], pending)
    findings.mentions = [m for _, m in sorted(found + resolved, key=lambda item: (item[0], item[1].span.start))]
    findings.candidates = find_candidates(scanned, registry, vocabulary, unresolved)
    return findings


def _mentions_of(unit: TextUnit, text: str, toks: list[Token], match: Match, matcher: Matcher) -> list[Mention]:
    """The mentions one name makes: one per entity it names, and the body a programme is named after."""
    span = _span(unit, toks, match.first, match.last)
    surface = text[toks[match.first].start:toks[match.last].end]  # exact, emphasis markers and all
    if surface.count("(") > surface.count(")") and text[toks[match.last].end:toks[match.last].end + 1] == ")":
        surface += ")"  # "Leader (Axis 4 of the RDPE)"
        span = Span(span.doc, span.start, span.end + 1)
    mentions = [Mention(h.entity, h.entity_type, surface, span, unit.context, unit.subject, h.learnt) for h in match.hits]
    if any(h.entity_type == "programme" for h in match.hits):
        prefix = matcher.owner_prefix(toks, match)
        if prefix and all(h.entity != prefix[1].entity for h in match.hits):
            last, hit = prefix
            mentions.append(Mention(hit.entity, hit.entity_type, text[toks[match.first].start:toks[last].end],
                                    _span(unit, toks, match.first, last), unit.context, unit.subject, hit.learnt))
    return mentions


def _span(unit: TextUnit, toks: list[Token], first: int, last: int) -> Span:
    return Span(unit.span.doc, unit.span.start + toks[first].start, unit.span.start + toks[last].end)


def _resolve_generic(documents: dict[str, Document], registry: Registry, mentions: list[Mention],
                     pending: list[PendingGeneric]) -> tuple[list[tuple[int, Mention]], list[tuple[Span, str, str]]]:
    """Link each generic name to the one body its context names (the document's publisher counts:
    its name is on the cover); return the links, and the rest with reasons."""
    named: dict[tuple[str, str], set[str]] = {}  # (context kind, subject) -> entities named in full
    for mention in mentions:
        named.setdefault(_scope(mention.context, mention.subject), set()).add(mention.entity)
    publishers = {doc_id: {e.id for e in registry.resolve_all(d.publisher)} for doc_id, d in documents.items()}
    resolved, unresolved = [], []
    for item in pending:
        context = named.get(_scope(item.unit.context, item.unit.subject), set()) | publishers[item.span.doc]
        fits = sorted(i for i in item.ids if i in context or registry.entities[i].programme in context)
        if len(fits) == 1:
            resolved.append((item.order, Mention(fits[0], "organisation", item.surface, item.span, item.unit.context,
                                                 item.unit.subject, generic=True)))
        elif fits:
            names = " or ".join(repr(registry.entities[i].name) for i in fits)
            unresolved.append((item.span, item.surface, f"generic name: ambiguous, it could be {names}"))
        else:
            unresolved.append((item.span, item.surface, NO_CONTEXT))
    return resolved, unresolved


def _scope(context: str, subject: str) -> tuple[str, str]:
    """An action's 2008 text and its report rows share one scope; a case study, a chapter's
    overview or any other part of the strategy is its own."""
    return ("action" if context in ACTION_CONTEXTS else context, subject)
