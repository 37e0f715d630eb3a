"""Time the explorer at the real size and at ten times the organisations (about 3,000 nodes).

Prints, with their targets: the layout of both maps at 10× (target ≤ 5 s), writing the whole
explorer for the built index (target: well under 1 s, the build's whole budget being 2 s), and
the "who carries what" map's first draw at 10× in headless Chromium (target ≤ 2 s after
navigation; network cut off). Everything is written to a temporary folder that is removed.

    python benchmarks/explorer.py [--scale 10] [--runs 5] [--index exports/index.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic_index import generate_index  # noqa: E402

from graph.explore import write_explorer  # noqa: E402
from graph.explore.model import Explorer  # noqa: E402
from graph.explore.views import carries_view, overview_view  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def layout(index: dict) -> dict:
    explorer = Explorer(index)
    return {"carries": carries_view(explorer), "overview": overview_view(explorer)}


def first_draws(page: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    draws = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            tab = context.new_page()
            blocked = []
            tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (blocked.append(route.request.url), route.abort()))
            tab.goto(page.as_uri())
            tab.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
            draws.append(float(tab.evaluate("() => document.body.dataset.loadToDrawMs")))
            assert not blocked, blocked
            context.close()
        browser.close()
    return draws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--index", type=Path, default=Path("exports/index.json"), help="a built index, for the real-size figures")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tsgraph-explorer-"))
    try:
        if args.index.exists():
            real = json.loads(args.index.read_text(encoding="utf-8"))
            times = [timed(write_explorer, real, folder / f"real-{i}")[1:] for i in range(3)]
            wall, cpu = min(t[0] for t in times), min(t[1] for t in times)
            print(f"real index: explorer written in {wall:.2f} s wall, {cpu:.2f} s CPU (best of 3; target well under 1 s)")
        else:
            print(f"real index: {args.index} not found (run `tsgraph build` first); skipped")
        (index, texts), wall, _ = timed(generate_index, args.scale)
        explorer = Explorer(index)
        print(f"synthetic x{args.scale}: {len(index['actions'])} actions, {len(explorer.partners)} partners, "
              f"{len(index['entities'])} entities (generated in {wall:.1f} s)")
        views, wall, cpu = timed(layout, index)
        nodes = {name: len(view["nodes"]) for name, view in views.items()}
        print(f"layout of both maps ({nodes['carries']} + {nodes['overview']} nodes): {wall:.2f} s wall, {cpu:.2f} s CPU "
              f"(target ≤ 5 s: {'met' if wall <= 5 else 'NOT met'})")
        written, wall, cpu = timed(write_explorer, index, folder / "synthetic", texts)
        size = sum(p.stat().st_size for p in written)
        print(f"whole explorer at x{args.scale}: {len(written)} files, {size / 1e6:.1f} MB, {wall:.2f} s wall, {cpu:.2f} s CPU")
        if not Path(CHROMIUM).exists():
            print("chromium not installed: first draw not measured")
            return
        draws = first_draws(folder / "synthetic" / "who-carries-what.html", args.runs)
        median = statistics.median(draws)
        print(f"who carries what at x{args.scale} ({nodes['carries']} nodes, {len(views['carries']['edges'])} edges): first draw "
              f"median {median:.0f} ms after navigation over {args.runs} loads (min {min(draws):.0f}, max {max(draws):.0f}); "
              f"target ≤ 2000 ms: {'met' if median <= 2000 else 'NOT met'} ({2000 / median:.1f}x margin)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
