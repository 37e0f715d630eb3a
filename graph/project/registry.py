"""The curated registry: organisations (with renames), programmes and people."""

from __future__ import annotations

import re

from ..registry import Entity
from .context import Context, date_literal, literal, node, source_record
from .terms import DCT, FOAF, ORG, RDFS, SKOS, TS, A

ORGANISATION_CLASSES = {
    "defra-unit": ORG.OrganizationalUnit,
    "partnership-group": ORG.OrganizationalCollaboration,
    "government-department": ORG.FormalOrganization,
    "public-body": ORG.FormalOrganization,
    "charity-ngo": ORG.FormalOrganization,
    "social-enterprise": ORG.FormalOrganization,
    "company": ORG.FormalOrganization,
    "network-umbrella": ORG.Organization,
}
PROGRAMME_CLASSES = {"legislation": TS.Legislation, "policy": TS.Policy}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def organisation(ctx: Context, entity: Entity, s: str) -> None:
    record = entity.record
    ctx.add(s, A, ORG.Organization)
    ctx.add(s, A, ORGANISATION_CLASSES[entity.kind])
    ctx.add(s, ORG.classification, node("organisation-kind", entity.kind))
    if record.get("parent"):
        parent = node("organisation", record["parent"])
        ctx.add(s, ORG.subOrganizationOf, parent)
        if entity.kind == "defra-unit":
            ctx.add(s, ORG.unitOf, parent)
    for member in record.get("members", []):
        ctx.add(s, ORG.hasMember, node("organisation", member))
    if entity.programme:
        ctx.add(s, TS.programme, node("programme", entity.programme))
    for former in entity.former_names:
        ctx.add(s, TS.formerName, literal(former["name"]))
        if "not_before" in former or "evidence" in former:
            rename(ctx, entity, s, former)


def rename(ctx: Context, entity: Entity, s: str, former: dict) -> None:
    event = node("rename", entity.id, slug(former["name"]))
    ctx.add(event, A, ORG.ChangeEvent)
    ctx.add(event, ORG.resultingOrganization, s)
    ctx.add(s, ORG.resultedFrom, event)
    ctx.add(event, TS.previousName, literal(former["name"]))
    ctx.add(event, TS.newName, literal(entity.name))
    ctx.add(event, RDFS.label, literal(f"{former['name']} renamed {entity.name}"))
    if "not_before" in former:
        ctx.add(event, TS.notBefore, date_literal(former["not_before"]))
    if "not_after" in former:
        ctx.add(event, TS.notAfter, date_literal(former["not_after"]))
    evidence = ctx.corpus.rename_evidence.get((entity.id, former["name"]))
    if evidence:
        ctx.add(event, TS.source, ctx.span(evidence))


def programme(ctx: Context, entity: Entity, s: str) -> None:
    ctx.add(s, A, TS.Programme)
    if entity.kind in PROGRAMME_CLASSES:
        ctx.add(s, A, PROGRAMME_CLASSES[entity.kind])
    ctx.add(s, DCT.type, node("programme-kind", entity.kind))
    if entity.record.get("owner"):
        ctx.add(s, TS.owner, node("organisation", entity.record["owner"]))


def person(ctx: Context, entity: Entity, s: str) -> None:
    ctx.add(s, A, FOAF.Person)
    ctx.add(s, FOAF.name, literal(entity.name))
    ctx.add(s, TS.role, literal(entity.record["role"]))
    if entity.record.get("organisation"):
        ctx.add(s, ORG.memberOf, node("organisation", entity.record["organisation"]))


BUILDERS = {"organisation": organisation, "programme": programme, "person": person}


def triples(ctx: Context) -> None:
    for entity in ctx.corpus.registry.entities.values():
        s = node(entity.type, entity.id)
        BUILDERS[entity.type](ctx, entity, s)
        ctx.add(s, DCT.identifier, literal(entity.id))
        ctx.add(s, SKOS.prefLabel, literal(entity.name))
        ctx.add(s, RDFS.label, literal(entity.name))
        for acronym in entity.acronyms:
            ctx.add(s, TS.acronym, literal(acronym))
        for alias in entity.aliases:
            ctx.add(s, SKOS.altLabel, literal(alias))
        if entity.record.get("note"):
            ctx.add(s, SKOS.editorialNote, literal(entity.record["note"]))
        if entity.id in ctx.corpus.entity_sources:
            ctx.add(s, TS.source, ctx.span(ctx.corpus.entity_sources[entity.id]))


def former_name_record(ctx: Context, entity: Entity, former: dict) -> dict:
    evidence = ctx.corpus.rename_evidence.get((entity.id, former["name"]))
    return {
        "name": former["name"],
        "not_before": former.get("not_before"),
        "not_after": former.get("not_after"),
        "source": source_record(ctx.corpus, evidence) if evidence else None,
    }


def records(ctx: Context) -> dict:
    registry = ctx.corpus.registry
    family = ctx.decisions.family
    entities = {}
    for entity in sorted(registry.entities.values(), key=lambda e: e.id):
        record = entity.record
        entities[entity.id] = {
            "id": entity.id,
            "type": entity.type,
            "name": entity.name,
            "kind": entity.kind,
            "acronyms": entity.acronyms,
            "aliases": entity.aliases,
            "former_names": [former_name_record(ctx, entity, f) for f in entity.former_names],
            "parent": record.get("parent"),
            "members": record.get("members", []),
            "owner": record.get("owner"),
            "organisation": record.get("organisation"),
            "role": record.get("role"),
            "note": record.get("note"),
            "defra_family": entity.id in family,
            "programme": entity.programme if entity.type == "organisation" else None,
            "generic_aliases": entity.generic_aliases,
            "identifiers": record.get("identifiers", {}),
            "source": source_record(ctx.corpus, ctx.corpus.entity_sources[entity.id]) if entity.id in ctx.corpus.entity_sources else None,
        }
    return {"entities": entities, "names": names(ctx)}


def names(ctx: Context) -> dict[str, str]:
    """Every name key -> entity id, with the acronyms the text defines where the registry has none."""
    from ..registry import name_key

    result = dict(ctx.corpus.registry.by_key)
    for definition in ctx.corpus.acronyms:
        if definition.entity and name_key(definition.acronym) not in result:
            result[name_key(definition.acronym)] = definition.entity
    return dict(sorted(result.items()))
