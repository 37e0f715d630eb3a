"""Hunt for super-linear parsing or resolution: long repetitive inputs in every kind of text unit.

Each case puts one pattern, repeated, into one place of the real documents (a strategy action's
text, a progress-report cell, a chapter overview paragraph, an annex item, a list of names) at
1×, 10× and 100× its base length, and times each stage of parsing and resolution (cProfile's
cumulative time per stage function). A stage whose time grows by more than ``SUPERLINEAR`` per
10× is reported. Cases that are already super-linear at 10× skip the 100× run (it would take
minutes), so the script always ends in a few minutes.

    python benchmarks/parse_adversarial.py            # every pattern in every place
    python benchmarks/parse_adversarial.py --quick    # a few patterns, progress cells only
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.registry import load_registry  # noqa: E402
from graph.resolve import build_corpus  # noqa: E402
from graph.resources import data_dir  # noqa: E402
from graph.sources import line_starts, load_documents  # noqa: E402

BASE_CHARACTERS = 600  # 1×: about 600 characters ("Ab " × 200), a long but real-sized cell; 100× fits the line limit
SCALES = (1, 10, 100)
SUPERLINEAR = 20.0  # a linear stage grows about 10× per 10×; noise stays well under 20×
NOISE_SECONDS = 0.1  # stages faster than this at the larger size are not judged (the machine's noise)
# The tokens the rules care about: names and acronyms, sums, numbering, bullets, white space,
# capitals, brackets, commas, new lines, and a stretch of realistic prose.
PATTERNS = {
    "Ab": "Ab ",
    "pound": "£1 ",
    "acronym": "(ABC) ",
    "and": "and ",
    "the": "the ",
    "Defra": "Defra ",
    "sums": "£1m and £2m ",
    "numbering": "1.1 ",
    "italics": "* ",
    "spaces": "  ",
    "digits": "1234567890",
    "capitals": "ABCDEFGHIJ",
    "brackets": "((((",
    "commas": "A, B, ",
    "newlines": "x\n",
    "names": "Natural England, WRAP and the Environment Agency, ",
    "each": "each of the 12 groups ",
    "dots": "A. B. ",
    "post-nominals": "MP ",
    "roles": "The Board is the lead Minister ",
    "prose": "Defra gave the Wildlife Trusts (TWT) £1.5m over three years to support 30 local groups. ",
}
QUICK = ("Ab", "pound", "acronym", "sums", "prose")
STAGES = {
    "parse strategy": "parse_strategy",
    "parse progress": "parse_progress_report",
    "acronyms": "learn_acronyms",
    "vocabulary": "of",
    "name scan": "scan",
    "candidates": "find_candidates",
    "money": "find_money",
    "status": "classify_status",
    "restatement": "compare_restatement",
    "deal links": "link_deal",
    "annex refs": "find_annex_references",
}


def inject(text: str, marker: str, addition: str, cell: int = 5) -> str:
    """``text`` with ``addition`` appended to the line that starts with ``marker`` (its first cell's end
    for a tab-separated row: ``marker`` then names the cell to lengthen)."""
    lines = text.split("\n")
    if marker in AFTER_HEADING:
        heading = lines.index(AFTER_HEADING[marker])
        marker = next(line for line in lines[heading + 1:] if line.strip())
    for index, line in enumerate(lines):
        if line.startswith(marker):
            lines[index] = line + " " + addition if "\t" not in line else lengthen_cell(line, addition, cell)
            return "\n".join(lines)
    raise SystemExit(f"no line starts with {marker!r}")


def lengthen_cell(row: str, addition: str, cell: int = 5) -> str:
    cells = row.split("\t")
    cells[cell] = cells[cell] + " " + addition
    return "\t".join(cells)


# Where each place lies: (document kind, the start of the line to lengthen).
PLACES = {
    "progress cell": ("progress-report", "Achieving Together\tAdvocacy, Voice and Campaigning\t1.1\t"),
    "action text": ("strategy", "- 1.1 "),
    "chapter prose": ("strategy", "We will work with third sector organisations as advocates"),
    "annex item": ("strategy", "- Putting outcomes for users"),
    "restated cell": ("progress-report", "Achieving Together\tAdvocacy, Voice and Campaigning\t1.1\t"),
    "development": ("strategy", "DEVELOPMENT"),
    "monitoring": ("strategy", "MONITORING"),
    "signature": ("strategy", "Rt Hon Hilary Benn MP"),
}
# Places found by the line after a heading (the first paragraph of the section).
AFTER_HEADING = {"DEVELOPMENT": "How we developed our Strategy", "MONITORING": "Monitoring and Reviewing our strategy"}


def documents_with(place: str, addition: str):
    kind, marker = PLACES[place]
    documents = []
    for document in load_documents(data_dir()):
        if document.kind == kind and (kind != "progress-report" or not documents_of_kind(documents, kind)):
            one_line = place in ("progress cell", "restated cell", "signature")  # a new line would change the layout
            text = inject(document.text, marker, addition.replace("\n", " ") if one_line else addition,
                          cell=4 if place == "restated cell" else 5)
            document = replace(document, text=text, line_starts=line_starts(text))
        documents.append(document)
    return documents


def documents_of_kind(documents, kind: str) -> bool:
    return any(d.kind == kind for d in documents)


def profile(documents, registry) -> tuple[float, dict[str, float]]:
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    build_corpus(documents, registry)
    profiler.disable()
    total = time.perf_counter() - started
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    stages = {}
    for stage, function in STAGES.items():
        stages[stage] = sum(v[3] for (path, _, name), v in stats.items() if name == function and "graph" in path)
    return total, stages


def repeats(pattern: str) -> int:
    """How many times the pattern is repeated at 1×."""
    return max(1, BASE_CHARACTERS // len(PATTERNS[pattern]))


def run_case(place: str, pattern: str, registry) -> list[str]:
    """Times per scale; returns the super-linear stages found."""
    previous: dict[str, float] | None = None
    flagged: list[str] = []
    row = []
    for scale in SCALES:
        addition = PATTERNS[pattern] * (repeats(pattern) * scale)
        total, stages = profile(documents_with(place, addition), registry)
        row.append(f"{scale}×={total:6.2f}s")
        if previous is not None:
            for stage, seconds in stages.items():
                if seconds >= NOISE_SECONDS and seconds / max(previous[stage], NOISE_SECONDS / 10) > SUPERLINEAR:
                    flagged.append(f"{stage} ({previous[stage]:.3f}s -> {seconds:.3f}s)")
        previous = stages
        if flagged:
            break  # a super-linear stage at this scale would take minutes at the next
    print(f"{place:<14} {pattern:<10} {'  '.join(row):<40} {'SUPER-LINEAR: ' + '; '.join(flagged) if flagged else 'linear'}",
          flush=True)
    return flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few patterns, in progress cells only")
    parser.add_argument("--place", action="append", choices=list(PLACES), help="only this place (repeatable)")
    parser.add_argument("--pattern", action="append", choices=list(PATTERNS), help="only this pattern (repeatable)")
    args = parser.parse_args()
    registry = load_registry(data_dir())
    places = args.place or (["progress cell"] if args.quick else list(PLACES))
    patterns = args.pattern or (QUICK if args.quick else list(PATTERNS))
    print(f"base: each pattern repeated to about {BASE_CHARACTERS} characters; scales {', '.join(f'{s}×' for s in SCALES)}; "
          f"a stage is super-linear if it grows over {SUPERLINEAR:g}× per 10×")
    failures = 0
    for place in places:
        for pattern in patterns:
            failures += bool(run_case(place, pattern, registry))
    print(f"{failures} super-linear case(s) of {len(places) * len(patterns)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
