"""Decisions made once, from the resolved corpus: who is a partner, who leads, the latest status.

Every consumer (the graph, the lookup index, the CLI, the analysis, the maps, the exports)
projects these decisions; none re-derives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Document, MoneyAmount, ProgressEntry, Span
from .resolve import Corpus, involvement
from .resolve.money import sentence_bounds
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
        if parent == publisher:
            family.add(entity.id)
    return family


@dataclass(frozen=True)
class ActionDecisions:
    """What the corpus says about one action, decided once."""

    organisations: tuple[str, ...]  # every organisation named in the action or its progress
    partners: tuple[str, ...]  # organisations outside the publisher's family
    lead_units: tuple[str, ...]  # the publisher's own units named in the action
    latest: ProgressEntry | None


def decide_actions(corpus: Corpus) -> dict[str, ActionDecisions]:
    family = publisher_family(corpus)
    publisher = publisher_id(corpus)
    links = involvement(corpus, "organisation")
    progress = corpus.progress_by_action()
    decisions = {}
    for action in corpus.actions:
        named = tuple(sorted(org for org, actions in links.items() if action.id in actions))
        decisions[action.id] = ActionDecisions(
            organisations=named,
            partners=tuple(o for o in named if o not in family),
            lead_units=tuple(o for o in named if o in family and o != publisher),
            latest=progress[action.id][-1] if progress.get(action.id) else None,
        )
    return decisions


def counts_in_totals(item: MoneyAmount) -> bool:
    """Totals count each sum once: repeats, turnover figures and declined costs are listed, not added."""
    return item.repeat_of is None and item.kind not in NOT_COUNTED_MONEY_KINDS


def sentence_span(document: Document, span: Span) -> Span:
    """The sentence a span stands in, within its line and table cell, without the line's marker.

    A link's evidence is this sentence ("support Wrap and the REconomy ... to deliver..."),
    not just the matched name.
    """
    text = document.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    cell_start = max(line_start, text.rfind("\t", line_start, span.start) + 1)
    cell_end = text.find("\t", span.end, line_end)
    cell_end = line_end if cell_end < 0 else cell_end
    cell = text[cell_start:cell_end]
    start, end = sentence_bounds(cell, span.start - cell_start)
    start += LINE_MARKER.match(cell[start:end]).end()
    sentence = cell[start:end]
    start += len(sentence) - len(sentence.lstrip())
    end -= len(sentence) - len(sentence.rstrip())
    return Span(span.doc, cell_start + start, cell_start + end)
