"""A Kumu blueprint (kumu.io's JSON import): elements and connections with stable ids.

Kumu matches an element on ``id`` when one is given, so re-importing a newer blueprint updates the
map instead of duplicating it; ids are the graph's node IRIs. Connections carry ids too, so two
connections between the same elements (a sum that is both for an action and from a funder) stay
two. Element types: strategic objective, action, organisation, programme, money. The status
history is on each action (latest status and one line per progress report); every quote has its
citation (``document:start-end``) and, where the document gives its own web address, a link.
"""

from __future__ import annotations

from pathlib import Path

from ..tabular import plain_number
from ..vocab import cite, node_iri, readable
from .common import document_urls, write_json


class Blueprint:
    def __init__(self, index: dict) -> None:
        self.index = index
        self.entities = index["entities"]
        self.urls = document_urls(index)
        self.elements: dict[str, dict] = {}
        self.connections: dict[str, dict] = {}

    def evidence(self, source: dict) -> dict:
        """A quote with its citation, and the published document's address where it has one."""
        fields = {"quote": readable(source["quote"]), "source": cite(source)}
        url = self.urls.get(source["document"])
        if url:
            fields["source url"] = url
        return fields

    def element(self, element_id: str, label: str, element_type: str, **fields) -> str:
        self.elements.setdefault(element_id, {"id": element_id, "label": label, "type": element_type,
                                              **{k: v for k, v in fields.items() if v not in (None, "", [])}})
        return element_id

    def connect(self, origin: str, target: str, connection_type: str, **fields) -> None:
        connection_id = f"{connection_type}|{origin}|{target}"
        self.connections.setdefault(connection_id, {
            "id": connection_id, "from": origin, "to": target, "type": connection_type, "direction": "directed",
            **{k: v for k, v in fields.items() if v not in (None, "", [])}})

    def entity(self, entity_id: str) -> str:
        entity = self.entities[entity_id]
        kind = "organisation" if entity["type"] == "organisation" else entity["type"]
        return self.element(node_iri(kind, entity_id), entity["name"], kind.capitalize(), kind=entity["kind"],
                            tags=entity["acronyms"] + [f["name"] for f in entity["former_names"]])

    def objectives(self) -> None:
        for chapter in self.index["chapters"]:
            self.element(node_iri("chapter", str(chapter["number"])), f"Objective {chapter['number']}: {chapter['title']}",
                         "Strategic objective", description=chapter["title"], **self.evidence(chapter["source"]))

    def actions(self) -> None:
        for action in self.index["actions"]:
            history = [f"{p['date']} ({p['report']}): {p['status']}"
                       + (f" — “{readable(p['status_source']['quote'])}” [{cite(p['status_source'])}]" if p["status_source"] else "")
                       for p in action["progress"]]
            node = self.element(node_iri("action", action["id"]), f"Action {action['id']}", "Action",
                                description=action["text"], chapter=action["chapter"], timing=action["timing"],
                                status=action["status"] or "not reported", **{"status date": action["status_date"],
                                "status history": history}, **self.evidence(action["source"]))
            self.connect(node, node_iri("chapter", str(action["chapter"])), "in objective")
            for relation, organisations in (("partner", action["partners"]), ("lead unit", action["lead_units"])):
                for org in organisations:
                    link = action["links"][org][0]
                    self.connect(node, self.entity(org), relation, **self.evidence(link["sentence"]))
            for programme in action["programmes"]:
                self.connect(node, self.entity(programme), "names programme")
            for target in action["refers_to"]:
                self.connect(node, node_iri("action", target), "refers to action")

    def money(self) -> None:
        for item in self.index["money"]:
            node = self.element(
                node_iri("money", item["id"]), f"{item['raw']} ({item['subject']})", "Money",
                description=readable(item["sentence"]["quote"]), amount=item["raw"], **{
                    "value (GBP)": plain_number(item["value"]), "counts in totals": item["counts_in_totals"],
                    "per annum": item["per_annum"], "each": item["each"], "funder basis": item["funder_basis"]},
                kind=item["kind"], period=item["period"], **self.evidence(item["sentence"]))
            if item["context"] in ("action", "progress", "restatement") and node_iri("action", item["subject"]) in self.elements:
                self.connect(node, node_iri("action", item["subject"]), "for action")
            if item["funder"]:
                self.connect(self.entity(item["funder"]), node, "funds", **{"funder basis": item["funder_basis"]})
            for recipient in item["recipients"]:
                self.connect(node, self.entity(recipient), "received by")
            if item["programme"]:
                self.connect(node, self.entity(item["programme"]), "for programme")


def blueprint(index: dict) -> dict:
    built = Blueprint(index)
    built.objectives()
    built.actions()
    built.money()
    return {"elements": [built.elements[k] for k in sorted(built.elements)],
            "connections": [built.connections[k] for k in sorted(built.connections)]}


def write_kumu(index: dict, folder: Path) -> list[Path]:
    return [write_json(folder / "kumu.json", blueprint(index))]
