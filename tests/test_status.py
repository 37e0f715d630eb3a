"""Status from evidence: a hand-written corpus of phrasings the 2009 report does not use, the same
phrasings in a made-up report read through load_corpus, and the decisions on the real 2009 report."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from graph.build import load_corpus
from graph.errors import RegistryError
from graph.registry import canonical_json, load_registry
from graph.resolve.status import decide
from helpers import write_progress_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PHRASINGS = json.loads((FIXTURES / "status_phrasings.json").read_text(encoding="utf-8"))["phrasings"]
UNDECIDED = "not-stated"


def columns(row: dict) -> dict:
    return {"progress": row["progress"], "next-actions": row["next_actions"]}


def agreement(pairs: list[tuple[str, str]]) -> tuple[float, list[tuple[str, str]]]:
    """Share of (expected, got) pairs that agree, and the pairs that do not."""
    misses = [(expected, got) for expected, got in pairs if expected != got]
    return 1 - len(misses) / len(pairs), misses


def test_the_corpus_is_large_and_unused_by_the_sources():
    assert len(PHRASINGS) >= 60
    sources = " ".join(p.read_text(encoding="utf-8") for p in (FIXTURES.parent.parent / "data" / "sources").glob("*.txt"))
    sources = " ".join(sources.split()).casefold()
    for row in PHRASINGS:
        for text in (row["progress"], row["next_actions"], row.get("commitment")):
            assert not text or " ".join(text.split()).casefold() not in sources, text
    statuses = {s["id"] for s in load_registry().statuses}
    assert {row["expected"] for row in PHRASINGS} == statuses  # every status, not-stated included


def test_the_corpus_is_classified_and_every_miss_is_not_stated(registry):
    pairs = []
    for row in PHRASINGS:
        verdict = decide(registry, columns(row), row.get("commitment"))
        pairs.append((row["expected"], verdict.status))
        if verdict.decisive:
            words = columns(row)[verdict.decisive.column][verdict.decisive.start:verdict.decisive.end]
            assert words.strip(), row
    share, misses = agreement(pairs)
    assert share >= 0.9, misses
    assert all(got == UNDECIDED for _, got in misses), misses


def test_every_rule_fires_on_some_phrasing(registry):
    fired = set()
    for row in PHRASINGS:
        verdict = decide(registry, columns(row), row.get("commitment"))
        fired |= {m.rule.id for m in [verdict.decisive, *verdict.outranked] if m}
    assert {rule.id for rule in registry.status_rules} - fired == set()


@pytest.mark.parametrize("progress,status,rule,words", [
    ("The leaflet has not been completed.", UNDECIDED, "nothing-decisive", None),
    ("Once the leaflet has been completed it will go to print.", UNDECIDED, "nothing-decisive", None),
    ("The first round has been completed; round two opens in May.", "in-progress", "completion-pending", "round has been completed"),
    ("No headway: nothing has been done since the election.", "no-progress", "no-progress-stated", "nothing has been done"),
    ("The panel was disbanded and its work is now merged into the county forum.", "dropped-or-merged", "dropped-or-discontinued", "was disbanded"),
    ("Meetings continue, but no progress on the charter itself.", "in-progress", "work-continues", "continue"),
])
def test_negations_conditions_parts_and_precedence(registry, progress, status, rule, words):
    verdict = decide(registry, {"progress": progress, "next-actions": None})
    assert (verdict.status, verdict.rule) == (status, rule)
    found = progress[verdict.decisive.start:verdict.decisive.end] if verdict.decisive else None
    assert found == words


def test_set_aside_words_are_kept_with_their_qualifier(registry):
    text = "Nothing has been completed yet, and the review has not been dropped."
    verdict = decide(registry, {"progress": text, "next-actions": None})
    assert verdict.status == UNDECIDED
    assert {(m.rule.id, m.qualifier) for m in verdict.set_aside} == {("completion-stated", "Nothing"), ("dropped-or-discontinued", "not")}


def place_in_actions(corpus, rows: list[dict]) -> dict[str, dict]:
    """One corpus phrasing per action. Phrasings that need a commitment go to an action whose commitment
    opens with the same verb; the rest go to actions whose opening verb no status rule knows."""
    verb_rule = next(r for r in corpus.registry.status_rules if r.commitment_verbs)
    reported = {e.action_id for e in corpus.progress}
    actions = [a for a in corpus.actions if a.id in reported]

    def opening_verb(text: str) -> str:
        return re.sub(r"^(?:we|defra)\s+will\s+", "", text.lower()).split()[0]

    known_verbs = {v.split()[0] for v in verb_rule.commitment_verbs}
    placed: dict[str, dict] = {}
    for row in rows:
        if row.get("commitment"):
            pool = [a for a in actions if opening_verb(a.text) == opening_verb(row["commitment"])]
        else:
            pool = [a for a in actions if opening_verb(a.text) not in known_verbs]
        action = next(a for a in pool if a.id not in placed)
        placed[action.id] = row
    return placed


def test_a_made_up_report_in_the_2009_format_is_read_from_evidence(data_copy, corpus):
    placed = place_in_actions(corpus, PHRASINGS)
    cells = {a: (row["progress"], row["next_actions"]) for a, row in placed.items()}
    write_progress_report(data_copy, corpus, cells, "three-years-on-2011", "2011-11")
    loaded = load_corpus(data_copy)
    pairs = []
    for entry in loaded.progress:
        if entry.report != "three-years-on-2011":
            continue
        row = placed[entry.action_id]
        pairs.append((row["expected"], entry.status.status))
        decision = entry.status
        if decision.span:
            cell = entry.progress if decision.column == "progress" else entry.next_actions
            assert cell.span.start <= decision.span.start < decision.span.end <= cell.span.end
            assert loaded.quote(decision.span) in (row["progress"] if decision.column == "progress" else row["next_actions"])
        else:
            assert decision.status == UNDECIDED and decision.rule == "nothing-decisive"
    assert len(pairs) == len(PHRASINGS)
    share, misses = agreement(pairs)
    assert share >= 0.9 and all(got == UNDECIDED for _, got in misses), misses
    latest = {a: es[-1] for a, es in loaded.progress_by_action().items()}
    assert all(latest[a].report == "three-years-on-2011" for a in placed)


def test_the_2009_report_keeps_its_decisions_and_decides_the_rest_from_evidence(corpus):
    counts = Counter(e.status.status for e in corpus.progress)
    # Counted by hand from the report: 26 say no progress; 11 say complete, plus 2.2 ("Launched ..." for
    # "Launch ...") and 1.28 (next actions "Action Complete."); 4 dropped or merged, 2 decided against,
    # 1 superseded, 1 transferred. The 85 others describe work: 65 with words of work under way.
    assert counts == {
        "no-progress": 26, "complete": 13, "dropped-or-merged": 4, "decided-against": 2, "superseded": 1,
        "transferred": 1, "in-progress": 65, "not-stated": 20,
    }
    entries = {e.action_id: e for e in corpus.progress}
    assert (entries["2.2"].status.status, corpus.quote(entries["2.2"].status.span)) == ("complete", "Launched")
    assert entries["2.2"].status.rule == "commitment-verb-done"
    assert (entries["1.28"].status.column, corpus.quote(entries["1.28"].status.span)) == ("next-actions", "Action Complete.")
    assert corpus.quote(entries["3.1"].status.span) == "are in discussions with"
    for action_id in ("1.14", "2.10", "1.27", "11.1"):  # plain accounts of what was done
        assert entries[action_id].status.status == UNDECIDED and entries[action_id].status.span is None
    rule_ids = {r.id for r in corpus.registry.status_rules}
    for entry in corpus.progress:
        assert entry.status.rule in rule_ids | {"nothing-decisive"}
        assert (entry.status.span is None) == (entry.status.status == UNDECIDED)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize("change,message", [
    (lambda d: d["rules"][0].update(id="Rule-1"), r"rules\[0\]\.id: 'Rule-1' is not an id"),
    (lambda d: d["rules"][1].update(id=d["rules"][0]["id"]), r"rules\[1\] id 'superseded-or-overtaken' is used twice"),
    (lambda d: d["rules"][0].update(status="not-stated"), r"only the absence of evidence may give"),
    (lambda d: d["rules"][0].update(set_aside_by=["mood"]), r"unknown qualifier 'mood'"),
    (lambda d: d["rules"][0].update(colour="red"), r"rules\[0\]: unknown key 'colour'"),
    (lambda d: d.update(qualifiers={"x": "not"}), r"qualifiers\.x: 'not' is not of type 'object'"),
    (lambda d: d["rules"][0].update(pattern="(unclosed"), r"bad pattern"),
    (lambda d: d.update(undecided={"status": "unknown", "rule": "nothing-decisive"}), r'undecided needs a listed "status"'),
])
def test_bad_status_rules_are_a_clear_error(data_copy, change, message):
    path = data_copy / "status_rules.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(canonical_json(data))
    with pytest.raises(RegistryError, match=r"status_rules\.json: .*" + message):
        load_registry(data_copy)
