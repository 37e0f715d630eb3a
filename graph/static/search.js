/* Search over every entity, objective and action: organisations and objectives first, then
   programmes and people, then actions. Names, acronyms, aliases and former names all match, so
   "ENCAMS" finds Keep Britain Tidy. Results are built as DOM text, never as HTML. */
(function () {
  "use strict";
  var TYPE_RANK = { organisation: 0, objective: 0, action: 2 };

  function normalise(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/&/g, " and ").replace(/[^a-z0-9.]+/g, " ").trim();
  }

  // How well one term matches: 0 the whole term, 1 its start, 2 the start of a word, 3 anywhere.
  function quality(term, q) {
    if (term === q) return 0;
    if (term.indexOf(q) === 0) return 1;
    if ((" " + term).indexOf(" " + q) >= 0) return 2;
    return term.indexOf(q) >= 0 ? 3 : -1;
  }

  function search(entries, text, limit) {
    var q = normalise(text);
    if (!q) return [];
    var hits = [];
    entries.forEach(function (entry) {
      var best = null;
      entry.terms.forEach(function (pair) {
        var score = quality(pair[2] || (pair[2] = normalise(pair[0])), q);
        if (score >= 0 && pair[1] === "text") score = 4;
        if (score >= 0 && (best === null || score < best.score)) best = { score: score, term: pair[0], how: pair[1] };
      });
      if (best) {
        var rank = TYPE_RANK.hasOwnProperty(entry.type) ? TYPE_RANK[entry.type] : 1;
        hits.push({ entry: entry, score: best.score, rank: rank, term: best.term, how: best.how });
      }
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.score - b.score ||
        a.entry.name.localeCompare(b.entry.name, "en", { numeric: true }) || (a.entry.id < b.entry.id ? -1 : 1);
    });
    return hits.slice(0, limit || 12);
  }

  function describe(hit) {
    var why = hit.how === "name" || hit.how === "text" ? "" : " (" + hit.how + ": " + hit.term + ")";
    return hit.entry.label + why;
  }

  // A search box with a list of hits; onPick(hit) decides what choosing a hit does.
  function attach(input, list, status, onPick, limit) {
    var entries = window.TSGRAPH_SEARCH || [];
    var current = [];
    function render() {
      current = search(entries, input.value, limit);
      list.textContent = "";
      current.forEach(function (hit, i) {
        var li = document.createElement("li");
        li.dataset.type = hit.entry.type;
        var link = document.createElement("a");
        link.href = (document.body.dataset.root || "") + hit.entry.href;
        link.textContent = hit.entry.name;
        link.dataset.index = i;
        link.dataset.node = hit.entry.node;
        link.addEventListener("click", function (event) {
          if (onPick && onPick(hit) !== false) event.preventDefault();
        });
        var note = document.createElement("span");
        note.className = "hit-note";
        note.textContent = " " + describe(hit);
        li.appendChild(link);
        li.appendChild(note);
        list.appendChild(li);
      });
      if (status) {
        status.textContent = !input.value.trim() ? "" :
          current.length ? current.length + (current.length === 1 ? " match" : " matches") : "No match for \u201c" + input.value + "\u201d";
      }
      return current;
    }
    input.addEventListener("input", render);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && current.length) {
        event.preventDefault();
        var first = list.querySelector("a");
        if (onPick) { onPick(current[0]); } else if (first) { window.location.href = first.href; }
      }
    });
    return { render: render, results: function () { return current; } };
  }

  window.tsgraphSearch = { search: search, normalise: normalise, attach: attach };

  document.addEventListener("DOMContentLoaded", function () {
    ["site-search", "index-search"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box) attach(box, document.getElementById(id + "-results"), document.getElementById(id + "-status"), null, id === "index-search" ? 20 : 12);
    });
  });
})();
