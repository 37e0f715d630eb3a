"""`tsgraph serve` holds: load, runaway queries, hostile requests and a rebuild while serving.
Each test starts its own server on a free 127.0.0.1 port, bounded in time, and stops it."""

from __future__ import annotations

import shutil
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest

from servers import ask, children_of, ended, eventually, free_port, line_within, send, start_serve, stop, threads_of
from graph.sparql_guard import READ_ONLY as GUARD_READ_ONLY

pytestmark = [pytest.mark.server,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for workers and threads")]

LIGHT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
# Counting a three-way cartesian product of every triple: CPU for hours, no memory to speak of.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Sorting a two-way product: gigabytes before the first row.
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
SERVICE_REFUSED = ("SERVICE is refused (line 1): a federated query makes the engine send requests to other "
                   "servers; pass --allow-service to allow it\n")
READ_ONLY = "read-only: this server answers SPARQL queries only; updates and Graph Store requests are refused\n"


@pytest.fixture
def serve(exports):
    """Start `tsgraph serve` with the given options; every server started is stopped after."""
    started = []

    def start(*options: str, store_exports=exports) -> tuple[str, object]:
        port = free_port()
        process = start_serve(store_exports, port, *options)
        started.append(process)
        return f"http://127.0.0.1:{port}", process

    yield start
    for process in started:
        stop(process)


def test_concurrent_load_gets_every_answer_and_workers_keep_few_threads(serve):
    base, process = serve("--workers", "2", "--queue", "16")
    workers = children_of(process.pid)
    errors: list[tuple[int, str]] = []
    peak_threads = [0]
    done = threading.Event()

    def client() -> None:
        for _ in range(60):
            status, body = ask(base, LIGHT)
            if status != 200 or '"value":"' not in body:
                errors.append((status, body))

    def watch_threads() -> None:
        while not done.is_set():
            peak_threads[0] = max([peak_threads[0], *(threads_of(pid) for pid in workers)])
            time.sleep(0.05)

    watcher = threading.Thread(target=watch_threads)
    watcher.start()
    clients = [threading.Thread(target=client) for _ in range(8)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join(120)
    done.set()
    watcher.join()
    assert errors == []
    assert children_of(process.pid) == workers  # no worker died or was replaced
    # oxigraph with --timeout-s reached ~15,000 threads under 4 clients; one query at a time stays few.
    assert 0 < peak_threads[0] <= 12
    assert process.poll() is None


def test_a_runaway_query_times_out_while_light_queries_are_answered(serve):
    base, process = serve("--workers", "2", "--timeout", "2")
    workers = children_of(process.pid)
    heavy: list[tuple[int, str]] = []
    runaway = threading.Thread(target=lambda: heavy.append(ask(base, ENDLESS)))
    started = time.monotonic()
    runaway.start()
    time.sleep(0.3)
    light = [ask(base, LIGHT) for _ in range(5)]
    runaway.join(30)
    assert heavy == [(504, "query timed out after 2 s\n")]
    assert 2 <= time.monotonic() - started < 10
    assert [status for status, _ in light] == [200] * 5
    # The worker that ran it was killed and replaced: the pool is full again, the old one gone.
    assert eventually(lambda: len(children_of(process.pid)) == 2 and children_of(process.pid) != workers)
    (killed,) = set(workers) - set(children_of(process.pid))
    assert eventually(lambda: ended(killed))
    assert ask(base, LIGHT)[0] == 200


def test_a_query_over_the_memory_limit_gets_an_error_and_the_server_lives(serve):
    base, process = serve("--workers", "1", "--memory", "256", "--timeout", "60")
    (worker,) = children_of(process.pid)
    status, body = ask(base, HUNGRY)
    assert status == 502
    assert body == "the query stopped its worker (it stopped with signal 6); the limit is 256 MB of memory per query\n"
    assert eventually(lambda: len(children_of(process.pid)) == 1 and children_of(process.pid) != [worker])
    assert ask(base, LIGHT)[0] == 200 and process.poll() is None


def test_a_full_queue_is_answered_503_at_once(serve):
    base, process = serve("--workers", "1", "--queue", "1", "--timeout", "3")
    def occupy() -> None:
        try:
            ask(base, ENDLESS)
        except OSError:
            pass  # cut off when the test stops the server

    busy = [threading.Thread(target=occupy) for _ in range(3)]
    for thread in busy:  # one runs, one waits for the worker, one waits for a handler
        thread.start()
        time.sleep(0.2)
    request = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": LIGHT}))
    started = time.monotonic()
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("a request beyond the queue was answered")
    except urllib.error.HTTPError as exc:
        assert (exc.code, exc.headers["Retry-After"], exc.read()) == (
            503, "1", b"server busy: every worker and queue place is taken; retry shortly\n")
    assert time.monotonic() - started < 2
    stop(process)  # the waiting requests end with it
    for thread in busy:
        thread.join(30)


def test_service_is_refused_unless_allowed(serve):
    federated = "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    base, _ = serve("--workers", "1")
    assert ask(base, federated) == (400, SERVICE_REFUSED)
    # ?service and service: are not the keyword.
    assert ask(base, "PREFIX service: <urn:x:> SELECT ?service WHERE { ?service service:p ?o }")[0] == 200
    allowed, _ = serve("--workers", "1", "--allow-service")
    status, body = ask(allowed, federated)
    assert status == 200 and "bindings" in body  # SILENT: the unreachable endpoint gives no rows


def test_updates_and_writes_are_refused_as_read_only(serve):
    base, _ = serve("--workers", "1")
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    requests = [
        urllib.request.Request(base + "/update", data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        urllib.request.Request(base + "/query", data=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        urllib.request.Request(base + "/query", data=urllib.parse.urlencode({"update": update}).encode(),
                               headers={"Content-Type": "application/x-www-form-urlencoded"}),
        urllib.request.Request(base + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .\n", method="PUT"),
        urllib.request.Request(base + "/store?default", method="DELETE"),
        urllib.request.Request(base + "/store"),
    ]
    assert [send(request) for request in requests] == [(403, READ_ONLY)] * len(requests)
    assert send(urllib.request.Request(base + "/query", method="DELETE")) == (405, READ_ONLY)
    assert ask(base, update) == (403, f"{GUARD_READ_ONLY} (INSERT at line 1)\n")
    assert ask(base, "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }", accept="text/csv") == (200, "n\r\n0\r\n")


def test_the_protocol_is_passed_through_and_limits_hold(serve):
    base, _ = serve("--workers", "1")
    ask_true = "ASK { ?s ?p ?o }"
    direct = urllib.request.Request(base + "/query", data=ask_true.encode(),
                                    headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    form = urllib.request.Request(base + "/query", data=urllib.parse.urlencode({"query": ask_true}).encode(),
                                  headers={"Content-Type": "application/x-www-form-urlencoded",
                                           "Accept": "application/sparql-results+json"})
    assert send(direct) == (200, "true")
    assert send(form) == (200, '{"head":{},"boolean":true}')
    assert ask(base, "SELECT ?x WHERE {")[0] == 400  # oxigraph's own syntax error, passed on
    huge = urllib.request.Request(base + "/query", data=b"#" * (2 << 20), headers={"Content-Type": "application/sparql-query"})
    assert send(huge) == (413, "the request body is over 1048576 bytes\n")
    assert send(urllib.request.Request(base + "/elsewhere")) == (
        404, "not found: /elsewhere (this server answers /query and its query page /)\n")
    # One keep-alive connection carries several queries, a refused one between them.
    import http.client

    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    try:
        answers = []
        for text in (ask_true, "SELECT * WHERE { SERVICE <urn:x> { ?s ?p ?o } }", ask_true):
            connection.request("GET", "/query?" + urllib.parse.urlencode({"query": text}), headers={"Accept": "text/csv"})
            response = connection.getresponse()
            answers.append((response.status, response.read()))
        assert answers == [(200, b"true"), (400, SERVICE_REFUSED.encode()), (200, b"true")]
    finally:
        connection.close()


def test_a_rebuilt_store_is_picked_up_and_the_old_workers_stop(serve, exports, tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad, Store

    served = tmp_path / "exports"
    shutil.copytree(exports / "store", served / "store")
    rebuilt = tmp_path / "rebuilt"
    shutil.copytree(exports / "store", rebuilt)
    store = Store(str(rebuilt))
    store.add(Quad(NamedNode("urn:tsgraph:test"), NamedNode("urn:tsgraph:rebuilt"), Literal("yes")))
    store.flush()
    del store
    marker = "ASK { <urn:tsgraph:test> <urn:tsgraph:rebuilt> ?o }"
    base, process = serve("--workers", "2", store_exports=served)
    old = children_of(process.pid)
    assert ask(base, marker, accept="text/csv") == (200, "false")
    # The store goes missing (between the renames of a swap): one line, and the old build serves on.
    (served / "store").rename(tmp_path / "old-store")
    assert line_within(process.stderr).startswith(f"the store {served / 'store'} is missing; still serving the build of ")
    assert ask(base, marker, accept="text/csv") == (200, "false")
    rebuilt.rename(served / "store")
    assert line_within(process.stderr).startswith("store rebuilt: now serving the build of ")
    assert ask(base, marker, accept="text/csv") == (200, "true")
    assert eventually(lambda: all(ended(pid) for pid in old))
    assert len(children_of(process.pid)) == 2


def exchange_folders(first, second) -> None:
    from graph.atomic import exchange

    if not exchange(first, second):
        pytest.skip("this system cannot exchange two folders in one call")


def test_a_query_right_after_the_swap_is_answered_from_the_new_build(serve, exports, tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad, Store

    served, staged = tmp_path / "exports", tmp_path / "staged"
    shutil.copytree(exports / "store", served / "store")
    shutil.copytree(exports / "store", staged / "store")
    store = Store(str(staged / "store"))
    store.add(Quad(NamedNode("urn:tsgraph:test"), NamedNode("urn:tsgraph:rebuilt"), Literal("yes")))
    store.flush()
    del store
    marker = "ASK { <urn:tsgraph:test> <urn:tsgraph:rebuilt> ?o }"
    base, process = serve("--workers", "1", store_exports=served)
    assert ask(base, marker, accept="text/csv") == (200, "false")
    # The build's swap (one atomic exchange of the folders), then a query at once: the watch
    # loop looks once a second, but the query itself notices the new store and waits for it.
    for _ in range(3):
        exchange_folders(staged, served)
        assert ask(base, marker, accept="text/csv") == (200, "true")
        exchange_folders(staged, served)
        assert ask(base, marker, accept="text/csv") == (200, "false")
    lines = [line_within(process.stderr) for _ in range(6)]
    assert all(line.startswith("store rebuilt: now serving the build of ") for line in lines)


def test_a_rebuilt_store_that_cannot_open_keeps_the_old_one(serve, exports, tmp_path):
    served = tmp_path / "exports"
    shutil.copytree(exports / "store", served / "store")
    base, process = serve("--workers", "1", store_exports=served)
    (served / "store").rename(tmp_path / "old-store")
    assert line_within(process.stderr).startswith("the store ")
    broken = served / "store"
    broken.mkdir()
    (broken / "CURRENT").write_text("not a database\n")
    line = line_within(process.stderr)
    assert line.startswith(f"the rebuilt store {broken} cannot be opened (") and "; still serving the build of " in line
    assert ask(base, LIGHT)[0] == 200


def test_a_worker_killed_from_outside_is_replaced_without_an_error(serve):
    import os
    import signal

    base, process = serve("--workers", "2")
    workers = children_of(process.pid)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    assert eventually(lambda: all(ended(pid) for pid in workers))
    assert [ask(base, LIGHT)[0] for _ in range(4)] == [200] * 4
    assert eventually(lambda: len(children_of(process.pid)) == 2)
    assert not set(children_of(process.pid)) & set(workers)


def test_a_real_rebuild_while_serving_is_served_without_a_restart(serve, tmp_path):
    """`tsgraph build` into the exports being served: the server moves onto the new store."""
    from pyoxigraph import Store

    from graph.build import build
    from small_corpus import small_data
    from sample_strategy import SAMPLE

    exports = tmp_path / "exports"
    build(exports, small_data(tmp_path / "first"), maps=False)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    base, process = serve("--workers", "2", store_exports=exports)
    before = ask(base, count, accept="text/csv")
    changed = SAMPLE.replace("with Natural England beside us", "with Natural England and the RSPB beside us")
    assert changed != SAMPLE
    build(exports, small_data(tmp_path / "second", changed), maps=False)
    assert line_within(process.stderr).startswith("store rebuilt: now serving the build of ")
    expected = len(Store.read_only(str(exports / "store")))
    after = ask(base, count, accept="text/csv")
    assert before != after == (200, f"n\r\n{expected}\r\n")
