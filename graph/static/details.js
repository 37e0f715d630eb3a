/* The details panel: an entity's facts grouped by objective, with status, money and, for every
   link, the full sentence that says how the body is involved, its document and offsets. Built
   with DOM text nodes only: document text is never parsed as HTML. */
(function () {
  "use strict";
  var D = window.TSGRAPH;
  D.statusById = { "": D.unreported };
  D.statuses.forEach(function (s) { D.statusById[s.id] = s; });
  var root = function () { return document.body.dataset.root || ""; };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === "") continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function status(id) {
    return D.statusById[id || ""] || D.statusById[""];
  }

  function badge(id) {
    var s = status(id);
    var span = el("span", { className: "status", "data-status": s.id });
    span.appendChild(el("span", { className: "status-symbol", style: "color:" + s.ink, "aria-hidden": "true", text: s.symbol }));
    span.appendChild(document.createTextNode(" " + s.label));
    return span;
  }

  function cite(c) {
    return el("a", { href: root() + c.href, className: "cite", title: "Show in the source document" }, c.cite);
  }

  function sentence(c) {
    return el("blockquote", { className: "sentence" }, el("p", {}, "\u201c" + c.quote + "\u201d"), el("footer", {}, cite(c)));
  }

  function actionLink(id) {
    var a = D.actions[id];
    return el("a", { href: root() + a.href }, id);
  }

  function money(ids) {
    if (!ids || !ids.length) return null;
    var list = el("ul", { className: "money" });
    ids.forEach(function (id) {
      var m = D.money[id];
      var who = [m.funder ? "from " + m.funder : "", m.recipients.length ? "to " + m.recipients.join(", ") : ""].filter(Boolean).join(" ");
      list.appendChild(el("li", {}, el("strong", {}, m.raw), " " + [m.kind, m.period, who].filter(Boolean).join(", ") +
        (m.counts ? "" : " (listed, not counted in totals)") + " ", cite(m.sentence)));
    });
    return el("div", {}, el("h3", { text: "Money" }), list);
  }

  function actionItem(id, entityId) {
    var a = D.actions[id];
    var li = el("li", {}, actionLink(id), " ", badge(a.status), " ", el("span", { text: a.title }));
    (entityId && a.links[entityId] || []).forEach(function (c) { li.appendChild(sentence(c)); });
    return li;
  }

  function byObjective(ids, entityId) {
    var groups = {}, order = [];
    ids.forEach(function (id) {
      var ch = D.actions[id].chapter;
      if (!groups[ch]) { groups[ch] = []; order.push(ch); }
      groups[ch].push(id);
    });
    order.sort(function (a, b) { return a - b; });
    var wrap = el("div", {});
    order.forEach(function (ch) {
      var o = D.objectives[ch];
      wrap.appendChild(el("h3", {}, el("a", { href: root() + o.href }, ch + ". " + o.title)));
      var list = el("ul", { className: "actions" });
      groups[ch].forEach(function (id) { list.appendChild(actionItem(id, entityId)); });
      wrap.appendChild(list);
    });
    return wrap;
  }

  function pageLink(href, name) {
    return el("p", { className: "page-link" }, el("a", { href: root() + href }, "Open the page for " + name));
  }

  function entity(id, actions) {
    var e = D.entities[id];
    return el("div", {}, el("h2", { text: e.name }),
      el("p", { className: "kind" }, e.kindLabel + (e.names.length ? " \u00b7 also: " + e.names.join(", ") : "")),
      pageLink(e.href, e.name),
      el("p", { text: actions.length + (actions.length === 1 ? " action" : " actions") + " shown." }),
      byObjective(actions, id), money(e.money));
  }

  function objective(number, actions, partners, onExpand) {
    var o = D.objectives[number];
    var box = el("div", {}, el("h2", { text: "Objective " + number + ": " + o.title }), pageLink(o.href, "objective " + number));
    if (onExpand) box.appendChild(el("p", {}, onExpand));
    if (partners) {
      var list = el("ol", { className: "partners" });
      partners.forEach(function (p) {
        list.appendChild(el("li", {}, el("a", { href: root() + D.entities[p.id].href }, D.entities[p.id].name),
          " \u2014 " + p.count + (p.count === 1 ? " action" : " actions")));
      });
      box.appendChild(el("h3", { text: partners.length ? "Partners, by shared actions" : "No partner named in the actions shown" }));
      box.appendChild(list);
    }
    box.appendChild(el("h3", { text: "Actions" }));
    var ul = el("ul", { className: "actions" });
    actions.forEach(function (id) { ul.appendChild(actionItem(id)); });
    box.appendChild(ul);
    return box;
  }

  function pair(partnerId, number, actions, onExpand) {
    var e = D.entities[partnerId], o = D.objectives[number];
    return el("div", {}, el("h2", { text: e.name + " in objective " + number }),
      el("p", { text: o.title + ": " + actions.length + (actions.length === 1 ? " shared action." : " shared actions.") }),
      onExpand ? el("p", {}, onExpand) : null, pageLink(e.href, e.name), byObjective(actions, partnerId));
  }

  function action(id) {
    var a = D.actions[id];
    var box = el("div", {}, el("h2", { text: "Action " + id + ": " + a.title }),
      el("p", {}, badge(a.status), a.date ? " (" + a.date + ")" : ""), pageLink(a.href, "action " + id),
      el("p", { text: a.text }));
    if (a.decided) {
      box.appendChild(el("p", {}, "Status decided by the words: "));
      box.appendChild(sentence(a.decided));
    }
    if (a.lead_units.length) {
      box.appendChild(el("p", { text: "Led by Defra's own " + (a.lead_units.length === 1 ? "unit: " : "units: ") +
        a.lead_units.map(function (u) { return D.entities[u].name; }).join(", ") + "." }));
    }
    var names = a.partners.concat(a.programmes);
    if (names.length) {
      box.appendChild(el("h3", { text: "Partners and programmes" }));
      var ul = el("ul", {});
      names.forEach(function (n) {
        var li = el("li", {}, el("a", { href: root() + D.entities[n].href }, D.entities[n].name));
        (a.links[n] || []).forEach(function (c) { li.appendChild(sentence(c)); });
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    var m = money(a.money);
    if (m) box.appendChild(m);
    return box;
  }

  window.tsgraphDetails = { el: el, badge: badge, entity: entity, objective: objective, pair: pair, action: action, status: status };
})();
