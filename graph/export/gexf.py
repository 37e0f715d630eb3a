"""GEXF 1.3 for Gephi and sigma.js/graphology: the overview map's network with its legend as
attributes and ``viz:`` colours, sizes, shapes and positions, so a viewer opens it laid out as the
map is.

The ``viz:`` elements are in the ``http://gexf.net/1.3/viz`` namespace, as the GEXF 1.3 RelaxNG
schema, Gephi, networkx and graphology have them. (The XSD that gephi/gexf generates from the same
RelaxNG declares them in the main namespace instead; the tests validate against the RelaxNG in
full and against the XSD with the viz elements set aside, and say so.)
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..indexview import documents_phrase
from .network import Network, build_network

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

# (id, GEXF type): the legend's categories and each node's facts, one column each in Gephi.
NODE_ATTRIBUTES = (
    ("type", "string"), ("organisation_kind", "string"), ("programme_kind", "string"), ("category", "string"),
    ("chapter", "integer"), ("status", "string"), ("status_date", "string"), ("timing", "string"),
    ("text", "string"), ("citation", "string"), ("url", "anyURI"),
)
EDGE_ATTRIBUTES = (("relation", "string"), ("quote", "string"), ("citation", "string"), ("url", "anyURI"))


def attribute_block(cls: str, attributes: tuple) -> list[str]:
    lines = [f'    <attributes class="{cls}">']
    lines += [f'      <attribute id="{name}" title="{name}" type="{kind}"/>' for name, kind in attributes]
    return lines + ["    </attributes>"]


def attvalues(item: dict, attributes: tuple, indent: str) -> list[str]:
    values = [(name, item[name]) for name, _ in attributes if item.get(name) not in (None, "")]
    if not values:
        return []
    lines = [f"{indent}<attvalues>"]
    lines += [f'{indent}  <attvalue for="{name}" value={quoteattr(str(value))}/>' for name, value in values]
    return lines + [f"{indent}</attvalues>"]


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f'r="{red}" g="{green}" b="{blue}"'


def node_lines(node: dict) -> list[str]:
    lines = [f"      <node id={quoteattr(node['id'])} label={quoteattr(node['label'])}>"]
    lines += attvalues(node, NODE_ATTRIBUTES, "        ")
    lines += [
        f"        <viz:color {rgb(node['colour'])}/>",
        f'        <viz:position x="{node["x"]}" y="{node["y"]}" z="0.0"/>',
        f'        <viz:size value="{node["size"]}"/>',
        f'        <viz:shape value="{node["shape"]}"/>',
        "      </node>",
    ]
    return lines


def gexf_text(index: dict, net: Network | None = None) -> str:
    net = net or build_network(index)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">',
        "  <meta>",
        "    <creator>tsgraph</creator>",
        "    <description>" + escape(
            documents_phrase(index) + ": strategic objectives, actions, "
            "partners, programmes and cross-references. Positions, sizes, colours and shapes are the explorer's "
            "overview map (maps/overview.html); the category attribute is its legend.") + "</description>",
        "  </meta>",
        '  <graph mode="static" defaultedgetype="directed">',
        *attribute_block("node", NODE_ATTRIBUTES),
        *attribute_block("edge", EDGE_ATTRIBUTES),
        f'    <nodes count="{len(net.nodes)}">',
    ]
    for node_id in sorted(net.nodes):
        lines += node_lines(net.nodes[node_id])
    lines += ["    </nodes>", f'    <edges count="{len(net.edges)}">']
    for number, edge in enumerate(net.edges):
        lines.append(f'      <edge id="{number}" source={quoteattr(edge["source"])} target={quoteattr(edge["target"])}'
                     f' label={quoteattr(edge["relation"])}>')
        lines += attvalues(edge, EDGE_ATTRIBUTES, "        ")
        lines.append("      </edge>")
    lines += ["    </edges>", "  </graph>", "</gexf>"]
    return "\n".join(lines) + "\n"


def write_gexf(index: dict, folder: Path, network: Network | None = None) -> list[Path]:
    path = folder / "graph.gexf"
    path.write_text(gexf_text(index, network), encoding="utf-8", newline="\n")
    return [path]
