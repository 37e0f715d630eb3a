/* Sorting the partner × objective matrix: by total, by name, or by one objective's column. The
   chosen order is kept in the URL fragment (#sort=total, #sort=name, #sort=objective-3). */
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  if (!table) return;
  var body = table.tBodies[0], label = document.getElementById("matrix-sorted"), select = document.getElementById("sort-objective");
  var rows = Array.prototype.slice.call(body.rows);

  function key(row, by) {
    var name = row.dataset.name, total = +row.dataset.total, rank = +row.dataset.rank;
    if (by === "name") return [name, rank];
    if (by.indexOf("objective-") === 0) return [-(+row.getAttribute("data-o" + by.slice(10)) || 0), -total, name, rank];
    return [-total, name, rank];
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; }
    return 0;
  }

  function sort(by) {
    if (!/^(total|name|objective-\d+)$/.test(by)) by = "total";
    var keyed = rows.map(function (row) { return { row: row, key: key(row, by) }; });
    keyed.sort(function (a, b) { return compare(a.key, b.key); });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    document.querySelectorAll(".matrix-tools button[data-sort]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.sort === by)); });
    select.value = by.indexOf("objective-") === 0 ? by.slice(10) : "";
    label.textContent = by === "name" ? "name" : by === "total" ? "total actions" : "actions in objective " + by.slice(10);
    table.querySelectorAll("thead th[data-objective]").forEach(function (th) {
      th.setAttribute("aria-sort", "objective-" + th.dataset.objective === by ? "descending" : "none");
    });
    document.body.dataset.matrixSort = by;
  }

  function choose(by) {
    history.replaceState(null, "", "#sort=" + by);
    sort(by);
  }

  document.querySelectorAll(".matrix-tools button[data-sort]").forEach(function (b) {
    b.addEventListener("click", function () { choose(b.dataset.sort); });
  });
  select.addEventListener("change", function () { choose(select.value ? "objective-" + select.value : "total"); });
  function follow() { var m = /sort=([\w-]+)/.exec(location.hash); sort(m ? m[1] : "total"); }
  window.addEventListener("hashchange", follow);
  follow();
})();
