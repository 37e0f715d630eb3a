"""Local queries are bounded: read-only (updates refused in words), no SERVICE unless allowed,
a finite positive timeout, a memory limit that stops a runaway query in one line."""

from __future__ import annotations

import json
import math
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from cli import cli
from graph.errors import QueryError
from graph.query_local import DEFAULT_MEMORY_MIB, QueryLimitError, check_memory, check_timeout, run_local
from graph.sparql_guard import READ_ONLY, QueryRefused
from servers import free_port

USAGE = "Usage: tsgraph query [OPTIONS] [QUERY]\nTry 'tsgraph query --help' for help.\n\nError: "
# Every triple paired with every other, sorted: the engine must hold all of it before the first row.
CARTESIAN = "SELECT ?a ?b ?c WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?b ?c ?d LIMIT 5"


@pytest.fixture(scope="module")
def run(exports):
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--exports", str(exports), *args], input=input, prog_name="tsgraph")

    return invoke


@pytest.mark.parametrize("update,keyword", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("DROP ALL", "DROP"),
    ("LOAD <http://127.0.0.1:1/graph.ttl>", "LOAD"),
])
def test_an_update_is_refused_as_read_only(run, update, keyword):
    result = run("query", "-", input=update)
    line = update.count("\n") + 1
    assert (result.exit_code, result.output) == (2, USAGE + f"{READ_ONLY} ({keyword} at line {line})\n")


def test_an_update_in_a_query_file_is_refused_before_anything_runs(run, tmp_path):
    path = tmp_path / "wipe.rq"
    path.write_text("# title: Wipe\n# a comment that says SELECT\nCLEAR DEFAULT\n", encoding="utf-8")
    result = run("query", str(path))
    assert (result.exit_code, result.output) == (2, USAGE + f"{READ_ONLY} (CLEAR at line 3)\n")


def test_service_is_refused_unless_allowed(run):
    port = free_port()  # nothing listens there: an allowed SERVICE call fails to connect, on loopback
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    result = run("query", "-", input=text)
    assert (result.exit_code, result.output) == (2, USAGE + (
        "SERVICE is refused (line 1): a federated query makes the engine send requests to other servers; "
        "pass --allow-service to allow it\n"))
    allowed = run("query", "-", "--allow-service", input=text)
    assert allowed.exit_code == 1 and allowed.output.startswith("Error: query failed: ")
    assert "refused" not in allowed.output.split(":", 2)[1]


def test_a_query_that_needs_more_memory_than_allowed_is_stopped_in_one_line(run):
    result = run("query", "-", "--memory", "256", "--timeout", "60", input=CARTESIAN)
    assert (result.exit_code, result.output) == (
        1, "Error: query stopped: it needed more than 256 MiB of memory (raise --memory to allow more)\n")


def test_the_library_runs_under_the_default_memory_limit(exports):
    # Every library query on the real store runs under the default in tests/test_query.py; this
    # one holds the whole graph's triples in its answer.
    result = run_local(exports / "store", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", limit=None, memory_mib=DEFAULT_MEMORY_MIB)
    assert len(result.rows) > 40_000


def test_a_timeout_stops_a_query_in_one_line(run):
    result = run("query", "-", "--timeout", "0.5", "--memory", "4096", input=CARTESIAN)
    assert (result.exit_code, result.output) == (1, "Error: query stopped after 0.5 s (raise --timeout to allow longer)\n")


@pytest.mark.parametrize("timeout", [0, -1, math.nan, math.inf, -math.inf, 86_401, True, "30"])
def test_the_library_refuses_a_timeout_that_bounds_nothing(exports, timeout):
    with pytest.raises(QueryLimitError):
        check_timeout(timeout)
    with pytest.raises(QueryLimitError):
        run_local(exports / "store", "ASK {}", timeout=timeout)


@pytest.mark.parametrize("memory", [0, -1, 255, 1024.0, True])
def test_the_library_refuses_a_memory_limit_too_small_or_not_whole(memory):
    with pytest.raises(QueryLimitError):
        check_memory(memory)


def test_the_library_refuses_updates_whatever_the_caller(exports):
    with pytest.raises(QueryRefused):
        run_local(exports / "store", "insert data { <urn:a> <urn:b> <urn:c> }", timeout=None, memory_mib=None)


def test_an_endpoint_gets_no_update_and_no_service_either(run):
    endpoint = f"http://127.0.0.1:{free_port()}/query"  # nothing listens: the refusal comes before any request
    result = run("query", "-", "--endpoint", endpoint, input="DELETE WHERE { ?s ?p ?o }")
    assert (result.exit_code, result.output) == (2, USAGE + f"{READ_ONLY} (DELETE at line 1)\n")
    result = run("query", "-", "--endpoint", endpoint, input="ASK { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } }")
    assert result.exit_code == 2 and result.output.endswith("pass --allow-service to allow it\n")


@contextmanager
def stand_in_endpoint(rows: int, pause: float = 0.0):
    """An endpoint on 127.0.0.1 that answers any query with ``rows`` SPARQL JSON rows, sleeping
    ``pause`` seconds between pieces of 64 KB (a server that drips its answer)."""
    import http.server
    import threading
    import time

    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
        {"x": {"type": "literal", "value": "v" * 90}} for _ in range(rows)]}}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for at in range(0, len(body), 1 << 16):
                    self.wfile.write(body[at:at + (1 << 16)])
                    time.sleep(pause)
            except OSError:
                pass  # the client gave up, as it should

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query", len(body)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_an_endpoint_answer_larger_than_the_memory_limit_is_refused_in_one_line(run, monkeypatch):
    from graph import query as sparql

    with stand_in_endpoint(rows=26_000) as (endpoint, size):  # 3.4 MB of SPARQL JSON
        assert 3 * 1024 * 1024 < size < 4 * 1024 * 1024
        with pytest.raises(QueryError) as error:
            sparql.run_endpoint(endpoint, "SELECT ?x WHERE { ?x ?p ?o }", memory_mib=3)
        assert str(error.value) == (f"{endpoint}'s answer is larger than 3 MiB (--memory); "
                                    "ask for fewer rows (LIMIT) or raise --memory")
        assert len(sparql.run_endpoint(endpoint, "SELECT ?x WHERE { ?x ?p ?o }", memory_mib=4, limit=None).rows) == 26_000
        # The command passes its --memory on (a test answer over the 256 MiB least would be slow to send).
        given: list[int] = []
        original = sparql.run_endpoint
        monkeypatch.setattr(sparql, "run_endpoint", lambda *a, **k: given.append(k["memory_mib"]) or original(*a, **k))
        result = run("query", "-", "--endpoint", endpoint, "--memory", "300", "--limit", "2", input="SELECT ?x WHERE { ?x ?p ?o }")
        assert (result.exit_code, given) == (0, [300])


def test_an_endpoint_that_drips_its_answer_past_the_timeout_is_stopped_in_one_line(run):
    with stand_in_endpoint(rows=20_000, pause=0.3) as (endpoint, size):  # 2 MB in 31 pieces, 0.3 s apart
        assert size > 30 * (1 << 16)
        result = run("query", "-", "--endpoint", endpoint, "--timeout", "1", input="SELECT ?x WHERE { ?x ?p ?o }")
        assert (result.exit_code, result.stderr) == (
            1, f"Error: {endpoint} was still answering after the timeout; ask for fewer rows or raise --timeout\n")
