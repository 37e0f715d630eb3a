"""The progress status of each entry, decided from evidence, with the words and the rule that decided it.

The rules live in data/status_rules.json, in order of precedence: the first rule that fires on the
progress column or the next actions decides; lower rules that also fired are kept as outranked
evidence. A match is set aside when a qualifier the rule names (a negation, a condition, "only a
part") stands in the same clause just before it. When nothing fires, the status is the vocabulary's
undecided one ("not-stated"): there is no default that passes for progress.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..parse.sentences import tail_start
from ..model import ProgressEntry, Span, StatusDecision, StatusEvidence
from ..registry import Registry, StatusRule
from .corpus import Corpus

# Where a clause starts: punctuation, a spaced dash, or a joining word that opens a new clause.
CLAUSE_BREAK = re.compile(
    r"[.;:!?()\u2013\u2014,]|\s-\s|\b(?:and|but|or|although|though|however|whereas|while|which|that|so)\b", re.IGNORECASE
)
QUALIFIER_WORDS = 8  # how far back in the clause a qualifier may stand
COMMITMENT_SUBJECT = re.compile(r"^(?:we|defra|the\s+department)\s+will\s+", re.IGNORECASE)


@dataclass
class Match:
    rule: StatusRule
    column: str
    start: int
    end: int
    qualifier: str | None = None  # the words that set the match aside, if any


@dataclass
class Verdict:
    """A decision over plain column texts (offsets are into those texts)."""

    status: str
    rule: str
    decisive: Match | None
    outranked: list[Match] = field(default_factory=list)
    set_aside: list[Match] = field(default_factory=list)


class Clauses:
    """The clause breaks of one column's text, found once: each lookup is a bisection, not a scan
    of the text from its start (a long cell with many matches cost its length squared)."""

    # No break is longer than this ("although", a spaced dash) nor looks further than one
    # character past its end, so only the last few characters before a position can differ
    # between the whole text's breaks and those of the text cut at that position.
    REACH = 12

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def start_before(self, position: int) -> int:
        """Where the clause leading up to ``position`` starts, as ``CLAUSE_BREAK.finditer(text, 0,
        position)`` finds it: the whole text's breaks up to a point a little before ``position``
        (where the two scans agree), then the cut text's breaks from there."""
        resume = max(0, position - self.REACH)
        inside = bisect.bisect_right(self.starts, resume) - 1  # a break that may span ``resume``
        if inside >= 0 and self.starts[inside] < resume < self.ends[inside]:
            resume = self.ends[inside]
        start = 0
        done = bisect.bisect_right(self.ends, resume)  # whole-text breaks ending by ``resume``
        if done:
            start = self.ends[done - 1]
        for match in CLAUSE_BREAK.finditer(self.text, resume, max(resume, position)):
            if match.end() <= position:
                start = match.end()
        return start


def clause_before(text: str, position: int, clauses: Clauses | None = None) -> str:
    """The words of the clause that lead up to ``position`` (at most QUALIFIER_WORDS of them)."""
    start = (clauses or Clauses(text)).start_before(position)
    return " ".join(text[tail_start(text, start, position, QUALIFIER_WORDS):position].split())


def setting_aside(registry: Registry, rule: StatusRule, text: str, start: int, clauses: Clauses | None = None) -> str | None:
    """The qualifier words that cancel a match at ``start``, or None."""
    clause = clause_before(text, start, clauses)
    for name in rule.set_aside_by:
        found = registry.status_qualifiers[name].search(clause)
        if found:
            return found.group(0)
    return None


def commitment_verb(rule: StatusRule, commitment: str | None) -> list[str] | None:
    """The participles of the commitment's first verb, if the rule lists that verb."""
    if not commitment:
        return None
    opening = COMMITMENT_SUBJECT.sub("", commitment.strip()).lower()
    for verb in sorted(rule.commitment_verbs, key=len, reverse=True):
        if re.match(rf"{re.escape(verb)}\b", opening):
            return rule.commitment_verbs[verb]
    return None


def rule_matches(registry: Registry, rule: StatusRule, columns: dict[str, str | None], commitment: str | None,
                 clauses_of: dict[str, Clauses] | None = None) -> list[Match]:
    """Every match of one rule, progress column first; set-aside matches carry their qualifier."""
    if rule.commitment_verbs:
        participles = commitment_verb(rule, commitment)
        if participles is None:
            return []
        regex = rule.regex(participles)
    else:
        regex = rule.regex()
    found = []
    for column in rule.columns:
        text = columns.get(column)
        if not text:
            continue
        clauses = clauses_of.get(column) if clauses_of is not None else None
        for match in regex.finditer(text):
            qualifier = setting_aside(registry, rule, text, match.start(), clauses)
            found.append(Match(rule, column, match.start(), match.end(), qualifier))
    return found


def decide(registry: Registry, columns: dict[str, str | None], commitment: str | None = None) -> Verdict:
    """Decide a status from the texts of the progress and next-actions columns (and the commitment).

    The first rule that fires gives the status; among the rules giving that status, words in the
    progress column are cited before words in next actions. Every other rule that fired is kept,
    once, as outranked evidence.
    """
    firing: list[Match] = []  # the first unqualified match of each rule in each column, in rule order
    set_aside: list[Match] = []
    clauses_of = {column: Clauses(text) for column, text in columns.items() if text}  # found once per column
    for rule in registry.status_rules:
        matches = rule_matches(registry, rule, columns, commitment, clauses_of)
        set_aside += [m for m in matches if m.qualifier]
        for column in rule.columns:
            first = next((m for m in matches if m.column == column and not m.qualifier), None)
            if first:
                firing.append(first)
    if not firing:
        return Verdict(registry.undecided_status, registry.undecided_rule, None, [], set_aside)
    status = firing[0].rule.status
    same = [m for m in firing if m.rule.status == status]
    decisive = next((m for m in same if m.column == "progress"), same[0])
    outranked = [
        m for m in firing
        if m is not decisive and (m.column != decisive.column or m.end <= decisive.start or m.start >= decisive.end)
    ]
    return Verdict(status, decisive.rule.id, decisive, outranked, set_aside)


def classify_status(corpus: Corpus, entry: ProgressEntry) -> StatusDecision:
    items = {"progress": entry.progress, "next-actions": entry.next_actions}
    columns = {name: corpus.quote(item.span) if item else None for name, item in items.items()}
    action = next((a for a in corpus.actions if a.id == entry.action_id), None)
    verdict = decide(corpus.registry, columns, action.text if action else None)

    def evidence(match: Match) -> StatusEvidence:
        base = items[match.column].span  # type: ignore[union-attr]
        words = columns[match.column][match.start:match.end]  # cited without the white space a pattern may take
        start = match.start + len(words) - len(words.lstrip())
        end = match.end - (len(words) - len(words.rstrip()))
        span = Span(base.doc, base.start + start, base.start + end)
        return StatusEvidence(match.rule.id, match.rule.status, match.column, span, match.qualifier)

    decisive = evidence(verdict.decisive) if verdict.decisive else None
    return StatusDecision(
        status=verdict.status,
        rule=verdict.rule,
        span=decisive.span if decisive else None,
        column=decisive.column if decisive else None,
        outranked=[evidence(m) for m in verdict.outranked],
        set_aside=[evidence(m) for m in verdict.set_aside],
    )
