"""Turn a resolved Corpus into an rdflib Graph. Every node has an IRI (no blank nodes), so two
builds of the same input give the same triples and graphs compare by plain set equality."""

from __future__ import annotations

import re
from urllib.parse import quote as url_quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from .model import Span
from .facts import counts_in_totals, decide_actions
from .registry import ORGANISATION_KINDS, PROGRAMME_KINDS
from .resolve import Corpus, involvement

TS = Namespace("https://w3id.org/tsgraph/ontology#")
ID = Namespace("https://w3id.org/tsgraph/id/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "ts": TS, "id": ID, "schema": SCHEMA, "oa": OA, "org": ORG, "prov": PROV, "skos": SKOS,
    "dcterms": DCTERMS, "foaf": FOAF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
}
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


def node(*parts: str) -> URIRef:
    return ID["/".join(url_quote(p, safe="-._~") for p in parts)]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def date_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.gYearMonth if len(value) == 7 else XSD.date)


class GraphBuilder:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.g = Graph()
        for prefix, namespace in PREFIXES.items():
            self.g.bind(prefix, namespace)

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def span(self, span: Span) -> URIRef:
        """The oa:SpecificResource for a span: document, position and exact quote."""
        resource = node("span", span.doc, f"{span.start}-{span.end}")
        if (resource, RDF.type, OA.SpecificResource) not in self.g:
            position = URIRef(f"{resource}#position")
            quote = URIRef(f"{resource}#quote")
            self.add(resource, RDF.type, OA.SpecificResource)
            self.add(resource, OA.hasSource, node("source", span.doc))
            self.add(resource, OA.hasSelector, position)
            self.add(resource, OA.hasSelector, quote)
            self.add(position, RDF.type, OA.TextPositionSelector)
            self.add(position, OA.start, Literal(span.start))
            self.add(position, OA.end, Literal(span.end))
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Literal(self.corpus.quote(span)))
        return resource

    def build(self) -> Graph:
        self.sources()
        self.schemes()
        self.strategy()
        self.registry()
        self.actions()
        self.progress()
        self.mentions()
        self.money()
        self.cross_references()
        self.curation()
        return self.g

    def sources(self) -> None:
        for document in self.corpus.documents.values():
            s = node("source", document.id)
            self.add(s, RDF.type, TS.SourceDocument)
            self.add(s, DCTERMS.identifier, Literal(document.id))
            self.add(s, DCTERMS.title, Literal(document.title))
            publisher = self.corpus.registry.resolve(document.publisher)
            # The publisher as an organisation node, so queries can tell the author from partners.
            self.add(s, DCTERMS.publisher, node("organisation", publisher.id) if publisher else Literal(document.publisher))
            self.add(s, DCTERMS.issued, date_literal(document.date))
            self.add(s, DCTERMS.license, Literal(document.licence))
            self.add(s, TS.documentKind, Literal(document.kind))

    def concept(self, scheme: URIRef, s: URIRef, label: str, notation: str, definition: str | None = None) -> None:
        self.add(s, RDF.type, SKOS.Concept)
        self.add(s, SKOS.inScheme, scheme)
        self.add(s, SKOS.prefLabel, Literal(label, lang="en"))
        self.add(s, SKOS.notation, Literal(notation))
        if definition:
            self.add(s, SKOS.definition, Literal(definition, lang="en"))

    def schemes(self) -> None:
        self.concept(TS.TimingScheme, node("timing", "immediate"), "Immediate", "immediate")
        self.concept(TS.TimingScheme, node("timing", "longer-term"), "Ongoing and longer term", "longer-term")
        for status in self.corpus.registry.statuses:
            self.concept(TS.StatusScheme, node("status", status["id"]), status["label"], status["id"], status["definition"])
        for kind, label in ORGANISATION_KINDS.items():
            self.concept(TS.OrganisationKindScheme, node("organisation-kind", kind), label, kind)
        for kind, label in PROGRAMME_KINDS.items():
            self.concept(TS.ProgrammeKindScheme, node("programme-kind", kind), label, kind)

    def statement(self, s: URIRef, item) -> URIRef:
        self.add(s, RDF.type, TS.TextStatement)
        self.add(s, TS.text, Literal(item.text))
        self.add(s, TS.source, self.span(item.span))
        return s

    def strategy(self) -> None:
        strategy = self.corpus.strategy
        doc = node("source", strategy.document.id)
        for theme in strategy.themes:
            s = node("theme", str(theme.number))
            self.add(s, RDF.type, TS.Theme)
            self.concept(TS.ThemeScheme, s, theme.name, str(theme.number), theme.description)
            self.add(s, TS.source, self.span(theme.span))
        for index, item in enumerate(strategy.vision, 1):
            self.add(doc, TS.visionStatement, self.statement(node("vision", str(index)), item))
        for index, item in enumerate(strategy.overall_objectives, 1):
            self.add(doc, TS.overallObjective, self.statement(node("overall-objective", str(index)), item))
        for chapter in strategy.chapters:
            s = node("chapter", str(chapter.number))
            self.add(s, RDF.type, TS.StrategicObjective)
            self.concept(TS.ChapterScheme, s, chapter.title, str(chapter.number))
            self.add(s, TS.theme, node("theme", str(chapter.theme)))
            self.add(s, TS.source, self.span(chapter.span))
            if chapter.overview:
                self.add(s, TS.overview, Literal(chapter.overview.text))
                self.add(s, TS.overviewSource, self.span(chapter.overview.span))
            for index, item in enumerate(chapter.objectives, 1):
                self.add(s, TS.objective, self.statement(node("chapter", str(chapter.number), "objective", str(index)), item))
            for index, item in enumerate(chapter.success, 1):
                self.add(s, TS.successCriterion, self.statement(node("chapter", str(chapter.number), "success", str(index)), item))
        for case in strategy.case_studies:
            s = node("case-study", case.id)
            self.add(s, RDF.type, TS.CaseStudy)
            self.add(s, DCTERMS.identifier, Literal(case.id))
            self.add(s, DCTERMS.title, Literal(case.title))
            self.add(s, TS.text, Literal(case.text))
            self.add(s, TS.chapter, node("chapter", str(case.chapter)))
            self.add(s, TS.source, self.span(case.span))
            for url in case.urls:
                self.add(s, SCHEMA.url, Literal(url if url.startswith("http") else f"http://{url}", datatype=XSD.anyURI))

    def registry(self) -> None:
        corpus = self.corpus
        for entity in corpus.registry.entities.values():
            record = entity.record
            if entity.type == "organisation":
                s = node("organisation", entity.id)
                self.add(s, RDF.type, ORG.Organization)
                self.add(s, RDF.type, ORGANISATION_CLASSES[entity.kind])
                self.add(s, TS.kind, node("organisation-kind", entity.kind))
                if record.get("parent"):
                    parent = node("organisation", record["parent"])
                    self.add(s, ORG.subOrganizationOf, parent)
                    if entity.kind == "defra-unit":
                        self.add(s, ORG.unitOf, parent)
                for member in record.get("members", []):
                    self.add(s, ORG.hasMember, node("organisation", member))
                for former in entity.former_names:
                    self.add(s, TS.formerName, Literal(former["name"]))
                    if "not_before" in former or "evidence" in former:
                        event = node("rename", entity.id, slug(former["name"]))
                        self.add(event, RDF.type, ORG.ChangeEvent)
                        self.add(event, ORG.resultingOrganization, s)
                        self.add(s, ORG.resultedFrom, event)
                        self.add(event, TS.previousName, Literal(former["name"]))
                        self.add(event, TS.newName, Literal(entity.name))
                        self.add(event, RDFS.label, Literal(f"{former['name']} renamed {entity.name}"))
                        if "not_before" in former:
                            self.add(event, TS.notBefore, date_literal(former["not_before"]))
                        if "not_after" in former:
                            self.add(event, TS.notAfter, date_literal(former["not_after"]))
                        evidence = corpus.rename_evidence.get((entity.id, former["name"]))
                        if evidence:
                            self.add(event, TS.source, self.span(evidence))
            elif entity.type == "programme":
                s = node("programme", entity.id)
                self.add(s, RDF.type, TS.Programme)
                if entity.kind in PROGRAMME_CLASSES:
                    self.add(s, RDF.type, PROGRAMME_CLASSES[entity.kind])
                self.add(s, TS.kind, node("programme-kind", entity.kind))
                if record.get("owner"):
                    self.add(s, TS.owner, node("organisation", record["owner"]))
            else:
                s = node("person", entity.id)
                self.add(s, RDF.type, FOAF.Person)
                self.add(s, FOAF.name, Literal(entity.name))
                self.add(s, TS.role, Literal(record["role"]))
                if record.get("organisation"):
                    self.add(s, ORG.memberOf, node("organisation", record["organisation"]))
            self.add(s, DCTERMS.identifier, Literal(entity.id))
            self.add(s, SKOS.prefLabel, Literal(entity.name))
            self.add(s, RDFS.label, Literal(entity.name))
            for acronym in entity.acronyms:
                self.add(s, TS.acronym, Literal(acronym))
            for alias in entity.aliases:
                self.add(s, SKOS.altLabel, Literal(alias))
            if record.get("note"):
                self.add(s, TS.note, Literal(record["note"]))

    def actions(self) -> None:
        decisions = decide_actions(self.corpus)
        for action in self.corpus.actions:
            s = node("action", action.id)
            decided = decisions[action.id]
            for partner in decided.partners:
                self.add(s, TS.partner, node("organisation", partner))
            for unit in decided.lead_units:
                self.add(s, TS.leadUnit, node("organisation", unit))
            self.add(s, RDF.type, TS.Action)
            self.add(s, DCTERMS.identifier, Literal(action.id))
            self.add(s, RDFS.label, Literal(f"Action {action.id}"))
            self.add(s, TS.chapter, node("chapter", str(action.chapter)))
            self.add(s, TS.timing, node("timing", action.timing))
            self.add(s, TS.text, Literal(action.text))
            self.add(s, TS.source, self.span(action.span))
            self.add(s, PROV.wasDerivedFrom, node("source", action.span.doc))
            if action.subheading:
                self.add(s, TS.subheading, Literal(action.subheading))
            for hint in action.hints:
                self.add(s, TS.hint, Literal(hint))
            for sub in action.subitems:
                item = node("action", action.id, sub.letter)
                self.add(s, TS.subItem, item)
                self.add(item, RDF.type, TS.SubItem)
                self.add(item, TS.letter, Literal(sub.letter))
                self.add(item, TS.text, Literal(sub.text))
                self.add(item, TS.source, self.span(sub.span))
            if decided.latest:
                self.add(s, TS.latestStatus, node("status", decided.latest.status.status))

    def progress(self) -> None:
        for entry in self.corpus.progress:
            s = node("progress", entry.report, entry.action_id)
            action = node("action", entry.action_id)
            self.add(s, RDF.type, TS.ProgressEntry)
            self.add(s, RDFS.label, Literal(f"Progress on {entry.action_id}, {entry.date}"))
            self.add(s, TS.progressOf, action)
            self.add(s, TS.report, node("source", entry.report))
            self.add(s, DCTERMS.date, date_literal(entry.date))
            self.add(s, TS.source, self.span(entry.row_span))
            self.add(s, TS.progressText, Literal(entry.progress.text))
            self.add(s, TS.progressSource, self.span(entry.progress.span))
            if entry.next_actions:
                self.add(s, TS.nextActions, Literal(entry.next_actions.text))
                self.add(s, TS.nextActionsSource, self.span(entry.next_actions.span))
            self.add(s, TS.status, node("status", entry.status.status))
            decision = node("status-decision", entry.report, entry.action_id)
            self.add(s, TS.statusDecision, decision)
            self.add(decision, RDF.type, TS.StatusDecision)
            self.add(decision, TS.status, node("status", entry.status.status))
            self.add(decision, TS.rule, Literal(entry.status.rule))
            if entry.status.span:
                self.add(decision, TS.source, self.span(entry.status.span))
            else:
                self.add(decision, PROV.wasDerivedFrom, self.span(entry.progress.span))
            restated = node("restatement", entry.report, entry.action_id)
            self.add(s, TS.restatement, restated)
            self.add(restated, RDF.type, TS.RestatedCommitment)
            self.add(restated, PROV.wasRevisionOf, action)
            self.add(restated, TS.report, node("source", entry.report))
            self.add(restated, TS.text, Literal(entry.restated.text))
            self.add(restated, TS.source, self.span(entry.restated.span))
            self.add(restated, TS.differsInSubstance, Literal(entry.differs))
            for old, new in entry.changes:
                self.add(restated, TS.change, Literal(f"{old or '∅'} → {new or '∅'}"))

    def mentions(self) -> None:
        corpus = self.corpus
        for mention in corpus.mentions:
            s = node("mention", mention.span.doc, f"{mention.span.start}-{mention.span.end}")
            body = node(mention.entity_type, mention.entity)
            subject = node("case-study" if mention.context == "case-study" else "action", mention.subject)
            self.add(s, RDF.type, TS.Mention)
            self.add(s, OA.hasBody, body)
            self.add(s, OA.hasTarget, self.span(mention.span))
            self.add(s, TS.source, self.span(mention.span))
            self.add(s, TS.mentionIn, subject)
            self.add(s, TS.context, Literal(mention.context))
            self.add(s, TS.surfaceForm, Literal(corpus.quote(mention.span)))
            if mention.learnt:
                self.add(s, TS.learnt, Literal(True))
            if mention.entity_type == "programme":
                self.add(subject, TS.refersToProgramme, body)
            elif mention.entity_type == "person":
                self.add(subject, TS.mentionsPerson, body)
            elif mention.context == "case-study":
                self.add(subject, TS.mentionsOrganisation, body)
        for organisation, actions in involvement(corpus).items():
            for action_id, mentions in actions.items():
                s = node("involvement", action_id, organisation)
                self.add(s, RDF.type, TS.Involvement)
                self.add(s, TS.action, node("action", action_id))
                self.add(s, TS.organisation, node("organisation", organisation))
                self.add(node("action", action_id), TS.involves, node("organisation", organisation))
                for mention in mentions:
                    self.add(s, PROV.wasDerivedFrom, node("mention", mention.span.doc, f"{mention.span.start}-{mention.span.end}"))
                    self.add(s, TS.source, self.span(mention.span))

    def money(self) -> None:
        for item in self.corpus.money:
            s = node("money", item.id)
            about = node("case-study", item.subject) if item.context == "case-study" else node("action", item.subject)
            self.add(s, RDF.type, SCHEMA.MonetaryAmount)
            self.add(s, SCHEMA.value, Literal(f"{item.value:.2f}", datatype=XSD.decimal))
            self.add(s, SCHEMA.currency, Literal("GBP"))
            self.add(s, RDFS.label, Literal(item.raw))
            self.add(s, TS.moneyKind, Literal(item.kind))
            self.add(s, TS.about, about)
            self.add(s, TS.context, Literal(item.context))
            self.add(s, TS.source, self.span(item.span))
            self.add(s, TS.sentence, self.span(item.sentence))
            if item.period:
                self.add(s, TS.period, Literal(item.period))
            if item.repeat_of:
                self.add(s, TS.repeatOf, node("money", item.repeat_of))
            self.add(s, TS.perAnnum, Literal(item.per_annum))
            self.add(s, TS.countsInTotals, Literal(counts_in_totals(item)))
            self.add(s, TS.each, Literal(item.each))
            if item.years:
                self.add(s, TS.years, Literal(item.years))
            if item.funder or item.recipients:
                grant = node("grant", item.id)
                self.add(grant, RDF.type, SCHEMA.MonetaryGrant)
                self.add(grant, TS.amount, s)
                self.add(grant, TS.source, self.span(item.sentence))
                self.add(grant, TS.about, about)
                if item.funder:
                    self.add(grant, SCHEMA.funder, node("organisation", item.funder))
                    self.add(grant, TS.funderBasis, Literal(item.funder_basis))
                for recipient in item.recipients:
                    self.add(grant, TS.recipient, node("organisation", recipient))
                if item.programme:
                    self.add(grant, SCHEMA.fundedItem, node("programme", item.programme))
                    self.add(grant, TS.programmeBasis, Literal(item.programme_basis))
            elif item.programme:
                self.add(s, SCHEMA.fundedItem, node("programme", item.programme))
                self.add(s, TS.programmeBasis, Literal(item.programme_basis))

    def cross_references(self) -> None:
        for ref in self.corpus.cross_references:
            s = node("cross-reference", ref.span.doc, f"{ref.span.start}-{ref.span.end}")
            self.add(s, RDF.type, TS.CrossReference)
            self.add(s, TS.fromAction, node("action", ref.source_action))
            self.add(s, TS.toAction, node("action", ref.target_action))
            self.add(s, TS.context, Literal(ref.context))
            self.add(s, TS.source, self.span(ref.span))
            self.add(node("action", ref.source_action), TS.refersTo, node("action", ref.target_action))

    def curation(self) -> None:
        for definition in self.corpus.acronyms:
            s = node("acronym-definition", definition.span.doc, f"{definition.span.start}-{definition.span.end}")
            self.add(s, RDF.type, TS.AcronymDefinition)
            self.add(s, TS.acronym, Literal(definition.acronym))
            self.add(s, TS.longName, Literal(definition.long_name))
            self.add(s, TS.source, self.span(definition.span))
            if definition.entity:
                entity = self.corpus.registry.entities[definition.entity]
                self.add(s, TS.definesNameOf, node(entity.type, entity.id))
        for candidate in self.corpus.candidates:
            s = node("unresolved", slug(candidate.name) or "name")
            self.add(s, RDF.type, TS.UnresolvedName)
            self.add(s, RDFS.label, Literal(candidate.name))
            self.add(s, TS.occurrences, Literal(len(candidate.spans)))
            for span in candidate.spans:
                self.add(s, TS.source, self.span(span))


def corpus_to_graph(corpus: Corpus) -> Graph:
    return GraphBuilder(corpus).build()
