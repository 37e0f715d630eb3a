"""The network that GEXF and GraphML share: the explorer's overview map (exports/maps/overview.html)
as a graph file, with its positions, sizes, colours and shapes and the legend's categories.

Nodes: the strategic objectives, every action, and the partners and programmes the actions name,
placed where the overview map places them (``graph.explore.views.overview_view``). Edges: an
action's objective, its partners (with the sentence that names each) and its programmes, as on
the map, plus the cross-references between actions. Partners are the index's decision (never
Defra or its own units); the Defra units that lead actions are not on the map and not here (the
CSV tables and the Kumu blueprint carry them). Node ids are the graph's node IRIs, so a node in
Gephi or igraph joins back to the RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import cite, node_iri, readable
from .common import document_urls

# Edge relations, in the order they are written; the overview map's names on the left.
MAP_RELATIONS = {"in-objective": "in objective", "partner": "partner", "programme": "names programme"}
RELATIONS = (*MAP_RELATIONS.values(), "refers to action")
OBJECTIVE_COLOUR = "#1f3a5f"  # as graph/static/map-view.js fills an objective's box
# The map's shapes (vis-network) in GEXF 1.3's few: disc, square, triangle, diamond.
GEXF_SHAPES = {"dot": "disc", "box": "square", "square": "square", "triangle": "triangle", "diamond": "diamond"}


@dataclass
class Network:
    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[dict] = field(default_factory=list)


def map_node_iri(node: dict) -> str:
    """The overview map's ``chapter:3``, ``action:3.3``, ``organisation:wrap`` as the graph's IRI."""
    kind, ref = node["id"].split(":", 1)
    return node_iri(kind, ref)


def build_network(index: dict) -> Network:
    from ..explore.model import Explorer  # the explorer's layout, imported when an export is written
    from ..explore.views import overview_view

    explorer = Explorer(index)
    view = overview_view(explorer)
    net = Network()
    for placed in view["nodes"]:
        net.nodes[map_node_iri(placed)] = node_record(explorer, placed)
    ids = {placed["id"]: map_node_iri(placed) for placed in view["nodes"]}
    evidence = partner_evidence(index)
    for edge in view["edges"]:
        source, target = ids[edge["from"]], ids[edge["to"]]
        record = {"source": source, "target": target, "relation": MAP_RELATIONS[edge["relation"]]}
        record.update(evidence.get((source, target), {}))
        net.edges.append(record)
    for action in index["actions"]:
        for target in action["refers_to"]:
            if node_iri("action", target) in net.nodes:
                net.edges.append({"source": node_iri("action", action["id"]), "target": node_iri("action", target),
                                  "relation": "refers to action"})
    net.edges.sort(key=lambda e: (RELATIONS.index(e["relation"]), e["source"], e["target"]))
    return net


def node_record(explorer, placed: dict) -> dict:
    """A node's facts, the legend's category and the map's colour, shape, size and position."""
    kind, ref = placed["kind"], placed["ref"]
    # Floats throughout: GraphML gives an attribute one type, and the map writes some sizes as integers.
    record = {"id": map_node_iri(placed), "type": kind, "size": float(placed["size"]), "x": float(placed["x"]),
              "y": float(placed["y"])}
    if kind == "objective":
        chapter = explorer.chapters[int(ref)]
        record.update(label=f"{ref}. {chapter['title']}", chapter=int(ref), category="strategic objective",
                      colour=OBJECTIVE_COLOUR, shape="square", citation=cite(chapter["source"]))
    elif kind == "action":
        action = explorer.actions[ref]
        status = explorer.status_style(action["status"])
        record.update(label=f"Action {ref}", chapter=action["chapter"], status=action["status"],
                      status_date=action["status_date"], timing=action["timing"], text=action["text"],
                      category=f"action: {status['label']}", colour=status["colour"], shape="disc",
                      citation=cite(action["source"]))
    else:
        entity = explorer.entities[ref]
        style = explorer.kind_style(ref)
        record.update(label=entity["name"], category=explorer.kind_label(ref),
                      colour="#ffffff" if style["hollow"] else style["fill"], shape=GEXF_SHAPES.get(style["shape"], "disc"))
        record["organisation_kind" if kind == "organisation" else "programme_kind"] = entity["kind"]
    url = document_urls(explorer.index).get((record.get("citation") or ":").split(":", 1)[0])
    if url:
        record["url"] = url
    return record


def partner_evidence(index: dict) -> dict[tuple[str, str], dict]:
    """(action IRI, partner IRI) -> the first sentence naming the partner, cited, with its document's address."""
    urls = document_urls(index)
    evidence = {}
    for action in index["actions"]:
        for org in action["partners"]:
            link = action["links"][org][0]
            sentence = link["sentence"]
            evidence[(node_iri("action", action["id"]), node_iri("organisation", org))] = {
                "quote": readable(sentence["quote"]), "citation": cite(sentence), "url": urls.get(sentence["document"])}
    return evidence
