"""Invariants over every record of the curated reference data (bioregistry style)."""

from __future__ import annotations

import json

import pytest

from graph.registry import ORGANISATION_KINDS, PROGRAMME_KINDS, REGISTRY_FILES, canonical_json, load_registry, name_key
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


def test_every_name_resolves_to_exactly_one_entity(registry):
    owners: dict[str, set[str]] = {}
    for entity in registry.entities.values():
        for name in entity.names():
            owners.setdefault(name_key(name), set()).add(entity.id)
    clashes = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert not clashes
    for entity in registry.entities.values():
        for name in entity.names():
            assert registry.resolve(name).id == entity.id, name
            assert registry.resolve(name.upper()).id == entity.id, name
            assert registry.resolve(name.lower()).id == entity.id, name


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
        "complete", "in-progress", "no-progress", "dropped-or-merged", "superseded", "transferred", "decided-against"
    ]
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
