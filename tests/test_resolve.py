"""Mentions, acronyms, money, status and cross-references on the real documents."""

from __future__ import annotations

import json

import pytest

from graph.build import load_corpus
from graph.registry import canonical_json
from graph.resolve import involvement


def actions_of(corpus, entity_id: str, entity_type: str = "organisation") -> list[str]:
    ids = involvement(corpus, entity_type).get(entity_id, {})
    return sorted(ids, key=lambda i: tuple(map(int, i.split("."))))


def test_wrap_under_every_name_is_one_body_in_four_actions(corpus):
    assert actions_of(corpus, "wrap") == ["3.3", "4.4", "8.1", "10.5"]
    surfaces = {m.surface for m in corpus.mentions if m.entity == "wrap"}
    assert {"WRAP", "Wrap", "Waste & Resources Action Programme", "Waste Resources Action Programme"} <= surfaces
    for name in ("WRAP", "Wrap", "wrap", "Waste & Resources Action Programme", "Waste Resources Action Programme"):
        assert corpus.registry.resolve(name).id == "wrap"


def test_encams_and_keep_britain_tidy_are_one_node(corpus):
    assert corpus.registry.resolve("ENCAMS").id == corpus.registry.resolve("Keep Britain Tidy").id == "keep-britain-tidy"
    assert actions_of(corpus, "keep-britain-tidy") == ["1.14", "2.10", "2.22", "3.4"]
    surfaces = {m.surface for m in corpus.mentions if m.entity == "keep-britain-tidy"}
    assert {"ENCAMS", "Keep Britain Tidy"} <= surfaces


def test_renames_are_dated_and_sourced(corpus):
    span = corpus.rename_evidence[("keep-britain-tidy", "ENCAMS")]
    assert corpus.quote(span) == "ENCAMS (now Keep Britain Tidy)"
    span = corpus.rename_evidence[("realliance", "REconomy CIC")]
    assert corpus.quote(span) == "REalliance (formerly REconomy)"
    assert actions_of(corpus, "realliance") == ["3.3", "8.1"]


@pytest.mark.parametrize("acronym,word", [("RISE", "rise"), ("FACE", "face"), ("EST", "est"), ("FEE", "fee")])
def test_acronyms_do_not_fire_on_ordinary_words(corpus, acronym, word):
    entity = corpus.registry.resolve(acronym)
    mentions = [m for m in corpus.mentions if m.entity == entity.id]
    assert all(word not in m.surface for m in mentions)
    text = " ".join(d.text for d in corpus.documents.values())
    assert f" {word} " in text or f" {word}s " in text or word in text.lower()  # the ordinary word does occur


def test_unrelated_capitals_are_not_organisations(corpus):
    # "UK", "EU", "CO" and generic forms never become organisations.
    assert {m.surface for m in corpus.mentions} & {"UK", "EU", "CO", "NGOs", "CIC"} == set()


def test_an_acronym_defined_in_the_text_is_learnt(data_copy):
    path = data_copy / "organisations.json"
    data = json.loads(path.read_text())
    for record in data["organisations"]:
        if record["id"] == "acre":
            record.pop("acronyms")
    path.write_text(canonical_json(data))
    corpus = load_corpus(data_copy)
    learnt = [m for m in corpus.mentions if m.entity == "acre" and m.learnt]
    assert learnt and {m.surface for m in learnt} == {"ACRE"}
    assert actions_of(corpus, "acre") == actions_of(load_corpus(), "acre")
    definition = next(d for d in corpus.acronyms if d.acronym == "ACRE")
    assert corpus.quote(definition.span).startswith("Action for Communities in Rural England") and definition.entity == "acre"


def test_unknown_names_are_kept_for_curation(corpus):
    names = {c.name: c for c in corpus.candidates}
    assert "Devon Low Carbon Network" in names and "LGA" in names
    for candidate in corpus.candidates:
        for span in candidate.spans:
            assert corpus.quote(span).replace("*", "").split() == candidate.name.split()


def test_people_with_the_actions_they_appear_in(corpus):
    assert actions_of(corpus, "simon-berry", "person") == ["7.7", "7.9"]
    assert actions_of(corpus, "hilary-benn", "person") == ["1.3", "1.18", "5.4"]
    assert actions_of(corpus, "fiona-reynolds", "person") == ["2.1"]


def test_programmes(corpus):
    assert actions_of(corpus, "every-action-counts", "programme") == ["5.4", "5.5"]
    assert actions_of(corpus, "greener-living-fund", "programme") == ["2.2", "2.3", "2.8"]
    assert actions_of(corpus, "rcan", "programme") == ["2.25", "4.7"]
    assert "muck-in4life" in {m.entity for m in corpus.mentions}


def money(corpus, subject: str, raw: str):
    return next(m for m in corpus.money if m.subject == subject and m.raw == raw)


def test_money_value_period_and_basis(corpus):
    rcan = money(corpus, "2.25", "£10 M")
    assert (rcan.value, rcan.years, rcan.period, rcan.programme) == (10_000_000, 3, "over three years", "rcan")
    assert rcan.context == "restatement" and rcan.repeat_of == money(corpus, "2.25", "£10m").id
    nalc = money(corpus, "2.9", "£100,000")
    assert (nalc.value, nalc.per_annum, nalc.years, nalc.period) == (100_000, True, 3, "per annum for the 3 years to 2010/11")
    assert (nalc.funder, nalc.funder_basis, nalc.recipients) == ("defra", "stated", ["acre", "nalc"])
    rccps = money(corpus, "2.18", "£45,000")
    assert rccps.each and rccps.recipients == ["rccps"] and rccps.funder == "defra"
    kbt = money(corpus, "1.14", "£4.75m")
    assert (kbt.value, kbt.recipients, kbt.funder, kbt.funder_basis) == (4_750_000, ["keep-britain-tidy"], "defra", "implied")
    wrap = money(corpus, "3.3", "£4m")
    assert wrap.recipients == ["realliance", "wrap"] and wrap.kind == "programme-value"
    assert money(corpus, "4-2", "£150K").kind == "turnover"
    eac = [m for m in corpus.money if m.programme == "every-action-counts"]
    assert len(eac) == 2 and eac[1].repeat_of == eac[0].id  # the same sentence in two case studies
    for item in corpus.money:
        assert corpus.quote(item.span).replace(" ", "") == item.raw.replace(" ", "")
        assert item.span.start >= item.sentence.start and item.span.end <= item.sentence.end


@pytest.mark.parametrize("action_id,status", [
    ("1.17", "superseded"), ("2.4", "transferred"), ("6.4", "dropped-or-merged"), ("7.1", "dropped-or-merged"),
    ("1.4", "dropped-or-merged"), ("2.13", "decided-against"), ("9.4", "decided-against"), ("1.8", "no-progress"),
    ("5.6", "no-progress"), ("4.1", "complete"), ("6.8", "complete"), ("2.26", "complete"), ("1.3", "in-progress"),
    ("1.23", "in-progress"),
])
def test_status_classification(corpus, action_id, status):
    entry = next(e for e in corpus.progress if e.action_id == action_id)
    assert entry.status.status == status
    if entry.status.span:
        assert entry.status.span.start >= min(entry.progress.span.start, (entry.next_actions or entry.progress).span.start)


def test_status_counts_and_decisive_words(corpus):
    from collections import Counter

    assert Counter(e.status.status for e in corpus.progress) == {
        "in-progress": 87, "no-progress": 26, "complete": 11, "dropped-or-merged": 4,
        "decided-against": 2, "superseded": 1, "transferred": 1,
    }
    superseded = next(e for e in corpus.progress if e.action_id == "1.17")
    assert corpus.quote(superseded.status.span) == "superseded"


def test_cross_references_link_actions(corpus):
    links = {(r.source_action, r.target_action) for r in corpus.cross_references}
    assert ("6.4", "1.6") in links and ("6.2", "7.11") in links and ("7.2", "7.8") in links
    for ref in corpus.cross_references:
        assert ref.target_action in corpus.quote(ref.span)
