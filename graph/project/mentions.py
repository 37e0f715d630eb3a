"""Names found in the text: mentions, the involvements derived from them, acronym definitions,
and the names still waiting for curation."""

from __future__ import annotations

from ..facts import occurrence_keys
from ..model import Mention
from ..registry import name_key
from .context import Context, literal, node, source_record
from .parts import part_node
from .registry import slug
from .terms import OA, PROV, RDFS, TS, A


def subject_node(mention: Mention) -> str:
    return part_node(mention.context, mention.subject)


def mention_node(ctx: Context, mention: Mention) -> str:
    return node("mention", *ctx.decisions.mention_ids[id(mention)])


def triples(ctx: Context) -> None:
    for mention in ctx.corpus.mentions:
        s = mention_node(ctx, mention)
        body = node(mention.entity_type, mention.entity)
        subject = subject_node(mention)
        ctx.add(s, A, TS.Mention)
        ctx.add(s, OA.hasBody, body)
        ctx.add(s, OA.hasTarget, ctx.span(mention.span))
        ctx.add(s, TS.source, ctx.span(mention.span))
        ctx.add(s, TS.sentence, ctx.span(ctx.decisions.sentence(mention)))
        ctx.add(s, TS.mentionIn, subject)
        ctx.add(s, TS.context, literal(mention.context))
        ctx.add(s, TS.surfaceForm, literal(ctx.quote(mention.span)))
        if mention.learnt:
            ctx.add(s, TS.learnt, literal(True))
        if mention.generic:
            ctx.add(s, TS.generic, literal(True))
        if mention.entity_type == "programme":
            ctx.add(subject, TS.refersToProgramme, body)
        elif mention.entity_type == "person":
            ctx.add(subject, TS.mentionsPerson, body)
        elif mention.context == "case-study":
            ctx.add(subject, TS.mentionsOrganisation, body)
    involvements(ctx)
    curation(ctx)


def involvements(ctx: Context) -> None:
    for organisation, actions in ctx.decisions.involvements["organisation"].items():
        for action_id, mentions in actions.items():
            s = node("involvement", action_id, organisation)
            ctx.add(s, A, TS.Involvement)
            ctx.add(s, TS.action, node("action", action_id))
            ctx.add(s, TS.organisation, node("organisation", organisation))
            ctx.add(node("action", action_id), TS.involves, node("organisation", organisation))
            for mention in mentions:
                ctx.add(s, PROV.wasDerivedFrom, mention_node(ctx, mention))
                ctx.add(s, TS.source, ctx.span(mention.span))


def curation(ctx: Context) -> None:
    definitions = ctx.corpus.acronyms
    for definition, key in zip(definitions, occurrence_keys([(d.acronym,) for d in definitions])):
        s = node("acronym-definition", *key)
        ctx.add(s, A, TS.AcronymDefinition)
        ctx.add(s, TS.acronym, literal(definition.acronym))
        ctx.add(s, TS.longName, literal(definition.long_name))
        ctx.add(s, TS.source, ctx.span(definition.span))
        if definition.entity:
            entity = ctx.corpus.registry.entities[definition.entity]
            ctx.add(s, TS.definesNameOf, node(entity.type, entity.id))
    for candidate in ctx.corpus.candidates:
        s = node("unresolved", slug(candidate.name) or name_key(candidate.name) or "name")
        ctx.add(s, A, TS.UnresolvedName)
        ctx.add(s, RDFS.label, literal(candidate.name))
        ctx.add(s, TS.occurrences, literal(len(candidate.spans)))
        ctx.add(s, TS.reason, literal(candidate.reason))
        for span in candidate.spans:
            ctx.add(s, TS.source, ctx.span(span))


def links(ctx: Context, entity_type: str = "organisation") -> dict[str, dict[str, list[dict]]]:
    """action id -> entity id -> the mentions that tie them, each with its quote and sentence."""
    corpus = ctx.corpus
    result: dict[str, dict[str, list[dict]]] = {}
    for entity, actions in ctx.decisions.involvements[entity_type].items():
        for action_id, mentions in actions.items():
            result.setdefault(action_id, {})[entity] = [
                {"context": m.context, **source_record(corpus, m.span), "generic": m.generic,
                 "sentence": source_record(corpus, ctx.decisions.sentence(m))}
                for m in mentions
            ]
    return result


def records(ctx: Context) -> dict:
    corpus = ctx.corpus
    return {
        "candidates": [
            {"name": c.name, "occurrences": len(c.spans), "reason": c.reason,
             "sources": [source_record(corpus, s) for s in c.spans]}
            for c in corpus.candidates
        ],
    }
