"""Memory of `tsgraph query` on the embedded store: what the library needs, what a runaway takes.

Runs every library query, then an ORDER BY over a cartesian product of the graph's triples under
several `--memory` limits, each as a whole `tsgraph query` process, and prints the exit code, the
wall time and the peak resident memory of the process tree (the query child included; Linux
reports a waited-for child's peak to its parent). The default limit should sit well above the
library's peak and stop the runaway well below the machine's memory. Run after `tsgraph build`:

    python benchmarks/query_memory.py [--exports exports] [--limits 256,1024,2048]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

CARTESIAN = "SELECT ?a ?b ?c WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?b ?c ?d LIMIT 5"


def measured(argv: list[str], stdin: str | None = None) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MiB of the process tree, last line of stderr)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    process.stdin.write(stdin or "")
    process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().strip().splitlines()
    process.stderr.close()
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, stderr[-1] if stderr else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", type=Path, default=Path("exports"))
    parser.add_argument("--limits", default="256,1024,2048", help="--memory values (MiB) for the runaway query")
    args = parser.parse_args()
    from graph.query import library
    from query_cases import PARAMS

    tsgraph = shutil.which("tsgraph") or str(Path(sys.executable).parent / "tsgraph")
    base = [tsgraph, "--exports", str(args.exports), "query"]
    peaks = []
    for query in library():
        params = [item for name, value in PARAMS.get(query.name, {}).items() for item in ("--param", f"{name}={value}")]
        code, seconds, peak, error = measured([*base, query.name, *params, "--json", "--no-limit"])
        if code != 0:
            raise SystemExit(f"{query.name} failed: {error}")
        peaks.append((peak, query.name))
    print(f"library: {len(peaks)} queries, peak {max(peaks)[0]:.0f} MiB ({max(peaks)[1]}), "
          f"median {sorted(peaks)[len(peaks) // 2][0]:.0f} MiB (the whole tsgraph process tree)")
    for limit in [int(value) for value in args.limits.split(",")]:
        code, seconds, peak, error = measured([*base, "-", "--memory", str(limit), "--timeout", "120", "--json"], CARTESIAN)
        print(f"cartesian ORDER BY, --memory {limit}: exit {code} after {seconds:.1f} s, peak {peak:.0f} MiB: {error}")


if __name__ == "__main__":
    main()
