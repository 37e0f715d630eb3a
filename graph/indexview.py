"""Reading the lookup index: the rules every reader shares (the CLI's lookups, the analysis, the
maps and the exports), so that a ranking, a status mix or a total is the same wherever it shows.

The index carries the build's decisions (``graph.facts``): each action's ``partners`` and
``lead_units``, each sum's ``counts_in_totals``, and ``counts``. These functions read, count and
order those decisions; they never re-derive one. Standard library only: a lookup imports this.
"""

from __future__ import annotations

from collections import Counter

NOT_REPORTED = "not reported"  # the status mix's name for an action without a progress entry

# What an organisation is to the strategy, as `tsgraph orgs` shows it.
ROLE_PUBLISHER = "publisher"
ROLE_UNIT = "Defra unit"
ROLE_PARTNER = "partner"
ROLE_NOT_IN_ACTIONS = "not in actions"


def entity_name(index_data: dict, entity_id: str | None) -> str | None:
    return index_data["entities"][entity_id]["name"] if entity_id else None


def short_name(index_data: dict, entity_id: str) -> str:
    """The registry's first acronym where it has one ("WRAP"), else the name: for narrow tables."""
    entity = index_data["entities"][entity_id]
    return entity["acronyms"][0] if entity["acronyms"] else entity["name"]


def rank_partners(index_data: dict, action_ids: list[str]) -> list[dict]:
    """The partners of these actions, ranked: most actions first, then by name (case-folded), then id.

    The one ranking: `tsgraph objectives`, `tsgraph objective` and the analysis's top partner
    all come from here, so a tie is broken the same way everywhere.
    """
    actions = {a["id"]: a for a in index_data["actions"]}
    shared: dict[str, list[str]] = {}
    for action_id in action_ids:
        for org in actions[action_id]["partners"]:
            shared.setdefault(org, []).append(action_id)
    order = sorted(shared, key=lambda org: (-len(shared[org]), entity_name(index_data, org).casefold(), org))
    return [{"id": org, "actions": len(shared[org]), "action_ids": shared[org]} for org in order]


def status_mix(index_data: dict, action_ids: list[str]) -> dict[str, int]:
    """How many of these actions have each latest status, in the status scheme's order."""
    statuses = {a["id"]: a["status"] for a in index_data["actions"]}
    counts = Counter(statuses[a] or NOT_REPORTED for a in action_ids)
    order = [s["id"] for s in index_data["statuses"]] + [NOT_REPORTED]
    return {status: counts[status] for status in order if counts[status]}


def money_totals(items: list[dict], org_id: str | None = None) -> dict:
    """Totals over these sums, counting only those the build counts in totals.

    With ``org_id``, also what that organisation received and gave.
    """
    counted = [item for item in items if item["counts_in_totals"]]
    totals = {"items": len(items), "counted_items": len(counted), "total_gbp": sum(i["counted_gbp"] for i in counted),
              "not_counted": dict(sorted(Counter(i["not_counted_because"] for i in items if not i["counts_in_totals"]).items()))}
    if org_id:
        totals["received_gbp"] = sum(i["counted_gbp"] for i in counted if org_id in i["recipients"])
        totals["given_gbp"] = sum(i["counted_gbp"] for i in counted if i["funder"] == org_id)
    return totals


def money_by(index_data: dict, field: str) -> list[tuple[str, float, list[dict]]]:
    """(entity id, what it counts in totals, the sums) by recipient ("recipients") or by
    "programme", largest first: each sum once and whole; a joint sum counts for each recipient."""
    totals: dict[str, list] = {}
    for item in index_data["money"]:
        if not item["counts_in_totals"]:
            continue
        for entity in item[field] if field == "recipients" else [item[field]] if item[field] else []:
            row = totals.setdefault(entity, [0.0, []])
            row[0] += item["counted_gbp"]
            row[1].append(item)
    return sorted(((e, total, items) for e, (total, items) in totals.items()), key=lambda r: (-r[1], r[0]))


def actions_by_organisation(index_data: dict) -> dict[str, list[dict]]:
    """Organisation id -> the actions that name it (as partner, Defra unit or Defra itself)."""
    result: dict[str, list[dict]] = {}
    for action in index_data["actions"]:
        for org in action["organisations"]:
            result.setdefault(org, []).append(action)
    return result


def organisation_role(index_data: dict, entity_id: str, named_in_actions: bool) -> str:
    """Publisher, one of its own units, a partner (named in an action), or not in any action."""
    if entity_id == index_data["publisher"]:
        return ROLE_PUBLISHER
    if index_data["entities"][entity_id]["defra_family"]:
        return ROLE_UNIT
    return ROLE_PARTNER if named_in_actions else ROLE_NOT_IN_ACTIONS


def distinct_sentences(links: list[dict]) -> list[tuple[dict, dict]]:
    """(sentence, the first link in it) for each distinct sentence among a body's links to an
    action, in the links' order: a name said twice in one sentence is one piece of evidence."""
    seen: dict[tuple[str, int, int], tuple[dict, dict]] = {}
    for link in links:
        sentence = link["sentence"]
        seen.setdefault((sentence["document"], sentence["start"], sentence["end"]), (sentence, link))
    return list(seen.values())


def documents_phrase(index_data: dict) -> str:
    """Name the documents an index was built from, for titles: read from the manifest, so a new report shows."""
    sources = index_data["sources"]
    strategies = [f"{s['title']} ({s['date'][:4]})" for s in sources if s["kind"] == "strategy"]
    reports = [s["date"][:4] for s in sources if s["kind"] != "strategy"]
    publisher = sources[0]["publisher"] if sources else "the publisher"
    phrase = f"{publisher}: " + " and ".join(strategies)
    if reports:
        noun = "progress report" if len(reports) == 1 else "progress reports"
        phrase += f" with its {noun} ({', '.join(reports)})"
    return phrase
