"""Time the overview map's first draw in headless Chromium, in real time, over several loads.

The page records when vis-network first finishes drawing (performance.now(), from navigation
start) in data attributes that Chromium's --dump-dom prints. Run after `tsgraph build`:

    python benchmarks/maps.py [--runs 7] [--map exports/maps/overview.html]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--window-size=1400,900", "--timeout=6000", "--dump-dom"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--map", type=Path, default=Path("exports/maps/overview.html"))
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    draws, scripts = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", args.map.resolve().as_uri()],
                                 capture_output=True, text=True, timeout=60).stdout
        body = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', re.search(r"<body([^>]*)>", dom).group(1)))
        draws.append(float(body["load-to-draw-ms"]))
        scripts.append(float(body["first-draw-ms"]))
        nodes, edges = body["drawn-nodes"], body["drawn-edges"]
    median = statistics.median(draws)
    print(f"{args.map.name}: {nodes} nodes, {edges} edges drawn")
    print(f"first draw after navigation start: median {median:.0f} ms over {args.runs} loads (min {min(draws):.0f}, max {max(draws):.0f})")
    print(f"of which after the page script started: median {statistics.median(scripts):.0f} ms")
    print(f"target: first draw within 2000 ms of load: {'met' if median <= 2000 else 'NOT met'} ({2000 / median:.1f}x margin)")


if __name__ == "__main__":
    main()
