"""Time each export writer on the real graph, in this process, into a temporary folder.

Imports are warmed first (a build has them loaded: networkx and the maps' legend for GEXF and
GraphML, pyoxigraph for JSON-LD), so the figures are each writer's own work. JSON-LD is timed
twice: the whole graph (graph.jsonld and context.jsonld, target <= 0.3 s) and with the
per-action frames. Each writer's fastest and median run are printed: on a shared machine the
fastest is the nearest to the writer's own cost. Run after `tsgraph build`:

    python benchmarks/exports.py [--runs 7] [--exports exports]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.export import FORMATS, ON_REQUEST, writer  # noqa: E402
from graph.export.common import write_json  # noqa: E402
from graph.export.jsonld import Context, NodeMap, graph_document, paused_garbage_collection, write_jsonld  # noqa: E402

JSONLD_TARGET = 0.3  # seconds, for graph.jsonld on the real graph


def timings(run, runs: int) -> tuple[float, float]:
    """(fastest, median) of several runs: on a shared machine the fastest is the writer's own cost."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def graph_only(triples, folder: Path) -> None:
    """write_jsonld without the action frames."""
    with paused_garbage_collection():
        nodes = NodeMap(triples)
        context = Context(nodes)
        write_json(folder / "context.jsonld", context.document(), indent=2)
        write_json(folder / "graph.jsonld", graph_document(nodes, context), indent=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--exports", type=Path, default=Path("exports"))
    args = parser.parse_args()
    import pyoxigraph

    index = json.loads((args.exports / "index.json").read_text(encoding="utf-8"))
    triples = [q.triple for q in pyoxigraph.parse(path=str(args.exports / "graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name in (*FORMATS, *ON_REQUEST):
            write = writer(name)
            write(index, folder)  # warm: imports and caches, as in a build
            rows.append((name, *timings(lambda: write(index, folder), args.runs)))
        graph_only(triples, folder)
        rows.append(("jsonld: graph.jsonld + context", *timings(lambda: graph_only(triples, folder), args.runs)))
        rows.append(("jsonld: with the action frames", *timings(lambda: write_jsonld(triples, folder), args.runs)))
    print(f"{len(triples):,} triples, {args.runs} runs each\n")
    print("| writer | fastest | median |\n|---|---|---|")
    for name, fastest, median in rows:
        print(f"| {name} | {fastest * 1000:,.0f} ms | {median * 1000:,.0f} ms |")
    graph_seconds = next(fastest for name, fastest, _ in rows if name.startswith("jsonld: graph"))
    verdict = "met" if graph_seconds <= JSONLD_TARGET else "NOT met"
    print(f"\nJSON-LD graph writer (fastest run): {graph_seconds:.3f} s against a target of {JSONLD_TARGET} s: {verdict}")


if __name__ == "__main__":
    main()
