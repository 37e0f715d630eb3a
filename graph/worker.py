"""The build's second process: validate the graph, then write the offline explorer, while the
main process writes the RDF serialisations, the exports and the store (the machine has two cores).

The child is a fresh interpreter (``python -m graph.worker STAGING SHAPES [--no-maps]``), not a
fork: the validator's thread pool, once started in the parent, would deadlock in a forked child.
It reads what the main process staged first (graph.nt, index.json, the source texts) and writes
into the same staging folder. ``Worker.check()`` waits for it and raises ValidationError (the
graph does not conform) or TsgraphError (anything else) with the child's one-line message; the
build calls it before it swaps the new exports in, so a graph that fails is never published.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .errors import TsgraphError, ValidationError
from .resources import ontology_dir

NOT_CONFORMING, FAILED = 3, 4  # the child's own exit codes (1 would be any uncaught Python error)


class Worker:
    def __init__(self, staging: Path, *, maps: bool, shapes: Path | None = None) -> None:
        argv = [sys.executable, "-m", "graph.worker", str(staging), str(shapes or ontology_dir() / "shapes.ttl")]
        self._process = subprocess.Popen(argv + ([] if maps else ["--no-maps"]), stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True, encoding="utf-8")

    def check(self) -> None:
        report, errors = self._process.communicate()
        code = self._process.returncode
        if code == 0:
            return
        if code == NOT_CONFORMING and report:
            raise ValidationError(report.rstrip("\n"))
        if code == FAILED and report:
            raise TsgraphError(report.strip())
        detail = (errors.strip().splitlines() or [f"exit code {code}"])[-1]
        raise TsgraphError(f"the build's second process failed: {detail}")

    def cancel(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.communicate()


def run(staging: Path, shapes: Path, maps: bool) -> int:
    from .validate import validate

    try:
        validate((staging / "graph.nt").read_text(encoding="utf-8"), shapes)
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


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), Path(sys.argv[2]), "--no-maps" not in sys.argv[3:]))
