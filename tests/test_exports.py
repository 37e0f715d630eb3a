"""Each export read back by an independent reader: networkx, pyoxigraph, csv, a JSON schema."""

from __future__ import annotations

import csv
import json

import jsonschema
import networkx as nx
import pytest
from click.testing import CliRunner

from cli import cli
from graph.lookup import partner_ids

GRANT_SCHEMA = {
    # The 360Giving fields a grant record must carry (from the 360Giving Data Standard's required list).
    "type": "object",
    "required": ["grants"],
    "properties": {"grants": {"type": "array", "minItems": 1, "items": {
        "type": "object",
        "required": ["identifier", "title", "description", "currency", "amountAwarded", "awardDate",
                     "recipientOrganization", "fundingOrganization"],
        "properties": {
            "identifier": {"type": "string", "pattern": "^360G-"},
            "currency": {"const": "GBP"},
            "amountAwarded": {"type": "number", "exclusiveMinimum": 0},
            "awardDate": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "recipientOrganization": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["id", "name"]}},
            "fundingOrganization": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["id", "name"]}},
        },
    }}},
}


@pytest.mark.parametrize("name,reader", [("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_networkx(exports, index_data, name, reader):
    graph = reader(exports / name)
    actions = [n for n, d in graph.nodes(data=True) if d.get("kind") == "action"]
    assert len(actions) == 132
    involvements = sum(len(a["organisations"]) for a in index_data["actions"])
    assert sum(1 for _, _, d in graph.edges(data=True) if d.get("relation") == "involves") == involvements
    wrap_neighbours = sorted(graph.nodes[n]["label"] for n in graph.neighbors("org:wrap"))
    assert wrap_neighbours == ["Action 10.5", "Action 3.3", "Action 4.4", "Action 8.1"]


def test_csv_tables_read_back(exports, index_data):
    tables = exports / "tables"
    read = lambda name: list(csv.DictReader((tables / name).open(encoding="utf-8")))  # noqa: E731
    actions = read("actions.csv")
    assert [a["id"] for a in actions] == [a["id"] for a in index_data["actions"]]
    involvements = read("involvements.csv")
    assert sorted({i["action"] for i in involvements if i["organisation_id"] == "wrap"}) == ["10.5", "3.3", "4.4", "8.1"]
    assert all(i["quote"] and i["document"] for i in involvements)
    funding = read("funding.csv")
    assert len(funding) == 18 and {f["amount"] for f in funding} >= {"£4.75m", "£100,000"}
    progress = read("progress.csv")
    assert len(progress) == 132 and {p["status"] for p in progress} >= {"complete", "no-progress"}
    organisations = read("organisations.csv")
    kbt = next(o for o in organisations if o["id"] == "keep-britain-tidy")
    assert kbt["former_names"] == "ENCAMS" and kbt["actions"] == "4"


def test_kumu_blueprint(exports, index_data):
    blueprint = json.loads((exports / "kumu.json").read_text())
    labels = [e["label"] for e in blueprint["elements"]]
    assert len(labels) == len(set(labels))
    for connection in blueprint["connections"]:
        assert connection["from"] in labels and connection["to"] in labels
    partners = {o for a in index_data["actions"] for o in partner_ids(index_data, a)}
    assert sum(1 for e in blueprint["elements"] if e["type"] == "Organisation") == len(partners)
    assert sum(1 for e in blueprint["elements"] if e["type"] == "Action") == 132


def test_360giving_records_validate(exports):
    data = json.loads((exports / "360giving.json").read_text())
    jsonschema.validate(data, GRANT_SCHEMA)
    by_recipient = {g["recipientOrganization"][0]["name"]: g for g in data["grants"]}
    kbt = by_recipient["Keep Britain Tidy"]
    assert kbt["amountAwarded"] == 4_750_000 and kbt["fundingOrganization"][0]["name"].startswith("Department for Environment")
    assert kbt["description"] == "Grant to Keep Britain Tidy for 2010/11 confirmed at £4.75m."
    # Every counted sum with a known funder and recipient, once per recipient: 7, plus the £4m Defra gives the
    # Every Action Counts consortium (case study 2-1), the £60k Defra won from OTS's programme (4.3) and 2.25's
    # £10m to the Rural Communities Action Network (the registry knows it as a body as well as a programme).
    # (2.18's "£45,000" to each of the RCCPs is not a grant record: the text does not say how many.)
    assert len(data["grants"]) == 9
    assert by_recipient["Rural Communities Action Network"]["amountAwarded"] == 10_000_000


def test_ontology_documentation(exports):
    page = (exports / "ontology.html").read_text()
    assert "<h2>Classes" in page and "ts:Action" in page and "ts:involves" in page
    assert "A numbered commitment of the 2008 strategy" in page


def test_export_command(exports, tmp_path):
    result = CliRunner().invoke(cli, ["--exports", str(exports), "export", "--format", "gexf", "--format", "turtle", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(tmp_path / "graph.ttl"), str(tmp_path / "graph.gexf")]
    assert (tmp_path / "graph.ttl").read_bytes() == (exports / "graph.ttl").read_bytes()
    result = CliRunner().invoke(cli, ["--exports", str(exports), "export", "--format", "pdf"])
    assert result.exit_code == 2
