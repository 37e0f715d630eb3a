"""graph.sparql_guard: updates and SERVICE refused by keyword, where a SPARQL parser sees a keyword,
and nowhere else (comments, strings, IRIs, variables, prefixed names, language tags)."""

from __future__ import annotations

import pytest

from graph.errors import QueryError, TsgraphError, UsageError
from graph.sparql_guard import READ_ONLY, UPDATE_KEYWORDS, QueryRefused, ServiceRefused, check_query, query_form, tokens

SERVICE_REFUSED = ("SERVICE is refused (line {}): a federated query makes the engine send requests to other servers; "
                   "pass --allow-service to allow it")


def refusal(text: str, **options) -> str:
    with pytest.raises(QueryRefused) as caught:
        check_query(text, **options)
    return str(caught.value)


def test_the_refusal_is_a_one_line_usage_error_of_tsgraph():
    assert issubclass(QueryRefused, TsgraphError) and issubclass(QueryRefused, QueryError)
    assert issubclass(QueryRefused, UsageError)
    assert READ_ONLY == "tsgraph is read-only: SPARQL updates (INSERT/DELETE/LOAD/CLEAR/CREATE/DROP/ADD/MOVE/COPY) are refused"


@pytest.mark.parametrize("update,keyword", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("delete data { <urn:a> <urn:b> <urn:c> }", "DELETE"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://127.0.0.1:1/x.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("Create Graph <urn:g>", "CREATE"),
    ("DROP SILENT GRAPH <urn:g>", "DROP"),
    ("ADD <urn:a> TO <urn:b>", "ADD"),
    ("MOVE DEFAULT TO <urn:b>", "MOVE"),
    ("COPY <urn:a> TO DEFAULT", "COPY"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("PREFIX ex: <http://example.org/>\nBASE <http://example.org/>\n\nINSERT DATA { ex:a ex:b ex:c }", "INSERT"),
])
def test_every_update_form_is_refused_as_read_only(update, keyword):
    line = update[:update.upper().index(keyword)].count("\n") + 1
    assert refusal(update) == f"{READ_ONLY} ({keyword} at line {line})"
    assert query_form(update) == keyword


def test_an_update_after_a_query_is_refused_too():
    text = "SELECT * WHERE { ?s ?p ?o }\n;\ninsert data { <urn:a> <urn:b> <urn:c> }"
    assert query_form(text) == "SELECT"
    assert refusal(text) == f"{READ_ONLY} (INSERT at line 3)"


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:1/q> } SERVICE ?e { ?s ?p ?o } }",
])
def test_service_is_refused_unless_allowed(text):
    assert refusal(text) == SERVICE_REFUSED.format(1)
    check_query(text, allow_service=True)


def test_the_refusal_names_the_line_of_the_keyword():
    text = "PREFIX ex: <http://example.org/>\nSELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o }\n}"
    assert refusal(text) == SERVICE_REFUSED.format(4)


@pytest.mark.parametrize("text", [
    # comments, strings of every quoting, IRIs
    "SELECT * WHERE { ?s ?p ?o } # INSERT DATA { <urn:a> <urn:b> <urn:c> } and SERVICE",
    'SELECT * WHERE { ?s ?p "INSERT DATA SERVICE" }',
    "SELECT * WHERE { ?s ?p 'DROP ALL; SERVICE <x>' }",
    'SELECT * WHERE { ?s ?p """a long string\nDELETE WHERE { ?s ?p ?o }\nSERVICE <http://x/> { }""" }',
    "SELECT * WHERE { ?s ?p '''two\nlines ''quoted'' CLEAR ALL''' }",
    'SELECT * WHERE { ?s ?p "escaped \\" quote, then DROP" }',
    'SELECT * WHERE { ?s ?p """an escaped \\""" inside, then LOAD""" }',
    "SELECT * WHERE { ?s <http://example.org/INSERT/SERVICE#DELETE> ?o }",
    # variables, prefixed names, language tags, blank nodes
    "SELECT ?service ?insert $delete WHERE { ?service ?insert $delete }",
    "PREFIX service: <http://example.org/s#>\nPREFIX drop: <http://example.org/d#>\n"
    "SELECT * WHERE { ?s service:endpoint ?o ; drop:x service: ; service:LOAD ?l }",
    'SELECT * WHERE { ?s ?p "copy"@add , "move"@copy }',
    "SELECT * WHERE { _:insert ?p ?o }",
])
def test_keywords_inside_other_tokens_do_not_count(text):
    check_query(text)
    assert query_form(text) == "SELECT"


@pytest.mark.parametrize("text,form", [
    ("PREFIX ex: <http://example.org/>\nASK { ?s ?p ?o }", "ASK"),
    ("# a comment first\nBASE <http://example.org/>\nprefix : <x#>\nconstruct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <http://example.org/a>", "DESCRIBE"),
    ("", None),
    ("# only a comment", None),
])
def test_the_form_is_the_first_keyword_after_prefix_and_base(text, form):
    assert query_form(text) == form
    check_query(text)


def test_a_short_string_ends_at_a_line_break_as_the_grammar_says():
    # The parser rejects an unclosed short string; the guard does not let it hide what follows.
    assert refusal('SELECT * WHERE { ?s ?p "open\nDROP ALL }') == f"{READ_ONLY} (DROP at line 2)"


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p \"x\" } # DROP\nINSERT DATA {}",
    'SELECT ("a\\u0022b" AS ?x) {} ; INSERT DATA {}',
    "SELECT * { <urn:a> ?p ?o } ; INSERT DATA {}",
])
def test_a_keyword_after_a_closed_token_counts(text):
    assert refusal(text).startswith(READ_ONLY + " (INSERT at line")


def test_tokens_give_the_text_back_and_every_keyword_is_meant():
    text = ("PREFIX ex: <http://example.org/>\nSELECT ?x (COUNT(*) AS ?n) WHERE { ?x ex:p \"v\"@en-GB ; "
            "ex:q '''w''' . FILTER (?x < ?y && ?n >= 2) } GROUP BY ?x # done")
    assert "".join(token.text for token in tokens(text)) == text
    words = [token.text for token in tokens(text) if token.kind == "word"]
    assert words == ["PREFIX", "SELECT", "COUNT", "AS", "WHERE", "FILTER", "GROUP", "BY"]


def test_every_update_keyword_is_listed():
    assert UPDATE_KEYWORDS == ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH")


PROLOGUES = ["PREFIX ex: <http://example.org/>\nPREFIX service: <http://example.org/s#>\n", "# INSERT DATA { <urn:n> <urn:n> <urn:n> }\n",
             "BASE <http://example.org/>\n", "# SERVICE <http://127.0.0.1:1/>\n"]
HIDDEN = ['OPTIONAL { ?s ?p "SERVICE <x> { ?s ?p ?o }" }', "OPTIONAL { ?s ?p \'\'\'INSERT DATA { }\nDROP ALL\'\'\' }",
          "OPTIONAL { ?service ?insert $drop }", "OPTIONAL { ?s service:x ex:DELETE }", "OPTIONAL { ?s <http://example.org/INSERT#SERVICE> ?o }",
          '# SERVICE <x> { } ; CLEAR ALL\n', 'FILTER (?o != "DROP"@add)', 'OPTIONAL { ?s ?p """a "" quote, then\nLOAD <x>""" }']
UPDATES = ["INSERT DATA { <urn:n> <urn:n> <urn:n> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP ALL", "CREATE GRAPH <urn:g>",
           "INSERT { <urn:n> ?p ?o } WHERE { ?s ?p ?o {BODY} }", "WITH <urn:g> INSERT { <urn:n> ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
           "ADD DEFAULT TO <urn:g>", "COPY DEFAULT TO <urn:g>", "LOAD SILENT <http://127.0.0.1:1/x.ttl>"]


def generated(chooser, target: str) -> tuple[str, bool, bool]:
    """A valid SPARQL text: (text, is an update, calls SERVICE outside a comment, string or IRI)."""
    prologue = "".join(part for part in PROLOGUES if chooser.random() < 0.5)
    if prologue.count("PREFIX") == 0:
        prologue = PROLOGUES[0] + prologue
    pieces = [chooser.choice(HIDDEN) for _ in range(chooser.randint(0, 3))]
    service = chooser.random() < 0.3
    if service:
        pieces.insert(0, f"SERVICE {target} {{ ?x ?y ?z }}")
    body = " ".join(pieces)
    if chooser.random() < 0.4:
        template = chooser.choice(UPDATES)
        update = template.replace("{BODY}", body)
        if chooser.random() < 0.3:
            update += " ;\n" + chooser.choice(UPDATES).replace("{BODY}", "")
        return prologue + update, True, service and "{BODY}" in template
    form = chooser.choice(["SELECT * WHERE", "ASK", "CONSTRUCT { ?s ?p ?o } WHERE"])
    return f"{prologue}{form} {{ ?s ?p ?o . {body} }}", False, service


def test_what_the_guard_lets_through_never_updates_or_calls_out():
    """Differential: valid SPARQL texts, queries and updates, with the update and SERVICE keywords
    both in force and hidden in comments, strings, IRIs, variables, prefixed names and language
    tags. The guard refuses exactly the updates and the SERVICE calls; what it lets through the
    engine neither runs as an update nor sends out (a SERVICE call would fail to connect: nothing
    listens on the port)."""
    import random

    import pyoxigraph

    from servers import free_port

    target = f"<http://127.0.0.1:{free_port()}/sparql>"
    chooser = random.Random(20261124)
    seed = pyoxigraph.Quad(*(pyoxigraph.NamedNode("urn:seed") for _ in range(3)))
    counts = {"refused": 0, "ran": 0}
    for _ in range(400):
        text, is_update, calls_service = generated(chooser, target)
        assert "".join(token.text for token in tokens(text)) == text
        try:
            check_query(text)
        except QueryRefused:
            counts["refused"] += 1
            assert is_update or calls_service, text
            continue
        assert not is_update and not calls_service, text
        store = pyoxigraph.Store()
        store.add(seed)
        try:
            store.update(text)
        except SyntaxError:
            pass
        assert list(store) == [seed] and not list(store.named_graphs()), text
        store.query(text)  # runs: a SERVICE call would raise OSError (connection refused)
        counts["ran"] += 1
    assert counts["refused"] > 100 and counts["ran"] > 100, counts


# Cases from the server's review of the guard: punctuation glued to the keyword, codepoint escapes
# (the standard unescapes before parsing), escaped local names.
SERVICE_GLUED = [
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
]


@pytest.mark.parametrize("text", SERVICE_GLUED)
def test_service_is_refused_however_it_is_written(text):
    with pytest.raises(ServiceRefused, match=r"^SERVICE is refused \(line \d+\): "):
        check_query(text)
    check_query(text, allow_service=True)


NOT_KEYWORDS = [
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
]


@pytest.mark.parametrize("text", NOT_KEYWORDS)
def test_keywords_hidden_in_names_strings_and_comments_pass(text):
    check_query(text)
