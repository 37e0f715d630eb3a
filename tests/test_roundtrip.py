"""Exports that cannot be corrupt: every line separator and control character in a source text or
an organisation name survives the round trip through graph.nt, and a build that cannot read back
its own output fails in one line and keeps the previous exports."""

from __future__ import annotations

import json

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from cli import cli
from graph.build import build
from sample_strategy import SAMPLE
from small_corpus import small_data, tree

# Every character str.splitlines() breaks a line at but "\n" and "\r" (which a literal always
# escapes), and the next line character of Latin-1, which some readers split at too.
SEPARATORS = ["\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x85", "\x0b", "\x0c"]
SENTENCE = "This plan describes how the Department will work with voluntary groups to look after rivers"
ORGANISATIONS = ["acre", "audit-commission", "baring-foundation", "bassac", "acc-directorate",
                 "association-of-charity-shops", "advisory-committee-on-packaging", "b-and-q"]


def with_separators(tmp_path):
    """A small data folder with each separator inside one quoted sentence (between two of its
    words) and inside one organisation's name (after its first word); returns the new texts."""
    words = SENTENCE.split(" ")
    sentence = words[0] + "".join(f"{SEPARATORS[i % len(SEPARATORS)]}{word}" for i, word in enumerate(words[1:]))
    assert SAMPLE.count(SENTENCE) == 1
    data = small_data(tmp_path, SAMPLE.replace(SENTENCE, sentence))
    registry = data / "organisations.json"
    records = json.loads(registry.read_text(encoding="utf-8"))
    names = {}
    for record in records["organisations"]:
        if record["id"] in ORGANISATIONS:
            char = SEPARATORS[ORGANISATIONS.index(record["id"])]
            record["name"] = names[char] = record["name"].replace(" ", char, 1)
    assert len(names) == len(SEPARATORS)
    registry.write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sentence, names


def test_every_separator_in_a_text_and_a_name_round_trips(tmp_path):
    sentence, names = with_separators(tmp_path)
    out = tmp_path / "exports"
    build(out, tmp_path / "data", maps=False)  # the store reads the graph too
    raw = (out / "graph.nt").read_bytes()
    assert raw.count(b"\n") == len(raw.decode("utf-8").splitlines())  # nothing but "\n" breaks a line
    read_by_rdflib = Graph().parse(data=raw.decode("utf-8"), format="nt")
    by_rdflib = {str(o) for _, _, o in read_by_rdflib if isinstance(o, Literal)}
    by_oxigraph = {t.object.value for t in pyoxigraph.parse(raw, format=pyoxigraph.RdfFormat.N_TRIPLES)
                   if isinstance(t.object, pyoxigraph.Literal)}
    assert by_rdflib == by_oxigraph
    assert any(sentence in text for text in by_oxigraph)  # the quote of the sentence, every character kept
    for char, name in names.items():
        assert char.encode("utf-8") not in raw, repr(char)  # escaped, as \uXXXX or \f
        assert name in by_oxigraph, repr(char)  # the organisation's name, character and all


def test_the_writer_escapes_every_line_breaking_character():
    from graph.project.context import literal

    breaking = [chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".splitlines()) > 1]
    assert set(breaking) == {"\n", "\r", *SEPARATORS}  # the set str.splitlines() uses, checked
    for char in breaking + ["\x00", "\x7f", "\x9f"]:
        term = literal(f"a{char}b")
        assert len(term.splitlines()) == 1 and char not in term, repr(char)
        assert str(next(iter(pyoxigraph.parse(f"<urn:x:s> <urn:x:p> {term} .\n".encode(),
                                                format=pyoxigraph.RdfFormat.N_TRIPLES))).object.value) == f"a{char}b"


@pytest.fixture
def previous(tmp_path):
    """A small data folder and a complete previous build of it, with every file's bytes."""
    data = small_data(tmp_path)
    out = tmp_path / "exports"
    build(out, data, maps=False, store=False)
    return data, out, tree(out)


def failed_build(data, out, *flags: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data), "--no-store", *flags])
    return result.exit_code, result.output


def test_a_graph_that_cannot_be_read_back_is_never_published(previous, monkeypatch):
    from graph.project.context import Context

    data, out, before = previous
    written = Context.ntriples
    # The writer emits a line no reader can parse: a literal broken by a raw line separator.
    monkeypatch.setattr(Context, "ntriples", lambda self: written(self) + '<urn:x:s> <urn:x:p> "broken\n" .\n')
    code, output = failed_build(data, out, "--no-maps")
    assert code == 1
    assert output.startswith("Error: graph.nt as written cannot be read back (")
    assert output.endswith("); the previous exports were kept\n") and output.count("\n") == 1
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".exports")) == [".exports.lock"]


@pytest.mark.parametrize("flags", [["--no-maps"], []], ids=["without the maps", "with the maps"])
def test_a_turtle_file_that_reads_back_short_is_never_published(previous, monkeypatch, flags):
    import graph.serialise

    data, out, before = previous
    turtle = graph.serialise.turtle
    monkeypatch.setattr(graph.serialise, "turtle", lambda triples: turtle(triples[1:]))  # loses one triple
    code, output = failed_build(data, out, *flags)
    written = len((out / "graph.nt").read_bytes().split(b"\n")) - 1
    assert (code, output) == (1, f"Error: graph.ttl reads back as {written - 1} triples where {written} were written; "
                                 "the previous exports were kept\n")
    assert tree(out) == before


def test_a_json_ld_file_that_cannot_be_read_is_never_published(previous, monkeypatch):
    import graph.export.jsonld

    data, out, before = previous
    write_jsonld = graph.export.jsonld.write_jsonld

    def truncated(triples, folder):
        written = write_jsonld(triples, folder)
        (folder / "graph.jsonld").write_bytes((folder / "graph.jsonld").read_bytes()[:-10])
        return written

    monkeypatch.setattr(graph.export.jsonld, "write_jsonld", truncated)
    code, output = failed_build(data, out, "--no-maps")
    assert code == 1
    assert output.startswith("Error: graph.jsonld as written cannot be read back (") and output.count("\n") == 1
    assert tree(out) == before


def test_the_source_view_breaks_lines_at_newlines_only():
    from graph.explore.sourceview import lines

    text = "one\u2028two\x0bthree\x1cfour\x85five\r\nsix\n\nseven"
    assert [(line["o"], line["n"], line["text"]) for line in lines(text)] == [
        (0, 25, "one\u2028two\x0bthree\x1cfour\x85five\r\n"), (25, 4, "six\n"), (29, 1, "\n"), (30, 5, "seven")]
