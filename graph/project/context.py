"""What every projection module shares: the corpus, the decisions, and a writer of triples.

Triples are written straight as canonical N-Triples lines (a set, sorted at the end), so the
build never pays for an in-memory RDF library; pyoxigraph reads the lines back for Turtle,
JSON-LD and the store.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field

from ..facts import Decisions
from ..model import Span
from ..resolve import Corpus
from ..vocab import OA, RDF, XSD, node_term, string_literal

def literal(value: object, datatype: str | None = None, language: str | None = None) -> str:
    """A literal term in N-Triples: strings plain, booleans and numbers typed."""
    if isinstance(value, bool):
        text, datatype = ("true" if value else "false"), XSD + "boolean"
    elif isinstance(value, int):
        text, datatype = str(value), datatype or XSD + "integer"
    else:
        text = str(value)
    quoted = string_literal(text)  # every line-breaking character escaped: one triple per line
    if language:
        return f"{quoted}@{language}"
    if datatype and datatype != XSD + "string":
        return f"{quoted}^^<{datatype}>"
    return quoted


def iri(value: str) -> str:
    return f"<{value}>"


def node(*parts: str) -> str:
    """A node of the graph as an N-Triples term: ``node("action", "3.3")`` (vocab.node_term, the
    same term the query binder and the endpoint queries write)."""
    return node_term(*parts)


def date_literal(value: str) -> str:
    return literal(value, XSD + ("gYearMonth" if len(value) == 7 else "date"))


@dataclass
class Context:
    corpus: Corpus
    decisions: Decisions
    lines: set[str] = field(default_factory=set)
    _span_nodes: dict[Span, str] = field(default_factory=dict)
    _occurrences: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.add(f"{subject} {predicate} {obj} .")

    def quote(self, span: Span) -> str:
        return self.corpus.quote(span)

    def span(self, span: Span) -> str:
        """The oa:SpecificResource for a span: document, position and exact quote.

        Its IRI comes from the quote's content and its occurrence number in the document, not
        from raw offsets, so it survives a re-extraction that shifts the text.
        """
        known = self._span_nodes.get(span)
        if known:
            return known
        quote = self.quote(span)
        digest = hashlib.blake2b(quote.encode("utf-8"), digest_size=6).hexdigest()
        resource = node("span", span.doc, f"{digest}-{self._occurrence(span, quote)}")
        self._span_nodes[span] = resource
        position, exact = resource[:-1] + '#position>', resource[:-1] + '#quote>'
        self.add(resource, iri(RDF + "type"), iri(OA + "SpecificResource"))
        self.add(resource, iri(OA + "hasSource"), node("source", span.doc))
        self.add(resource, iri(OA + "hasSelector"), position)
        self.add(resource, iri(OA + "hasSelector"), exact)
        self.add(position, iri(RDF + "type"), iri(OA + "TextPositionSelector"))
        self.add(position, iri(OA + "start"), literal(span.start))
        self.add(position, iri(OA + "end"), literal(span.end))
        self.add(exact, iri(RDF + "type"), iri(OA + "TextQuoteSelector"))
        self.add(exact, iri(OA + "exact"), literal(quote))
        return resource

    def _occurrence(self, span: Span, quote: str) -> int:
        """How many times the same words start earlier in the document (0 for the first)."""
        key = (span.doc, quote)
        starts = self._occurrences.get(key)
        if starts is None:
            text, starts, at = self.corpus.documents[span.doc].text, [], -1
            while (at := text.find(quote, at + 1)) >= 0:
                starts.append(at)
            self._occurrences[key] = starts
        return bisect_left(starts, span.start)

    def ntriples(self) -> str:
        """One triple a line, each ended by "\\n" (the only line break: literals escape the others)."""
        return "\n".join(sorted(self.lines)) + "\n"


class Terms:
    """IRIs of one vocabulary as N-Triples terms: ``TS.partner`` is ``<...ontology#partner>``."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, local: str) -> str:
        return f"<{self._base}{local}>"

    def __getitem__(self, local: str) -> str:
        return f"<{self._base}{local}>"


def source_record(corpus: Corpus, span: Span) -> dict:
    """A span as the index shows it: document, offsets and the exact quote."""
    return {"document": span.doc, "start": span.start, "end": span.end, "quote": corpus.quote(span)}
