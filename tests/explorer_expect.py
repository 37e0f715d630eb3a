"""Expected explorer values, computed here from the index by hand-written rules (not by the code
under test), and the hostile index the safety tests use."""

from __future__ import annotations

import copy
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IRI_BASE = "https://w3id.org/tsgraph/id/"
EVIL_ALERT = "<img src=x onerror=alert(1)>"
EVIL_MARKER = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
EVIL_TEXT = "Support the <b>bold</b> <script>document.body.setAttribute('data-pwned','2')</script> work of Evil Alert."


def source_texts() -> dict[str, str]:
    """The documents as the manifest lists them, read directly."""
    data = REPO / "data"
    manifest = json.loads((data / "sources.json").read_text(encoding="utf-8"))
    return {s["id"]: (data / s["file"]).read_text(encoding="utf-8") for s in manifest["sources"]}


def node_of(index: dict, entity_id: str) -> str:
    return f"{index['entities'][entity_id]['type']}:{entity_id}"


def pairs(index: dict) -> dict[tuple[str, int], list[str]]:
    """Partner × objective: the actions of the objective whose partners include the partner."""
    out: dict[tuple[str, int], list[str]] = {}
    for action in index["actions"]:
        for partner in action["partners"]:
            out.setdefault((partner, action["chapter"]), []).append(action["id"])
    return out


def shown_actions(index: dict, state: dict) -> set[str]:
    shown = set()
    for a in index["actions"]:
        if "objective" in state and str(a["chapter"]) != state["objective"]:
            continue
        if "status" in state and (a["status"] or "none") != state["status"]:
            continue
        if "partner" in state and state["partner"] not in a["partners"]:
            continue
        if "kind" in state and not any(index["entities"][p]["kind"] == state["kind"] for p in a["partners"]):
            continue
        shown.add(a["id"])
    return shown


def kind_ok(index: dict, state: dict, entity_id: str) -> bool:
    entity = index["entities"][entity_id]
    return "kind" not in state or entity["type"] != "organisation" or entity["kind"] == state["kind"]


def visible_carries(index: dict, state: dict) -> set[str]:
    """Who carries what: objectives with a shown action, partners with a shown action in a pair."""
    shown = shown_actions(index, state)
    actions = {a["id"]: a for a in index["actions"]}
    nodes = {f"chapter:{actions[a]['chapter']}" for a in shown}
    for (partner, chapter), ids in pairs(index).items():
        if kind_ok(index, state, partner) and shown.intersection(ids):
            nodes.add(node_of(index, partner))
    return nodes


def visible_overview(index: dict, state: dict) -> set[str]:
    shown = shown_actions(index, state)
    nodes = set()
    for a in index["actions"]:
        if a["id"] in shown:
            nodes |= {f"action:{a['id']}", f"chapter:{a['chapter']}"}
            nodes |= {node_of(index, p) for p in a["partners"] if kind_ok(index, state, p)}
            nodes |= {node_of(index, p) for p in a["programmes"]}
    return nodes


def hostile_index(index: dict, texts: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """The real index with two organisations named in HTML, linked to action 3.3 by a sentence of
    a further document whose text is HTML too."""
    data = copy.deepcopy(index)
    texts = {**texts, "evil-doc": EVIL_TEXT}
    data["sources"].append({**data["sources"][0], "id": "evil-doc", "title": "Evil <i>document</i>"})
    sentence = {"document": "evil-doc", "start": 0, "end": len(EVIL_TEXT), "quote": EVIL_TEXT}
    action = next(a for a in data["actions"] if a["id"] == "3.3")
    for org_id, name in (("evil-alert", EVIL_ALERT), ("evil-marker", EVIL_MARKER)):
        data["entities"][org_id] = {**data["entities"]["wrap"], "id": org_id, "name": name, "acronyms": [],
                                    "aliases": [name + " alias"], "former_names": []}
        action["organisations"].append(org_id)
        action["partners"].append(org_id)
        action["links"][org_id] = [{"context": "action", **sentence, "sentence": sentence}]
    return data, texts
