"""Page contexts and rendering: jinja2 templates kept as files, autoescaping on, loaded once.

Every page is rendered from plain data; text from the documents reaches the HTML only through
jinja2's escaping.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..indexview import ROLE_NOT_IN_ACTIONS, ROLE_PARTNER, ROLE_PUBLISHER, ROLE_UNIT, organisation_role, rank_partners
from ..model import action_sort_key
from .model import Explorer
from .mapdata import action_title
from .story import entity_item, money_rows, sentences

def environment() -> Environment:
    folder = resources.files("graph") / "templates"
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(["html"], default=True),
                      undefined=StrictUndefined, keep_trailing_newline=True, auto_reload=False)
    return env


def root_for(path: str) -> str:
    """The relative prefix from a page back to the explorer folder ("" or "../../")."""
    return "../" * path.count("/")


def action_row(ex: Explorer, action_id: str) -> dict:
    action = ex.actions[action_id]
    return {"id": action_id, "name": action_id, "href": ex.action_path(action_id), "title": action_title(action),
            "status": ex.status_style(action["status"]),
            "partners": [entity_item(ex, p) for p in action["partners"]],
            "lead_units": [entity_item(ex, u) for u in action["lead_units"]]}


def objective_context(ex: Explorer, number: int) -> dict:
    chapter = ex.chapters[number]
    actions = sorted(chapter["actions"], key=action_sort_key)
    partners = []
    for ranked in rank_partners(ex.index, chapter["actions"]):  # the one ranking the CLI and analysis use
        pair = ex.pairs[(ranked["id"], number)]
        partners.append({**entity_item(ex, ranked["id"]), "mix": ex.status_mix(pair.actions),
                         "actions": [{"name": a, "href": ex.action_path(a)} for a in pair.actions]})
    themes = {t["number"]: t["name"] for t in ex.index["themes"]}
    cases = []
    for case in ex.index["case_studies"]:
        if case["chapter"] == number:
            named = [entity_item(ex, e) for e in (*case["organisations"], *case["programmes"], *case["people"]) if e in ex.entities]
            cases.append({"title": case["title"], "source": ex.citation(case["source"]), "named": named})
    flag = "no partner" if not partners else "one partner" if len(partners) == 1 else ""
    return {"title": f"Objective {number}: {chapter['title']}", "chapter": chapter,
            "theme": f"{chapter['theme']}. {themes.get(chapter['theme'], '')}".rstrip(". "),
            "actions": [action_row(ex, a) for a in actions], "mix": ex.status_mix(actions), "partners": partners,
            "flag": flag, "source": ex.citation(chapter["source"]), "case_studies": cases}


def role_of(ex: Explorer, entity_id: str) -> str:
    """The entity's role (indexview.organisation_role, the one the CLI shows), in a sentence."""
    actions = ex.involved.get(entity_id, [])
    objectives = len({ex.actions[a]["chapter"] for a in actions})
    if ex.entities[entity_id]["type"] != "organisation":
        return f"Named in {len(actions)} actions across {objectives} objectives." if actions else \
            "Not named in any action (listed in the registry, named elsewhere in the documents)."
    return {
        ROLE_PUBLISHER: f"Author of the strategy: every action is its own; named in {len(actions)} actions.",
        ROLE_UNIT: f"Defra's own unit: leads the {len(actions)} actions that name it; never counted as a partner.",
        ROLE_PARTNER: f"Partner in {len(actions)} actions across {objectives} objectives.",
        ROLE_NOT_IN_ACTIONS: "Not named in any action (listed in the registry, named elsewhere in the documents).",
    }[organisation_role(ex.index, entity_id, bool(actions))]


def entity_groups(ex: Explorer, entity_id: str) -> list[dict]:
    groups: dict[int, list[dict]] = {}
    for action_id in sorted(ex.involved.get(entity_id, []), key=action_sort_key):
        action = ex.actions[action_id]
        role = ("leads it: Defra's own unit" if entity_id in action["lead_units"]
                else "author" if entity_id == ex.index["publisher"] else "")
        groups.setdefault(action["chapter"], []).append({**action_row(ex, action_id), "role": role,
                                                         "sentences": sentences(ex, action, entity_id)})
    return [{"number": n, "title": ex.chapters[n]["title"], "href": ex.chapter_path(n), "actions": items}
            for n, items in sorted(groups.items())]


def relations(ex: Explorer, entity: dict) -> list[dict]:
    out = []
    for key, label in (("parent", "Part of"), ("owner", "Run by"), ("organisation", "Works for")):
        if entity.get(key) and entity[key] in ex.entities:
            out.append({"label": label, "items": [entity_item(ex, entity[key])]})
    if entity.get("members"):
        out.append({"label": "Members", "items": [entity_item(ex, e) for e in entity["members"] if e in ex.entities]})
    if ex.children.get(entity["id"]):
        out.append({"label": "Has units", "items": [entity_item(ex, e) for e in ex.children[entity["id"]]]})
    return out


def renamed_when(not_before: str | None, not_after: str | None) -> str:
    if not_before and not_after:
        return f"renamed between {not_before} and {not_after}"
    if not_after:
        return f"renamed by {not_after}"
    return f"renamed after {not_before}" if not_before else ""


NAMED_IN = {
    "chapter-overview": "the overview of objective {n}", "chapter-objective": "a listed objective of objective {n}",
    "success-criterion": "a success criterion of objective {n}", "vision": "the vision",
    "overall-objective": "the overall objectives", "deal": "the Deal", "deal-ask": "the Deal: an ask of the sector",
    "deal-offer": "the Deal: an offer to the sector", "annex-item": "an annex", "foreword": "a foreword",
    "signature": "a foreword's signature", "development": "how the strategy was developed",
    "monitoring": "how the strategy is monitored",
}


def named_in(ex: Explorer, entity_id: str) -> list[dict]:
    """Where the strategy names the entity outside its actions: shown apart, never as taking part."""
    rows = []
    for place in ex.index.get("named_in", {}).get(entity_id, []):
        number = place["subject"].split("/")[0].removeprefix("chapter-") if place["subject"].startswith("chapter-") else ""
        rows.append({"where": NAMED_IN.get(place["context"], place["context"]).format(n=number),
                     "href": ex.chapter_path(int(number)) if number.isdigit() else None,
                     "source": ex.citation(place)})
    return rows


def entity_context(ex: Explorer, entity_id: str) -> dict:
    entity = ex.entities[entity_id]
    co = Counter()
    for action_id in ex.involved.get(entity_id, []):
        co.update(p for p in ex.actions[action_id]["partners"] if p != entity_id)
    former = [{"name": f["name"], "source": ex.citation(f["source"]),
               "when": renamed_when(f["not_before"], f["not_after"])}
              for f in entity["former_names"]]
    map_links = []
    if entity_id in ex.partners:
        map_links = [{"label": "who carries what", "href": f"who-carries-what.html#partner={entity_id}&focus={entity['type']}:{entity_id}"},
                     {"label": "its actions", "href": f"overview.html#partner={entity_id}"}]
    elif ex.involved.get(entity_id) and entity["type"] == "programme":
        map_links = [{"label": "all actions", "href": f"overview.html#focus=programme:{entity_id}"}]
    cases = [{"title": c["title"], "source": ex.citation(c["source"])} for c in ex.cases_by_entity.get(entity_id, [])]
    return {"title": entity["name"], "entity": entity, "kind": ex.kind_label(entity_id), "role": role_of(ex, entity_id),
            "former": former, "relations": relations(ex, entity), "map_links": map_links,
            "groups": entity_groups(ex, entity_id),
            "co_partners": [{**entity_item(ex, p), "count": n} for p, n in sorted(co.items(), key=lambda kv: (-kv[1], ex.sort_name(kv[0])))],
            "money": money_rows(ex, ex.money_of_entity(entity_id)), "case_studies": cases,
            "named_in": named_in(ex, entity_id)}
