"""A real SPARQL 1.1 server: `tsgraph serve` (read-only) and `tsgraph push` into a writable one.
Each test starts its server on a free 127.0.0.1 port and stops it."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from graph.lookup import load_index
from graph.query import bind_parameters, library, run_endpoint, run_local
from query_cases import PARAMS
from servers import children_of, compare_actions, ended, eventually, free_port, oxigraph, port_is_free, start_serve, stop, wait_for

pytestmark = pytest.mark.server
QUERIES = library()


def compare_library(exports, endpoint: str) -> int:
    index = load_index(exports)
    for query in QUERIES:
        text = bind_parameters(query, PARAMS.get(query.name, {}), index)
        local = run_local(exports / "store", text, limit=None)
        remote = run_endpoint(endpoint, text, limit=None)
        assert remote.columns == local.columns, query.name
        assert remote.as_tuples() == local.as_tuples(), query.name
    return len(QUERIES)


def http_status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_answers_the_library_read_only_with_its_query_page(exports):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "--exports", str(exports), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        assert compare_library(exports, base + "/query") >= 15
        compare_actions(exports, base + "/query")
        # The query page and its YASGUI assets come from the server itself: no CDN.
        with urllib.request.urlopen(base + "/", timeout=10) as response:
            page = response.read().decode()
        assert "yasgui" in page.lower() and "https://" not in page
        with urllib.request.urlopen(base + "/yasgui.min.js", timeout=10) as response:
            assert response.status == 200 and len(response.read()) > 100_000
        # Writes are refused: SPARQL UPDATE and Graph Store Protocol.
        update = urllib.request.Request(base + "/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", method="POST",
                                        headers={"Content-Type": "application/sparql-update"})
        assert http_status(update) in (403, 405)
        put = urllib.request.Request(base + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .\n", method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        assert http_status(put) in (403, 405)
        count = run_endpoint(base + "/query", "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }").rows
        assert count == [{"n": "0"}]
        process.send_signal(signal.SIGINT)  # as Ctrl-C would
        assert process.wait(15) == 0
        assert "stopped" in process.stderr.read()
    finally:
        stop(process)


def test_push_loads_the_graph_into_another_store(exports, tmp_path):
    from click.testing import CliRunner

    from cli import cli

    with oxigraph("serve", tmp_path / "db") as base:
        result = CliRunner().invoke(cli, ["--exports", str(exports), "push", "--endpoint", base + "/store"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"pushed {exports / 'graph.nt'} to {base}/store (default graph): HTTP 20")
        # The store holds the graph only (the embedded store adds the ontology); compare the library.
        ontology = exports / "ontology.ttl"
        loaded = urllib.request.Request(base + "/store?default", data=ontology.read_bytes(), method="POST",
                                        headers={"Content-Type": "text/turtle"})
        assert http_status(loaded) in (200, 201, 204)
        assert compare_library(exports, base + "/query") >= 15


def test_an_unreachable_endpoint_is_a_clear_error(exports):
    from click.testing import CliRunner

    from cli import cli

    port = free_port()
    result = CliRunner().invoke(cli, ["--exports", str(exports), "query", "status-by-chapter", "--endpoint", f"http://127.0.0.1:{port}/query"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot query http://127.0.0.1:{port}/query: ")


# -- `tsgraph serve` lives and dies with its server ---------------------------------------------

@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_stops_serve_and_every_oxigraph_worker(exports, signum):
    port = free_port()
    process = start_serve(exports, port, "--workers", "3")
    try:
        workers = children_of(process.pid)
        assert len(workers) == 3
        assert run_endpoint(f"http://127.0.0.1:{port}/query", "ASK { ?s ?p ?o }").boolean is True
        process.send_signal(signum)
        assert process.wait(15) == 0
        assert process.stderr.read() == "stopped\n"
        assert eventually(lambda: all(ended(worker) for worker in workers) and port_is_free(port))
    finally:
        stop(process)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_a_killed_serve_takes_its_server_along(exports):
    port = free_port()
    process = start_serve(exports, port)
    try:
        workers = children_of(process.pid)
        assert len(workers) == 4  # the default --workers
        process.kill()
        process.wait(15)
        assert eventually(lambda: all(ended(worker) for worker in workers) and port_is_free(port))
    finally:
        stop(process)


def test_serve_on_a_busy_port_says_so_in_one_line(exports):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "cli", "--exports", str(exports), "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", f"Error: cannot serve on 127.0.0.1:{port}: Address already in use\n")


def test_a_server_that_cannot_start_is_one_line_without_a_backtrace(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "CURRENT").write_text("not a database\n")
    port = free_port()
    result = subprocess.run([sys.executable, "-m", "cli", "--exports", str(tmp_path), "serve", "--port", str(port)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: the oxigraph server could not serve {store} on 127.0.0.1:{port}: ")
    assert result.stderr.count("\n") == 1 and "backtrace" not in result.stderr.lower()


@pytest.mark.parametrize(("option", "value", "message"), [
    *[("--timeout", given, f"{given!r} is not a finite number of seconds above 0 and at most 86400, e.g. 30")
      for given in ("nan", "inf", "-1", "0", "86401")],
    ("--workers", "0", "0 is not in the range 1<=x<=64."),
    ("--queue", "0", "0 is not in the range 1<=x<=1024."),
    ("--memory", "100", "100 is not in the range x>=256."),
])
def test_serve_refuses_limits_that_cannot_hold(exports, option, value, message):
    from click.testing import CliRunner

    from cli import cli

    result = CliRunner().invoke(cli, ["--exports", str(exports), "serve", option, value])
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: Invalid value for '{option}': {message}\n")
