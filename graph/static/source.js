/* The source view: #s=START-END highlights exactly those characters of the document (offsets are
   Unicode code points, as the graph records them) and scrolls to them. Each line of the text is
   a span carrying the offset it starts at; the highlight splits text nodes and wraps <mark>s, so
   the document text itself is never parsed as HTML. */
(function () {
  "use strict";
  var text = document.getElementById("source-text");
  var banner = document.getElementById("highlight-note");

  function clear() {
    Array.prototype.slice.call(text.querySelectorAll("mark")).forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  // UTF-16 index of the code point offset `points` within `s`.
  function utf16(s, points) {
    if (!/[\ud800-\udfff]/.test(s)) return Math.min(points, s.length);
    return Array.from(s).slice(0, points).join("").length;
  }

  function wrap(line, from, to) {
    var node = line.firstChild;
    if (!node) return null;
    var s = node.nodeValue, a = utf16(s, from), b = utf16(s, to);
    if (a >= b) return null;
    var middle = node.splitText(a);
    middle.splitText(b - a);
    var mark = document.createElement("mark");
    line.replaceChild(mark, middle);
    mark.appendChild(middle);
    return mark;
  }

  function highlight() {
    clear();
    var match = /(?:^|&)s=(\d+)-(\d+)/.exec(location.hash.slice(1));
    document.body.dataset.highlighted = "";
    if (!match) { banner.textContent = ""; return; }
    var start = +match[1], end = +match[2], first = null, lineNo = null;
    var lines = text.querySelectorAll("span[data-o]");
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], o = +line.dataset.o, length = +line.dataset.n;
      if (o + length <= start) continue;
      if (o >= end) break;
      var mark = wrap(line, Math.max(0, start - o), Math.min(length, end - o));
      if (mark && !first) { first = mark; lineNo = i + 1; }
    }
    if (!first) {
      banner.textContent = "Characters " + start + "\u2013" + end + " are not in this document.";
      return;
    }
    banner.textContent = "Highlighted: characters " + start + "\u2013" + end + " (line " + lineNo + ").";
    first.id = "highlight";
    first.tabIndex = -1;
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
    document.body.dataset.highlighted = start + "-" + end;
  }

  window.addEventListener("hashchange", highlight);
  highlight();
})();
