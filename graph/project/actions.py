"""The 132 actions: text, sub-items, partners and lead units, latest status, cross-references."""

from __future__ import annotations

from ..facts import occurrence_keys
from ..model import Action, action_sort_key
from .context import Context, date_literal, literal, node, source_record
from .mentions import links
from .money import ids_by_subject
from .progress import by_action
from .terms import DCT, PROV, RDFS, TS, A


def triples(ctx: Context) -> None:
    for action in ctx.corpus.actions:
        s = node("action", action.id)
        decided = ctx.decisions.actions[action.id]
        ctx.add(s, A, TS.Action)
        ctx.add(s, DCT.identifier, literal(action.id))
        ctx.add(s, RDFS.label, literal(f"Action {action.id}"))
        ctx.add(s, DCT.isPartOf, node("chapter", str(action.chapter)))
        ctx.add(s, TS.timing, node("timing", action.timing))
        ctx.add(s, TS.text, literal(action.text))
        ctx.add(s, TS.source, ctx.span(action.span))
        ctx.add(s, PROV.wasDerivedFrom, node("source", action.span.doc))
        if action.subheading:
            ctx.add(s, TS.subheading, literal(action.subheading))
        for hint in action.hints:
            ctx.add(s, TS.hint, literal(hint))
        for index, sub in enumerate(action.subitems, 1):
            item = node("action", action.id, sub.letter or str(index))  # an unlettered item by its place
            ctx.add(s, DCT.hasPart, item)
            ctx.add(item, DCT.isPartOf, s)
            ctx.add(item, A, TS.SubItem)
            if sub.letter:
                ctx.add(item, TS.letter, literal(sub.letter))
            ctx.add(item, TS.text, literal(sub.text))
            ctx.add(item, TS.source, ctx.span(sub.span))
        for partner in decided.partners:
            ctx.add(s, TS.partner, node("organisation", partner))
        for unit in decided.lead_units:
            ctx.add(s, TS.leadUnit, node("organisation", unit))
        if decided.latest:
            ctx.add(s, TS.latestStatus, node("status", decided.latest.status.status))
            ctx.add(s, TS.latestStatusDate, date_literal(decided.latest.date))
    cross_references(ctx)


def cross_references(ctx: Context) -> None:
    refs = ctx.corpus.cross_references
    keys = occurrence_keys([(ref.source_action, ref.target_action, ref.context) for ref in refs])
    for ref, key in zip(refs, keys):
        s = node("cross-reference", *key)
        ctx.add(s, A, TS.CrossReference)
        ctx.add(s, TS.fromAction, node("action", ref.source_action))
        ctx.add(s, TS.toAction, node("action", ref.target_action))
        ctx.add(s, TS.context, literal(ref.context))
        ctx.add(s, TS.source, ctx.span(ref.span))
        ctx.add(node("action", ref.source_action), DCT.references, node("action", ref.target_action))


def records(ctx: Context) -> dict:
    corpus = ctx.corpus
    chapters = {c.number: c.title for c in corpus.strategy.chapters}
    organisation_links = links(ctx, "organisation")
    programme_links, person_links = links(ctx, "programme"), links(ctx, "person")
    progress, money = by_action(ctx), ids_by_subject(ctx)
    refers_to: dict[str, set[str]] = {}
    referred_by: dict[str, set[str]] = {}
    for ref in corpus.cross_references:
        refers_to.setdefault(ref.source_action, set()).add(ref.target_action)
        referred_by.setdefault(ref.target_action, set()).add(ref.source_action)

    def record(action: Action) -> dict:
        decided = ctx.decisions.actions[action.id]
        return {
            "id": action.id,
            "chapter": action.chapter,
            "chapter_title": chapters[action.chapter],
            "timing": action.timing,
            "subheading": action.subheading,
            "text": action.text,
            "status": decided.latest.status.status if decided.latest else None,
            "status_date": decided.latest.date if decided.latest else None,
            "organisations": list(decided.organisations),
            "partners": list(decided.partners),
            "lead_units": list(decided.lead_units),
            "programmes": sorted(programme_links.get(action.id, {})),
            "people": sorted(person_links.get(action.id, {})),
            "money": money.get(action.id, []),
            "refers_to": sorted(refers_to.get(action.id, ()), key=action_sort_key),
            "referred_by": sorted(referred_by.get(action.id, ()), key=action_sort_key),
            "source": source_record(corpus, action.span),
            "subitems": [{"letter": s.letter, "text": s.text, "source": source_record(corpus, s.span)} for s in action.subitems],
            "links": {org: organisation_links[action.id][org] for org in decided.organisations},
            "progress": progress.get(action.id, []),
        }

    return {"actions": [record(action) for action in corpus.actions]}
