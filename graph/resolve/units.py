"""The stretches of source text that facts are found in."""

from __future__ import annotations

from ..model import ProgressEntry
from ..parse_strategy import Strategy
from .corpus import TextUnit


def text_units(strategy: Strategy, progress: list[ProgressEntry]) -> list[TextUnit]:
    units = [TextUnit("action", a.id, a.span) for a in strategy.actions]
    for entry in progress:
        units.append(TextUnit("restatement", entry.action_id, entry.restated.span))
        units.append(TextUnit("progress", entry.action_id, entry.progress.span))
        if entry.next_actions:
            units.append(TextUnit("next-actions", entry.action_id, entry.next_actions.span))
    units += [TextUnit("case-study", c.id, c.span) for c in strategy.case_studies]
    return units
