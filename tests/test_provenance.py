"""Every fact points back to the words it came from: the quote equals the source at its offsets."""

from __future__ import annotations

from rdflib.namespace import RDF

from helpers import namespaces

OA, TS = namespaces()["OA"], namespaces()["TS"]


def test_every_span_in_the_graph_quotes_its_source_exactly(rdf_graph, corpus):
    checked = 0
    for span in rdf_graph.subjects(RDF.type, OA.SpecificResource):
        document = rdf_graph.value(span, OA.hasSource)
        doc_id = str(document).rsplit("/", 1)[1]
        selectors = list(rdf_graph.objects(span, OA.hasSelector))
        start = next(int(rdf_graph.value(s, OA.start)) for s in selectors if rdf_graph.value(s, OA.start) is not None)
        end = next(int(rdf_graph.value(s, OA.end)) for s in selectors if rdf_graph.value(s, OA.end) is not None)
        exact = next(str(rdf_graph.value(s, OA.exact)) for s in selectors if rdf_graph.value(s, OA.exact) is not None)
        assert corpus.documents[doc_id].text[start:end] == exact, span
        assert exact.strip() == exact and exact
        checked += 1
    assert checked > 1500


FACT_CLASSES = [TS.Action, TS.SubItem, TS.ProgressEntry, TS.RestatedCommitment, TS.CaseStudy, TS.Mention,
                TS.Involvement, TS.CrossReference, TS.AcronymDefinition, TS.UnresolvedName, TS.TextStatement]


def test_every_fact_has_a_source(rdf_graph):
    for cls in FACT_CLASSES:
        subjects = list(rdf_graph.subjects(RDF.type, cls))
        assert subjects, cls
        for subject in subjects:
            assert rdf_graph.value(subject, TS.source) is not None, subject


def test_every_source_in_the_index_quotes_exactly(index_data, corpus):
    def walk(value):
        if isinstance(value, dict):
            if {"document", "start", "end", "quote"} <= set(value):
                yield value
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    sources = list(walk(index_data))
    assert len(sources) > 1200
    for source in sources:
        assert corpus.documents[source["document"]].text[source["start"]:source["end"]] == source["quote"]


def test_mentions_are_linked_with_their_quotes(corpus):
    for mention in corpus.mentions:
        assert corpus.quote(mention.span) == mention.surface
        assert mention.entity in corpus.registry.entities
