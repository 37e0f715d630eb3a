"""The source view: each document as an HTML page whose lines carry their character offsets, so
a link such as ``id/source/strategy-2008.html#s=1234-1250`` highlights exactly those characters.

The explorer needs the documents' text, which the index does not hold. The build passes the
texts it parsed (through exports/sources/, which `tsgraph map` reads too); called without texts,
the explorer reads the bundled documents. Either way every span the index cites is checked
against the text first, so a view can never highlight the wrong words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from ..errors import TsgraphError


def lines(text: str) -> list[dict]:
    """The text as lines (each keeping its newline), with the offset each starts at and its length.

    Lines end at "\n" only, as the parser counts them (str.splitlines() would also break at
    U+2028, \x0b, \x1c and others)."""
    out, at = [], 0
    for line in text.split("\n"):
        line += "\n" if at + len(line) < len(text) else ""
        if line:
            out.append({"o": at, "n": len(line), "text": line})
            at += len(line)
    return out


def spans(value: object) -> Iterator[dict]:
    """Every source span anywhere in the index: dicts with document, start, end and quote."""
    if isinstance(value, dict):
        if {"document", "start", "end", "quote"} <= value.keys():
            yield value
        for child in value.values():
            yield from spans(child)
    elif isinstance(value, list):
        for child in value:
            yield from spans(child)


def check_texts(index: dict, texts: Mapping[str, str]) -> None:
    """Fail, naming the first mismatch, if the texts are not the ones the index was built from."""
    for source in index["sources"]:
        if source["id"] not in texts:
            raise TsgraphError(f"no text for source document {source['id']!r}: the explorer needs every document the index cites")
    for span in spans(index):
        text = texts.get(span["document"])
        if text is None or text[span["start"]:span["end"]] != span["quote"]:
            raise TsgraphError(
                f"the source text of {span['document']!r} does not match the index at {span['start']}-{span['end']} "
                f"(expected {span['quote'][:40]!r}); rebuild with `tsgraph build`"
            )


def load_texts(index: dict) -> dict[str, str]:
    """The texts of the documents the index cites, read as the manifest lists them."""
    from ..sources import load_documents

    documents = {d.id: d.text for d in load_documents()}
    return {s["id"]: documents[s["id"]] for s in index["sources"] if s["id"] in documents}


def read_texts(folder: Path, index: dict) -> dict[str, str]:
    """The texts of the documents the index cites, as the build keeps them (EXPORTS/sources/)."""
    from ..errors import NotBuiltError

    texts = {}
    for source in index["sources"]:
        path = folder / f"{source['id']}.txt"
        if not path.is_file():
            raise NotBuiltError(f"no source text at {path}; run `tsgraph build` again")
        texts[source["id"]] = path.read_text(encoding="utf-8")
    return texts
