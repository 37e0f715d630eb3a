"""The RDF graph: SHACL conformance, round trips, determinism, the shape of key facts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import ORG, RDF, SKOS

from graph.errors import ValidationError
from graph.validate import validate, violations
from helpers import namespaces

NS = namespaces()
ID, TS, DCT = NS["ID"], NS["TS"], NS["DCT"]
SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"

REPO = Path(__file__).resolve().parent.parent


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {t}" for t in sorted(only_expected)[:20]] + [f"+ {t}" for t in sorted(only_actual)[:20]]
    pytest.fail("graphs differ:\n" + "\n".join(lines))


def test_graph_conforms_to_the_shapes(projection):
    validate(projection.ntriples)


def without(ntriples: str, *starts: str) -> str:
    """The graph less every triple whose line starts with one of ``starts``."""
    return "".join(line + "\n" for line in ntriples.splitlines() if not line.startswith(starts))


def test_a_broken_graph_fails_with_a_report_naming_the_node(projection):
    broken = without(projection.ntriples, f"<{ID['action/3.3']}> <{DCT.isPartOf}>")
    with pytest.raises(ValidationError) as error:
        validate(broken)
    assert str(error.value).splitlines() == [
        "the graph does not conform to shapes.ttl (1 violations):",
        "  https://w3id.org/tsgraph/id/action/3.3: http://purl.org/dc/terms/isPartOf an action needs exactly one chapter",
    ]


def pyshacl_focus_nodes(ntriples: str) -> set[str]:
    import pyshacl
    from rdflib.namespace import SH

    conforms, results, _ = pyshacl.validate(Graph().parse(data=ntriples, format="nt"),
                                            shacl_graph=Graph().parse(SHAPES), inference="none")
    return {str(results.value(r, SH.focusNode)) for r in results.subjects(SH.resultSeverity, None)}


def test_the_fast_validator_agrees_with_pyshacl_on_broken_graphs(projection):
    """pyrudof validates in the build; pyshacl, the reference engine, must find the same faults."""
    nt = projection.ntriples
    span = next(s for s in (line.split(" ", 1)[0] for line in nt.splitlines()) if "/span/" in s and "#" not in s)
    broken_copies = [
        without(nt, f"<{ID['action/3.3']}> <{DCT.isPartOf}>"),  # an action without its chapter
        without(nt, f"<{ID['organisation/wrap']}> <http://www.w3.org/ns/org#classification>"),  # no kind
        without(nt, f"<{ID['progress/one-year-on-2009/1.8']}> <{TS.status}>"),  # an entry without status
        without(nt, span.replace(">", "#quote>")),  # a span without its quote
        nt + f"<{ID['action/2.2']}> <{TS.partner}> <{ID['action/2.3']}> .\n",  # a partner that is not a body
    ]
    assert not violations(nt, SHAPES) and pyshacl_focus_nodes(nt) == set()
    for broken in broken_copies:
        fast = {line.split(": ", 1)[0] for line in violations(broken, SHAPES)}
        assert fast, "the fast validator missed a fault"
        assert fast == pyshacl_focus_nodes(broken)


def test_counts_in_the_graph(rdf_graph):
    count = lambda cls: len(set(rdf_graph.subjects(RDF.type, cls)))  # noqa: E731
    assert count(TS.Action) == 132
    assert count(TS.ProgressEntry) == 132
    assert count(TS.StrategicObjective) == 11
    assert count(TS.Theme) == 2
    assert count(TS.CaseStudy) == 9


def test_wrap_involvements_in_the_graph(rdf_graph):
    wrap = ID["organisation/wrap"]
    actions = sorted(str(a).rsplit("/", 1)[1] for a in rdf_graph.subjects(TS.involves, wrap))
    assert actions == ["10.5", "3.3", "4.4", "8.1"]


def test_encams_and_keep_britain_tidy_are_one_node(rdf_graph):
    nodes = {s for s in rdf_graph.subjects(SKOS.prefLabel, None) if str(rdf_graph.value(s, SKOS.prefLabel)) == "Keep Britain Tidy"}
    assert nodes == {ID["organisation/keep-britain-tidy"]}
    kbt = ID["organisation/keep-britain-tidy"]
    assert {str(o) for o in rdf_graph.objects(kbt, TS.formerName)} == {"ENCAMS"}
    event = rdf_graph.value(kbt, ORG.resultedFrom)
    assert (event, RDF.type, ORG.ChangeEvent) in rdf_graph
    assert str(rdf_graph.value(event, TS.previousName)) == "ENCAMS"
    assert str(rdf_graph.value(event, TS.notAfter)) == "2009-11"


def test_turtle_round_trip_is_isomorphic(rdf_graph, exports):
    assert_isomorphic(rdf_graph, Graph().parse(exports / "graph.ttl", format="turtle"))


def test_every_rdf_export_reads_back_the_same_with_an_independent_reader(exports):
    store = pyoxigraph.Store()
    store.load(path=str(exports / "graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    from_nt = {str(q.triple) for q in store}
    for name, rdf_format in (("graph.jsonld", pyoxigraph.RdfFormat.JSON_LD), ("graph.ttl", pyoxigraph.RdfFormat.TURTLE)):
        other = pyoxigraph.Store()
        other.load(path=str(exports / name), format=rdf_format)
        assert {str(q.triple) for q in other} == from_nt, name


def test_build_is_deterministic_across_processes(exports, tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="4242")
    subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; from graph.build import build; build(Path(sys.argv[1]))",
         str(tmp_path / "again")], check=True, env=env, cwd=REPO,
    )
    files = sorted(p.relative_to(exports) for p in exports.rglob("*") if p.is_file() and "store" not in p.parts)
    assert len(files) > 100
    for relative in files:
        assert (tmp_path / "again" / relative).read_bytes() == (exports / relative).read_bytes(), relative


def test_jsonld_uses_the_published_context(exports):
    import json

    document = json.loads((exports / "graph.jsonld").read_text())
    context = json.loads((exports / "context.jsonld").read_text())
    assert document["@context"] == context["@context"]
    assert context["@context"]["ts"] == str(TS) and "id" not in context["@context"]
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids)


def test_ontology_terms_are_labelled_defined_and_typed():
    from rdflib.namespace import OWL, RDF, RDFS

    ontology = Graph().parse(REPO / "ontology" / "tsgraph.ttl")
    ontology_iri = URIRef("https://w3id.org/tsgraph/ontology")
    assert ontology.value(ontology_iri, OWL.versionIRI) is not None
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(TS))}
    assert len(terms) > 60
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) is not None, term
        assert ontology.value(term, RDFS.isDefinedBy) == ontology_iri, term
    properties = {s for kind in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in ontology.subjects(RDF.type, kind)}
    current = {p for p in properties if (p, OWL.deprecated, None) not in ontology}
    without_range = sorted(str(p) for p in current if ontology.value(p, RDFS.range) is None)
    # Dates may be a year and month or a full date, so these three leave their range open.
    assert without_range == [str(TS[n]) for n in ("latestStatusDate", "notAfter", "notBefore")]
    # These stand on several classes (any fact has a source and a text), so they name no domain.
    without_domain = sorted(str(p).split("#")[1] for p in current if ontology.value(p, RDFS.domain) is None)
    assert without_domain == ["about", "acronym", "context", "mentionsPerson", "paragraph", "programmeBasis", "qualifier",
                              "refersToProgramme", "report", "sentence", "source", "status", "text"]


def test_the_graph_uses_only_declared_current_terms(rdf_graph):
    from rdflib.namespace import OWL, RDF

    ontology = Graph().parse(REPO / "ontology" / "tsgraph.ttl")
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    deprecated = set(ontology.subjects(OWL.deprecated, None))
    used = {p for p in rdf_graph.predicates()} | set(rdf_graph.objects(None, RDF.type))
    ours = {t for t in used if str(t).startswith(str(TS))}
    assert ours and ours <= declared, sorted(ours - declared)
    assert not ours & deprecated, sorted(ours & deprecated)


def test_links_and_licences_are_iris(rdf_graph):
    from rdflib import Literal
    from rdflib.namespace import DCTERMS

    schema_url = URIRef("https://schema.org/url")
    assert all(isinstance(o, URIRef) for o in rdf_graph.objects(None, schema_url))
    licences = list(rdf_graph.objects(None, DCTERMS.license))
    assert len(licences) == 2 and all(isinstance(o, URIRef) for o in licences)
    assert all(isinstance(rdf_graph.value(o, URIRef("http://www.w3.org/2000/01/rdf-schema#label")), Literal) for o in licences)


def test_span_and_mention_iris_do_not_depend_on_offsets(corpus):
    """Shift every offset (as a re-extraction with one more line at the top would) and rebuild:
    the spans' and mentions' IRIs stay the same; only their position selectors change."""
    import copy
    import re

    from graph.project import project

    shifted = copy.deepcopy(corpus)
    for document in shifted.documents.values():
        document.text = "\n" + document.text
    moved = lambda span: type(span)(span.doc, span.start + 1, span.end + 1)  # noqa: E731
    for mention in shifted.mentions:
        mention.span = moved(mention.span)
    subjects = lambda nt: {line.split(" ", 1)[0] for line in nt.splitlines() if re.search(r"/id/(span|mention)/", line.split(" ", 1)[0])}  # noqa: E731
    before, after = project(corpus).ntriples, project(shifted).ntriples
    mention_spans = {line.split(" ")[2] for line in before.splitlines() if "#hasTarget>" in line}
    assert mention_spans and mention_spans <= subjects(before)
    assert {s for s in subjects(before) if "/mention/" in s} == {s for s in subjects(after) if "/mention/" in s}
    assert mention_spans <= subjects(after)


def test_the_strategy_beyond_its_actions_is_in_the_graph(rdf_graph, projection):
    from rdflib.namespace import RDF

    count = lambda cls: len(set(rdf_graph.subjects(RDF.type, cls)))  # noqa: E731
    assert (count(TS.DealAsk), count(TS.DealOffer), count(TS.Foreword), count(TS.SignatureBlock)) == (5, 7, 2, 3)
    assert count(TS.Annex) == 1 and len(list(rdf_graph.objects(ID["annex/1"], TS.annexItem))) == 8
    offer = ID["deal/offer-1"]
    assert {str(a).rsplit("/", 1)[1] for a in rdf_graph.subjects(TS.mayDeliver, offer)} == {"1.6", "2.15", "4.2", "6.4", "8.3", "9.1", "10.8"}
    brennan = ID["person/kevin-brennan"]
    assert (None, TS.signedBy, brennan) in rdf_graph
    # Names in the strategy's other parts never make an action node of their own.
    actions = {str(s) for s in rdf_graph.subjects() if "/id/action/" in str(s)}
    assert all(re.fullmatch(r".*/id/action/\d+\.\d+(/[a-z])?", a) for a in actions)
    index = projection.index
    assert [a["id"] for a in index["deal"]["offers"]][:1] == ["offer-1"] and len(index["forewords"]) == 2
    assert "ogc" in index["named_in"] and all(not a["organisations"] or "ogc" not in a["organisations"] for a in index["actions"])
