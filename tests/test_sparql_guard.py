"""graph.sparql_guard: updates and SERVICE refused as keywords, never as text in comments,
strings, IRIs, variables or prefixed names."""

from __future__ import annotations

import pytest

from graph.errors import TsgraphError
from graph.query import library
from graph.sparql_guard import ServiceRefusedError, UpdateRefusedError, check_query, keywords


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE<http://x/>{?a ?b ?c}\n}",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<2)SERVICE<http://x/>{?a ?b ?c} }",
    'SELECT * WHERE { ?s ?p "a\\"" SERVICE <http://x/> { ?a ?b ?c } }',
    "SELECT * WHERE { ?s ?p '''it's''' SERVICE <http://x/> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p \\u0022x\\u0022 SERVICE <http://x/> { ?a ?b ?c } }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p true-SERVICE <http://x/> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <http://x/> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p 3SERVICE <http://x/> { ?a ?b ?c } }",
    "PREFIX ex: <urn:x:>\nSELECT * WHERE { ?s ?p ex:a\\# .\n SERVICE <http://x/> { ?a ?b ?c } }",
    "PREFIX ex: <urn:x:>\nSELECT * WHERE { ?s ?p ex:a\\' . SERVICE <http://x/> { ?a ?b ?c } }",
])
def test_service_is_refused_where_it_is_a_keyword(text):
    with pytest.raises(ServiceRefusedError) as refused:
        check_query(text)
    assert isinstance(refused.value, TsgraphError)
    assert str(refused.value).startswith("SERVICE (line ") and str(refused.value).endswith(
        ") is refused: federated queries are off")
    check_query(text, allow_service=True)  # allowed explicitly: not refused


def test_the_refusal_names_the_line():
    with pytest.raises(ServiceRefusedError, match=r"^SERVICE \(line 3\) is refused: federated queries are off$"):
        check_query("PREFIX ex: <http://example.org/>\nSELECT * WHERE {\n  service <http://x/> { ?s ?p ?o } }")


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service ?p ?o }",
    "SELECT $service WHERE { $service ?p ?o }",
    "PREFIX service: <http://example.org/service#>\nSELECT * WHERE { ?s service:endpoint ?o }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:SERVICE ?o . ?o ex:delete ?x }",
    "PREFIX : <http://example.org/>\nSELECT * WHERE { ?s :service ?o . ?o :insert _:load }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE/DELETE> ?o }",
    "SELECT * WHERE { ?s ?p \"SERVICE <http://x/> { ?a ?b ?c }\" }",
    "SELECT * WHERE { ?s ?p 'INSERT DATA { <a:a> <a:b> <a:c> }' }",
    'SELECT * WHERE { ?s ?p """multi\nline SERVICE <http://x/> {}\nDROP ALL""" }',
    "SELECT * WHERE { ?s ?p '''multi\nline ' SERVICE '' DELETE''' }",
    "# SERVICE <http://x/> { } and DELETE WHERE\nSELECT * WHERE { ?s ?p ?o } # DROP ALL",
    'SELECT * WHERE { ?s ?p "service"@service }',
    "SELECT (COUNT(*) AS ?add) WHERE { ?s ?p ?o FILTER(?o < 3 && ?p > 2) }",
    "SELECT ?0service WHERE { ?0service ?p ?o }",
    "PREFIX my-prefix.v2: <urn:x:>\nSELECT * WHERE { ?s my-prefix.v2:drop ?o . ?o a _:load }",
])
def test_words_that_are_not_keywords_pass(text):
    check_query(text)


@pytest.mark.parametrize(("text", "word"), [
    ("INSERT DATA { <a:a> <a:b> <a:c> }", "INSERT"),
    ("PREFIX ex: <http://example.org/>\ndelete where { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"), ("DROP GRAPH <a:g>", "DROP"), ("CREATE GRAPH <a:g>", "CREATE"),
    ("COPY DEFAULT TO <a:g>", "COPY"), ("MOVE DEFAULT TO <a:g>", "MOVE"), ("ADD DEFAULT TO <a:g>", "ADD"),
    ("# a comment\nWITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE"),
])
def test_updates_are_refused_as_read_only(text, word):
    line = text[: text.upper().index(word)].count("\n") + 1
    with pytest.raises(UpdateRefusedError) as refused:
        check_query(text, allow_service=True)
    assert str(refused.value) == f"read-only: SPARQL UPDATE ({word} on line {line}) is refused"


def test_the_query_library_passes():
    for query in library():
        check_query(query.text)


def test_keywords_skip_what_is_not_a_keyword():
    assert keywords('SELECT ?x # WHERE\nWHERE { ?x <a:SERVICE> "DROP" . ?x ex:ADD _:b }') == [("SELECT", 1), ("WHERE", 2)]

