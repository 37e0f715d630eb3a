"""The strategy's structure: themes, vision, overall objectives, chapters, case studies."""

from __future__ import annotations

from ..model import TextItem
from .context import Context, iri, literal, node, source_record
from .sources import concept
from .terms import DCT, SCHEMA, TS, A


def statement(ctx: Context, s: str, item: TextItem) -> str:
    ctx.add(s, A, TS.TextStatement)
    ctx.add(s, TS.text, literal(item.text))
    ctx.add(s, TS.source, ctx.span(item.span))
    return s


def triples(ctx: Context) -> None:
    strategy = ctx.corpus.strategy
    doc = node("source", strategy.document.id)
    for theme in strategy.themes:
        s = node("theme", str(theme.number))
        ctx.add(s, A, TS.Theme)
        concept(ctx, TS.ThemeScheme, s, theme.name, str(theme.number), theme.description)
        ctx.add(s, TS.source, ctx.span(theme.span))
    for index, item in enumerate(strategy.vision, 1):
        ctx.add(doc, TS.visionStatement, statement(ctx, node("vision", str(index)), item))
    for index, item in enumerate(strategy.overall_objectives, 1):
        ctx.add(doc, TS.overallObjective, statement(ctx, node("overall-objective", str(index)), item))
    for chapter in strategy.chapters:
        s = node("chapter", str(chapter.number))
        ctx.add(s, A, TS.StrategicObjective)
        concept(ctx, TS.ChapterScheme, s, chapter.title, str(chapter.number))
        ctx.add(s, TS.theme, node("theme", str(chapter.theme)))
        ctx.add(s, TS.source, ctx.span(chapter.span))
        if chapter.overview:
            ctx.add(s, TS.overview, literal(chapter.overview.text))
            ctx.add(s, TS.overviewSource, ctx.span(chapter.overview.span))
        for index, item in enumerate(chapter.objectives, 1):
            ctx.add(s, TS.objective, statement(ctx, node("chapter", str(chapter.number), "objective", str(index)), item))
        for index, item in enumerate(chapter.success, 1):
            ctx.add(s, TS.successCriterion, statement(ctx, node("chapter", str(chapter.number), "success", str(index)), item))
    for case in strategy.case_studies:
        s = node("case-study", case.id)
        ctx.add(s, A, TS.CaseStudy)
        ctx.add(s, DCT.identifier, literal(case.id))
        ctx.add(s, DCT.title, literal(case.title))
        ctx.add(s, TS.text, literal(case.text))
        ctx.add(s, DCT.isPartOf, node("chapter", str(case.chapter)))
        ctx.add(s, TS.source, ctx.span(case.span))
        for url in case.urls:
            ctx.add(s, SCHEMA.url, iri(url if url.startswith("http") else f"http://{url}"))


def records(ctx: Context) -> dict:
    corpus = ctx.corpus
    strategy = corpus.strategy
    by_case: dict[str, dict[str, set[str]]] = {}
    for mention in corpus.mentions:
        if mention.context == "case-study":
            by_case.setdefault(mention.subject, {}).setdefault(mention.entity_type, set()).add(mention.entity)
    return {
        "themes": [{"number": t.number, "name": t.name} for t in strategy.themes],
        "chapters": [
            {
                "number": c.number,
                "title": c.title,
                "theme": c.theme,
                "actions": [a.id for a in corpus.actions if a.chapter == c.number],
                "source": source_record(corpus, c.span),
            }
            for c in strategy.chapters
        ],
        "case_studies": [
            {
                "id": case.id,
                "chapter": case.chapter,
                "title": case.title,
                "organisations": sorted(by_case.get(case.id, {}).get("organisation", ())),
                "programmes": sorted(by_case.get(case.id, {}).get("programme", ())),
                "people": sorted(by_case.get(case.id, {}).get("person", ())),
                "urls": case.urls,
                "source": source_record(corpus, case.span),
            }
            for case in strategy.case_studies
        ],
    }
