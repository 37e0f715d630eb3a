"""Hypothesis strategies for hostile input: edits to source texts, hostile JSON values and their
encodings, edits at any place in a JSON document, and command-line values.

Every strategy describes its input as plain data (lists of edits, values, byte encodings), so a
failing case prints as a reproducer that can be pasted into a test.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

# Characters that split lines for some readers and not others, invisible marks, NUL, a BOM.
SPECIALS = [
    "\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x85", "\x0b", "\x0c", "\x00", "\r", "\r\n", "\n", "\t",
    "\u0301", "\u0327", "\u200f", "\u200e", "\u202e", "\u200b", "\ufeff", "\u00a0", "\u2013", "\u2014", "\ufffd",
]
# Tokens the parsers look for: acronyms, money, names, list markers, headings, table cells.
TOKENS = [
    "Ab ", "£1 ", "(ABC) ", "and ", "the ", "£", "(", ")", "£2m ", "£1.5 million ", "million ", "a year ",
    "per annum ", "over three years ", "WRAP ", "RSPB ", "Natural England ", "the Environment Agency (EA) ",
    "Defra ", "See commitment 1.4 ", "see Annex 1 ", "- ", "1. ", "1.1 ", "2.1 ", "Immediate", "Complete. ",
    "No progress reported.", "Theme", "\t", " ", ".", ",", ";", ":", "0", "9", "2010", "Volunteer Advisory Panel ",
    "Our Strategy – ", "Annex 1 – ", "Objectives:", "Immediate actions:", "What we offer to voluntary groups:",
]

fragment = st.one_of(
    st.sampled_from(TOKENS),
    st.sampled_from(SPECIALS),
    st.text(max_size=12),
    st.integers(-10**12, 10**12).map(str),
)
snippet = st.lists(fragment, max_size=8).map("".join)
# One token repeated into a long line (up to 20,000 times, 60 KB and more).
REPEATED = ["Ab ", "£1 ", "(ABC) ", "and ", "the ", "£", "(", ")", "1 ", "1.1 ", "WRAP ", "Natural England ", "x"]
long_run = st.tuples(
    st.one_of(st.sampled_from(REPEATED), st.sampled_from(TOKENS + SPECIALS)),
    st.one_of(st.integers(1, 100), st.integers(100, 20_000)),
).map(lambda t: t[0] * t[1])
piece = st.one_of(snippet, long_run, snippet)
index = st.integers(0, 10**6)  # taken modulo the number of lines or characters: shrinks towards the start

text_edit = st.one_of(
    st.tuples(st.just("insert-line"), index, piece),
    st.tuples(st.just("delete-line"), index),
    st.tuples(st.just("replace-line"), index, piece),
    st.tuples(st.just("insert-text"), index, index, piece),
    st.tuples(st.just("delete-text"), index, index, st.integers(1, 50)),
    st.tuples(st.just("duplicate-line"), index, st.integers(1, 50)),
)
text_edits = st.lists(text_edit, max_size=5)


def apply_text_edits(text: str, edits: list[tuple]) -> str:
    """The text with each edit applied in turn; positions wrap round the lines and characters."""
    lines = text.split("\n")
    for edit in edits:
        op, at = edit[0], edit[1] % (len(lines) or 1)
        if not lines:
            lines = [""]
        if op == "insert-line":
            lines.insert(at, edit[2])
        elif op == "delete-line":
            del lines[at]
        elif op == "replace-line":
            lines[at] = edit[2]
        elif op == "duplicate-line":
            lines[at:at + 1] = [lines[at]] * (edit[2] + 1)
        else:
            line = lines[at]
            column = edit[2] % (len(line) + 1)
            if op == "insert-text":
                lines[at] = line[:column] + edit[3] + line[column:]
            else:  # delete-text
                lines[at] = line[:column] + line[column + edit[3]:]
    return "\n".join(lines)


# -- encodings -------------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252"]
encoding = st.one_of(
    st.sampled_from(ENCODINGS),
    st.tuples(st.just("utf-8+bytes"), index, st.binary(min_size=1, max_size=4)),  # invalid UTF-8 inserted
    st.tuples(st.just("utf-8-truncated"), index),
)


def encode(text: str, how) -> bytes:
    if isinstance(how, tuple):
        raw = text.encode("utf-8")
        at = how[1] % (len(raw) + 1)
        return raw[:at] + how[2] + raw[at:] if how[0] == "utf-8+bytes" else raw[:at]
    return text.encode(how, errors="replace")


# -- JSON ------------------------------------------------------------------------------------

IDS = ["wrap", "rspb", "defra", "natural-england", "x", "", " ", "rspb-é", "WRAP", "a b", "../x", "x" * 300, "-", "1"]
NAMES = ["the", "and", "of", "a", "WRAPPER", "WRAP", "RSPB", "Defra", "", " ", "Natural England", "é", "\u2028",
         "x\x00y", "Board", "(ABC)", "£1"]
PATHS = [
    "/etc/hostname", "/etc", "../organisations.json", "sources/../../x.txt", "sources/plan.txt\x00",
    "sources/missing.txt", "", ".", "sources", "organisations.json", "sources.json", "sources/report.txt",
    "sources/plan.txt", "~/x.txt", "a" * 5000, "sources/é.txt", "C:\\x.txt", "\\\\host\\x", "sources//plan.txt",
]
scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(IDS + NAMES + PATHS), st.sampled_from(["2008-11", "2009-13-40", "strategy",
                                                                               "progress-report", "charity-ngo"]),
)
json_value = st.recursive(
    scalar, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12,
)
# A deep nest written as text (json.dumps of a deep list would itself overflow the stack).
deep = st.tuples(st.sampled_from(["[", '{"a":', '{"sources": [']), st.integers(1, 200_000))


def deep_text(opening: str, depth: int) -> str:
    closing = {"[": "]", '{"a":': "}", '{"sources": [': "]}"}[opening]
    return opening * depth + "null" + closing * depth


KEYS = ["id", "name", "kind", "acronyms", "aliases", "former_names", "generic_aliases", "parent", "owner", "organisation",
        "programme", "members", "file", "date", "title", "publisher", "licence", "url", "sources", "rules", "statuses",
        "undecided", "qualifiers", "status", "pattern", "columns", "not_names", "name_words", "generic_words",
        "group_words", "set_aside_by", "commitment_verbs", "description", "label", "definition", "rule"]
key = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
# Values a field of a record may be given: the odd strings, lists of odd names, anything.
field_value = st.one_of(
    st.sampled_from(PATHS), st.sampled_from(IDS + NAMES), st.lists(st.sampled_from(NAMES + IDS), max_size=3),
    st.lists(st.fixed_dictionaries({"name": st.sampled_from(NAMES)}), max_size=2), json_value,
)
# An edit at any place in a document: ("set" | "delete" | "add", path choices, key, value), or a
# field of one record of the document's first list set to a value: ("field", record, key, value).
json_edit = st.one_of(
    st.tuples(st.sampled_from(["set", "delete", "add", "set", "add"]),
              st.lists(index, min_size=0, max_size=4),  # which child at each level, modulo its size
              key, json_value),
    # The field: one the record has (an index into its keys), or any key.
    st.tuples(st.just("field"), index, st.one_of(index, key), field_value),
)
json_edits = st.lists(json_edit, min_size=1, max_size=4)


def set_field(document: object, at: int, name: str | int, value: object) -> None:
    """Set one field of one record in the document's first list of records (if it has one);
    a number as the field's name picks one of the fields the record has."""
    records = next((v for v in document.values() if isinstance(v, list)), None) if isinstance(document, dict) else None
    if records and isinstance(records[at % len(records)], dict):
        record = records[at % len(records)]
        if isinstance(name, int):
            name = sorted(record)[name % len(record)] if record else "id"
        record[name] = value


def apply_json_edits(document: object, edits: list[tuple]) -> object:
    """The document with each edit made at the place its path choices lead to."""
    for op, path, name, value in edits:
        if op == "field":
            set_field(document, path, name, value)
            continue
        if not path and op == "set":
            document = value
            continue
        parent, child = None, document
        for choice in path:
            if isinstance(child, dict) and child:
                chosen = sorted(child)[choice % len(child)]
                parent, child = (child, chosen), child[chosen]
            elif isinstance(child, list) and child:
                at = choice % len(child)
                parent, child = (child, at), child[at]
            else:
                break
        if op == "add" and isinstance(child, dict):
            child[name] = value
        elif op == "add" and isinstance(child, list):
            child.append(value)
        elif op == "delete" and parent is not None:
            del parent[0][parent[1]]
        elif op == "set" and parent is not None:
            parent[0][parent[1]] = value
        elif op == "set":
            document = value
    return document


def json_file():
    """A JSON file's bytes, as data: an edited copy of the base document (see json_bytes), or any value, or a deep nest, in
    any encoding; or bytes that are not JSON at all."""
    edited = st.tuples(st.just("edited"), json_edits, encoding)
    anything = st.tuples(st.just("value"), json_value, encoding)
    nested = st.tuples(st.just("deep"), deep)
    junk = st.tuples(st.just("bytes"), st.binary(max_size=64))
    return st.one_of(edited, edited, edited, anything, nested, junk)


def json_bytes(base_text: str, spec: tuple) -> bytes:
    kind = spec[0]
    if kind == "edited":
        return encode(json.dumps(apply_json_edits(json.loads(base_text), spec[1]), ensure_ascii=False, indent=1), spec[2])
    if kind == "value":
        return encode(json.dumps(spec[1], ensure_ascii=False), spec[2])
    if kind == "deep":
        return deep_text(*spec[1]).encode("utf-8")
    return spec[1]


# -- command-line values ---------------------------------------------------------------------

HOSTILE_VALUES = [
    "", " ", "0", "-1", "1", "11", "12", "1e308", "-1e308", "1e-320", "nan", "NaN", "inf", "-inf", "Infinity", "²", "¹.¹",
    "١", "０", "0x10", "99999999999999999999999", "1.1", "2.1", "1.4", "11.99", "01.1", "1.1.1", "WRAP", "RSPB",
    "Natural England", "rspb-é", "the", "'", '"', "\\", '"""', "'''", '" } ; DROP ALL ; #', '"} UNION { ?s ?p ?o } #',
    "?x", "$org", "<http://example.org/x>", "<file:///etc/passwd>", "SERVICE <http://127.0.0.1:9/>", "\n", "\x00",
    "\u2028", "%", "*", "--debug", "-", "=", "a=b=c", "x" * 10_000, "=HYPERLINK(\"http://x\")", "complete",
    "in-progress", "immediate", "longer-term", "charity-ngo", "centrality",
]
cli_value = st.one_of(st.sampled_from(HOSTILE_VALUES), st.sampled_from(HOSTILE_VALUES), snippet,
                      st.integers().map(str), st.floats().map(str))
