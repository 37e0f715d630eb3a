"""360Giving Data Standard 1.4.3 grants (JSON), for GrantNav and the 360Giving Data Quality Tool.

One grant per distinct sum of money that counts in totals (the index's ``counts_in_totals``) and
has a funder and recipients: joint recipients are listed together in ``recipientOrganization``, so
the grants' ``amountAwarded`` add up to the distinct sums and no sum is counted twice. The amount
is the whole the build counts in totals (``counted_gbp``): "£100,000 per annum for the 3 years" is
£300,000, and the stated figure with its basis stays in the extension fields; a sum whose whole the
text does not give ("£45,000" to each of an unstated number) counts in no total and is no grant.

Dates are the text's. 360Giving requires a full ``awardDate``: it is a date the sentence states
where there is one, otherwise the first day of the document's month, and ``tsgraph.awardDateBasis``
says which. ``plannedDates`` are read from the period the text gives (``periods``), with the words
they came from in their description. ``dataSource`` and ``url`` are the published document's web
address where the document gives one. Organisations carry an org-id.guide identifier where the
registry records one (``identifiers``, e.g. ``{"GB-CHC": "1234567"}``), otherwise a ``360G-tsgraph-``
identifier of our own: never a guessed number.
"""

from __future__ import annotations

from pathlib import Path

from ..indexview import documents_phrase
from ..tabular import plain_number
from ..vocab import cite, readable
from .common import document_dates, document_urls, write_json
from .periods import read_period, stated_date

SCHEMA_VERSION = "1.4"
PREFIX = "360G-tsgraph-"
# org-id.guide lists, most specific first; the registry may record several for one body.
IDENTIFIER_PREFERENCE = ("GB-CHC", "GB-SC", "GB-NIC", "GB-COH", "GB-GOR", "GB-EDU", "GB-LAE", "GB-PLA", "GB-NHS")
NUMBER_FIELDS = {"GB-CHC": "charityNumber", "GB-SC": "charityNumber", "GB-NIC": "charityNumber", "GB-COH": "companyNumber"}


# The extension fields each grant carries under "tsgraph", as a JSON Schema fragment in 360Giving's
# style (title, description, type): merged into the grant schema to flatten them with titles and
# types into the spreadsheet form, and to check them in the tests.
EXTENSION = {
    "type": "object",
    "title": "tsgraph",
    "description": "Where tsgraph read this grant: the words, their citation and how each field was decided.",
    "properties": {
        "citation": {"type": "string", "title": "Citation", "description": "The sum's words as document:start-end."},
        "quote": {"type": "string", "title": "Quote", "description": "The sum's exact words in the document."},
        "sentenceCitation": {"type": "string", "title": "Sentence citation",
                             "description": "The sentence stating the sum, as document:start-end."},
        "awardDateBasis": {"type": "string", "title": "Award date basis",
                           "description": "Whether awardDate is stated in the text or stands in for the document's month."},
        "funderBasis": {"type": "string", "title": "Funder basis",
                        "description": "stated: the sentence names the funder; implied: the document's author, unnamed."},
        "moneyKind": {"type": "string", "title": "Money kind", "description": "How the text presents the sum."},
        "perAnnum": {"type": "boolean", "title": "Per annum", "description": "The amount is stated per year."},
        "each": {"type": "boolean", "title": "Each", "description": "The amount is stated for each recipient."},
        "statedAmount": {"type": "number", "title": "Stated amount",
                         "description": "The figure as the sentence states it, before per annum × years or each × how many."},
        "totalBasis": {"type": "string", "title": "Total basis",
                       "description": "as stated, or computed from the years or recipients the text gives."},
        "about": {"type": "string", "title": "About", "description": "The action or case study the sum belongs to."},
    },
}


def organisation(entity: dict) -> dict:
    """A 360Giving Organization: org-id identifier where the registry knows one, names, numbers."""
    identifiers = entity.get("identifiers") or {}
    schemes = sorted(identifiers, key=lambda s: (IDENTIFIER_PREFERENCE.index(s) if s in IDENTIFIER_PREFERENCE
                                                 else len(IDENTIFIER_PREFERENCE), s))
    record = {"id": f"{schemes[0]}-{identifiers[schemes[0]]}" if schemes else PREFIX + entity["id"],
              "name": entity["name"]}
    for scheme in schemes:
        if scheme in NUMBER_FIELDS:
            record.setdefault(NUMBER_FIELDS[scheme], identifiers[scheme])
    if entity.get("acronyms"):
        record["alternateName"] = entity["acronyms"][0]
    return record


def granted(index: dict) -> list[dict]:
    """The sums that become grants: counted in totals, with a funder and recipients."""
    return [m for m in index["money"] if m["counts_in_totals"] and m["funder"] and m["recipients"]]


def award_date(item: dict, document_date: str) -> tuple[str, str]:
    stated = stated_date(item["sentence"]["quote"])
    if stated:
        return stated[0], f"stated in the text: '{stated[1]}'"
    day = document_date if len(document_date) == 10 else f"{document_date[:7]}-01"
    return day, (f"not stated in the text: the first day of the month of the document ({document_date[:7]}), "
                 "as 360Giving requires a full date")


def planned_dates(item: dict) -> list[dict]:
    """plannedDates from the item's period, or else from its sentence, saying which words they read."""
    period = read_period(item["period"]) or read_period(readable(item["sentence"]["quote"]))
    if period is None:
        return []
    event = {"description": period.describe()}
    if period.start:
        event["startDate"] = period.start
    if period.end:
        event["endDate"] = period.end
    if period.months:
        event["duration"] = period.months
    return [event]


def title(item: dict, entities: dict) -> str:
    names = [entities[r]["name"] for r in item["recipients"]]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    years = f" for {item['years']} years" if item["per_annum"] and item["years"] else ""
    qualifier = f" per annum{years}" if item["per_annum"] else ""
    return f"{item['raw']}{qualifier} to {'each of ' if item['each'] else ''}{joined}"


def grant(item: dict, index: dict) -> dict:
    entities = index["entities"]
    document = item["source"]["document"]
    awarded, basis = award_date(item, document_dates(index)[document])
    record = {
        "id": PREFIX + item["id"],
        "title": title(item, entities),
        "description": readable(item["sentence"]["quote"]),
        "currency": item["currency"],
        "amountAwarded": plain_number(item["counted_gbp"]),
        "awardDate": awarded,
        "recipientOrganization": [organisation(entities[r]) for r in item["recipients"]],
        "fundingOrganization": [organisation(entities[item["funder"]])],
        "tsgraph": {
            "citation": cite(item["source"]), "quote": item["source"]["quote"],
            "sentenceCitation": cite(item["sentence"]), "awardDateBasis": basis,
            "funderBasis": item["funder_basis"], "moneyKind": item["kind"],
            "perAnnum": item["per_annum"], "each": item["each"], "about": item["subject"],
            "statedAmount": plain_number(item["value"]), "totalBasis": item["total_basis"],
        },
    }
    dates = planned_dates(item)
    if dates:
        record["plannedDates"] = dates
    if item["programme"]:
        record["grantProgramme"] = [{"code": item["programme"], "title": entities[item["programme"]]["name"]}]
    url = document_urls(index).get(document)
    if url:
        record["dataSource"] = url
        record["url"] = url
    return record


def grant_package(index: dict) -> dict:
    return {
        "version": SCHEMA_VERSION,
        "title": "Grants in " + documents_phrase(index),
        "description": ("Every distinct sum of money the documents state with a funder and recipients, once; "
                        "extension fields under 'tsgraph' cite the words each grant was read from."),
        "grants": [grant(item, index) for item in granted(index)],
    }


def write_360giving(index: dict, folder: Path) -> list[Path]:
    return [write_json(folder / "360giving.json", grant_package(index))]
