"""Soak `tsgraph serve`: 16 clients for 60 s over the query library, two of them sending heavy queries.

Starts `tsgraph serve` on a free 127.0.0.1 port on a built store (--exports, or a fresh build in
a temporary folder that is removed at the end), then runs --clients threads for --seconds: two
send heavy queries without pause (a count over a three-way cartesian product of every triple,
which only the timeout stops; a sort over a two-way product, which the memory limit stops), the
others run the query library (`tsgraph query --list`) with parameters bound from the index, in
random order. It prints the light queries' count, errors and latency (p50, p95, max), how the
heavy queries were answered (504 timeout, 502 memory, other), whether the server died, and the
peak RSS and thread counts of the proxy and of its oxigraph workers. With --rebuilds N it also
rebuilds the served exports N times, evenly spaced (`tsgraph build --no-maps` on the bundled
sources), and reports how many rebuilds the server moved onto. Finally it stops the server with
SIGTERM and checks that no worker is left.

    python benchmarks/soak.py [--seconds 60] [--clients 16] [--timeout 5] [--rebuilds 3] [--exports exports]
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the process helpers the server tests use

from servers import children_of, free_port  # noqa: E402

HEAVY = {
    "endless count": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "hungry sort": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1",
}


def bound_library(exports: Path, per_query: int = 6) -> list[tuple[str, str]]:
    """(name, SPARQL) for every library query, those with parameters bound to several values
    taken from the index (partners of actions, words of action texts)."""
    from graph.lookup import load_index
    from graph.query import bind_parameters, library

    index = load_index(exports)
    pairs = [(action["id"], org) for action in index.data["actions"] for org in action["partners"]]
    random.Random(7).shuffle(pairs)
    words = [w for action in index.data["actions"] for w in action.get("text", "").split() if len(w) > 6 and w.isalpha()]
    bound: list[tuple[str, str]] = []
    for query in library():
        kinds = {p.name: p.kind for p in query.params}
        for action_id, org in pairs[:per_query] if kinds else [(None, None)]:
            given = {}
            for name, kind in kinds.items():
                given[name] = {"organisation": index.name(org) or org, "action": action_id}.get(
                    kind, words[len(bound) % len(words)] if words else "giving")
            bound.append((query.name, bind_parameters(query, given, index)))
    return bound


def ask(base: str, query: str, timeout: float) -> tuple[int, float]:
    request = urllib.request.Request(base + "/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "application/sparql-results+json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    except OSError:
        status = 0  # no answer at all: refused, reset, or the client's own timeout
    return status, time.perf_counter() - started


def proc_status(pid: int) -> tuple[int, int]:
    """(RSS in MB, threads) of a live process; (0, 0) once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            fields = dict(line.split(":", 1) for line in handle)
        return int(fields["VmRSS"].split()[0]) // 1024, int(fields["Threads"])
    except (FileNotFoundError, ProcessLookupError, KeyError, ValueError):
        return 0, 0


class Peaks:
    """Peak RSS and threads of the proxy and of any one worker, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.proxy_mb = self.proxy_threads = self.worker_mb = self.worker_threads = self.workers_total_mb = 0
        self.workers_seen: set[int] = set()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            try:
                children = children_of(self.pid)
            except FileNotFoundError:
                return
            self.workers_seen.update(children)
            rss, threads = proc_status(self.pid)
            self.proxy_mb, self.proxy_threads = max(self.proxy_mb, rss), max(self.proxy_threads, threads)
            samples = [proc_status(child) for child in children]
            if samples:
                self.worker_mb = max(self.worker_mb, *(s[0] for s in samples))
                self.worker_threads = max(self.worker_threads, *(s[1] for s in samples))
                self.workers_total_mb = max(self.workers_total_mb, sum(s[0] for s in samples))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def soak(exports: Path, args: argparse.Namespace) -> int:
    queries = bound_library(exports)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "--exports", str(exports), "serve", "--port", str(port), "--timeout", str(args.timeout),
         "--workers", str(args.workers), "--queue", str(args.queue)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        announced = server.stderr.readline()
        if not announced.startswith("serving "):
            print(f"the server did not start: {announced.strip()}{server.stderr.read().strip()}")
            return 1
        peaks = Peaks(server.pid)
        sampler = threading.Thread(target=peaks.run, daemon=True)
        sampler.start()
        light: list[tuple[str, int, float]] = []
        heavy: list[tuple[str, int, float]] = []
        deadline = time.monotonic() + args.seconds
        client_timeout = args.timeout + 30  # a server that holds answers well within this

        def light_client(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                name, text = rng.choice(queries)
                status, seconds = ask(base, text, client_timeout)
                light.append((name, status, seconds))

        def heavy_client(name: str) -> None:
            while time.monotonic() < deadline:
                status, seconds = ask(base, HEAVY[name], client_timeout)
                heavy.append((name, status, seconds))

        rebuilds: list[int] = []  # each rebuild's exit code

        def rebuilder() -> None:
            for number in range(1, args.rebuilds + 1):
                time.sleep(max(0.0, started + number * args.seconds / (args.rebuilds + 1) - time.monotonic()))
                done = subprocess.run([sys.executable, "-m", "cli", "--exports", str(exports), "build", "--no-maps"],
                                      cwd=REPO, capture_output=True, text=True)
                rebuilds.append(done.returncode)

        clients = [threading.Thread(target=heavy_client, args=(name,)) for name in HEAVY]
        clients += [threading.Thread(target=rebuilder)] if args.rebuilds else []
        clients += [threading.Thread(target=light_client, args=(n,)) for n in range(args.clients - len(HEAVY))]
        started = time.monotonic()
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        elapsed = time.monotonic() - started
        died = server.poll() is not None
        server.send_signal(signal.SIGTERM)
        code = server.wait(30)
        peaks.stop.set()
        sampler.join()
        left = [pid for pid in peaks.workers_seen if proc_status(pid) != (0, 0)]
        report(light, heavy, elapsed, died, code, left, peaks, args)
        errors = sum(1 for _, status, _ in light if status != 200)
        moved = server.stderr.read().count("store rebuilt: now serving the build of ")
        if args.rebuilds:
            print(f"rebuilds while serving: {len(rebuilds)}, exit codes {rebuilds}; the server moved onto {moved}")
        rebuilt_well = rebuilds == [0] * args.rebuilds and moved == args.rebuilds
        return 0 if errors == 0 and not died and code == 0 and not left and rebuilt_well else 1
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def report(light, heavy, elapsed, died, code, left, peaks: Peaks, args) -> None:
    latencies = [seconds for _, status, seconds in light if status == 200]
    errors: dict[int, int] = {}
    for _, status, _ in light:
        if status != 200:
            errors[status] = errors.get(status, 0) + 1
    print(f"soak: {args.clients} clients ({len(HEAVY)} heavy) for {elapsed:.0f} s; server --workers {args.workers} "
          f"--queue {args.queue} --timeout {args.timeout:g}")
    print(f"light queries: {len(light)} ({len(light) / elapsed:.0f}/s), errors: {sum(errors.values())} {errors or ''}")
    if latencies:
        print(f"light latency: p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
              f"max {max(latencies) * 1000:.0f} ms")
    for name in HEAVY:
        answers = [(status, seconds) for n, status, seconds in heavy if n == name]
        by_status: dict[int, int] = {}
        for status, _ in answers:
            by_status[status] = by_status.get(status, 0) + 1
        print(f"heavy {name!r}: {len(answers)} sent, answered 504 timeout {by_status.pop(504, 0)}, "
              f"502 worker stopped (memory) {by_status.pop(502, 0)}, other {by_status or 0}, "
              f"slowest answer {max((s for _, s in answers), default=0):.1f} s")
    print(f"server died: {'yes' if died else 'no'}; stopped by SIGTERM with exit code {code}; "
          f"workers left running: {len(left)} of {len(peaks.workers_seen)} started")
    print(f"peak proxy: {peaks.proxy_mb} MB RSS, {peaks.proxy_threads} threads; peak worker: {peaks.worker_mb} MB RSS, "
          f"{peaks.worker_threads} threads; all workers together at most {peaks.workers_total_mb} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout (short, so heavy queries recur)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--queue", type=int, default=32)
    parser.add_argument("--rebuilds", type=int, default=0, help="rebuild the served exports this many times while soaking")
    parser.add_argument("--exports", type=Path, help="a built exports folder to reuse (default: build into a temporary folder)")
    args = parser.parse_args()
    if args.exports is not None:
        if not (args.exports / "store").is_dir():
            parser.error(f"no store in {args.exports}; run `tsgraph build` first or leave out --exports")
        return soak(args.exports.resolve(), args)
    scratch = Path(tempfile.mkdtemp(prefix="tsgraph-soak-"))
    try:
        from graph.build import build

        build(scratch / "exports")
        return soak(scratch / "exports", args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
