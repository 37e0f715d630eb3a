"""An organisation id with a character outside ASCII (``rspb-é``) gives one IRI everywhere: the
graph, the lookup index, the query binder and the endpoint queries find the same actions.

The registry's one id rule allows lower-case letters of any script, so this builds from a copy of
data/ checked against the bundled schemas, as a curator's registry would be."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st
from click.testing import CliRunner

from cli import cli
from graph.build import build
from graph.resources import data_dir
from graph.vocab import node_iri, node_term
from servers import oxigraph

ACCENTED = "rspb-é"


@pytest.fixture(scope="module")
def accented_exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("accented")
    data = root / "data"
    shutil.copytree(data_dir(), data, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    registry = data / "organisations.json"
    text = registry.read_text(encoding="utf-8")
    assert text.count('"id": "rspb"') == 1
    registry.write_text(text.replace('"id": "rspb"', f'"id": "{ACCENTED}"'), encoding="utf-8")
    build(root / "exports", data, maps=False)
    return root / "exports"


def ids(output: str, key: str) -> list[str]:
    return [row[key] for row in json.loads(output)]


def run(exports, *args: str):
    result = CliRunner().invoke(cli, ["--exports", str(exports), *args], prog_name="tsgraph")
    assert result.exit_code == 0, result.output
    return result.output


def test_the_graph_and_the_index_carry_the_accented_id(accented_exports):
    index = json.loads((accented_exports / "index.json").read_text(encoding="utf-8"))
    assert ACCENTED in index["entities"]
    ntriples = (accented_exports / "graph.nt").read_text(encoding="utf-8")
    assert node_term("organisation", ACCENTED) == "<https://w3id.org/tsgraph/id/organisation/rspb-%C3%A9>"
    assert node_term("organisation", ACCENTED) in ntriples
    assert not re.search(r"organisation/rspb-é", ntriples)


@pytest.mark.parametrize("name", ["graph.nt", "graph.jsonld", "kumu.json", "graph.gexf", "graph.graphml"])
def test_every_export_writes_the_one_iri(accented_exports, name):
    text = (accented_exports / name).read_text(encoding="utf-8")
    assert "organisation/rspb-%C3%A9" in text
    assert "organisation/rspb-é" not in text


def test_turtle_names_the_same_nodes_as_ntriples(accented_exports):
    import pyoxigraph

    def organisations(name: str, form) -> set[str]:
        with (accented_exports / name).open("rb") as handle:
            return {t.subject.value for t in pyoxigraph.parse(handle, form) if "/organisation/rspb" in t.subject.value}

    found = organisations("graph.ttl", pyoxigraph.RdfFormat.TURTLE)
    assert found == organisations("graph.nt", pyoxigraph.RdfFormat.N_TRIPLES) == {node_term("organisation", ACCENTED)[1:-1]}


def test_the_explorer_page_sits_at_the_iris_path():
    from graph.explore.model import iri_path

    assert iri_path("organisation", ACCENTED) == "id/organisation/rspb-%C3%A9.html"
    assert node_term("organisation", ACCENTED)[1:-1].endswith(iri_path("organisation", ACCENTED)[len("id"):-len(".html")])


def test_the_lookup_and_the_query_find_the_same_actions(accented_exports):
    by_lookup = ids(run(accented_exports, "actions", "--org", "RSPB", "--json"), "id")
    by_query = ids(run(accented_exports, "query", "actions-of-organisation", "--param", "org=RSPB", "--json"), "action")
    assert len(by_lookup) >= 5
    assert by_query == by_lookup


@pytest.mark.server
def test_the_endpoint_finds_the_same_actions(accented_exports):
    with oxigraph("serve-read-only", accented_exports / "store") as base:
        endpoint = base + "/query"
        by_lookup = ids(run(accented_exports, "actions", "--org", "RSPB", "--json"), "id")
        remote_lookup = ids(run(accented_exports, "actions", "--org", "RSPB", "--json", "--endpoint", endpoint), "id")
        remote_query = ids(run(accented_exports, "query", "actions-of-organisation", "--param", "org=RSPB", "--json",
                               "--endpoint", endpoint), "action")
        assert remote_lookup == remote_query == by_lookup


@given(st.text())
def test_a_node_iri_part_is_its_percent_encoding(part):
    """The shortcut for parts that need no encoding gives exactly what encoding would."""
    from urllib.parse import quote

    assert node_iri("organisation", part) == "https://w3id.org/tsgraph/id/organisation/" + quote(part, safe="-._~")
