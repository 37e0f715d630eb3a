"""Time `tsgraph actions --org WRAP --json` as whole processes against a naive baseline.

The baseline is what an analyst would write without tsgraph: load the exported Turtle with
rdflib and run the equivalent SPARQL. Both run in fresh processes, interleaved, several times;
the script prints each median and the ratio. Run after `tsgraph build`:

    python benchmarks/lookup.py [--runs 15] [--baseline-runs 5] [--exports exports]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = r'''
import sys
from rdflib import Graph
graph = Graph().parse(sys.argv[1], format="turtle")
rows = graph.query("""
PREFIX ts: <https://w3id.org/tsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?id WHERE {
  ?org skos:prefLabel|skos:altLabel|ts:acronym|ts:formerName ?name .
  FILTER (LCASE(STR(?name)) = "wrap")
  ?action ts:involves ?org ; dcterms:identifier ?id .
}""")
print(sorted(str(r.id) for r in rows))
'''


def timed(argv: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline-runs", type=int, default=5)
    parser.add_argument("--exports", type=Path, default=Path("exports"))
    args = parser.parse_args()
    tsgraph = shutil.which("tsgraph") or str(Path(sys.executable).parent / "tsgraph")
    lookup = [tsgraph, "--exports", str(args.exports), "actions", "--org", "WRAP", "--json"]
    baseline = [sys.executable, "-c", BASELINE, str(args.exports / "graph.ttl")]

    _, out = timed(lookup)  # warm the file cache; also check both give the same answer
    ids = sorted(item["id"] for item in json.loads(out))
    _, base_out = timed(baseline)
    assert str(ids) == base_out.strip(), (ids, base_out)

    lookup_times, baseline_times = [], []
    for run in range(max(args.runs, args.baseline_runs)):
        if run < args.runs:
            lookup_times.append(timed(lookup)[0])
        if run < args.baseline_runs:
            baseline_times.append(timed(baseline)[0])
    lookup_median = statistics.median(lookup_times)
    baseline_median = statistics.median(baseline_times)
    print(f"answer: {ids}")
    print(f"tsgraph actions --org WRAP --json: median {lookup_median * 1000:.0f} ms over {len(lookup_times)} runs "
          f"(min {min(lookup_times) * 1000:.0f}, max {max(lookup_times) * 1000:.0f})")
    print(f"baseline (rdflib loads graph.ttl, runs SPARQL): median {baseline_median * 1000:.0f} ms over {len(baseline_times)} runs")
    print(f"ratio: the lookup is {baseline_median / lookup_median:.1f} times faster")
    print(f"targets: median <= 250 ms: {'met' if lookup_median <= 0.25 else 'NOT met'}; "
          f">= 3x faster: {'met' if baseline_median / lookup_median >= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
