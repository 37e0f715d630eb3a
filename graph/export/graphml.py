"""GraphML for networkx, python-igraph, Cytoscape, yEd and Gephi: the same network as the GEXF,
with node ``type`` (objective, action, organisation, programme) and ``organisation_kind`` as
separate attributes, and the legend's category, colour, shape, size and position as plain
attributes."""

from __future__ import annotations

from pathlib import Path

from .network import build_network


def write_graphml(index: dict, folder: Path) -> list[Path]:
    import networkx as nx  # only when this export is written

    net = build_network(index)
    graph = nx.DiGraph()  # links run from the action, as in the RDF
    for node_id in sorted(net.nodes):
        node = net.nodes[node_id]
        # GraphML has no null: an attribute a node lacks is left out, not written empty.
        graph.add_node(node_id, **{k: v for k, v in node.items() if k != "id" and v is not None})
    for edge in net.edges:
        graph.add_edge(edge["source"], edge["target"],
                       **{k: v for k, v in edge.items() if k not in ("source", "target") and v is not None})
    path = folder / "graph.graphml"
    nx.write_graphml(graph, path, named_key_ids=True)
    return [path]
