"""Parsing and resolution in linear time, and the line limit that bounds what one line may cost.

No timings here (benchmarks/parse_scaling.py measures those): each test counts the work a long
input causes, or checks that it goes through the one-pass helpers, and that the one-pass helpers
give exactly what the rescanning patterns they replace gave. Wordings are made up.
"""

from __future__ import annotations

import random
import re

import pytest

from graph.errors import SourceError
from graph.model import Document, Span
from graph.names import tokens
from graph.parse.figures import SENTENCE_END as FIGURE_SENTENCE_END
from graph.parse.figures import sentence_of
from graph.parse.sentences import SentenceIndex, tail_start
from graph.registry import load_registry
from graph.resolve import build_corpus, money, money_sentence, money_sites
from graph.resolve.addresses import addresses_in
from graph.resolve.chains import names_before
from graph.resolve.corpus import Corpus, TextUnit
from graph.resolve.mentions import ACRONYM_CONNECTORS, ACRONYM_IN_BRACKETS, LONG_FORM_CHARACTERS, learn_acronyms
from graph.resolve.money_words import SENTENCE_END as MONEY_SENTENCE_END
from graph.resolve.money_words import sentence_bounds, sentence_index
from graph.resolve.status import CLAUSE_BREAK, QUALIFIER_WORDS, Clauses, clause_before
from graph.resources import data_dir
from graph.sources import MAX_LINE_CHARACTERS, check_line_lengths, line_starts, read_text

# The patterns the one-pass helpers replace, kept here as the reference they must agree with.
OLD_ACRONYM = re.compile(
    r"(?P<long>[A-Z][\w'&-]*(?:\s+(?:of|for|and|the|on|in|to|&|[A-Z][\w'&-]*))*)\s*\*?\s*\((?P<acronym>[A-Z][A-Za-z&]{1,9})\)")
OLD_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|gov|com|net|uk)\b\S*")


class CountingText(str):
    """A text that counts how often Python code reads one of its characters."""

    reads = 0

    def __getitem__(self, key):
        CountingText.reads += 1
        return str.__getitem__(self, key)


def random_texts(pieces: list[str], count: int, longest: int = 14, seed: int = 12):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))


# --- the line limit ------------------------------------------------------------------------------

def test_a_line_over_the_limit_is_refused_naming_the_file_and_line(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text("Title\n\n" + "x" * (MAX_LINE_CHARACTERS + 1) + "\nlast\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_text(source)
    assert str(error.value) == (f"{source}:3: line of 100,001 characters; at most 100,000 are allowed "
                                "(one paragraph or table row per line)")


def test_a_line_at_the_limit_is_read(tmp_path):
    source = tmp_path / "report.txt"
    text = "y" * MAX_LINE_CHARACTERS + "\n" + "z" * MAX_LINE_CHARACTERS
    source.write_text(text, encoding="utf-8")
    assert read_text(source) == text
    with pytest.raises(SourceError, match=r"^cells\.txt:2: line of 11 characters; at most 10 "):
        check_line_lengths("cells.txt", "short\n" + "w" * 11, limit=10)


def test_the_bundled_sources_are_far_within_the_limit():
    longest = max(len(line) for path in (data_dir() / "sources").glob("*.txt")
                  for line in path.read_text(encoding="utf-8").split("\n"))
    assert longest * 40 < MAX_LINE_CHARACTERS


# --- acronym definitions -------------------------------------------------------------------------

def test_acronym_long_forms_are_those_the_unanchored_pattern_found():
    pieces = ["Xy", "of", "the", "&", "q", " ", "  ", "(QZ)", "(Q)", "(QRS)", "(", "QR)", "iPod", "-", "'", "\n",
              "é", "Éa", "The", "_", "ofs", "Guild for Otters (GFO)", "Hedgehog Society of Wessex (HSW) "]
    for text in random_texts(pieces, 6000):
        expected = [(m.start(), m.end("long"), m.end(), m["acronym"]) for m in OLD_ACRONYM.finditer(text)]
        found = [(start, end, match.end(), match["acronym"])
                 for start, end, match in names_before(text, ACRONYM_IN_BRACKETS, LONG_FORM_CHARACTERS, ACRONYM_CONNECTORS)]
        assert found == expected, text


@pytest.mark.parametrize("text", [
    "Ab " * 20_000,  # capitalised words and no bracket: the old pattern read the run once per capital
    "Ab " * 20_000 + "(ABC)",
    "(ABC) " * 10_000,
    "Otter Guild and " * 4_000 + "(OGA)",
])
def test_acronym_definitions_read_each_character_a_few_times(text):
    CountingText.reads = 0
    found = list(names_before(CountingText(text), ACRONYM_IN_BRACKETS, LONG_FORM_CHARACTERS, ACRONYM_CONNECTORS))
    assert CountingText.reads <= 3 * len(text)
    assert len(found) == (1 if text.endswith(")") and text.startswith(("Ab", "Otter")) else 0)


def test_a_long_form_of_many_words_asks_the_registry_about_a_few_endings(monkeypatch):
    registry = load_registry()
    text = "Ab " * 20_000 + "Compassion in World Farming (CWF)"
    document = Document("made-up", "t", "p", "2020", "strategy", "made-up.txt", "l", text, line_starts(text))
    asked = []
    original = registry.resolve_all
    monkeypatch.setattr(registry, "resolve_all", lambda name: asked.append(name) or original(name))
    acronyms = []
    learn_acronyms({"made-up": document}, [TextUnit("action", "1.1", Span("made-up", 0, len(text)))], registry, acronyms)
    assert len(asked) <= 60  # endings no longer than the registry's longest name, not 20,000 of them
    assert [(a.acronym, a.entity) for a in acronyms] == [("CWF", "ciwf")]


# --- sentences, clauses and addresses: one pass, the same answers ---------------------------------

def rescanned_money_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for match in MONEY_SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    end = MONEY_SENTENCE_END.search(text, position)
    return start, (end.start() + (end.group(0)[0] in ".!?") if end else len(text))


def rescanned_figure_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for match in FIGURE_SENTENCE_END.finditer(text):
        if match.end() > position:
            break
        start = match.end()
    end = FIGURE_SENTENCE_END.search(text, position)
    return start, (end.start() + 1 if end else len(text.rstrip()))


def test_sentence_bounds_from_one_pass_are_those_a_rescan_gives():
    pieces = ["w", "W", ".", "!", " ", "\n", "\t", "'", ")", "(", "“", "•", "\n\n", ". ", ".\n Q", "?) ", "£"]
    for text in random_texts(pieces, 1000, longest=20):
        money_index, figure_index = sentence_index(text), SentenceIndex(text, FIGURE_SENTENCE_END)
        for position in range(len(text) + 1):
            assert sentence_bounds(text, position, money_index) == rescanned_money_bounds(text, position), (text, position)
            assert sentence_of(text, position, figure_index) == rescanned_figure_bounds(text, position), (text, position)


def rescanned_clause(text: str, position: int) -> str:
    start = 0
    for match in CLAUSE_BREAK.finditer(text, 0, position):
        start = match.end()
    return " ".join(text[start:position].split()[-QUALIFIER_WORDS:])


def test_clauses_from_one_pass_are_those_a_rescan_gives():
    pieces = ["and", "but", " ", "  ", "-", " - ", "q", "whereas", "so", "which", ".", ",", "(", "\n", "ands", "—", "or"]
    for text in random_texts(pieces, 1000, longest=24):
        clauses = Clauses(text)
        for position in range(len(text) + 1):
            assert clause_before(text, position, clauses) == rescanned_clause(text, position), (text, position)


def test_addresses_from_one_pass_are_those_the_pattern_found():
    pieces = ["q", "-", ".", "org", "uk", "com", ".org", "@", "www.", "http://", "https://", " ", "_", "é", "/", "s", "..",
              "orgs", "7", ".u"]
    for text in random_texts(pieces, 8000):
        assert addresses_in(text) == [(m.start(), m.end()) for m in OLD_ADDRESS.finditer(text)], text


def test_a_long_unbroken_run_is_one_address_or_none():
    digits = "1234567890" * 6_000  # the old pattern tried "something@something" from every digit
    assert addresses_in(digits) == []
    assert addresses_in(digits + "@") == []
    assert addresses_in("see " + digits + "@x") == [(4, 60_006)]


def test_the_words_before_a_position_are_read_from_its_end():
    text = "Ab " * 20_000 + "about"
    CountingText.reads = 0
    start = tail_start(CountingText(text), 0, len(text), 8)
    assert text[start:].split() == text.split()[-8:]
    assert CountingText.reads < 100


# --- sums: each sentence read once for all its sums ----------------------------------------------

def unit_corpus(text: str) -> tuple[Corpus, TextUnit]:
    document = Document("made-up", "t", "p", "2020", "progress-report", "made-up.txt", "l", text, line_starts(text))
    return Corpus({"made-up": document}, None, [], load_registry()), TextUnit("progress", "1.1", Span("made-up", 0, len(text)))


def test_twenty_thousand_sums_in_one_sentence_share_one_reading_of_it(monkeypatch):
    corpus, unit = unit_corpus("£1 " * 20_000)
    indexes, kinds = [], []
    monkeypatch.setattr(money_sites, "sentence_index", lambda text: indexes.append(text) or sentence_index(text))
    monkeypatch.setattr(money_sentence, "money_kind", lambda sentence: kinds.append(sentence) or "funding")
    sites = money_sites.sites_in(corpus, unit, "defra", {}, money_sentence.NamesByPlace(corpus))
    assert len(sites) == 20_000
    assert len({id(site.facts) for site in sites}) == 1
    assert len(indexes) == 1 and len(kinds) == 1
    last = sites[-1]
    assert last.sentence == (0, 60_000)
    # What a sum reads before itself is a few words, however long the sentence before it.
    assert len(last.text) - tail_start(last.facts.text, 0, last.cut, money_sentence.TAIL_WORDS) <= 30


def test_sums_in_a_long_cell_are_read_as_in_a_short_one():
    corpus, unit = unit_corpus("Ab " * 2_000 + "we gave about £2m over three years. " + "£1 " * 2_000)
    corpus.mentions = []
    money.find_money(corpus, [unit])
    first = corpus.money[0]
    assert (first.raw, first.value, first.qualifier, first.period, first.years) == ("£2m", 2e6, "about", "over three years", 3)
    assert len(corpus.money) == 2_001


# --- the whole pipeline on the long lines of the issue --------------------------------------------

@pytest.mark.parametrize("cell", ["Ab " * 20_000, "(XYZ) and " * 5_000 + "the Otter Guild"])
def test_a_long_progress_cell_is_parsed_and_resolved_through_the_one_pass_helpers(cell, monkeypatch):
    from tests.sample_strategy import SAMPLE

    from graph.resolve import mentions

    def document(doc_id: str, kind: str, text: str) -> Document:
        return Document(doc_id, doc_id, "Department for Environment, Food and Rural Affairs", "2011-03", kind,
                        f"{doc_id}.txt", "made up", text, line_starts(text))

    report = ("Theme\tStrategy Chapter\tAction\tTiming\tActions\tProgress report\tNext actions\n"
              f"Working in partnership\tRivers and wetlands\t1.1\tImmediate\tSet up the panel.\t{cell}\t-\n")
    looked_up = []
    original = mentions.Matcher._longest
    monkeypatch.setattr(mentions.Matcher, "_longest", lambda self, *a: looked_up.append(a[2]) or original(self, *a))
    corpus = build_corpus([document("sample", "strategy", SAMPLE), document("report", "progress-report", report)],
                          load_registry())
    assert corpus.progress[0].progress.text == cell.strip()
    assert corpus.progress[0].status.status == "not-stated"
    # The names in every unit are looked up at most once per token, in one pass.
    assert 0 < len(looked_up) <= len(tokens(SAMPLE)) + len(tokens(report))


# --- what the adversarial inputs found besides --------------------------------------------------

def test_a_sum_of_more_digits_than_money_has_is_refused_naming_the_file_and_line():
    corpus, unit = unit_corpus("First line.\nWe gave £" + "7" * 400 + " to the Otter Guild.")
    corpus.mentions = []
    with pytest.raises(SourceError) as error:
        money.find_money(corpus, [unit])
    assert str(error.value) == ("made-up.txt:2: the sum '£7777777777777777777…' has more than 15 digits; "
                                "no sum of money has that many")


def test_a_number_of_thousands_of_digits_is_no_count():
    from graph.parse.figures import find_figures
    from graph.model import TextItem

    text = "We met " + "1234567890" * 600 + " otters and twelve herons."
    figures = find_figures(TextItem(text, Span("made-up", 0, len(text))), text)
    assert [(f.value, f.counts) for f in figures] == [(12, "herons")]


def test_post_nominals_are_those_the_pattern_found():
    from graph.parse.forewords import post_nominals_start

    old = re.compile(r"(?:\s+(?:MP|MEP|MSP|AM|MLA|QC|KC|JP|PC|OBE|CBE|MBE|KBE|DBE|FRS|PhD))+$")
    for text in random_texts([" ", "  ", "MP", "OBE", "q", "PhD", "M", "\t", "Jo", "KBE"], 5000):
        text = text.rstrip()
        match = old.search(text)
        assert post_nominals_start(text) == (match.start() if match else None), text
    CountingText.reads = 0
    line = CountingText("Dame Jo Otter" + " MP" * 30_000 + " x")
    assert post_nominals_start(line) is None and CountingText.reads < 10


def test_acronym_glosses_are_dropped_from_restatements_as_before():
    from graph.resolve.restatement import ACRONYM_GLOSS

    old = re.compile(r"\s*\((?:[A-Z][A-Za-z]{1,9})\)")
    for text in random_texts([" ", "  ", "(QR)", "(Q)", "q", "\n", "(", "Qr)", "é"], 5000):
        assert ACRONYM_GLOSS.sub("", text) == old.sub("", text), text


def test_the_build_refuses_an_over_long_line_in_one_line_naming_the_file_and_line(data_copy, tmp_path):
    from click.testing import CliRunner

    from cli import cli

    report = data_copy / "sources" / "defra-third-sector-strategy-one-year-on-2009.txt"
    lines = report.read_text(encoding="utf-8").split("\n")
    lines[20] = lines[20] + " Otters and herons." * 6_000
    report.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--exports", str(tmp_path / "exports"), "build", "--data", str(data_copy),
                                      "--no-maps", "--no-store"])
    assert result.exit_code == 1
    length = len(lines[20])
    assert result.output == (f"Error: {report}:21: line of {length:,} characters; at most 100,000 are allowed "
                             "(one paragraph or table row per line)\n")
    assert not (tmp_path / "exports").exists()


def test_who_holds_a_role_is_named_from_the_start_of_a_word():
    from graph.parse.sections import HAS_ROLE, HOLDS

    assert HOLDS.search("Q" * 100_000) is None  # a pattern free to start inside a word tried every capital
    assert HAS_ROLE.search("Q" * 100_000 + " will") is None
    found = HOLDS.search("Since May, the Otter Warden is the lead official for rivers.")
    assert (found["first"], found["second"]) == ("the Otter Warden", "lead official for rivers")
    assert HOLDS.search("xOtter Warden is the lead official.")["first"] == "Warden"


# --- evidence sentences of names ------------------------------------------------------------------

def rescanned_sentence_span(document: Document, span: Span) -> Span:
    """sentence_span as it was: the line and cell found by scanning, the cell and sentence copied."""
    from graph.facts import LINE_MARKER

    text = document.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    cell_start = max(line_start, text.rfind("\t", line_start, span.start) + 1)
    cell_end = text.find("\t", span.end, line_end)
    cell_end = line_end if cell_end < 0 else cell_end
    cell = text[cell_start:cell_end]
    start, end = sentence_bounds(cell, span.start - cell_start)
    start += LINE_MARKER.match(cell[start:end]).end()
    sentence = cell[start:end]
    start += len(sentence) - len(sentence.lstrip())
    end -= len(sentence) - len(sentence.rstrip())
    return Span(span.doc, cell_start + start, cell_start + end)


def test_evidence_sentences_from_positions_found_once_are_those_a_rescan_gives():
    from graph.facts import sentence_span

    pieces = ["Wrap", "OTS", " ", "  ", ".", ". ", ". The ", "\t", "\n", "- ", "1.4 ", "b) ", "\u2028", "\xa0", "!", "?"]
    for number, text in enumerate(random_texts(pieces, 600, longest=18, seed=5)):
        # Made by hand (no line_starts) for odd texts, by the loader's rule for the others.
        document = Document("made-up", "t", "p", "2011-11", "progress-report", "x.txt", "none", text,
                            line_starts=line_starts(text) if number % 2 else [])
        for start in range(len(text)):
            for end in range(start + 1, min(len(text), start + 6) + 1):
                if "\n" in text[start:end] or "\t" in text[start:end]:
                    continue  # a name never spans a cell or a line
                span = Span("made-up", start, end)
                assert sentence_span(document, span) == rescanned_sentence_span(document, span), (text, start, end)


def test_many_names_in_one_long_cell_copy_the_cell_once(monkeypatch):
    import graph.facts as facts

    cell = "Work with " + ", ".join(["Wrap and OTS"] * 4000) + " on the scheme."
    text = "Theme\tChapter\t1.1\t" + cell + "\tNext\n"
    document = Document("made-up", "t", "p", "2011-11", "progress-report", "x.txt", "none", text,
                        line_starts=line_starts(text))
    indexed: list[int] = []
    monkeypatch.setattr(facts, "sentence_index", lambda cell_text: indexed.append(len(cell_text)) or sentence_index(cell_text))
    facts._cell_sentences.cache_clear()
    names = [m.start() for m in re.finditer("Wrap|OTS", text)]
    spans = {facts.sentence_span(document, Span("made-up", at, at + 3)) for at in names}
    assert indexed == [len(cell)]  # one reading of the cell for its 8,000 names
    assert spans == {Span("made-up", text.index("Work"), text.index("\tNext"))}
