"""Run the fuzz suite and print, per target, the cases run, how they ended, the slowest case,
and every distinct failure with its smallest input seen.

    python benchmarks/fuzz_report.py                      # the CI size, derandomised
    python benchmarks/fuzz_report.py --examples 10000     # 10,000 random cases per target
    python benchmarks/fuzz_report.py --examples 3000 --survey --target sources

--survey records a failing case and goes on (no stop at the first failure, no shrinking), so
one run lists every distinct failure; without it, each target stops at its first failures and
hypothesis prints their shrunk reproducers in the pytest output. The case log is written to a
temporary folder and removed afterwards unless --keep-log names a file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPEATS = re.compile(r"(.{1,24}?)\1{7,}", re.S)  # as tests/fuzz/fuzzkit.py: «token»×count
TARGETS = {"sources": "test_fuzz_sources.py", "manifest": "test_fuzz_manifest.py",
           "registry": "test_fuzz_registry.py", "cli": "test_fuzz_cli.py"}


def summarise(records: list[dict]) -> str:
    lines = []
    by_target: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_target[record["target"]].append(record)
    lines.append(f"{'target':<10} {'cases':>7} {'ok':>7} {'refused':>8} {'failed':>7} {'max s':>7} {'mean s':>7}")
    for target, rows in sorted(by_target.items()):
        outcomes = Counter(r["outcome"] for r in rows)
        seconds = [r["seconds"] for r in rows]
        lines.append(f"{target:<10} {len(rows):>7} {outcomes['ok']:>7} {outcomes['refused']:>8} {outcomes['failure']:>7} "
                     f"{max(seconds):>7.2f} {sum(seconds) / len(seconds):>7.3f}")
    failures: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for record in records:
        if record["outcome"] == "failure":
            # A hang is one failure per function, whichever line the clock ran out on.
            sig = re.sub(r"^Hang at (\S+):\d+ (\(.*\))$", r"Hang in \1 \2", record["signature"])
            failures[(record["target"], sig)].append(record)
    lines.append(f"\n{len(failures)} distinct failures")
    for (target, sig), rows in sorted(failures.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        smallest = min(rows, key=lambda r: r["input_size"])
        lines.append(f"\n[{target}] {len(rows)} cases: {sig}")
        lines.append(f"  message: {smallest['message'][:240]}")
        shown = REPEATS.sub(lambda m: f"«{m.group(1)}»×{len(m.group(0)) // len(m.group(1))}", smallest["input"])
        lines.append(f"  smallest input ({smallest['input_size']} chars): {shown[:600]}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=0, help="cases per target (default: the CI size)")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="only this target (repeatable)")
    parser.add_argument("--survey", action="store_true", help="record failing cases and go on")
    parser.add_argument("--case-seconds", type=float, default=0, help="a case slower than this is a hang (default: the suite's, 10)")
    parser.add_argument("--keep-log", type=Path, help="keep the JSON-lines case log here")
    parser.add_argument("--summarise", type=Path, help="only print the summary of an existing case log")
    args = parser.parse_args()
    if args.summarise:
        print(summarise([json.loads(line) for line in args.summarise.read_text().splitlines() if line]))
        return 0
    with tempfile.TemporaryDirectory(prefix="tsgraph-fuzz-") as folder:
        log = args.keep_log or Path(folder) / "cases.jsonl"
        log.unlink(missing_ok=True)
        env = {**os.environ, "TSGRAPH_FUZZ_LOG": str(log)}
        env.pop("TSGRAPH_FUZZ_EXAMPLES", None)
        if args.examples:
            env["TSGRAPH_FUZZ_EXAMPLES"] = str(args.examples)
        if args.survey:
            env["TSGRAPH_FUZZ_SURVEY"] = "1"
        if args.case_seconds:
            env["TSGRAPH_FUZZ_CASE_SECONDS"] = str(args.case_seconds)
        files = [str(REPO / "tests" / "fuzz" / TARGETS[t]) for t in (args.target or TARGETS)]
        code = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files], cwd=REPO, env=env)
        records = [json.loads(line) for line in log.read_text().splitlines() if line] if log.exists() else []
        print("\n" + summarise(records) if records else "no cases were logged")
    return code


if __name__ == "__main__":
    sys.exit(main())
