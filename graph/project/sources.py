"""Source documents, their licences, and the concept schemes (timing, status, kinds)."""

from __future__ import annotations

from ..registry import ORGANISATION_KINDS, PROGRAMME_KINDS
from .context import Context, date_literal, iri, literal, node, source_record
from .terms import DCT, FOAF, SCHEMA, SKOS, TS, A, RDFS

DOCUMENT_KINDS = {"strategy": "strategy", "progress-report": "progress report"}
TIMINGS = {"immediate": "Immediate", "longer-term": "Ongoing and longer term"}


def triples(ctx: Context) -> None:
    for document in ctx.corpus.documents.values():
        s = node("source", document.id)
        ctx.add(s, A, TS.SourceDocument)
        ctx.add(s, DCT.identifier, literal(document.id))
        ctx.add(s, DCT.title, literal(document.title))
        # The publisher as an organisation node, so queries can tell the author from partners.
        publisher = ctx.corpus.registry.resolve(document.publisher)
        ctx.add(s, DCT.publisher, node("organisation", publisher.id) if publisher else literal(document.publisher))
        ctx.add(s, DCT.issued, date_literal(document.date))
        ctx.add(s, DCT.type, node("document-kind", document.kind))
        if document.url:
            ctx.add(s, SCHEMA.url, iri(document.url))
            ctx.add(s, FOAF.page, iri(document.url))
        licence = node("licence", document.id)
        ctx.add(s, DCT.license, licence)
        ctx.add(licence, A, TS.Licence)
        ctx.add(licence, RDFS.label, literal(document.licence))
    schemes(ctx)


def concept(ctx: Context, scheme: str, s: str, label: str, notation: str, definition: str | None = None) -> None:
    ctx.add(s, A, SKOS.Concept)
    ctx.add(s, SKOS.inScheme, scheme)
    ctx.add(s, SKOS.prefLabel, literal(label, language="en"))
    ctx.add(s, SKOS.notation, literal(notation))
    if definition:
        ctx.add(s, SKOS.definition, literal(definition, language="en"))


def schemes(ctx: Context) -> None:
    for timing, label in TIMINGS.items():
        concept(ctx, TS.TimingScheme, node("timing", timing), label, timing)
    for status in ctx.corpus.registry.statuses:
        concept(ctx, TS.StatusScheme, node("status", status["id"]), status["label"], status["id"], status["definition"])
    for kind, label in ORGANISATION_KINDS.items():
        concept(ctx, TS.OrganisationKindScheme, node("organisation-kind", kind), label, kind)
    for kind, label in PROGRAMME_KINDS.items():
        concept(ctx, TS.ProgrammeKindScheme, node("programme-kind", kind), label, kind)
    for kind, label in DOCUMENT_KINDS.items():
        concept(ctx, TS.DocumentKindScheme, node("document-kind", kind), label, kind)


def records(ctx: Context) -> dict:
    return {
        "sources": [
            {"id": d.id, "title": d.title, "publisher": d.publisher, "date": d.date, "kind": d.kind,
             "licence": d.licence, "url": d.url}
            for d in ctx.corpus.documents.values()
        ],
        "statuses": [{"id": s["id"], "label": s["label"], "definition": s["definition"]}
                     for s in ctx.corpus.registry.statuses],
    }


__all__ = ["triples", "records", "concept", "source_record"]
