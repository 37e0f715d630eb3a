"""The tables of the CSV export: one function per table, its columns (type and meaning) and rows.

Rows read the index's decisions: an action's ``partners`` and ``lead_units``, a sum's
``counts_in_totals``. Ids are the registry's and the documents' own (action "3.3", organisation
"wrap", money "strategy-2008-2"), so tables join on them.
"""

from __future__ import annotations

from .tables import Column, Table, evidence


def source_columns(what: str, prefix: str = "") -> list[Column]:
    return [
        Column(f"{prefix}source", "string", f"Where {what} was read: document:start-end"),
        Column(f"{prefix}document", "string", "Source document id (data/sources.json)"),
        Column(f"{prefix}start", "integer", "Start offset in the document's text (Unicode code points)"),
        Column(f"{prefix}end", "integer", "End offset in the document's text"),
        Column(f"{prefix}quote", "string", "The words at those offsets, as shown (emphasis marks dropped)"),
    ]


def names(index: dict, ids: list[str]) -> list[str]:
    return [index["entities"][i]["name"] for i in ids]


def chapters_table(index: dict) -> Table:
    themes = {t["number"]: t["name"] for t in index["themes"]}
    rows = [{"number": c["number"], "title": c["title"], "theme": c["theme"], "theme_name": themes.get(c["theme"]),
             "actions": len(c["actions"]), **evidence(c["source"])} for c in index["chapters"]]
    columns = [
        Column("number", "integer", "Chapter number, which is the strategic objective's number"),
        Column("title", "string", "Chapter title: the strategic objective"),
        Column("theme", "integer", "Number of the strategy's theme the chapter belongs to"),
        Column("theme_name", "string", "Name of that theme"),
        Column("actions", "integer", "Number of actions in the chapter"),
        *source_columns("the chapter heading"),
    ]
    return Table("chapters", "The strategy's chapters, one per strategic objective.", columns, rows, ["number"])


def actions_table(index: dict) -> Table:
    rows = [{"id": a["id"], "chapter": a["chapter"], "timing": a["timing"], "subheading": a["subheading"],
             "status": a["status"], "status_date": a["status_date"], "text": a["text"],
             "partner_ids": a["partners"], "partners": names(index, a["partners"]),
             "lead_unit_ids": a["lead_units"], "lead_units": names(index, a["lead_units"]),
             "programme_ids": a["programmes"], "money_ids": a["money"], "refers_to": a["refers_to"],
             **evidence(a["source"])} for a in index["actions"]]
    columns = [
        Column("id", "string", "Action number as the strategy gives it, e.g. 3.3"),
        Column("chapter", "integer", "Chapter (strategic objective) number"),
        Column("timing", "string", "immediate or longer-term, from the strategy's headings"),
        Column("subheading", "string", "The sub-heading the action stands under, if any"),
        Column("status", "string", "Latest progress status (data/status_rules.json); empty when never reported"),
        Column("status_date", "yearmonth", "Month of the report that gave the latest status"),
        Column("text", "string", "The action's text in the 2008 strategy"),
        Column("partner_ids", "string", "Organisations working with Defra on the action (never Defra or its own units)", True),
        Column("partners", "string", "Their names", True),
        Column("lead_unit_ids", "string", "Defra's own units named as leading or delivering the action", True),
        Column("lead_units", "string", "Their names", True),
        Column("programme_ids", "string", "Programmes, funds, policies and laws the action names", True),
        Column("money_ids", "string", "Sums of money stated for the action (funding.csv)", True),
        Column("refers_to", "string", "Actions this action's text refers to", True),
        *source_columns("the action"),
    ]
    return Table("actions", f"The strategy's {len(index['actions'])} actions with their latest status, partners and lead units.",
                 columns, rows, ["id"], [(["chapter"], "chapters", ["number"])])


def organisations_table(index: dict) -> Table:
    as_partner: dict[str, int] = {}
    as_lead: dict[str, int] = {}
    for action in index["actions"]:
        for org in action["partners"]:
            as_partner[org] = as_partner.get(org, 0) + 1
        for org in action["lead_units"]:
            as_lead[org] = as_lead.get(org, 0) + 1
    rows = [{"id": e["id"], "name": e["name"], "kind": e["kind"], "acronyms": e["acronyms"], "aliases": e["aliases"],
             "former_names": [f["name"] for f in e["former_names"]], "parent_id": e["parent"],
             "actions_as_partner": as_partner.get(e["id"], 0), "actions_as_lead_unit": as_lead.get(e["id"], 0)}
            for e in index["entities"].values() if e["type"] == "organisation"]
    columns = [
        Column("id", "string", "Registry id (data/organisations.json)"),
        Column("name", "string", "Canonical name"),
        Column("kind", "string", "Kind of organisation, e.g. charity-ngo, public-body, defra-unit"),
        Column("acronyms", "string", "Acronyms", True),
        Column("aliases", "string", "Other names the documents use", True),
        Column("former_names", "string", "Names it had before a rename", True),
        Column("parent_id", "string", "The body it is part of, if any"),
        Column("actions_as_partner", "integer", "Number of actions it is a partner in"),
        Column("actions_as_lead_unit", "integer", "Number of actions it leads as one of Defra's own units"),
    ]
    return Table("organisations", "Every organisation in the curated registry.", columns, rows, ["id"],
                 [(["parent_id"], "organisations", ["id"])])


def programmes_table(index: dict) -> Table:
    rows = [{"id": e["id"], "name": e["name"], "kind": e["kind"], "acronyms": e["acronyms"], "aliases": e["aliases"],
             "owner_id": e["owner"]} for e in index["entities"].values() if e["type"] == "programme"]
    columns = [
        Column("id", "string", "Registry id (data/programmes.json)"),
        Column("name", "string", "Canonical name"),
        Column("kind", "string", "programme, fund, policy, legislation, campaign, initiative, project or award"),
        Column("acronyms", "string", "Acronyms", True),
        Column("aliases", "string", "Other names the documents use", True),
        Column("owner_id", "string", "The organisation that runs it, where the registry records one"),
    ]
    return Table("programmes", "Programmes, funds, policies and laws in the curated registry.", columns, rows, ["id"],
                 [(["owner_id"], "organisations", ["id"])])


def role(index: dict, action: dict, org: str) -> str:
    if org in action["partners"]:
        return "partner"
    if org in action["lead_units"]:
        return "lead unit"
    return "publisher" if org == index["publisher"] else "named"


def involvements_table(index: dict) -> Table:
    rows = [{"action": a["id"], "organisation_id": org, "organisation": index["entities"][org]["name"],
             "role": role(index, a, org), "context": link["context"], **evidence(link),
             **evidence(link.get("sentence"), "sentence_")}
            for a in index["actions"] for org in a["organisations"] for link in a["links"][org]]
    columns = [
        Column("action", "string", "Action id"),
        Column("organisation_id", "string", "Organisation id"),
        Column("organisation", "string", "Organisation name"),
        Column("role", "string", "partner, lead unit (Defra's own unit), publisher (Defra) or named"),
        Column("context", "string", "Where the name was found: the action, its restatement, progress or next actions"),
        *source_columns("the name"),
        *source_columns("the sentence naming the organisation", "sentence_"),
    ]
    return Table("involvements", "Each place a document names an organisation in an action: the evidence for the link.",
                 columns, rows, ["action", "organisation_id", "document", "start"],
                 [(["action"], "actions", ["id"]), (["organisation_id"], "organisations", ["id"])])


def funding_table(index: dict) -> Table:
    rows = [{"id": m["id"], "amount": m["raw"], "value": m["value"], "currency": m["currency"], "kind": m["kind"],
             "counts_in_totals": m["counts_in_totals"], "not_counted_because": m["not_counted_because"],
             "counted_gbp": m["counted_gbp"], "period": m["period"], "per_annum": m["per_annum"],
             "years": m["years"], "each": m["each"], "funder_id": m["funder"], "funder_basis": m["funder_basis"],
             "recipient_ids": m["recipients"], "recipients": names(index, m["recipients"]),
             "programme_id": m["programme"], "repeat_of": m["repeat_of"], "about": m["subject"], "context": m["context"],
             **evidence(m["source"]), **evidence(m["sentence"], "sentence_")} for m in index["money"]]
    columns = [
        Column("id", "string", "Money item id: document and number"),
        Column("amount", "string", "The sum as written, e.g. £4.75m"),
        Column("value", "number", "The sum in pounds"),
        Column("currency", "string", "ISO 4217 currency code"),
        Column("kind", "string", "How the text presents the sum: grant, funding, programme-value, spend, won, turnover, declined"),
        Column("counts_in_totals", "boolean", "Whether the sum is added into totals, once and whole"),
        Column("not_counted_because", "string", "Why a sum is listed but not added: a repeat, a turnover figure, a cost not taken on, or its whole is not stated"),
        Column("counted_gbp", "number", "What the sum adds to totals in pounds: its whole (per annum × years, each × how many)"),
        Column("period", "string", "The period as the text gives it"),
        Column("per_annum", "boolean", "The sum is stated per year"),
        Column("years", "integer", "Number of years the text gives"),
        Column("each", "boolean", "The sum is stated for each recipient"),
        Column("funder_id", "string", "Funding organisation"),
        Column("funder_basis", "string", "stated (the sentence names the funder) or implied (the document's author)"),
        Column("recipient_ids", "string", "Receiving organisations", True),
        Column("recipients", "string", "Their names", True),
        Column("programme_id", "string", "Programme the sum is for"),
        Column("repeat_of", "string", "The earlier item this sum restates"),
        Column("about", "string", "The action or case study the sum belongs to"),
        Column("context", "string", "Where the sum was found: action, restatement, progress or case-study"),
        *source_columns("the sum"),
        *source_columns("the sentence stating the sum", "sentence_"),
    ]
    return Table("funding", "Every sum of money the documents state.", columns, rows, ["id"],
                 [(["funder_id"], "organisations", ["id"]), (["programme_id"], "programmes", ["id"]),
                  (["repeat_of"], "funding", ["id"])])


def progress_table(index: dict) -> Table:
    rows = [{"action": a["id"], "report": p["report"], "date": p["date"], "status": p["status"],
             "status_rule": p["status_rule"], "status_words": p["status_source"]["quote"] if p["status_source"] else None,
             "differs_from_2008": p["differs"], "progress": p["progress"], "next_actions": p["next_actions"],
             **evidence(p["progress_source"])} for a in index["actions"] for p in a["progress"]]
    columns = [
        Column("action", "string", "Action id"),
        Column("report", "string", "Progress report (document id)"),
        Column("date", "yearmonth", "Month of the report"),
        Column("status", "string", "Status the report gives the action (data/status_rules.json)"),
        Column("status_rule", "string", "The rule that decided the status"),
        Column("status_words", "string", "The words that decided it; empty where no rule fired and in progress stands"),
        Column("differs_from_2008", "boolean", "The report restates the action with a change of substance"),
        Column("progress", "string", "The report's progress text"),
        Column("next_actions", "string", "The report's next actions"),
        *source_columns("the progress text"),
    ]
    return Table("progress", "One row per action per progress report.", columns, rows, ["action", "report"],
                 [(["action"], "actions", ["id"])])


TABLES = (chapters_table, actions_table, organisations_table, programmes_table, involvements_table, funding_table,
          progress_table)
