"""Cross-references between commitments, and the quotes that date renames."""

from __future__ import annotations

import re

from ..errors import RegistryError
from ..model import CrossReference, Span
from .corpus import Corpus

CROSS_REFERENCE = re.compile(r"\b(?:[Ss]ee|commitment)\s+(?:commitment\s+)?(?P<target>\d{1,2}\.\d{1,2})\b")


def find_cross_references(corpus: Corpus) -> None:
    known = {a.id for a in corpus.actions}
    for entry in corpus.progress:
        for context, item in (("progress", entry.progress), ("next-actions", entry.next_actions)):
            if item is None:
                continue
            raw = corpus.quote(item.span)
            for match in CROSS_REFERENCE.finditer(raw):
                target = match["target"]
                if target in known and target != entry.action_id:
                    span = Span(item.span.doc, item.span.start + match.start(), item.span.start + match.end())
                    corpus.cross_references.append(CrossReference(entry.action_id, target, span, context))


def locate_rename_evidence(corpus: Corpus) -> None:
    """Each dated former name cites a quote; find where it stands so the rename is sourced too."""
    for entity in corpus.registry.of_type("organisation"):
        for former in entity.former_names:
            evidence = former.get("evidence")
            if not evidence:
                continue
            document = corpus.documents.get(evidence["source"])
            if document is None:
                continue  # the quote's source is not among the documents of this build
            position = document.text.find(evidence["quote"])
            if position < 0:
                raise RegistryError(
                    "data/organisations.json",
                    f"{entity.id!r}: evidence quote {evidence['quote']!r} is not in source {evidence['source']!r}",
                )
            corpus.rename_evidence[(entity.id, former["name"])] = Span(document.id, position, position + len(evidence["quote"]))
