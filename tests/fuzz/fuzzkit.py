"""The fuzz suite's machinery: sizes and seeds, the per-case hang detector, the one property
every target shares (success, or a one-line TsgraphError naming the file), and the case log
that benchmarks/fuzz_report.py reads.

Sizes (environment):
  TSGRAPH_FUZZ_EXAMPLES  cases per target; unset: a small derandomised run for CI (fixed seed,
                         the same cases every time); set: that many random cases per target.
  TSGRAPH_FUZZ_CASE_SECONDS  a case slower than this is a hang (default 10).
  TSGRAPH_FUZZ_LOG       a JSON-lines file: one record per case (target, seconds, outcome).
  TSGRAPH_FUZZ_SURVEY    with the log: record each failing case and go on (no stop, no
                         shrinking), so one run lists every distinct failure; the test still
                         fails at its end if any case failed.
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, settings

from graph.errors import TsgraphError

CI_EXAMPLES = 200  # per target: about 25 s for the four on this 2-core machine when no case hangs
EXAMPLES = int(os.environ.get("TSGRAPH_FUZZ_EXAMPLES") or CI_EXAMPLES)
LONG_RUN = bool(os.environ.get("TSGRAPH_FUZZ_EXAMPLES"))
# The largest inputs the strategies make (two 60 KB lines of "£1 ", 40,000 sums projected into
# about 1.4 million triples) take 5 to 6 s here, linearly in the number of sums (1,000 to 8,000
# sums in one cell project in 0.18 to 1.23 s); a hang is a case well past that, not a large one.
CASE_SECONDS = float(os.environ.get("TSGRAPH_FUZZ_CASE_SECONDS") or 10)
LOG = os.environ.get("TSGRAPH_FUZZ_LOG")
SURVEY = bool(LOG and os.environ.get("TSGRAPH_FUZZ_SURVEY"))
REPO = Path(__file__).resolve().parents[2]

# Hypothesis's caches are kept outside the checkout by tests/conftest.py.

# Our own hang detector replaces hypothesis's deadline (which only judges a case after it ends,
# so a real hang would never be reported). No example database: nothing is written into the
# checkout, and CI replays the same derandomised cases every time.
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=not LONG_RUN,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                           HealthCheck.large_base_example],
)


class Hang(Exception):
    """A case ran past the per-case limit (what hypothesis is told)."""


class _Alarm(BaseException):
    """The clock ran out. A BaseException, so that no `except Exception` on the way swallows it."""


class PropertyViolation(AssertionError):
    """A case broke the property in a way that is not a crash: a bad error message, a bad output."""


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Alarm("case still running when the clock ran out")


@contextmanager
def time_limit(seconds: float | None = None):
    """Raise _Alarm in the main thread once ``seconds`` pass (re's matcher and Python loops both
    notice the signal). A hang stuck where no signal is noticed (inside a C call that never
    returns) is caught by faulthandler: it prints every thread's stack and ends the process."""
    seconds = CASE_SECONDS if seconds is None else seconds
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 6 + 30, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


def one_line(message: str) -> bool:
    """One line as a terminal or any reader splitting lines sees it: no line separator of any kind."""
    return bool(message.strip()) and len(message.splitlines()) == 1 and not message.endswith(("\n", "\r"))


def check_error(exc: TsgraphError, names: tuple[str, ...]) -> None:
    """A clean refusal: one line, naming one of the files the case wrote or pointed at."""
    message = str(exc)
    if not one_line(message):
        raise PropertyViolation(f"error message is not one line: {message!r}") from exc
    names = tuple(name for name in names if name)
    if not any(name in message for name in names):
        raise PropertyViolation(f"error message names none of {list(names)}: {message!r}") from exc


REPEATS = re.compile(r"(.{1,24}?)\1{7,}", re.S)


def compress_runs(text: str) -> str:
    """A long input made readable: a run of one token repeated becomes «token»×count."""
    return REPEATS.sub(lambda m: f"«{m.group(1)}»×{len(m.group(0)) // len(m.group(1))}", text)


def where_it_failed(exc: BaseException) -> str:
    """The innermost frame in the project's code (graph/, cli.py), else the innermost frame."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).name != "fuzzkit.py"]
    ours = [f for f in frames if "/graph/" in f.filename or f.filename.endswith("cli.py")]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    return f"{Path(frame.filename).relative_to(REPO) if frame.filename.startswith(str(REPO)) else frame.filename}:{frame.lineno} ({frame.name})"


def signature(exc: BaseException) -> str:
    """What makes two failures the same: the kind of failure and where it arose."""
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, _Alarm):  # where the clock ran out varies by a line or two: the function says enough
        return f"Hang in {where_it_failed(exc).split(':')[0]} {where_it_failed(exc).rsplit(' ', 1)[-1]}"
    if isinstance(exc, PropertyViolation):
        kind = str(exc).split(":", 1)[0]
        return f"{kind}: {type(cause).__name__} at {where_it_failed(cause)}" if cause else kind
    return f"{type(exc).__name__} at {where_it_failed(exc)}"


class CaseLog:
    """Counts and times every case of one target; in survey mode keeps failures instead of raising."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.failures = 0

    def write(self, record: dict) -> None:
        if LOG:
            with open(LOG, "a", encoding="utf-8") as out:
                out.write(json.dumps({"target": self.target, **record}, ensure_ascii=True) + "\n")

    def run(self, case: Callable[[], str], describe: Callable[[], object]) -> None:
        """Run one case under the time limit. ``case`` returns "ok" or "refused" (a clean
        error); anything it raises is a failure."""
        started = time.perf_counter()
        try:
            with time_limit():
                outcome = case()
        except _Alarm as exc:
            self._failed(started, exc, describe)
            if SURVEY:
                return
            # Raised here, from one place, so hypothesis counts every hang of a target as one bug.
            raise Hang(f"{self.target}: case ran past {CASE_SECONDS:g}s (last in {where_it_failed(exc)})") from None
        except BaseException as exc:  # noqa: BLE001 - every other escape is a failure too
            if isinstance(exc, KeyboardInterrupt):
                raise
            self._failed(started, exc, describe)
            if not SURVEY:
                raise
            return
        self.write({"seconds": round(time.perf_counter() - started, 4), "outcome": outcome})

    def _failed(self, started: float, exc: BaseException, describe: Callable[[], object]) -> None:
        self.failures += 1
        given = compress_runs(repr(describe()))
        self.write({
            "seconds": round(time.perf_counter() - started, 4), "outcome": "failure",
            "signature": signature(exc), "message": str(exc)[:300], "input": given[:4000], "input_size": len(given),
        })


def finish(log: CaseLog) -> None:
    """In survey mode the cases went on past failures: fail the test now if any case failed."""
    if SURVEY and log.failures:
        raise AssertionError(f"{log.failures} {log.target} cases failed; see {LOG} (benchmarks/fuzz_report.py groups them)")


def write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def debug(*parts: object) -> None:  # for a developer chasing one case: TSGRAPH_FUZZ_DEBUG=1
    if os.environ.get("TSGRAPH_FUZZ_DEBUG"):
        print(*parts, file=sys.stderr)
