"""Time `tsgraph build` warm: whole fresh processes, and stage by stage in one process.

Each way runs the build once to warm the file cache and the imports, then --runs times more, and
prints the medians: the wall time of `tsgraph build` as a user runs it, and, in process, each
stage's time (graph.build.BuildResult.stages) and its share of the total, against the 2 s
target; "reading the RDF back" is what checking every RDF export from disk costs. The builds go into a temporary folder that is removed at the end, also on failure.

    python benchmarks/build.py [--runs 5] [--no-maps] [--no-store]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 2.0


def tsgraph_command() -> list[str]:
    script = shutil.which("tsgraph") or str(Path(sys.executable).parent / "tsgraph")
    return [script] if Path(script).exists() else [sys.executable, "-m", "cli"]


def fresh_processes(folder: Path, runs: int, flags: list[str]) -> list[float]:
    argv = [*tsgraph_command(), "--exports", str(folder / "fresh"), "build", *flags]
    subprocess.run(argv, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def in_process(folder: Path, runs: int, maps: bool, store: bool) -> list:
    from graph.build import build

    build(folder / "inproc", maps=maps, store=store)  # warm-up: imports, caches
    return [build(folder / "inproc", maps=maps, store=store) for _ in range(runs)]


def stage_table(results: list) -> list[tuple[str, float]]:
    names = list(dict.fromkeys(name for result in results for name in result.stages))
    return [(name, statistics.median(r.stages.get(name, 0.0) for r in results)) for name in names]


def report(fresh: list[float], results: list) -> None:
    total = statistics.median(r.seconds for r in results)
    stages = stage_table(results)
    print(f"in process, median of {len(results)} warm builds: {total:.2f} s")
    other = total - sum(seconds for _, seconds in stages)
    rows = [*stages, ("outside the stages (*)", other)]
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds:6.2f} s  {seconds / total:6.1%}")
    print("  (*) taking the build lock, making the staging folder, starting the validation process, "
          "swapping the folder in and removing the previous build")
    median = statistics.median(fresh)
    print(f"fresh processes (`tsgraph build`, with Python's start and imports), median of {len(fresh)}: "
          f"{median:.2f} s (min {min(fresh):.2f}, max {max(fresh):.2f})")
    verdict = "met" if median <= TARGET_SECONDS else "NOT met"
    print(f"target: at most {TARGET_SECONDS:g} s warm: {verdict} ({median / TARGET_SECONDS:.2f} of the target)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs each way (at least 3)")
    parser.add_argument("--no-maps", action="store_true", help="build without the maps")
    parser.add_argument("--no-store", action="store_true", help="build without the embedded store")
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3 (a median of fewer says little)")
    flags = [flag for flag, off in (("--no-maps", args.no_maps), ("--no-store", args.no_store)) if off]
    with tempfile.TemporaryDirectory(prefix="tsgraph-bench-build-") as temporary:
        folder = Path(temporary)
        fresh = fresh_processes(folder, args.runs, flags)
        results = in_process(folder, args.runs, maps=not args.no_maps, store=not args.no_store)
    report(fresh, results)


if __name__ == "__main__":
    main()
