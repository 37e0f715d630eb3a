"""GraphML for networkx, python-igraph, Cytoscape, yEd and Gephi: the same network as the GEXF,
with node ``type`` (objective, action, organisation, programme) and ``organisation_kind`` as
separate attributes, and the legend's category, colour, shape, size and position as plain
attributes.

Written directly (the format is a few XML elements) so the build does not import networkx; the
tests read it back with networkx and python-igraph.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .network import Network, build_network



def key_types(records: list[dict], skip: tuple[str, ...]) -> dict[str, str]:
    """Each attribute's GraphML type: one per attribute, the widest its values need."""
    found: dict[str, set[type]] = {}
    for record in records:
        for name, value in record.items():
            if name not in skip and value is not None:
                found.setdefault(name, set()).add(type(value))
    types = {}
    for name, kinds in sorted(found.items()):
        if kinds <= {bool}:
            types[name] = "boolean"
        elif kinds <= {int}:
            types[name] = "long"
        elif kinds <= {int, float}:
            types[name] = "double"
        else:
            types[name] = "string"
    return types


def value_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def data_lines(record: dict, types: dict[str, str], indent: str) -> list[str]:
    # GraphML has no null: an attribute a node lacks is left out, not written empty.
    return [f'{indent}<data key={quoteattr(name)}>{value_text(record[name])}</data>'
            for name in types if record.get(name) is not None]


def graphml_text(index: dict, net: Network | None = None) -> str:
    net = net or build_network(index)
    nodes = [net.nodes[node_id] for node_id in sorted(net.nodes)]
    node_types = key_types(nodes, ("id",))
    edge_types = key_types(net.edges, ("source", "target"))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for target, types in (("node", node_types), ("edge", edge_types)):
        lines += [f'  <key id={quoteattr(name)} for="{target}" attr.name={quoteattr(name)} attr.type="{kind}"/>'
                  for name, kind in types.items()]
    lines.append('  <graph edgedefault="directed">')  # links run from the action, as in the RDF
    for node in nodes:
        lines.append(f'    <node id={quoteattr(node["id"])}>')
        lines += data_lines(node, node_types, "      ")
        lines.append("    </node>")
    for number, edge in enumerate(net.edges):
        lines.append(f'    <edge id="e{number}" source={quoteattr(edge["source"])} target={quoteattr(edge["target"])}>')
        lines += data_lines(edge, edge_types, "      ")
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def write_graphml(index: dict, folder: Path, network: Network | None = None) -> list[Path]:
    path = folder / "graph.graphml"
    path.write_text(graphml_text(index, network), encoding="utf-8", newline="\n")
    return [path]
