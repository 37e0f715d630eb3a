"""Read the graph's N-Triples back as pyoxigraph triples, write Turtle, and read exports back.

The projections give sorted N-Triples; pyoxigraph reads the written graph.nt once and writes
Turtle (tens of milliseconds where rdflib's writer took seconds). JSON-LD is graph.export.jsonld's.

Every RDF file the build writes is read back from disk before the exports are swapped in
(`read_back`), so a file no reader can parse, or one that reads as other than the triples written,
fails the build instead of being published.
"""

from __future__ import annotations

from pathlib import Path

from .errors import TsgraphError
from .vocab import PREFIXES


class ReadBackError(TsgraphError):
    """An export as written cannot be read back, or reads back as other than what was written."""


def turtle(triples: list) -> bytes:
    import pyoxigraph

    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES)


def read_back(path: Path, expected: int | None = None, *, keep: bool = True) -> list:
    """The triples of an RDF export as pyoxigraph reads them from disk (by its suffix: .nt, .ttl,
    .jsonld); ReadBackError, in one line, if it cannot be read, holds no triple, or holds other
    than ``expected`` triples. With ``keep=False`` they are only counted (an empty list returned):
    in the build's large heap, keeping 50,000 triples costs the garbage collector more than reading."""
    import pyoxigraph

    formats = {".nt": pyoxigraph.RdfFormat.N_TRIPLES, ".ttl": pyoxigraph.RdfFormat.TURTLE,
               ".jsonld": pyoxigraph.RdfFormat.JSON_LD}
    triples: list = []
    try:
        parsed = pyoxigraph.parse(path=str(path), format=formats[path.suffix])
        if keep:
            triples = list(parsed)
            count = len(triples)
        else:
            count = sum(1 for _ in parsed)
    except (SyntaxError, ValueError, OSError) as exc:
        detail = " ".join(str(exc).split())  # the parser's message, on one line
        raise ReadBackError(f"{path.name} as written cannot be read back ({detail}); the previous exports were kept") from exc
    if expected is not None and count != expected:
        raise ReadBackError(f"{path.name} reads back as {count} triples where {expected} were written; "
                            "the previous exports were kept")
    if not count:
        raise ReadBackError(f"{path.name} reads back as no triples; the previous exports were kept")
    return triples


def read_back_all(staging: Path, written: int) -> None:
    """Read back the Turtle, the JSON-LD and each action's framed JSON-LD (graph.nt is read back
    first, as the triples the others are written from)."""
    read_back(staging / "graph.ttl", written, keep=False)
    read_back(staging / "graph.jsonld", written, keep=False)
    for frame in sorted((staging / "actions").glob("*.jsonld")):
        read_back(frame, keep=False)
