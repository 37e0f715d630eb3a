"""Sums of money with period, qualifier, multipliers, funder, recipients, programme and, for a
turnover, the body it describes.

Each field is decided by an ordered list of named rules; the first that applies decides and says
on what basis. Where no rule applies, the field is empty and its basis says "not stated": a funder,
recipient or programme is never guessed.
"""

from __future__ import annotations

import re
from typing import Callable

from ..model import MoneyAmount, MoneyMultiplier, Span
from ..registry import name_key
from .corpus import Corpus, TextUnit
from .money_turnover import turnover_of
from .money_sentence import NamesByPlace
from .money_sites import NON_FUNDING_PROGRAMME_KINDS, SumSite, programme_organisations, sites_in
from .money_words import (
    LOOK_AFTER,
    NUMBER_WORDS,
    decide_period,
    money_value,
    period_after,
    qualifier_of,
    sentence_bounds,
)

__all__ = ["NUMBER_WORDS", "SumSite", "find_money", "sentence_bounds", "sites_in"]

NOT_STATED = "not stated"
NOT_APPLICABLE = "not applicable"
FUNDER_PREPOSITION = re.compile(r"(?:funded|provided|paid|granted|awarded|allocated|given)\s+by\s+(?:the\s+)?$|\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
FIRST_PERSON_GIVING = re.compile(
    r"\bour\s+(?:\w+\s+){0,2}(?:grant|funding|support|investment|contribution)\b"
    r"|\bwe\s+(?:will\s+|have\s+|shall\s+)?(?:provide[ds]?|fund(?:ed)?|give|gave|grant(?:ed)?|award(?:ed)?|allocate[ds]?|invest(?:ed)?)\b",
    re.IGNORECASE,
)
FUNDER_NAMED = re.compile(
    r"\b(?:funded|provided|paid|granted|awarded|donated)\s+by\s+(?P<giver>(?:the\s+)?[A-Za-z][\w'’&-]*)"
    r"|\b(?:raised|received|donated|came|comes|secured|obtained)\s+from\s+(?P<source>(?:the\s+)?[A-Za-z][\w'’&-]*)",
)
GIVING_VERB = re.compile(
    r"['’]?s?\s+(?:(?:has|have|had|will|is|are|was|were)\s+)?(?:\w+ly\s+)?(?:also\s+)?"
    r"(?:provided|provides|provide|gave|gives|give|awarded|awards|granted|grants|allocated|allocates|funded|funds|"
    r"contributed|contributes|invested|invests|paid|pays|offered|offers|supporting|supports|supported|agreed)\b"
)
BODY_APPOSITION = re.compile(  # used with .match(text, position), which anchors it there
    r"['’\"]?\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:consortium|network|partnership|alliance|coalition|federation|group)\b", re.IGNORECASE
)
BODY_KINDS = {"partnership-group", "network-umbrella"}


# --- programme -----------------------------------------------------------------------------------

def programme_in_sentence(site: SumSite, action_programmes: dict[str, list[str]]) -> tuple[str, str] | None:
    found = site.programmes()
    return (found[0], "stated") if found else None


def programme_in_sentence_before(site: SumSite, action_programmes: dict[str, list[str]]) -> tuple[str, str] | None:
    found = site.programmes(previous=True)
    return (found[-1], "sentence before") if found else None


def programme_of_the_action(site: SumSite, action_programmes: dict[str, list[str]]) -> tuple[str, str] | None:
    named = action_programmes.get(site.unit.subject, [])
    if site.unit.context != "case-study" and len(named) == 1:
        return named[0], "action"
    return None


PROGRAMME_RULES = [programme_in_sentence, programme_in_sentence_before, programme_of_the_action]


def first_rule(rules: list, site: SumSite, known: object) -> tuple[str | None, str]:
    """The decision of the first rule that makes one, with its basis; a turnover has no funder
    or programme ("not applicable"), and where no rule decides the data says "not stated"."""
    if site.kind == "turnover":
        return None, NOT_APPLICABLE
    for rule in rules:
        decided = rule(site, known)
        if decided:
            return decided
    return None, NOT_STATED


def decide_programme(site: SumSite, action_programmes: dict[str, list[str]]) -> tuple[str | None, str]:
    return first_rule(PROGRAMME_RULES, site, action_programmes)


# --- funder --------------------------------------------------------------------------------------

def funder_after_preposition(site: SumSite, item: MoneyAmount) -> tuple[str, str] | None:
    """'funded by X', 'from X', 'provided by X' name the funder."""
    def first() -> str | None:
        for mention, organisation in site.organisations():
            start = site.offset(mention)
            if FUNDER_PREPOSITION.search(site.text[max(site.sentence[0], start - 20):start]):
                return organisation
        return None
    found = site.facts.once("funder after preposition", first)
    return (found, "stated") if found else None


def funder_named_unresolved(site: SumSite, item: MoneyAmount) -> tuple[None, str] | None:
    """'raised from local businesses': a source is named, but it is no body the registry knows."""
    def named() -> bool:
        for match in FUNDER_NAMED.finditer(site.text, site.sentence[0], site.sentence[1]):
            group = "giver" if match["giver"] else "source"
            at, end = site.unit.span.start + match.start(group), site.unit.span.start + match.end(group)
            if any(m.span.start < end and at < m.span.end for m in site.mentions):
                continue  # a known organisation or programme: other rules read it
            return True
        return False
    return (None, "unresolved") if site.facts.once("funder named unresolved", named) else None


def funder_giver_named_before(site: SumSite, item: MoneyAmount) -> tuple[str, str] | None:
    """'Natural England provided £80,000', 'Defra will give X £20,000': the giver is named before the sum."""
    if site.kind in ("turnover", "won"):
        return None
    giver = site.first_organisation("giver", lambda m, _: GIVING_VERB.match(site.text, m.span.end - site.unit.span.start))
    return (giver, "stated") if giver else None


def funder_first_person(site: SumSite, item: MoneyAmount) -> tuple[str, str] | None:
    """'our grant', 'we will provide': the publishing department speaks of its own money."""
    first_end = site.facts.first_match_end(FIRST_PERSON_GIVING) if site.publisher else None
    if first_end is not None and first_end <= site.cut:  # a match in the words before the sum
        return site.publisher, "stated"
    return None


def funder_publisher_named_before(site: SumSite, item: MoneyAmount) -> tuple[str, str] | None:
    if site.kind in ("turnover", "won") or not site.publisher:
        return None
    if site.first_organisation(f"publisher {site.publisher}", lambda _, o: o == site.publisher):
        return site.publisher, "stated"
    return None


def funder_spender(site: SumSite, item: MoneyAmount) -> tuple[str, str] | None:
    """Who spends or commits a sum is its funder ('RDAs have spent £15m')."""
    first = site.first_organisation("first", lambda m, o: True) if site.kind == "spend" else None
    return (first, "stated") if first else None


def funder_programme_owner(site: SumSite, item: MoneyAmount) -> tuple[str, str] | None:
    """A sum from a named programme (in this sentence or the one before) comes from the programme's owner."""
    if item.programme_basis not in ("stated", "sentence before") or site.kind == "turnover":
        return None
    owner = site.corpus.registry.entities[item.programme].record.get("owner")
    if owner and owner not in item.recipients:
        return owner, "programme owner"
    return None


def funder_publisher_implied(site: SumSite, item: MoneyAmount) -> tuple[str, str] | None:
    """In the publisher's own commitments and reports, its grants and funding are its own unless said otherwise."""
    if site.publisher and site.kind in ("grant", "funding", "programme-value") and site.unit.context != "case-study":
        return site.publisher, "implied"
    return None


FUNDER_RULES: list[Callable[[SumSite, MoneyAmount], tuple[str | None, str] | None]] = [
    funder_after_preposition, funder_named_unresolved, funder_first_person, funder_giver_named_before,
    funder_publisher_named_before, funder_spender, funder_programme_owner, funder_publisher_implied,
]


def decide_funder(site: SumSite, item: MoneyAmount) -> tuple[str | None, str]:
    return first_rule(FUNDER_RULES, site, item)


# --- recipients ----------------------------------------------------------------------------------

def consortium_named_by_its_programme(site: SumSite, programme: str | None) -> str | None:
    """"'Every Action Counts', a consortium of ...": the programme's name stands for the body that owns it."""
    def owner() -> str | None:
        for mention in site.mentions:
            if mention.entity_type != "programme":
                continue
            end = mention.span.end - site.unit.span.start
            if not BODY_APPOSITION.match(site.text, end, site.sentence[1]):
                continue
            owner = site.corpus.registry.entities[mention.entity].record.get("owner")
            if owner and site.corpus.registry.entities[owner].kind in BODY_KINDS:
                return owner
        return None
    return site.facts.once("consortium", owner)


def decide_recipients(site: SumSite, funder: str | None, programme: str | None) -> tuple[list[str], str]:
    if site.kind == "turnover":
        return [], NOT_APPLICABLE
    if site.kind == "won":
        winner = site.first_organisation("first", lambda m, o: True)
        return ([winner], "stated") if winner else ([], NOT_STATED)
    if site.kind in ("declined", "spend"):
        return [], NOT_STATED
    distinct = site.facts.once("organisations", lambda: sorted({o for _, o in site.organisations()}))
    named = [o for o in distinct if o not in (funder, site.publisher)]
    if named:
        return named, "stated"
    consortium = consortium_named_by_its_programme(site, programme)
    if consortium and consortium != funder:
        return [consortium], "consortium named by its programme"
    return [], NOT_STATED


# --- parts and total -----------------------------------------------------------------------------

def multipliers(site: SumSite, period, per_annum: bool, years: int | None, period_at: int) -> list[MoneyMultiplier]:
    parts = []
    if per_annum and period is not None:
        parts.append(MoneyMultiplier("per-annum", years, period.words, site.absolute(period_at + period.start, period_at + period.end)))
    each = site.facts.each
    if each:
        found, count = each
        at = site.sentence[0]
        parts.append(MoneyMultiplier("each", count, found.words, site.absolute(at + found.start, at + found.end)))
    return parts


def total_of(value: float, parts: list[MoneyMultiplier]) -> tuple[float | None, str]:
    if not parts:
        return value, "as stated"
    if any(p.count is None for p in parts):
        return None, NOT_STATED
    total = value
    for part in parts:
        total *= part.count  # type: ignore[operator]
    return total, "computed"


# --- one sum -------------------------------------------------------------------------------------

def read_sum(site: SumSite, item_id: str, action_programmes: dict[str, list[str]]) -> MoneyAmount:
    s_start, s_end = site.sentence
    after = period_after(site.text[site.match.end():min(s_end, site.match.end() + LOOK_AFTER)])
    period, per_annum, years, where = decide_period(
        after, lambda: site.facts.period_before(site.cut), lambda: site.facts.annual_before(site.cut))
    period_at = site.match.end() if where == "after" else s_start
    qualifier, approximate, bound = qualifier_of(site.facts.qualifier_before(site.cut))
    item = MoneyAmount(
        id=item_id, raw=site.match.group(0), value=money_value(site.match),
        span=site.absolute(site.match.start(), site.match.end()), sentence=site.absolute(s_start, s_end),
        context=site.unit.context, subject=site.unit.subject, kind=site.kind,
        period=period.words if period else None, per_annum=per_annum, years=years,
        period_span=site.absolute(period_at + period.start, period_at + period.end) if period else None,
        approximate=approximate, qualifier=" ".join(qualifier.words.split()) if qualifier else None, bound=bound,
    )
    item.multipliers = multipliers(site, period, per_annum, years, period_at)
    item.each = any(p.basis == "each" for p in item.multipliers)
    item.total, item.total_basis = total_of(item.value, item.multipliers)
    item.programme, item.programme_basis = decide_programme(site, action_programmes)
    # Recipients first from the names alone, so the programme-owner rule never makes a recipient its funder.
    item.recipients, item.recipients_basis = decide_recipients(site, None, item.programme)
    item.funder, item.funder_basis = decide_funder(site, item)
    item.recipients, item.recipients_basis = decide_recipients(site, item.funder, item.programme)
    if site.kind == "turnover":
        item.turnover_of, item.turnover_of_name, item.turnover_of_basis, item.turnover_of_span = turnover_of(site)
    return item


def action_programmes_of(corpus: Corpus) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for mention in corpus.mentions:
        if mention.context == "action" and mention.entity_type == "programme":
            kind = corpus.registry.entities[mention.entity].kind
            if kind not in NON_FUNDING_PROGRAMME_KINDS and mention.entity not in result.get(mention.subject, []):
                result.setdefault(mention.subject, []).append(mention.entity)
    return result


def find_money(corpus: Corpus, units: list[TextUnit]) -> None:
    action_programmes = action_programmes_of(corpus)
    organisations_of = programme_organisations(corpus.registry)
    # The publishing department of each document is the "our" and "we" of its text.
    publishers = {}
    for document in corpus.documents.values():
        entity = corpus.registry.resolve(document.publisher)
        publishers[document.id] = entity.id if entity else None
    names = NamesByPlace(corpus)
    counter = 0
    for unit in units:
        for site in sites_in(corpus, unit, publishers[unit.span.doc], organisations_of, names):
            counter += 1
            corpus.money.append(read_sum(site, f"{unit.span.doc}-{counter}", action_programmes))
    mark_repeats(corpus)


def mark_repeats(corpus: Corpus) -> None:
    """A sum stated again (a 2009 restatement of a 2008 commitment, a case study told twice) is a repeat."""
    first_by_sentence: dict[tuple[str, float, int], str] = {}
    first_by_action: dict[tuple[str, float], str] = {}
    order_in_sentence: dict[Span, int] = {}
    words_of: dict[Span, str] = {}  # each sentence's words, read once however many sums it holds
    for item in corpus.money:
        order_in_sentence[item.sentence] = order_in_sentence.get(item.sentence, 0) + 1
        if item.sentence not in words_of:
            words_of[item.sentence] = name_key(corpus.quote(item.sentence))
        # The same words (quotes, case and markers aside) stating the same sum in the same place.
        sentence = (words_of[item.sentence], item.value, order_in_sentence[item.sentence])
        if item.context == "restatement" and (item.subject, item.value) in first_by_action:
            item.repeat_of = first_by_action[(item.subject, item.value)]
        elif sentence in first_by_sentence:
            item.repeat_of = first_by_sentence[sentence]
        first_by_sentence.setdefault(sentence, item.id)
        if item.context == "action":
            first_by_action.setdefault((item.subject, item.value), item.id)
