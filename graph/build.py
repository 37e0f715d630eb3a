"""`tsgraph build`: sources -> corpus -> graph and index -> SHACL check -> exports, store, maps.

Everything is written into a staging folder beside the output folder and swapped in only when
every step has succeeded, so a failed or interrupted build leaves the previous exports intact
(graph.atomic: one exchange, a lock that queues concurrent builds, SIGTERM and SIGHUP handled).
Every RDF file is read back from disk before the swap, so a file no reader can parse is never
published.
Outputs are deterministic: the same input gives byte-identical files (the on-disk store's
internal files excepted).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import staged
from .errors import TsgraphError
from .index_schema import CHECKSUM_NAME, index_digest
from .registry import load_registry
from .resolve import Corpus, build_corpus
from .resources import data_dir, ontology_dir
from .sources import load_documents

DEFAULT_EXPORTS = Path("exports")

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    output: Path
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)  # stage name -> seconds

    def summary(self) -> str:
        c = self.counts
        return (
            f"built {c['triples']} triples: {c['actions']} actions, {c['progress_entries']} progress entries, "
            f"{c['partners']} partners and {c['lead_units']} Defra units in {c['involvements']} involvements, "
            f"{c['money']} sums of money, {c['unresolved']} unresolved names"
            + (f"; the store holds them with the ontology, {c['store_triples']} triples" if "store_triples" in c else "")
            + "; "
            f"{self.seconds:.1f}s; outputs in {self.output}/"
        )


class Stages:
    """Times each stage of the build, for the benchmark and `--debug`."""

    def __init__(self, say: Progress) -> None:
        self.say = say
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.say(name)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def load_corpus(data: Path | None = None) -> Corpus:
    data = data or data_dir()
    return build_corpus(load_documents(data), load_registry(data))


def write_text(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="\n")


def write_json(path: Path, data: object, indent: int | None = 1) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent) + "\n")


def write_index(folder: Path, index: dict) -> None:
    """index.json with its checksum beside it (readers refuse an index changed after the build)."""
    raw = (json.dumps(index, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    write_text(folder / "index.json", raw)
    write_text(folder / CHECKSUM_NAME, index_digest(raw) + "\n")


def load_store(store_dir: Path, ntriples: Path, ontology: Path) -> int:
    """Load the graph and the ontology into an on-disk Oxigraph store; returns its triple count."""
    import pyoxigraph

    store = pyoxigraph.Store(str(store_dir))
    store.bulk_load(path=str(ntriples), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.bulk_load(path=str(ontology), format=pyoxigraph.RdfFormat.TURTLE)
    store.flush()
    size = len(store)
    del store
    return size


def check_output_folder(output: Path) -> None:
    """Fail before any work if the exports cannot go where asked."""
    for place in (output, *output.parents):
        if place.exists():
            if not place.is_dir():
                raise TsgraphError(f"cannot write exports to {output}: {place} is a file, not a folder")
            return


def stage_inputs(staging: Path, corpus: Corpus, projection) -> None:
    """What the second process reads: the graph, the index, and the documents (which travel with
    the exports, under their notice, so `tsgraph map` can redraw the explorer from any build)."""
    write_text(staging / "graph.nt", projection.ntriples)
    write_index(staging, projection.index)
    for document in corpus.documents.values():
        write_text(staging / "sources" / f"{document.id}.txt", document.text)
    notice = Path(next(iter(corpus.documents.values())).path).parent / "NOTICE.md"
    if notice.is_file():
        shutil.copyfile(notice, staging / "sources" / "NOTICE.md")


def write_outputs(staging: Path, projection, stages: Stages, *, store: bool) -> dict[str, int]:
    """The main process's share of the outputs; returns counts learnt on the way.

    The RDF files are read back here: the second process (validation, then the explorer) is the
    longer of the two, with or without the maps, so this one has the time."""
    from .export import write_exports
    from .export.jsonld import write_jsonld
    from .serialise import read_back, read_back_all, turtle

    ontology = ontology_dir()
    written = projection.index["counts"]["triples"]
    with stages.stage("writing RDF"):
        triples = read_back(staging / "graph.nt", written)  # the file as written, not the string
        write_text(staging / "graph.ttl", turtle(triples))
        write_jsonld(triples, staging)  # graph.jsonld, context.jsonld, actions/*.jsonld
        shutil.copyfile(ontology / "tsgraph.ttl", staging / "ontology.ttl")
        shutil.copyfile(ontology / "shapes.ttl", staging / "shapes.ttl")
    with stages.stage("reading the RDF back"):
        read_back_all(staging, written)
    with stages.stage("writing exports"):
        write_exports(projection.index, staging)
    counts = {}
    if store:
        with stages.stage("loading the embedded store"):
            counts["store_triples"] = load_store(staging / "store", staging / "graph.nt", ontology / "tsgraph.ttl")
    return counts


def build(
    output: Path = DEFAULT_EXPORTS,
    data: Path | None = None,
    *,
    maps: bool = True,
    store: bool = True,
    progress: Progress | None = None,
    shapes: Path | None = None,
    wait: bool = True,
    on_wait: Progress | None = None,
) -> BuildResult:
    """Build into a staging folder and swap it in for ``output``. Another build of the same output
    is waited for (``on_wait`` is told once), or with ``wait=False`` is a LockedError."""
    from .project import project
    from .worker import Worker

    started = time.perf_counter()
    stages = Stages(progress or (lambda message: None))
    output = Path(output)
    check_output_folder(output)
    with stages.stage("parsing sources"):
        corpus = load_corpus(data)
    with stages.stage("building the graph and the index"):
        projection = project(corpus)
    with staged(output, wait=wait, on_wait=on_wait) as staging:  # swapped in only if all below succeeds
        worker = Worker(staging, maps=maps, shapes=shapes)
        try:
            with stages.stage("writing the graph and the index"):
                stage_inputs(staging, corpus, projection)
            # Validation and the explorer run in a second process while this one writes the rest.
            worker.start()
            learnt = write_outputs(staging, projection, stages, store=store)
            with stages.stage("validating and writing the explorer (waiting for the second process)"):
                worker.check()
        except BaseException:
            worker.cancel()  # before the staging folder is removed: it writes there too
            raise
    counts = {**projection.index["counts"], **learnt}
    return BuildResult(output, time.perf_counter() - started, counts, stages.seconds)
