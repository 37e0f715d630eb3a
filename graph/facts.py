"""Decisions made once, from the resolved corpus: who is a partner, who leads, the latest status,
what counts in totals, the evidence sentence of every mention, stable ids, and the counts.

Every consumer (the graph, the lookup index, the CLI, the analysis, the maps, the exports)
projects these decisions; none re-derives them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from .errors import RegistryError
from .model import Document, Mention, MoneyAmount, ProgressEntry, Span
from .resolve import Corpus, involvement
from .resolve.money import sentence_bounds
from .resolve.money_words import sentence_index
from .sources import line_starts
from .vocab import NOT_COUNTED_MONEY_KINDS

DEFRA_UNIT_KIND = "defra-unit"
# A bullet, an action number or a lettered sub-item opens a line; it is not part of the sentence.
LINE_MARKER = re.compile(r"^\s*(?:-\s+)?(?:\d{1,2}\.\d{1,2}\s+|[a-z]\)\s+)?")


def publisher_id(corpus: Corpus) -> str | None:
    """The organisation that published the strategy (Defra): the author of every action."""
    entity = corpus.registry.resolve(corpus.strategy.document.publisher)
    return entity.id if entity else None


def publisher_family(corpus: Corpus) -> set[str]:
    """The publisher and its own units (kind defra-unit, whose parents lead up to it).

    They wrote the actions, so they are never counted as partners; a unit named in an action
    is reported as the unit that leads it.
    """
    publisher = publisher_id(corpus)
    if publisher is None:
        return set()
    entities = corpus.registry.entities
    family = {publisher}
    for entity in entities.values():
        if entity.type != "organisation" or entity.kind != DEFRA_UNIT_KIND:
            continue
        parent, seen = entity.record.get("parent"), set()
        while parent and parent not in seen and parent != publisher:
            seen.add(parent)
            parent = entities[parent].record.get("parent") if parent in entities else None
        if parent != publisher:  # a unit of nobody's would silently count as a partner
            raise RegistryError(corpus.registry.file_of("organisation"),
                                f"{entity.id!r} is a {DEFRA_UNIT_KIND} whose parents do not lead to the publisher {publisher!r}")
        family.add(entity.id)
    return family


def not_counted_because(item: MoneyAmount) -> str | None:
    """Why a sum is listed but not added into totals, or None when it is added. Totals count each
    sum once and whole: a repeat, a turnover figure, a declined cost and a sum whose whole the
    text does not give ("£45,000" to each of an unstated number) are listed, never added."""
    if item.repeat_of is not None:
        return "a repeat of a sum stated earlier"
    if item.kind in NOT_COUNTED_MONEY_KINDS:
        return {"turnover": "a turnover figure", "declined": "a cost not taken on"}.get(item.kind, item.kind)
    if item.total is None:
        return "its whole is not stated"
    return None


def counts_in_totals(item: MoneyAmount) -> bool:
    return not_counted_because(item) is None


def counted_value(item: MoneyAmount) -> float | None:
    """What a sum adds to totals: its whole (per annum × years, each × how many), or nothing."""
    return item.total if counts_in_totals(item) else None


# A bullet, an action number or a lettered sub-item, read where a sentence starts (no "^": a
# pattern's match at a position reads on from there, so the sentence is never copied out).
MARKER_AT = re.compile(LINE_MARKER.pattern.removeprefix("^"))


@lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return line_starts(text)


@lru_cache(maxsize=64)
def _tabs(text: str, line_start: int, line_end: int) -> list[int]:
    """The tabs of one line (the text's hash is computed once and kept by the string)."""
    tabs, at = [], text.find("\t", line_start, line_end)
    while at >= 0:
        tabs.append(at)
        at = text.find("\t", at + 1, line_end)
    return tabs


@lru_cache(maxsize=256)
def _cell_sentences(text: str, cell_start: int, cell_end: int):
    """A cell's sentences, found once for all the names in it (a long cell names many)."""
    return sentence_index(text[cell_start:cell_end])


def sentence_span(document: Document, span: Span) -> Span:
    """The sentence a span stands in, within its line and table cell, without the line's marker.

    A link's evidence is this sentence ("support Wrap and the REconomy ... to deliver..."),
    not just the matched name. Lines, cells and sentences are found by bisection in positions
    computed once per document, line and cell, so many names in one long cell cost no more each
    than one name in a short cell.
    """
    text = document.text
    starts = document.line_starts or _line_starts(text)  # a Document made by hand may not carry them
    line_start = starts[bisect.bisect_right(starts, span.start) - 1]
    following = bisect.bisect_right(starts, span.end)  # the first line starting after the span
    line_end = starts[following] - 1 if following < len(starts) else len(text)
    tabs = _tabs(text, line_start, line_end)
    before = bisect.bisect_left(tabs, span.start)  # tabs before the span's start
    cell_start = tabs[before - 1] + 1 if before else line_start
    after = bisect.bisect_left(tabs, span.end)  # the first tab at or after the span's end
    cell_end = tabs[after] if after < len(tabs) else line_end
    index = _cell_sentences(text, cell_start, cell_end)
    start, end = sentence_bounds(index.text, span.start - cell_start, index)
    start, end = start + cell_start, end + cell_start
    start = MARKER_AT.match(text, start, end).end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(span.doc, start, end)


@dataclass(frozen=True)
class ActionDecisions:
    """What the corpus says about one action, decided once."""

    organisations: tuple[str, ...]  # every organisation named in the action or its progress, first named first
    partners: tuple[str, ...]  # organisations outside the publisher's family
    lead_units: tuple[str, ...]  # the publisher's own units named in the action
    latest: ProgressEntry | None  # the latest progress entry: its status is the action's


@dataclass
class Decisions:
    publisher: str | None
    family: set[str]
    actions: dict[str, ActionDecisions]
    money_ids: dict[str, str]  # the resolver's id -> a stable id (subject, context, occurrence)
    mention_ids: dict[int, tuple[str, ...]]  # id(mention) -> (context, subject, entity, occurrence)
    sentences: dict[int, Span]  # id(mention) -> the sentence it stands in
    involvements: dict[str, dict[str, dict[str, list[Mention]]]] = field(default_factory=dict)  # type -> entity -> action -> mentions
    counts: dict[str, int] = field(default_factory=dict)

    def sentence(self, mention: Mention) -> Span:
        return self.sentences[id(mention)]


def decide_actions(corpus: Corpus, links: dict[str, dict[str, list[Mention]]], family: set[str],
                   publisher: str | None) -> dict[str, ActionDecisions]:
    progress = corpus.progress_by_action()
    documents = {document_id: place for place, document_id in enumerate(corpus.documents)}  # the manifest's order
    first_named: dict[str, dict[str, tuple[int, int]]] = {}
    for org, actions in links.items():
        for action_id, mentions in actions.items():
            first_named.setdefault(action_id, {})[org] = min((documents[m.span.doc], m.span.start) for m in mentions)
    decisions = {}
    for action in corpus.actions:
        # In the order the documents first name them ("support Wrap and the REconomy": WRAP first).
        named = tuple(sorted(first_named.get(action.id, {}), key=lambda org: (first_named[action.id][org], org)))
        decisions[action.id] = ActionDecisions(
            organisations=named,
            partners=tuple(o for o in named if o not in family),
            lead_units=tuple(o for o in named if o in family and o != publisher),
            latest=progress[action.id][-1] if progress.get(action.id) else None,
        )
    return decisions


def occurrence_keys(keys: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Number repeated keys in order: ("3.3", "action") twice gives (3.3, action, 1), (3.3, action, 2).

    Ids built this way name a fact by where it stands (subject, field, occurrence), so they
    survive a re-extraction that shifts character offsets.
    """
    seen: Counter[tuple[str, ...]] = Counter()
    result = []
    for key in keys:
        seen[key] += 1
        result.append((*key, str(seen[key])))
    return result


def decide(corpus: Corpus) -> Decisions:
    publisher = publisher_id(corpus)
    family = publisher_family(corpus)
    involvements = {kind: involvement(corpus, kind) for kind in ("organisation", "programme", "person")}
    actions = decide_actions(corpus, involvements["organisation"], family, publisher)
    money = sorted(corpus.money, key=lambda m: (m.span.doc, m.span.start))
    money_ids = {m.id: "-".join(key) for m, key in zip(money, occurrence_keys([(m.subject, m.context) for m in money]))}
    mentions = sorted(corpus.mentions, key=lambda m: (m.span.doc, m.span.start, m.span.end))
    mention_ids = dict(zip((id(m) for m in mentions), occurrence_keys([(m.context, m.subject, m.entity) for m in mentions])))
    sentences = {id(m): sentence_span(corpus.documents[m.span.doc], m.span) for m in corpus.mentions}
    decisions = Decisions(publisher, family, actions, money_ids, mention_ids, sentences, involvements)
    decisions.counts = count(corpus, decisions)
    return decisions


def count(corpus: Corpus, decisions: Decisions) -> dict[str, int]:
    """The figures every summary prints (the build, the index page, the CLI): counted once here."""
    actions = decisions.actions.values()
    named = {o for a in actions for o in a.organisations}
    return {
        "actions": len(corpus.actions),
        "chapters": len(corpus.strategy.chapters),
        "progress_entries": len(corpus.progress),
        "organisations_named": len(named),
        "partners": len({o for a in actions for o in a.partners}),
        "lead_units": len({o for a in actions for o in a.lead_units}),
        "actions_with_partners": sum(1 for a in actions if a.partners),
        "partner_links": sum(len(a.partners) for a in actions),
        "involvements": sum(len(a.organisations) for a in actions),
        "mentions": len(corpus.mentions),
        "money": len(corpus.money),
        "money_counted": sum(1 for m in corpus.money if counts_in_totals(m)),
        "unresolved": len(corpus.candidates),
        "registry_organisations": len(corpus.registry.of_type("organisation")),
    }
