"""Invariants over every record of the curated reference data (bioregistry style)."""

from __future__ import annotations

import json

import pytest

from graph.names import compact_key
from graph.registry import ORGANISATION_KINDS, PROGRAMME_KINDS, REGISTRY_FILES, canonical_json, load_registry
from graph.resources import data_dir
from graph.sources import load_documents

DEFAULT_DATA_DIR = data_dir()


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize("name", [*REGISTRY_FILES, "sources.json"])
def test_data_files_are_stored_canonically(name):
    path = DEFAULT_DATA_DIR / name
    text = path.read_text(encoding="utf-8")
    assert text == canonical_json(json.loads(text)), f"{name} is not canonical: rewrite it with sorted keys and indent 2"


@pytest.mark.parametrize("name,key", [("organisations.json", "organisations"), ("programmes.json", "programmes"), ("people.json", "people")])
def test_records_are_sorted_by_id(name, key):
    records = json.loads((DEFAULT_DATA_DIR / name).read_text(encoding="utf-8"))[key]
    ids = [r["id"] for r in records]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_every_name_resolves_to_one_entity_per_type(registry):
    owners: dict[str, set[str]] = {}
    for entity in registry.entities.values():
        for name in entity.names():
            owners.setdefault(compact_key(name), set()).add(entity.id)
    for name, ids in owners.items():
        if len(ids) > 1:  # only an organisation and the programme it names may share a name
            organisation, programme = sorted(ids, key=lambda i: registry.entities[i].type)
            assert len(ids) == 2 and registry.entities[organisation].record.get("programme") == programme, (name, ids)
    for entity in registry.entities.values():
        for name in entity.names():
            for variant in (name, name.upper(), name.lower()):
                assert registry.resolve(variant, entity.type).id == entity.id, variant


def test_a_body_and_its_programme_share_a_name():
    registry = load_registry()
    assert [(e.type, e.id) for e in registry.resolve_all("RCAN")] == [
        ("organisation", "rural-communities-action-network"), ("programme", "rcan")]
    assert registry.resolve("Rural Communities Action Network", "programme").id == "rcan"
    assert registry.by_key["rcan"] == "rural-communities-action-network"  # the index prefers the body


@pytest.mark.parametrize("name,entity_type,entity_id", [
    ("Rural Communities Action Network", "organisation", "rural-communities-action-network"),
    ("LGA", "organisation", "lga"),
    ("CAF", "organisation", "caf"),
    ("CAF Payroll Giving Mark", "programme", "caf-payroll-giving-mark"),
    ("Bassac", "organisation", "bassac"),
    ("Devon Community Recycling Network", "organisation", "devon-community-recycling-network"),
    ("Devon Community Composting Network", "organisation", "devon-community-composting-network"),
    ("Finding Sanctuary", "programme", "finding-sanctuary"),
    ("UK National Rural Network", "organisation", "uk-national-rural-network"),
    ("RDPE Network", "organisation", "rdpe-network"),
    ("Sustainable Procurement Task Force", "organisation", "sustainable-procurement-task-force"),
])
def test_the_bodies_issue_9_lists_are_registered(registry, name, entity_type, entity_id):
    assert registry.resolve(name, entity_type).id == entity_id


def test_every_source_quotes_a_document_and_shows_a_name(registry):
    documents = {d.id: d for d in load_documents()}
    sourced = [e for e in registry.entities.values() if "source" in e.record]
    assert len(sourced) >= 13
    for entity in sourced:
        source = entity.record["source"]
        assert source["quote"] in documents[source["document"]].text, entity.id
        assert any(name in source["quote"] for name in entity.names()), entity.id


def test_identifiers_are_only_numbers_the_sources_state(registry):
    text = " ".join(d.text for d in load_documents())
    for entity in registry.of_type("organisation"):
        for scheme, value in entity.record.get("identifiers", {}).items():
            assert value in text, (entity.id, scheme)


def test_schema_kinds_are_the_registry_kinds():
    from graph.schema import schema_of

    organisation = schema_of("organisations.json")["$defs"]["organisation"]["properties"]
    programme = schema_of("programmes.json")["$defs"]["programme"]["properties"]
    assert set(organisation["kind"]["enum"]) == set(ORGANISATION_KINDS)
    assert set(programme["kind"]["enum"]) == set(PROGRAMME_KINDS)
    assert organisation["identifiers"]["propertyNames"]["pattern"]


def test_generic_forms_of_a_body(registry):
    assert registry.generic_forms(registry.entities["acc-partnership-board"]) >= {"partnership board", "board"}
    assert registry.generic_forms(registry.entities["ministerial-task-force"]) >= {"ministerial task force", "task force"}
    assert "task force" not in registry.by_key and "partnership group" not in registry.by_key


def test_every_reference_points_at_an_existing_organisation(registry):
    organisations = {e.id for e in registry.of_type("organisation")}
    for entity in registry.entities.values():
        for field in ("parent", "owner", "organisation"):
            if entity.record.get(field):
                assert entity.record[field] in organisations, (entity.id, field)
        for member in entity.record.get("members", []):
            assert member in organisations, (entity.id, member)


def test_kinds_are_from_the_documented_vocabularies(registry):
    for entity in registry.of_type("organisation"):
        assert entity.kind in ORGANISATION_KINDS
    for entity in registry.of_type("programme"):
        assert entity.kind in PROGRAMME_KINDS
    for entity in registry.of_type("person"):
        assert entity.record["role"]


def test_rename_evidence_is_quoted_from_a_source(registry):
    documents = {d.id: d for d in load_documents()}
    renames = 0
    for entity in registry.of_type("organisation"):
        for former in entity.former_names:
            if "evidence" in former:
                renames += 1
                evidence = former["evidence"]
                assert evidence["quote"] in documents[evidence["source"]].text
                assert former["not_before"] <= former["not_after"]
    assert renames == 2  # ENCAMS -> Keep Britain Tidy, REconomy CIC -> REalliance CIC


def test_status_vocabulary(registry):
    assert [s["id"] for s in registry.statuses] == [
        "complete", "in-progress", "no-progress", "dropped-or-merged", "superseded", "transferred", "decided-against",
        "not-stated",
    ]
    assert registry.undecided_status == "not-stated"
    assert all(s["definition"] for s in registry.statuses)


def test_a_clashing_alias_is_a_clear_error(data_copy):
    path = data_copy / "organisations.json"
    data = json.loads(path.read_text())
    for record in data["organisations"]:
        if record["id"] == "acre":
            record["aliases"] = ["Wrap"]
    path.write_text(canonical_json(data))
    from graph.errors import RegistryError

    with pytest.raises(RegistryError, match=r"organisations\.json: name '(WRAP|Wrap)' belongs to both 'acre' and 'wrap'"):
        load_registry(data_copy)


def test_a_dangling_reference_is_a_clear_error(data_copy):
    path = data_copy / "organisations.json"
    data = json.loads(path.read_text())
    data["organisations"][0]["parent"] = "no-such-body"
    path.write_text(canonical_json(data))
    from graph.errors import RegistryError

    with pytest.raises(RegistryError, match="organisations.json: .*'no-such-body'"):
        load_registry(data_copy)


def test_an_unknown_key_names_the_file_path_and_record(data_copy):
    path = data_copy / "organisations.json"
    data = json.loads(path.read_text())
    index = next(i for i, r in enumerate(data["organisations"]) if r["id"] == "acre")
    data["organisations"][index]["aliasses"] = ["Rural England"]
    path.write_text(canonical_json(data))
    from graph.errors import RegistryError

    with pytest.raises(RegistryError) as error:
        load_registry(data_copy)
    assert str(error.value) == f"{path}: organisations[{index}] (record 'acre'): unknown key 'aliasses'"


def test_a_programme_link_must_name_a_programme(data_copy):
    path = data_copy / "organisations.json"
    data = json.loads(path.read_text())
    for record in data["organisations"]:
        if record["id"] == "rdpe-network":
            record["programme"] = "acre"
    path.write_text(canonical_json(data))
    from graph.errors import RegistryError

    with pytest.raises(RegistryError, match="'rdpe-network' has programme 'acre', which is not a programme in programmes.json"):
        load_registry(data_copy)


def test_every_id_in_every_input_is_an_id(registry):
    from graph.schema import is_id
    from graph.sources import load_manifest

    ids = [*registry.entities, *(s["id"] for s in registry.statuses), *(r.id for r in registry.status_rules),
           registry.undecided_rule, *registry.status_qualifiers, *(s["id"] for s in load_manifest())]
    assert [i for i in ids if not is_id(i)] == []


def test_no_alias_is_a_stopword_or_short(registry):
    from graph.registry import weak_name

    names = [(e.id, n) for e in registry.entities.values()
             for n in [*e.aliases, *e.generic_aliases, *(f["name"] for f in e.former_names)]]
    assert [(i, n, weak_name(n)) for i, n in names if weak_name(n)] == []
    assert [(e.id, a) for e in registry.entities.values() for a in e.acronyms if a == a.lower()] == []
