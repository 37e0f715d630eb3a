"""Portability: the same library answers on a second, independent engine, Debian's Virtuoso 7.2.

The test starts `virtuoso-t -f -c <config>` with its ports on 127.0.0.1 and its database in a
temporary folder, loads the export with Virtuoso's own loader, runs every library query at its
/sparql endpoint, compares the answers with the embedded store's, and stops it by its pid."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from graph.lookup import load_index
from graph.query import bind_parameters, library, run_endpoint, run_local
from query_cases import PARAMS
from servers import compare_actions, free_port, wait_for

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
GRAPH = "urn:tsgraph:graph"
pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not (VIRTUOSO and ISQL), reason="Virtuoso is not installed: apt-get install virtuoso-opensource-7-bin (.ci/run does)"),
]


def normalise(rows: list[tuple]) -> list[tuple]:
    """Engines may order ties differently and spell numbers differently; compare values, as a multiset."""
    def value(v):
        try:
            return float(v)
        except (TypeError, ValueError):
            return v
    return sorted((tuple(value(v) for v in row) for row in rows), key=repr)


def test_the_library_answers_the_same_on_virtuoso(exports, tmp_path):
    database, load = tmp_path / "db", tmp_path / "load"
    database.mkdir()
    load.mkdir()
    shutil.copyfile(exports / "graph.nt", load / "graph.nt")
    port, http = free_port(), free_port()
    template = (Path(__file__).parent / "fixtures" / "virtuoso.ini.in").read_text()
    config = tmp_path / "virtuoso.ini"
    config.write_text(template.format(DIR=database, LOAD=load, PORT=port, HTTP=http))
    process = subprocess.Popen([VIRTUOSO, "-f", "-c", str(config)], cwd=database,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    endpoint = f"http://127.0.0.1:{http}/sparql"
    try:
        wait_for(endpoint + "?query=ASK%7B%7D", process, seconds=90)
        loaded = subprocess.run(
            [ISQL, str(port), "dba", "dba",
             f"exec=DB.DBA.TTLP_MT(file_to_string_output('{load / 'graph.nt'}'), '', '{GRAPH}', 0); checkpoint;"],
            capture_output=True, text=True, timeout=300,
        )
        assert loaded.returncode == 0 and "Error" not in loaded.stdout + loaded.stderr, loaded.stdout + loaded.stderr
        count = run_endpoint(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=GRAPH).rows[0]["n"]
        assert int(count) == sum(1 for _ in (exports / "graph.nt").open(encoding="utf-8"))
        index = load_index(exports)
        for query in library():
            text = bind_parameters(query, PARAMS.get(query.name, {}), index)
            local = run_local(exports / "store", text, limit=None)
            remote = run_endpoint(endpoint, text, limit=None, default_graph=GRAPH)
            assert remote.columns == local.columns, query.name
            assert normalise(remote.as_tuples()) == normalise(local.as_tuples()), query.name
        compare_actions(exports, endpoint, "--default-graph", GRAPH)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
