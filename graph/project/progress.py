"""Progress report rows: status with the decision that set it, restatements, next actions."""

from __future__ import annotations

from ..model import ProgressEntry, StatusEvidence
from .context import Context, date_literal, literal, node, source_record
from .terms import DCT, PROV, RDFS, TS, A


def triples(ctx: Context) -> None:
    for entry in ctx.corpus.progress:
        s = node("progress", entry.report, entry.action_id)
        ctx.add(s, A, TS.ProgressEntry)
        ctx.add(s, RDFS.label, literal(f"Progress on {entry.action_id}, {entry.date}"))
        ctx.add(s, TS.progressOf, node("action", entry.action_id))
        ctx.add(s, TS.report, node("source", entry.report))
        ctx.add(s, DCT.date, date_literal(entry.date))
        ctx.add(s, TS.source, ctx.span(entry.row_span))
        ctx.add(s, TS.progressText, literal(entry.progress.text))
        ctx.add(s, TS.progressSource, ctx.span(entry.progress.span))
        if entry.next_actions:
            ctx.add(s, TS.nextActions, literal(entry.next_actions.text))
            ctx.add(s, TS.nextActionsSource, ctx.span(entry.next_actions.span))
        ctx.add(s, TS.status, node("status", entry.status.status))
        decision(ctx, entry, s)
        restatement(ctx, entry, s)


def decision(ctx: Context, entry: ProgressEntry, s: str) -> None:
    decided = node("status-decision", entry.report, entry.action_id)
    ctx.add(s, TS.statusDecision, decided)
    ctx.add(decided, A, TS.StatusDecision)
    ctx.add(decided, TS.status, node("status", entry.status.status))
    ctx.add(decided, TS.rule, literal(entry.status.rule))
    if entry.status.span:
        ctx.add(decided, TS.source, ctx.span(entry.status.span))
        ctx.add(decided, TS.column, literal(entry.status.column))
    else:
        ctx.add(decided, PROV.wasDerivedFrom, ctx.span(entry.progress.span))
    for kind, evidence in (("outranked", entry.status.outranked), ("set-aside", entry.status.set_aside)):
        for index, found in enumerate(evidence, 1):
            e = node("status-decision", entry.report, entry.action_id, kind, str(index))
            ctx.add(decided, TS.outranked if kind == "outranked" else TS.setAside, e)
            ctx.add(e, A, TS.StatusEvidence)
            ctx.add(e, TS.rule, literal(found.rule))
            ctx.add(e, TS.status, node("status", found.status))
            ctx.add(e, TS.column, literal(found.column))
            ctx.add(e, TS.source, ctx.span(found.span))
            if found.qualifier:
                ctx.add(e, TS.setAsideBy, literal(found.qualifier))


def restatement(ctx: Context, entry: ProgressEntry, s: str) -> None:
    restated = node("restatement", entry.report, entry.action_id)
    ctx.add(s, TS.restatement, restated)
    ctx.add(restated, A, TS.RestatedCommitment)
    ctx.add(restated, PROV.wasRevisionOf, node("action", entry.action_id))
    ctx.add(restated, TS.report, node("source", entry.report))
    ctx.add(restated, TS.text, literal(entry.restated.text))
    ctx.add(restated, TS.source, ctx.span(entry.restated.span))
    ctx.add(restated, TS.differsInSubstance, literal(entry.differs))
    for old, new in entry.changes:
        ctx.add(restated, TS.change, literal(f"{old or '∅'} → {new or '∅'}"))


def evidence_record(ctx: Context, evidence: StatusEvidence) -> dict:
    return {"rule": evidence.rule, "status": evidence.status, "column": evidence.column,
            "qualifier": evidence.qualifier, "source": source_record(ctx.corpus, evidence.span)}


def entry_record(ctx: Context, entry: ProgressEntry) -> dict:
    corpus = ctx.corpus
    return {
        "report": entry.report,
        "date": entry.date,
        "line": entry.line,
        "status": entry.status.status,
        "status_rule": entry.status.rule,
        "status_source": source_record(corpus, entry.status.span) if entry.status.span else None,
        "status_column": entry.status.column,
        "status_outranked": [evidence_record(ctx, e) for e in entry.status.outranked],
        "status_set_aside": [evidence_record(ctx, e) for e in entry.status.set_aside],
        "restated": entry.restated.text,
        "restated_source": source_record(corpus, entry.restated.span),
        "differs": entry.differs,
        "changes": [[old, new] for old, new in entry.changes],
        "progress": entry.progress.text,
        "progress_source": source_record(corpus, entry.progress.span),
        "next_actions": entry.next_actions.text if entry.next_actions else None,
        "next_actions_source": source_record(corpus, entry.next_actions.span) if entry.next_actions else None,
    }


def by_action(ctx: Context) -> dict[str, list[dict]]:
    """Each action's progress entries, oldest first (the corpus decides the order)."""
    return {
        action_id: [entry_record(ctx, e) for e in entries]
        for action_id, entries in ctx.corpus.progress_by_action().items()
    }


def records(ctx: Context) -> dict:
    """Progress entries have no list of their own in the index: each action's record carries its
    entries (``by_action``), oldest first."""
    return {}
