"""The explorer in headless Chromium, network cut off: values checked against the index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import AXE, SKIP_REASON, Chromium
from explorer_expect import (EVIL_ALERT, EVIL_TEXT, hostile_index, node_of, pairs, source_texts,
                             visible_carries, visible_overview)
from graph.explore import write_explorer

pytestmark = [pytest.mark.browser, pytest.mark.skipif(bool(SKIP_REASON), reason=SKIP_REASON or "-")]

VISIBLE_NODES = "() => tsgraphMap.nodes.get({filter: n => !n.hidden}).map(n => n.id)"
VISIBLE_EDGES = "() => tsgraphMap.edges.get({filter: e => !e.hidden}).map(e => [e.from, e.to])"
LABEL_HOOK = """
window.__labels = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, x, y, width) {
  const size = /([\\d.]+)px/.exec(this.font);
  const t = this.getTransform();
  window.__labels.push({ text: String(text), px: (size ? parseFloat(size[1]) : 0) * Math.hypot(t.a, t.b) / window.devicePixelRatio });
  return fillText.apply(this, arguments);
};
"""


@pytest.fixture(scope="module")
def chromium():
    browser = Chromium()
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def explorer(exports) -> Path:
    return exports / "maps"


def clean(tab) -> None:
    """Nothing left file://, no script error, no console error."""
    assert tab.blocked == [], tab.blocked
    assert tab.errors == [], tab.errors


def open_map(chromium, explorer, name, fragment="", **kwargs):
    tab = chromium.open(explorer / name, fragment, **kwargs)
    tab.wait_ready()
    return tab


def readable(quote: str) -> str:
    return " ".join(quote.replace("*", "").split())


# -- the matrix ------------------------------------------------------------------------------------

def test_every_matrix_cell_counts_the_shared_actions(chromium, explorer, index_data):
    tab = chromium.open(explorer / "index.html")
    cells = tab.page.evaluate("""() => Array.from(document.querySelectorAll('#matrix tbody tr')).flatMap(tr =>
        Array.from(tr.querySelectorAll('td[data-objective]')).map(td => [tr.dataset.partner, +td.dataset.objective,
          (td.querySelector('.count') || {textContent: '0'}).textContent, td.querySelector('a') ? td.querySelector('a').getAttribute('href') : null]))""")
    expected = pairs(index_data)
    partners = {p for p, _ in expected}
    assert {c[0] for c in cells} == partners
    assert len(cells) == len(partners) * len(index_data["chapters"])
    for partner, objective, count, href in cells:
        assert int(count) == len(expected.get((partner, objective), [])), (partner, objective)
        assert (href == f"overview.html#objective={objective}&partner={partner}") == ((partner, objective) in expected)
    flagged = tab.page.evaluate("() => Array.from(document.querySelectorAll('#matrix thead th.flagged')).map(th => +th.dataset.objective)")
    per_objective = {c["number"]: len({p for p, n in expected if n == c["number"]}) for c in index_data["chapters"]}
    assert sorted(flagged) == sorted(n for n, count in per_objective.items() if count <= 1)
    clean(tab)


def test_the_matrix_sorts_by_total_name_and_objective(chromium, explorer, index_data):
    names = {p: index_data["entities"][p]["name"].casefold() for p, _ in pairs(index_data)}
    rows = "() => Array.from(document.querySelectorAll('#matrix tbody tr')).map(tr => tr.dataset.partner)"
    tab = chromium.open(explorer / "index.html")
    totals = {p: sum(len(a) for (q, _), a in pairs(index_data).items() if q == p) for p in names}
    assert tab.page.evaluate(rows) == sorted(names, key=lambda p: (-totals[p], names[p], p))
    tab.page.click(".matrix-tools button[data-sort=name]")
    assert tab.page.evaluate(rows) == sorted(names, key=lambda p: (names[p], p))
    tab.page.select_option("#sort-objective", "2")
    in_two = {p: len(pairs(index_data).get((p, 2), [])) for p in names}
    assert tab.page.evaluate(rows) == sorted(names, key=lambda p: (-in_two[p], -totals[p], names[p], p))
    assert tab.page.evaluate("() => location.hash") == "#sort=objective-2"
    clean(tab)


def test_a_matrix_cell_opens_that_partners_actions_in_that_objective(chromium, explorer, index_data):
    tab = chromium.open(explorer / "index.html")
    tab.page.click("#matrix tr[data-partner=wrap] td[data-objective='3'] a")
    tab.wait_ready()
    expected = {f"action:{a}" for a in pairs(index_data)[("wrap", 3)]}
    visible = set(tab.page.evaluate(VISIBLE_NODES))
    assert {n for n in visible if n.startswith("action:")} == expected
    clean(tab)


# -- who carries what ---------------------------------------------------------------------------------

def test_who_carries_what_draws_one_edge_per_partner_objective_pair(chromium, explorer, index_data):
    tab = open_map(chromium, explorer, "who-carries-what.html")
    edges = {tuple(e) for e in tab.page.evaluate(VISIBLE_EDGES)}
    assert edges == {(node_of(index_data, p), f"chapter:{n}") for p, n in pairs(index_data)}
    assert set(tab.page.evaluate(VISIBLE_NODES)) == visible_carries(index_data, {})
    rows = tab.page.evaluate("() => document.querySelectorAll('#map-table-body tr').length")
    assert rows == len(pairs(index_data))  # the table alternative lists the same pairs
    print(f"who carries what: first draw {tab.data()['loadToDrawMs']} ms after navigation")
    clean(tab)


def test_expanding_an_objective_and_an_edge_shows_their_actions(chromium, explorer, index_data):
    tab = open_map(chromium, explorer, "who-carries-what.html", "focus=chapter:3")
    tab.page.click("#details-body button.expand")
    chapter_three = {f"action:{a['id']}" for a in index_data["actions"] if a["chapter"] == 3}
    assert {n for n in tab.page.evaluate(VISIBLE_NODES) if n.startswith("action:")} == chapter_three
    assert "expand=chapter:3" in tab.page.evaluate("() => location.hash")
    tab = open_map(chromium, explorer, "who-carries-what.html", "focus=organisation:wrap|chapter:4")
    tab.page.click("#details-body button.expand")
    assert {n for n in tab.page.evaluate(VISIBLE_NODES) if n.startswith("action:")} == {f"action:{a}" for a in pairs(index_data)[("wrap", 4)]}
    clean(tab)


# -- filters -------------------------------------------------------------------------------------------

FRAGMENTS = ["objective=2", "status=no-progress", "kind=charity-ngo", "partner=wrap", "objective=11&status=no-progress",
             "status=complete&kind=public-body"]


@pytest.mark.parametrize("fragment", FRAGMENTS)
@pytest.mark.parametrize("name", ["who-carries-what.html", "overview.html"])
def test_each_filter_hides_exactly_the_nodes_left_without_a_visible_action(chromium, explorer, index_data, name, fragment):
    state = dict(part.split("=") for part in fragment.split("&"))
    expected = (visible_carries if name == "who-carries-what.html" else visible_overview)(index_data, state)
    tab = open_map(chromium, explorer, name, fragment)
    assert set(tab.page.evaluate(VISIBLE_NODES)) == expected
    assert int(tab.data()["visibleNodes"]) == len(expected)
    clean(tab)


def test_filters_write_the_url_follow_it_and_refit(chromium, explorer, index_data):
    tab = open_map(chromium, explorer, "who-carries-what.html")
    page = tab.page
    scale = page.evaluate("() => tsgraphMap.network.getScale()")
    page.select_option("#filter-objective", "2")
    assert page.evaluate("() => location.hash") == "#objective=2"
    assert set(page.evaluate(VISIBLE_NODES)) == visible_carries(index_data, {"objective": "2"})
    assert page.evaluate("() => tsgraphMap.network.getScale()") > scale  # refitted to fewer nodes
    page.select_option("#filter-status", "no-progress")
    assert page.evaluate("() => location.hash") == "#objective=2&status=no-progress"
    assert set(page.evaluate(VISIBLE_NODES)) == visible_carries(index_data, {"objective": "2", "status": "no-progress"})
    page.go_back()
    page.wait_for_function("location.hash === '#objective=2'")
    assert set(page.evaluate(VISIBLE_NODES)) == visible_carries(index_data, {"objective": "2"})
    assert page.input_value("#filter-status") == "" and page.input_value("#filter-objective") == "2"
    page.go_forward()
    page.wait_for_function("location.hash === '#objective=2&status=no-progress'")
    assert page.input_value("#filter-status") == "no-progress"
    page.evaluate("() => { location.hash = 'partner=wrap'; }")
    page.wait_for_function("document.getElementById('filter-partner').value === 'wrap'")
    assert set(page.evaluate(VISIBLE_NODES)) == visible_carries(index_data, {"partner": "wrap"})
    clean(tab)


# -- details, search, keyboard --------------------------------------------------------------------------

def test_the_details_panel_shows_the_full_sentence_for_wrap_in_3_3(chromium, explorer, index_data):
    action = next(a for a in index_data["actions"] if a["id"] == "3.3")
    sentences = {(l["sentence"]["document"], l["sentence"]["start"], l["sentence"]["end"], readable(l["sentence"]["quote"]))
                 for l in action["links"]["wrap"]}
    tab = open_map(chromium, explorer, "who-carries-what.html")
    page = tab.page
    point = page.evaluate("""() => { const n = tsgraphMap.network, p = n.canvasToDOM(n.getPositions(['organisation:wrap'])['organisation:wrap']);
        const r = document.getElementById('network').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""")
    page.mouse.click(*point)
    assert tab.data()["selected"] == "organisation:wrap"
    panel = page.inner_text("#details-body")
    chapters = sorted({a["chapter"] for a in index_data["actions"] if "wrap" in a["partners"]})
    for number in chapters:
        assert f"{number}. {next(c['title'] for c in index_data['chapters'] if c['number'] == number)}" in panel
    for document, start, end, quote in sentences:
        assert f"\u201c{quote}\u201d" in panel and f"{document}:{start}-{end}" in panel
        href = page.get_attribute(f"#details-body a.cite:text-is('{document}:{start}-{end}')", "href")
        assert href == f"id/source/{document}.html#s={start}-{end}"
    assert "*" not in panel
    clean(tab)


def test_tooltips_show_the_sentence_that_links_wrap_to_3_3(chromium, explorer, index_data):
    action = next(a for a in index_data["actions"] if a["id"] == "3.3")
    first = action["links"]["wrap"][0]["sentence"]
    expected = f"\u201c{readable(first['quote'])}\u201d ({first['document']}:{first['start']}-{first['end']})"
    for name, edge in (("who-carries-what.html", "organisation:wrap|chapter:3"), ("overview.html", "action:3.3|organisation:wrap")):
        tab = open_map(chromium, explorer, name)
        title = tab.page.evaluate(f"() => tsgraphMap.edges.get({edge!r}).title")
        assert expected in title, title
        clean(tab)


def test_search_finds_former_names_ranks_organisations_first_and_clears_a_stale_highlight(chromium, explorer):
    tab = open_map(chromium, explorer, "who-carries-what.html")
    page = tab.page
    for query in ("ENCAMS", "Keep Britain", "Tidy"):
        page.fill("#map-search", query)
        hits = page.evaluate("() => Array.from(document.querySelectorAll('#map-search-results li')).map(li => [li.dataset.type, li.querySelector('a').textContent])")
        assert hits[0] == ["organisation", "Keep Britain Tidy"], (query, hits)
        ranks = [0 if t in ("organisation", "objective") else 2 if t == "action" else 1 for t, _ in hits]
        assert ranks == sorted(ranks), hits
    assert len(hits) > 1  # "Tidy" also finds the actions that name it
    page.fill("#map-search", "ENCAMS")
    page.press("#map-search", "Enter")
    assert tab.data()["selected"] == "organisation:keep-britain-tidy"
    assert page.inner_text("#details-body h2") == "Keep Britain Tidy"
    assert "ENCAMS" in page.inner_text("#map-search-results")
    page.fill("#map-search", "no body has this name")
    assert tab.data()["selected"] == ""
    assert page.evaluate("() => tsgraphMap.network.getSelectedNodes().length") == 0
    assert page.is_hidden("#details")
    assert "No match" in page.inner_text("#map-search-status")
    clean(tab)


def test_the_index_search_box_finds_any_entitys_page(chromium, explorer):
    tab = chromium.open(explorer / "index.html")
    tab.page.fill("#index-search", "ENCAMS")
    tab.page.press("#index-search", "Enter")
    tab.page.wait_for_url(re.compile(r".*/id/organisation/keep-britain-tidy\.html$"))
    assert tab.page.inner_text("h1") == "Keep Britain Tidy"
    clean(tab)


def test_the_map_works_from_the_keyboard(chromium, explorer):
    tab = open_map(chromium, explorer, "who-carries-what.html")
    page = tab.page
    page.focus("#network")
    page.keyboard.press("]")
    selected = tab.data()["selected"]
    assert selected and page.is_visible("#details")
    page.keyboard.press("]")
    assert tab.data()["selected"] not in ("", selected)
    page.keyboard.press("Escape")
    assert tab.data()["selected"] == ""
    page.focus("#map-table-body tr:first-child button")
    page.keyboard.press("Enter")
    assert "|chapter:" in tab.data()["selected"]
    clean(tab)


# -- pages ------------------------------------------------------------------------------------------------

def test_an_action_page_tells_its_story_and_its_links_land_on_the_quote(chromium, explorer, index_data):
    texts = source_texts()
    for action_id in ("3.3", "1.1"):
        action = next(a for a in index_data["actions"] if a["id"] == action_id)
        tab = chromium.open(explorer / "id" / "action" / f"{action_id}.html")
        page = tab.page
        events = page.evaluate("() => Array.from(document.querySelectorAll('#timeline > li')).map(li => li.innerText)")
        assert len(events) == 1 + len(action["progress"])
        for event, entry in zip(events[1:], action["progress"]):
            assert entry["date"] in event
            assert next(s["label"] for s in index_data["statuses"] if s["id"] == entry["status"]) in event
            if entry["status_source"]:
                assert readable(entry["status_source"]["quote"]) in event
        links = page.evaluate("() => Array.from(document.querySelectorAll('a.cite')).map(a => a.href)")
        assert len(links) >= 3
        for href in sorted(set(links)):
            source = chromium.open(Path(href.split("#")[0][len("file://"):]), href.split("#")[1])
            document, start, end = re.search(r"/id/source/([^/]+)\.html#s=(\d+)-(\d+)$", href).groups()
            marked = source.page.evaluate("() => Array.from(document.querySelectorAll('#source-text mark')).map(m => m.textContent).join('')")
            assert marked == texts[document][int(start):int(end)], href
            assert source.data()["highlighted"] == f"{start}-{end}"
            clean(source)
            source.page.context.close()
        clean(tab)


def test_a_source_view_follows_a_changed_fragment(chromium, explorer):
    text = source_texts()["strategy-2008"]
    tab = chromium.open(explorer / "id" / "source" / "strategy-2008.html", "s=100-150")
    tab.page.evaluate("() => { location.hash = 's=2000-2100'; }")
    tab.page.wait_for_function("document.body.dataset.highlighted === '2000-2100'")
    marked = tab.page.evaluate("() => Array.from(document.querySelectorAll('#source-text mark')).map(m => m.textContent).join('')")
    assert marked == text[2000:2100]
    clean(tab)


# -- legibility and accessibility ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["who-carries-what.html", "overview.html"])
@pytest.mark.parametrize("width", [1600, 390])
def test_every_label_drawn_at_first_zoom_is_at_least_11px(chromium, explorer, index_data, name, width):
    tab = open_map(chromium, explorer, name, width=width, height=1000 if width > 500 else 844, init_script=LABEL_HOOK)
    page = tab.page
    page.evaluate("() => { window.__labels = []; tsgraphMap.network.redraw(); }")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    labels = page.evaluate("() => window.__labels")
    assert labels, "nothing was drawn"
    small = [l for l in labels if l["px"] < 11 - 1e-6]
    assert small == [], small[:5]
    drawn = {l["text"] for l in labels}
    nodes = page.evaluate("() => tsgraphMap.nodes.get({filter: n => !n.hidden}).map(n => [n.id, n.label])")
    if width == 1600:
        objectives = [label for node, label in nodes if node.startswith("chapter:")]
        assert all(line in drawn for label in objectives for line in label.split("\n"))
        if name == "who-carries-what.html":  # at a desktop's first zoom every partner is named
            assert all(line in drawn for _, label in nodes for line in label.split("\n"))
    else:  # on a phone the objectives are numbered, legibly
        assert all(node.split(":")[1] in drawn for node, _ in nodes if node.startswith("chapter:"))
    shown = sum(1 for _, label in nodes if label.split("\n")[0] in drawn)
    print(f"{name} at {width} px: {shown} of {len(nodes)} labels drawn at first zoom, smallest "
          f"{min(l['px'] for l in labels):.1f} px, scale {page.evaluate('() => tsgraphMap.network.getScale()'):.3f}")
    clean(tab)


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: .ci/run installs it with npm into ~/.cache/tsgraph-node")
@pytest.mark.parametrize("path", ["index.html", "who-carries-what.html", "id/action/3.3.html"])
def test_axe_finds_no_serious_or_critical_violation(chromium, explorer, path):
    tab = chromium.open(explorer / path)
    if path.endswith("what.html"):
        tab.wait_ready()
    tab.page.add_script_tag(path=str(AXE))
    result = tab.page.evaluate("() => axe.run(document, { resultTypes: ['violations'], preload: false })")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []
    print(f"axe on {path}: {len(result['violations'])} violations, none serious or critical")
    clean(tab)


PAGE_KINDS = {
    "index": ("index.html", ""), "who-carries-what": ("who-carries-what.html", ""), "overview": ("overview.html", ""),
    "action": ("id/action/3.3.html", ""), "organisation": ("id/organisation/keep-britain-tidy.html", ""),
    "programme": ("id/programme/rcan.html", ""), "objective": ("id/chapter/2.html", ""),
    "source": ("id/source/strategy-2008.html", "s=88043-88290"),
}


@pytest.mark.parametrize("width", [1600, 390])
def test_screenshots_of_every_page_kind(chromium, explorer, tmp_path_factory, width):
    folder = tmp_path_factory.mktemp(f"screenshots-{width}")
    for kind, (path, fragment) in PAGE_KINDS.items():
        tab = chromium.open(explorer / path, fragment, width=width, height=1000 if width > 500 else 844)
        if kind in ("who-carries-what", "overview"):
            tab.wait_ready()
            assert tab.page.evaluate("() => document.getElementById('network').clientWidth") >= width - 60
        overflow = tab.page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{kind} scrolls sideways at {width} px"
        shot = folder / f"{kind}-{width}.png"
        tab.page.screenshot(path=str(shot), full_page=kind not in ("who-carries-what", "overview", "source"))
        assert shot.stat().st_size > 10_000
        clean(tab)
    print(f"screenshots at {width} px in {folder}")


# -- hostile text ---------------------------------------------------------------------------------------------

def test_hostile_names_and_text_show_literally_and_run_nothing(chromium, index_data, tmp_path):
    data, texts = hostile_index(index_data, source_texts())
    write_explorer(data, tmp_path, texts)
    visits = [("id/organisation/evil-alert.html", ""), ("id/organisation/evil-marker.html", ""), ("index.html", ""),
              ("id/action/3.3.html", ""), ("id/source/evil-doc.html", f"s=0-{len(EVIL_TEXT)}"),
              ("who-carries-what.html", "focus=organisation:evil-alert"), ("overview.html", "focus=action:3.3")]
    for path, fragment in visits:
        tab = chromium.open(tmp_path / path, fragment)
        dialogs = []
        tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        if path.endswith("what.html") or path.startswith("overview"):
            tab.wait_ready()
        page = tab.page
        assert "pwned" not in tab.data(), path
        assert page.evaluate("() => document.querySelectorAll('img, b, main script').length") == 0, path
        assert dialogs == []
        text = page.inner_text("body")
        if path.startswith("id/source"):
            assert EVIL_TEXT in text
            assert page.evaluate("() => Array.from(document.querySelectorAll('mark')).map(m => m.textContent).join('')") == EVIL_TEXT
        else:
            assert EVIL_ALERT in text, path
        clean(tab)
    tab = chromium.open(tmp_path / "who-carries-what.html")
    tab.wait_ready()
    point = tab.page.evaluate("""() => { const n = tsgraphMap.network, p = n.canvasToDOM(n.getPositions(['organisation:evil-alert'])['organisation:evil-alert']);
        const r = document.getElementById('network').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""")
    tab.page.mouse.move(*point)
    tab.page.wait_for_selector(".vis-tooltip", state="visible")
    assert EVIL_ALERT in tab.page.inner_text(".vis-tooltip")  # the tooltip shows the name as text
    assert tab.page.evaluate("() => document.querySelectorAll('img').length") == 0
    tab.page.fill("#map-search", "<img")
    assert EVIL_ALERT in tab.page.inner_text("#map-search-results")
    assert tab.page.evaluate("() => document.querySelectorAll('img').length") == 0
    clean(tab)
