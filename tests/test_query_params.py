"""Query parameters bound in one pass as typed RDF terms: no value can break out of its term,
be scanned again, or touch a `$name` inside a comment, string or IRI of the query."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pyoxigraph
import pytest
from click.testing import CliRunner

from cli import cli

from graph.errors import InvalidValueError
from graph.query import find_query
from graph.query_params import bind_parameters, parameter_term, sparql_string, substitute
from graph.vocab import ID, node_iri, node_term

HOSTILE = [
    'plain', 'a "quoted" word', "it's", 'back\\slash', '\\', '"', '\\"', '"} ; DROP ALL ; #',
    '") } INSERT DATA { <urn:a> <urn:b> <urn:c> } #', "line\nbreak", "cr\rlf", "tab\there", "sep\u2028ara\u2029tor",
    "nel\x85", "\x00nul", "\x1c\x1d\x1e\x0b\x0c", "$other", "$b and $a", "> <urn:x> ", "é ü 日本", "#not a comment",
    "'''", '"""', "<http://example.org/>", "?x", "",
]


class Table:
    """A name resolver that takes every name as its own id: the binder's side of the contract."""

    def entity_id(self, given: str, entity_type: str) -> str:
        return given

    def check_action(self, action_id: str) -> str:
        return action_id

    def check_chapter(self, chapter: int) -> int:
        return chapter


def user_query(tmp_path: Path, header: str, body: str) -> object:
    path = tmp_path / "mine.rq"
    path.write_text(f"# title: Mine\n{header}\n{body}\n", encoding="utf-8")
    return find_query(str(path))


def answer(sparql: str) -> list[tuple]:
    solutions = pyoxigraph.Store().query(sparql)
    return [tuple(solution[v] for v in solutions.variables) for solution in solutions]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_text_value_is_one_literal_whatever_it_holds(value):
    term = sparql_string(value)
    assert "\n" not in term and "\r" not in term and "\u2028" not in term and "\x85" not in term
    assert answer(f"SELECT ?v WHERE {{ BIND({term} AS ?v) }}") == [(pyoxigraph.Literal(value),)]


def test_two_text_parameters_cannot_close_each_others_literals(tmp_path):
    query = user_query(tmp_path, "# param: a text  First\n# param: b text  Second",
                       "SELECT ?x ?y WHERE { BIND($a AS ?x) BIND($b AS ?y) }")
    for a in HOSTILE:
        for b in ('"', '\\', '") } #', "$a", "\n"):
            text = bind_parameters(query, {"a": a, "b": b})
            assert answer(text) == [(pyoxigraph.Literal(a), pyoxigraph.Literal(b))], (a, b)


@pytest.mark.parametrize("kind", ["organisation", "programme", "person", "action"])
@pytest.mark.parametrize("value", HOSTILE)
def test_an_iri_value_is_one_iri_whatever_the_id_holds(tmp_path, kind, value):
    term = parameter_term(kind, value, Table())
    assert term == node_term(kind, value) == f"<{node_iri(kind, value)}>"
    assert answer(f"SELECT ?v WHERE {{ BIND({term} AS ?v) }}") == [(pyoxigraph.NamedNode(node_iri(kind, value)),)]
    assert unquote(node_iri(kind, value)[len(ID):]) == f"{kind}/{value}"


@pytest.mark.parametrize("value", ["3", "03", "11"])
def test_a_chapter_is_ascii_digits(value):
    assert parameter_term("chapter", value, Table()) == f"<{ID}chapter/{int(value)}>"


@pytest.mark.parametrize("value", ["²", "٣", "３", "3.0", "-1", " 3", "3 ", "", "1" * 5, "x"])
def test_a_chapter_in_other_characters_is_a_usage_error(value):
    with pytest.raises(InvalidValueError) as caught:
        parameter_term("chapter", value, Table())
    assert str(caught.value) == f"unknown chapter {value!r}; valid values: a chapter number in digits 0-9, e.g. 2"


@pytest.mark.parametrize("value", ['1.1> <urn:x', "3.3 ", "1.1\n", "$org", "\u0661.\u0661"])
def test_an_action_without_an_index_must_have_an_action_ids_shape(value):
    with pytest.raises(InvalidValueError):
        parameter_term("action", value, None)


def test_placeholders_in_comments_strings_and_iris_stay_as_written():
    text = ('# uses $org\nSELECT ?x WHERE { ?x <http://example.org/$org> "$org" ; <urn:p> $org , $organisation , ?org .\n'
            "  FILTER (?x != $org) } # $org")
    bound = substitute(text, {"org": "<urn:ORG>"})
    assert bound == ('# uses $org\nSELECT ?x WHERE { ?x <http://example.org/$org> "$org" ; <urn:p> <urn:ORG> , '
                     '$organisation , ?org .\n  FILTER (?x != <urn:ORG>) } # $org')


def test_a_value_is_never_scanned_again(tmp_path):
    query = user_query(tmp_path, "# param: a text  First\n# param: b text  Second",
                       "SELECT ?x ?y WHERE { BIND($a AS ?x) BIND($b AS ?y) }")
    text = bind_parameters(query, {"a": "$b", "b": "$a"})
    assert 'BIND("$b" AS ?x) BIND("$a" AS ?y)' in text


@pytest.fixture(scope="module")
def cli_run(exports):
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, ["--exports", str(exports), *args], prog_name="tsgraph")


@pytest.mark.parametrize("value", ['"} ; DROP ALL ; #', '") ) } INSERT DATA { <urn:a> <urn:b> <urn:c> } #', "x\\", "a\nb"])
def test_a_hostile_text_parameter_is_searched_for_as_text(cli_run, value):
    result = cli_run("query", "text-search", "--param", f"words={value}", "--json")
    assert (result.exit_code, result.output) == (0, "[]\n")


def test_a_text_parameter_with_quotes_finds_what_it_says(cli_run):
    plain = cli_run("query", "text-search", "--param", "words=payroll giving", "--json")
    quoted = cli_run("query", "text-search", "--param", "words=PAYROLL GIVING", "--json")
    assert plain.exit_code == 0 and plain.output == quoted.output and len(plain.output) > 100


@pytest.mark.parametrize("value", ['"} ; DROP ALL ; #', "WRAP> <urn:x", "$org"])
def test_a_hostile_name_is_an_unknown_name(cli_run, value):
    result = cli_run("query", "actions-of-organisation", "--param", f"org={value}")
    assert result.exit_code == 1 and result.output.startswith(f"Error: unknown organisation {value!r}")


def test_a_chapter_in_superscript_digits_is_a_usage_error_in_one_line(cli_run, tmp_path):
    path = tmp_path / "chapter.rq"
    path.write_text("# title: Chapter\n# param: ch chapter  A chapter\nASK { $ch ?p ?o }\n", encoding="utf-8")
    result = cli_run("query", str(path), "--param", "ch=²")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: unknown chapter '²'; valid values: a chapter number in digits 0-9, e.g. 2")
    assert cli_run("query", str(path), "--param", "ch=2").output == "true\n"
