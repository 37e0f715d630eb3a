"""A synthetic lookup index (the shape graph/index.py writes) and its source texts, at any scale.

Each scale unit adds the real strategy's counts: 132 actions in 11 chapters, 105 organisations
with Zipf-skewed popularity (a few bodies in many actions), 68 programmes, one progress entry per
action with the words that decided its status, the sentence naming each body, and a sum of money
now and then. Every span's quote is the synthetic text at its offsets, so the explorer's check of
the texts passes. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.index_schema import INDEX_FORMAT, check_index  # noqa: E402

ACTIONS_PER_UNIT, ORGS_PER_UNIT, PROGRAMMES_PER_UNIT, CHAPTERS = 132, 105, 68, 11
KINDS = ["charity-ngo", "public-body", "network-umbrella", "partnership-group", "government-department",
         "social-enterprise", "company"]
STATUSES = [("complete", "complete"), ("in-progress", "in progress"), ("no-progress", "no progress"),
            ("dropped-or-merged", "dropped or merged"), ("superseded", "superseded"),
            ("transferred", "transferred to another body"), ("decided-against", "decided against")]
STATUS_WEIGHTS = [11, 87, 26, 4, 1, 1, 2]
WORDS = ("work with third sector organisations to support community action on waste recycling climate change "
         "biodiversity volunteering rural communities social enterprise funding partnership advice").split()


class Text:
    """A growing document: append text, get back its span."""

    def __init__(self, document: str) -> None:
        self.document, self.parts, self.length = document, [], 0

    def add(self, text: str) -> dict:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return {"document": self.document, "start": start, "end": self.length, "quote": text}

    def span(self, within: dict, needle: str) -> dict:
        start = within["start"] + within["quote"].index(needle)
        return {"document": self.document, "start": start, "end": start + len(needle), "quote": needle}

    def value(self) -> str:
        return "".join(self.parts)


def entities(scale: int) -> dict:
    out = {"defra": entity("defra", "Department for Environment, Food and Rural Affairs", "organisation",
                           "government-department", ["Defra"])}
    for unit in range(scale):
        for o in range(ORGS_PER_UNIT):
            ident = f"u{unit}-o{o}"
            out[ident] = entity(ident, f"Organisation {o} of unit {unit}", "organisation", KINDS[o % len(KINDS)], [f"O{o}U{unit}"])
        for p in range(PROGRAMMES_PER_UNIT):
            ident = f"u{unit}-p{p}"
            out[ident] = entity(ident, f"Programme {p} of unit {unit}", "programme", "programme", [])
    return dict(sorted(out.items()))


def entity(ident: str, name: str, kind_type: str, kind: str, acronyms: list[str]) -> dict:
    return {"id": ident, "type": kind_type, "name": name, "kind": kind, "acronyms": acronyms, "aliases": [],
            "former_names": [], "parent": None, "members": [], "owner": None, "organisation": None, "role": None,
            "note": None, "defra_family": ident == "defra", "programme": None, "generic_aliases": [], "identifiers": {},
            "source": None}


def generate_index(scale: int, seed: int = 1) -> tuple[dict, dict[str, str]]:
    """The index and the texts of its two documents."""
    rng = random.Random(seed)
    strategy, report = Text("synthetic-strategy"), Text("synthetic-report")
    weights = [1 / (rank + 1) ** 0.6 for rank in range(ORGS_PER_UNIT)]  # skewed, yet most bodies carry something
    chapters = [{"number": c, "title": f"Objective {c}: " + " ".join(rng.choice(WORDS) for _ in range(4)), "theme": 1 + (c > 5),
                 "actions": [], "source": None} for c in range(1, CHAPTERS + 1)]
    for chapter in chapters:
        chapter["source"] = strategy.add(f"{chapter['number']}. {chapter['title']}\n")
    actions, money, counters = [], [], {c: 0 for c in range(1, CHAPTERS + 1)}
    for unit in range(scale):
        for a in range(ACTIONS_PER_UNIT):
            chapter = a % CHAPTERS + 1
            counters[chapter] += 1
            action_id = f"{chapter}.{counters[chapter]}"
            orgs = sorted(set(rng.choices(range(ORGS_PER_UNIT), weights, k=rng.randint(0, 5))))
            programmes = [f"u{unit}-p{rng.randrange(PROGRAMMES_PER_UNIT)}"] if rng.random() < 0.4 else []
            actions.append(action(rng, strategy, report, action_id, chapter, unit, orgs, programmes, money))
            chapters[chapter - 1]["actions"].append(action_id)
    partners = {p for a in actions for p in a["partners"]}
    counts = {"actions": len(actions), "chapters": CHAPTERS, "progress_entries": len(actions), "partners": len(partners),
              "organisations_named": len(partners), "lead_units": 0, "money": len(money), "money_counted": len(money),
              "actions_with_partners": sum(1 for a in actions if a["partners"]), "unresolved": 0,
              "partner_links": sum(len(a["partners"]) for a in actions), "involvements": sum(len(a["partners"]) for a in actions)}
    index = {
        "format": INDEX_FORMAT, "publisher": "defra", "publisher_family": ["defra"], "counts": counts,
        "sources": [{"id": "synthetic-strategy", "title": "Synthetic strategy", "publisher": "Defra", "date": "2008-11",
                     "kind": "strategy", "licence": "synthetic"},
                    {"id": "synthetic-report", "title": "Synthetic progress report", "publisher": "Defra", "date": "2009-11",
                     "kind": "progress-report", "licence": "synthetic"}],
        "themes": [{"number": 1, "name": "Theme one"}, {"number": 2, "name": "Theme two"}],
        "chapters": chapters,
        "statuses": [{"id": i, "label": label, "definition": f"The report says {label}."} for i, label in STATUSES],
        "actions": actions, "entities": entities(scale), "names": {}, "money": money, "case_studies": [], "candidates": [],
        "vision_paragraphs": [], "forewords": [], "development": None, "monitoring": None, "deal": None, "deal_links": [],
        "annexes": [], "named_in": {},
    }
    check_index(index, "the synthetic index")  # the same shape as a real build's, or the benchmark says so
    return index, {"synthetic-strategy": strategy.value(), "synthetic-report": report.value()}


def action(rng, strategy: Text, report: Text, action_id: str, chapter: int, unit: int, orgs: list[int],
           programmes: list[str], money: list) -> dict:
    names = [f"O{o}U{unit}" for o in orgs]
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
    text = f"Work with {' and '.join(names)} to {words}." if names else f"Continue to {words}."
    source = strategy.add(f"- {action_id} ")
    source = strategy.add(text)
    strategy.add("\n")
    status, _ = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
    restated = report.add(text)
    report.add("\t")
    progress_text = f"Work has {'made no progress' if status == 'no-progress' else 'continued'} on {' '.join(rng.choice(WORDS) for _ in range(12))}."
    progress = report.add(progress_text)
    report.add("\n")
    decided = report.span(progress, "made no progress") if status == "no-progress" else None
    links = {}
    for o, name in zip(orgs, names):
        sentence = {**source}
        links[f"u{unit}-o{o}"] = [{"context": "action", **strategy.span(source, name), "sentence": sentence}]
    item_ids = []
    if rng.random() < 0.1 and orgs:
        item_id = f"synthetic-{len(money) + 1}"
        money.append({"id": item_id, "raw": "£1m", "value": 1_000_000.0, "currency": "GBP", "kind": "grant", "period": None,
                      "per_annum": False, "years": None, "each": False, "funder": "defra", "funder_basis": "implied",
                      "recipients": [f"u{unit}-o{orgs[0]}"], "programme": None, "programme_basis": "not stated", "repeat_of": None,
                      "counts_in_totals": True, "not_counted_because": None, "counted_gbp": 1_000_000.0, "total": 1_000_000.0,
                      "total_basis": "as stated", "recipients_basis": "stated", "period_source": None,
                      "approximate": False, "qualifier": None, "bound": None, "multipliers": [],
                      "turnover_of": None, "turnover_of_name": None, "turnover_of_basis": None,
                      "turnover_of_source": None, "context": "action", "subject": action_id, "source": source,
                      "sentence": source})
        item_ids.append(item_id)
    partners = [f"u{unit}-o{o}" for o in orgs]
    return {
        "id": action_id, "chapter": chapter, "chapter_title": f"Objective {chapter}", "timing": "longer-term",
        "subheading": None, "text": text, "status": status, "status_date": "2009-11", "organisations": partners,
        "partners": partners, "lead_units": [], "programmes": programmes, "people": [], "money": item_ids,
        "refers_to": [], "referred_by": [], "source": source, "subitems": [], "links": links,
        "progress": [{"report": "synthetic-report", "date": "2009-11", "line": 1, "status": status,
                      "status_rule": "synthetic-rule" if decided else "nothing-decisive", "status_source": decided,
                      "status_column": "progress" if decided else None, "status_outranked": [], "status_set_aside": [],
                      "restated": text, "restated_source": restated, "differs": False, "changes": [],
                      "progress": progress_text, "progress_source": progress, "next_actions": None,
                      "next_actions_source": None}],
    }
