"""GEXF 1.3 and GraphML: validated against the vendored GEXF 1.3 schemas (tests/schemas/gexf/1.3,
with lxml)
and opened with networkx and python-igraph, as Gephi and igraph users would open them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree

from graph.vocab import node_iri

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "gexf" / "1.3"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3"><graph>
<nodes><node id="a" label="A"><COLOR r="1" g="2" b="3"/></node></nodes><edges/></graph></gexf>"""


@pytest.fixture(scope="module")
def gexf(exports):
    return etree.parse(str(exports / "graph.gexf"))


@pytest.fixture(scope="module")
def xsd():
    # lxml (libxml2) rather than xmlschema: importing flattentool's ZODB (zope.interface) breaks
    # xmlschema's class introspection when both load in one test session.
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf.xsd")))


def without_viz(document):
    stripped = copy.deepcopy(document)
    for element in list(stripped.iter(f"{VIZ}*")):
        element.getparent().remove(element)
    return stripped


def test_gexf_is_valid_gexf_13(gexf, xsd):
    relaxng = etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf.rng")))
    assert relaxng.validate(gexf), relaxng.error_log
    assert gexf.getroot().get("version") == "1.3"
    # The XSD declares the viz elements in the main namespace (see tests/schemas/gexf/1.3/NOTE.md):
    # everything else validates against it too.
    assert xsd.validate(without_viz(gexf)), xsd.error_log


def test_the_gexf_schemas_disagree_on_the_viz_namespace(xsd):
    # Why the XSD check sets viz aside: the RelaxNG wants viz:color, the XSD wants color in the main namespace.
    relaxng = etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf.rng")))
    in_viz = etree.fromstring(MINIMAL.replace("COLOR", "viz:color").encode())
    in_main = etree.fromstring(MINIMAL.replace("COLOR", "color").encode())
    assert relaxng.validate(in_viz) and not xsd.validate(in_viz)
    assert xsd.validate(in_main) and not relaxng.validate(in_main)


def overview_map(exports) -> dict:
    """The explorer's overview map as its page loads it (maps/explorer-data.js)."""
    script = (exports / "maps" / "explorer-data.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("=") + 1:].strip().rstrip(";"))["views"]["overview"]


def map_iri(map_id: str) -> str:
    kind, ref = map_id.split(":", 1)
    return node_iri(kind, ref)


def test_gexf_is_laid_out_as_the_overview_map(gexf, exports):
    placed = {map_iri(n["id"]): n for n in overview_map(exports)["nodes"]}
    nodes = {n.get("id"): n for n in gexf.getroot().iter(f"{GEXF}node")}
    assert set(nodes) == set(placed)
    for node_id, node in nodes.items():
        position = node.find(f"{VIZ}position")
        assert (float(position.get("x")), float(position.get("y"))) == (placed[node_id]["x"], placed[node_id]["y"])
        assert float(node.find(f"{VIZ}size").get("value")) == placed[node_id]["size"]
    edges = {(map_iri(e["from"]), map_iri(e["to"])) for e in overview_map(exports)["edges"]}
    written = {(e.get("source"), e.get("target")) for e in gexf.getroot().iter(f"{GEXF}edge")
               if e.find(f"{GEXF}attvalues/{GEXF}attvalue[@for='relation']").get("value") != "refers to action"}
    assert written == edges


def test_gexf_carries_the_maps_legend(gexf):
    nodes = gexf.getroot().findall(f".//{GEXF}node")
    titles = {a.get("id") for a in gexf.getroot().iter(f"{GEXF}attribute")}
    assert {"type", "organisation_kind", "category", "status", "citation"} <= titles
    categories = {}
    for node in nodes:
        values = {v.get("for"): v.get("value") for v in node.iter(f"{GEXF}attvalue")}
        colour = node.find(f"{VIZ}color")
        categories.setdefault(values["category"], set()).add((colour.get("r"), colour.get("g"), colour.get("b")))
    # Each category of the legend is drawn in one colour, as on the map.
    assert all(len(colours) == 1 for colours in categories.values()), categories
    assert {"strategic objective", "charity or NGO", "public body or agency", "action: no progress"} <= set(categories)
    assert categories["action: complete"] != categories["action: no progress"]  # the map tells status by colour


@pytest.mark.parametrize("reader", [nx.read_gexf, nx.read_graphml])
def test_networkx_opens_both(exports, index_data, reader):
    graph = reader(exports / ("graph.gexf" if reader is nx.read_gexf else "graph.graphml"))
    actions = [n for n, d in graph.nodes(data=True) if d.get("type") == "action"]
    assert len(actions) == 132
    partner_links = sum(len(a["partners"]) for a in index_data["actions"])
    assert sum(1 for *_, d in graph.edges(data=True) if d.get("relation") == "partner") == partner_links
    wrap = node_iri("organisation", "wrap")
    assert sorted(graph.nodes[n]["label"] for n in graph.predecessors(wrap)) == \
        ["Action 10.5", "Action 3.3", "Action 4.4", "Action 8.1"]
    assert node_iri("organisation", "defra") not in graph  # the author of every action is not a partner


def test_networkx_reads_gexf_viz(exports):
    graph = nx.read_gexf(exports / "graph.gexf")
    viz = graph.nodes[node_iri("organisation", "wrap")]["viz"]
    assert {"x", "y"} <= set(viz["position"]) and viz["size"] > 0 and viz["color"] == {"r": 51, "g": 71, "b": 91, "a": 1.0}


def test_graphml_keeps_node_type_and_organisation_kind_apart(exports):
    graph = igraph.Graph.Read_GraphML(str(exports / "graph.graphml"))
    assert graph.vcount() == len(nx.read_graphml(exports / "graph.graphml"))
    kinds = {(v["type"], v["organisation_kind"]) for v in graph.vs}
    assert ("organisation", "charity-ngo") in kinds and ("organisation", "public-body") in kinds
    assert {t for t, _ in kinds} == {"objective", "action", "organisation", "programme"}
    assert all(k == "" for t, k in kinds if t != "organisation")  # igraph reads a missing attribute as empty
    wrap = graph.vs.find(id=node_iri("organisation", "wrap"))
    assert sorted(graph.vs[n]["label"] for n in graph.predecessors(wrap)) == \
        ["Action 10.5", "Action 3.3", "Action 4.4", "Action 8.1"]
