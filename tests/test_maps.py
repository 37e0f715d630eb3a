"""The HTML maps: single offline files, counts that match the graph, safe text, and a real browser."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from browser import CHROMIUM, open_page, screenshot
from graph.lookup import partner_ids
from graph.visualise import write_maps

REPO = Path(__file__).resolve().parent.parent
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")


def payload(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    raw = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', text, re.S).group(1)
    return json.loads(raw)


def expected_overview(index: dict) -> tuple[int, int]:
    nodes, edges = set(), set()
    for action in index["actions"]:
        a = f"action:{action['id']}"
        nodes |= {a, f"objective:{action['chapter']}"}
        edges.add((f"objective:{action['chapter']}", a))
        for org in partner_ids(index, action):
            nodes.add(f"org:{org}")
            edges.add((a, f"org:{org}"))
        for programme in action["programmes"]:
            nodes.add(f"programme:{programme}")
            edges.add((a, f"programme:{programme}"))
    return len(nodes), len(edges)


def test_every_map_is_written(exports, index_data):
    maps = exports / "maps"
    partners = {o for a in index_data["actions"] for o in partner_ids(index_data, a)}
    assert (maps / "index.html").exists() and (maps / "overview.html").exists()
    assert sorted(p.name for p in maps.glob("objective-*.html")) == sorted(f"objective-{n}.html" for n in range(1, 12))
    assert len(list(maps.glob("org-*.html"))) == len(partners)
    index_page = (maps / "index.html").read_text()
    for page in maps.glob("*.html"):
        if page.name != "index.html":
            assert f'href="{page.name}"' in index_page, page.name


def test_maps_are_single_offline_files(exports):
    for page in (exports / "maps").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", text), page.name
        assert not re.search(r"<link[^>]+href=", text), page.name
        code = re.sub(r'<script id="map-data".*?</script>', "", text, flags=re.S)  # document text may cite URLs
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", code), page.name
        assert not re.search(r"""url\(\s*["']?(https?:)?//|@import""", code), page.name


def test_overview_counts_match_the_graph(exports, index_data):
    data = payload(exports / "maps" / "overview.html")
    assert (len(data["nodes"]), len(data["edges"])) == expected_overview(index_data)
    assert {n["kind"] for n in data["nodes"]} >= {"objective", "action", "programme", "charity-ngo", "public-body"}
    assert all("x" in n and "y" in n for n in data["nodes"])  # laid out in Python
    labels = {item["label"] for item in data["legend"]}
    assert "charity or NGO" in labels and "status: no progress" in labels and "edge: involves" in labels


def test_objective_and_ego_maps(exports, index_data):
    two = payload(exports / "maps" / "objective-2.html")
    actions = {n["id"] for n in two["nodes"] if n["kind"] == "action"}
    assert actions == {f"action:2.{i}" for i in range(1, 27)}
    wrap = payload(exports / "maps" / "org-wrap.html")
    assert {n["id"] for n in wrap["nodes"] if n["kind"] == "action"} == {"action:3.3", "action:4.4", "action:8.1", "action:10.5"}
    assert {n["id"] for n in wrap["nodes"] if n["kind"] == "objective"} == {"objective:3", "objective:4", "objective:8", "objective:10"}
    tip = next(e["tip"] for e in wrap["edges"] if e["from"] == "action:3.3" and e["to"] == "org:wrap")
    assert "“Wrap”" in tip and "strategy-2008:" in tip


def hostile_index(index: dict) -> dict:
    """The real index with two organisations whose names are HTML, attached to action 3.3."""
    data = copy.deepcopy(index)
    for org_id, name in (("evil-alert", "<img src=x onerror=alert(1)>"),
                         ("evil-marker", "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">")):
        data["entities"][org_id] = {**data["entities"]["wrap"], "id": org_id, "name": name, "acronyms": [], "aliases": [], "former_names": []}
        action = next(a for a in data["actions"] if a["id"] == "3.3")
        action["organisations"].append(org_id)
        action["partners"].append(org_id)
        action["links"][org_id] = [{**action["links"]["wrap"][0], "quote": name}]
    return data


def test_hostile_names_are_inert_in_the_file(index_data, tmp_path):
    write_maps(hostile_index(index_data), tmp_path)
    text = (tmp_path / "org-evil-alert.html").read_text()
    assert "<img src=x" not in text
    assert "\\u003cimg src=x onerror=alert(1)>" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in (tmp_path / "index.html").read_text()


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize("name", ["overview.html", "objective-2.html", "org-wrap.html"])
def test_maps_draw_in_a_real_browser(exports, name):
    page = open_page(exports / "maps" / name)
    data = page.body_data()
    expected = payload(exports / "maps" / name)
    assert data.get("ready") == "1", page.log[-2000:]
    assert int(data["drawn-nodes"]) == len(expected["nodes"])
    assert int(data["drawn-edges"]) == len(expected["edges"])
    assert "errors" not in data and page.console_errors() == []
    assert 'id="search"' in page.dom and 'class="legend-row"' in page.dom
    print(f"{name}: first draw {data['first-draw-ms']} ms after the script started, {data['load-to-draw-ms']} ms after navigation")


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize("fragment", ["chapter=3", "status=no-progress", "kind=charity-ngo", "chapter=11&status=no-progress"])
def test_filters_hide_what_they_should(exports, fragment):
    data = payload(exports / "maps" / "overview.html")
    wanted = dict(part.split("=") for part in fragment.split("&"))

    def visible(n: dict) -> bool:
        if n["kind"] == "action":
            return str(n["chapter"]) == wanted.get("chapter", str(n["chapter"])) and n["status"] == wanted.get("status", n["status"])
        if n["kind"] == "objective":
            return str(n["chapter"]) == wanted.get("chapter", str(n["chapter"]))
        if n["kind"] == "programme":
            return True
        return n["orgKind"] == wanted.get("kind", n["orgKind"])

    page = open_page(exports / "maps" / "overview.html", fragment)
    assert int(page.body_data()["visible-nodes"]) == sum(1 for n in data["nodes"] if visible(n)) < len(data["nodes"])


@needs_browser
@pytest.mark.browser
def test_search_selects_and_highlights_a_neighbourhood(exports):
    page = open_page(exports / "maps" / "overview.html", "search=WRAP")
    body = page.body_data()
    assert body["selected"] == "org:wrap"
    assert body["highlighted"] == "5"  # WRAP and its four actions
    page = open_page(exports / "maps" / "objective-2.html", "search=2.11")
    data = payload(exports / "maps" / "objective-2.html")
    neighbours = {e["to"] for e in data["edges"] if e["from"] == "action:2.11"} | {e["from"] for e in data["edges"] if e["to"] == "action:2.11"}
    assert page.body_data()["selected"] == "action:2.11"
    assert page.body_data()["highlighted"] == str(len(neighbours) + 1)


@needs_browser
@pytest.mark.browser
def test_index_page_opens_offline(exports):
    page = open_page(exports / "maps" / "index.html")
    assert "<svg" in page.dom and "overview.html" in page.dom and page.console_errors() == []


@needs_browser
@pytest.mark.browser
def test_hostile_names_show_literally_and_run_nothing_in_a_browser(index_data, tmp_path):
    write_maps(hostile_index(index_data), tmp_path)
    for name in ("org-evil-alert.html", "org-evil-marker.html", "objective-3.html"):
        page = open_page(tmp_path / name)
        assert page.body_data().get("ready") == "1"
        assert "pwned" not in page.body_data()
        assert "<img" not in page.dom
        assert "&lt;img src=x onerror=alert(1)&gt;" in page.dom  # shown as text in the node list
        assert page.console_errors() == []


@needs_browser
@pytest.mark.browser
def test_screenshots_for_review(exports):
    target = REPO / "exports" / "screenshots"
    for name in ("overview.html", "objective-2.html"):
        shot = screenshot(exports / "maps" / name, target / name.replace(".html", ".png"))
        assert shot.exists() and shot.stat().st_size > 20_000


def test_map_command_redraws_from_the_index(exports, tmp_path):
    from click.testing import CliRunner

    from cli import cli

    result = CliRunner().invoke(cli, ["--exports", str(exports), "map", "--output", str(tmp_path / "maps")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "maps").glob("*.html"))
    assert written == sorted(p.name for p in (exports / "maps").glob("*.html"))
    assert result.output == f"wrote {len(written)} maps to {tmp_path / 'maps'}/ (open {tmp_path / 'maps' / 'index.html'})\n"
    for name in ("overview.html", "objective-5.html"):
        assert (tmp_path / "maps" / name).read_bytes() == (exports / "maps" / name).read_bytes()
