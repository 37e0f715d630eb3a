"""The RDF graph: SHACL conformance, round trips, determinism, the shape of key facts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import ORG, RDF, SKOS

from graph.build import validate
from graph.errors import ValidationError
from graph.rdf import ID, TS

REPO = Path(__file__).resolve().parent.parent


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {t}" for t in sorted(only_expected)[:20]] + [f"+ {t}" for t in sorted(only_actual)[:20]]
    pytest.fail("graphs differ:\n" + "\n".join(lines))


def test_graph_conforms_to_the_shapes(rdf_graph):
    validate(rdf_graph)


def test_a_broken_graph_fails_with_a_report_naming_the_node(rdf_graph):
    broken = Graph()
    for triple in rdf_graph:
        broken.add(triple)
    action = ID["action/3.3"]
    broken.remove((action, TS.chapter, None))
    with pytest.raises(ValidationError) as error:
        validate(broken)
    assert "https://w3id.org/tsgraph/id/action/3.3" in str(error.value)
    assert "an action needs exactly one chapter" in str(error.value)


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
    nodes = {s for s in rdf_graph.subjects(SKOS.prefLabel, None) if "Keep Britain Tidy" in str(rdf_graph.value(s, SKOS.prefLabel))}
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
    assert context["@context"]["ts"] == str(TS)
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids)


def test_ontology_terms_have_labels_and_definitions():
    ontology = Graph().parse(REPO / "ontology" / "tsgraph.ttl")
    from rdflib.namespace import OWL, RDFS

    terms = [s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(TS))]
    assert len(set(terms)) > 60
    for term in set(terms):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) is not None, term
    used = {p for _, p, _ in Graph().parse(REPO / "ontology" / "tsgraph.ttl")}
    assert OWL.Class not in used  # classes are objects, not predicates: a sanity check on parsing
