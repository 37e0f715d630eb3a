"""The query library on the real graph: the answers agree with values computed independently
from the parsed documents, and match the reviewed snapshots in tests/expected/.

A snapshot records what a query answered when its file was last reviewed; it catches a change,
it does not prove the answer right (tests/sparql/ and the tests below do that). After an intended
change, `python -m pytest tests/test_query.py --update-snapshots` rewrites the snapshots and
prints each diff; review the diff (`git diff tests/expected`) before committing it."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from graph.lookup import load_index
from graph.query import bind_parameters, library, run_local
from graph.resolve import involvement
from helpers import defra_family
from query_cases import PARAMS

EXPECTED = Path(__file__).resolve().parent / "expected"
QUERIES = library()


def run(exports, name: str, **params) -> list[tuple]:
    query = next(q for q in QUERIES if q.name == name)
    text = bind_parameters(query, params or PARAMS.get(name, {}), load_index(exports))
    return run_local(exports / "store", text, limit=None).as_tuples()


def test_the_library_has_at_least_15_documented_queries():
    assert len(QUERIES) >= 15
    for query in QUERIES:
        assert query.title and query.description, query.name
        assert (EXPECTED / f"{query.name}.json").exists(), f"no snapshot for {query.name}: run with --update-snapshots"


def snapshot(query, params: dict, result) -> str:
    """A query's answer as its snapshot file holds it: one row a line, so a diff reads well."""
    head = {"query": query.name, "params": params, "columns": result.columns}
    rows = ",\n".join(" " + json.dumps(list(row), ensure_ascii=False) for row in result.as_tuples())
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [\n' + rows + "\n]}\n"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_library_query_matches_its_reviewed_snapshot(exports, query, update_snapshots, capsys):
    path = EXPECTED / f"{query.name}.json"
    params = PARAMS.get(query.name, {})
    result = run_local(exports / "store", bind_parameters(query, params, load_index(exports)), limit=None)
    answer = snapshot(query, params, result)
    recorded = path.read_text(encoding="utf-8") if path.exists() else ""
    diff = "".join(difflib.unified_diff(recorded.splitlines(True), answer.splitlines(True),
                                        f"tests/expected/{path.name}", "answer"))
    if update_snapshots:
        if diff:
            path.write_text(answer, encoding="utf-8")
            with capsys.disabled():
                print(f"\nrewrote tests/expected/{path.name}; review:\n{diff}")
        return
    assert not diff, (f"{query.name} answers differently from its reviewed snapshot:\n{diff}\n"
                      "If the change is intended: python -m pytest tests/test_query.py --update-snapshots, "
                      "then review git diff tests/expected")


def test_actions_of_organisation_agrees_with_the_text(exports, corpus):
    rows = run(exports, "actions-of-organisation", org="Waste Resources Action Programme")
    assert [r[0] for r in rows] == ["3.3", "4.4", "8.1", "10.5"]
    for name in ("ENCAMS", "Keep Britain Tidy"):
        assert [r[0] for r in run(exports, "actions-of-organisation", org=name)] == ["1.14", "2.10", "2.22", "3.4"]


def test_partners_by_objective_agrees_with_the_mentions(exports, corpus):
    expected = Counter()
    chapter_of = {a.id: a.chapter for a in corpus.actions}
    for org, actions in involvement(corpus).items():
        if org in defra_family(corpus):
            continue
        for action_id in actions:
            expected[(chapter_of[action_id], corpus.registry.entities[org].name)] += 1
    rows = run(exports, "partners-by-objective")
    assert {(int(c), o): int(n) for c, _, o, n in rows} == dict(expected)


def test_status_by_chapter_agrees_with_the_report(exports, corpus):
    expected = Counter((next(a.chapter for a in corpus.actions if a.id == e.action_id), e.status.status) for e in corpus.progress)
    assert {(int(c), s): int(n) for c, s, n in run(exports, "status-by-chapter")} == dict(expected)


def test_restatement_changes_and_cross_references_agree(exports, corpus):
    changed = {e.action_id for e in corpus.progress if e.differs}
    assert {r[0] for r in run(exports, "restatement-changes")} == changed
    xrefs = {(x.source_action, x.target_action) for x in corpus.cross_references}
    assert {(f, t) for f, t, _ in run(exports, "cross-references")} == xrefs


def test_actions_without_partners_agree(exports, corpus):
    partnered = {a for org, actions in involvement(corpus).items() if org not in defra_family(corpus) for a in actions}
    assert {r[0] for r in run(exports, "actions-without-partners")} == {a.id for a in corpus.actions} - partnered


def test_unresolved_names_agree(exports, corpus):
    assert [(n, int(c)) for n, c in run(exports, "unresolved-names")] == [(c.name, len(c.spans)) for c in corpus.candidates]


def test_source_of_link_quotes_the_source_and_its_sentence(exports, corpus):
    rows = run(exports, "source-of-link", org="ENCAMS", action="2.22")
    assert rows
    for _context, document, start, end, quote, sentence in rows:
        text = corpus.documents[document].text
        assert text[int(start):int(end)] == quote
        around = text.find(sentence, max(0, int(end) - len(sentence)))  # the sentence holds the words where they stand
        assert 0 <= around <= int(start) and int(end) <= around + len(sentence)


@pytest.fixture(scope="module")
def cli_run(exports):
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--exports", str(exports), *args], input=input)

    return invoke


def test_query_list(cli_run):
    rows = json.loads(cli_run("query", "--list").output)
    assert [r["name"] for r in rows] == [q.name for q in QUERIES]
    assert rows[0] == {"name": "actions-of-organisation", "title": "Actions involving an organisation",
                       "params": ["org (organisation)"], "description": QUERIES[0].description}


def test_query_with_a_parameter_from_the_cli(cli_run):
    result = cli_run("query", "actions-of-organisation", "--param", "org=wrap", "--csv")
    assert result.exit_code == 0
    assert [line.split(",")[0] for line in result.output.splitlines()] == ["action", "3.3", "4.4", "8.1", "10.5"]


def test_query_from_stdin_and_from_a_file(cli_run, tmp_path):
    result = cli_run("query", "-", "--json", input="PREFIX ts: <https://w3id.org/tsgraph/ontology#>\nSELECT (COUNT(?a) AS ?n) WHERE { ?a a ts:Action }")
    assert json.loads(result.output) == [{"n": "132"}]
    path = tmp_path / "ask.rq"
    path.write_text("# title: ask\nASK { ?s ?p ?o }\n")
    assert cli_run("query", str(path)).output == "true\n"


def test_syntax_error_reports_line_and_column(cli_run):
    result = cli_run("query", "-", input="SELECT ?x WHERE {\n  ?x ?y\n}")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error at line 3, column ")


def test_a_query_that_runs_too_long_is_stopped(cli_run):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = cli_run("query", "-", "--timeout", "0.5", input=heavy)
    assert result.exit_code == 1
    assert result.output == "Error: query stopped after 0.5 s (raise --timeout to allow longer)\n"


def test_results_are_limited_by_default(cli_run):
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    limited = cli_run("query", "-", "--limit", "5", "--json", input=query)
    assert len(json.loads(limited.stdout)) == 5
    assert "(showing the first 5 rows; --no-limit shows all)" in limited.stderr
    everything = cli_run("query", "-", "--no-limit", "--json", input=query)
    assert len(json.loads(everything.stdout)) > 30000


def test_bad_parameters(cli_run):
    result = cli_run("query", "actions-of-organisation")
    assert result.exit_code == 2 and "needs --param org=..." in result.output
    result = cli_run("query", "actions-of-organisation", "--param", "org=Wrapp")
    assert result.exit_code == 1 and "did you mean" in result.output
    result = cli_run("query", "actions-of-organisation", "--param", "organisation")
    assert result.exit_code == 2
    result = cli_run("query", "no-such-query")
    assert result.exit_code == 1 and result.output.startswith("Error: unknown query 'no-such-query'")
