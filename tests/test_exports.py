"""The exports as a whole: the `tsgraph export` command, the Kumu blueprint, the published
documents' addresses, and the ontology (its pyLODE documentation, and every term the graph uses
declared). Each format's own validator runs in test_export_giving, _network, _tables and _jsonld."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from cli import cli
from graph.export import FORMATS, ON_REQUEST, WRITERS
from graph.export.kumu import blueprint
from graph.export.ontology_html import generate, is_current, kept_html_path, ontology_path
from graph.vocab import TS, node_iri

REPO = Path(__file__).resolve().parent.parent
OA = "http://www.w3.org/ns/oa#"


def test_every_format_has_a_writer():
    assert set(FORMATS) | set(ON_REQUEST) == set(WRITERS)


def test_export_command(exports, tmp_path):
    run = lambda *args: CliRunner().invoke(cli, ["--exports", str(exports), "export", *args])  # noqa: E731
    result = run("--format", "gexf", "--format", "turtle", "--format", "jsonld", "--output", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(tmp_path / "graph.ttl"), str(tmp_path / "graph.jsonld"), str(tmp_path / "graph.gexf")]
    for name in ("graph.ttl", "graph.gexf", "context.jsonld", "actions/3.3.jsonld"):
        assert (tmp_path / name).read_bytes() == (exports / name).read_bytes(), name
    assert run("--format", "pdf").exit_code == 2


def test_the_spreadsheet_is_written_on_request_and_says_what_it_needs(exports, tmp_path, monkeypatch):
    run = lambda: CliRunner().invoke(cli, ["--exports", str(exports), "export", "--format", "360giving-xlsx",  # noqa: E731
                                           "--output", str(tmp_path)])
    result = run()
    assert result.exit_code == 0 and result.output == f"{tmp_path / '360giving.xlsx'}\n"
    assert not (exports / "360giving.xlsx").exists()  # the build does not write it
    monkeypatch.setitem(sys.modules, "flattentool", None)  # as if the sheets extra were not installed
    result = run()
    assert result.exit_code == 1
    assert result.output == "Error: the 360giving-xlsx export needs flattentool: pip install -e '.[sheets]'\n"


def test_the_manifest_gives_only_addresses_the_documents_state():
    manifest = json.loads((REPO / "data" / "sources.json").read_text())["sources"]
    for source in manifest:
        text = (REPO / "data" / source["file"]).read_text(encoding="utf-8")
        if "url" in source:
            assert f"<{source['url']}>" in text or source["url"] in text, source["id"]
    assert {s["id"] for s in manifest if "url" in s} == {"strategy-2008"}  # the 2009 report states none


def test_the_index_carries_the_document_addresses(index_data):
    assert {s["id"]: s.get("url") for s in index_data["sources"]} == {
        "strategy-2008": "http://www.defra.gov.uk/corporate/how-do-we-work/third-sector/strategy/index.htm",
        "one-year-on-2009": None}


@pytest.fixture(scope="module")
def kumu(exports) -> dict:
    return json.loads((exports / "kumu.json").read_text(encoding="utf-8"))


def test_kumu_ids_are_stable_and_every_connection_lands(kumu, exports, index_data):
    ids = [e["id"] for e in kumu["elements"]]
    assert len(ids) == len(set(ids)) and node_iri("action", "3.3") in ids
    connection_ids = [c["id"] for c in kumu["connections"]]
    assert len(connection_ids) == len(set(connection_ids))
    assert all(c["from"] in ids and c["to"] in ids for c in kumu["connections"])
    assert blueprint(index_data) == kumu  # the same index gives the same ids: a re-import updates


def test_kumu_holds_partners_programmes_money_and_status_history(kumu, index_data):
    types = {}
    for element in kumu["elements"]:
        types[element["type"]] = types.get(element["type"], 0) + 1
    partners = {o for a in index_data["actions"] for o in a["partners"]}
    assert types["Action"] == 132 and types["Strategic objective"] == 11 and types["Money"] == len(index_data["money"])
    assert types["Programme"] >= 1
    wrap = node_iri("organisation", "wrap")
    into_wrap = sorted(c["from"] for c in kumu["connections"] if c["to"] == wrap and c["type"] == "partner")
    assert into_wrap == [node_iri("action", a) for a in ("10.5", "3.3", "4.4", "8.1")]
    assert node_iri("organisation", "defra") not in {c["to"] for c in kumu["connections"] if c["type"] == "partner"}
    assert partners <= {e["id"].rsplit("/", 1)[-1] for e in kumu["elements"] if e["type"] == "Organisation"}
    action = next(e for e in kumu["elements"] if e["id"] == node_iri("action", "1.1"))
    assert action["status"] == "no-progress" and action["status history"][0].startswith("2009-11 (one-year-on-2009): no-progress")
    money = node_iri("money", next(m["id"] for m in index_data["money"] if m["subject"] == "3.3" and m["context"] == "action"))
    received = sorted(c["to"] for c in kumu["connections"] if c["from"] == money and c["type"] == "received by")
    assert received == [node_iri("organisation", "realliance"), node_iri("organisation", "wrap")]


def test_kumu_links_to_the_source(index_data):
    published = blueprint(index_data)
    action = next(e for e in published["elements"] if e["id"] == node_iri("action", "3.3"))
    assert action["source"] == "strategy-2008:88039-88290"
    assert action["source url"] == "http://www.defra.gov.uk/corporate/how-do-we-work/third-sector/strategy/index.htm"
    kbt = next(m for m in index_data["money"] if m["recipients"] == ["keep-britain-tidy"])
    report_money = next(e for e in published["elements"] if e["id"] == node_iri("money", kbt["id"]))
    assert report_money["source"].startswith("one-year-on-2009:") and "source url" not in report_money


def standard_vocabularies() -> dict:
    """Namespace -> rdflib's list of its terms, where rdflib has one (imported here: pytest inspects
    module-level names, and rdflib's schema.org namespace warns when asked for unknown ones)."""
    from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDFS, SDO, SKOS, XSD

    return {str(n): n for n in (DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, SDO)} | {OA: None}


def terms_of(namespace) -> set[str]:
    return set(getattr(namespace, "__annotations__", {})) | set(getattr(namespace, "_extras", []))


def test_every_term_the_graph_uses_is_declared(exports):
    ontology = Graph().parse(ontology_path())
    declared = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
                for s in ontology.subjects(RDF.type, kind)}
    used = set()
    for line in (exports / "graph.nt").read_text(encoding="utf-8").splitlines():
        subject, predicate, rest = line.split(" ", 2)
        used.add(predicate[1:-1])
        if predicate == f"<{RDF.type}>":
            used.add(rest.rsplit(" ", 1)[0][1:-1])
    undeclared = []
    standard = standard_vocabularies()
    for term in sorted(used):
        if term.startswith(TS):
            ok = URIRef(term) in declared
        else:
            namespace = next((n for n in standard if term.startswith(n)), None)
            # A standard term must exist in its vocabulary, where rdflib lists the vocabulary's terms.
            ok = namespace is not None and (standard[namespace] is None or term[len(namespace):] in terms_of(standard[namespace]))
        if not ok:
            undeclared.append(term)
    assert undeclared == []


def test_the_ontology_documentation_is_pylodes_and_current(exports):
    assert is_current(), "ontology/tsgraph.html is stale: run `python -m graph.export.ontology_html`"
    page = (exports / "ontology.html").read_text(encoding="utf-8")
    assert page == kept_html_path().read_text(encoding="utf-8")
    assert re.search(r"generated by pyLODE [\d.]+ from tsgraph\.ttl", page) and "<h2>Classes</h2>" in page
    assert "A numbered commitment of the 2008 strategy" in page  # ts:Action's definition


def test_the_ontology_documentation_regenerates_identically():
    # pyLODE run afresh (in a child process with a fixed hash seed) gives the kept page byte for byte.
    assert generate() == kept_html_path().read_text(encoding="utf-8")


def test_a_lookup_imports_no_export_machinery():
    code = ("import sys, cli; from graph import tabular, export; "
            "print(sorted(m for m in ('pyld', 'pylode', 'flattentool', 'frictionless', 'igraph', 'networkx', 'rdflib') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"
