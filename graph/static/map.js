/* One map page: "who carries what" (objectives and partners) or the action-level overview.
   Positions come from the build (closed-form layout), so the map draws at once with physics off.
   Filters narrow the view, refit it and are written to the URL fragment; a changed fragment
   (a shared link, back, forward) is followed. Labels below 11 px on screen are not drawn:
   minor labels appear as the viewer zooms in. */
(function () {
  "use strict";
  var started = performance.now();
  window.tsgraphErrors = [];
  window.addEventListener("error", function (e) { window.tsgraphErrors.push(String(e.message)); document.body.dataset.errors = window.tsgraphErrors.length; });
  var D = window.TSGRAPH, T = window.tsgraphDetails, el = T.el;
  var carries = document.body.dataset.view === "carries";
  var FILTERS = ["objective", "status", "kind", "partner"];
  var KEYS = FILTERS.concat(["expand", "focus", "q"]);
  var byId = function (id) { return document.getElementById(id); };
  var state = {}, lastHash = null;

  var M = window.tsgraphMapView(function () { return state; });
  var V = M.V, network = M.network, nodes = M.nodes, edges = M.edges, container = M.container;
  var info = M.info, edgeInfo = M.edgeInfo, visibleActions = M.visibleActions, kindOk = M.kindOk, mixText = M.mixText;
  window.tsgraphMap = { network: network, nodes: nodes, edges: edges, state: function () { return state; } };

  // -- applying a state --------------------------------------------------------------------------
  var current = { nodeVis: {}, edgeVis: {} };

  function apply(fit) {
    var shown = visibleActions();
    var next = M.compute(shown);
    var nodeUpdates = next.moves.slice(), edgeUpdates = next.edgeUpdates;
    var moved = {};
    nodeUpdates.forEach(function (u) { moved[u.id] = u; u.hidden = false; });
    nodes.forEach(function (n) {
      var hide = !next.nodeVis[n.id];
      if (moved[n.id]) return;
      if (!!n.hidden !== hide) nodeUpdates.push({ id: n.id, hidden: hide });
    });
    var edgeById = {};
    edgeUpdates.forEach(function (u) { edgeById[u.id] = u; });
    edges.forEach(function (e) {
      var hide = !next.edgeVis[e.id];
      if (edgeById[e.id]) edgeById[e.id].hidden = hide;
      else if (!!e.hidden !== hide) edgeUpdates.push({ id: e.id, hidden: hide });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    current = next;
    var ids = Object.keys(next.nodeVis).sort();
    document.body.dataset.visibleNodes = ids.length;
    document.body.dataset.visibleEdges = Object.keys(next.edgeVis).filter(function (k) { return next.edgeVis[k]; }).length;
    byId("empty-note").hidden = ids.length > 0;
    if (fit && ids.length) M.fitTo(ids);
    renderTable(shown);
    showFocus();
  }

  // -- the URL fragment --------------------------------------------------------------------------
  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    var s = {};
    KEYS.forEach(function (k) { if (params.get(k)) s[k] = params.get(k); });
    if (s.objective && !D.objectives[s.objective]) delete s.objective;
    if (s.partner && !D.entities[s.partner]) delete s.partner;
    s.expand = s.expand ? s.expand.split(",").filter(function (t) {
      return edgeInfo[t] || (/^chapter:/.test(t) && D.objectives[t.split(":")[1]]);
    }) : [];
    return s;
  }

  function hashOf(s) {
    var parts = [];
    KEYS.forEach(function (k) {
      var v = k === "expand" ? (s.expand || []).join(",") : s[k];
      if (v) parts.push(k + "=" + encodeURIComponent(v).replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%7C/g, "|"));
    });
    return parts.join("&");
  }

  function commit(push, fit) {
    var hash = hashOf(state);
    if (hash !== lastHash) {
      var url = location.pathname + location.search + (hash ? "#" + hash : "");
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      lastHash = hash;
    }
    apply(fit);
  }

  function follow() {
    var hash = location.hash.slice(1);
    if (hash === lastHash) return;
    state = readHash();
    lastHash = hashOf(state);
    syncControls();
    apply(true);
  }

  function syncControls() {
    FILTERS.forEach(function (k) { byId("filter-" + k).value = state[k] || ""; });
    byId("map-search").value = state.q || "";
    finder.render();
  }

  FILTERS.forEach(function (k) {
    byId("filter-" + k).addEventListener("change", function () {
      state[k] = this.value || undefined;
      commit(true, true);
    });
  });
  byId("reset").addEventListener("click", function () {
    state = { expand: [] };
    syncControls();
    commit(true, true);
  });
  window.addEventListener("hashchange", follow);
  window.addEventListener("popstate", follow);

  // -- selection, details, search ----------------------------------------------------------------
  function toggleExpand(token) {
    var list = state.expand || [];
    state.expand = list.indexOf(token) >= 0 ? list.filter(function (t) { return t !== token; }) : list.concat([token]);
    commit(true, false);
  }

  function expandButton(token, what) {
    var on = (state.expand || []).indexOf(token) >= 0;
    var b = el("button", { type: "button", className: "expand" }, (on ? "Hide " : "Show ") + what + " on the map");
    b.addEventListener("click", function () { toggleExpand(token); });
    return b;
  }

  function detailsFor(id) {
    var shown = visibleActions();
    if (edgeInfo[id] && carries && V.edges.indexOf(edgeInfo[id]) >= 0) {
      var e = edgeInfo[id], left = e.actions.filter(function (a) { return shown[a]; });
      return T.pair(info[e.from].ref, info[e.to].ref, left, expandButton(id, "these actions"));
    }
    var n = info[id];
    if (!n) return null;
    if (n.kind === "objective") {
      var acts = D.objectives[n.ref].actions.filter(function (a) { return shown[a]; });
      var partners = null;
      if (carries) {
        partners = V.edges.filter(function (e) { return e.to === id && current.edgeVis[e.id]; }).map(function (e) {
          return { id: info[e.from].ref, count: e.actions.filter(function (a) { return shown[a]; }).length };
        }).sort(function (a, b) { return b.count - a.count || D.entities[a.id].name.localeCompare(D.entities[b.id].name); });
      }
      return T.objective(n.ref, acts, partners, carries ? expandButton(id, "its actions") : null);
    }
    if (n.kind === "action") return T.action(n.ref);
    var mine = D.entities[n.ref].actions.filter(function (a) { return shown[a]; });
    return T.entity(n.ref, mine);
  }

  function showFocus() {
    var panel = byId("details-body");
    var id = state.focus;
    var visible = id && (current.nodeVis[id] || current.edgeVis[id]);
    panel.textContent = "";
    document.body.dataset.selected = visible ? id : "";
    byId("details").hidden = !id;
    if (!id) {
      network.unselectAll();
      dim(null);
      return;
    }
    if (!visible) {
      network.unselectAll();
      dim(null);
      var clear = el("button", { type: "button" }, "Clear the filters");
      clear.addEventListener("click", function () { state = { expand: [], focus: id }; syncControls(); commit(true, true); });
      panel.appendChild(el("p", { text: (nameOf(id) || id) + " is not in the current view." }));
      panel.appendChild(clear);
      return;
    }
    if (current.nodeVis[id]) network.selectNodes([id]); else network.selectEdges([id]);
    dim(id);
    var body = detailsFor(id);
    if (body) panel.appendChild(body);
  }

  function nameOf(id) {
    var n = info[id];
    if (!n) return edgeInfo[id] ? nameOf(edgeInfo[id].from) + " \u2014 " + nameOf(edgeInfo[id].to) : null;
    if (n.kind === "objective") return "Objective " + n.ref;
    if (n.kind === "action") return "Action " + n.ref;
    return D.entities[n.ref].name;
  }

  function dim(id) {
    var keep = null;
    if (id) {
      keep = {};
      keep[id] = true;
      if (info[id]) network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
      else { keep[edgeInfo[id].from] = keep[edgeInfo[id].to] = true; }
    }
    var updates = [];
    nodes.forEach(function (n) {
      var opacity = !keep || keep[n.id] ? 1 : 0.25;
      if ((n.opacity === undefined ? 1 : n.opacity) !== opacity) updates.push({ id: n.id, opacity: opacity });
    });
    nodes.update(updates);
    // Edges away from the selection fade too; each keeps its own colour (vis-network replaces the
    // whole colour object on update, so the full object is written back).
    var edgeUpdates = [];
    edges.forEach(function (e) {
      var touching = !keep || (info[id] ? e.from === id || e.to === id : e.id === id);
      var colour = e.color || {};
      var opacity = touching ? (colour.base === undefined ? colour.opacity : colour.base) : 0.12;
      if (colour.opacity !== opacity) {
        edgeUpdates.push({ id: e.id, color: Object.assign({}, colour, { opacity: opacity, base: colour.base === undefined ? colour.opacity : colour.base }) });
      }
    });
    edges.update(edgeUpdates);
    document.body.dataset.highlighted = keep ? Object.keys(keep).length : 0;
  }

  function select(id, push) {
    state.focus = id || undefined;
    commit(!!push, false);
  }

  byId("details-close").addEventListener("click", function () { select(null); container.focus(); });

  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (p.edges.length && carries && edgeInfo[p.edges[0]] && edgeInfo[p.edges[0]].actions) select(p.edges[0]);
    else select(null);
  });

  var finder = window.tsgraphSearch.attach(byId("map-search"), byId("map-search-results"), byId("map-search-status"), function (hit) {
    var node = hit.entry.node;
    if (carries && node.indexOf("action:") === 0) {
      var token = "chapter:" + D.actions[node.slice(7)].chapter;
      if ((state.expand || []).indexOf(token) < 0) state.expand = (state.expand || []).concat([token]);
    }
    if (!info[node]) return false;  // not on this map: follow the link to its page
    state.focus = node;
    commit(true, false);
    if (current.nodeVis[node]) network.focus(node, { scale: Math.max(network.getScale(), 1), animation: false });
    return true;
  }, 10);
  byId("map-search").addEventListener("input", function () {
    state.q = this.value.trim() || undefined;
    var hits = finder.results();
    if (!hits.length && state.focus) state.focus = undefined;  // a search that finds nothing clears the old highlight
    commit(false, false);
  });

  // Keyboard: ] and [ step through the nodes in view; Escape clears the selection.
  container.addEventListener("keydown", function (event) {
    if (event.key !== "]" && event.key !== "[" && event.key !== "Escape") return;
    event.preventDefault();
    if (event.key === "Escape") { select(null); return; }
    var ids = Object.keys(current.nodeVis).sort(function (a, b) { return info[a].order - info[b].order; });
    if (!ids.length) return;
    var at = ids.indexOf(state.focus);
    var next = ids[(at + (event.key === "]" ? 1 : ids.length - 1)) % ids.length];
    select(next);
    network.focus(next, { scale: Math.max(network.getScale(), 0.9), animation: false });
  });

  // -- the table alternative ---------------------------------------------------------------------
  function rowButton(id, text) {
    var b = el("button", { type: "button", className: "link-button" }, text);
    b.addEventListener("click", function () {
      select(id, true);
      container.scrollIntoView({ block: "nearest" });
    });
    return b;
  }

  function renderTable(shown) {
    var body = byId("map-table-body");
    body.textContent = "";
    if (carries) {
      V.edges.filter(function (e) { return current.edgeVis[e.id]; }).forEach(function (e) {
        var left = e.actions.filter(function (a) { return shown[a]; });
        var p = D.entities[info[e.from].ref];
        body.appendChild(el("tr", {}, el("th", { scope: "row" }, rowButton(e.id, p.name)),
          el("td", { text: info[e.to].ref + ". " + D.objectives[info[e.to].ref].title }),
          el("td", { text: String(left.length) }), el("td", { text: mixText(left) })));
      });
    } else {
      Object.keys(shown).sort(function (a, b) { return D.actions[a].order - D.actions[b].order; }).forEach(function (id) {
        var a = D.actions[id];
        body.appendChild(el("tr", {}, el("th", { scope: "row" }, rowButton("action:" + id, id)),
          el("td", { text: a.chapter + ". " + D.objectives[a.chapter].title }), el("td", {}, T.badge(a.status)),
          el("td", { text: a.partners.filter(kindOk).map(function (p) { return D.entities[p].name; }).concat(
            a.programmes.map(function (p) { return D.entities[p].name; })).join("; ") })));
      });
    }
    byId("map-table-count").textContent = body.children.length + (body.children.length === 1 ? " row" : " rows");
  }

  // -- start ---------------------------------------------------------------------------------------
  var order = 0;
  Object.keys(info).sort(function (a, b) {
    var ka = info[a].kind === "objective" ? 0 : info[a].kind === "action" ? 2 : 1;
    var kb = info[b].kind === "objective" ? 0 : info[b].kind === "action" ? 2 : 1;
    return ka - kb || String(info[a].label).localeCompare(String(info[b].label), "en", { numeric: true });
  }).forEach(function (id) { info[id].order = order++; });

  var firstDraw = true;
  network.on("afterDrawing", function () {
    if (!firstDraw) return;
    firstDraw = false;
    document.body.dataset.firstDrawMs = (performance.now() - started).toFixed(1);
    document.body.dataset.loadToDrawMs = performance.now().toFixed(1);
    document.body.dataset.ready = "1";
  });
  state = readHash();
  lastHash = hashOf(state);
  syncControls();
  apply(true);
})();
