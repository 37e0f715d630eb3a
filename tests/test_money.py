"""Money: the word rules on made-up phrases, made-up sentences read through load_corpus, then every
sum of the real documents checked field by field against values read from the text by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.build import load_corpus
from graph.registry import canonical_json
from graph.resolve.money_words import find_each, find_period, find_qualifier, money_kind
from helpers import write_progress_report

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


@pytest.mark.parametrize("before,after,period,per_annum,years", [
    ("In 2012/13 the scheme received ", ".", "In 2012/13", False, None),
    ("The trust will receive ", " over the next four years to 2013.", "over the next four years to 2013", False, 4),
    ("Groups get ", " annually for two years.", "annually for two years", True, 2),
    ("Schools were offered an annual bursary of ", ".", "annual", True, None),
    ("Spending stood at ", " by the end of March.", None, False, None),
    ("Between 2010 and 2012 the partners raised ", ".", "Between 2010 and 2012", False, None),
    ("The fund paid out ", " during the 2010-11 financial year and more in 2012.", "during the 2010-11 financial year", False, None),
])
def test_period_before_or_after_the_sum(before, after, period, per_annum, years):
    found, got_per_annum, got_years, _ = find_period(before, after)
    assert (found.words if found else None, got_per_annum, got_years) == (period, per_annum, years)


@pytest.mark.parametrize("before,words,approximate,bound", [
    ("The appeal raised approximately ", "approximately", True, None),
    ("Costs were put at roughly ", "roughly", True, None),
    ("The charity spends some ", "some", True, None),
    ("Villages may bid for up to ", "up to", False, "upper"),
    ("The partners put in more than ", "more than", False, "lower"),
    ("It has cost nearly ", "nearly", True, "upper"),
    ("The scheme needs at least ", "at least", False, "lower"),
    ("Sales came to just under ", "just under", True, "upper"),
    ("Turnover is over ", "over", False, "lower"),
    ("Broadband help (about ", "about", True, None),
    ("The café seats about 30 people and has a ", None, False, None),
    ("Funding over three years of ", None, False, None),
])
def test_approximations_and_bounds(before, words, approximate, bound):
    found, got_approximate, got_bound = find_qualifier(before)
    assert (found.words if found else None, got_approximate, got_bound) == (words, approximate, bound)


@pytest.mark.parametrize("sentence,words,count", [
    ("Each of the twelve county forums has been given £4,000.", "Each of the twelve county forums", 12),
    ("Defra paid £2,000 each to 15 village halls.", "each to 15 village halls", 15),
    ("Each of the RCCs will receive £900.", "Each of the RCCs", None),
    ("The 8 pilots will each receive £7,500.", "8 pilots will each receive", 8),
    ("We give £300 each year to the fund.", None, None),
])
def test_each_and_how_many(sentence, words, count):
    found = find_each(sentence)
    assert (found[0].words if found else None, found[1] if found else None) == (words, count)


@pytest.mark.parametrize("sentence,kind", [
    ("Grant to the trust agreed at £2m.", "grant"),
    ("The co-operative has a turnover of £80K.", "turnover"),
    ("The agencies have spent £1m on the scheme.", "spend"),
    ("We decided not to pay the £500 fee.", "declined"),
    ("The council won £20k from the lottery.", "won"),
])
def test_kinds(sentence, kind):
    assert money_kind(sentence) == kind


# Made-up progress texts, each with the fields an analyst reads from it (written by hand).
MADE_UP = [
    ("For 2011/12 the grant to ACRE was confirmed at £2.5m.", {
        "value": 2_500_000, "kind": "grant", "period": "For 2011/12", "per_annum": False, "total": 2_500_000,
        "total_basis": "as stated", "funder": "defra", "funder_basis": "implied", "recipients": ["acre"],
        "recipients_basis": "stated", "approximate": False, "qualifier": None, "bound": None}),
    ("Natural England provided approximately £80,000 to the National Trust for path repairs.", {
        "value": 80_000, "funder": "natural-england", "funder_basis": "stated", "recipients": ["national-trust"],
        "approximate": True, "qualifier": "approximately", "bound": None, "total_basis": "as stated"}),
    ("WRAP has spent some £1.2m on reuse pilots to date.", {
        "value": 1_200_000, "kind": "spend", "funder": "wrap", "funder_basis": "stated", "recipients": [],
        "recipients_basis": "not stated", "approximate": True, "qualifier": "some", "period": "to date"}),
    ("Up to £30,000 is available for each of the 12 regional forums.", {
        "value": 30_000, "qualifier": "Up to", "bound": "upper", "approximate": False,
        "parts": [("each", 12, "for each of the 12 regional forums")], "total": 360_000, "total_basis": "computed",
        "recipients": [], "recipients_basis": "not stated"}),
    ("Defra will give the Plunkett Foundation £20,000 a year for the next five years.", {
        "value": 20_000, "period": "a year for the next five years", "per_annum": True, "years": 5,
        "parts": [("per-annum", 5, "a year for the next five years")], "total": 100_000, "total_basis": "computed",
        "funder": "defra", "funder_basis": "stated", "recipients": ["plunkett-foundation"]}),
    ("Each of the nine Regional Climate Change Partnerships receives £12,500 from Defra.", {
        "value": 12_500, "parts": [("each", 9, "Each of the nine Regional Climate Change Partnerships")], "total": 112_500,
        "total_basis": "computed", "funder": "defra", "funder_basis": "stated", "recipients": ["rccps"]}),
    ("Capacitybuilders applied to the Green Community Programme last spring. The bid succeeded and Capacitybuilders won £25k.", {
        "value": 25_000, "kind": "won", "recipients": ["capacitybuilders"], "programme": "green-community-programme",
        "programme_basis": "sentence before", "funder": "est", "funder_basis": "programme owner"}),
    ("Defra is backing 'Every Action Counts', a consortium of local groups, with £500,000 in 2011.", {
        "value": 500_000, "funder": "defra", "funder_basis": "stated", "recipients": ["every-action-counts-consortium"],
        "recipients_basis": "consortium named by its programme", "programme": "every-action-counts", "programme_basis": "stated"}),
    ("Keep Britain Tidy reported a turnover of around £9m.", {
        "value": 9_000_000, "kind": "turnover", "turnover_of": "keep-britain-tidy", "turnover_of_basis": "stated",
        "approximate": True, "qualifier": "around", "funder": None, "funder_basis": "not applicable"}),
    ("The Plunkett Foundation supports rural co-operatives across England. It has a turnover of over £1m.", {
        "value": 1_000_000, "kind": "turnover", "turnover_of": "plunkett-foundation", "turnover_of_basis": "pronoun",
        "approximate": False, "qualifier": "over", "bound": "lower"}),
    ("Funding of £3,000 a year was agreed with the RSPB.", {
        "value": 3_000, "per_annum": True, "parts": [("per-annum", None, "a year")], "total": None,
        "total_basis": "not stated", "recipients": ["rspb"], "funder": "defra", "funder_basis": "implied"}),
    ("About 40 volunteers helped, and £2,000 was raised from local businesses.", {
        "value": 2_000, "approximate": False, "qualifier": None, "funder": None, "funder_basis": "unresolved",
        "programme": None, "programme_basis": "not stated"}),
]


def fields_of(item) -> dict:
    data = {name: getattr(item, name) for name in (
        "value", "kind", "period", "per_annum", "years", "total", "total_basis", "funder", "funder_basis", "recipients",
        "recipients_basis", "programme", "programme_basis", "approximate", "qualifier", "bound", "turnover_of",
        "turnover_of_basis")}
    data["parts"] = [(p.basis, p.count, p.words) for p in item.multipliers]
    return data


def test_made_up_sentences_through_the_money_finder(data_copy, corpus):
    sources = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SOURCES.glob("*.txt"))
    for text, _ in MADE_UP:
        assert text not in sources
    # Rows go to actions that name no programme, so the action never supplies one.
    programmes = {m.subject for m in corpus.mentions if m.context == "action" and m.entity_type == "programme"}
    free = [a.id for a in corpus.actions if a.id not in programmes]
    cells = {action_id: (text, None) for action_id, (text, _) in zip(free, MADE_UP)}
    write_progress_report(data_copy, corpus, cells, "money-made-up-2011", "2011-11")
    loaded = load_corpus(data_copy)
    found = {m.subject: m for m in loaded.money if m.span.doc == "money-made-up-2011"}
    assert len(found) == len(MADE_UP)
    for action_id, (text, expected) in zip(free, MADE_UP):
        got = fields_of(found[action_id])
        assert {k: got[k] for k in expected} == expected, text
        item = found[action_id]
        if item.period:
            assert loaded.quote(item.period_span) == item.period
        for part in item.multipliers:
            assert loaded.quote(part.span) == part.words


def money(corpus, subject: str, raw: str):
    return next(m for m in corpus.money if m.subject == subject and m.raw == raw)


# Every sum in the two documents, with its fields read by hand from the text.
# (subject, raw): value, kind, period, approximate, qualifier, total, total_basis, funder, funder_basis,
# recipients, recipients_basis, programme, programme_basis, turnover_of_name, turnover_of_basis
REAL = {
    ("2.25", "£10m"): (10e6, "grant", "over three years", False, None, 10e6, "as stated", "defra", "stated", ["rural-communities-action-network"], "stated", "rcan", "stated", None, None),
    ("3.3", "£4m"): (4e6, "programme-value", "over three years", False, None, 4e6, "as stated", "defra", "implied", ["realliance", "wrap"], "stated", None, "not stated", None, None),
    ("1.14", "£4.75m"): (4.75e6, "grant", "for 2010/11", False, None, 4.75e6, "as stated", "defra", "implied", ["keep-britain-tidy"], "stated", None, "not stated", None, None),
    ("1.20", "£150k"): (150e3, "funding", "until Mar 2010", False, None, 150e3, "as stated", "defra", "stated", [], "not stated", "farming-futures", "action", None, None),
    ("2.9", "£100,000"): (100e3, "funding", "per annum for the 3 years to 2010/11", False, None, 300e3, "computed", "defra", "stated", ["acre", "nalc"], "stated", None, "not stated", None, None),
    ("2.13", "£5000"): (5e3, "declined", "p.a", False, None, None, "not stated", None, "not stated", [], "not stated", None, "not stated", None, None),
    ("2.18", "£45,000"): (45e3, "funding", "for the 2009-2010 financial year", False, None, None, "not stated", "defra", "stated", ["rccps"], "stated", None, "not stated", None, None),
    ("2.25", "£10 M"): (10e6, "grant", "over three years", False, None, 10e6, "as stated", "defra", "stated", ["rural-communities-action-network"], "stated", "rcan", "stated", None, None),
    ("2.26", "£40k"): (40e3, "funding", "2008-2009", False, None, 40e3, "as stated", "defra", "implied", ["face"], "stated", "year-of-food-and-farming", "stated", None, None),
    ("3.3", "£4 M"): (4e6, "programme-value", "over three years", False, None, 4e6, "as stated", "defra", "implied", ["realliance", "wrap"], "stated", None, "not stated", None, None),
    ("4.3", "£60k"): (60e3, "won", None, False, None, 60e3, "as stated", "ots", "programme owner", ["defra"], "stated", "social-enterprise-action-research", "sentence before", None, None),
    ("10.7", "£15m"): (15e6, "spend", "To date", True, "around", 15e6, "as stated", "rdas", "stated", [], "not stated", "rdpe", "stated", None, None),
    ("10.7", "£3.5m"): (3.5e6, "spend", None, True, "about", 3.5e6, "as stated", None, "not stated", [], "not stated", "eerp", "stated", None, None),
    ("2-1", "£4m"): (4e6, "funding", "over three years", False, None, 4e6, "as stated", "defra", "stated", ["every-action-counts-consortium"], "consortium named by its programme", "every-action-counts", "stated", None, None),
    ("4-2", "£150K"): (150e3, "turnover", None, True, "approximately", 150e3, "as stated", None, "not applicable", [], "not applicable", None, "not applicable", "Proper Job", "pronoun"),
    ("4-2", "£21K"): (21e3, "turnover", None, True, "approximately", 21e3, "as stated", None, "not applicable", [], "not applicable", None, "not applicable", "The Resource Centre", "pronoun"),
    ("4-2", "£130K"): (130e3, "turnover", None, False, None, 130e3, "as stated", None, "not applicable", [], "not applicable", None, "not applicable", "The Courtyard", "stated"),
    ("5-1", "£4m"): (4e6, "funding", "over three years", False, None, 4e6, "as stated", "defra", "stated", ["every-action-counts-consortium"], "consortium named by its programme", "every-action-counts", "stated", None, None),
}
FIELDS = ("value", "kind", "period", "approximate", "qualifier", "total", "total_basis", "funder", "funder_basis", "recipients",
          "recipients_basis", "programme", "programme_basis", "turnover_of_name", "turnover_of_basis")


@pytest.mark.parametrize("key", list(REAL), ids=lambda k: f"{k[0]} {k[1]}")
def test_every_real_sum_in_every_field(corpus, key):
    item = money(corpus, *key)
    assert tuple(getattr(item, f) for f in FIELDS) == REAL[key]


def test_the_real_sums_are_all_listed_and_their_parts_are_sourced(corpus):
    assert sorted((m.subject, m.raw) for m in corpus.money) == sorted(REAL)
    nalc = money(corpus, "2.9", "£100,000")
    assert [(p.basis, p.count, corpus.quote(p.span)) for p in nalc.multipliers] == [("per-annum", 3, "per annum for the 3 years to 2010/11")]
    rccps = money(corpus, "2.18", "£45,000")
    assert [(p.basis, p.count, corpus.quote(p.span)) for p in rccps.multipliers] == [("each", None, "Each of the RCCPs")]
    kbt = money(corpus, "1.14", "£4.75m")
    assert corpus.quote(kbt.period_span) == "for 2010/11" and kbt.period_span.end <= kbt.span.start  # before the sum
    proper_job = money(corpus, "4-2", "£150K")
    assert proper_job.turnover_of == "proper-job" and corpus.quote(proper_job.turnover_of_span) == "Proper Job"
    for item in corpus.money:
        assert item.funder is not None or item.funder_basis in ("not stated", "not applicable", "unresolved")
        assert item.programme is not None or item.programme_basis in ("not stated", "not applicable")
        assert item.recipients or item.recipients_basis in ("not stated", "not applicable")


def test_a_programme_that_is_also_an_organisation_counts_as_a_recipient(data_copy):
    # As the registry may record RCAN: a programme whose record names the organisation it also is.
    # The registry records the body that a programme is also (organisation -> "programme"); give the
    # RCAN programme a body of another name, so only that link can make it the recipient.
    organisations = json.loads((data_copy / "organisations.json").read_text())
    records = [r for r in organisations["organisations"] if r["id"] != "rural-communities-action-network"]
    records.append({"id": "rcan-body", "kind": "network-umbrella", "name": "Network of Rural Community Councils",
                    "programme": "rcan"})
    organisations["organisations"] = sorted(records, key=lambda r: r["id"])
    (data_copy / "organisations.json").write_text(canonical_json(organisations))
    corpus = load_corpus(data_copy)
    for raw in ("£10m", "£10 M"):
        item = money(corpus, "2.25", raw)
        assert (item.recipients, item.recipients_basis, item.programme, item.funder) == (["rcan-body"], "stated", "rcan", "defra")


def test_two_sums_in_one_sentence_are_two_sums_and_an_annual_grant_is_per_annum(data_copy, corpus):
    """Wordings the sources do not use: the second sum of a sentence is not a repeat of the first,
    and "an annual grant of £X" is a yearly figure whose whole the sentence does not give."""
    rows = {
        "1.1": "Defra will give the RSPB £5m in 2012 and £3m in 2013.",
        "1.2": "The National Trust will receive an annual grant of £70,000.",
    }
    sources = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SOURCES.glob("*.txt"))
    assert not [text for text in rows.values() if text in sources]
    write_progress_report(data_copy, corpus, {a: (text, None) for a, text in rows.items()}, "money-made-up-2012", "2012-11")
    loaded = load_corpus(data_copy)
    found = [m for m in loaded.money if m.span.doc == "money-made-up-2012"]
    first, second = sorted((m for m in found if m.subject == "1.1"), key=lambda m: m.span.start)
    assert (first.value, second.value, first.repeat_of, second.repeat_of) == (5_000_000, 3_000_000, None, None)
    annual = next(m for m in found if m.subject == "1.2")
    assert (annual.per_annum, annual.total, annual.total_basis) == (True, None, "not stated")
    assert [(p.basis, p.count, p.words) for p in annual.multipliers] == [("per-annum", None, "annual")]
    assert loaded.quote(annual.multipliers[0].span) == "annual"
