"""`tsgraph actions --endpoint`: the same filters and the same rows as the local lookup, asked of
any SPARQL 1.1 endpoint that holds the graph.

Two queries: the first finds the matching actions with their single-valued fields and the names
tied to them; the second, for those actions only, reads the positions of the mentions behind
each organisation (names in the order the text first gives them: by document date, then by
offset, which is the build's order for every action) and the citations of the action and its
progress rows.
"""

from __future__ import annotations

from .model import action_sort_key
from .query import Result, run_endpoint, sparql_string
from .vocab import node_term

PREFIXES = """PREFIX ts: <https://w3id.org/tsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
ACTIONS_QUERY = PREFIXES + """SELECT ?id ?chapter ?chapter_title ?timing ?subheading ?text ?status ?status_date
       ?organisations ?partners ?lead_units ?programmes ?name WHERE {{
  ?a a ts:Action ; dcterms:identifier ?id ; dcterms:isPartOf ?c ; ts:timing/skos:notation ?timing ; ts:text ?text .
  ?c a ts:StrategicObjective ; skos:notation ?chapter ; skos:prefLabel ?chapter_title .
  OPTIONAL {{ ?a ts:subheading ?subheading }}
  OPTIONAL {{ ?a ts:latestStatus/skos:notation ?status }}
  OPTIONAL {{ ?a ts:latestStatusDate ?status_date }}
  OPTIONAL {{
    {{ ?a ts:involves ?named . ?named dcterms:identifier ?organisations }}
    UNION {{ ?a ts:partner ?named . ?named dcterms:identifier ?partners }}
    UNION {{ ?a ts:leadUnit ?named . ?named dcterms:identifier ?lead_units }}
    UNION {{ ?a ts:refersToProgramme ?named . ?named dcterms:identifier ?programmes }}
    ?named skos:prefLabel ?name .
  }}
{filters}}}"""
NAME_ROLES = ("organisations", "partners", "lead_units", "programmes")  # one UNION branch each: a row binds one

# Which branch a row comes from shows in which variables it binds: ?organisation for a mention,
# ?restated or ?progress (the progress row's date) for a progress row's citations, neither for the
# action's own citation.
DETAILS_QUERY = PREFIXES + """SELECT ?id ?organisation ?restated ?progress ?document ?issued ?start ?end ?quote WHERE {{
  VALUES ?id {{ {ids} }}
  ?a a ts:Action ; dcterms:identifier ?id .
  {{ ?i ts:action ?a ; ts:organisation/dcterms:identifier ?organisation ; ts:source ?span }}
  UNION {{ ?a ts:source ?span }}
  UNION {{ ?e ts:progressOf ?a ; dcterms:date ?restated ; ts:restatement/ts:source ?span }}
  UNION {{ ?e ts:progressOf ?a ; dcterms:date ?progress ; ts:progressSource ?span }}
  ?span oa:hasSource ?doc ; oa:hasSelector ?position, ?exact .
  ?position oa:start ?start ; oa:end ?end .
  ?exact oa:exact ?quote .
  ?doc dcterms:identifier ?document ; dcterms:issued ?issued .
}}"""


def actions_query(
    *, orgs: list[str] | None = None, programme: str | None = None, chapter: int | None = None,
    status: str | None = None, timing: str | None = None, words: list[str] | None = None,
) -> str:
    """SPARQL for the matching actions: the same filters as the local lookup, with names already
    resolved to ids (orgs, programme) and values already checked (chapter, status, timing).
    With several organisations, an action must involve every one."""
    filters = []
    for org in orgs or []:
        filters.append(f"  ?a ts:involves {node_term('organisation', org)} .")
    if programme:
        filters.append(f"  ?a ts:refersToProgramme {node_term('programme', programme)} .")
    if chapter is not None:
        filters.append(f"  FILTER (?chapter = {sparql_string(str(chapter))})")
    if status:
        filters.append(f"  FILTER (?status = {sparql_string(status)})")
    if timing:
        filters.append(f"  FILTER (?timing = {sparql_string(timing)})")
    for word in words or []:
        filters.append(
            "  FILTER EXISTS { { ?a ts:text ?t } UNION { ?e ts:progressOf ?a ; ts:progressText|ts:nextActions ?t }"
            f" UNION {{ ?e ts:progressOf ?a ; ts:restatement/ts:text ?t }} FILTER (CONTAINS(LCASE(?t), {sparql_string(word.casefold())})) }}"
        )
    return ACTIONS_QUERY.format(filters="\n".join(filters) + ("\n" if filters else ""))


def details_query(action_ids: list[str]) -> str:
    return DETAILS_QUERY.format(ids=" ".join(sparql_string(i) for i in action_ids))


def fold_actions(result: Result) -> tuple[dict[str, dict], dict[str, str]]:
    """One item per action from the rows (one per action and name, in one of four roles), with
    names as ids in no order yet; and the name the graph gives each id."""
    actions: dict[str, dict] = {}
    names: dict[str, str] = {}
    for row in result.rows:
        item = actions.setdefault(row["id"], {
            "id": row["id"], "chapter": int(row["chapter"]), "chapter_title": row["chapter_title"],
            "timing": row["timing"], "subheading": row["subheading"], "text": row["text"], "status": row["status"],
            "status_date": row["status_date"], **{role: [] for role in NAME_ROLES},
        })
        for role in NAME_ROLES:
            if row.get(role) and row[role] not in item[role]:
                item[role].append(row[role])
                names[row[role]] = row["name"]
    return actions, names


def add_details(actions: dict[str, dict], result: Result) -> None:
    """Order each action's organisations as the text first names them, and add its citations:
    the action's own, then each progress row's restatement and progress, by the row's date."""
    first_named: dict[tuple[str, str], tuple[str, int]] = {}
    citations: dict[str, list[tuple]] = {action_id: [] for action_id in actions}
    for row in result.rows:
        where = (row["issued"], int(row["start"]))
        if row["organisation"]:
            key = (row["id"], row["organisation"])
            first_named[key] = min(first_named.get(key, where), where)
            continue
        source = {"document": row["document"], "start": int(row["start"]), "end": int(row["end"]), "quote": row["quote"]}
        if row["restated"] or row["progress"]:  # by the row's date, its restatement before its progress
            sort_key = (1, row["restated"] or row["progress"], row["document"], 0 if row["restated"] else 1)
        else:
            sort_key = (0, "", "", 0)
        citations[row["id"]].append((sort_key, source))
    for action_id, item in actions.items():
        for role in ("organisations", "partners", "lead_units"):
            item[role].sort(key=lambda org: (first_named.get((action_id, org), ("~", 0)), org))
        item["programmes"].sort()
        item["sources"] = [source for _, source in sorted(citations[action_id], key=lambda c: c[0])]


def find_actions_at(endpoint: str, filters: dict, *, default_graph: str | None = None) -> list[dict]:
    """The actions matching ``filters`` (see actions_query) as the endpoint's graph holds them, in
    action order, in the rows `tsgraph actions` gives locally (names as the graph labels them)."""
    found = run_endpoint(endpoint, actions_query(**filters), limit=None, default_graph=default_graph)
    actions, names = fold_actions(found)
    if actions:
        details = run_endpoint(endpoint, details_query(sorted(actions)), limit=None, default_graph=default_graph)
        add_details(actions, details)
    rows = []
    for item in sorted(actions.values(), key=lambda a: action_sort_key(a["id"])):
        for role in NAME_ROLES:
            item[role] = [names[entity] for entity in item[role]]
        rows.append({key: item[key] for key in ROW_KEYS})
    return rows


ROW_KEYS = ("id", "chapter", "chapter_title", "timing", "subheading", "text", "status", "status_date",
            "organisations", "partners", "lead_units", "programmes", "sources")  # as graph.lookup.action_row
