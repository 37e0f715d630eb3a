"""The progress status of each entry, with the words and the rule that decided it."""

from __future__ import annotations

import re

from ..model import ProgressEntry, Span, StatusDecision
from .corpus import Corpus


def classify_status(corpus: Corpus, entry: ProgressEntry) -> StatusDecision:
    registry = corpus.registry
    columns = {"progress": entry.progress, "next-actions": entry.next_actions}
    for index, rule in enumerate(registry.status_rules):
        for column in rule["columns"]:
            item = columns[column]
            if item is None:
                continue
            raw = corpus.quote(item.span)
            match = re.search(rule["pattern"], raw)
            if match:
                span = Span(item.span.doc, item.span.start + match.start(), item.span.start + match.end())
                return StatusDecision(rule["status"], f"rule {index + 1} ({column})", span)
    return StatusDecision(registry.default_status, "default", None)
