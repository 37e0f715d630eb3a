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


def locate_quote(corpus: Corpus, entity_id: str, document_id: str, quote: str) -> Span | None:
    """Where a registry record's quote stands; None if its document is not in this build."""
    document = corpus.documents.get(document_id)
    if document is None:
        return None  # the quote's source is not among the documents of this build
    position = document.text.find(quote)
    if position < 0:
        raise RegistryError(corpus.registry.file_of(corpus.registry.entities[entity_id].type),
                            f"{entity_id!r}: quote {quote!r} is not in source {document_id!r}")
    return Span(document.id, position, position + len(quote))


def locate_rename_evidence(corpus: Corpus) -> None:
    """Each dated former name, and each record added with a quote, cites words of a source; find
    where they stand so the rename and the name are sourced too."""
    for entity in corpus.registry.entities.values():
        source = entity.record.get("source")
        if source and (span := locate_quote(corpus, entity.id, source["document"], source["quote"])):
            corpus.entity_sources[entity.id] = span
        for former in entity.former_names:
            evidence = former.get("evidence")
            if evidence and (span := locate_quote(corpus, entity.id, evidence["source"], evidence["quote"])):
                corpus.rename_evidence[(entity.id, former["name"])] = span
