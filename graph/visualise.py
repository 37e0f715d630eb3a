"""Interactive HTML maps with pyvis: an overview, one map per strategic objective, one ego map per
organisation, and an index page with charts.

Each map is a single offline file: vis-network's script and style (shipped inside pyvis) are
inlined and the page template is ours, so nothing is fetched from a CDN. Node and edge lists are
built directly (pyvis's add_edge checks every new edge against all others, which is quadratic).
Positions are computed in Python with a seeded layout, so maps are stable across builds and draw
at once with physics off. Text from the documents is untrusted: the page turns every label and
tooltip into DOM text nodes, never HTML, and the embedded JSON escapes '<'.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

from .analyse import analyse
from .indexview import partner_ids
from .vocab import cite

LAYOUT_SEED = 7
LAYOUT_SCALE = 900
KIND_COLOURS = {
    "objective": "#1b4f72",
    "action": "#7f8c8d",
    "programme": "#8e44ad",
    "government-department": "#c0392b",
    "public-body": "#e67e22",
    "charity-ngo": "#27ae60",
    "social-enterprise": "#16a085",
    "network-umbrella": "#2980b9",
    "partnership-group": "#d4ac0d",
    "company": "#6d4c41",
    "defra-unit": "#e84393",
}
KIND_LABELS = {
    "objective": "strategic objective (chapter)",
    "action": "action (border colour: latest status)",
    "programme": "programme, fund, policy or law",
    "government-department": "government department",
    "public-body": "public body or agency",
    "charity-ngo": "charity or NGO",
    "social-enterprise": "social enterprise or CIC",
    "network-umbrella": "network or umbrella body",
    "partnership-group": "partnership, board, forum or group",
    "company": "company",
    "defra-unit": "Defra's own unit",
}
STATUS_COLOURS = {
    "complete": "#2ecc71",
    "in-progress": "#3498db",
    "no-progress": "#e74c3c",
    "dropped-or-merged": "#95a5a6",
    "superseded": "#9b59b6",
    "transferred": "#f39c12",
    "decided-against": "#34495e",
    None: "#bdc3c7",
}
EDGE_COLOURS = {"in objective": "#aab7b8", "involves": "#5d6d7e", "refers to": "#af7ac5"}
VIS_DIR = Path(__import__("pyvis").__file__).resolve().parent / "lib" / "vis-9.1.2"


def clip(text: str, limit: int = 360) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe_filename(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


class MapData:
    """Nodes and edges of one map, built as plain lists for pyvis."""

    def __init__(self, index: dict) -> None:
        self.index = index
        self.entities = index["entities"]
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str], dict] = {}
        self.degree: dict[str, int] = {}

    def objective(self, number: int) -> str:
        node_id = f"objective:{number}"
        chapter = next(c for c in self.index["chapters"] if c["number"] == number)
        self.nodes.setdefault(node_id, {
            "id": node_id, "label": f"{number}. {clip(chapter['title'], 40)}", "kind": "objective",
            "shape": "box", "font": {"color": "#ffffff"}, "chapter": number, "status": "", "orgKind": "",
            "tip": f"Strategic objective {number}: {chapter['title']}\n{len(chapter['actions'])} actions\nSource: {cite(chapter['source'])}",
        })
        return node_id

    def action(self, action: dict) -> str:
        node_id = f"action:{action['id']}"
        status = action["status"]
        latest = action["progress"][-1] if action["progress"] else None
        tip = [f"Action {action['id']} — {status or 'not reported'}", clip(action["text"]),
               f"Source: {cite(action['source'])}", f"“{clip(action['source']['quote'], 200)}”"]
        if latest:
            tip += [f"Progress ({latest['date']}): {clip(latest['progress'], 240)}", f"Source: {cite(latest['progress_source'])}"]
        self.nodes.setdefault(node_id, {
            "id": node_id, "label": action["id"], "kind": "action", "shape": "dot",
            "chapter": action["chapter"], "status": status or "", "orgKind": "",
            "color": {"background": KIND_COLOURS["action"], "border": STATUS_COLOURS.get(status, STATUS_COLOURS[None])},
            "borderWidth": 3, "tip": "\n".join(tip),
        })
        return node_id

    def organisation(self, org_id: str) -> str:
        node_id = f"org:{org_id}"
        entity = self.entities[org_id]
        label = entity["acronyms"][0] if entity["acronyms"] and len(entity["name"]) > 24 else entity["name"]
        names = ", ".join([*entity["acronyms"], *entity["aliases"], *(f["name"] for f in entity["former_names"])])
        self.nodes.setdefault(node_id, {
            "id": node_id, "label": clip(label, 32), "kind": entity["kind"], "shape": "dot",
            "chapter": "", "status": "", "orgKind": entity["kind"],
            "tip": f"{entity['name']}\n{KIND_LABELS[entity['kind']]}" + (f"\nAlso: {names}" if names else ""),
        })
        return node_id

    def programme(self, programme_id: str) -> str:
        node_id = f"programme:{programme_id}"
        entity = self.entities[programme_id]
        self.nodes.setdefault(node_id, {
            "id": node_id, "label": clip(entity["name"], 32), "kind": "programme", "shape": "diamond",
            "chapter": "", "status": "", "orgKind": "",
            "tip": f"{entity['name']}\n{entity['kind']}",
        })
        return node_id

    def edge(self, a: str, b: str, relation: str, quote: dict | None = None) -> None:
        key = (a, b)
        if key in self.edges:
            return
        tip = relation
        if quote:
            tip += f"\n“{clip(quote['quote'], 200)}”\nSource: {cite(quote)}"
        self.edges[key] = {"from": a, "to": b, "relation": relation, "tip": tip,
                           "color": EDGE_COLOURS[relation], "width": 1.5 if relation == "involves" else 1}
        self.degree[a] = self.degree.get(a, 0) + 1
        self.degree[b] = self.degree.get(b, 0) + 1

    def add_action_links(self, action: dict, organisations: bool = True, programmes: bool = True) -> str:
        node = self.action(action)
        self.edge(self.objective(action["chapter"]), node, "in objective")
        if organisations:
            for org in partner_ids(self.index, action):
                self.edge(node, self.organisation(org), "involves", action["links"][org][0])
        if programmes:
            for programme in action["programmes"]:
                self.edge(node, self.programme(programme), "refers to")
        return node

    def finish(self) -> tuple[list[dict], list[dict]]:
        """Sizes from involvement, colours from kind, positions from a seeded layout."""
        graph = nx.Graph()
        graph.add_nodes_from(sorted(self.nodes))
        graph.add_edges_from(sorted(self.edges))
        k = 2.2 / math.sqrt(max(len(graph), 1))
        positions = nx.spring_layout(graph, seed=LAYOUT_SEED, k=k, iterations=120) if len(graph) > 1 else {n: (0, 0) for n in graph}
        nodes = []
        for node_id in sorted(self.nodes):
            node = dict(self.nodes[node_id])
            degree = self.degree.get(node_id, 0)
            node["size"] = round(8 + 4 * math.sqrt(degree), 2) if node["kind"] != "objective" else 24
            node["value"] = degree
            if "color" not in node:
                node["color"] = KIND_COLOURS[node["kind"]]
            x, y = positions[node_id]
            node["x"], node["y"] = round(float(x) * LAYOUT_SCALE, 1), round(float(y) * LAYOUT_SCALE, 1)
            nodes.append(node)
        edges = [dict(self.edges[key], id=f"e{i}") for i, key in enumerate(sorted(self.edges))]
        return nodes, edges


PAGE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ vis_css }}</style>
<style>
 body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; }
 header { padding: 8px 14px; background: #f4f6f7; border-bottom: 1px solid #d5d8dc; }
 header h1 { font-size: 18px; margin: 0 0 4px 0; }
 header p { margin: 0; font-size: 13px; color: #555; }
 #controls { display: flex; flex-wrap: wrap; gap: 8px; padding: 6px 14px; align-items: center; font-size: 13px; }
 #controls input, #controls select { font-size: 13px; padding: 2px 4px; }
 #main { display: flex; }
 #network { flex: 1; height: calc(100vh - 120px); min-height: 480px; border-right: 1px solid #d5d8dc; }
 aside { width: 300px; padding: 8px 12px; font-size: 12px; overflow-y: auto; height: calc(100vh - 120px); }
 .legend-row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
 .swatch { width: 12px; height: 12px; border-radius: 50%; display: inline-block; border: 2px solid transparent; }
 #details { white-space: pre-wrap; background: #fbfcfc; border: 1px solid #e5e8e8; padding: 6px; margin-top: 8px; }
 .vis-tooltip { white-space: pre-wrap !important; max-width: 420px; font-size: 12px; }
 a { color: #1b4f72; }
</style>
</head>
<body>
<header>
 <h1 id="map-title"></h1>
 <p id="map-subtitle"></p>
</header>
<div id="controls">
 <label>Search <input id="search" type="search" placeholder="name or action id" list="node-names"></label>
 <datalist id="node-names"></datalist>
 <label>Chapter <select id="filter-chapter"><option value="">all</option></select></label>
 <label>Status <select id="filter-status"><option value="">all</option></select></label>
 <label>Organisation kind <select id="filter-kind"><option value="">all</option></select></label>
 <button id="reset" type="button">Reset</button>
 <a href="index.html">All maps</a>
</div>
<div id="main">
 <div id="network" role="img" aria-label="network map"></div>
 <aside>
  <h2 style="font-size:14px;margin:4px 0">Legend</h2>
  <div id="legend"></div>
  <div id="details">Hover a node or edge for its text and source; click one to highlight its neighbourhood.</div>
  <details><summary>All nodes</summary><ul id="node-list"></ul></details>
 </aside>
</div>
<script>{{ vis_js }}</script>
<script id="map-data" type="application/json">{{ payload }}</script>
<script>
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("map-data").textContent);
  window.tsgraphErrors = [];
  window.addEventListener("error", function (e) { window.tsgraphErrors.push(String(e.message)); document.body.dataset.errors = window.tsgraphErrors.length; });
  function textBlock(text) { var el = document.createElement("div"); el.textContent = text; return el; }
  function byId(id) { return document.getElementById(id); }
  byId("map-title").textContent = data.title;
  byId("map-subtitle").textContent = data.subtitle;
  document.title = data.title;
  var nodes = new vis.DataSet(data.nodes.map(function (n) { var c = Object.assign({}, n); c.title = textBlock(n.tip); return c; }));
  var edges = new vis.DataSet(data.edges.map(function (e) { var c = Object.assign({}, e); c.title = textBlock(e.tip); return c; }));
  var legend = byId("legend");
  data.legend.forEach(function (item) {
    var row = document.createElement("div"); row.className = "legend-row";
    var sw = document.createElement("span"); sw.className = "swatch";
    if (item.border) { sw.style.borderColor = item.colour; sw.style.background = "#fff"; } else { sw.style.background = item.colour; }
    if (item.line) { sw.style.borderRadius = "0"; sw.style.height = "3px"; }
    row.appendChild(sw); row.appendChild(document.createTextNode(item.label)); legend.appendChild(row);
  });
  function fill(select, values) { values.forEach(function (v) { var o = document.createElement("option"); o.value = v.value; o.textContent = v.label; select.appendChild(o); }); }
  fill(byId("filter-chapter"), data.filters.chapters);
  fill(byId("filter-status"), data.filters.statuses);
  fill(byId("filter-kind"), data.filters.kinds);
  var list = byId("node-list"), names = byId("node-names");
  data.nodes.forEach(function (n) {
    var li = document.createElement("li"); li.textContent = n.label + " — " + n.tip.split("\n")[0]; list.appendChild(li);
    var opt = document.createElement("option"); opt.value = n.label; names.appendChild(opt);
  });
  var container = byId("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.nodes.length > 400 },
    nodes: { font: { size: 13, face: "system-ui" }, borderWidth: 1 },
    edges: { smooth: false },
    layout: { improvedLayout: false }
  });
  window.tsgraphNetwork = network;
  var firstDraw = true;
  network.on("afterDrawing", function () {
    if (!firstDraw) return; firstDraw = false;
    var ms = performance.now() - started;
    document.body.dataset.firstDrawMs = ms.toFixed(1);
    document.body.dataset.loadToDrawMs = (performance.now()).toFixed(1);
    document.body.dataset.drawnNodes = network.body.nodeIndices.length;
    document.body.dataset.drawnEdges = network.body.edgeIndices.length;
    document.body.dataset.ready = "1";
  });
  function show(text) { byId("details").textContent = text; }
  network.on("hoverNode", function (p) { show(nodes.get(p.node).tip); });
  network.on("hoverEdge", function (p) { show(edges.get(p.edge).tip); });
  function highlight(nodeId) {
    var keep = {}; keep[nodeId] = true;
    network.getConnectedNodes(nodeId).forEach(function (n) { keep[n] = true; });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: keep[n.id] ? 1 : 0.15 }; }));
    show(nodes.get(nodeId).tip);
    document.body.dataset.selected = nodeId;
    document.body.dataset.highlighted = Object.keys(keep).length;
  }
  function clearHighlight() { nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: 1 }; })); }
  network.on("click", function (p) { if (p.nodes.length) { highlight(p.nodes[0]); } else { clearHighlight(); } });
  function search(text) {
    var q = text.trim().toLowerCase(); if (!q) return;
    var hit = data.nodes.find(function (n) { return n.label.toLowerCase() === q; }) ||
              data.nodes.find(function (n) { return n.label.toLowerCase().indexOf(q) >= 0 || n.tip.toLowerCase().indexOf(q) >= 0; });
    if (hit) { network.selectNodes([hit.id]); network.focus(hit.id, { scale: 1.2, animation: false }); highlight(hit.id); }
    else { show("No node matches " + JSON.stringify(text)); }
  }
  byId("search").addEventListener("change", function () { search(this.value); });
  function applyFilters() {
    var ch = byId("filter-chapter").value, st = byId("filter-status").value, kind = byId("filter-kind").value;
    nodes.update(data.nodes.map(function (n) {
      var hidden = false;
      if (n.kind === "action") { hidden = (ch && String(n.chapter) !== ch) || (st && n.status !== st); }
      else if (n.kind === "objective") { hidden = ch && String(n.chapter) !== ch; }
      else if (n.kind !== "programme") { hidden = kind && n.orgKind !== kind; }
      return { id: n.id, hidden: !!hidden };
    }));
    document.body.dataset.visibleNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  }
  ["filter-chapter", "filter-status", "filter-kind"].forEach(function (id) { byId(id).addEventListener("change", applyFilters); });
  // A view can be shared as a link: overview.html#chapter=3&status=no-progress&kind=charity-ngo&search=WRAP
  var params = new URLSearchParams(location.hash.slice(1));
  [["chapter", "filter-chapter"], ["status", "filter-status"], ["kind", "filter-kind"]].forEach(function (pair) {
    if (params.get(pair[0])) { byId(pair[1]).value = params.get(pair[0]); }
  });
  applyFilters();
  if (params.get("search")) { byId("search").value = params.get("search"); search(params.get("search")); }
  byId("reset").addEventListener("click", function () {
    ["filter-chapter", "filter-status", "filter-kind", "search"].forEach(function (id) { byId(id).value = ""; });
    applyFilters(); clearHighlight(); network.fit();
  });
})();
</script>
</body>
</html>
"""

INDEX_PAGE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tsgraph maps: Defra Third Sector Strategy</title>
<style>
 body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 20px auto; max-width: 1100px; color: #222; padding: 0 16px; }
 h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
 .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 6px 20px; }
 svg text { font-size: 11px; font-family: system-ui, sans-serif; }
 table { border-collapse: collapse; font-size: 13px; } td, th { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; }
 .note { color: #555; font-size: 13px; }
</style>
</head>
<body>
<h1>Defra Third Sector Strategy: who carries which objective</h1>
<p class="note">{{ summary }}</p>
<p><a href="overview.html"><strong>Overview map of the whole strategy</strong></a></p>
<h2>Status of actions by strategic objective</h2>
{{ status_chart }}
<h2>Partners in the most actions</h2>
{{ partner_chart }}
<h2>Money by recipient (each sum counted once)</h2>
{{ money_chart }}
<h2>Strategic objective maps</h2>
<div class="grid">{{ objective_links }}</div>
<h2>Organisation maps</h2>
<div class="grid">{{ organisation_links }}</div>
<p class="note">Sources: Defra, Third Sector Strategy (November 2008) and Third Sector Strategy One Year On (November 2009), © Crown copyright, reused under the terms of their notices. Every link in these maps cites the words it came from.</p>
</body>
</html>
"""


def legend(nodes: list[dict], edges: list[dict]) -> list[dict]:
    kinds = [k for k in KIND_COLOURS if any(n["kind"] == k for n in nodes)]
    items = [{"label": KIND_LABELS[k], "colour": KIND_COLOURS[k]} for k in kinds]
    statuses = [s for s in STATUS_COLOURS if s and any(n["status"] == s for n in nodes)]
    items += [{"label": f"status: {s.replace('-', ' ')}", "colour": STATUS_COLOURS[s], "border": True} for s in statuses]
    relations = sorted({e["relation"] for e in edges})
    items += [{"label": f"edge: {r}", "colour": EDGE_COLOURS[r], "line": True} for r in relations]
    return items


def filters(index: dict, nodes: list[dict]) -> dict:
    chapters = sorted({n["chapter"] for n in nodes if n["kind"] == "action"})
    titles = {c["number"]: c["title"] for c in index["chapters"]}
    statuses = [s for s in STATUS_COLOURS if s and any(n["status"] == s for n in nodes)]
    kinds = sorted({n["orgKind"] for n in nodes if n["orgKind"]})
    return {
        "chapters": [{"value": str(c), "label": f"{c}. {clip(titles[c], 40)}"} for c in chapters],
        "statuses": [{"value": s, "label": s.replace("-", " ")} for s in statuses],
        "kinds": [{"value": k, "label": KIND_LABELS[k]} for k in kinds],
    }


class Renderer:
    def __init__(self, index: dict) -> None:
        self.index = index
        self.vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
        self.vis_css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
        self.env = Environment(autoescape=False)
        self.page = self.env.from_string(PAGE)

    def render(self, data: MapData, title: str, subtitle: str) -> str:
        nodes, edges = data.finish()
        net = Network(height="100%", width="100%", cdn_resources="in_line")
        # pyvis holds the lists; we fill them directly instead of calling add_node/add_edge per item.
        net.nodes, net.edges = nodes, edges
        net.toggle_physics(False)
        net_nodes, net_edges, *_ = net.get_network_data()
        payload = {
            "title": title, "subtitle": subtitle,
            "nodes": net_nodes, "edges": net_edges,
            "legend": legend(nodes, edges), "filters": filters(self.index, nodes),
        }
        # In a <script> element only "</" can end it early; escaping "<" keeps any text inert.
        payload_json = json.dumps(payload, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        return self.page.render(
            title=html.escape(title), vis_js=self.vis_js.replace("</script", "<\\/script"),
            vis_css=self.vis_css, payload=payload_json,
        )


def overview_map(index: dict) -> MapData:
    data = MapData(index)
    for action in index["actions"]:
        data.add_action_links(action)
    return data


def objective_map(index: dict, number: int) -> MapData:
    data = MapData(index)
    data.objective(number)
    for action in index["actions"]:
        if action["chapter"] == number:
            data.add_action_links(action)
    return data


def organisation_map(index: dict, org_id: str) -> MapData:
    data = MapData(index)
    centre = data.organisation(org_id)
    for action in index["actions"]:
        if org_id in action["organisations"]:
            node = data.add_action_links(action, organisations=False, programmes=False)
            data.edge(node, centre, "involves", action["links"][org_id][0])
            for other in partner_ids(index, action):
                if other != org_id:
                    data.edge(node, data.organisation(other), "involves", action["links"][other][0])
    return data


def bar_chart(rows: list[tuple[str, float]], unit: str = "", width: int = 720) -> str:
    if not rows:
        return "<p class='note'>No data.</p>"
    bar_h, label_w = 18, 300
    top = max(v for _, v in rows) or 1
    parts = [f'<svg width="{width}" height="{len(rows) * (bar_h + 4) + 4}" role="img">']
    for i, (label, value) in enumerate(rows):
        y = i * (bar_h + 4) + 2
        w = (width - label_w - 90) * value / top
        text = f"{unit}{value:,.0f}"
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{html.escape(clip(label, 48))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#2e86c1"><title>{html.escape(label)}: {text}</title></rect>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def status_chart(index: dict, width: int = 1000) -> str:
    statuses = [s for s in STATUS_COLOURS if s]
    bar_h, label_w = 18, 330
    actions = {a["id"]: a for a in index["actions"]}
    most = max(len(c["actions"]) for c in index["chapters"])
    parts = []
    for i, chapter in enumerate(index["chapters"]):
        y = i * (bar_h + 4) + 2
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{html.escape(clip(str(chapter["number"]) + ". " + chapter["title"], 52))}</text>')
        x = float(label_w)
        for status in statuses:
            count = sum(1 for a in chapter["actions"] if actions[a]["status"] == status)
            if not count:
                continue
            w = (width - label_w - 20) * count / most
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{STATUS_COLOURS[status]}"><title>{html.escape(status)}: {count}</title></rect>')
            x += w
    y = len(index["chapters"]) * (bar_h + 4) + 14
    x = label_w
    for status in statuses:
        label = status.replace("-", " ")
        parts.append(f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{STATUS_COLOURS[status]}"></rect><text x="{x + 13}" y="{y}">{html.escape(label)}</text>')
        x += 13 + 7 * len(label) + 14  # about 7 px a character at 11 px type
    # The legend may run past the bars; the picture is as wide as whichever is wider.
    return f'<svg width="{max(width, x)}" height="{y + 8}" role="img">' + "".join(parts) + "</svg>"


def write_maps(index: dict, folder: Path) -> list[Path]:
    """Write every map and the index page; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(index)
    written = []
    entities = index["entities"]

    def save(name: str, content: str) -> None:
        path = folder / name
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)

    save("overview.html", renderer.render(
        overview_map(index), "Third Sector Strategy: all actions, partners and programmes",
        "Objectives (boxes), actions (grey, ringed by latest status), organisations by kind, programmes (diamonds).",
    ))
    objective_links = []
    for chapter in index["chapters"]:
        name = f"objective-{chapter['number']}.html"
        save(name, renderer.render(
            objective_map(index, chapter["number"]), f"Objective {chapter['number']}: {chapter['title']}",
            f"{len(chapter['actions'])} actions with their partners and programmes.",
        ))
        objective_links.append(f'<a href="{name}">{chapter["number"]}. {html.escape(chapter["title"])}</a>')
    involved = sorted({o for a in index["actions"] for o in partner_ids(index, a)}, key=lambda o: entities[o]["name"].casefold())
    organisation_links = []
    for org_id in involved:
        name = f"org-{safe_filename(org_id)}.html"
        entity = entities[org_id]
        count = sum(1 for a in index["actions"] if org_id in a["organisations"])
        save(name, renderer.render(
            organisation_map(index, org_id), entity["name"],
            f"{KIND_LABELS[entity['kind']]}; {count} actions, their objectives and co-partners.",
        ))
        organisation_links.append(f'<a href="{name}">{html.escape(entity["name"])}</a> ({count})')
    analysis = analyse(index)
    partners = sorted(
        ((entities[r["id"]]["name"], r["actions"]) for r in analysis["progress_by_partner"]),
        key=lambda kv: (-kv[1], kv[0].casefold()),
    )[:15]
    money = [(r["organisation"], r["gbp"]) for r in analysis["money"]["by_recipient"]]
    summary = (
        f"{len(index['actions'])} actions in {len(index['chapters'])} strategic objectives; "
        f"{analysis['summary']['organisations']} partner organisations in {analysis['summary']['actions_with_partners']} actions; "
        f"{len(index['money'])} sums of money. Defra, the author of every action, is left out of partner counts."
    )
    page = Environment(autoescape=False).from_string(INDEX_PAGE).render(
        summary=html.escape(summary),
        status_chart=status_chart(index),
        partner_chart=bar_chart(partners),
        money_chart=bar_chart(money, "£"),
        objective_links="".join(f"<div>{link}</div>" for link in objective_links),
        organisation_links="".join(f"<div>{link}</div>" for link in organisation_links),
    )
    save("index.html", page)
    return written
