"""The strategy's other parts (forewords, development, the Deal, vision, monitoring, annexes) on a
made-up strategy in the same layout, and the errors malformed parts give."""

from __future__ import annotations

import pytest

from graph.errors import SourceError
from graph.parse_strategy import parse_strategy
from sample_strategy import SAMPLE, quote_of, write_sample


@pytest.fixture
def sample(tmp_path):
    document = write_sample(tmp_path)
    return document, parse_strategy(document)


def test_every_new_item_quotes_its_own_words(sample):
    document, strategy = sample
    items = [p for f in strategy.forewords for p in f.paragraphs]
    items += [s.name for f in strategy.forewords for s in f.signatories]
    items += [r for f in strategy.forewords for s in f.signatories for r in s.roles]
    items += strategy.development.paragraphs + strategy.monitoring.paragraphs + strategy.vision_paragraphs
    items += strategy.deal.introduction + [s for i in strategy.deal.items for s in i.subitems]
    items += [i for i in strategy.deal.items if not i.subitems]
    items += [i for a in strategy.annexes for i in a.items] + [p for c in strategy.chapters for p in c.overview_paragraphs]
    items += [r.role for r in strategy.monitoring.roles] + [r.holder for r in strategy.monitoring.roles]
    assert len(items) > 40
    for item in items:
        assert quote_of(document, item) == item.text, item
    for item in strategy.deal.items:  # an item's span runs on over its sub-items
        assert quote_of(document, item).startswith(item.text)
        if item.subitems:
            assert document.quote(item.span).endswith(document.quote(item.subitems[-1].span))


def test_forewords_and_their_signatories(sample):
    document, strategy = sample
    assert [f.title for f in strategy.forewords] == ["Foreword", "Foreword from the Minister for Civil Society"]
    first, second = strategy.forewords
    assert [p.text for p in first.paragraphs][-3:] == [
        "We will pursue two themes:",
        "1) Working in partnership – joint work with voluntary groups on shared aims",
        "2) Changing how we operate – improving our own practice so that groups find us easier to work with.",
    ]
    assert first.paragraphs[2].text == "openly and step by step."  # a page break splits a paragraph in two
    okafor, lindqvist = first.signatories
    assert (okafor.name.text, okafor.honorific, okafor.post_nominals) == ("Jane Okafor", "The Rt Hon Dr", ["MP"])
    assert [r.text for r in okafor.roles] == ["Secretary of State for Rivers, Woods and Wetlands"]
    assert document.quote(okafor.signature) == "A handwritten signature in green ink, appearing to read 'J. Okafor'."
    assert (lindqvist.name.text, lindqvist.honorific, lindqvist.post_nominals) == ("Tom Lindqvist", None, [])
    assert [r.text for r in lindqvist.roles] == [
        "Parliamentary Under-Secretary for Woodland and Lakes", "the Department's Volunteering Minister",
    ]
    assert document.quote(lindqvist.signature) == "A signature in black ink."
    # A block with no image line is a signature too when it closes the foreword.
    (patel,) = second.signatories
    assert (patel.name.text, patel.post_nominals, patel.signature) == ("Sam Patel", ["OBE"], None)
    assert [r.text for r in patel.roles] == ["Minister for Civil Society", "Cabinet Office"]
    # Image descriptions are notes, never content.
    texts = [p.text for f in strategy.forewords for p in f.paragraphs]
    assert not any("signature" in t for t in texts)


def test_development_figures(sample):
    document, strategy = sample
    development = strategy.development
    assert development.title == "How we prepared this Strategy"
    figures = [(document.quote(f.span), f.value, f.qualifier, f.relation, f.counts) for f in development.figures]
    assert figures == [
        ("Nearly 40 community groups", 40, "nearly", "almost", "community groups"),
        ("two listening events", 2, None, "exactly", "listening events"),
        ("about 250 written replies", 250, "about", "about", "written replies"),
        ("at least twelve regional officers", 12, "at least", "at-least", "regional officers"),
        ("9 of the Department's regional teams", 9, None, "exactly", "the Department's regional teams"),
        ("Fewer than 10 parish councils", 10, "fewer than", "fewer-than", "parish councils"),
    ]
    for figure in development.figures:
        assert document.quote(figure.counts_span) == figure.counts
        sentence = document.quote(figure.sentence)
        assert document.quote(figure.span) in sentence and sentence.endswith((".", ";"))


def test_the_deal(sample):
    document, strategy = sample
    deal = strategy.deal
    assert [i.text for i in deal.introduction] == ["This plan sets out a bargain between the Department and voluntary groups."]
    assert (deal.ask_heading.text, deal.ask_lead_in.text) == ("What we ask of voluntary groups", "Support our shared aims by:")
    assert [(a.id, a.side, a.text) for a in deal.asks] == [
        ("ask-1", "ask", "Telling us what works for river clean-up days on the ground"),
        ("ask-2", "ask", "Recruiting volunteers for tree planting weekends"),
        ("ask-3", "ask", "Sharing evidence through:"),
    ]
    assert [(s.letter, s.text) for s in deal.asks[2].subitems] == [
        (None, "publishing yearly results;"), (None, "joining the national river survey."),
    ]
    assert document.quote(deal.asks[2].span).endswith("joining the national river survey.")
    assert deal.offer_heading.text == "What we offer to voluntary groups" and deal.offer_lead_in is None
    assert [o.id for o in deal.offers] == ["offer-1", "offer-2", "offer-3"]
    assert deal.offers[0].text == "A seat on a new Volunteer Advisory Panel to advise Ministers"


def test_vision_prose_monitoring_and_annex(sample):
    document, strategy = sample
    assert [p.text for p in strategy.vision_paragraphs] == ["We will have worked as equals, with Natural England beside us."]
    monitoring = strategy.monitoring
    assert monitoring.title == "Monitoring and reviewing our strategy"
    roles = [(r.kind, r.role.text, r.holder.text) for r in monitoring.roles]
    assert roles == [
        ("holds", "lead Minister for this plan", "The Volunteering Minister"),
        ("holds", "Senior Responsible Owner", "Director of Rural Affairs"),
        ("has-role-in", "checking progress each spring", "The new Volunteer Advisory Panel"),
    ]
    (annex,) = strategy.annexes
    assert (annex.id, annex.title, annex.urls) == ("annex-1", "The Five Rules of Fair Funding", ["www.example.org.uk"])
    assert [i.text for i in annex.items][0::4] == ["Pay on time;", "Say early if funding will stop."]
    assert len(strategy.actions) == 7  # the annex and the back page are not actions


def test_a_strategy_without_the_new_parts_still_parses(tmp_path):
    text = SAMPLE
    for heading in ("\nThe Deal\n", "\nHow we prepared this Strategy\n"):
        text = text.replace(heading, "\nAn untitled page\n", 1)
    text = text[: text.index("Annex 1 – ")]
    strategy = parse_strategy(write_sample(tmp_path, text))
    assert strategy.deal is None and strategy.development is None and strategy.annexes == []
    assert len(strategy.actions) == 7


def line_number(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.mark.parametrize("old,new,needle,message", [
    ("Support our shared aims by:\n\n- Telling", "- Telling", "What we ask of voluntary",
     "a second ask list in the Deal"),
    ("What we ask of voluntary groups:\n", "", "- Telling us",
     "a Deal item before any 'Our ask of ...:' or 'Our offer to ...:' heading"),
    ("- Telling us what works for river clean-up days on the ground\n- Recruiting volunteers for tree planting weekends\n"
     "- Sharing evidence through:\n", "", " - publishing yearly",
     "an indented sub-item before any item of the Deal's ask list"),
    ("- Simpler grant forms for small groups", "Simpler grant forms for small groups", "Simpler grant forms",
     "a line in the Deal's offer list that is neither a '- ' item nor a ' - ' sub-item"),
    ("Annex 1 – The Five", "Annex 2 – The Five", "Annex 2 – ", "annex 2 where annex 1 was expected"),
])
def test_malformed_parts_name_file_and_line(tmp_path, old, new, needle, message):
    text = SAMPLE.replace(old, new, 1)
    if message == "a second ask list in the Deal":
        text = SAMPLE.replace("What we offer to voluntary groups:", "What we ask of voluntary groups:", 1)
        needle = "- A seat on"
        line = line_number(text, needle) - 2
    else:
        line = line_number(text, needle)
    document = write_sample(tmp_path, text)
    with pytest.raises(SourceError) as error:
        parse_strategy(document)
    assert str(error.value) == f"{document.path}:{line}: {message}"


def test_a_signature_with_no_name(tmp_path):
    text = SAMPLE.replace("Sam Patel OBE\nMinister for Civil Society\nCabinet Office\n", "A signature in red ink.\n", 1)
    document = write_sample(tmp_path, text)
    with pytest.raises(SourceError) as error:
        parse_strategy(document)
    assert str(error.value) == f"{document.path}:{line_number(text, 'A signature in red ink.')}: a signature with no name after it"


@pytest.mark.parametrize("text,expected", [
    ("Some 15 volunteers joined.", [("Some 15 volunteers", 15, "some", "about", "volunteers")]),
    ("We funded up to 5 small grants each year.", [("up to 5 small grants", 5, "up to", "at-most", "small grants")]),
    ("2,500 households replied by post.", [("2,500 households", 2500, None, "exactly", "households")]),
    ("In excess of forty partner bodies took part.", [("In excess of forty partner bodies", 40, "in excess of", "more-than", "partner bodies")]),
    ("It started in 2009 with £4m and 50% of councils.", []),  # a year, a sum and a share are no counts
    ("It is one of the hardest tasks; we met on 3 March.", []),
    ("Over 800 Community Champions have been trained.", [("Over 800 Community Champions", 800, "over", "more-than", "Community Champions")]),
])
def test_figures_in_other_wordings(text, expected):
    from graph.model import Span, TextItem
    from graph.parse.figures import find_figures

    figures = find_figures(TextItem(text, Span("made-up", 0, len(text))), text)
    assert [(text[f.span.start:f.span.end], f.value, f.qualifier, f.relation, f.counts) for f in figures] == expected


def test_prose_after_a_signature_is_an_error(tmp_path):
    text = SAMPLE.replace("the Department's Volunteering Minister\n", "the Department's Volunteering Minister\n\nWith thanks to all.\n", 1)
    document = write_sample(tmp_path, text)
    with pytest.raises(SourceError) as error:
        parse_strategy(document)
    line = line_number(text, "With thanks to all.")
    assert str(error.value) == f"{document.path}:{line}: prose after the signatures of 'Foreword'"


def test_lettered_sub_items_in_the_deal(tmp_path):
    text = SAMPLE.replace(" - publishing yearly", " - a) publishing yearly").replace(" - joining the", " - b. joining the")
    document = write_sample(tmp_path, text)
    ask = parse_strategy(document).deal.asks[2]
    assert [(s.letter, s.text) for s in ask.subitems] == [("a", "publishing yearly results;"), ("b", "joining the national river survey.")]
    assert [document.quote(s.span) for s in ask.subitems] == ["a) publishing yearly results;", "b. joining the national river survey."]
