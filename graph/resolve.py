"""Resolve what the parsers found into linked facts, each with the span it came from.

- mentions of organisations, programmes and people (through every alias and former name)
- acronyms defined in the text, e.g. "Action for Communities in Rural England (ACRE)"
- capitalised names the registry does not know yet (kept for curation, never dropped)
- sums of money with period, basis, funder, recipients and programme
- the progress status of each entry, with the words that decided it
- cross-references between commitments ("See commitment 1.6")
- whether a progress report restates a commitment in different words
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .errors import RegistryError
from .model import (
    AcronymDefinition,
    Action,
    Candidate,
    CrossReference,
    Document,
    Mention,
    MoneyAmount,
    ProgressEntry,
    Span,
    StatusDecision,
)
from .parse_progress import parse_progress_report
from .parse_strategy import Strategy, parse_strategy
from .registry import Registry, name_key

CASE_INSENSITIVE_MIN_WORDS = 3  # shorter names must match in their own case: "Advisory Board", not "advisory board"
CONNECTORS = r"(?:of|for|and|the|on|in|to|&)"
ACRONYM_DEFINITION = re.compile(
    rf"(?P<long>[A-Z][\w'&-]*(?:\s+(?:{CONNECTORS}|[A-Z][\w'&-]*))*)\s*\*?\s*\((?P<acronym>[A-Z][A-Za-z&]{{1,9}})\)"
)
ALL_CAPS = re.compile(r"(?<![\w&-])[A-Z][A-Z0-9&]{1,}s?(?![\w&-])")
CAPITALISED_NAME = re.compile(rf"(?<![\w'-])[A-Z][\w'&-]+(?:\s+(?:{CONNECTORS}\s+)*[A-Z][\w&-]+)+")
MONEY = re.compile(r"£\s?(?P<number>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<unit>(?:[kKmM]|million|bn)\b))?")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z•‘'\"“(])|\t|\n")
CROSS_REFERENCE = re.compile(r"\b(?:[Ss]ee|commitment)\s+(?:commitment\s+)?(?P<target>\d{1,2}\.\d{1,2})\b")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
UNITS = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9}
NON_FUNDING_PROGRAMME_KINDS = {"legislation", "policy"}


@dataclass
class TextUnit:
    """A stretch of source text that facts are found in."""

    context: str  # action | restatement | progress | next-actions | case-study
    subject: str  # action id, or case study id
    span: Span


@dataclass
class Corpus:
    documents: dict[str, Document]
    strategy: Strategy
    progress: list[ProgressEntry]
    registry: Registry
    mentions: list[Mention] = field(default_factory=list)
    acronyms: list[AcronymDefinition] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    money: list[MoneyAmount] = field(default_factory=list)
    cross_references: list[CrossReference] = field(default_factory=list)
    rename_evidence: dict[tuple[str, str], Span] = field(default_factory=dict)

    def quote(self, span: Span) -> str:
        return self.documents[span.doc].quote(span)

    @property
    def actions(self) -> list[Action]:
        return self.strategy.actions

    def progress_by_action(self) -> dict[str, list[ProgressEntry]]:
        """Each action's progress entries, oldest first (same-date reports in manifest order);
        the last is the latest, which the graph, the index and the CLI all report."""
        result: dict[str, list[ProgressEntry]] = {}
        for entry in sorted(self.progress, key=lambda e: e.date):  # stable: keeps manifest order
            result.setdefault(entry.action_id, []).append(entry)
        return result


class Matcher:
    """One regular expression over every name; the longest name at a position wins."""

    def __init__(self, names: list[tuple[str, str, str, bool]]) -> None:
        # names: (surface, entity id, entity type, learnt)
        self.lookup: dict[str, tuple[str, str, bool]] = {}
        self.folded: dict[str, tuple[str, str, bool]] = {}
        parts = []
        for surface, entity, entity_type, learnt in sorted(set(names), key=lambda n: (-len(n[0]), n[0])):
            # Italic markers may split a name in the raw text: "*REconomy* Community Interest Company".
            escaped = re.escape(surface).replace(r"\ ", r"\*?\s+\*?")
            if len(surface.split()) >= CASE_INSENSITIVE_MIN_WORDS:
                self.folded.setdefault(" ".join(surface.casefold().split()), (entity, entity_type, learnt))
                parts.append(f"(?i:{escaped})")
            else:
                self.lookup.setdefault(surface, (entity, entity_type, learnt))
                parts.append(escaped)
        self.pattern = re.compile(r"(?<![\w&-])(?:" + "|".join(parts) + r")(?![\w&]|-\w)") if parts else None

    def find(self, text: str) -> list[tuple[int, int, str, str, bool]]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            surface = match.group(0).replace("*", "")
            hit = self.lookup.get(surface) or self.folded.get(" ".join(surface.casefold().split()))
            if hit:
                found.append((match.start(), match.end(), *hit))
        return found


def text_units(strategy: Strategy, progress: list[ProgressEntry]) -> list[TextUnit]:
    units = [TextUnit("action", a.id, a.span) for a in strategy.actions]
    for entry in progress:
        units.append(TextUnit("restatement", entry.action_id, entry.restated.span))
        units.append(TextUnit("progress", entry.action_id, entry.progress.span))
        if entry.next_actions:
            units.append(TextUnit("next-actions", entry.action_id, entry.next_actions.span))
    units += [TextUnit("case-study", c.id, c.span) for c in strategy.case_studies]
    return units


def registry_names(registry: Registry) -> list[tuple[str, str, str, bool]]:
    return [(name, e.id, e.type, False) for e in registry.entities.values() for name in e.names()]


def learn_acronyms(corpus: Corpus, units: list[TextUnit]) -> list[tuple[str, str, str, bool]]:
    """Acronyms the text defines for a known name become extra names of that entity."""
    registry = corpus.registry
    learnt = []
    for unit in units:
        text = corpus.quote(unit.span).replace("*", " ")
        for match in ACRONYM_DEFINITION.finditer(text):
            words = match["long"].split()
            acronym = match["acronym"]
            entity = None
            for start in range(len(words)):
                entity = registry.resolve(" ".join(words[start:]))
                if entity is not None:
                    break
            span = Span(unit.span.doc, unit.span.start + match.start(), unit.span.start + match.end())
            corpus.acronyms.append(AcronymDefinition(acronym, match["long"], entity.id if entity else None, span))
            if entity is None:
                continue
            if acronym in registry.not_names:
                continue  # generic forms such as CIC name a kind of body, not this one
            owner = registry.resolve(acronym)
            if owner is None:
                learnt.append((acronym, entity.id, entity.type, True))
    return learnt


def find_mentions(corpus: Corpus, units: list[TextUnit], matcher: Matcher) -> None:
    for unit in units:
        text = corpus.quote(unit.span)
        for start, end, entity, entity_type, learnt in matcher.find(text):
            span = Span(unit.span.doc, unit.span.start + start, unit.span.start + end)
            corpus.mentions.append(
                Mention(entity, entity_type, text[start:end], span, unit.context, unit.subject, learnt)
            )


def find_candidates(corpus: Corpus, units: list[TextUnit]) -> None:
    """Capitalised names and acronyms that no mention covers: listed for curation."""
    covered: dict[str, list[tuple[int, int]]] = {}
    for mention in corpus.mentions:
        covered.setdefault(mention.span.doc, []).append((mention.span.start, mention.span.end))
    registry = corpus.registry
    found: dict[str, Candidate] = {}
    seen_spans: set[Span] = set()

    def overlaps(span: Span) -> bool:
        return any(s < span.end and span.start < e for s, e in covered.get(span.doc, []))

    for unit in units:
        text = corpus.quote(unit.span).replace("*", " ")
        hits = []
        for match in CAPITALISED_NAME.finditer(text):
            words = match.group(0).split()
            if any(w.strip("'’s") in registry.name_words for w in words[1:]):
                hits.append((match.start(), match.end(), match.group(0)))
        for match in ALL_CAPS.finditer(text):
            if match.group(0) not in registry.not_names:
                hits.append((match.start(), match.end(), match.group(0)))
        for start, end, name in hits:
            span = Span(unit.span.doc, unit.span.start + start, unit.span.start + end)
            if overlaps(span) or span in seen_spans or registry.resolve(name):
                continue
            seen_spans.add(span)
            name = " ".join(name.split())
            found.setdefault(name, Candidate(name)).spans.append(span)
    corpus.candidates = sorted(found.values(), key=lambda c: (-len(c.spans), c.name))


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for match in SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    end_match = SENTENCE_END.search(text, position)
    end = end_match.start() + 1 if end_match and end_match.group(0)[0] in ".!?" else (end_match.start() if end_match else len(text))
    return start, end


def parse_period(after: str) -> tuple[str | None, bool, int | None]:
    """The period a sum covers, from the words that follow it."""
    patterns = [
        r"per annum for the (?P<years>\w+) years to \d{4}/\d{2}",
        r"over (?P<years>\w+) years",
        r"for the \d{4}-\d{4} financial year",
        r"for \d{4}/\d{2}",
        r"until \w+ \d{4}",
        r"per annum|p\.a\.?|a year",
        r"\(\d{4}-\d{4}\)",
    ]
    for pattern in patterns:
        match = re.search(pattern, after[:90])
        if match:
            phrase = match.group(0)
            years_word = match.groupdict().get("years")
            years = None
            if years_word:
                years = int(years_word) if years_word.isdigit() else NUMBER_WORDS.get(years_word.lower())
            per_annum = bool(re.search(r"per annum|p\.a|a year", phrase))
            return phrase.strip("()"), per_annum, years
    return None, False, None


def money_kind(sentence: str) -> str:
    rules = [
        (r"\bturnover\b", "turnover"),
        (r"\bnot to\b", "declined"),
        (r"\bwon\b", "won"),
        (r"\bspend|\bcommitted\b|\bmade available\b", "spend"),
        (r"\bworth\b", "programme-value"),
        (r"\bgrant\b", "grant"),
    ]
    for pattern, kind in rules:
        if re.search(pattern, sentence):
            return kind
    return "funding"


def find_money(corpus: Corpus, units: list[TextUnit]) -> None:
    action_programmes: dict[str, list[str]] = {}
    for mention in corpus.mentions:
        if mention.context == "action" and mention.entity_type == "programme":
            kind = corpus.registry.entities[mention.entity].kind
            if kind not in NON_FUNDING_PROGRAMME_KINDS and mention.entity not in action_programmes.get(mention.subject, []):
                action_programmes.setdefault(mention.subject, []).append(mention.entity)
    # The publishing department of each document funds what its own commitments leave unsaid.
    publishers = {}
    for document in corpus.documents.values():
        entity = corpus.registry.resolve(document.publisher)
        publishers[document.id] = entity.id if entity else None
    counter = 0
    for unit in units:
        text = corpus.quote(unit.span)
        publisher = publishers[unit.span.doc]
        unit_mentions = [
            m for m in corpus.mentions
            if m.span.doc == unit.span.doc and unit.span.start <= m.span.start and m.span.end <= unit.span.end
        ]
        for match in MONEY.finditer(text):
            counter += 1
            unit_name = (match["unit"] or "").lower()
            value = float(match["number"].replace(",", "")) * UNITS.get(unit_name, 1)
            s_start, s_end = sentence_bounds(text, match.start())
            sentence = text[s_start:s_end]
            amount_at = unit.span.start + match.start()
            in_sentence = [m for m in unit_mentions if unit.span.start + s_start <= m.span.start < unit.span.start + s_end]
            orgs = [m for m in in_sentence if m.entity_type == "organisation"]
            period, per_annum, years = parse_period(text[match.end():s_end])
            kind = money_kind(sentence)
            item = MoneyAmount(
                id=f"{unit.span.doc}-{counter}",
                raw=match.group(0),
                value=value,
                span=Span(unit.span.doc, amount_at, unit.span.start + match.end()),
                sentence=Span(unit.span.doc, unit.span.start + s_start, unit.span.start + s_end),
                context=unit.context,
                subject=unit.subject,
                kind=kind,
                period=period,
                per_annum=per_annum,
                years=years,
                each=bool(re.search(r"\b[Ee]ach of\b|\bfor each\b", sentence)),
            )
            # Funder: "funded by X" / "from X" states it; else the publisher named before the sum;
            # else the spender of a "spend"; else, in the publisher's own commitment, the publisher is implied.
            for m in orgs:
                before = text[max(0, m.span.start - unit.span.start - 12): m.span.start - unit.span.start]
                if re.search(r"(?:funded by|from)\s+(?:the\s+)?$", before):
                    item.funder, item.funder_basis = m.entity, "stated"
                    break
            if item.funder is None and kind not in ("turnover", "won"):
                before_sum = [m for m in orgs if m.span.start < amount_at]
                if publisher and any(m.entity == publisher for m in before_sum):
                    item.funder, item.funder_basis = publisher, "stated"
                elif kind == "spend" and before_sum:
                    item.funder, item.funder_basis = before_sum[0].entity, "stated"
                elif publisher and kind in ("grant", "funding", "programme-value") and unit.context != "case-study":
                    item.funder, item.funder_basis = publisher, "implied"
            if kind == "won":
                item.recipients = [m.entity for m in orgs if m.span.start < amount_at][:1]
            elif kind not in ("turnover", "declined", "spend"):
                item.recipients = sorted({m.entity for m in orgs if m.entity not in (item.funder, publisher)})
            programmes = [
                m.entity for m in in_sentence
                if m.entity_type == "programme" and corpus.registry.entities[m.entity].kind not in NON_FUNDING_PROGRAMME_KINDS
            ]
            if programmes:
                item.programme, item.programme_basis = programmes[0], "stated"
            elif unit.context != "case-study" and len(action_programmes.get(unit.subject, [])) == 1:
                item.programme, item.programme_basis = action_programmes[unit.subject][0], "action"
            corpus.money.append(item)
    mark_repeats(corpus)


def mark_repeats(corpus: Corpus) -> None:
    """A sum stated again (a 2009 restatement of a 2008 commitment, a case study told twice) is a repeat."""
    first_by_sentence: dict[str, str] = {}
    first_by_action: dict[tuple[str, float], str] = {}
    for item in corpus.money:
        sentence = name_key(corpus.quote(item.sentence))  # quotes, case and markers aside
        if item.context == "restatement" and (item.subject, item.value) in first_by_action:
            item.repeat_of = first_by_action[(item.subject, item.value)]
        elif sentence in first_by_sentence:
            item.repeat_of = first_by_sentence[sentence]
        first_by_sentence.setdefault(sentence, item.id)
        if item.context == "action":
            first_by_action.setdefault((item.subject, item.value), item.id)


def classify_status(corpus: Corpus, entry: ProgressEntry) -> StatusDecision:
    registry = corpus.registry
    columns = {"progress": entry.progress, "next-actions": entry.next_actions}
    for index, rule in enumerate(registry.status_rules):
        for column in rule["columns"]:
            item = columns[column]
            if item is None:
                continue
            raw = corpus.quote(item.span)
            match = re.search(rule["pattern"], raw)
            if match:
                span = Span(item.span.doc, item.span.start + match.start(), item.span.start + match.end())
                return StatusDecision(rule["status"], f"rule {index + 1} ({column})", span)
    return StatusDecision(registry.default_status, "default", None)


def substance_tokens(text: str) -> list[str]:
    """Words that carry meaning: case, punctuation, number style and acronym glosses removed."""
    text = re.sub(r"\s*\((?:[A-Z][A-Za-z]{1,9})\)", "", text)  # "(ACC)" defines an acronym, adds nothing
    text = re.sub(r"£\s?(\d+(?:\.\d+)?)\s?([mMkK])\b", lambda m: f"£{m[1]}{m[2].lower()}", text)
    text = text.casefold().replace("&", " and ")
    tokens = re.findall(r"[a-z0-9£.]+", text)
    tokens = [str(NUMBER_WORDS.get(t, t)) for t in (t.strip(".") for t in tokens) if t]
    return tokens


FILLER_WORDS = {"a", "an", "the", "and", "of"}


def _gist(words: str) -> str:
    """Hyphenation, spacing, articles and plural endings are wording, not substance."""
    kept = [w.rstrip("s") for w in words.replace("-", " ").split() if w not in FILLER_WORDS]
    return "".join(kept)


def compare_restatement(corpus: Corpus, entry: ProgressEntry, action: Action) -> None:
    before, after = substance_tokens(action.text), substance_tokens(entry.restated.text)
    changes = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op != "equal":
            changes.append((" ".join(before[a1:a2]), " ".join(after[b1:b2])))
    changes = [(a, b) for a, b in changes if _gist(a) != _gist(b)]
    entry.changes = changes
    entry.differs = bool(changes)


def find_cross_references(corpus: Corpus) -> None:
    known = {a.id for a in corpus.actions}
    for entry in corpus.progress:
        for context, item in (("progress", entry.progress), ("next-actions", entry.next_actions)):
            if item is None:
                continue
            raw = corpus.quote(item.span)
            for match in CROSS_REFERENCE.finditer(raw):
                target = match["target"]
                if target in known and target != entry.action_id:
                    span = Span(item.span.doc, item.span.start + match.start(), item.span.start + match.end())
                    corpus.cross_references.append(CrossReference(entry.action_id, target, span, context))


def locate_rename_evidence(corpus: Corpus) -> None:
    """Each dated former name cites a quote; find where it stands so the rename is sourced too."""
    for entity in corpus.registry.of_type("organisation"):
        for former in entity.former_names:
            evidence = former.get("evidence")
            if not evidence:
                continue
            document = corpus.documents.get(evidence["source"])
            position = document.text.find(evidence["quote"]) if document else -1
            if position < 0:
                raise RegistryError(
                    "data/organisations.json",
                    f"{entity.id!r}: evidence quote {evidence['quote']!r} is not in source {evidence['source']!r}",
                )
            corpus.rename_evidence[(entity.id, former["name"])] = Span(document.id, position, position + len(evidence["quote"]))


def build_corpus(documents: list[Document], registry: Registry) -> Corpus:
    strategy_doc = next(d for d in documents if d.kind == "strategy")
    strategy = parse_strategy(strategy_doc)
    progress: list[ProgressEntry] = []
    for document in documents:
        if document.kind == "progress-report":
            progress.extend(parse_progress_report(document, strategy))
    corpus = Corpus({d.id: d for d in documents}, strategy, progress, registry)
    units = text_units(strategy, progress)
    learnt = learn_acronyms(corpus, units)
    find_mentions(corpus, units, Matcher(registry_names(registry) + learnt))
    find_candidates(corpus, units)
    find_money(corpus, units)
    actions = {a.id: a for a in strategy.actions}
    for entry in progress:
        entry.status = classify_status(corpus, entry)
        compare_restatement(corpus, entry, actions[entry.action_id])
    find_cross_references(corpus)
    locate_rename_evidence(corpus)
    return corpus


def involvement(corpus: Corpus, entity_type: str = "organisation") -> dict[str, dict[str, list[Mention]]]:
    """entity id -> action id -> the mentions that tie them (any context but case studies)."""
    result: dict[str, dict[str, list[Mention]]] = {}
    for mention in corpus.mentions:
        if mention.entity_type == entity_type and mention.context != "case-study":
            result.setdefault(mention.entity, {}).setdefault(mention.subject, []).append(mention)
    return result


__all__ = ["Corpus", "build_corpus", "involvement", "name_key"]
