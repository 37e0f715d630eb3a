"""The documents parse into the structure the strategy has: exact counts from the real text."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from graph.resources import data_dir
from graph.sources import load_manifest


def test_manifest_lists_both_documents():
    entries = load_manifest()
    assert [(e["id"], e["kind"], e["date"]) for e in entries] == [
        ("strategy-2008", "strategy", "2008-11"),
        ("one-year-on-2009", "progress-report", "2009-11"),
    ]
    for entry in entries:
        assert entry["licence"].startswith("Crown copyright")


def test_themes_and_chapters(corpus):
    strategy = corpus.strategy
    assert [t.name for t in strategy.themes] == ["Achieving Together", "Renewing the way we work with the sector"]
    assert [c.number for c in strategy.chapters] == list(range(1, 12))
    assert [c.theme for c in strategy.chapters] == [1] * 5 + [2] * 6
    assert strategy.chapters[0].title == "Advocacy, voice, campaigning and informing policy development"
    assert strategy.chapters[7].title == "Joining-up what we do"
    # Every chapter has an overview, listed objectives and success criteria.
    assert [len(c.objectives) for c in strategy.chapters] == [4, 4, 4, 2, 1, 4, 3, 2, 3, 3, 6]
    assert [len(c.success) for c in strategy.chapters] == [4, 4, 3, 1, 2, 4, 2, 3, 3, 3, 3]
    assert all(c.overview and len(c.overview.text) > 200 for c in strategy.chapters)
    assert len(strategy.vision) == 6 and len(strategy.overall_objectives) == 6


def test_132_actions_with_ids_timing_and_subheadings(corpus):
    actions = corpus.actions
    assert len(actions) == 132
    assert len({a.id for a in actions}) == 132
    per_chapter = Counter(a.chapter for a in actions)
    assert [per_chapter[n] for n in range(1, 12)] == [35, 26, 7, 7, 7, 8, 12, 3, 8, 9, 10]
    assert actions[0].id == "1.1" and actions[-1].id == "11.10"
    assert Counter(a.timing for a in actions) == {"immediate": 74, "longer-term": 58}
    subheadings = {a.id: a.subheading for a in actions if a.chapter == 2}
    assert subheadings["2.1"] == "Mobilising individuals and communities"
    assert subheadings["2.11"] == "Volunteering"
    assert subheadings["2.14"] == "Places"
    assert subheadings["2.19"] is None
    assert {a.subheading for a in actions if a.chapter != 2} == {None}


def test_timing_agrees_with_the_progress_report(corpus):
    # Two independent sources for the same fact: the 2008 headings and the 2009 Timing column.
    reported = {e.action_id: e.timing_label for e in corpus.progress}
    for action in corpus.actions:
        assert (action.timing == "immediate") == (reported[action.id] == "Immediate"), action.id


def test_lettered_sub_items(corpus):
    by_id = {a.id: a for a in corpus.actions}
    assert [s.letter for s in by_id["5.2"].subitems] == ["a", "b"]
    assert [s.letter for s in by_id["9.4"].subitems] == ["a", "b", "c"]
    assert "a) explore and then recommend to the sector" in by_id["5.2"].text
    assert by_id["9.4"].text.endswith("c) Seeking to raise the profile of Defra's payroll giving activities through involvement in the CAF Payroll Giving Mark")


def test_no_page_furniture_or_italic_markers_in_any_text(corpus):
    texts = [a.text for a in corpus.actions] + [c.text for c in corpus.strategy.case_studies]
    texts += [c.overview.text for c in corpus.strategy.chapters]
    texts += [i.text for c in corpus.strategy.chapters for i in c.objectives + c.success]
    texts += [e.progress.text for e in corpus.progress] + [e.restated.text for e in corpus.progress]
    for text in texts:
        assert "Our Actions –" not in text and "Our Strategy –" not in text
        assert "*" not in text
        assert "<i>" not in text


def test_italic_hints_are_kept(corpus):
    by_id = {a.id: a for a in corpus.actions}
    assert by_id["3.3"].hints == ["Wrap", "REconomy"]
    assert "Action for Communities in Rural England (ACRE)" in by_id["1.24"].hints


def test_case_studies(corpus):
    titles = [(c.id, c.title) for c in corpus.strategy.case_studies]
    assert titles == [
        ("1-1", "Defra and third sector collaboration on greener living policy"),
        ("1-2", "Defra and third sector collaboration on marine policy"),
        ("2-1", "Every Action Counts – Supporting Community Action"),
        ("3-1", "Defra supports ENCAMS for cleaner and greener public services"),
        ("4-1", "Bulky Matters – WRAP and REconomy CIC support means tendering success"),
        ("4-2", "Proper Job – helps people with greener living in Dartmoor National Park"),
        ("5-1", "Every Action Counts – environmental leadership and organisational change in the third sector"),
        ("10-1", "Defra and WRAP help establish REconomy Community Interest Company"),
        ("11-1", "Raising awareness of third sector organisations across Defra's suppliers"),
    ]
    encams = corpus.strategy.case_studies[3]
    assert "Eco-Schools" in encams.text and "Beaches" in encams.text  # sub-headings stay inside
    assert corpus.strategy.case_studies[2].urls == ["www.everyactioncounts.org.uk"]


def test_132_progress_rows(corpus):
    progress = corpus.progress
    assert len(progress) == 132
    assert [e.action_id for e in progress] == [a.id for a in corpus.actions]
    assert {e.date for e in progress} == {"2009-11"}
    by_id = {e.action_id: e for e in progress}
    assert by_id["1.14"].progress.text == "Grant to Keep Britain Tidy for 2010/11 confirmed at £4.75m."
    assert by_id["1.14"].next_actions is None  # an empty cell
    assert by_id["1.1"].next_actions is None  # "-" means none
    assert by_id["7.6"].progress.text.endswith("on an ad hoc basis.")  # <i> markup removed


def test_restatements_that_differ_in_substance(corpus):
    by_id = {e.action_id: e for e in corpus.progress}
    assert by_id["3.3"].differs
    assert ("reconomy", "realliance") in by_id["3.3"].changes
    assert by_id["1.14"].differs and by_id["1.14"].changes == [("", "now keep britain tidy")]
    # Case, acronym glosses, number style and hyphens are wording, not substance.
    for action_id in ("1.1", "1.3", "2.14", "2.19", "8.2"):
        assert not by_id[action_id].differs, (action_id, by_id[action_id].changes)
    assert sorted((e.action_id for e in corpus.progress if e.differs), key=lambda i: tuple(map(int, i.split(".")))) == [
        "1.14", "2.22", "3.3", "3.4", "9.2"
    ]


# SHA-256 of the originals as published to the project (/work/shared/sources), recorded when they
# were bundled: the copies in data/sources/ must stay those bytes (input data, never edited).
ORIGINALS = {
    "sources/defra-third-sector-strategy-2008.txt": "3eca475904097993e4b981d4ff3d5e5f2a5c7904f03dc94b836db64fecc49d03",
    "sources/defra-third-sector-strategy-one-year-on-2009.txt": "fa65e6ee1fc1eb93b0d9fe116addb85cfcdd7a9c43d2b60a0cbb84015dd82995",
}


def test_source_text_is_unaltered(corpus):
    for entry in load_manifest():
        if entry["file"] in ORIGINALS:
            digest = hashlib.sha256((data_dir() / entry["file"]).read_bytes()).hexdigest()
            assert digest == ORIGINALS[entry["file"]], f"{entry['file']} differs from the original"
    assert {e["file"] for e in load_manifest()} >= set(ORIGINALS)
    strategy = next(d for d in corpus.documents.values() if d.kind == "strategy")
    assert re.search(r"© Crown [Cc]opyright|Crown copyright", strategy.text)


def words(document, span) -> str:
    """The document's words at a span, white space runs made single (items may cross lines)."""
    return " ".join(document.text[span.start:span.end].split())


def test_forewords_and_signatories(corpus):
    strategy = corpus.strategy
    document = strategy.document
    assert [f.title for f in strategy.forewords] == ["Foreword", "Foreword from the Minister for the Third Sector"]
    first, second = strategy.forewords
    assert first.paragraphs[0].text.startswith("This strategy sets out how Defra will improve the way")
    assert first.paragraphs[-1].text.endswith("We look forward to taking forward this agenda with you.")
    assert second.paragraphs[-1].text.endswith("I look forward to working with Defra to deliver its objectives.")
    signed = [
        (s.name.text, s.honorific, s.post_nominals, [r.text for r in s.roles])
        for f in strategy.forewords for s in f.signatories
    ]
    assert signed == [
        ("Hilary Benn", "Rt Hon", ["MP"], ["Secretary of State for Environment, Food and Rural Affairs"]),
        ("Huw Irranca-Davies", None, ["MP"], [
            "Minister for the Natural and Marine Environment, Wildlife and Rural Affairs", "Defra's Third Sector Minister",
        ]),
        ("Kevin Brennan", None, [], ["Minister for the Third Sector", "Office of the Third Sector"]),
    ]
    for foreword in strategy.forewords:
        for signatory in foreword.signatories:
            assert document.text[signatory.name.span.start:signatory.name.span.end] == signatory.name.text
            assert all(words(document, r.span) == r.text for r in signatory.roles)
            assert document.quote(signatory.signature).startswith("A handwritten signature in")
        for paragraph in foreword.paragraphs:
            assert words(document, paragraph.span) == paragraph.text
            assert "handwritten signature" not in paragraph.text  # image descriptions are never content


def test_how_the_strategy_was_developed(corpus):
    development = corpus.strategy.development
    document = corpus.strategy.document
    assert development.title == "How we developed our Strategy" and len(development.paragraphs) == 4
    figures = [(document.quote(f.span), f.value, f.qualifier, f.counts) for f in development.figures]
    assert figures == [
        ("More than 30 third sector stakeholders", 30, "more than", "third sector stakeholders"),
        ("over 100 responses", 100, "over", "responses"),
        ("seven think-piece documents", 7, None, "think-piece documents"),
        ("three strategy development workshops", 3, None, "strategy development workshops"),
        ("at least one representative", 1, "at least", "representative"),
        ("18 of Defra's delivery bodies", 18, None, "Defra's delivery bodies"),
        ("around 34 representatives", 34, "around", "representatives"),
        ("two telephone conferences", 2, None, "telephone conferences"),
    ]
    assert [f.relation for f in development.figures] == [
        "more-than", "more-than", "exactly", "exactly", "at-least", "exactly", "about", "exactly",
    ]
    assert document.quote(development.figures[1].sentence) == (
        "We published a consultation document in November 2007 and received over 100 responses by February 2008."
    )


def test_the_deal(corpus):
    deal = corpus.strategy.deal
    document = corpus.strategy.document
    assert deal.introduction[0].text.startswith("This Strategy sets out the deal between Defra and the third sector.")
    assert (deal.ask_heading.text, deal.offer_heading.text) == ("Our ask of the sector", "Our offer to the sector")
    assert deal.ask_lead_in.text == "Help achieve shared outcomes which contribute to delivery of our Strategic Objectives through:"
    assert deal.offer_lead_in is None
    assert [a.id for a in deal.asks] == ["ask-1", "ask-2", "ask-3", "ask-4", "ask-5"]
    assert deal.asks[0].text == "Informing our policy, providing independent or expert advice, and advocating needs"
    fifth = deal.asks[4]
    assert fifth.text.endswith("enhances the sector's own ability to engage effectively through:")
    assert [s.letter for s in fifth.subitems] == [None] * 4
    assert fifth.subitems[0].text.startswith("being open to opportunities for more collective or collaborative activity")
    assert fifth.subitems[3].text == (
        "strengthening the ability to prepare a robust business case and evidence base when inviting Defra to support proposals."
    )
    assert [a.subitems for a in deal.asks[:4]] == [[]] * 4
    assert len(deal.offers) == 7
    assert deal.offers[0].text == (
        "More influence on how Defra works through a new Advisory Board and also more opportunities to co-design "
        "policies or programmes at an early stage"
    )
    assert deal.offers[6].text.endswith("such as in lobbying Defra and delivering on our behalf.")
    for item in deal.items:
        assert document.quote(item.span).startswith(item.text) and item.side in ("ask", "offer")
    for sub in fifth.subitems:
        assert document.quote(sub.span) == sub.text


def test_vision_monitoring_and_annex(corpus):
    strategy = corpus.strategy
    document = strategy.document
    assert [p.text[:50] for p in strategy.vision_paragraphs] == ["Defra and the third sector will have together achi"]
    monitoring = strategy.monitoring
    assert monitoring.title == "Monitoring and Reviewing our strategy" and len(monitoring.paragraphs) == 5
    assert [(r.kind, r.role.text, r.holder.text) for r in monitoring.roles] == [
        ("holds", "lead Minister for this Strategy", "Defra's Third Sector Minister"),
        ("holds", "Senior Responsible Owner", "Director-level Third Sector Champion"),
        ("has-role-in", "overseeing the overall implementation of the strategy through annual monitoring reports",
         "The new Third Sector Advisory Board"),
    ]
    for role in monitoring.roles:
        assert document.quote(role.role.span) == role.role.text and document.quote(role.holder.span) == role.holder.text
    (annex,) = strategy.annexes
    assert (annex.number, annex.title, annex.urls) == (1, "The Eight Principles of Good Commissioning", ["www.idea.gov.uk"])
    assert len(annex.items) == 8
    assert annex.items[0].text.startswith("Understanding the needs of users and other communities")
    assert annex.items[-1].text == (
        "Seeking feedback from service users, communities and providers in order to review the effectiveness "
        "of the commissioning process in meeting local needs."
    )
    for item in annex.items + [p for c in strategy.chapters for p in c.overview_paragraphs]:
        assert words(document, item.span).replace("*", "") == item.text
    assert [len(c.overview_paragraphs) for c in strategy.chapters] == [2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 3]
