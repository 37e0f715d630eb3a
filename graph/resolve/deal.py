"""Link each term of the Deal to the actions that name the same thing, keeping the shared words.

Three kinds of evidence:

- **entity**: a registry entity (organisation, programme, person) named in both the Deal item
  and the action ("a new Advisory Board" and "Establish a new Defra Third Sector Advisory Board");
- **name**: a capitalised word pair both print (a name the registry does not know yet);
- **phrase**: a lower-case pair of adjacent content words (or two joined by "and") both use
  ("consultation and engagement"), compared after case, plural and possessive endings.

A term is evidence only where it is distinctive: named by at most ``MAX_NAME_SHARE`` of all
actions for entities and names, and by at most ``MAX_PHRASE_SHARE`` for phrases, which are
weaker evidence ("delivery bodies" is named by six of 132 actions and proves nothing). Each term
weighs log(actions / actions naming it); a link's score is the sum. One distinctive term makes a
link; the evidence (the term, and where each side says it) lets a reader judge it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..model import DealLink, SharedTerm, Span
from .corpus import Corpus

MAX_NAME_SHARE = 0.06
MAX_PHRASE_SHARE = 0.02
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
JOINERS = {"and", "&"}  # "consultation and engagement" is one phrase
QUIET_GAP = re.compile(r"^[\s*'‘’\"“”]*$")  # white space, italic markers and quotes do not break a phrase
STOP_WORDS = set("""
a an the and or but nor of for to in on at by with within without from into onto over under about as is are was
were be been being will would shall should can could may might must do does did have has had this that these
those which who whom whose what when where why how it its their our your his her we they you he she them us me
not no so than then there here such more most less least very also only other others all any each every some
both either neither own same further through during before after above below between up down out off again once
across via whilst while e.g i.e etc new way ways
""".split())


@dataclass
class Occurrence:
    span: Span
    capitalised: bool  # both words start with a capital: a name


def normal(word: str) -> str:
    """A word as compared: lower case, possessive and plural endings dropped."""
    word = word.lower().replace("’", "'")
    word = word[:-2] if word.endswith("'s") else word.rstrip("'")
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def word_pairs(text: str, doc: str, base: int) -> dict[str, Occurrence]:
    """Each pair of adjacent content words (or two joined by "and") at its first occurrence."""
    pairs: dict[str, Occurrence] = {}
    previous: re.Match[str] | None = None  # the content word a pair may start from
    joined = False  # a joiner stands between ``previous`` and the next word
    last_end = 0
    for word in WORD.finditer(text):
        gap = text[last_end:word.start()]
        last_end = word.end()
        if gap.strip(" *'‘’\"“”") == "&" and previous is not None and not joined:
            joined = True
        elif not QUIET_GAP.match(gap):  # punctuation between: a new phrase begins
            previous, joined = None, False
        key = normal(word.group(0))
        if key in JOINERS and previous is not None and not joined:
            joined = True
            continue
        if key in STOP_WORDS:
            previous, joined = None, False
            continue
        if previous is not None:
            pair = f"{normal(previous.group(0))} {key}"
            capitalised = previous.group(0)[0].isupper() and word.group(0)[0].isupper() and not joined
            pairs.setdefault(pair, Occurrence(Span(doc, base + previous.start(), base + word.end()), capitalised))
        # A possessive ends a phrase: "an organisation's particular mandate" is no "organisation particular".
        previous = None if word.group(0).endswith(("'s", "’s")) else word
        joined = False
    return pairs


@dataclass
class Term:
    kind: str  # entity | name (a capitalised pair) | phrase
    term: str  # registry id or the pair's normal words
    occurrences: list[Occurrence]  # a pair's first; every mention of an entity


def terms_of(corpus: Corpus, span: Span, context: str, subject: str) -> dict[str, Term]:
    """What a stretch of text names: registry entities (from its mentions) and word pairs."""
    terms: dict[str, Term] = {}
    for mention in corpus.mentions:
        if mention.context == context and mention.subject == subject:
            term = terms.setdefault(f"entity:{mention.entity}", Term("entity", mention.entity, []))
            term.occurrences.append(Occurrence(mention.span, True))
    for pair, occurrence in word_pairs(corpus.quote(span), span.doc, span.start).items():
        terms[f"pair:{pair}"] = Term("name" if occurrence.capitalised else "phrase", pair, [occurrence])
    return terms


def best_pair(corpus: Corpus, mine: Term, theirs: Term) -> tuple[Span, Span]:
    """Where each side names the term; for an entity, the two mentions worded most alike."""
    def wording(span: Span) -> str:
        return " ".join(normal(w) for w in WORD.findall(corpus.quote(span)))

    pairs = [(a.span, b.span) for a in mine.occurrences for b in theirs.occurrences]
    return next((p for p in pairs if wording(p[0]) == wording(p[1])), pairs[0])


def most_actions(share: float, actions: int) -> int:
    """How many actions may name a term for it still to be distinctive (at least one)."""
    return max(1, math.floor(share * actions))


def shared_terms(
    corpus: Corpus, item: dict[str, Term], action: dict[str, Term], named_by: dict[str, int], actions: int
) -> list[SharedTerm]:
    evidence: list[SharedTerm] = []
    for key in sorted(item.keys() & action.keys()):
        mine, theirs = item[key], action[key]
        is_name = mine.kind == "entity" or (mine.kind == "name" and theirs.kind == "name")
        limit = most_actions(MAX_NAME_SHARE if is_name else MAX_PHRASE_SHARE, actions)
        if named_by[key] > limit:
            continue
        weight = round(math.log(actions / named_by[key]), 3)
        kind = mine.kind if is_name else "phrase"
        evidence.append(SharedTerm(kind, mine.term, weight, *best_pair(corpus, mine, theirs)))
    entities = [e.deal_span for e in evidence if e.kind == "entity"]
    # A phrase inside the words that name a shared entity says the same thing twice.
    evidence = [e for e in evidence if e.kind == "entity" or not any(overlaps(s, e.deal_span) for s in entities)]
    return sorted(evidence, key=lambda e: (-e.weight, e.kind, e.term))


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def link_deal(corpus: Corpus) -> None:
    deal = corpus.strategy.deal
    if deal is None:
        return
    actions = corpus.actions
    action_terms = {a.id: terms_of(corpus, a.span, "action", a.id) for a in actions}
    named_by: dict[str, int] = {}
    for terms in action_terms.values():
        for key in terms:
            named_by[key] = named_by.get(key, 0) + 1
    for item in deal.items:
        item_terms = terms_of(corpus, item.span, f"deal-{item.side}", item.id)
        for action in actions:
            evidence = shared_terms(corpus, item_terms, action_terms[action.id], named_by, len(actions))
            if evidence:
                score = round(sum(e.weight for e in evidence), 3)
                corpus.deal_links.append(DealLink(item.id, action.id, score, evidence))
