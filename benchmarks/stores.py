"""Compare stores on the real graph and on synthetic graphs 10, 100 and 1000 times its size.

For each size and engine, a fresh process loads the N-Triples and runs four queries five times:
actions of one organisation (selective), counts per chapter and status (aggregation), partners
co-involved with one organisation, and a text search. It prints load time, peak memory and the
median latency of each query. rdflib's memory store is measured up to --rdflib-max (it needs
tens of seconds per million triples); Oxigraph in memory and on disk at every size. Everything it
writes (synthetic graphs, on-disk stores, up to a few GB at x1000) goes into one temporary folder,
each store is removed as soon as it is measured, and the folder is removed at the end, also on
failure or Ctrl-C.

    python benchmarks/stores.py [--scales 1,10,100,1000] [--rdflib-max 100] [--exports exports]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402

PREFIXES = """PREFIX ts: <https://w3id.org/tsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

CHILD = r'''
import json, resource, statistics, sys, time
engine, path, queries, store_dir = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
started = time.perf_counter()
if engine == "rdflib":
    from rdflib import Graph
    store = Graph(); store.parse(path, format="nt")
    run = lambda q: list(store.query(q))
else:
    import pyoxigraph
    if engine == "oxigraph-memory":
        store = pyoxigraph.Store()
        store.load(path=path, format=pyoxigraph.RdfFormat.N_TRIPLES)
    else:
        store = pyoxigraph.Store(store_dir)  # the parent made this folder and removes it
        store.bulk_load(path=path, format=pyoxigraph.RdfFormat.N_TRIPLES)
    run = lambda q: list(store.query(q))
load = time.perf_counter() - started
latencies, sizes = {}, {}
for name, query in queries.items():
    times = []
    for _ in range(5):
        t = time.perf_counter(); rows = run(query); times.append(time.perf_counter() - t)
    latencies[name] = statistics.median(times); sizes[name] = len(rows)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": load, "peak_mb": peak, "latency_s": latencies, "rows": sizes}))
'''


def queries_for(real: bool) -> dict[str, str]:
    org = "https://w3id.org/tsgraph/id/organisation/" + ("wrap" if real else "u0-o0")
    return {
        "actions of one organisation": PREFIXES + f"SELECT ?id WHERE {{ ?a ts:involves <{org}> ; dcterms:identifier ?id }}",
        "counts per chapter and status": PREFIXES + "SELECT ?c ?s (COUNT(?a) AS ?n) WHERE { ?a dcterms:isPartOf ?c ; ts:latestStatus ?s } GROUP BY ?c ?s",
        "co-involved organisations": PREFIXES + f"SELECT ?o (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a ts:involves <{org}>, ?o . FILTER(?o != <{org}>) }} GROUP BY ?o",
        "text search": PREFIXES + 'SELECT ?a WHERE { ?a ts:text ?t . FILTER(CONTAINS(LCASE(?t), "community action")) }',
    }


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def measure(engine: str, path: Path, queries: dict[str, str], workdir: Path) -> dict:
    """One engine on one graph, in a fresh process; its on-disk store is removed afterwards."""
    store_dir = workdir / f"store-{engine}"
    try:
        result = subprocess.run([sys.executable, "-c", CHILD, engine, str(path), json.dumps(queries), str(store_dir)],
                                capture_output=True, text=True, check=True)
        return json.loads(result.stdout)
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100,1000")
    parser.add_argument("--rdflib-max", type=int, default=100)
    parser.add_argument("--exports", type=Path, default=Path("exports"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tsgraph-bench-") as temporary:
        run_scales(args, Path(temporary))


def run_scales(args: argparse.Namespace, workdir: Path) -> None:
    print(f"{'corpus':<22}{'triples':>10}  {'engine':<16}{'load s':>8}{'peak MB':>9}  query medians (ms)")
    for scale in [int(s) for s in args.scales.split(",")]:
        if scale == 1:
            path, label, real = args.exports / "graph.nt", "real graph", True
            triples = count_lines(path)
        else:
            path, label, real = workdir / f"synthetic-{scale}.nt", f"synthetic x{scale}", False
            started = time.perf_counter()
            triples = generate(scale, path)
            print(f"  (generated {triples} triples in {time.perf_counter() - started:.1f} s)")
        for engine in ("rdflib", "oxigraph-memory", "oxigraph-disk"):
            if engine == "rdflib" and scale > args.rdflib_max:
                print(f"{label:<22}{triples:>10}  {engine:<16}{'skipped: over --rdflib-max':>30}")
                continue
            data = measure(engine, path, queries_for(real), workdir)
            medians = "  ".join(f"{name.split()[0]}={data['latency_s'][name] * 1000:.1f}" for name in data["latency_s"])
            print(f"{label:<22}{triples:>10}  {engine:<16}{data['load_s']:>8.2f}{data['peak_mb']:>9.0f}  {medians}", flush=True)
        if not real:
            path.unlink()
    print("queries: actions=actions of one organisation (selective); counts=counts per chapter and status; "
          "co-involved=organisations sharing actions with one; text=substring search over action texts")


if __name__ == "__main__":
    main()
