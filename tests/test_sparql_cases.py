"""Every library query against a tiny hand-written graph with a hand-written answer.

Each folder of tests/sparql/ (see its README) holds an input graph, the parameters and the
expected rows. The runner loads the input into Oxigraph, binds the parameters through
graph.query.bind_parameters with a resolver made from the input's own labels, runs the query as
`tsgraph query` does, and prints a diff of expected and actual rows when they differ.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pyoxigraph
import pytest

from graph.errors import UnknownNameError
from graph.query import bind_parameters, library, run_local
from graph.vocab import ID as ID_BASE
from graph.registry import name_key

CASES = Path(__file__).resolve().parent / "sparql"
QUERIES = {q.name: q for q in library()}
LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ts: <https://w3id.org/tsgraph/ontology#>
SELECT ?entity ?name WHERE { ?entity skos:prefLabel|skos:altLabel|ts:acronym|ts:formerName ?name }"""


class LabelResolver:
    """Names resolve to the nodes whose labels in the input graph carry them (compared as the
    registry compares names); actions and chapters are taken as given."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.names: dict[tuple[str, str], str] = {}
        for solution in store.query(LABELS):
            iri = solution["entity"].value
            if iri.startswith(ID_BASE) and iri.count("/") == ID_BASE.count("/") + 1:
                kind, entity_id = iri[len(ID_BASE):].split("/")
                self.names[(kind, name_key(solution["name"].value))] = entity_id

    def entity_id(self, given: str, entity_type: str) -> str:
        try:
            return self.names[(entity_type, name_key(given))]
        except KeyError:
            raise UnknownNameError(entity_type, given, []) from None

    def check_action(self, action_id: str) -> str:
        return action_id

    def check_chapter(self, chapter: int) -> int:
        return chapter


def load(case: Path, folder: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store(str(folder))
    store.load(path=str(case / "input.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    store.flush()
    return store


def as_lines(columns: list[str], rows: list[list]) -> list[str]:
    return [json.dumps(columns, ensure_ascii=False)] + [json.dumps(row, ensure_ascii=False) for row in rows]


def test_every_library_query_has_a_hand_written_case():
    assert sorted(p.name for p in CASES.iterdir() if p.is_dir()) == sorted(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_answers_its_hand_written_case(name, tmp_path):
    case = CASES / name
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    params_file = case / "params.json"
    params = json.loads(params_file.read_text(encoding="utf-8")) if params_file.exists() else {}
    store = load(case, tmp_path / "store")
    text = bind_parameters(QUERIES[name], params, LabelResolver(store))
    del store  # run_local opens the store read-only, as `tsgraph query` does
    result = run_local(tmp_path / "store", text, timeout=None, limit=None)
    actual = {"columns": result.columns, "rows": [list(row) for row in result.as_tuples()]}
    if actual != expected:
        diff = difflib.unified_diff(as_lines(expected["columns"], expected["rows"]),
                                    as_lines(actual["columns"], actual["rows"]),
                                    "expected.json", "answer", lineterm="")
        pytest.fail(f"{name} answers differently from tests/sparql/{name}/expected.json:\n" + "\n".join(diff))

