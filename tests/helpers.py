"""Small helpers the tests share: values computed independently of the code under test."""

from __future__ import annotations


def defra_family(corpus) -> set[str]:
    """Defra and the units the registry records as Defra's own (kind defra-unit, parent defra)."""
    return {"defra"} | {
        e.id for e in corpus.registry.entities.values()
        if e.type == "organisation" and e.kind == "defra-unit" and e.record.get("parent") == "defra"
    }


def namespaces():
    """rdflib namespaces for the vocabularies the graph uses (tests read the graph with rdflib)."""
    from rdflib import Namespace

    from graph import vocab

    return {name: Namespace(getattr(vocab, attr)) for name, attr in
            (("TS", "TS"), ("ID", "ID"), ("OA", "OA"), ("SCHEMA", "SCHEMA"), ("DCT", "DCTERMS"))}
