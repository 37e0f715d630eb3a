"""The explorer's files: pages at their IRI paths, offline, small, deterministic, safe, linked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from explorer_expect import EVIL_ALERT, EVIL_TEXT, IRI_BASE, hostile_index, source_texts
from graph.errors import TsgraphError
from graph.explore import write_explorer

CODE_FILES = ("*.html", "*.js", "*.css")


class Links(HTMLParser):
    """Every src/href in a page, and the citation links with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.cites: list[tuple[str, str]] = []
        self._cite: str | None = None
        self.canonical: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name) is not None:
                self.refs.append((tag, name, attrs[name]))
        if tag == "a" and "cite" in (attrs.get("class") or "").split():
            self._cite = attrs["href"]
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]

    def handle_data(self, data):
        if self._cite is not None:
            self.cites.append((self._cite, data))
            self._cite = None


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def explorer(exports) -> Path:
    return exports / "maps"


def test_every_page_is_written_at_its_iris_path(explorer, index_data):
    expected = {"index.html", "who-carries-what.html", "overview.html"}
    expected |= {f"id/action/{a['id']}.html" for a in index_data["actions"]}
    expected |= {f"id/chapter/{c['number']}.html" for c in index_data["chapters"]}
    expected |= {f"id/{e['type']}/{e['id']}.html" for e in index_data["entities"].values()}
    expected |= {f"id/source/{s['id']}.html" for s in index_data["sources"]}
    written = {p.relative_to(explorer).as_posix() for p in explorer.rglob("*.html")}
    assert written == expected
    for path in sorted(expected - {"index.html", "who-carries-what.html", "overview.html"})[:400]:
        assert parse(explorer / path).canonical == IRI_BASE + path[len("id/"):-len(".html")], path


def test_one_shared_copy_of_vis_network_and_the_stylesheet(exports, explorer):
    assert [p.name for p in exports.rglob("vis-network*.js")] == ["vis-network.min.js"]
    assert [p.name for p in exports.rglob("*.css")] == ["explorer.css"]
    assert (explorer / "static" / "licences" / "vis-network-LICENSE-MIT.txt").exists()
    for page in explorer.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<style" not in text and "vis.Network" not in text, page


def test_every_link_and_script_resolves_to_a_file_offline(explorer):
    pages = sorted(explorer.rglob("*.html"))
    for page in pages:
        for tag, attribute, value in parse(page).refs:
            parts = urlsplit(value)
            if tag == "link" and value.startswith(IRI_BASE):
                continue  # rel=canonical names the IRI; nothing is fetched
            if tag in ("script", "link") or attribute == "src":
                assert not parts.scheme and not value.startswith("//"), (page, value)
            if parts.scheme in ("http", "https", "mailto") or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(explorer)} links to missing {value}"
    for script in (explorer / "static").glob("*.js"):
        if script.name != "vis-network.min.js":  # our own scripts load nothing (the browser tests watch vis-network)
            assert not re.search(r"fetch\s*\(|XMLHttpRequest|importScripts|https?://", script.read_text(encoding="utf-8")), script


def test_html_js_and_css_under_exports_stay_under_15_mb(exports):
    total = sum(p.stat().st_size for pattern in CODE_FILES for p in exports.rglob(pattern))
    print(f"HTML, JS and CSS under exports/: {total / 1e6:.2f} MB")
    assert total <= 15_000_000


def test_every_citation_link_lands_on_its_quote(explorer, index_data):
    texts = source_texts()
    spans = set()

    def collect(value):
        if isinstance(value, dict):
            if {"document", "start", "end", "quote"} <= value.keys():
                spans.add((value["document"], value["start"], value["end"]))
            for child in value.values():
                collect(child)
        elif isinstance(value, list):
            for child in value:
                collect(child)

    collect(index_data)
    cited: dict[str, set] = {}
    for page in explorer.rglob("*.html"):
        for href, text in parse(page).cites:
            match = re.fullmatch(r"(?:\.\./)*id/source/([^/#]+)\.html#s=(\d+)-(\d+)", href)
            assert match, (page, href)
            document, start, end = match[1], int(match[2]), int(match[3])
            assert text == f"{document}:{start}-{end}"
            assert (document, start, end) in spans and end <= len(texts[document])
            cited.setdefault(page.relative_to(explorer).as_posix(), set()).add((document, start, end))

    def span(source):
        return source["document"], source["start"], source["end"]

    for action in index_data["actions"]:
        wanted = {span(action["source"])} | {span(s["source"]) for s in action["subitems"]}
        for entry in action["progress"]:
            wanted |= {span(entry[k]) for k in ("restated_source", "progress_source", "next_actions_source", "status_source") if entry[k]}
        for org in action["partners"] + action["lead_units"]:
            wanted |= {span(link["sentence"]) for link in action["links"][org]}
        wanted |= {span(m["sentence"]) for m in index_data["money"] if m["id"] in action["money"]}
        assert wanted <= cited[f"id/action/{action['id']}.html"], action["id"]
    for entity_id, entity in index_data["entities"].items():
        wanted = {span(f["source"]) for f in entity["former_names"] if f["source"]}
        for action in index_data["actions"]:
            wanted |= {span(link["sentence"]) for link in action["links"].get(entity_id, [])}
        assert wanted <= cited.get(f"id/{entity['type']}/{entity_id}.html", set()), entity_id


def test_the_explorer_is_deterministic(index_data, tmp_path):
    first = write_explorer(index_data, tmp_path / "a")
    second = write_explorer(index_data, tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a


def test_hostile_text_is_escaped_in_every_file(index_data, tmp_path):
    data, texts = hostile_index(index_data, source_texts())
    write_explorer(data, tmp_path, texts)
    for pattern in CODE_FILES:
        for path in tmp_path.rglob(pattern):
            raw = path.read_text(encoding="utf-8")
            assert "<img src=x" not in raw and "<script>document" not in raw and "<b>bold" not in raw, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in (tmp_path / "id" / "organisation" / "evil-alert.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in (tmp_path / "index.html").read_text()
    assert "&lt;script&gt;" in (tmp_path / "id" / "source" / "evil-doc.html").read_text()
    assert EVIL_ALERT.replace("<", "\\u003c") in (tmp_path / "search-index.js").read_text()
    assert EVIL_TEXT.replace("<", "\\u003c") in (tmp_path / "explorer-data.js").read_text()


def test_texts_that_do_not_match_the_index_are_refused(index_data, tmp_path):
    texts = source_texts()
    texts["strategy-2008"] = texts["strategy-2008"].replace("Wrap", "WRAP")
    with pytest.raises(TsgraphError, match=r"the source text of 'strategy-2008' does not match the index at \d+-\d+"):
        write_explorer(index_data, tmp_path, texts)
    with pytest.raises(TsgraphError, match="no text for source document 'one-year-on-2009'"):
        write_explorer(index_data, tmp_path, {"strategy-2008": source_texts()["strategy-2008"]})


def test_map_command_redraws_the_explorer(exports, explorer, tmp_path):
    from cli import cli

    stale = tmp_path / "maps" / "id" / "organisation" / "gone-from-the-index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("a page of an earlier build", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--exports", str(exports), "map", "--output", str(tmp_path / "maps")])
    assert result.exit_code == 0, result.output
    assert not stale.exists()  # the explorer is swapped in whole: nothing of an earlier one lingers
    written = sorted(p.relative_to(tmp_path / "maps") for p in (tmp_path / "maps").rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(explorer) for p in explorer.rglob("*") if p.is_file())
    pages = sum(1 for p in written if p.suffix == ".html")
    assert result.output == f"wrote {pages} pages to {tmp_path / 'maps'}/ (open {tmp_path / 'maps' / 'index.html'})\n"
    for path in written:
        assert (tmp_path / "maps" / path).read_bytes() == (explorer / path).read_bytes(), path


def test_new_statuses_and_entity_kinds_are_shown_not_dropped(index_data, tmp_path):
    """Statuses come from the index's vocabulary and entity types from the entities, so new ones show."""
    import copy

    data = copy.deepcopy(index_data)
    data["statuses"] += [{"id": "not-stated", "label": "not stated", "definition": "The report does not say."},
                         {"id": "paused", "label": "paused", "definition": "Work stopped for now."}]
    actions = {a["id"]: a for a in data["actions"]}
    for action_id, status in (("1.1", "not-stated"), ("1.2", "paused")):
        actions[action_id]["status"] = status
        for entry in actions[action_id]["progress"]:
            entry["status"] = status
    data["entities"]["river-trust"] = {**data["entities"]["wrap"], "id": "river-trust", "type": "collaboration",
                                       "kind": "river-partnership", "name": "River Trust Collaboration", "acronyms": [],
                                       "aliases": [], "former_names": []}
    actions["1.3"]["organisations"].append("river-trust")
    actions["1.3"]["partners"].append("river-trust")
    actions["1.3"]["links"]["river-trust"] = actions["1.3"]["links"][actions["1.3"]["organisations"][0]]
    write_explorer(data, tmp_path)
    legend = (tmp_path / "who-carries-what.html").read_text()
    assert 'data-status="not-stated"' in legend and 'data-status="paused"' in legend
    assert "river partnership" in legend  # the kind's words, though no table knows it
    assert "paused" in (tmp_path / "id" / "action" / "1.2.html").read_text()
    assert 'data-status="not-stated"' in (tmp_path / "index.html").read_text()
    page = (tmp_path / "id" / "collaboration" / "river-trust.html").read_text()
    assert "River Trust Collaboration" in page and "https://w3id.org/tsgraph/id/collaboration/river-trust" in page
    assert "river-trust" in (tmp_path / "search-index.js").read_text()


def test_names_outside_the_actions_are_shown_apart(exports, index_data):
    """A body named only in the strategy's other parts (OGC: chapter 11's overview) gets its
    places listed under their own heading, never among the actions it takes part in."""
    named = index_data["named_in"]["ogc"]
    assert [p["context"] for p in named] == ["chapter-overview"]
    assert not [a for a in index_data["actions"] if "ogc" in a["organisations"]]
    page = (exports / "maps" / "id" / "organisation" / "ogc.html").read_text(encoding="utf-8")
    section = page.split('id="named-title"', 1)[1].split("</section>", 1)[0]
    place = named[0]
    assert '<a href="../../id/chapter/11.html">the overview of objective 11</a>' in section
    assert (f'href="../../id/source/{place["document"]}.html#s={place["start"]}-{place["end"]}" title="Show in the source '
            f'document">{place["document"]}:{place["start"]}-{place["end"]}</a>') in section
