"""Sums of money and the grants they make: value, period, funder, recipients, programme."""

from __future__ import annotations

from ..model import MoneyAmount
from .context import Context, literal, node, source_record
from .parts import part_node
from ..vocab import XSD
from .terms import DCT, RDFS, SCHEMA, TS, A


def about(item: MoneyAmount) -> str:
    return part_node(item.context, item.subject)


def triples(ctx: Context) -> None:
    ids = ctx.decisions.money_ids
    for item in ctx.corpus.money:
        s = node("money", ids[item.id])
        ctx.add(s, A, SCHEMA.MonetaryAmount)
        ctx.add(s, SCHEMA.value, literal(f"{item.value:.2f}", XSD + "decimal"))
        ctx.add(s, SCHEMA.currency, literal("GBP"))
        ctx.add(s, RDFS.label, literal(item.raw))
        ctx.add(s, TS.moneyKind, literal(item.kind))
        ctx.add(s, TS.about, about(item))
        ctx.add(s, TS.context, literal(item.context))
        ctx.add(s, TS.source, ctx.span(item.span))
        ctx.add(s, TS.sentence, ctx.span(item.sentence))
        if item.period:
            ctx.add(s, DCT.temporal, literal(item.period))
        if item.repeat_of:
            ctx.add(s, TS.repeatOf, node("money", ids[item.repeat_of]))
        ctx.add(s, TS.perAnnum, literal(item.per_annum))
        ctx.add(s, TS.each, literal(item.each))
        ctx.add(s, TS.countsInTotals, literal(ctx.decisions.counts_in_totals(item)))
        if item.years:
            ctx.add(s, TS.years, literal(item.years))
        if item.funder or item.recipients:
            grant(ctx, item, s)
        elif item.programme:
            ctx.add(s, SCHEMA.fundedItem, node("programme", item.programme))
            ctx.add(s, TS.programmeBasis, literal(item.programme_basis))


def grant(ctx: Context, item: MoneyAmount, amount: str) -> None:
    g = node("grant", ctx.decisions.money_ids[item.id])
    ctx.add(g, A, SCHEMA.MonetaryGrant)
    ctx.add(g, SCHEMA.amount, amount)
    ctx.add(g, TS.source, ctx.span(item.sentence))
    ctx.add(g, TS.about, about(item))
    if item.funder:
        ctx.add(g, SCHEMA.funder, node("organisation", item.funder))
        ctx.add(g, TS.funderBasis, literal(item.funder_basis))
    for recipient in item.recipients:
        ctx.add(g, TS.recipient, node("organisation", recipient))
    if item.programme:
        ctx.add(g, SCHEMA.fundedItem, node("programme", item.programme))
        ctx.add(g, TS.programmeBasis, literal(item.programme_basis))


def record(ctx: Context, item: MoneyAmount) -> dict:
    ids = ctx.decisions.money_ids
    return {
        "id": ids[item.id],
        "raw": item.raw,
        "value": item.value,
        "currency": "GBP",
        "kind": item.kind,
        "period": item.period,
        "per_annum": item.per_annum,
        "years": item.years,
        "each": item.each,
        "funder": item.funder,
        "funder_basis": item.funder_basis,
        "recipients": item.recipients,
        "programme": item.programme,
        "programme_basis": item.programme_basis,
        "repeat_of": ids[item.repeat_of] if item.repeat_of else None,
        "counts_in_totals": ctx.decisions.counts_in_totals(item),
        "context": item.context,
        "subject": item.subject,
        "source": source_record(ctx.corpus, item.span),
        "sentence": source_record(ctx.corpus, item.sentence),
    }


def records(ctx: Context) -> dict:
    return {"money": [record(ctx, item) for item in ctx.corpus.money]}


def ids_by_subject(ctx: Context) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for item in ctx.corpus.money:
        result.setdefault(item.subject, []).append(ctx.decisions.money_ids[item.id])
    return result
