"""The build's second process: validate the graph, then write the offline explorer, while the
main process writes the RDF serialisations, the exports and the store (the machine has two cores).

The child is a fresh interpreter (``python -m graph.worker STAGING SHAPES [--no-maps]``), not a
fork: the validator's thread pool, once started in the parent, would deadlock in a forked child.
It reads what the main process staged first (graph.nt, index.json, the source texts) and writes
into the same staging folder. ``Worker.check()`` waits for it and raises ValidationError (the
graph does not conform) or TsgraphError (anything else) with the child's one-line message; the
build calls it before it swaps the new exports in, so a graph that fails is never published.
If the build is stopped, ``Worker.cancel()`` kills the child before the staging folder is removed;
if the build dies outright, the child is killed with it (``PR_SET_PDEATHSIG``), so it never writes
into a staging folder the next build is removing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from .errors import TsgraphError, ValidationError
from .resources import ontology_dir

NOT_CONFORMING, FAILED = 3, 4  # the child's own exit codes (1 would be any uncaught Python error)
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_VARIABLE = "TSGRAPH_BUILD_PID"


class Worker:
    """The second process: made first, then started, so whoever holds it can always cancel it."""

    def __init__(self, staging: Path, *, maps: bool, shapes: Path | None = None) -> None:
        argv = [sys.executable, "-m", "graph.worker", str(staging), str(shapes or ontology_dir() / "shapes.ttl")]
        self._argv = argv + ([] if maps else ["--no-maps"])
        self._process: subprocess.Popen | None = None

    def start(self) -> Worker:
        self._process = subprocess.Popen(self._argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                         env={**os.environ, PARENT_VARIABLE: str(os.getpid())})
        return self

    def check(self) -> None:
        assert self._process is not None, "check() before start()"
        report, errors = self._process.communicate()
        code = self._process.returncode
        if code == 0:
            return
        if code == NOT_CONFORMING and report:
            raise ValidationError(report.rstrip("\n"))
        if code == FAILED and report:
            raise TsgraphError(report.strip())
        detail = (errors.strip().split("\n") if errors.strip() else [f"exit code {code}"])[-1]
        raise TsgraphError(f"the build's second process failed: {detail}")

    def cancel(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.kill()
        self._process.communicate()


def run(staging: Path, shapes: Path, maps: bool) -> int:
    from .validate import validate

    try:
        # Bytes decoded, not read_text: text mode would turn a raw "\r" into a line break.
        validate((staging / "graph.nt").read_bytes().decode("utf-8"), shapes)
    except ValidationError as exc:
        print(exc)
        return NOT_CONFORMING
    if maps:
        from .explore import write_explorer

        from .explore.sourceview import read_texts

        index = json.loads((staging / "index.json").read_text(encoding="utf-8"))
        try:
            write_explorer(index, staging / "maps", texts=read_texts(staging / "sources", index))
        except TsgraphError as exc:
            print(exc)
            return FAILED
    return 0


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when the build that started it dies (no-op elsewhere)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(FAILED)


if __name__ == "__main__":
    die_with_parent(int(os.environ.get(PARENT_VARIABLE, os.getppid())))
    sys.exit(run(Path(sys.argv[1]), Path(sys.argv[2]), "--no-maps" not in sys.argv[3:]))
