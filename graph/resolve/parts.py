"""The strategy's other parts, resolved: where chapters point to annexes, and who signed the
forewords in which posts."""

from __future__ import annotations

import re

from ..model import Annex, AnnexReference, Post, Signatory, Span, TextItem
from .corpus import Corpus
from .units import chapter_subject

SEE_ANNEX = re.compile(r"\b[Ss]ee\s+Annex\s+(?P<number>\d+)\b")
LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+")


def title_pattern(annex: Annex) -> re.Pattern[str]:
    """The annex's title as running text may give it: any case, article dropped, italics allowed."""
    words = LEADING_ARTICLE.sub("", annex.title).split()
    return re.compile(r"\b" + r"\*?\s+\*?".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)


def chapter_texts(corpus: Corpus, number: int) -> list[tuple[str, str, TextItem | Span]]:
    """(context, subject, text) for every unit of a chapter: overview, objectives, success criteria, actions."""
    chapter = corpus.strategy.chapter(number)
    subject = chapter_subject(number)
    texts: list[tuple[str, str, TextItem | Span]] = [("chapter-overview", subject, p) for p in chapter.overview_paragraphs]
    texts += [("chapter-objective", f"{subject}/objective-{i}", t) for i, t in enumerate(chapter.objectives, 1)]
    texts += [("success-criterion", f"{subject}/success-{i}", t) for i, t in enumerate(chapter.success, 1)]
    texts += [("action", a.id, a.span) for a in corpus.actions if a.chapter == number]
    return texts


def find_annex_references(corpus: Corpus) -> None:
    """Chapters that point to an annex, by "see Annex N" or by naming the annex's title."""
    annexes = {a.number: a for a in corpus.strategy.annexes}
    titles = {number: title_pattern(annex) for number, annex in annexes.items()}
    for chapter in corpus.strategy.chapters:
        for context, subject, unit in chapter_texts(corpus, chapter.number):
            span = unit.span if isinstance(unit, TextItem) else unit
            text = corpus.quote(span)
            found = [(int(m["number"]), "explicit", m) for m in SEE_ANNEX.finditer(text)]
            found += [(number, "title", m) for number, pattern in titles.items() for m in pattern.finditer(text)]
            for number, kind, match in found:
                if number in annexes:
                    where = Span(span.doc, span.start + match.start(), span.start + match.end())
                    corpus.annex_references.append(AnnexReference(number, chapter.number, context, subject, kind, where))
    corpus.annex_references.sort(key=lambda r: (r.annex, r.chapter, r.span.start))


def resolve_role_holders(corpus: Corpus) -> None:
    """The registry entities named where a role's holder is written ("The new Third Sector
    Advisory Board will have a role ..."): decided here, so the graph and the index agree."""
    for section in (corpus.strategy.development, corpus.strategy.monitoring):
        for role in section.roles if section else []:
            span = role.holder.span
            role.holders = sorted({(m.entity_type, m.entity) for m in corpus.mentions
                                   if m.span.doc == span.doc and span.start <= m.span.start < span.end})


def resolve_signatories(corpus: Corpus) -> None:
    for foreword in corpus.strategy.forewords:
        for signatory in foreword.signatories:
            entity = corpus.registry.resolve(signatory.name.text)
            signatory.person = entity.id if entity is not None and entity.type == "person" else None
            signatory.posts = posts(corpus, signatory)


def posts(corpus: Corpus, signatory: Signatory) -> list[Post]:
    """The posts held. A role line that is wholly a known organisation's name ("Office of the
    Third Sector") is the organisation of the posts above it; otherwise a post's organisation is
    one its title names ("Defra's Third Sector Minister"), else the registry's record of the
    person, else not stated."""
    result: list[Post] = []
    for role in signatory.roles:
        entity = corpus.registry.resolve(role.text)
        if entity is not None and entity.type == "organisation" and result:
            for post in result:
                if post.organisation_basis != "stated":
                    post.organisation, post.organisation_basis = entity.id, "stated"
            continue
        named = [
            m.entity for m in corpus.mentions
            if m.entity_type == "organisation" and m.span.doc == role.span.doc
            and role.span.start <= m.span.start and m.span.end <= role.span.end
        ]
        result.append(Post(role, named[0], "stated") if named else Post(role))
    record = corpus.registry.entities[signatory.person].record if signatory.person else {}
    for post in result:
        if post.organisation is None and record.get("organisation"):
            post.organisation, post.organisation_basis = record["organisation"], "registry"
    return result
