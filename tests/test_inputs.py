"""Every input file is checked before use: each fault found by fuzzing the manifest and the registry
is one line naming the file (and the JSON path), never a traceback, and never a silent wrong answer."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from graph.errors import SourceError
from graph.registry import ORGANISATION_KINDS, load_registry
from graph.schema import is_id, schema_problems
from graph.sources import load_documents

STRATEGY_FILE = "sources/defra-third-sector-strategy-2008.txt"


def edit(data_dir: Path, file_name: str, change) -> None:
    path = data_dir / file_name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def index_of(data_dir: Path, record_id: str) -> int:
    records = json.loads((data_dir / "organisations.json").read_text(encoding="utf-8"))["organisations"]
    return next(i for i, r in enumerate(records) if r["id"] == record_id)


def set_source(key: str, value):
    return lambda d: edit(d, "sources.json", lambda data: data["sources"][0].__setitem__(key, value))


def set_rule_pattern(pattern: str):
    return lambda d: edit(d, "status_rules.json", lambda data: data["rules"][0].__setitem__("pattern", pattern))


def set_wrap(key: str, value):
    def change(data_dir: Path) -> None:
        index = index_of(data_dir, "wrap")
        edit(data_dir, "organisations.json", lambda data: data["organisations"][index].__setitem__(key, value))
    return change


def write(file_name: str, raw: bytes):
    return lambda d: (d / file_name).write_bytes(raw)


def utf16(file_name: str):
    return lambda d: (d / file_name).write_bytes((d / file_name).read_text(encoding="utf-8").encode("utf-16"))


def load(data_dir: Path) -> None:
    load_documents(data_dir)
    load_registry(data_dir)


SOURCE = "sources[0].{} (record 'strategy-2008')"
WRAP = "organisations[{}].{} (record 'wrap')"
FILE_RULE = "is not a path inside the data folder: relative, '/' between folders, no '..', no backslash, no NUL"
# Braces doubled: the messages of CASES go through str.format.
NESTED_REPEAT = ("has an unbounded repetition ('+', '*' or '{{n,}}') inside another, which can take time exponential "
                 "in a line's length; bound the inner one, e.g. {{1,40}}")
MONTH_RULE = "is not a month or a day of the calendar: YYYY-MM or YYYY-MM-DD, e.g. 2009-11"
UTF16 = "not UTF-8 text: it starts with a UTF-16 byte-order mark; save it as UTF-8"
ALIAS_HINT = 'list it under "acronyms" if it is an acronym'

# (what is wrong, the change, the file named, the message after the file's name; {wrap} is WRAP's index)
CASES = [
    ("date 1", set_source("date", 1), "sources.json", SOURCE.format("date") + ": 1 is not of type 'string'"),
    ("month 13", set_source("date", "2008-13"), "sources.json", SOURCE.format("date") + f": '2008-13' {MONTH_RULE}"),
    ("29 February of a common year", set_source("date", "2009-02-29"), "sources.json",
     SOURCE.format("date") + f": '2009-02-29' {MONTH_RULE}"),
    ("year 0", set_source("date", "0000-11"), "sources.json", SOURCE.format("date") + f": '0000-11' {MONTH_RULE}"),
    ("publisher true", set_source("publisher", True), "sources.json", SOURCE.format("publisher") + ": True is not of type 'string'"),
    ("file 1", set_source("file", 1), "sources.json", SOURCE.format("file") + ": 1 is not of type 'string'"),
    ("id [null]", set_source("id", [None]), "sources.json", "sources[0].id: [None] is not of type 'string'"),
    ("NUL in a file name", set_source("file", "sources/a\x00b.txt"), "sources.json",
     SOURCE.format("file") + f": 'sources/a\\x00b.txt' {FILE_RULE}"),
    ("absolute file", set_source("file", "/etc/hostname"), "sources.json", SOURCE.format("file") + f": '/etc/hostname' {FILE_RULE}"),
    ("file escaping with ..", set_source("file", "sources/../../x.txt"), "sources.json",
     SOURCE.format("file") + f": 'sources/../../x.txt' {FILE_RULE}"),
    ("unknown manifest key", set_source("colour", "red"), "sources.json", "sources[0] (record 'strategy-2008'): unknown key 'colour'"),
    ("UTF-16 manifest", utf16("sources.json"), "sources.json", UTF16),
    ("UTF-16 source", utf16(STRATEGY_FILE), STRATEGY_FILE, UTF16),
    ("UTF-16 without a mark", write("people.json", '{"people": []}'.encode("utf-16-le")), "people.json:1",
     "not UTF-8 text: a NUL byte (byte 1; UTF-16 or a binary file?)"),
    ("alias 42", set_wrap("aliases", [42]), "organisations.json", WRAP.format("{wrap}", "aliases[0]") + ": 42 is not of type 'string'"),
    ("acronyms null", set_wrap("acronyms", None), "organisations.json", WRAP.format("{wrap}", "acronyms") + ": None is not of type 'array'"),
    ("kind as a list", set_wrap("kind", ["charity-ngo"]), "organisations.json",
     WRAP.format("{wrap}", "kind") + f": ['charity-ngo'] is not one of: {', '.join(sorted(ORGANISATION_KINDS))}"),
    ("former_names of the wrong shape", set_wrap("former_names", ["x"]), "organisations.json",
     WRAP.format("{wrap}", "former_names[0]") + ": 'x' is not of type 'object'"),
    ("aliases as a string", set_wrap("aliases", "WRAPPER"), "organisations.json",
     WRAP.format("{wrap}", "aliases") + ": 'WRAPPER' is not of type 'array'"),
    ("status without an id", lambda d: edit(d, "status_rules.json", lambda data: data["statuses"][0].pop("id")),
     "status_rules.json", "statuses[0]: 'id' is required"),
    ("rules 5", lambda d: edit(d, "status_rules.json", lambda data: data.__setitem__("rules", 5)),
     "status_rules.json", "rules: 5 is not of type 'array'"),
    ("a rule with a repetition inside a repetition", set_rule_pattern(r"(?i)\b(?:\w+\s?)*\bsuperseded\b"),
     "status_rules.json", f"rules[0] (superseded-or-overtaken) {NESTED_REPEAT}"),
    ("a qualifier with a repetition inside a repetition",
     lambda d: edit(d, "status_rules.json", lambda data: data["qualifiers"]["negation"].__setitem__("pattern", "(no+)+t")),
     "status_rules.json", f"qualifiers.negation {NESTED_REPEAT}"),
    ("curation as a list", write("curation.json", b"[]"), "curation.json", "top level: [] is not of type 'object'"),
    ("deeply nested JSON", write("people.json", b'{"people": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
     "people.json", "invalid JSON: nested too deeply to read"),
    ("undecodable bytes", write("people.json", b'{"people": [\n"\xff"]}'), "people.json:2", "not valid UTF-8 text (byte 14)"),
    ("invalid JSON", write("people.json", b'{"people": [\n  {"id": "x",}]}'), "people.json:2",
     "invalid JSON: Expecting property name enclosed in double quotes (column 14)"),
    ("alias the", set_wrap("aliases", ["the"]), "organisations.json",
     f"'wrap' has alias 'the', which is made only of stopwords (data/schema/stopwords.json); {ALIAS_HINT}"),
    ("alias and", set_wrap("aliases", ["And"]), "organisations.json",
     f"'wrap' has alias 'And', which is made only of stopwords (data/schema/stopwords.json); {ALIAS_HINT}"),
    ("generic alias of stopwords", set_wrap("generic_aliases", ["Of The"]), "organisations.json",
     f"'wrap' has generic alias 'Of The', which is made only of stopwords (data/schema/stopwords.json); {ALIAS_HINT}"),
    ("two-letter alias", set_wrap("aliases", ["WR"]), "organisations.json",
     f"'wrap' has alias 'WR', which is shorter than 3 characters; {ALIAS_HINT}"),
    ("lower-case acronym", set_wrap("acronyms", ["and"]), "organisations.json",
     "'wrap' has acronym 'and' with no capital letter or digit; an acronym is written as the documents write it, in capitals"),
    ("self-parent", set_wrap("parent", "wrap"), "organisations.json", "'wrap' names itself as its parent"),
    ("parent that is no registry id", set_wrap("parent", "no-such-body"), "organisations.json",
     "'wrap' has parent 'no-such-body', which is not an organisation in organisations.json"),
    ("upper-case id", set_wrap("id", "WRAP"), "organisations.json",
     "organisations[{wrap}].id (record 'WRAP'): 'WRAP' is not an id: lower-case words joined by single hyphens, e.g. rspb-é"),
    ("id with a trailing newline", set_wrap("id", "wrap\n"), "organisations.json",
     "organisations[{wrap}].id (record 'wrap\\n'): 'wrap\\n' is not an id: lower-case words joined by single hyphens, e.g. rspb-é"),
]


@pytest.mark.parametrize("change,file_name,message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_fault_is_one_line_naming_the_file(data_copy, change, file_name, message):
    message = message.format(wrap=index_of(data_copy, "wrap"))
    change(data_copy)
    with pytest.raises(SourceError) as error:
        load(data_copy)
    assert str(error.value) == f"{data_copy / file_name}: {message}"


def test_a_parent_cycle_is_refused(data_copy):
    def change(data):
        for record in data["organisations"]:
            if record["id"] in ("acre", "wrap"):
                record["parent"] = "wrap" if record["id"] == "acre" else "acre"
    edit(data_copy, "organisations.json", change)
    with pytest.raises(SourceError) as error:
        load_registry(data_copy)
    assert str(error.value) == f"{data_copy / 'organisations.json'}: parents form a cycle: acre -> wrap -> acre"


def test_a_symbolic_link_out_of_the_folder_is_refused(data_copy, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("text", encoding="utf-8")
    (data_copy / STRATEGY_FILE).unlink()
    os.symlink(outside, data_copy / STRATEGY_FILE)
    with pytest.raises(SourceError) as error:
        load_documents(data_copy)
    assert str(error.value) == (f"{data_copy / 'sources.json'}: sources[0].file: {STRATEGY_FILE!r} leads outside the data "
                                f"folder {data_copy}")


def test_a_symbolic_link_inside_the_folder_is_followed(data_copy):
    text = (data_copy / STRATEGY_FILE).read_text(encoding="utf-8")
    (data_copy / "texts").mkdir()
    os.rename(data_copy / STRATEGY_FILE, data_copy / "texts" / "strategy.txt")
    os.symlink(data_copy / "texts" / "strategy.txt", data_copy / STRATEGY_FILE)
    assert load_documents(data_copy)[0].text == text


def test_a_marked_two_letter_acronym_is_accepted(data_copy):
    set_wrap("acronyms", ["WRAP", "WR"])(data_copy)
    assert load_registry(data_copy).resolve("WR").id == "wrap"


def test_a_utf8_byte_order_mark_is_dropped(data_copy):
    path = data_copy / "people.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_registry(data_copy).entities["dan-norris"].type == "person"


def test_an_id_with_an_accent_is_valid(data_copy):
    for file_name in ("organisations.json", "programmes.json", "people.json"):
        path = data_copy / file_name
        path.write_text(path.read_text(encoding="utf-8").replace('"rspb"', '"rspb-é"'), encoding="utf-8")
    registry = load_registry(data_copy)
    assert registry.entities["rspb-é"].acronyms == ["RSPB"]
    assert schema_problems(data_copy / "organisations.json", json.loads((data_copy / "organisations.json").read_text())) == []


@pytest.mark.parametrize("value,valid", [
    ("rspb", True), ("rspb-é", True), ("strategy-2008", True), ("δοκιμή-2", True),
    ("RSPB", False), ("rspb-É", False), ("rspb_x", False), ("rspb x", False), ("-rspb", False), ("rspb-", False),
    ("rspb--x", False), ("rspb\n", False), ("", False),
])
def test_the_id_rule(value, valid):
    assert is_id(value) is valid


def test_build_answers_one_line_and_keeps_the_exports(data_copy, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "index.json").write_text("{}\n", encoding="utf-8")
    set_source("file", "/etc/hostname")(data_copy)
    result = CliRunner().invoke(cli, ["--exports", str(exports), "build", "--data", str(data_copy), "--no-maps", "--no-store"])
    assert (result.exit_code, result.output) == (
        1, f"Error: {data_copy / 'sources.json'}: {SOURCE.format('file')}: '/etc/hostname' {FILE_RULE}\n")
    assert os.listdir(exports) == ["index.json"] and (exports / "index.json").read_text(encoding="utf-8") == "{}\n"


def test_build_refuses_a_utf16_registry_file(data_copy, tmp_path):
    utf16("organisations.json")(data_copy)
    result = CliRunner().invoke(cli, ["--exports", str(tmp_path / "exports"), "build", "--data", str(data_copy)])
    assert (result.exit_code, result.output) == (1, f"Error: {data_copy / 'organisations.json'}: {UTF16}\n")
    assert "Traceback" not in result.output


def test_lint_lists_every_schema_problem_once(data_copy):
    set_wrap("aliases", "WRAPPER")(data_copy)
    set_source("date", 2008)(data_copy)
    result = CliRunner().invoke(cli, ["lint", "--data", str(data_copy), "--check"])
    index = index_of(data_copy, "wrap")
    assert (result.exit_code, result.output) == (1, (
        f"{data_copy / 'organisations.json'}: {WRAP.format(index, 'aliases')}: 'WRAPPER' is not of type 'array'\n"
        f"{data_copy / 'sources.json'}: {SOURCE.format('date')}: 2008 is not of type 'string'\n"))


def test_lint_checks_each_file_against_its_schema_once(data_copy, monkeypatch):
    import graph.schema
    from graph.lint import LINTED_FILES, lint

    checked = []
    original = graph.schema.schema_details

    def spy(path, data):
        checked.append(path.name)
        return original(path, data)

    monkeypatch.setattr(graph.schema, "schema_details", spy)
    assert lint(data_copy, check=True).problems == []
    assert sorted(checked) == sorted(LINTED_FILES)


def test_curate_refuses_a_stopword_alias_and_keeps_the_file(data_copy):
    path = data_copy / "organisations.json"
    before = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["curate", "--data", str(data_copy), "--accept", "the", "--as", "wrap"])
    assert (result.exit_code, result.output) == (
        1, f"Error: {path}: 'wrap' has alias 'the', which is made only of stopwords (data/schema/stopwords.json); {ALIAS_HINT}\n")
    assert path.read_text(encoding="utf-8") == before


def test_a_body_among_its_own_members_is_refused(data_copy):
    index = index_of(data_copy, "wrap")
    edit(data_copy, "organisations.json", lambda data: data["organisations"][index].__setitem__("members", ["wrap"]))
    with pytest.raises(SourceError) as error:
        load_registry(data_copy)
    assert str(error.value) == f"{data_copy / 'organisations.json'}: 'wrap' names itself among its members"


def test_a_source_with_a_utf8_byte_order_mark_reads_as_without(data_copy):
    path = data_copy / STRATEGY_FILE
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_documents(data_copy)[0].text == text


def test_a_bad_byte_after_a_byte_order_mark_is_placed_in_the_file(data_copy):
    path = data_copy / STRATEGY_FILE
    path.write_bytes(b"\xef\xbb\xbfTitle\n\xff")
    with pytest.raises(SourceError) as error:
        load_documents(data_copy)
    assert str(error.value) == f"{path}:2: not valid UTF-8 text (byte 9)"


def test_a_listed_file_must_be_a_regular_file(data_copy):
    os.mkfifo(data_copy / "sources" / "pipe.txt")
    set_source("file", "sources/pipe.txt")(data_copy)
    with pytest.raises(SourceError) as error:
        load_documents(data_copy)
    assert str(error.value) == f"{data_copy / 'sources.json'}: sources[0].file: 'sources/pipe.txt' is not a regular file"


def test_a_listed_file_that_cannot_be_opened_is_one_line_naming_the_manifest(data_copy):
    (data_copy / "sources" / "loop.txt").symlink_to("loop.txt")  # a link to itself
    for file, reason in [("sources/loop.txt", "Symlink loop" if sys.version_info < (3, 13) else "Too many levels"),
                         ("sources/" + "x" * 300 + ".txt", "File name too long")]:
        set_source("file", file)(data_copy)
        with pytest.raises(SourceError) as error:
            load_documents(data_copy)
        message = str(error.value)
        assert message.startswith(f"{data_copy / 'sources.json'}: sources[0].file: {file!r} cannot be opened: {reason}")
        assert len(message.splitlines()) == 1


def test_a_name_two_files_share_names_both_files(data_copy):
    """The clash is reported where the second holder is curated, naming the file of the first."""
    edit(data_copy, "programmes.json", lambda data: data["programmes"][0].setdefault("aliases", []).append("Wrap"))
    first = json.loads((data_copy / "programmes.json").read_text(encoding="utf-8"))["programmes"][0]["id"]
    with pytest.raises(SourceError) as error:
        load_registry(data_copy)
    assert str(error.value) == (f"{data_copy / 'organisations.json'}: name 'WRAP' belongs to both {first!r} "
                                "(in programmes.json) and 'wrap'")


@pytest.mark.parametrize("separator", ["\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_an_error_quoting_a_line_separator_stays_one_line(separator):
    error = SourceError("plan.txt", f"unknown theme 'Chan{separator}ging how we operate'", 12)
    escaped = separator.encode("unicode_escape").decode("ascii")
    assert str(error) == f"plan.txt:12: unknown theme 'Chan{escaped}ging how we operate'"
    assert len(str(error).splitlines()) == 1


@pytest.mark.parametrize(("value", "calendar"), [
    ("2009-11", True), ("2012-02-29", True), ("2000-02-29", True), ("0001-01", True), ("9999-12-31", True),
    ("2009-00", False), ("2009-13", False), ("2009-02-29", False), ("1900-02-29", False), ("2009-04-31", False),
    ("2009-11-00", False), ("0000-11", False),
])
def test_a_month_or_day_must_be_one_the_calendar_has(value, calendar):
    from graph.schema import is_calendar_date

    assert is_calendar_date(value) is calendar


@pytest.mark.parametrize(("pattern", "nested"), [
    (r"(a+)+", True), (r"(?:\w+\s?)*$", True), (r"(?:a{2,})*", True), (r"(?:x|(?:y+z))+", True), (r"(?=(?:a*b)+)", True),
    (r"(?:(a)|b)(?(1)(?:c+d)+|e)", True), (r"a+b+", False), (r"(?:x[^.]{0,80})+", False), (r"(?:\w{1,40}\s?)*", False),
    (r"(?:a+){1,3}", False), (r"(a|b)*c", False), (r"\bnot\b(?!\s+only)", False),
])
def test_a_repetition_inside_a_repetition_is_found_wherever_it_stands(pattern, nested):
    from graph.regex_safety import nested_unbounded_repeat

    assert nested_unbounded_repeat(pattern) is nested
