"""The lookup index: a denormalised JSON view of the graph, written by `tsgraph build`.

The CLI answers lookups from this file so that a question costs one JSON parse, not a Turtle
parse or a store open. It is derived from the same Corpus as the RDF graph in the same build;
tests check both give the same answers.
"""

from __future__ import annotations

from .model import Span
from .facts import counts_in_totals, decide_actions, publisher_family, publisher_id, sentence_span
from .registry import name_key
from .resolve import Corpus, involvement

INDEX_FORMAT = 1


def source_dict(corpus: Corpus, span: Span) -> dict:
    return {"document": span.doc, "start": span.start, "end": span.end, "quote": corpus.quote(span)}


def action_sort_key(action_id: str) -> tuple[int, int]:
    """"3.10" sorts after "3.9": by chapter, then number."""
    chapter, number = action_id.split(".")
    return int(chapter), int(number)


def build_index(corpus: Corpus) -> dict:
    registry = corpus.registry
    org_links = involvement(corpus, "organisation")
    programme_links = involvement(corpus, "programme")
    person_links = involvement(corpus, "person")
    progress_by_action = corpus.progress_by_action()
    chapters = {c.number: c for c in corpus.strategy.chapters}
    money_by_subject: dict[str, list[str]] = {}
    for item in corpus.money:
        money_by_subject.setdefault(item.subject, []).append(item.id)
    refers_to: dict[str, set[str]] = {}
    referred_by: dict[str, set[str]] = {}
    for ref in corpus.cross_references:
        refers_to.setdefault(ref.source_action, set()).add(ref.target_action)
        referred_by.setdefault(ref.target_action, set()).add(ref.source_action)

    def linked(links: dict, action_id: str) -> list[str]:
        return sorted(entity for entity, actions in links.items() if action_id in actions)

    decisions = decide_actions(corpus)
    actions = []
    for action in corpus.actions:
        entries = progress_by_action.get(action.id, [])
        decided = decisions[action.id]
        latest = decided.latest
        organisations = list(decided.organisations)
        actions.append(
            {
                "id": action.id,
                "chapter": action.chapter,
                "chapter_title": chapters[action.chapter].title,
                "timing": action.timing,
                "subheading": action.subheading,
                "text": action.text,
                "status": latest.status.status if latest else None,
                "status_date": latest.date if latest else None,
                "organisations": organisations,
                "partners": list(decided.partners),
                "lead_units": list(decided.lead_units),
                "programmes": linked(programme_links, action.id),
                "people": linked(person_links, action.id),
                "money": money_by_subject.get(action.id, []),
                "refers_to": sorted(refers_to.get(action.id, ()), key=action_sort_key),
                "referred_by": sorted(referred_by.get(action.id, ()), key=action_sort_key),
                "source": source_dict(corpus, action.span),
                "subitems": [{"letter": s.letter, "text": s.text, "source": source_dict(corpus, s.span)} for s in action.subitems],
                "links": {
                    org: [
                        {"context": m.context, **source_dict(corpus, m.span),
                         "sentence": source_dict(corpus, sentence_span(corpus.documents[m.span.doc], m.span))}
                        for m in org_links[org][action.id]
                    ]
                    for org in organisations
                },
                "progress": [
                    {
                        "report": e.report,
                        "date": e.date,
                        "line": e.line,
                        "status": e.status.status,
                        "status_rule": e.status.rule,
                        "status_source": source_dict(corpus, e.status.span) if e.status.span else None,
                        "restated": e.restated.text,
                        "restated_source": source_dict(corpus, e.restated.span),
                        "differs": e.differs,
                        "changes": [[old, new] for old, new in e.changes],
                        "progress": e.progress.text,
                        "progress_source": source_dict(corpus, e.progress.span),
                        "next_actions": e.next_actions.text if e.next_actions else None,
                        "next_actions_source": source_dict(corpus, e.next_actions.span) if e.next_actions else None,
                    }
                    for e in entries
                ],
            }
        )

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
            "former_names": [
                {
                    "name": f["name"],
                    "not_before": f.get("not_before"),
                    "not_after": f.get("not_after"),
                    "source": source_dict(corpus, corpus.rename_evidence[(entity.id, f["name"])])
                    if (entity.id, f["name"]) in corpus.rename_evidence else None,
                }
                for f in entity.former_names
            ],
            "parent": record.get("parent"),
            "members": record.get("members", []),
            "owner": record.get("owner"),
            "organisation": record.get("organisation"),
            "role": record.get("role"),
            "note": record.get("note"),
        }
    names = dict(sorted(registry.by_key.items()))
    for definition in corpus.acronyms:
        # Acronyms the text defines resolve too, unless the registry already gives them a meaning.
        if definition.entity and name_key(definition.acronym) not in names:
            names[name_key(definition.acronym)] = definition.entity
    names = dict(sorted(names.items()))

    money = [
        {
            "id": m.id,
            "raw": m.raw,
            "value": m.value,
            "currency": "GBP",
            "kind": m.kind,
            "period": m.period,
            "per_annum": m.per_annum,
            "years": m.years,
            "each": m.each,
            "funder": m.funder,
            "funder_basis": m.funder_basis,
            "recipients": m.recipients,
            "programme": m.programme,
            "programme_basis": m.programme_basis,
            "repeat_of": m.repeat_of,
            "counts_in_totals": counts_in_totals(m),
            "context": m.context,
            "subject": m.subject,
            "source": source_dict(corpus, m.span),
            "sentence": source_dict(corpus, m.sentence),
        }
        for m in corpus.money
    ]
    case_studies = []
    for case in corpus.strategy.case_studies:
        mentioned = [m for m in corpus.mentions if m.context == "case-study" and m.subject == case.id]
        case_studies.append(
            {
                "id": case.id,
                "chapter": case.chapter,
                "title": case.title,
                "organisations": sorted({m.entity for m in mentioned if m.entity_type == "organisation"}),
                "programmes": sorted({m.entity for m in mentioned if m.entity_type == "programme"}),
                "people": sorted({m.entity for m in mentioned if m.entity_type == "person"}),
                "urls": case.urls,
                "source": source_dict(corpus, case.span),
            }
        )
    return {
        "format": INDEX_FORMAT,
        "publisher": publisher_id(corpus),
        "publisher_family": sorted(publisher_family(corpus)),
        "sources": [
            {k: getattr(d, k) for k in ("id", "title", "publisher", "date", "kind", "licence")}
            for d in corpus.documents.values()
        ],
        "themes": [{"number": t.number, "name": t.name} for t in corpus.strategy.themes],
        "chapters": [
            {
                "number": c.number,
                "title": c.title,
                "theme": c.theme,
                "actions": [a.id for a in corpus.actions if a.chapter == c.number],
                "source": source_dict(corpus, c.span),
            }
            for c in corpus.strategy.chapters
        ],
        "statuses": [{"id": s["id"], "label": s["label"], "definition": s["definition"]} for s in registry.statuses],
        "actions": actions,
        "entities": entities,
        "names": names,
        "money": money,
        "case_studies": case_studies,
        "candidates": [
            {"name": c.name, "occurrences": len(c.spans), "sources": [source_dict(corpus, s) for s in c.spans]}
            for c in corpus.candidates
        ],
    }
