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


def partner_ids(index_data: dict, action: dict) -> list[str]:
    """The organisations an action involves, less the publisher and its own units (decided at build)."""
    return action["partners"]


def lead_unit_ids(action: dict) -> list[str]:
    """Defra's own units that an action names (decided at build)."""
    return action["lead_units"]


def counts_in_totals(item: dict) -> bool:
    """Whether a sum is added into totals, as the build decided (graph.facts.counts_in_totals)."""
    return item["counts_in_totals"]


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
        for org in partner_ids(index_data, actions[action_id]):
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
    counted = [item for item in items if counts_in_totals(item)]
    totals = {"items": len(items), "counted_items": len(counted), "total_gbp": sum(i["value"] for i in counted)}
    if org_id:
        totals["received_gbp"] = sum(i["value"] for i in counted if org_id in i["recipients"])
        totals["given_gbp"] = sum(i["value"] for i in counted if i["funder"] == org_id)
    return totals


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


def by_first_mention(index_data: dict, action: dict, org_ids: list[str]) -> list[str]:
    """These organisations in the order the documents first name them in the action
    ("support Wrap and the REconomy": WRAP first), sources in the manifest's order."""
    documents = {source["id"]: position for position, source in enumerate(index_data["sources"])}

    def first(org: str) -> tuple[int, int]:
        return min((documents.get(link["document"], len(documents)), link["start"]) for link in action["links"][org])

    return sorted(org_ids, key=first)
