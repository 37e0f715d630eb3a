"""A malformed index.json is one line naming the file and asking for `tsgraph build`, never a
traceback, whatever part of it is wrong."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import cli
from graph.index_schema import CHECKSUM_NAME, index_digest

COMMANDS = [["actions"], ["orgs"], ["show", "1.1"], ["query", "actions-of-organisation", "--param", "org=WRAP"]]


def write_index(folder, text: str) -> None:
    """An index.json with a checksum that agrees, as a build of another version might write it:
    the field checks, not the checksum, have to find what is wrong."""
    raw = text.encode("utf-8")
    (folder / "index.json").write_bytes(raw)
    (folder / CHECKSUM_NAME).write_text(index_digest(raw) + "\n", encoding="ascii")


def run_on(folder, *args: str):
    return CliRunner().invoke(cli, ["--exports", str(folder), *args], prog_name="tsgraph")


def mutated(index_data: dict, change) -> dict:
    copy = json.loads(json.dumps(index_data))
    change(copy)
    return copy


def first_entity(index: dict) -> str:
    return next(iter(index["entities"]))


@pytest.mark.parametrize("text,problem", [
    ("{}", "has index format None, this tsgraph reads format 3"),
    ("[]", "has index format None, this tsgraph reads format 3"),
    ("null", "has index format None, this tsgraph reads format 3"),
    ('{"format": 3}', "is not a complete index: it lacks 'actions' (and 20 more)"),
])
def test_an_index_that_is_not_one_is_named(tmp_path, text, problem):
    write_index(tmp_path, text)
    for command in COMMANDS:
        result = run_on(tmp_path, *command)
        assert (result.exit_code, result.output) == (
            1, f"Error: {tmp_path / 'index.json'} {problem}; run `tsgraph build` again\n"), command


@pytest.mark.parametrize("content,reason", [
    (b"\xff\xfe{", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
    (b"{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    (b"[" * 100_000, "maximum recursion depth exceeded while decoding a JSON array from a unicode string"),
])
def test_an_index_that_cannot_be_read_is_named(tmp_path, content, reason):
    (tmp_path / "index.json").write_bytes(content)
    result = run_on(tmp_path, "actions")
    assert (result.exit_code, result.output) == (
        1, f"Error: cannot read {tmp_path / 'index.json'}: {reason}; run `tsgraph build` again\n")


@pytest.mark.parametrize("change,problem", [
    (lambda i: i.__setitem__("actions", 5), "it has 'actions' as an int, not a list"),
    (lambda i: i.__setitem__("entities", []), "it has 'entities' as a list, not a dict"),
    (lambda i: i["actions"].__setitem__(2, "1.3"), "actions[2] is a str, not an object"),
    (lambda i: i["actions"][0].__setitem__("organisations", None), "actions[0] has 'organisations' as a NoneType, not a list"),
    (lambda i: i["actions"][0].__setitem__("chapter", "1"), "actions[0] has 'chapter' as a str, not an int"),
    (lambda i: i["actions"][0].__setitem__("chapter", True), "actions[0] has 'chapter' as a bool, not an int"),
    (lambda i: i["entities"][first_entity(i)].__setitem__("name", 7), None),
    (lambda i: i["names"].__setitem__("zz", "nobody"), "names['zz'] is not the id of an entity"),
])
def test_an_index_with_a_field_of_the_wrong_type_is_named(index_data, tmp_path, change, problem):
    index = mutated(index_data, change)
    problem = problem or f"entities[{first_entity(index)!r}] has 'name' as an int, not a str"
    write_index(tmp_path, json.dumps(index))
    result = run_on(tmp_path, "actions")
    assert (result.exit_code, result.output) == (
        1, f"Error: {tmp_path / 'index.json'} is not a complete index: {problem}; run `tsgraph build` again\n")


def test_the_built_index_passes_the_check(exports):
    assert run_on(exports, "actions", "--chapter", "1", "--json").exit_code == 0


def test_an_index_changed_after_the_build_is_refused_whole(exports, tmp_path):
    """Any edit, even one every field check would let through (a status id emptied), is refused."""
    raw = (exports / "index.json").read_bytes()
    (tmp_path / CHECKSUM_NAME).write_bytes((exports / CHECKSUM_NAME).read_bytes())
    index = json.loads(raw)
    index["statuses"][0]["id"] = None
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    result = run_on(tmp_path, "query", "actions-of-organisation", "--param", "org=WRAP")
    assert (result.exit_code, result.output) == (
        1, f"Error: {tmp_path / 'index.json'} was changed after the build (it does not match {CHECKSUM_NAME}); "
           "run `tsgraph build` again\n")


def test_an_index_without_its_checksum_is_refused(exports, tmp_path):
    (tmp_path / "index.json").write_bytes((exports / "index.json").read_bytes())
    result = run_on(tmp_path, "actions")
    assert (result.exit_code, result.output) == (
        1, f"Error: {tmp_path / 'index.json'} has no readable checksum ({CHECKSUM_NAME}); run `tsgraph build` again\n")


def test_the_build_writes_the_checksum_of_its_index(exports):
    assert (exports / CHECKSUM_NAME).read_text(encoding="ascii") == index_digest((exports / "index.json").read_bytes()) + "\n"
