"""The explorer's view of the lookup index: lookups, page paths and the partner-objective pairs.

Everything here projects decisions the index already carries (partners, lead units, latest
status, what counts in totals); nothing is re-derived. Paths mirror the graph's node IRIs:
``https://w3id.org/tsgraph/id/action/3.3`` is the page ``id/action/3.3.html``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..vocab import ID, cite, node_iri, readable
from .palette import UNREPORTED, kind_label, kind_style, status_styles

LABEL_LIMIT = 24  # longer names show their acronym (or are clipped) on maps; pages show them whole


@lru_cache(maxsize=None)
def iri_path(kind: str, ident: str) -> str:
    """The page's path (URL-encoded, as in the IRI) below the explorer folder."""
    return "id/" + node_iri(kind, ident)[len(ID):] + ".html"


def source_href(source: dict | None) -> str:
    """Where a span is shown: its document's source view, with the characters highlighted."""
    if not source:
        return ""
    return f"{iri_path('source', source['document'])}#s={source['start']}-{source['end']}"


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Pair:
    """A partner and an objective: the actions of that objective that name the partner."""

    partner: str
    chapter: int
    actions: list[str] = field(default_factory=list)


class Explorer:
    """Lookups over one index, built once and shared by every stage of the explorer."""

    def __init__(self, index: dict) -> None:
        self.index = index
        self.statuses = status_styles(index["statuses"])
        self.status = {s["id"]: s for s in self.statuses}
        self.chapters = {c["number"]: c for c in index["chapters"]}
        self.actions = {a["id"]: a for a in index["actions"]}
        self.entities = index["entities"]
        self.money = {m["id"]: m for m in index["money"]}
        self.sources = {s["id"]: s for s in index["sources"]}
        self.pairs = self._pairs()
        self.partners = sorted({p.partner for p in self.pairs.values()}, key=self.sort_name)
        self.involved = self._involvement()
        self.family = set(index["publisher_family"])
        self.children: dict[str, list[str]] = defaultdict(list)
        for entity_id in sorted(self.entities, key=self.sort_name):
            parent = self.entities[entity_id].get("parent")
            if parent:
                self.children[parent].append(entity_id)
        self.money_by_entity: dict[str, list[dict]] = defaultdict(list)
        for item in index["money"]:
            for entity_id in dict.fromkeys(e for e in (item["funder"], item["programme"], *item["recipients"]) if e):
                self.money_by_entity[entity_id].append(item)
        self.cases_by_entity: dict[str, list[dict]] = defaultdict(list)
        for case in index["case_studies"]:
            for entity_id in dict.fromkeys((*case["organisations"], *case["programmes"], *case["people"])):
                self.cases_by_entity[entity_id].append(case)

    def _pairs(self) -> dict[tuple[str, int], Pair]:
        pairs: dict[tuple[str, int], Pair] = {}
        for action in self.index["actions"]:
            for partner in action["partners"]:
                key = (partner, action["chapter"])
                pairs.setdefault(key, Pair(partner, action["chapter"])).actions.append(action["id"])
        return dict(sorted(pairs.items(), key=lambda kv: (kv[0][1], self.sort_name(kv[0][0]))))

    def _involvement(self) -> dict[str, list[str]]:
        """Entity id -> the actions naming it (organisations, programmes, people alike)."""
        involved: dict[str, list[str]] = defaultdict(list)
        for action in self.index["actions"]:
            for entity in (*action["organisations"], *action["programmes"], *action["people"]):
                involved[entity].append(action["id"])
        return dict(involved)

    # -- names and styles ----------------------------------------------------------------------

    def name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity["name"] if entity else entity_id

    def sort_name(self, entity_id: str) -> tuple[str, str]:
        entity = self.entities.get(entity_id)
        return (entity["name"] if entity else entity_id).casefold(), entity_id

    def short_label(self, entity_id: str) -> str:
        entity = self.entities[entity_id]
        if len(entity["name"]) > LABEL_LIMIT and entity["acronyms"]:
            return entity["acronyms"][0]
        return clip(entity["name"], LABEL_LIMIT)

    def other_names(self, entity_id: str) -> list[str]:
        entity = self.entities[entity_id]
        return [*entity["acronyms"], *entity["aliases"], *(f["name"] for f in entity["former_names"])]

    def status_style(self, status: str | None) -> dict:
        if not status:
            return UNREPORTED
        return self.status.get(status) or {**UNREPORTED, "id": status, "label": status.replace("-", " ")}

    def kind_label(self, entity_id: str) -> str:
        return kind_label(self.entities[entity_id]["kind"])

    def kind_style(self, entity_id: str) -> dict:
        entity = self.entities[entity_id]
        return kind_style(entity["type"], entity["kind"])

    # -- paths --------------------------------------------------------------------------------

    def entity_path(self, entity_id: str) -> str:
        return iri_path(self.entities[entity_id]["type"], entity_id)

    def entity_iri(self, entity_id: str) -> str:
        return node_iri(self.entities[entity_id]["type"], entity_id)

    @staticmethod
    def action_path(action_id: str) -> str:
        return iri_path("action", action_id)

    @staticmethod
    def chapter_path(number: int) -> str:
        return iri_path("chapter", str(number))

    # -- derived tallies ------------------------------------------------------------------------

    def status_mix(self, action_ids: list[str]) -> list[dict]:
        """Counts of each status among the actions, in the vocabulary's order (unreported last)."""
        counts = Counter(self.actions[a]["status"] or "" for a in action_ids)
        order = [s["id"] for s in self.statuses] + sorted(k for k in counts if k not in self.status and k) + [""]
        return [{**self.status_style(s), "count": counts[s]} for s in order if counts.get(s)]

    def leading_status(self, action_ids: list[str]) -> dict:
        """The status most of the actions have; a tie goes to the one listed first in the vocabulary."""
        mix = self.status_mix(action_ids)
        return max(mix, key=lambda s: s["count"]) if mix else UNREPORTED

    def citation(self, source: dict | None) -> dict | None:
        """A span as the pages show it: the citation, the readable quote and the source view link."""
        if not source:
            return None
        return {"cite": cite(source), "quote": readable(source["quote"]), "href": source_href(source),
                "document": source["document"], "start": source["start"], "end": source["end"]}

    def money_for(self, item_ids: list[str]) -> list[dict]:
        return [self.money[i] for i in item_ids if i in self.money]

    def money_of_entity(self, entity_id: str) -> list[dict]:
        """Sums the entity gives, receives or (for a programme) runs through it."""
        return self.money_by_entity.get(entity_id, [])

    def summary(self) -> dict:
        counts = self.index["counts"]  # the build's figures, counted once (graph.facts.count)
        return {
            "actions": counts["actions"],
            "objectives": counts["chapters"],
            "partners": counts["partners"],
            "pairs": len(self.pairs),
            "sums": counts["money"],
        }
