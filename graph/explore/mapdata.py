"""The data the map pages and the search boxes load: one shared script file each, beside the pages.

``explorer-data.js`` holds both maps' nodes, edges and positions and what the details panel
shows (statuses, objectives, actions with the sentences that link each body, entities, money).
``search-index.js`` holds every name, acronym, alias and former name of every entity, objective
and action. Both are JSON assigned to a global, so they load from file:// without a fetch.
"""

from __future__ import annotations

import json

from ..indexview import distinct_sentences
from ..model import action_sort_key
from .model import Explorer, clip
from .palette import UNREPORTED
from .views import entity_node

ACTION_TITLE_LIMIT = 90


def action_title(action: dict) -> str:
    return action["subheading"] or clip(action["text"], ACTION_TITLE_LIMIT)


def linked_sentences(ex: Explorer, action: dict) -> dict[str, list[dict]]:
    """For each body named in the action: the distinct sentences that name it, in document order."""
    return {entity: [{**ex.citation(sentence), "context": link["context"]} for sentence, link in distinct_sentences(links)]
            for entity, links in sorted(action["links"].items())}


def action_record(ex: Explorer, action: dict, order: int) -> dict:
    latest = action["progress"][-1] if action["progress"] else None
    status = ex.status_style(action["status"])
    return {
        "chapter": action["chapter"], "status": action["status"] or "", "date": action["status_date"],
        "title": action_title(action), "text": action["text"], "href": ex.action_path(action["id"]),
        "label": f"{action['id']} {status['symbol']}", "order": order,
        "partners": action["partners"], "lead_units": action["lead_units"], "programmes": action["programmes"],
        "links": linked_sentences(ex, action), "money": action["money"],
        "decided": {**ex.citation(latest["status_source"]), "rule": latest["status_rule"]}
        if latest and latest["status_source"] else None,
    }


def shown_entities(ex: Explorer) -> set[str]:
    named = set(ex.involved)
    for item in ex.index["money"]:
        named.update(e for e in (item["funder"], item["programme"], *item["recipients"]) if e)
    return {e for e in named if e in ex.entities}


def entity_record(ex: Explorer, entity_id: str) -> dict:
    entity = ex.entities[entity_id]
    return {
        "name": entity["name"], "type": entity["type"], "kind": entity["kind"], "kindLabel": ex.kind_label(entity_id),
        "href": ex.entity_path(entity_id), "node": entity_node(ex, entity_id), "names": ex.other_names(entity_id),
        "actions": sorted(ex.involved.get(entity_id, []), key=action_sort_key),
        "money": [m["id"] for m in ex.money_of_entity(entity_id)],
    }


def money_record(ex: Explorer, item: dict) -> dict:
    return {"raw": item["raw"], "value": item["value"], "kind": item["kind"], "period": item["period"],
            "funder": ex.name(item["funder"]) if item["funder"] else None,
            "recipients": [ex.name(r) for r in item["recipients"]], "counts": item["counts_in_totals"],
            "sentence": ex.citation(item["sentence"])}


def kinds(ex: Explorer) -> dict[str, dict]:
    table = {"": {"label": "other", "shape": "dot", "hollow": True, "symbol": "○"}}
    for entity_id in sorted(shown_entities(ex)):
        entity = ex.entities[entity_id]
        style = ex.kind_style(entity_id)
        table.setdefault(entity["kind"], {"label": ex.kind_label(entity_id), "shape": style["shape"],
                                          "hollow": style["hollow"], "symbol": style["symbol"]})
    return dict(sorted(table.items()))


def explorer_data(ex: Explorer, views: dict[str, dict]) -> dict:
    ordered = sorted(ex.actions, key=action_sort_key)
    return {
        "statuses": ex.statuses,
        "unreported": UNREPORTED,
        "kinds": kinds(ex),
        "objectives": {
            str(n): {"title": c["title"], "theme": c["theme"], "href": ex.chapter_path(n),
                     "actions": sorted(c["actions"], key=action_sort_key)}
            for n, c in sorted(ex.chapters.items())
        },
        "actions": {a: action_record(ex, ex.actions[a], i) for i, a in enumerate(ordered)},
        "entities": {e: entity_record(ex, e) for e in sorted(shown_entities(ex))},
        "money": {m["id"]: money_record(ex, m) for m in ex.index["money"]},
        "views": views,
    }


def search_entries(ex: Explorer) -> list[dict]:
    """Every entity, objective and action with the terms it answers to and the page it opens."""
    entries = []
    for n, chapter in sorted(ex.chapters.items()):
        entries.append({"type": "objective", "id": str(n), "name": f"{n}. {chapter['title']}",
                        "label": "strategic objective", "href": ex.chapter_path(n), "node": f"chapter:{n}",
                        "terms": [[chapter["title"], "name"], [f"objective {n}", "number"], [f"chapter {n}", "number"]]})
    aliases: dict[str, list[str]] = {}
    for key, entity_id in ex.index["names"].items():
        aliases.setdefault(entity_id, []).append(key)
    for entity_id, entity in sorted(ex.entities.items()):
        terms = [[entity["name"], "name"]]
        terms += [[a, "acronym"] for a in entity["acronyms"]]
        terms += [[a, "alias"] for a in entity["aliases"]]
        terms += [[f["name"], "former name"] for f in entity["former_names"]]
        known = {t[0].casefold() for t in terms}
        terms += [[k, "also known as"] for k in sorted(aliases.get(entity_id, [])) if k not in known]
        entries.append({"type": entity["type"], "id": entity_id, "name": entity["name"], "label": ex.kind_label(entity_id),
                        "href": ex.entity_path(entity_id), "node": entity_node(ex, entity_id), "terms": terms})
    for action_id in sorted(ex.actions, key=action_sort_key):
        action = ex.actions[action_id]
        entries.append({"type": "action", "id": action_id, "name": f"Action {action_id}: {action_title(action)}",
                        "label": "action", "href": ex.action_path(action_id), "node": f"action:{action_id}",
                        "terms": [[action_id, "number"], [f"action {action_id}", "number"], [action["text"], "text"]]})
    return entries


def as_script(name: str, data: object) -> str:
    """JSON assigned to a global. '<' is escaped so the text stays inert even if pasted into HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name} = {text};\n"
