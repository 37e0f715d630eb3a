"""The offline explorer that `tsgraph build` writes (and `tsgraph map` redraws) from the lookup index.

What it writes into its folder (``exports/maps/``), every page working from file:// offline:

- ``index.html``: the partner × objective matrix, status by objective, money by recipient, a
  search box that finds any entity's page, and a list of every page.
- ``who-carries-what.html``: objectives as anchors, partners among the objectives they serve.
- ``overview.html``: every action with its objective, partners and programmes.
- ``id/<kind>/<id>.html``: one page per action, organisation, programme, person and objective
  (``id/chapter/N.html``), at the path of the graph node's IRI below
  ``https://w3id.org/tsgraph/``: the IRI ``https://w3id.org/tsgraph/id/action/3.3`` is the page
  ``id/action/3.3.html``, so a host serves the IRIs by appending ``.html``.
- ``id/source/<document>.html``: each source document, ``#s=START-END`` highlighting characters.
- ``explorer-data.js``, ``search-index.js``: the data the maps and search boxes load.
- ``static/``: one copy of vis-network (from pyvis's bundle, with its licences), the stylesheet
  and the explorer's scripts.

Output is deterministic: same index, byte-identical files.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

from ..errors import TsgraphError
from .mapdata import as_script, explorer_data, search_entries
from .matrix import browse, matrix, money_by_recipient, status_table
from .model import Explorer, iri_path
from .pages import entity_context, environment, objective_context, root_for
from .palette import kind_label, kind_style
from .sourceview import check_texts, lines, load_texts
from .story import action_context
from .views import carries_view, overview_view
from ..vocab import node_iri

STATIC_FILES = ("explorer.css", "search.js", "details.js", "map-view.js", "map.js", "matrix.js", "source.js",
                "licences/vis-network-LICENSE-MIT.txt", "licences/vis-network-LICENSE-APACHE-2.0.txt")
TEMPLATES = ("index", "map", "objective", "action", "entity", "source")
VIS_NETWORK = "lib/vis-*/vis-network.min.js"  # pyvis ships one version of it, e.g. lib/vis-9.1.2/

__all__ = ["write_explorer"]


def vis_network_script() -> str:
    """vis-network's standalone build, from the copy pyvis ships (found without importing pyvis)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise TsgraphError("the explorer needs vis-network, which comes with pyvis: pip install pyvis")
    bundled = sorted(Path(spec.origin).parent.glob(VIS_NETWORK))
    if not bundled:
        raise TsgraphError(f"vis-network is missing from pyvis's bundle (looked for {Path(spec.origin).parent / VIS_NETWORK})")
    path = bundled[-1]
    # The source map is not shipped, so its comment goes: nothing should point at a missing file.
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", path.read_text(encoding="utf-8"))


class Site:
    """Writes files below the explorer folder and remembers them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: list[Path] = []

    def write(self, relative: str, text: str) -> None:
        # Pages sit at their IRI's path with percent-escapes decoded, as a static host maps URLs to files.
        parts = [unquote(p) for p in relative.split("/")]
        if any(p in ("", ".", "..") or "/" in p or "\\" in p for p in parts):
            raise TsgraphError(f"cannot write an explorer page at {relative!r}: an id makes an unsafe file name")
        path = self.folder.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        self.written.append(path)


def common(ex: Explorer) -> dict:
    return {"sources": [{**s, "href": iri_path("source", s["id"])} for s in ex.index["sources"]]}


def map_context(ex: Explorer, view: str) -> dict:
    statuses = [*ex.statuses, ex.status_style(None)]
    kinds = {}
    for entity_id in ex.partners:
        kind = ex.entities[entity_id]["kind"]
        kinds.setdefault(kind, {"label": kind_label(kind), **kind_style("organisation", kind)})
    legend_kinds = [dict(v, label=v["label"]) for _, v in sorted(kinds.items())]
    if view == "overview":
        legend_kinds.append({"label": "programme, fund, policy or law (hollow)", **kind_style("programme", "")})
    carries = view == "carries"
    return {
        "view": view,
        "title": "Who carries what" if carries else "All actions",
        "intro": ("The strategic objectives (dark boxes) sit on a ring, ordered so that objectives sharing partners are "
                  "neighbours. Each partner sits among the objectives it serves; partners serving one objective fan out "
                  "beyond it. An edge joins a partner to an objective: its width is the number of shared actions, its "
                  "colour and line pattern the status most of them have.") if carries else
                 ("Every action (a dot coloured and labelled by its latest status) next to its objective, joined to the "
                  "partners and programmes it names. Defra and its own units are not drawn as partners."),
        "hint": ("Click an objective, a partner or an edge for the actions and the sentences behind it."
                 if carries else "Click an action, a partner or an objective for its details."),
        "filters": {
            "objectives": [{"value": str(n), "label": f"{n}. {c['title']}"} for n, c in sorted(ex.chapters.items())],
            "statuses": [{"value": s["id"] or "none", "label": f"{s['symbol']} {s['label']}"}
                         for s in statuses if any((a["status"] or "") == s["id"] for a in ex.actions.values())],
            "kinds": [{"value": k, "label": kind_label(k)} for k in sorted(kinds)],
            "partners": [{"value": p, "label": ex.name(p)} for p in ex.partners],
        },
        "legend": {"kinds": legend_kinds, "statuses": statuses,
                   "note": ("Status is told three ways: colour, line pattern and symbol; the details and the table "
                            "spell it out. Edge width: shared actions.") if carries else
                           "An action's symbol and colour give its latest status; dashed lines lead to programmes."},
        "table_head": (["Partner", "Objective", "Shared actions", "Status of those actions"] if carries
                       else ["Action", "Objective", "Status", "Partners and programmes"]),
    }


def write_explorer(index: dict, folder: Path, texts: Mapping[str, str] | None = None) -> list[Path]:
    """Write the explorer into ``folder``; returns the files written.

    ``texts`` maps each source document's id to its text (the build passes what it parsed);
    without it the documents listed by the manifest are read. Either way the texts must match
    every span the index cites.
    """
    texts = dict(texts) if texts is not None else load_texts(index)
    check_texts(index, texts)
    ex = Explorer(index)
    site = Site(Path(folder))
    env = environment()
    shared = common(ex)

    templates = {name: env.get_template(f"{name}.html") for name in TEMPLATES}

    def page(template: str, path: str, iri: str | None, **context) -> None:
        site.write(path, templates[template].render(root=root_for(path), iri=iri, page_kind=template, **shared, **context))

    static = resources.files("graph") / "static"
    for name in STATIC_FILES:
        site.write(f"static/{name}", (static / name).read_text(encoding="utf-8"))
    site.write("static/vis-network.min.js", vis_network_script())
    views = {"carries": carries_view(ex), "overview": overview_view(ex)}
    site.write("explorer-data.js", as_script("TSGRAPH", explorer_data(ex, views)))
    site.write("search-index.js", as_script("TSGRAPH_SEARCH", search_entries(ex)))

    reports = [s["title"] + f" ({s['date']})" for s in index["sources"] if s["kind"] != "strategy"]
    page("index", "index.html", None, title="Who carries what", summary=ex.summary(), matrix=matrix(ex),
         status_table=status_table(ex), money=money_by_recipient(ex), browse=browse(ex),
         reports=", ".join(reports) or "no progress report", legend=[*ex.statuses])
    page("map", "who-carries-what.html", None, **map_context(ex, "carries"))
    page("map", "overview.html", None, **map_context(ex, "overview"))
    for number in sorted(ex.chapters):
        page("objective", ex.chapter_path(number), node_iri("chapter", str(number)), **objective_context(ex, number))
    for action in index["actions"]:
        page("action", ex.action_path(action["id"]), node_iri("action", action["id"]), **action_context(ex, action))
    for entity_id in sorted(ex.entities):
        page("entity", ex.entity_path(entity_id), ex.entity_iri(entity_id), **entity_context(ex, entity_id))
    for source in index["sources"]:
        page("source", iri_path("source", source["id"]), node_iri("source", source["id"]),
             title=source["title"], source=source, lines=lines(texts[source["id"]]))
    return sorted(site.written)


def redraw(exports: Path, folder: Path, index: dict) -> list[Path]:
    """`tsgraph map`: write the explorer again from a build's index and the source texts it kept
    (EXPORTS/sources/), atomically: pages of entities gone from the index do not linger."""
    from ..atomic import staged
    from .sourceview import read_texts

    texts = read_texts(Path(exports) / "sources", index)
    with staged(Path(folder)) as staging:
        written = write_explorer(index, staging, texts=texts)
    return [Path(folder) / path.relative_to(staging) for path in written]
