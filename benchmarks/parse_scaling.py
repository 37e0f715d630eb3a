"""Parse + resolve time of one long progress-report cell at 1×, 10× and 100× its length.

The corpus is the tests' small made-up strategy and a one-row progress report whose progress
cell holds a pattern repeated: names ("Ab "), sums ("£1 "), acronym definitions, a list of
names, and realistic prose with names, acronyms, sums, counts and sentence ends. Each size is
timed as the fastest of a few runs (the least disturbed by other work on the machine) of parsing
the report and resolving the whole corpus, less the same with a one-word cell, so the figures are
the cell's own cost. Linear growth shows as a
ratio near 10 per 10×; quadratic growth as near 100. At 100× every cell stays within the source
line limit (graph.sources.MAX_LINE_CHARACTERS), as a real source would have to.

    python benchmarks/parse_scaling.py [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.model import Document  # noqa: E402
from graph.registry import load_registry  # noqa: E402
from graph.resolve import build_corpus  # noqa: E402
from graph.resources import data_dir  # noqa: E402
from graph.sources import MAX_LINE_CHARACTERS, line_starts  # noqa: E402
from tests.sample_strategy import SAMPLE  # noqa: E402

PUBLISHER = "Department for Environment, Food and Rural Affairs"
HEADER = "Theme\tStrategy Chapter\tAction\tTiming\tActions\tProgress report\tNext actions"
ROW = "Working in partnership\tRivers and wetlands\t1.1\tImmediate\tSet up the Volunteer Advisory Panel.\t{cell}\t-"
BASE_CHARACTERS = 900  # 1×: about a real long cell; 100× is 90,000 characters, within the line limit
PATTERNS = {
    "names": "Ab ",
    "sums": "£1 ",
    "acronyms": "(ABC) ",
    "name list": "Natural England, WRAP and the Environment Agency, ",
    "sums and": "£1m and £2m ",
    "prose": ("The Wildlife Trusts (TWT) received £1.5m over three years from Natural England to support 30 local "
              "groups, and WRAP has been working with them on the Volunteer Advisory Panel. "),
}
SCALES = (1, 10, 100)


def documents(cell: str) -> list[Document]:
    def document(doc_id: str, kind: str, text: str) -> Document:
        return Document(id=doc_id, title=doc_id, publisher=PUBLISHER, date="2011-03" if kind == "strategy" else "2012-03",
                        kind=kind, path=f"{doc_id}.txt", licence="made up", text=text, line_starts=line_starts(text))

    report = "\n".join([HEADER, ROW.format(cell=cell)]) + "\n"
    return [document("sample-2011", "strategy", SAMPLE), document("report-2012", "progress-report", report)]


def seconds(cell: str, registry, runs: int) -> float:
    times = []
    for _ in range(runs):
        docs = documents(cell)
        started = time.perf_counter()
        build_corpus(docs, registry)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (the fastest is reported)")
    args = parser.parse_args()
    registry = load_registry(data_dir())
    baseline = seconds("Work has started.", registry, args.runs)
    print(f"parse + resolve of one progress cell, less a one-word cell ({baseline * 1000:.0f} ms); "
          f"fastest of {args.runs} runs; line limit {MAX_LINE_CHARACTERS:,} characters")
    print(f"{'pattern':<10} {'chars 1×':>9} " + " ".join(f"{f'{s}×':>9}" for s in SCALES) + "   ratios per 10×")
    worst = 0.0
    for name, pattern in PATTERNS.items():
        repeats = max(1, BASE_CHARACTERS // len(pattern))
        cells = [pattern * (repeats * scale) for scale in SCALES]
        assert len(cells[-1]) <= MAX_LINE_CHARACTERS, name
        own = [max(seconds(cell, registry, args.runs) - baseline, 1e-4) for cell in cells]
        ratios = [b / a for a, b in zip(own, own[1:])]
        worst = max(worst, ratios[-1])
        print(f"{name:<10} {len(cells[0]):>9,} " + " ".join(f"{t:>8.3f}s" for t in own) + "   "
              + "  ".join(f"{r:5.1f}" for r in ratios), flush=True)
    print(f"largest ratio from 10× to 100×: {worst:.1f} (linear: about 10; quadratic: about 100)")


if __name__ == "__main__":
    main()
