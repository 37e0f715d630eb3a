"""Exports in the formats people already use: GraphML and GEXF (Gephi), CSV tables for
spreadsheets, a Kumu JSON blueprint, 360Giving-shaped grant records, and HTML documentation
of the ontology. All are written from the lookup index (plain data) and are deterministic."""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable
from pathlib import Path

from .indexview import counts_in_totals, partner_ids
from .vocab import cite

FORMATS = ("graphml", "gexf", "csv", "kumu", "360giving", "ontology-html")


def network(index: dict):
    """Objectives, actions, organisations and programmes as one networkx graph."""
    import networkx as nx

    entities = index["entities"]
    graph = nx.Graph()
    for chapter in index["chapters"]:
        graph.add_node(f"objective:{chapter['number']}", label=f"{chapter['number']}. {chapter['title']}", kind="objective")
    for action in index["actions"]:
        node = f"action:{action['id']}"
        graph.add_node(node, label=f"Action {action['id']}", kind="action", status=action["status"] or "",
                       chapter=action["chapter"], text=action["text"], source=cite(action["source"]))
        graph.add_edge(f"objective:{action['chapter']}", node, relation="in objective")
        for org in action["organisations"]:
            entity = entities[org]
            graph.add_node(f"org:{org}", label=entity["name"], kind=entity["kind"], publisher=org == index.get("publisher"))
            link = action["links"][org][0]
            graph.add_edge(node, f"org:{org}", relation="involves", quote=link["quote"], source=cite(link))
        for programme in action["programmes"]:
            graph.add_node(f"programme:{programme}", label=entities[programme]["name"], kind=entities[programme]["kind"])
            graph.add_edge(node, f"programme:{programme}", relation="refers to")
    return graph


def write_graphml(index: dict, folder: Path) -> list[Path]:
    import networkx as nx

    path = folder / "graph.graphml"
    nx.write_graphml(network(index), path)
    return [path]


def write_gexf(index: dict, folder: Path) -> list[Path]:
    import networkx as nx

    path = folder / "graph.gexf"
    graph = network(index)
    for _, data in graph.nodes(data=True):
        data.setdefault("publisher", False)
    nx.write_gexf(graph, path)
    return [path]


def write_rows(path: Path, columns: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") if row.get(c) is not None else "" for c in columns})
    return path


def write_csv(index: dict, folder: Path) -> list[Path]:
    entities = index["entities"]
    name = lambda i: entities[i]["name"] if i else ""  # noqa: E731
    tables = folder / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    actions = [
        {"id": a["id"], "chapter": a["chapter"], "chapter_title": a["chapter_title"], "timing": a["timing"],
         "subheading": a["subheading"], "status": a["status"], "status_date": a["status_date"], "text": a["text"],
         "organisations": "; ".join(name(o) for o in a["organisations"]),
         "programmes": "; ".join(name(p) for p in a["programmes"]),
         "source": cite(a["source"]), "quote": a["source"]["quote"]}
        for a in index["actions"]
    ]
    organisations = [
        {"id": e["id"], "name": e["name"], "kind": e["kind"], "acronyms": "; ".join(e["acronyms"]),
         "aliases": "; ".join(e["aliases"]), "former_names": "; ".join(f["name"] for f in e["former_names"]),
         "parent": name(e["parent"]), "actions": sum(1 for a in index["actions"] if e["id"] in a["organisations"])}
        for e in entities.values() if e["type"] == "organisation"
    ]
    involvements = [
        {"action": a["id"], "organisation_id": org, "organisation": name(org), "context": link["context"],
         "document": link["document"], "start": link["start"], "end": link["end"], "quote": link["quote"]}
        for a in index["actions"] for org in a["organisations"] for link in a["links"][org]
    ]
    funding = [
        {"id": m["id"], "amount": m["raw"], "value_gbp": m["value"], "kind": m["kind"], "period": m["period"],
         "per_annum": m["per_annum"], "each": m["each"], "funder": name(m["funder"]), "funder_basis": m["funder_basis"],
         "recipients": "; ".join(name(r) for r in m["recipients"]), "programme": name(m["programme"]),
         "repeat_of": m["repeat_of"], "subject": m["subject"], "context": m["context"],
         "source": cite(m["source"]), "sentence": m["sentence"]["quote"]}
        for m in index["money"]
    ]
    progress = [
        {"action": a["id"], "report": p["report"], "date": p["date"], "status": p["status"], "status_rule": p["status_rule"],
         "status_quote": p["status_source"]["quote"] if p["status_source"] else "", "differs_from_2008": p["differs"],
         "progress": p["progress"], "next_actions": p["next_actions"], "source": cite(p["progress_source"])}
        for a in index["actions"] for p in a["progress"]
    ]
    return [
        write_rows(tables / "actions.csv", list(actions[0]), actions),
        write_rows(tables / "organisations.csv", list(organisations[0]), organisations),
        write_rows(tables / "involvements.csv", list(involvements[0]), involvements),
        write_rows(tables / "funding.csv", list(funding[0]), funding),
        write_rows(tables / "progress.csv", list(progress[0]), progress),
    ]


def write_kumu(index: dict, folder: Path) -> list[Path]:
    """A Kumu blueprint: elements keyed by unique labels, connections between them."""
    entities = index["entities"]
    elements, connections = {}, []
    labels = {}
    for chapter in index["chapters"]:
        label = f"Objective {chapter['number']}: {chapter['title']}"
        labels[f"objective:{chapter['number']}"] = label
        elements[label] = {"label": label, "type": "Strategic objective", "description": chapter["title"]}
    for action in index["actions"]:
        label = f"Action {action['id']}"
        elements[label] = {"label": label, "type": "Action", "description": action["text"],
                           "status": action["status"] or "", "source": cite(action["source"])}
        connections.append({"from": label, "to": labels[f"objective:{action['chapter']}"], "type": "in objective"})
        for org in partner_ids(index, action):
            entity = entities[org]
            elements.setdefault(entity["name"], {"label": entity["name"], "type": "Organisation", "kind": entity["kind"],
                                                 "tags": entity["acronyms"]})
            link = action["links"][org][0]
            connections.append({"from": label, "to": entity["name"], "type": "involves",
                                "description": link["quote"], "source": cite(link)})
    path = folder / "kumu.json"
    path.write_text(json.dumps({"elements": [elements[k] for k in sorted(elements)], "connections": connections},
                               ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return [path]


def org_identifier(entity_id: str) -> str:
    # 360Giving wants org-id.guide identifiers; the documents give none, so the 360G- prefix
    # (for identifiers a publisher mints itself) marks ours.
    return f"360G-tsgraph-{entity_id}"


def grant_records(index: dict) -> list[dict]:
    entities = index["entities"]
    dates = {s["id"]: s["date"] for s in index["sources"]}
    records = []
    for item in index["money"]:
        if not (item["funder"] and item["recipients"] and counts_in_totals(item)):
            continue
        for recipient in item["recipients"]:
            record = {
                "identifier": f"360G-tsgraph-{item['id']}-{recipient}",
                "title": f"{item['raw']} to {entities[recipient]['name']}",
                "description": " ".join(item["sentence"]["quote"].replace("*", "").split()),
                "currency": "GBP",
                "amountAwarded": item["counted_gbp"],
                # 360Giving needs a full date; the documents give a month, so the first of it stands in.
                "awardDate": dates[item["source"]["document"]] + ("-01" if len(dates[item["source"]["document"]]) == 7 else ""),
                "recipientOrganization": [{"id": org_identifier(recipient), "name": entities[recipient]["name"]}],
                "fundingOrganization": [{"id": org_identifier(item["funder"]), "name": entities[item["funder"]]["name"]}],
                "dataSource": cite(item["source"]),
            }
            if item["programme"]:
                record["grantProgramme"] = [{"title": entities[item["programme"]]["name"]}]
            if item["period"]:
                record["plannedDates"] = [{"description": item["period"]}]
            records.append(record)
    return records


def write_360giving(index: dict, folder: Path) -> list[Path]:
    path = folder / "360giving.json"
    path.write_text(json.dumps({"grants": grant_records(index)}, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return [path]


def write_ontology_html(index: dict, folder: Path) -> list[Path]:
    """Readable documentation of the ontology: every class, property and concept scheme."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    from .resources import ontology_dir

    ontology_path = ontology_dir() / "tsgraph.ttl"
    graph = Graph().parse(ontology_path)
    manager = graph.namespace_manager

    def term(node) -> str:
        return node.n3(manager) if isinstance(node, URIRef) else str(node)

    def section(title: str, kinds: list) -> str:
        subjects = sorted({s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)}, key=str)
        rows = []
        for subject in subjects:
            local = str(subject).split("#")[-1]
            parents = ", ".join(f"<code>{html.escape(term(p))}</code>" for p in sorted(graph.objects(subject, RDFS.subClassOf), key=str))
            parents += ", ".join(f"<code>{html.escape(term(p))}</code>" for p in sorted(graph.objects(subject, RDFS.subPropertyOf), key=str))
            rows.append(
                f'<tr id="{html.escape(local)}"><td><code>{html.escape(term(subject))}</code></td>'
                f"<td>{html.escape(str(graph.value(subject, RDFS.label) or ''))}</td>"
                f"<td>{html.escape(str(graph.value(subject, SKOS.definition) or ''))}</td><td>{parents}</td></tr>"
            )
        return (f"<h2>{title} ({len(rows)})</h2><table><tr><th>term</th><th>label</th><th>definition</th>"
                f"<th>specialises</th></tr>{''.join(rows)}</table>")

    header = graph.value(URIRef("https://w3id.org/tsgraph/ontology"), RDFS.label)
    body = "".join([
        section("Classes", [OWL.Class]),
        section("Object properties", [OWL.ObjectProperty]),
        section("Data properties", [OWL.DatatypeProperty]),
        section("Concept schemes", [SKOS.ConceptScheme]),
    ])
    statuses = "".join(f"<tr><td><code>{html.escape(s['id'])}</code></td><td>{html.escape(s['definition'])}</td></tr>" for s in index["statuses"])
    page = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tsgraph ontology</title><style>"
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:20px auto;padding:0 16px}"
        "table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #eee;padding:3px 8px;text-align:left;vertical-align:top}"
        f"</style></head><body><h1>{html.escape(str(header))}</h1>"
        "<p>Terms of <code>https://w3id.org/tsgraph/ontology#</code>. The graph also uses W3C ORG, PROV-O, SKOS, "
        "DCTERMS, schema.org and Web Annotation; see ontology/tsgraph.ttl.</p>"
        f"{body}<h2>Progress status vocabulary</h2><table>{statuses}</table></body></html>\n"
    )
    path = folder / "ontology.html"
    path.write_text(page, encoding="utf-8")
    return [path]


WRITERS: dict[str, Callable[[dict, Path], list[Path]]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "csv": write_csv,
    "kumu": write_kumu,
    "360giving": write_360giving,
    "ontology-html": write_ontology_html,
}


def write_exports(index: dict, folder: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in formats:
        written += WRITERS[name](index, folder)
    return written
