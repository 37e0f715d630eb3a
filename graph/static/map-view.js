/* The map's drawing: vis-network nodes and edges styled from the build's data, and which of them
   a filter state leaves visible (an organisation or programme without a visible action is hidden).
   Used by map.js; document text only ever reaches the page as DOM text. */
window.tsgraphMapView = function (getState) {
  "use strict";
  var D = window.TSGRAPH, T = window.tsgraphDetails;
  var view = document.body.dataset.view, V = D.views[view], carries = view === "carries";
  var byId = function (id) { return document.getElementById(id); };
  var TIP_ACTIONS = 4;
  var FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";
  // -- nodes and edges --------------------------------------------------------------------------
  // vis-network shows a string title with innerText: text, never HTML.
  function tip(text) { return String(text); }

  function styleNode(n) {
    var node = { id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, font: { size: n.font, face: FONT, color: "#1a1a1a", strokeWidth: 3, strokeColor: "#ffffff" } };
    if (n.kind === "objective") {
      node.shape = "box";
      node.color = { background: "#1f3a5f", border: "#0d1f33", highlight: { background: "#2f5a8f", border: "#000" } };
      node.font = { size: n.font, face: FONT, color: "#ffffff", multi: false };
      node.margin = 8;
      node.title = tip("Objective " + n.ref + ": " + D.objectives[n.ref].title);
    } else if (n.kind === "action") {
      var s = T.status(D.actions[n.ref].status);
      node.shape = "dot";
      node.color = { background: s.colour, border: "#222222", highlight: { background: s.colour, border: "#000" } };
      node.borderWidth = 1.5;
      node.title = tip("Action " + n.ref + " \u2014 " + s.symbol + " " + s.label + "\n" + D.actions[n.ref].title);
    } else {
      var e = D.entities[n.ref], k = D.kinds[e.kind] || D.kinds[""];
      node.shape = k.shape;
      node.color = k.hollow ? { background: "#ffffff", border: "#33475b" } : { background: "#33475b", border: "#1a2633" };
      node.borderWidth = k.hollow ? 2 : 1;
      node.title = tip(e.name + "\n" + e.kindLabel + (e.names.length ? "\nalso: " + e.names.join(", ") : ""));
    }
    return node;
  }

  var nodeList = V.nodes.map(styleNode);
  var info = {};
  V.nodes.forEach(function (n) { info[n.id] = n; });
  var edgeInfo = {}, edgeStyle = {};
  var edgeList = V.edges.map(function (e) {
    edgeInfo[e.id] = e;
    var edge = { id: e.id, from: e.from, to: e.to, smooth: false };
    if (carries) {
      Object.assign(edge, pairStyle(e, e.actions));
    } else {
      if (e.relation === "partner") edge.title = tip(linkTip(info[e.from].ref, info[e.to].ref));
      edge.color = { color: e.relation === "partner" ? "#5d6d7e" : "#aab2bb", opacity: 0.8 };
      edge.dashes = e.relation === "programme" ? [4, 4] : false;
      edge.width = e.relation === "in-objective" ? 1 : 1.5;
    }
    return edge;
  });
  // "Who carries what" draws an objective's or an edge's actions only when asked: they join the
  // data sets the first time they are expanded and are hidden again after.
  if (carries) {
    Object.keys(D.actions).forEach(function (id) {
      var a = D.actions[id], node = "action:" + id;
      info[node] = { id: node, kind: "action", ref: id, label: a.label, font: 14, size: 7, x: 0, y: 0, added: false };
      edgeInfo["x|" + node] = { id: "x|" + node, from: "chapter:" + a.chapter, to: node, relation: "expanded" };
      a.partners.forEach(function (p) {
        edgeInfo["x|" + node + "|" + p] = { id: "x|" + node + "|" + p, from: node, to: D.entities[p].node, relation: "expanded" };
      });
    });
  }
  var nodes = new vis.DataSet(nodeList), edges = new vis.DataSet(edgeList);
  var container = byId("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, keyboard: { enabled: true, bindToWindow: false }, hideEdgesOnDrag: nodeList.length > 800 },
    nodes: { scaling: { label: { drawThreshold: 12, maxVisible: 40 } } },
    edges: { smooth: false, selectionWidth: 2 }
  });

  // -- what the filters leave ----------------------------------------------------------------------
  function visibleActions() {
    var state = getState(), keep = {};
    Object.keys(D.actions).forEach(function (id) {
      var a = D.actions[id];
      if (state.objective && String(a.chapter) !== state.objective) return;
      if (state.status && (a.status || "none") !== state.status) return;
      if (state.partner && a.partners.indexOf(state.partner) < 0) return;
      if (state.kind && !a.partners.some(function (p) { return D.entities[p].kind === state.kind; })) return;
      keep[id] = true;
    });
    return keep;
  }

  function kindOk(entityId) {
    var state = getState(), e = D.entities[entityId];
    return !state.kind || e.type !== "organisation" || e.kind === state.kind;
  }

  function expandedActions(shown) {
    var state = getState(), out = {};
    (state.expand || []).forEach(function (token) {
      var parts = token.split("|");
      var list = parts.length === 1 ? D.objectives[parts[0].split(":")[1]].actions : edgeInfo[token] ? edgeInfo[token].actions : [];
      list.forEach(function (id) { if (shown[id]) out[id] = token; });
    });
    return out;
  }

  function place(expanded) {
    // Expanded actions sit in a small grid between their anchor and the ring's centre.
    var groups = {};
    Object.keys(expanded).sort(function (a, b) { return D.actions[a].order - D.actions[b].order; }).forEach(function (id) {
      (groups[expanded[id]] = groups[expanded[id]] || []).push(id);
    });
    var moves = [];
    Object.keys(groups).forEach(function (token) {
      var parts = token.split("|"), a = info[parts[0]], b = parts[1] ? info[parts[1]] : null;
      var cx = b ? (a.x + b.x) / 2 : a.x, cy = b ? (a.y + b.y) / 2 : a.y;
      var len = Math.sqrt(cx * cx + cy * cy) || 1, ux = -cx / len, uy = -cy / len;
      groups[token].forEach(function (id, k) {
        var row = Math.floor(k / 4), col = k % 4 - 1.5;
        moves.push({ id: "action:" + id, x: cx + ux * (90 + 40 * row) + col * 74, y: cy + uy * (90 + 40 * row) + (b ? 0 : 30) });
      });
    });
    return moves;
  }

  function addActions(ids) {
    var newNodes = [], newEdges = [];
    ids.forEach(function (id) {
      var node = "action:" + id;
      if (info[node].added) return;
      info[node].added = true;
      newNodes.push(Object.assign(styleNode(info[node]), { hidden: true }));
      [node].concat(D.actions[id].partners.map(function (p) { return node + "|" + p; })).forEach(function (suffix) {
        var e = edgeInfo["x|" + suffix];
        newEdges.push({ id: e.id, from: e.from, to: e.to, hidden: true, smooth: false, width: 1, color: { color: "#7a8591" } });
      });
    });
    if (newNodes.length) { nodes.add(newNodes); edges.add(newEdges); }
  }

  function computeCarries(shown) {
    var nodeVis = {}, edgeVis = {}, edgeUpdates = [];
    Object.keys(shown).forEach(function (id) { nodeVis["chapter:" + D.actions[id].chapter] = true; });
    V.edges.forEach(function (e) {
      var left = e.actions.filter(function (id) { return shown[id]; });
      var ok = left.length > 0 && kindOk(info[e.from].ref);
      edgeVis[e.id] = ok;
      if (ok) {
        nodeVis[e.from] = true;
        var key = left.join(" ");
        if (edgeStyle[e.id] !== key) edgeUpdates.push(Object.assign({ id: e.id }, pairStyle(e, left)));
      }
    });
    var expanded = expandedActions(shown);
    addActions(Object.keys(expanded));
    Object.keys(expanded).forEach(function (id) {
      nodeVis["action:" + id] = true;
      edgeVis["x|action:" + id] = true;
      D.actions[id].partners.forEach(function (p) { if (nodeVis[D.entities[p].node]) edgeVis["x|action:" + id + "|" + p] = true; });
    });
    return { nodeVis: nodeVis, edgeVis: edgeVis, edgeUpdates: edgeUpdates, moves: place(expanded) };
  }

  function computeOverview(shown) {
    var nodeVis = {}, edgeVis = {};
    Object.keys(shown).forEach(function (id) {
      var a = D.actions[id];
      nodeVis["action:" + id] = nodeVis["chapter:" + a.chapter] = true;
      a.partners.forEach(function (p) { if (kindOk(p)) nodeVis[D.entities[p].node] = true; });
      a.programmes.forEach(function (p) { nodeVis[D.entities[p].node] = true; });
    });
    V.edges.forEach(function (e) { edgeVis[e.id] = !!(nodeVis[e.from] && nodeVis[e.to]); });
    return { nodeVis: nodeVis, edgeVis: edgeVis, edgeUpdates: [], moves: [] };
  }

  function leading(ids) {
    var counts = {};
    ids.forEach(function (id) { var s = D.actions[id].status || ""; counts[s] = (counts[s] || 0) + 1; });
    var best = null;
    D.statuses.forEach(function (s) { if (counts[s.id] && (best === null || counts[s.id] > counts[best])) best = s.id; });
    return best === null ? "" : best;
  }

  function mixText(ids) {
    var counts = {};
    ids.forEach(function (id) { var s = D.actions[id].status || ""; counts[s] = (counts[s] || 0) + 1; });
    return D.statuses.concat([T.status("")]).filter(function (s) { return counts[s.id]; })
      .map(function (s) { return s.symbol + " " + counts[s.id] + " " + s.label; }).join(", ");
  }

  // An edge's width is its shared actions; its colour and dashes the status most of them have.
  function pairStyle(e, ids) {
    var s = T.status(leading(ids));
    edgeStyle[e.id] = ids.join(" ");
    return { width: 1 + 1.5 * Math.sqrt(ids.length), dashes: s.dashes.length ? s.dashes : false,
      color: { color: s.colour, highlight: s.ink, hover: s.ink, opacity: 0.9 }, title: tip(pairTip(e, ids)) };
  }

  function pairTip(e, ids) {
    var partner = info[e.from].ref, p = D.entities[partner];
    var lines = [p.name + " \u2014 objective " + info[e.to].ref + ": " + ids.length + (ids.length === 1 ? " shared action" : " shared actions"),
      mixText(ids)];
    ids.slice(0, TIP_ACTIONS).forEach(function (id) { lines.push(linkTip(id, partner)); });
    if (ids.length > TIP_ACTIONS) lines.push("\u2026 and " + (ids.length - TIP_ACTIONS) + " more: click the edge");
    return lines.join("\n");
  }

  // The sentence that says how the body is involved in the action, with its citation.
  function linkTip(actionId, entityId) {
    var a = D.actions[actionId], s = T.status(a.status), first = (a.links[entityId] || [])[0];
    return actionId + " " + s.symbol + " " + s.label + (first ? ": \u201c" + first.quote + "\u201d (" + first.cite + ")" : "");
  }

  // Fit the nodes in view, labels included, with a small margin (vis-network's fit leaves 10%).
  function fitTo(ids) {
    var box = null;
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) return;
      box = box ? { left: Math.min(box.left, b.left), right: Math.max(box.right, b.right), top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom) } : b;
    });
    if (!box) return;
    var width = container.clientWidth, height = container.clientHeight;
    var scale = Math.min(1.4, width / ((box.right - box.left) * 1.03 + 1), height / ((box.bottom - box.top) * 1.03 + 1));
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale, animation: false });
    adaptObjectives();
  }

  // On a small screen the whole map is drawn too small for the objectives' titles; they show
  // their number instead, at a legible size, until the viewer zooms in.
  var objectiveIds = V.nodes.filter(function (n) { return n.kind === "objective"; }).map(function (n) { return n.id; });
  var shortObjectives = null;
  function adaptObjectives() {
    var scale = network.getScale();
    var short = objectiveIds.some(function (id) { return info[id].font * scale < 12; });
    var size = short ? Math.ceil(14 / scale) : null;
    if (short === shortObjectives && (!short || size === adaptObjectives.size)) return;
    shortObjectives = short;
    adaptObjectives.size = size;
    nodes.update(objectiveIds.map(function (id) {
      var n = info[id];
      return { id: id, label: short ? n.ref : n.label, font: { size: short ? size : n.font, face: FONT, color: "#ffffff" } };
    }));
    document.body.dataset.objectiveLabels = short ? "numbers" : "titles";
  }
  network.on("zoom", adaptObjectives);


  return {
    D: D, V: V, carries: carries, network: network, nodes: nodes, edges: edges, container: container,
    info: info, edgeInfo: edgeInfo, visibleActions: visibleActions, kindOk: kindOk, leading: leading, mixText: mixText,
    fitTo: fitTo, compute: function (shown) { return carries ? computeCarries(shown) : computeOverview(shown); }
  };
};
