"""The fuzz suite's own machinery: the hang detector fires, the property refuses what it should,
edits land where they say."""

from __future__ import annotations

import re
import time

import pytest

import fuzzkit
from fuzzkit import CaseLog, Hang, PropertyViolation, check_error, compress_runs, time_limit
from graph.errors import SourceError
from strategies import apply_json_edits, apply_text_edits


def test_the_hang_detector_stops_a_python_loop_and_a_regex():
    started = time.perf_counter()
    with pytest.raises(fuzzkit._Alarm):
        with time_limit(0.2):
            while True:
                pass
    with pytest.raises(fuzzkit._Alarm):
        with time_limit(0.2):
            re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking, inside re's C matcher
    assert time.perf_counter() - started < 2


def test_a_hang_is_reported_from_one_place_even_where_exceptions_are_swallowed(monkeypatch):
    monkeypatch.setattr(fuzzkit, "CASE_SECONDS", 0.2)

    def swallowing():
        try:
            while True:
                pass
        except Exception:  # noqa: BLE001 - as careless code would
            return "ok"

    with pytest.raises(Hang, match=r"^sources: case ran past 0.2s \(last in .*test_fuzzkit.py:\d+ \(swallowing\)\)$"):
        CaseLog("sources").run(swallowing, lambda: "input")


def test_a_clean_refusal_is_one_line_naming_the_file():
    check_error(SourceError("/tmp/data/sources/plan.txt", "bad row", 3), ("plan.txt",))
    for separator in ("\u2028", "\n"):
        error = SourceError("/tmp/plan.txt", "bad row")
        error.args = (f"/tmp/plan.txt: bad{separator}row",)  # as if the error class did not escape it
        with pytest.raises(PropertyViolation, match="not one line"):
            check_error(error, ("plan.txt",))
    with pytest.raises(PropertyViolation, match="names none of"):
        check_error(SourceError("/tmp/other.txt", "bad row"), ("plan.txt",))


def test_edits_land_where_they_say():
    text = "one\ntwo\nthree"
    assert apply_text_edits(text, [("insert-line", 1, "new")]) == "one\nnew\ntwo\nthree"
    assert apply_text_edits(text, [("delete-line", 4)]) == "one\nthree"  # 4 wraps round to line 1
    assert apply_text_edits(text, [("insert-text", 2, 2, "£1 ")]) == "one\ntwo\nth£1 ree"
    assert apply_text_edits(text, [("delete-text", 0, 1, 5)]) == "o\ntwo\nthree"
    assert apply_text_edits(text, [("duplicate-line", 1, 2)]) == "one\ntwo\ntwo\ntwo\nthree"
    document = {"people": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}
    assert apply_json_edits(document, [("field", 3, "aliases", ["the"])]) == {
        "people": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "aliases": ["the"]}]}
    assert apply_json_edits(document, [("field", 0, 3, "x")]) == {  # the second of the record's sorted keys
        "people": [{"id": "a", "name": "x"}, {"id": "b", "name": "B", "aliases": ["the"]}]}
    assert apply_json_edits(document, [("set", [0, 0, 1], "", 42)]) == {
        "people": [{"id": "a", "name": 42}, {"id": "b", "name": "B", "aliases": ["the"]}]}


def test_long_runs_are_shown_compressed():
    assert compress_runs("x" + "£1 " * 2000 + "y") == "x«£1 »×2000y"
