"""Names, money and links in every part of a made-up strategy: each found fact says where it
stands, and only names in actions (or their progress) make an involvement."""

from __future__ import annotations

import pytest

from graph.registry import load_registry
from graph.resolve import build_corpus, involvement
from graph.resolve.units import CONTEXTS, text_units
from sample_strategy import write_sample


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    document = write_sample(tmp_path_factory.mktemp("sample"))
    return build_corpus([document], load_registry())


def where(corpus, entity: str) -> set[tuple[str, str]]:
    return {(m.context, m.subject) for m in corpus.mentions if m.entity == entity}


def test_every_part_is_a_text_unit_with_a_known_context(corpus):
    units = text_units(corpus.strategy, corpus.progress)
    assert {u.context for u in units} <= set(CONTEXTS)
    assert {u.context for u in units} == set(CONTEXTS) - {"restatement", "progress", "next-actions", "case-study"}
    subjects = {(u.context, u.subject) for u in units}
    assert {("deal-ask", "ask-3"), ("deal-offer", "offer-1"), ("annex-item", "annex-1/item-5"),
            ("signature", "foreword-2/signatory-1"), ("chapter-objective", "chapter-2/objective-1"),
            ("success-criterion", "chapter-1/success-1"), ("vision", "vision-paragraph-1")} <= subjects
    for unit in units:  # no unit holds page furniture or a signature image's description
        text = corpus.quote(unit.span)
        assert "Our Strategy –" not in text and "A handwritten signature" not in text


def test_names_are_found_in_every_part_and_say_where(corpus):
    assert where(corpus, "environment-agency") == {("chapter-overview", "chapter-1")}
    assert where(corpus, "wrap") == {("vision", "vision-1")}
    assert where(corpus, "natural-england") == {
        ("development", "development"), ("vision", "vision-paragraph-1"), ("action", "1.4"),
    }
    assert where(corpus, "cabinet-office") == {("foreword", "foreword-1"), ("signature", "foreword-2/signatory-1")}


def test_only_names_in_actions_make_an_involvement(corpus):
    involved = involvement(corpus)
    assert involved["natural-england"].keys() == {"1.4"}
    # Named in a chapter overview, the vision or a foreword alone: no involvement in any action.
    for entity in ("environment-agency", "wrap", "cabinet-office"):
        assert entity not in involved


def test_money_in_any_part_carries_its_context(corpus):
    found = {(m.raw, m.context, m.subject) for m in corpus.money}
    assert found == {("£2m", "deal-offer", "offer-3"), ("£50,000", "chapter-overview", "chapter-1")}
    for item in corpus.money:
        assert corpus.quote(item.span) == item.raw


def test_deal_items_link_to_the_actions_that_name_the_same_thing(corpus):
    links = {(link.deal_item, link.action) for link in corpus.deal_links}
    assert links == {("ask-1", "1.2"), ("ask-2", "1.3"), ("offer-1", "1.1"), ("offer-2", "2.1"), ("offer-3", "2.2")}
    by_pair = {(link.deal_item, link.action): link for link in corpus.deal_links}
    panel = by_pair[("offer-1", "1.1")]
    assert {(e.kind, e.term) for e in panel.evidence} == {("name", "volunteer advisory"), ("name", "advisory panel")}
    assert {corpus.quote(e.deal_span) for e in panel.evidence} == {"Volunteer Advisory", "Advisory Panel"}
    forms = by_pair[("offer-2", "2.1")]
    assert {(e.kind, e.term, corpus.quote(e.action_span)) for e in forms.evidence} == {
        ("phrase", "grant form", "grant forms"), ("phrase", "small group", "small groups"),
    }
    for link in corpus.deal_links:
        assert link.score == pytest.approx(sum(e.weight for e in link.evidence))
        # Every action names voluntary groups: that proves nothing and is never evidence.
        assert all(e.term != "voluntary group" for e in link.evidence)


def test_chapters_that_point_to_an_annex(corpus):
    references = [(r.annex, r.chapter, r.context, r.subject, r.kind, corpus.quote(r.span)) for r in corpus.annex_references]
    assert references == [
        (1, 1, "chapter-overview", "chapter-1", "title", "five rules of fair funding"),
        (1, 1, "chapter-overview", "chapter-1", "explicit", "see Annex 1"),
        (1, 2, "chapter-objective", "chapter-2/objective-1", "title", "Five Rules of Fair Funding"),
    ]


def test_signatories_and_their_posts(corpus):
    first, second = corpus.strategy.forewords
    okafor, lindqvist = first.signatories
    assert okafor.person is None and lindqvist.person is None  # the registry does not know them: not guessed
    assert [(p.title.text, p.organisation, p.organisation_basis) for p in okafor.posts] == [
        ("Secretary of State for Rivers, Woods and Wetlands", None, None),
    ]
    (patel,) = second.signatories
    # "Cabinet Office" on a line of its own is the organisation of the post above it, not a post.
    assert [(p.title.text, p.organisation, p.organisation_basis) for p in patel.posts] == [
        ("Minister for Civil Society", "cabinet-office", "stated"),
    ]
