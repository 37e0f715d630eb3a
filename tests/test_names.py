"""Names in wordings the sources do not use: one normalisation, coordinated and overlapping names,
lower-case groups, sentence-initial words, generic names that need context, dual entities.

Every sentence here is made up; the registry is a small made-up one written by the test, on top
of the real curation lists (name words, generic words, group words, capitals that are not names).
"""

from __future__ import annotations

import json
import shutil

import pytest

from graph.model import Document, Span
from graph.names import compact_key, name_key, same_name
from graph.registry import canonical_json, load_registry
from graph.resolve.corpus import TextUnit
from graph.resolve.mentions import find_names
from graph.sources import DEFAULT_DATA_DIR, line_starts

ORGANISATIONS = [
    {"id": "furniture-reuse-network", "kind": "network-umbrella", "name": "Furniture Reuse Network"},
    {"id": "tree-council", "kind": "charity-ngo", "name": "The Tree Council"},
    {"id": "countryside-forum", "kind": "partnership-group", "name": "Wildlife and Countryside Forum"},
    {"id": "rivers-department", "kind": "government-department", "name": "Department for Rivers, Lakes and Canals"},
    {"id": "composting-network", "kind": "network-umbrella", "name": "Community Composting Network"},
    {"id": "coastal-board", "kind": "partnership-group", "name": "Coastal Access Partnership Board"},
    {"id": "estuary-board", "kind": "partnership-group", "name": "Estuary Management Board"},
    {"id": "peat-task-force", "kind": "partnership-group", "name": "Ministerial Task Force on Peatland Restoration",
     "generic_aliases": ["Peat Group"]},
    {"id": "uplands-group", "kind": "partnership-group", "name": "Uplands Futures Partnership Group",
     "programme": "uplands-futures"},
    {"id": "village-network", "kind": "network-umbrella", "name": "Village Action Network", "acronyms": ["VAN"],
     "programme": "village-network-programme"},
    {"id": "otter-trust", "kind": "charity-ngo", "name": "Otter Trust"},
]
PROGRAMMES = [
    {"id": "uplands-futures", "kind": "programme", "name": "Uplands Futures Programme"},
    {"id": "village-network-programme", "kind": "programme", "name": "Village Action Network", "acronyms": ["VAN"]},
    {"id": "otter-award", "kind": "award", "name": "Otter Trust Volunteer Award", "owner": "otter-trust"},
    {"id": "rural-grants", "kind": "fund", "name": "Rural Grants Scheme", "acronyms": ["RGS"]},
]


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    folder = tmp_path_factory.mktemp("made-up") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    (folder / "organisations.json").write_text(canonical_json({"organisations": ORGANISATIONS}), encoding="utf-8")
    (folder / "programmes.json").write_text(canonical_json({"programmes": PROGRAMMES}), encoding="utf-8")
    (folder / "people.json").write_text(canonical_json({"people": []}), encoding="utf-8")
    return load_registry(folder)


def find(registry, *units: tuple[str, str, str]):
    """Run the name finder over made-up text units: (subject, context, text)."""
    text, spans = "", []
    for _, _, unit_text in units:
        spans.append((len(text), len(text) + len(unit_text)))
        text += unit_text + "\n\n"
    document = Document("made-up", "Made-up report", "Nobody", "2011-11", "progress-report", "made-up.txt", "none",
                        text, line_starts(text))
    text_units = [TextUnit(context, subject, Span(document.id, start, end))
                  for (subject, context, _), (start, end) in zip(units, spans)]
    return find_names({document.id: document}, text_units, registry)


def linked(findings) -> set[tuple[str, str]]:
    return {(m.entity, m.surface) for m in findings.mentions}


def entities(findings, subject: str | None = None) -> set[str]:
    return {m.entity for m in findings.mentions if subject is None or m.subject == subject}


def candidates(findings) -> dict[str, str]:
    return {c.name: c.reason for c in findings.candidates}


# -- one normalisation -----------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Furniture Re-use Network", "Furniture Reuse Network"),
    ("The Tree Council", "Tree Council"),
    ("Game & Wildlife Trust", "Game and Wildlife Trusts"),
    ("Women's Institutes", "Womens Institute"),
    ("Réseau Café Society", "Reseau Cafe Societies"),
    ("Capacity builders", "Capacitybuilders"),
    ("COMMUNITY COUNCILS", "community council"),
    ("Rural Communities Forum", "Rural Community Forums"),
    ("Churches Together", "Church Together"),
])
def test_spelling_variants_are_one_name(a, b):
    assert same_name(a, b) and compact_key(a) == compact_key(b)


@pytest.mark.parametrize("a,b", [
    ("Furniture Reuse Network", "Furniture Network"),
    ("Tree Council", "Trees Councillor"),
    ("Glass Alliance", "Gla Alliance"),
    ("Otter Trust", "Otter Trusty"),
])
def test_different_names_stay_different(a, b):
    assert not same_name(a, b)


def test_name_key_keeps_words_apart():
    assert name_key("The Tree-Planting Councils") == "tree planting council"
    assert name_key("Defra's Compact Group") == "defra compact group"
    # The lookups compare status and timing words through the same key.
    assert name_key("in-progress") == "in progress" and name_key("Longer-Term") == "longer term"


def test_registry_resolves_every_variant(registry):
    assert registry.resolve("Furniture Re-use Network").id == "furniture-reuse-network"
    assert registry.resolve("tree councils").id == "tree-council"
    assert registry.resolve("VAN", "programme").id == "village-network-programme"
    assert registry.resolve("VAN", "organisation").id == "village-network"


# -- the matcher -----------------------------------------------------------------------------

def test_spelling_variants_match_in_running_text(registry):
    found = find(registry, ("7.1", "progress", "Last spring the furniture re-use network and the Tree Councils ran a stall."))
    # The registry writes "The Tree Council", so the mention takes in the article.
    assert linked(found) == {("furniture-reuse-network", "furniture re-use network"), ("tree-council", "the Tree Councils")}


def test_a_registry_name_with_and_is_not_split(registry):
    found = find(registry, ("7.2", "progress",
                            "The Department for Rivers, Lakes and Canals and the Wildlife and Countryside Forum met the Otter Trust."))
    assert entities(found) == {"rivers-department", "countryside-forum", "otter-trust"}
    assert candidates(found) == {}


def test_a_local_body_is_not_the_national_one(registry):
    found = find(registry, ("case-1", "case-study",
                            "The shop also hosts Cornwall Community Composting Network and trains volunteers."))
    assert entities(found) == set()
    assert "Cornwall Community Composting Network" in candidates(found)


def test_a_common_word_before_a_name_does_not_hide_it(registry):
    found = find(registry, ("7.3", "progress",
                            "Both Community Composting Network and the Otter Trust came; both sent staff."))
    assert entities(found) == {"composting-network", "otter-trust"}


def test_a_dual_entity_links_the_body_and_its_programme(registry):
    found = find(registry, ("7.4", "progress", "Grants went to the Village Action Network, and VAN reported in June."))
    assert {(m.entity, m.entity_type, m.surface) for m in found.mentions} == {
        ("village-network", "organisation", "Village Action Network"),
        ("village-network-programme", "programme", "Village Action Network"),
        ("village-network", "organisation", "VAN"),
        ("village-network-programme", "programme", "VAN"),
    }


def test_a_programme_named_after_its_body_links_the_body(registry):
    found = find(registry, ("7.5", "progress", "Two teams won the Otter Trust Volunteer Award this year."))
    assert linked(found) == {("otter-award", "Otter Trust Volunteer Award"), ("otter-trust", "Otter Trust")}


# -- candidates ------------------------------------------------------------------------------

def test_coordinated_names_are_separate_candidates(registry):
    found = find(registry,
                 ("8.1", "progress", "Grants went to Heathland Action Plan and The Hedge Council last year."),
                 ("8.2", "progress", "We wrote to the Badger Society, the Vole Network and Hedgehog Street Alliance."))
    names = candidates(found)
    assert {"Heathland Action Plan", "The Hedge Council", "Badger Society", "Vole Network", "Hedgehog Street Alliance"} <= set(names)
    assert not any(" and " in name for name in names)


def test_a_single_word_before_and_stays_part_of_the_name(registry):
    found = find(registry, ("8.3", "progress", "The Field and Hedge Trust joined the scheme."))
    assert set(candidates(found)) == {"Field and Hedge Trust"}


def test_the_rest_of_a_run_that_overlaps_a_known_name_is_kept(registry):
    found = find(registry, ("8.4", "progress", "Officials met the Welsh Rural Network and the RGS Network in June."))
    assert ("rural-grants", "RGS") in linked(found)
    assert {"Welsh Rural Network", "RGS Network"} <= set(candidates(found))


def test_lower_case_groups_with_a_proper_noun_head_are_candidates(registry):
    found = find(
        registry,
        ("8.5", "progress", "The Otter Trust sits on the core steering group of the Severn Estuary Recovery Plan."),
        ("8.6", "progress", "Officials joined the 'Wild Margins' reference group in May."),
        ("8.7", "progress", "We briefed the Pennine Uplands network twice."),
        ("8.8", "progress", "A network of local groups met; the stakeholder group met twice; a group of volunteers helped."),
    )
    names = set(candidates(found))
    assert {"core steering group of the Severn Estuary Recovery Plan", "'Wild Margins' reference group",
            "Pennine Uplands network"} == names


def test_a_sentence_initial_common_word_is_not_part_of_a_name(registry):
    found = find(registry,
                 ("8.9", "next-actions", "Further Steering Board meetings are planned. The further steps are clear."),
                 ("8.10", "progress", "Cumbria Rivers Trust met twice."))
    names = candidates(found)
    assert "Further Steering Board" not in names and "Steering Board" in names
    assert "Cumbria Rivers Trust" in names


# -- generic names need context --------------------------------------------------------------

def test_a_generic_name_without_context_is_reported_not_guessed(registry):
    found = find(registry, ("9.1", "action", "A new Ministerial Task Force will advise on estuaries."))
    assert entities(found) == set()
    reason = candidates(found)["Ministerial Task Force"]
    assert reason.startswith("generic name:") and "9.1" not in reason


def test_a_generic_name_resolves_when_the_same_action_names_the_body(registry):
    found = find(registry,
                 ("9.2", "action", "Set up a Ministerial Task Force on Peatland Restoration."),
                 ("9.2", "next-actions", "The Task Force will report in May; the Peat Group meets monthly."))
    generic = [(m.entity, m.surface) for m in found.mentions if m.generic]
    assert generic == [("peat-task-force", "Task Force"), ("peat-task-force", "Peat Group")]
    assert candidates(found) == {}


def test_context_does_not_cross_actions(registry):
    found = find(registry,
                 ("9.3", "action", "Work with the Coastal Access Partnership Board."),
                 ("9.4", "action", "The Partnership Board will meet."))
    assert entities(found, "9.4") == set()
    assert "Partnership Board" in candidates(found)


def test_a_generic_name_that_fits_two_bodies_is_ambiguous(registry):
    found = find(registry, ("9.5", "progress",
                            "The Coastal Access Partnership Board and the Estuary Management Board met; the Board agreed a plan."))
    assert entities(found) == {"coastal-board", "estuary-board"}
    reason = candidates(found)["Board"]
    assert "ambiguous" in reason and "Coastal Access Partnership Board" in reason and "Estuary Management Board" in reason


def test_a_shorter_form_of_a_body_named_in_the_row_resolves(registry):
    found = find(registry,
                 ("9.6", "restatement", "The Coastal Access Partnership Board met."),
                 ("9.6", "progress", "The Partnership Board agreed a plan."))
    assert [m.entity for m in found.mentions if m.generic] == ["coastal-board"]


def test_a_board_of_a_named_programme_resolves(registry):
    found = find(registry, ("9.7", "action", "Set up a Partnership Group for the Uplands Futures Programme."))
    assert {(m.entity, m.generic) for m in found.mentions} == {("uplands-futures", False), ("uplands-group", True)}


def test_a_case_study_is_its_own_context(registry):
    found = find(registry,
                 ("case-2", "case-study", "The Estuary Management Board funds the work."),
                 ("case-3", "case-study", "Its elected Management Board meets monthly."))
    assert entities(found, "case-3") == set()
    assert "Management Board" in candidates(found)


def test_candidates_quote_their_names(registry):
    found = find(registry, ("9.8", "progress", "Grants went to Heathland Action Plan and The Hedge Council."))
    document = "Grants went to Heathland Action Plan and The Hedge Council."
    for candidate in found.candidates:
        for span in candidate.spans:
            assert document[span.start:span.end] == candidate.name


def test_acronyms_keep_their_case(registry):
    found = find(registry, ("9.9", "progress", "The van was late; the VAN was not."))
    assert {m.surface for m in found.mentions} == {"VAN"}


def test_a_kind_of_body_is_neither_linked_nor_listed(registry):
    found = find(registry,
                 ("9.10", "progress", "The Estuary Management Board met; every Board in the region and the existing "
                                      "Partnership Boards were told."))
    assert [m.surface for m in found.mentions] == ["Estuary Management Board"]
    assert candidates(found) == {}


def test_a_head_word_with_its_own_name_is_not_generic(registry):
    found = find(registry,
                 ("9.11", "progress", "The Coastal Access Partnership Board wrote to the Board for Inland Waters and Canals."),
                 ("9.12", "progress", "The Coastal Access Partnership Board met. Talks with the Board on Part 2 continue."))
    assert "Board for Inland Waters and Canals" in candidates(found)  # not split after "for"
    assert [(m.subject, m.surface) for m in found.mentions if m.generic] == [("9.12", "Board")]


# -- a made-up further report in the 2009 table format ---------------------------------------

MADE_UP_ROWS = [
    ("Advocacy, Voice and Campaigning", "1.31", "Longer Term",
     "Involve third sector organisations in the reform of the Common Fisheries Policy.",
     "The new Task Force met twice and heard from the Marine and Fisheries Stakeholders Forum.", "-"),
    ("Creating a framework for greater environmental leadership in the third sector", "5.1", "Immediate",
     "Establish a joint Ministerial task group.",
     "The Ministerial Task Force on Climate Change, Sustainable Development and the Environment reported in May.",
     "The Task Force thanked Green Alliance and the Otter Sanctuary Trust."),
    ("Enabling our delivery bodies", "10.7", "Longer Term", "Support rural community projects through the RDPE.",
     "Defra funds the Pennine Rural Network and the RDPE Network, and works with Heathland Action Plan and The Hedge Council.",
     "Continue to fund the RCAN network and the furniture re-use network."),
]


def test_a_made_up_report_in_the_2009_table_format(data_copy):
    from graph.build import load_corpus

    header = "Theme\tStrategy Chapter\tAction\tTiming\tActions\tProgress report\tNext actions"
    rows = ["\t".join(("Achieving Together", *row)) for row in MADE_UP_ROWS]
    text = "Third Sector Strategy\n\nThree Years On\n\nNovember 2011\n\n" + header + "\n" + "\n".join(rows) + "\n"
    (data_copy / "sources" / "three-years-on-2011.txt").write_text(text, encoding="utf-8")
    manifest = json.loads((data_copy / "sources.json").read_text())
    manifest["sources"].append({
        "date": "2011-11", "file": "sources/three-years-on-2011.txt", "id": "three-years-on-2011", "kind": "progress-report",
        "licence": "made up for the tests", "publisher": "Department for Environment, Food and Rural Affairs",
        "title": "Third Sector Strategy Three Years On (made up)",
    })
    (data_copy / "sources.json").write_text(canonical_json(manifest))
    corpus = load_corpus(data_copy)
    new = [m for m in corpus.mentions if m.span.doc == "three-years-on-2011"]
    linked = {(m.subject, m.entity, m.surface) for m in new}
    # 1.31: the new task force is not the climate change one; the row never names a body in full.
    assert not any(m.entity == "ministerial-task-force" and m.subject == "1.31" for m in new)
    # 5.1: the row names the task force in full, so "The Task Force" is that body.
    assert ("5.1", "ministerial-task-force", "Task Force") in linked
    # 10.7: known names, the rest of the run, coordinated names, a dual entity, a spelling variant.
    assert {("10.7", "rdpe-network", "RDPE Network"), ("10.7", "rural-communities-action-network", "RCAN"),
            ("10.7", "rcan", "RCAN"), ("10.7", "frn", "furniture re-use network")} <= linked
    unresolved = {c.name: c for c in corpus.candidates}
    for name in ("Pennine Rural Network", "Heathland Action Plan", "The Hedge Council", "Otter Sanctuary Trust"):
        assert any(s.doc == "three-years-on-2011" for s in unresolved[name].spans), name
    task_force = [s for s in unresolved["Task Force"].spans if s.doc == "three-years-on-2011"]
    assert len(task_force) == 1 and unresolved["Task Force"].reason.startswith("generic name:")
