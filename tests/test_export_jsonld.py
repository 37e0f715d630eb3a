"""JSON-LD: graph.jsonld and every per-action frame expand, with PyLD (an independent JSON-LD
processor) and with pyoxigraph, back to exactly the triples of graph.nt; the context serves a
plain-JSON reader (bare keys, links as strings, numbers and booleans as JSON's own)."""

from __future__ import annotations

import json
import random

import pyoxigraph
import pytest
from pyld import jsonld as pyld

from graph.export.jsonld import write_jsonld
from graph.vocab import PREFIXES, TS, node_iri

NT = pyoxigraph.RdfFormat.N_TRIPLES


def triples_of(path) -> set[pyoxigraph.Triple]:
    return {q.triple for q in pyoxigraph.parse(path=str(path), format=NT)}


def expand_with_pyld(document: dict) -> set[pyoxigraph.Triple]:
    nquads = pyld.to_rdf(document, {"format": "application/n-quads"})
    return {q.triple for q in pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)}


@pytest.fixture(scope="module")
def graph_triples(exports) -> set[pyoxigraph.Triple]:
    return triples_of(exports / "graph.nt")


@pytest.fixture(scope="module")
def document(exports) -> dict:
    return json.loads((exports / "graph.jsonld").read_text(encoding="utf-8"))


def test_graph_jsonld_expands_to_the_same_triples_with_pyld_and_pyoxigraph(exports, document, graph_triples):
    assert expand_with_pyld(document) == graph_triples
    parsed = {q.triple for q in pyoxigraph.parse(path=str(exports / "graph.jsonld"), format=pyoxigraph.RdfFormat.JSON_LD)}
    assert parsed == graph_triples


def money_of(index_data: dict, action: str, context: str) -> dict:
    return next(m for m in index_data["money"] if m["subject"] == action and m["context"] == context)


def test_context_serves_a_plain_json_reader(exports, document, index_data):
    context = document["@context"]
    assert json.loads((exports / "context.jsonld").read_text()) == {"@context": context}
    assert context["@vocab"] == TS and "id" not in context
    assert all(context[prefix] == namespace for prefix, namespace in PREFIXES.items())
    nodes = {n["@id"]: n for n in document["@graph"]}
    action = nodes["tsid:action/3.3"]
    assert action["@type"] == ["Action"] and action["isPartOf"] == "tsid:chapter/3"
    assert action["partner"] == ["tsid:organisation/realliance", "tsid:organisation/wrap"]  # links are strings
    assert action["wasDerivedFrom"] == ["tsid:source/strategy-2008"]  # a standard term, readable; a @set
    (span,) = action["source"]
    position = next(nodes[s] for s in nodes[span]["hasSelector"] if nodes[s]["@type"] == ["TextPositionSelector"])
    source = next(a for a in index_data["actions"] if a["id"] == "3.3")["source"]
    assert (position["start"], position["end"]) == (source["start"], source["end"])  # integers are JSON numbers
    money = nodes["tsid:money/" + money_of(index_data, "3.3", "action")["id"]]
    assert money["countsInTotals"] is True  # booleans are JSON booleans
    # A decimal keeps its datatype: in the context when all the key's values share it, else in the value.
    key = next((k for k, v in context.items() if isinstance(v, dict) and v.get("@id") == "schema:value"), "schema:value")
    assert money[key] in ("4000000.00", {"@value": "4000000.00", "@type": "xsd:decimal"})
    if money[key] == "4000000.00":
        assert context[key]["@type"] == "xsd:decimal"


def test_every_key_is_defined_by_the_context(document, graph_triples):
    context = document["@context"]
    predicates = {t.predicate.value for t in graph_triples} - {PREFIXES["rdf"] + "type"}
    keys = {k for node in document["@graph"] for k in node if not k.startswith("@")}
    for key in keys:  # a term of the context, a compact IRI, or a tsgraph term by @vocab
        assert key in context or key.split(":")[0] in PREFIXES or TS + key in predicates, key
    named = {(v["@id"] if isinstance(v, dict) else v) for v in context.values()}
    for predicate in predicates:  # and every predicate of the graph has its key
        short = next(f"{p}:{predicate[len(n):]}" for p, n in PREFIXES.items() if predicate.startswith(n))
        assert short in named or short in keys or predicate[len(TS):] in keys, predicate


@pytest.fixture(scope="module")
def frame_33(exports) -> dict:
    return json.loads((exports / "actions" / "3.3.jsonld").read_text(encoding="utf-8"))


def described(node: dict, found: dict) -> None:
    """Every node object in a document, by id (embedded nodes included)."""
    if isinstance(node, dict):
        if "@id" in node and len(node) > 1:
            found.setdefault(node["@id"], node)
        for key, value in node.items():
            if key != "@context":
                described(value, found)
    elif isinstance(node, list):
        for item in node:
            described(item, found)


def test_one_frame_per_action(exports, index_data):
    assert sorted(p.stem for p in (exports / "actions").glob("*.jsonld")) == sorted(a["id"] for a in index_data["actions"])


def test_frame_holds_the_action_and_what_points_at_it(frame_33, graph_triples):
    action = pyoxigraph.NamedNode(node_iri("action", "3.3"))
    triples = expand_with_pyld(frame_33)
    assert triples <= graph_triples
    assert {t for t in graph_triples if t.subject == action} <= triples
    action_type = pyoxigraph.NamedNode(TS + "Action")
    rdf_type = pyoxigraph.NamedNode(PREFIXES["rdf"] + "type")
    actions = {t.subject for t in graph_triples if t.predicate == rdf_type and t.object == action_type}
    pointing = {t for t in graph_triples if t.object == action and t.subject not in actions}
    assert pointing <= triples
    # Each node the frame describes, it describes whole (cards in @included: types and values).
    nodes: dict = {}
    described(frame_33, nodes)
    for node_id, node in nodes.items():
        iri = pyoxigraph.NamedNode(node_id.replace("tsid:", PREFIXES["tsid"]))
        own = {t for t in graph_triples if t.subject == iri}
        if node in frame_33.get("@included", []):
            own = {t for t in own if not isinstance(t.object, pyoxigraph.NamedNode) or t.predicate == rdf_type}
        assert own <= triples, node_id


def test_frame_reads_as_the_action(frame_33, index_data):
    assert frame_33["@id"] == "tsid:action/3.3" and frame_33["partner"] == ["tsid:organisation/realliance", "tsid:organisation/wrap"]
    progress = frame_33["@reverse"]["progressOf"]
    assert [p["@id"] for p in progress] == ["tsid:progress/one-year-on-2009/3.3"]
    assert progress[0]["status"] == "tsid:status/in-progress" and "progressOf" not in progress[0]
    nodes: dict = {}
    described(frame_33, nodes)
    assert nodes["tsid:money/" + money_of(index_data, "3.3", "action")["id"]]["countsInTotals"] is True
    cards = {c["@id"]: c for c in frame_33["@included"]}
    assert cards["tsid:organisation/wrap"]["prefLabel"] == "Waste & Resources Action Programme"


@pytest.mark.parametrize("action", ["3.3", "1.14", "11.8"])
def test_frames_match_pyld_framing(exports, action):
    # PyLD frames the same triples from the action, following the links that point at it (@reverse):
    # the two trees carry the same statements under the same root.
    mine = json.loads((exports / "actions" / f"{action}.jsonld").read_text(encoding="utf-8"))
    context = mine["@context"]
    flat = pyld.from_rdf(pyld.to_rdf(mine, {"format": "application/n-quads"}), {"format": "application/n-quads"})
    reverse_keys = {key: {} for key in mine.get("@reverse", {})}
    framed = pyld.frame(flat, {"@context": context, "@id": mine["@id"], "@reverse": reverse_keys})
    assert framed["@id"] == mine["@id"]
    assert expand_with_pyld(framed) == expand_with_pyld(mine)
    assert sorted(framed["@reverse"]) == sorted(mine["@reverse"])


def test_the_writer_does_not_depend_on_triple_order(exports, tmp_path, graph_triples):
    shuffled = list(graph_triples)
    random.Random(11).shuffle(shuffled)
    write_jsonld(shuffled, tmp_path)
    for name in ("graph.jsonld", "context.jsonld", "actions/3.3.jsonld", "actions/10.5.jsonld"):
        assert (tmp_path / name).read_bytes() == (exports / name).read_bytes(), name
