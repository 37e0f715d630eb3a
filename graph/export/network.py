"""The network that GEXF and GraphML share: strategic objectives, actions, their partners and lead
units, the programmes they name and their cross-references, with the maps' legend (category,
colour) and a size and position for every node.

Read from the lookup index's decisions: ``partners`` (never Defra or its own units) and
``lead_units`` of each action; Defra itself, the author of every action, is not a node.
Node ids are the graph's node IRIs, so a node in Gephi or igraph joins back to the RDF.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..vocab import cite, node_iri, readable
from .common import document_urls
from .layout import radial_layout

# Edge relations, in the order they are written.
RELATIONS = ("in objective", "partner", "lead unit", "names programme", "refers to action")


@dataclass
class Network:
    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[dict] = field(default_factory=list)


def legend():
    """The maps' colours and legend labels, by node kind and by status.

    The maps own these (graph/visualise.py); imported here, when an export is written, so the
    exports and the maps show one legend.
    """
    from ..visualise import KIND_COLOURS, KIND_LABELS, STATUS_COLOURS

    return KIND_COLOURS, KIND_LABELS, STATUS_COLOURS


def build_network(index: dict) -> Network:
    entities = index["entities"]
    urls = document_urls(index)
    net = Network()

    def add_node(node_id: str, **attributes) -> str:
        net.nodes.setdefault(node_id, {"id": node_id, **attributes})
        return node_id

    def add_edge(source: str, target: str, relation: str, evidence: dict | None = None) -> None:
        edge = {"source": source, "target": target, "relation": relation}
        if evidence:
            edge.update(quote=readable(evidence["quote"]), citation=cite(evidence),
                        url=urls.get(evidence["document"]))
        net.edges.append(edge)

    for chapter in index["chapters"]:
        add_node(node_iri("chapter", str(chapter["number"])), label=f"{chapter['number']}. {chapter['title']}",
                 type="objective", chapter=chapter["number"], citation=cite(chapter["source"]),
                 url=urls.get(chapter["source"]["document"]))
    for action in index["actions"]:
        node = add_node(node_iri("action", action["id"]), label=f"Action {action['id']}", type="action",
                        chapter=action["chapter"], status=action["status"], status_date=action["status_date"],
                        timing=action["timing"], text=action["text"], citation=cite(action["source"]),
                        url=urls.get(action["source"]["document"]))
        add_edge(node_iri("chapter", str(action["chapter"])), node, "in objective")
        for relation, organisations in (("partner", action["partners"]), ("lead unit", action["lead_units"])):
            for org in organisations:
                entity = entities[org]
                add_node(node_iri("organisation", org), label=entity["name"], type="organisation",
                         organisation_kind=entity["kind"])
                link = action["links"][org][0]
                add_edge(node, node_iri("organisation", org), relation, link.get("sentence") or link)
        for programme in action["programmes"]:
            entity = entities[programme]
            add_node(node_iri("programme", programme), label=entity["name"], type="programme",
                     programme_kind=entity["kind"])
            add_edge(node, node_iri("programme", programme), "names programme")
    actions = {a["id"] for a in index["actions"]}
    for action in index["actions"]:
        for target in action["refers_to"]:
            if target in actions:
                add_edge(node_iri("action", action["id"]), node_iri("action", target), "refers to action")
    net.edges.sort(key=lambda e: (RELATIONS.index(e["relation"]), e["source"], e["target"]))
    decorate(net)
    return net


def decorate(net: Network) -> None:
    """Category, colour and size from the maps' legend; positions from the layout."""
    kind_colours, kind_labels, status_colours = legend()
    degree = {node_id: 0 for node_id in net.nodes}
    for edge in net.edges:
        degree[edge["source"]] += 1
        degree[edge["target"]] += 1
    positions = radial_layout(net.nodes, net.edges)
    for node_id, node in net.nodes.items():
        kind = node.get("organisation_kind") or node["type"]
        if node["type"] == "programme":
            kind = "programme"
        if node["type"] == "action":
            # One colour per node in GEXF: actions take their latest status's colour (the maps'
            # ring), so each category below is one colour.
            node["category"] = f"action: {node.get('status') or 'not reported'}"
            node["colour"] = status_colours.get(node.get("status"), status_colours[None])
        else:
            node["category"] = kind_labels[kind]
            node["colour"] = kind_colours[kind]
        node["size"] = 24.0 if node["type"] == "objective" else round(8 + 4 * math.sqrt(degree[node_id]), 2)
        node["x"], node["y"] = positions[node_id]
