"""`tsgraph build`: sources -> corpus -> RDF graph -> SHACL check -> exports, index, store, maps.

Everything is written into a staging folder beside the output folder and swapped in only when
every step has succeeded, so a failed or interrupted build leaves the previous exports intact.
Outputs are deterministic: the same input gives byte-identical files (the on-disk store's
internal files excepted).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import TsgraphError, ValidationError
from .exporters import write_exports
from .index import build_index
from .rdf import PREFIXES, corpus_to_graph
from .registry import load_registry
from .resolve import Corpus, build_corpus
from .sources import DEFAULT_DATA_DIR, load_documents

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
DEFAULT_EXPORTS = Path("exports")
MAX_REPORTED_VIOLATIONS = 25

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    output: Path
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        c = self.counts
        return (
            f"built {c['triples']} triples: {c['actions']} actions, {c['progress_entries']} progress entries, "
            f"{c['organisations_involved']} organisations in {c['involvements']} involvements, "
            f"{c['money']} sums of money, {c['unresolved']} unresolved names; "
            f"{self.seconds:.1f}s; outputs in {self.output}/"
        )


def load_corpus(data_dir: Path = DEFAULT_DATA_DIR) -> Corpus:
    return build_corpus(load_documents(data_dir), load_registry(data_dir))


def validate(graph: Graph, shapes_path: Path = ONTOLOGY_DIR / "shapes.ttl") -> None:
    """Raise ValidationError with a readable report naming the offending nodes."""
    import pyshacl  # imported here: only the build needs the validator
    from rdflib.namespace import SH

    shapes = Graph().parse(shapes_path)
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    if conforms:
        return
    lines = []
    for result in sorted(results.subjects(SH.resultSeverity, None), key=str):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        lines.append(f"  {focus}: {path.n3(graph.namespace_manager) if path is not None else ''} {message}")
    lines.sort()
    shown = lines[:MAX_REPORTED_VIOLATIONS]
    more = len(lines) - len(shown)
    report = "\n".join(shown) + (f"\n  ... and {more} more" if more else "")
    raise ValidationError(f"the graph does not conform to {shapes_path.name} ({len(lines)} violations):\n{report}")


def sorted_ntriples(graph: Graph) -> str:
    lines = sorted(set(line for line in graph.serialize(format="nt").splitlines() if line.strip()))
    return "\n".join(lines) + "\n"


def jsonld_context() -> dict:
    return {"@context": {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}}


def jsonld_document(graph: Graph) -> dict:
    """A deterministic JSON-LD rendering: one node object per subject, sorted, with the published context."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF

    manager = graph.namespace_manager

    def compact(iri: URIRef) -> str:
        try:
            prefix, namespace, local = manager.compute_qname_strict(str(iri), generate=False)
            return f"{prefix}:{local}"
        except (ValueError, KeyError):
            return str(iri)

    def value(term) -> dict:
        if isinstance(term, Literal):
            item: dict = {"@value": str(term)}
            if term.language:
                item["@language"] = term.language
            elif term.datatype:
                item["@type"] = compact(term.datatype)
            return item
        return {"@id": compact(term)}

    nodes: dict[str, dict] = {}
    for s, p, o in graph:
        entry = nodes.setdefault(compact(s), {"@id": compact(s)})
        if p == RDF.type:
            entry.setdefault("@type", []).append(compact(o))
        else:
            entry.setdefault(compact(p), []).append(value(o))
    items = []
    for key in sorted(nodes):
        entry = nodes[key]
        for prop, values in entry.items():
            if isinstance(values, list):
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        items.append(entry)
    # The context is inline so any JSON-LD reader works offline; context.jsonld publishes the same object.
    return {**jsonld_context(), "@graph": items}


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_json(path: Path, data: object, indent: int | None = 1) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent) + "\n")


def load_store(store_dir: Path, ntriples: Path, ontology: Path) -> None:
    import pyoxigraph

    store = pyoxigraph.Store(str(store_dir))
    store.bulk_load(path=str(ntriples), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.bulk_load(path=str(ontology), format=pyoxigraph.RdfFormat.TURTLE)
    store.flush()
    del store


def replace_directory(staging: Path, output: Path) -> None:
    """Swap the staging folder in; the old output stays until the new one is in place."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)


def check_output_folder(output: Path) -> None:
    """Fail before any work if the exports cannot go where asked."""
    for place in (output, *output.parents):
        if place.exists():
            if not place.is_dir():
                raise TsgraphError(f"cannot write exports to {output}: {place} is a file, not a folder")
            return


def build(
    output: Path = DEFAULT_EXPORTS,
    data_dir: Path = DEFAULT_DATA_DIR,
    *,
    maps: bool = True,
    store: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    started = time.perf_counter()
    say = progress or (lambda message: None)
    output = Path(output)
    check_output_folder(output)
    say("parsing sources")
    corpus = load_corpus(data_dir)
    say("building the RDF graph")
    graph = corpus_to_graph(corpus)
    say("validating against the SHACL shapes")
    validate(graph)
    index = build_index(corpus)

    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        say("writing exports")
        write_text(staging / "graph.nt", sorted_ntriples(graph))
        write_text(staging / "graph.ttl", graph.serialize(format="turtle"))
        write_json(staging / "context.jsonld", jsonld_context(), indent=2)
        write_json(staging / "graph.jsonld", jsonld_document(graph), indent=None)
        write_json(staging / "index.json", index)
        shutil.copyfile(ONTOLOGY_DIR / "tsgraph.ttl", staging / "ontology.ttl")
        shutil.copyfile(ONTOLOGY_DIR / "shapes.ttl", staging / "shapes.ttl")
        write_exports(index, staging)
        if store:
            say("loading the embedded store")
            load_store(staging / "store", staging / "graph.nt", ONTOLOGY_DIR / "tsgraph.ttl")
        if maps:
            say("drawing maps")
            from .visualise import write_maps  # pyvis and networkx only load when maps are drawn

            write_maps(index, staging / "maps")
        replace_directory(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    involvements = sum(len(a["organisations"]) for a in index["actions"])
    counts = {
        "triples": len(graph),
        "actions": len(corpus.actions),
        "chapters": len(corpus.strategy.chapters),
        "progress_entries": len(corpus.progress),
        "organisations_involved": len({o for a in index["actions"] for o in a["organisations"]}),
        "involvements": involvements,
        "mentions": len(corpus.mentions),
        "money": len(corpus.money),
        "unresolved": len(corpus.candidates),
    }
    return BuildResult(output, time.perf_counter() - started, counts)
