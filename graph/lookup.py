"""Answers for the CLI, read from the lookup index that `tsgraph build` writes.

Only the standard library is imported here: a lookup must not pay for rdflib, networkx or pyvis.
Every function returns plain data (lists of dicts) that the CLI formats and tests inspect.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import NotBuiltError
from .index_schema import check_checksum, check_index, check_index_format
from .indexview import (
    actions_by_organisation,
    distinct_sentences,
    money_totals,
    organisation_role,
    rank_partners,
    short_name,
    status_mix,
)
from .names import name_key  # standard library only: keeps lookups import-light
from .userinput import (  # noqa: F401 - re-exported: the CLI and the query binder resolve through lookup
    check_action,
    check_chapter,
    check_kind,
    resolve_entity,
    resolve_status,
    resolve_timing,
)
from .vocab import cite, readable

@dataclass
class Index:
    data: dict
    path: Path

    def __post_init__(self) -> None:
        self.actions = {a["id"]: a for a in self.data["actions"]}
        self.entities = self.data["entities"]
        self.names = self.data["names"]
        self.money = {m["id"]: m for m in self.data["money"]}
        self.chapters = {c["number"]: c for c in self.data["chapters"]}
        self.statuses = {s["id"]: s for s in self.data["statuses"]}

    def name(self, entity_id: str | None) -> str | None:
        return self.entities[entity_id]["name"] if entity_id else None

    # What graph.query.bind_parameters asks of a name resolver.
    def entity_id(self, given: str, entity_type: str) -> str:
        return resolve_entity(self, given, entity_type)

    def check_action(self, action_id: str) -> str:
        return check_action(self, action_id)["id"]

    def check_chapter(self, chapter: int) -> int:
        return check_chapter(self, chapter)


def load_index(exports: Path) -> Index:
    path = Path(exports) / "index.json"
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise NotBuiltError(f"no graph at {path}; run `tsgraph build` first (or pass --exports DIR)") from None
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: bad JSON or bad UTF-8
        reason = getattr(exc, "strerror", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        raise NotBuiltError(f"cannot read {path}: {reason}; run `tsgraph build` again") from None
    check_index_format(data, str(path))
    check_checksum(raw, path)
    check_index(data, str(path))
    return Index(data, path)


# -- listings --------------------------------------------------------------------------------

def action_row(index: Index, action: dict) -> dict:
    return {
        "id": action["id"],
        "chapter": action["chapter"],
        "chapter_title": action["chapter_title"],
        "timing": action["timing"],
        "subheading": action["subheading"],
        "text": action["text"],
        "status": action["status"],
        "status_date": action["status_date"],
        "organisations": [index.name(o) for o in action["organisations"]],
        "partners": [index.name(o) for o in action["partners"]],  # first named first, as the build decided
        "lead_units": [index.name(o) for o in action["lead_units"]],
        "programmes": [index.name(p) for p in action["programmes"]],
        "sources": [action["source"]] + [
            source for entry in action["progress"] for source in (entry["restated_source"], entry["progress_source"])
        ],
    }


def names_given(given: str | Sequence[str] | None) -> list[str]:
    """One name or several (a repeated option) as a list."""
    if not given:
        return []
    return [given] if isinstance(given, str) else list(given)


def find_actions(
    index: Index,
    *,
    org: str | Sequence[str] | None = None,
    chapter: int | None = None,
    status: str | None = None,
    timing: str | None = None,
    programme: str | None = None,
    text: str | None = None,
) -> list[dict]:
    """Actions matching every filter given; with several organisations, actions naming all of them.
    Names resolve through aliases and former names."""
    org_ids = [resolve_entity(index, name, "organisation") for name in names_given(org)]
    programme_id = resolve_entity(index, programme, "programme") if programme else None
    if chapter is not None:
        check_chapter(index, chapter)
    status_id = resolve_status(index, status) if status else None
    timing_id = resolve_timing(timing) if timing else None
    words = [w.casefold() for w in text.split()] if text else []
    rows = []
    for action in index.data["actions"]:
        if not all(org_id in action["organisations"] for org_id in org_ids):
            continue
        if programme_id and programme_id not in action["programmes"]:
            continue
        if chapter is not None and action["chapter"] != chapter:
            continue
        if status_id and action["status"] != status_id:
            continue
        if timing_id and action["timing"] != timing_id:
            continue
        if words:
            haystack = " ".join(
                [action["text"]] + [f"{e['progress']} {e['next_actions'] or ''} {e['restated']}" for e in action["progress"]]
            ).casefold()
            if not all(w in haystack for w in words):
                continue
        rows.append(action_row(index, action))
    return rows


def short_name_of(index: Index, name: str) -> str:
    """A name as a narrow table shows it: the registry's acronym where it has one."""
    entity_id = index.names.get(name_key(name))
    return short_name(index.data, entity_id) if entity_id else name


def action_table_rows(index: Index, rows: list[dict]) -> list[dict]:
    """Action rows for a terminal: partners and Defra's leading units by short name, then the text."""
    return [
        {"id": r["id"], "status": r["status"], "partners": [short_name_of(index, n) for n in r["partners"]],
         "lead": [short_name_of(index, n) for n in r["lead_units"]], "text": r["text"]}
        for r in rows
    ]


def organisation_rows(index: Index, kind: str | None = None, named: bool = False) -> list[dict]:
    """Every organisation the registry knows (or, with ``named``, those named in an action), with
    its role and the actions and chapters that name it; most actions first."""
    if kind is not None:
        check_kind(index, kind)
    by_org = actions_by_organisation(index.data)
    rows = []
    for entity in index.entities.values():
        if entity["type"] != "organisation" or (kind and entity["kind"] != kind):
            continue
        actions = by_org.get(entity["id"], [])
        if named and not actions:
            continue
        rows.append(
            {
                "id": entity["id"],
                "name": entity["name"],
                "kind": entity["kind"],
                "acronyms": entity["acronyms"],
                "role": organisation_role(index.data, entity["id"], bool(actions)),
                "actions": len(actions),
                "chapters": sorted({a["chapter"] for a in actions}),
            }
        )
    rows.sort(key=lambda r: (-r["actions"], r["name"].casefold()))
    return rows


def organisation_summary(index: Index) -> str:
    """The figures `tsgraph orgs` ends with: the build's own counts (index["counts"])."""
    c = index.data["counts"]
    return (f"the registry knows {c['registry_organisations']} organisations, {c['organisations_named']} of them named "
            f"in actions: {c['partners']} partners, {c['lead_units']} Defra units and Defra")


def unresolved_rows(index: Index) -> list[dict]:
    return [
        {
            "name": c["name"],
            "occurrences": c["occurrences"],
            "where": [cite(s) for s in c["sources"]],
            "sources": c["sources"],
        }
        for c in index.data["candidates"]
    ]


def money_row(index: Index, item: dict) -> dict:
    return {
        "id": item["id"],
        "amount": item["raw"],
        "value_gbp": item["value"],
        "kind": item["kind"],
        "period": item["period"],
        "per_annum": item["per_annum"],
        "each": item["each"],
        "funder": index.name(item["funder"]),
        "funder_basis": item["funder_basis"],
        "recipients": [index.name(r) for r in item["recipients"]],
        "programme": index.name(item["programme"]),
        "subject": item["subject"],
        "context": item["context"],
        "repeat_of": item["repeat_of"],
        "counts_in_totals": item["counts_in_totals"],
        "quote": item["sentence"]["quote"],
        "source": item["source"],
    }


def funding(index: Index, org: str | Sequence[str] | None = None) -> dict:
    """Every sum, or those every organisation given takes part in (as funder or recipient), with totals."""
    return money_of(index, [resolve_entity(index, name, "organisation") for name in names_given(org)])


def money_of(index: Index, org_ids: list[str]) -> dict:
    chosen = [item for item in index.data["money"] if all(o == item["funder"] or o in item["recipients"] for o in org_ids)]
    return {
        "organisations": [index.name(o) for o in org_ids],
        "items": [money_row(index, item) for item in chosen],
        "totals": money_totals(chosen, org_ids[0] if len(org_ids) == 1 else None),
    }


def objective_partners(index: Index, number: int) -> list[dict]:
    return [
        {"organisation": index.name(p["id"]), "id": p["id"], "kind": index.entities[p["id"]]["kind"],
         "actions": p["actions"], "action_ids": p["action_ids"]}
        for p in rank_partners(index.data, index.chapters[number]["actions"])
    ]


def objectives(index: Index) -> list[dict]:
    rows = []
    themes = {t["number"]: t["name"] for t in index.data["themes"]}
    for number, chapter in sorted(index.chapters.items()):
        partners = objective_partners(index, number)
        rows.append(
            {
                "number": number,
                "title": chapter["title"],
                "theme": themes[chapter["theme"]],
                "actions": len(chapter["actions"]),
                "partners": len(partners),
                "top_partners": [p["organisation"] for p in partners[:5]],
                "status_mix": status_mix(index.data, chapter["actions"]),
            }
        )
    return rows


def objective(index: Index, number: int) -> dict:
    check_chapter(index, number)
    chapter = index.chapters[number]
    themes = {t["number"]: t["name"] for t in index.data["themes"]}
    return {
        "number": number,
        "title": chapter["title"],
        "theme": themes[chapter["theme"]],
        "actions": [
            {"id": a, "status": index.actions[a]["status"], "text": index.actions[a]["text"]} for a in chapter["actions"]
        ],
        "partners": objective_partners(index, number),
        "status_mix": status_mix(index.data, chapter["actions"]),
        "source": chapter["source"],
    }


def evidence_rows(profile: dict) -> list[dict]:
    """One row per sentence that ties the organisation to an action: the evidence, with its citation."""
    rows = []
    for action in profile["actions"]:
        for sentence, _ in distinct_sentences(action["quotes"]):
            rows.append({"action": action["id"], "status": action["status"], "sentence": readable(sentence["quote"]),
                         "source": cite(sentence)})
    return rows


def organisation_profile(index: Index, name: str) -> dict:
    org_id = resolve_entity(index, name, "organisation")
    entity = index.entities[org_id]
    actions = []
    programmes: set[str] = set()
    for action in index.data["actions"]:
        if org_id not in action["organisations"]:
            continue
        programmes.update(action["programmes"])
        actions.append(
            {
                "id": action["id"],
                "chapter": action["chapter"],
                "status": action["status"],
                "text": action["text"],
                "quotes": action["links"][org_id],
            }
        )
    owned = sorted(p["id"] for p in index.entities.values() if p["type"] == "programme" and p["owner"] == org_id)
    money = money_of(index, [org_id])
    return {
        "id": org_id,
        "name": entity["name"],
        "kind": entity["kind"],
        "acronyms": entity["acronyms"],
        "aliases": entity["aliases"],
        "former_names": entity["former_names"],
        "parent": index.name(entity["parent"]),
        "members": [index.name(m) for m in entity["members"]],
        "note": entity["note"],
        "actions": actions,
        "programmes": sorted({index.name(p) for p in programmes | set(owned)}),
        "case_studies": [c["id"] for c in index.data["case_studies"] if org_id in c["organisations"]],
        "money": money["items"],
        "money_totals": money["totals"],
    }


def show_action(index: Index, action_id: str) -> dict:
    action = check_action(index, action_id)
    return {
        **action_row(index, action),
        "subitems": action["subitems"],
        "source": action["source"],
        "organisations": [
            {"name": index.name(o), "role": organisation_role(index.data, o, True), "quotes": action["links"][o]}
            for o in action["organisations"]
        ],
        "people": [index.name(p) for p in action["people"]],
        "money": [money_row(index, index.money[m]) for m in action["money"]],
        "refers_to": action["refers_to"],
        "referred_by": action["referred_by"],
        "progress": action["progress"],
    }
