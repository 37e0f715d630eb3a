"""The strategy beyond its actions: forewords and signatories, how it was developed (with its
figures), the Deal (asks, offers, and the actions that may deliver them), monitoring roles, the
vision's prose and the annexes."""

from __future__ import annotations

import re

from ..facts import occurrence_keys
from ..model import DealItem, DealLink, Figure, Foreword, Section, TextItem
from ..resolve.units import ACTION_CONTEXTS
from ..vocab import XSD
from .context import Context, iri, literal, node, source_record
from .strategy import statement
from .terms import DCT, FOAF, ORG, PROV, RDFS, SCHEMA, TS, A

NUMBERED = re.compile(r"^(?P<kind>[a-z][a-z-]*?)-(?P<number>\d+)$")
FIGURE_BOUNDS = {"more-than": "minValue", "at-least": "minValue", "fewer-than": "maxValue", "at-most": "maxValue"}


def part_node(context: str, subject: str) -> str:
    """The node a text unit belongs to: ("chapter-objective", "chapter-3/objective-2") is
    chapter/3/objective/2; actions and case studies are themselves."""
    if context in ACTION_CONTEXTS:
        return node("action", subject)
    if context == "case-study":
        return node("case-study", subject)
    parts: list[str] = ["deal"] if context in ("deal-ask", "deal-offer") else []
    for segment in subject.split("/"):
        match = NUMBERED.match(segment)
        parts += [match["kind"], match["number"]] if match and context not in ("deal-ask", "deal-offer") else [segment]
    return node(*parts)


def paragraphs(ctx: Context, s: str, base: tuple[str, ...], items: list[TextItem]) -> None:
    for index, item in enumerate(items, 1):
        ctx.add(s, TS.paragraph, statement(ctx, node(*base, "paragraph", str(index)), item))


def triples(ctx: Context) -> None:
    strategy = ctx.corpus.strategy
    doc = node("source", strategy.document.id)
    for index, item in enumerate(strategy.vision_paragraphs, 1):
        ctx.add(doc, TS.visionProse, statement(ctx, node("vision-paragraph", str(index)), item))
    for foreword in strategy.forewords:
        foreword_triples(ctx, foreword, doc)
    for section in (strategy.development, strategy.monitoring):
        if section:
            section_triples(ctx, section, doc)
    if strategy.deal:
        deal_triples(ctx, doc)
    for link in ctx.corpus.deal_links:
        deal_link_triples(ctx, link)
    annex_triples(ctx, doc)


def foreword_triples(ctx: Context, foreword: Foreword, doc: str) -> None:
    s = part_node("foreword", foreword.id)
    ctx.add(s, A, TS.Foreword)
    ctx.add(s, DCT.isPartOf, doc)
    ctx.add(s, DCT.title, literal(foreword.title))
    ctx.add(s, TS.source, ctx.span(foreword.span))
    paragraphs(ctx, s, tuple(foreword.id.rsplit("-", 1)), foreword.paragraphs)
    for index, signatory in enumerate(foreword.signatories, 1):
        block = part_node("signature", f"{foreword.id}/signatory-{index}")
        ctx.add(s, TS.signatureBlock, block)
        ctx.add(block, A, TS.SignatureBlock)
        ctx.add(block, FOAF.name, literal(signatory.name.text))
        ctx.add(block, TS.source, ctx.span(signatory.span))
        if signatory.honorific:
            ctx.add(block, SCHEMA.honorificPrefix, literal(signatory.honorific))
        if signatory.post_nominals:
            ctx.add(block, SCHEMA.honorificSuffix, literal(" ".join(signatory.post_nominals)))
        if signatory.signature:
            ctx.add(block, TS.signatureNote, ctx.span(signatory.signature))
        if signatory.person is None:
            continue  # the name is kept on the block; no person is guessed
        person = node("person", signatory.person)
        ctx.add(block, TS.signedBy, person)
        ctx.add(s, DCT.creator, person)
        for number, post in enumerate(signatory.posts, 1):
            p = node("post", signatory.person, str(number))
            ctx.add(person, ORG.holds, p)
            ctx.add(p, A, ORG.Post)
            ctx.add(p, ORG.heldBy, person)
            ctx.add(p, RDFS.label, literal(post.title.text))
            ctx.add(p, TS.source, ctx.span(post.title.span))
            if post.organisation:
                ctx.add(p, ORG.postIn, node("organisation", post.organisation))
                ctx.add(p, TS.organisationBasis, literal(post.organisation_basis))


def section_triples(ctx: Context, section: Section, doc: str) -> None:
    s = node(section.id)
    ctx.add(s, A, TS.Section)
    ctx.add(s, DCT.isPartOf, doc)
    ctx.add(s, DCT.title, literal(section.title))
    ctx.add(s, TS.source, ctx.span(section.span))
    paragraphs(ctx, s, (section.id,), section.paragraphs)
    if section.id == "development":
        ctx.add(s, A, PROV.Activity)
        ctx.add(doc, PROV.wasGeneratedBy, s)
    for index, figure in enumerate(section.figures, 1):
        figure_triples(ctx, s, node(section.id, "figure", str(index)), figure)
    for index, role in enumerate(section.roles, 1):
        r = node(section.id, "role", str(index))
        ctx.add(s, TS.roleStatement, r)
        ctx.add(r, A, TS.RoleStatement)
        ctx.add(r, TS.roleTitle, literal(role.role.text))
        ctx.add(r, TS.holderText, literal(role.holder.text))
        ctx.add(r, TS.roleKind, literal(role.kind))
        ctx.add(r, TS.source, ctx.span(role.span))
        for entity_type, entity in role.holders:
            ctx.add(r, TS.holder, node(entity_type, entity))


def figure_triples(ctx: Context, section: str, s: str, figure: Figure) -> None:
    ctx.add(section, TS.figure, s)
    ctx.add(s, A, SCHEMA.QuantitativeValue)
    ctx.add(s, SCHEMA[FIGURE_BOUNDS.get(figure.relation, "value")], literal(figure.value))
    ctx.add(s, SCHEMA.unitText, literal(figure.counts))
    ctx.add(s, TS.relation, literal(figure.relation))
    if figure.qualifier:
        ctx.add(s, TS.qualifier, literal(figure.qualifier))
    ctx.add(s, TS.source, ctx.span(figure.span))
    ctx.add(s, TS.sentence, ctx.span(figure.sentence))


def deal_triples(ctx: Context, doc: str) -> None:
    deal = ctx.corpus.strategy.deal
    s = node("deal")
    ctx.add(s, A, TS.Deal)
    ctx.add(s, DCT.isPartOf, doc)
    ctx.add(s, DCT.title, literal(deal.title))
    ctx.add(s, TS.source, ctx.span(deal.span))
    paragraphs(ctx, s, ("deal",), deal.introduction)
    publisher = node("organisation", ctx.decisions.publisher) if ctx.decisions.publisher else None
    for item in deal.items:
        deal_item_triples(ctx, s, item, publisher)


def deal_item_triples(ctx: Context, deal: str, item: DealItem, publisher: str | None) -> None:
    s = part_node(f"deal-{item.side}", item.id)
    ctx.add(deal, TS.ask if item.side == "ask" else TS.offer, s)
    ctx.add(s, A, TS.DealAsk if item.side == "ask" else TS.DealOffer)
    ctx.add(s, DCT.identifier, literal(item.id))
    ctx.add(s, TS.text, literal(item.text))
    ctx.add(s, TS.source, ctx.span(item.span))
    if publisher:
        ctx.add(s, TS.askedBy if item.side == "ask" else TS.offeredBy, publisher)
    for index, sub in enumerate(item.subitems, 1):
        part = node("deal", item.id, sub.letter or str(index))
        ctx.add(s, DCT.hasPart, part)
        ctx.add(part, DCT.isPartOf, s)
        statement(ctx, part, sub)


def deal_link_triples(ctx: Context, link: DealLink) -> None:
    item = part_node("deal-ask" if link.deal_item.startswith("ask") else "deal-offer", link.deal_item)
    action = node("action", link.action)
    s = node("deal-link", link.deal_item, link.action)
    ctx.add(action, TS.mayDeliver, item)
    ctx.add(s, A, TS.DealLink)
    ctx.add(s, TS.dealTerm, item)
    ctx.add(s, TS.deliveringAction, action)
    ctx.add(s, TS.score, literal(f"{link.score:.4f}", XSD + "decimal"))
    for index, term in enumerate(link.evidence, 1):
        e = node("deal-link", link.deal_item, link.action, "evidence", str(index))
        ctx.add(s, PROV.wasDerivedFrom, e)
        ctx.add(e, A, TS.SharedTerm)
        ctx.add(e, TS.evidenceKind, literal(term.kind))
        entity = ctx.corpus.registry.entities.get(term.term) if term.kind == "entity" else None
        ctx.add(e, TS.sharedEntity if entity else TS.sharedWords, node(entity.type, entity.id) if entity else literal(term.term))
        ctx.add(e, TS.weight, literal(f"{term.weight:.4f}", XSD + "decimal"))
        ctx.add(e, TS.dealSource, ctx.span(term.deal_span))
        ctx.add(e, TS.actionSource, ctx.span(term.action_span))
        ctx.add(e, TS.source, ctx.span(term.deal_span))
        ctx.add(s, TS.source, ctx.span(term.deal_span))  # the link stands on the words both sides share
        ctx.add(s, TS.source, ctx.span(term.action_span))


def annex_triples(ctx: Context, doc: str) -> None:
    for annex in ctx.corpus.strategy.annexes:
        s = node("annex", str(annex.number))
        ctx.add(s, A, TS.Annex)
        ctx.add(s, DCT.isPartOf, doc)
        ctx.add(s, DCT.title, literal(annex.title))
        ctx.add(s, TS.source, ctx.span(annex.span))
        for url in annex.urls:
            ctx.add(s, SCHEMA.url, iri(url if url.startswith("http") else f"http://{url}"))
        for index, item in enumerate(annex.items, 1):
            ctx.add(s, TS.annexItem, statement(ctx, node("annex", str(annex.number), "item", str(index)), item))
    refs = ctx.corpus.annex_references
    for ref, key in zip(refs, occurrence_keys([(str(r.chapter), str(r.annex)) for r in refs])):
        r = node("annex-reference", *key)
        chapter, annex = node("chapter", str(ref.chapter)), node("annex", str(ref.annex))
        ctx.add(chapter, DCT.references, annex)
        ctx.add(r, A, TS.AnnexReference)
        ctx.add(r, TS.fromPart, part_node(ref.context, ref.subject))
        ctx.add(r, TS.toAnnex, annex)
        ctx.add(r, TS.referenceKind, literal(ref.kind))
        ctx.add(r, TS.source, ctx.span(ref.span))


# -- the index -------------------------------------------------------------------------------

def text_record(ctx: Context, item: TextItem) -> dict:
    return {"text": item.text, "source": source_record(ctx.corpus, item.span)}


def foreword_record(ctx: Context, foreword: Foreword) -> dict:
    corpus = ctx.corpus
    return {
        "id": foreword.id,
        "title": foreword.title,
        "source": source_record(corpus, foreword.span),
        "paragraphs": [text_record(ctx, p) for p in foreword.paragraphs],
        "signatories": [
            {
                "name": s.name.text,
                "person": s.person,  # None: the registry does not know the name
                "honorific": s.honorific,
                "post_nominals": s.post_nominals,
                "posts": [{"title": p.title.text, "organisation": p.organisation, "organisation_basis": p.organisation_basis,
                           "source": source_record(corpus, p.title.span)} for p in s.posts],
                "source": source_record(corpus, s.span),
            }
            for s in foreword.signatories
        ],
    }


def section_record(ctx: Context, section: Section | None) -> dict | None:
    if section is None:
        return None
    corpus = ctx.corpus
    return {
        "id": section.id,
        "title": section.title,
        "source": source_record(corpus, section.span),
        "paragraphs": [text_record(ctx, p) for p in section.paragraphs],
        "figures": [
            {"value": f.value, "number": f.number, "qualifier": f.qualifier, "relation": f.relation, "counts": f.counts,
             "source": source_record(corpus, f.span), "sentence": source_record(corpus, f.sentence)}
            for f in section.figures
        ],
        "roles": [
            {"role": r.role.text, "holder": r.holder.text, "holders": [entity for _, entity in r.holders], "kind": r.kind,
             "source": source_record(corpus, r.span)}
            for r in section.roles
        ],
    }


def deal_record(ctx: Context) -> dict | None:
    deal = ctx.corpus.strategy.deal
    if deal is None:
        return None
    links: dict[str, list[str]] = {}
    for link in ctx.corpus.deal_links:
        links.setdefault(link.deal_item, []).append(link.action)

    def item(i: DealItem) -> dict:
        return {"id": i.id, "side": i.side, "number": i.number, "text": i.text,
                "subitems": [text_record(ctx, s) for s in i.subitems], "actions": links.get(i.id, []),
                "source": source_record(ctx.corpus, i.span)}

    return {
        "title": deal.title,
        "source": source_record(ctx.corpus, deal.span),
        "introduction": [text_record(ctx, p) for p in deal.introduction],
        "asks": [item(i) for i in deal.asks],
        "offers": [item(i) for i in deal.offers],
    }


def deal_link_record(ctx: Context, link: DealLink) -> dict:
    corpus = ctx.corpus
    return {
        "deal_item": link.deal_item,
        "action": link.action,
        "score": round(link.score, 4),
        "evidence": [
            {"kind": t.kind, "term": t.term, "weight": round(t.weight, 4),
             "deal_source": source_record(corpus, t.deal_span), "action_source": source_record(corpus, t.action_span)}
            for t in link.evidence
        ],
    }


def named_in(ctx: Context) -> dict[str, list[dict]]:
    """entity id -> where it is named outside the actions and case studies (chapter overviews,
    the Deal, forewords...): shown as "named in", never counted as taking part in an action."""
    result: dict[str, list[dict]] = {}
    for mention in ctx.corpus.mentions:
        if mention.context in ACTION_CONTEXTS or mention.context == "case-study":
            continue
        result.setdefault(mention.entity, []).append(
            {"context": mention.context, "subject": mention.subject, **source_record(ctx.corpus, mention.span)}
        )
    return dict(sorted(result.items()))


def records(ctx: Context) -> dict:
    strategy = ctx.corpus.strategy
    return {
        "vision_paragraphs": [text_record(ctx, p) for p in strategy.vision_paragraphs],
        "forewords": [foreword_record(ctx, f) for f in strategy.forewords],
        "development": section_record(ctx, strategy.development),
        "monitoring": section_record(ctx, strategy.monitoring),
        "deal": deal_record(ctx),
        "deal_links": [deal_link_record(ctx, link) for link in ctx.corpus.deal_links],
        "annexes": [
            {"number": a.number, "title": a.title, "source": source_record(ctx.corpus, a.span), "urls": a.urls,
             "items": [text_record(ctx, i) for i in a.items],
             "references": [{"chapter": r.chapter, "context": r.context, "subject": r.subject, "kind": r.kind,
                             "source": source_record(ctx.corpus, r.span)}
                            for r in ctx.corpus.annex_references if r.annex == a.number]}
            for a in strategy.annexes
        ],
        "named_in": named_in(ctx),
    }
