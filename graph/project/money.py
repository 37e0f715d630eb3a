"""Sums of money and the grants they make: value, period, funder, recipients, programme."""

from __future__ import annotations

from ..model import MoneyAmount
from ..facts import counted_value, counts_in_totals, not_counted_because
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
        ctx.add(s, SCHEMA.value, decimal(item.value))
        ctx.add(s, SCHEMA.currency, literal("GBP"))
        ctx.add(s, RDFS.label, literal(item.raw))
        ctx.add(s, TS.moneyKind, literal(item.kind))
        ctx.add(s, TS.about, about(item))
        ctx.add(s, TS.context, literal(item.context))
        ctx.add(s, TS.source, ctx.span(item.span))
        ctx.add(s, TS.sentence, ctx.span(item.sentence))
        if item.repeat_of:
            ctx.add(s, TS.repeatOf, node("money", ids[item.repeat_of]))
        ctx.add(s, TS.countsInTotals, literal(counts_in_totals(item)))
        ctx.add(s, TS.approximate, literal(item.approximate))
        for bases in (("funderBasis", item.funder_basis), ("programmeBasis", item.programme_basis),
                      ("recipientsBasis", item.recipients_basis), ("totalBasis", item.total_basis)):
            if bases[1]:
                ctx.add(s, TS[bases[0]], literal(bases[1]))
        qualifiers(ctx, item, s)
        if item.kind == "turnover":
            turnover(ctx, item, s)
        if item.funder or item.recipients:
            grant(ctx, item, s)
        elif item.programme:
            ctx.add(s, SCHEMA.fundedItem, node("programme", item.programme))


def decimal(value: float) -> str:
    return literal(f"{value:.2f}", XSD + "decimal")


def qualifiers(ctx: Context, item: MoneyAmount, s: str) -> None:
    """The period, the qualifying words, the multipliers and the whole sum, each as the text says."""
    if item.period:
        ctx.add(s, DCT.temporal, literal(item.period))
    if item.period_span:
        ctx.add(s, TS.periodSource, ctx.span(item.period_span))
    if item.qualifier:
        ctx.add(s, TS.qualifier, literal(item.qualifier))
    if item.bound:
        ctx.add(s, TS.bound, literal(item.bound))
    if item.total is not None:
        ctx.add(s, TS.total, decimal(item.total))
    if item.years:
        ctx.add(s, TS.years, literal(item.years))
    ctx.add(s, TS.perAnnum, literal(item.per_annum))
    ctx.add(s, TS.each, literal(item.each))
    for index, factor in enumerate(item.multipliers, 1):
        m = node("money", ctx.decisions.money_ids[item.id], "multiplier", str(index))
        ctx.add(s, TS.multiplier, m)
        ctx.add(m, A, TS.Multiplier)
        ctx.add(m, TS.basis, literal(factor.basis))
        if factor.count is not None:
            ctx.add(m, TS.count, literal(factor.count))
        ctx.add(m, TS.source, ctx.span(factor.span))


def turnover(ctx: Context, item: MoneyAmount, s: str) -> None:
    if item.turnover_of:
        ctx.add(s, TS.turnoverOf, node("organisation", item.turnover_of))
    if item.turnover_of_name:
        ctx.add(s, TS.turnoverOfName, literal(item.turnover_of_name))
    if item.turnover_of_basis:
        ctx.add(s, TS.turnoverOfBasis, literal(item.turnover_of_basis))
    if item.turnover_of_span:
        ctx.add(s, TS.turnoverOfSource, ctx.span(item.turnover_of_span))


def grant(ctx: Context, item: MoneyAmount, amount: str) -> None:
    g = node("grant", ctx.decisions.money_ids[item.id])
    ctx.add(g, A, SCHEMA.MonetaryGrant)
    ctx.add(g, SCHEMA.amount, amount)
    ctx.add(g, TS.source, ctx.span(item.sentence))
    ctx.add(g, TS.about, about(item))
    if item.funder:
        ctx.add(g, SCHEMA.funder, node("organisation", item.funder))
    for recipient in item.recipients:
        ctx.add(g, TS.recipient, node("organisation", recipient))
    if item.programme:
        ctx.add(g, SCHEMA.fundedItem, node("programme", item.programme))


def record(ctx: Context, item: MoneyAmount) -> dict:
    ids = ctx.decisions.money_ids
    corpus = ctx.corpus
    span = lambda value: source_record(corpus, value) if value else None  # noqa: E731
    return {
        "id": ids[item.id],
        "raw": item.raw,
        "value": item.value,
        "currency": "GBP",
        "kind": item.kind,
        "period": item.period,
        "period_source": span(item.period_span),
        "per_annum": item.per_annum,
        "years": item.years,
        "each": item.each,
        "approximate": item.approximate,
        "qualifier": item.qualifier,
        "bound": item.bound,
        "multipliers": [{"basis": m.basis, "count": m.count, "words": m.words, "source": span(m.span)}
                        for m in item.multipliers],
        "total": item.total,
        "total_basis": item.total_basis,
        "funder": item.funder,
        "funder_basis": item.funder_basis,
        "recipients": item.recipients,
        "recipients_basis": item.recipients_basis,
        "programme": item.programme,
        "programme_basis": item.programme_basis,
        "turnover_of": item.turnover_of,
        "turnover_of_name": item.turnover_of_name,
        "turnover_of_basis": item.turnover_of_basis,
        "turnover_of_source": span(item.turnover_of_span),
        "repeat_of": ids[item.repeat_of] if item.repeat_of else None,
        "counts_in_totals": counts_in_totals(item),
        "not_counted_because": not_counted_because(item),
        "counted_gbp": counted_value(item),
        "context": item.context,
        "subject": item.subject,
        "source": source_record(corpus, item.span),
        "sentence": source_record(corpus, item.sentence),
    }


def records(ctx: Context) -> dict:
    return {"money": [record(ctx, item) for item in ctx.corpus.money]}


def ids_by_subject(ctx: Context) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for item in ctx.corpus.money:
        result.setdefault(item.subject, []).append(ctx.decisions.money_ids[item.id])
    return result
