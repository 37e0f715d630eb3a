"""The resolved corpus: what the parsers found, with the facts resolved from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import (
    AcronymDefinition,
    Action,
    AnnexReference,
    Candidate,
    CrossReference,
    DealLink,
    Document,
    Mention,
    MoneyAmount,
    ProgressEntry,
    Span,
)
from ..parse_strategy import Strategy
from ..registry import Registry


@dataclass
class TextUnit:
    """A stretch of source text that facts are found in."""

    context: str  # one of units.CONTEXTS: action, progress, case-study, chapter-overview, deal-offer, ...
    subject: str  # action id, case study id, or the strategy part's id (see units.py)
    span: Span


@dataclass
class Corpus:
    documents: dict[str, Document]
    strategy: Strategy
    progress: list[ProgressEntry]
    registry: Registry
    mentions: list[Mention] = field(default_factory=list)
    acronyms: list[AcronymDefinition] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    money: list[MoneyAmount] = field(default_factory=list)
    cross_references: list[CrossReference] = field(default_factory=list)
    rename_evidence: dict[tuple[str, str], Span] = field(default_factory=dict)
    entity_sources: dict[str, Span] = field(default_factory=dict)  # registry records that quote where the name stands
    deal_links: list[DealLink] = field(default_factory=list)  # Deal items to the actions that name the same thing
    annex_references: list[AnnexReference] = field(default_factory=list)  # where chapters point to annexes

    def quote(self, span: Span) -> str:
        return self.documents[span.doc].quote(span)

    @property
    def actions(self) -> list[Action]:
        return self.strategy.actions

    def progress_by_action(self) -> dict[str, list[ProgressEntry]]:
        """Each action's progress entries, oldest first (same-date reports in manifest order);
        the last is the latest, which the graph, the index and the CLI all report."""
        result: dict[str, list[ProgressEntry]] = {}
        for entry in sorted(self.progress, key=lambda e: e.date):  # stable: keeps manifest order
            result.setdefault(entry.action_id, []).append(entry)
        return result
