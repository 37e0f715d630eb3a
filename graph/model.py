"""Plain data classes for what the parsers and resolvers extract. No RDF here.

Every extracted thing carries a ``Span``: the source document's id and the character
offsets (Python string indices into the file decoded as UTF-8) of the words it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def action_sort_key(action_id: str) -> tuple:
    """"3.10" after "3.9"; ids of another shape sort after, as text."""
    parts = action_id.split(".")
    return (0, *map(int, parts)) if all(p.isdigit() for p in parts) else (1, action_id)


@dataclass(frozen=True, order=True)
class Span:
    doc: str
    start: int
    end: int


@dataclass
class Document:
    id: str
    title: str
    publisher: str
    date: str
    kind: str
    path: str
    licence: str
    text: str
    line_starts: list[int] = field(default_factory=list, repr=False)
    url: str | None = None  # where the published document can be read, where known

    def quote(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        import bisect

        return bisect.bisect_right(self.line_starts, offset)


@dataclass
class TextItem:
    text: str
    span: Span


@dataclass
class Theme:
    number: int
    name: str
    description: str
    span: Span


@dataclass
class Chapter:
    number: int
    title: str
    theme: int
    span: Span
    overview: TextItem | None = None
    objectives: list[TextItem] = field(default_factory=list)
    success: list[TextItem] = field(default_factory=list)
    # The overview's paragraphs as printed, one span each (a page break splits a paragraph in two).
    overview_paragraphs: list[TextItem] = field(default_factory=list)


@dataclass
class CaseStudy:
    id: str
    chapter: int
    title: str
    text: str
    span: Span
    urls: list[str] = field(default_factory=list)


@dataclass
class SubItem:
    letter: str | None  # None where the text indents the sub-item without a letter
    text: str
    span: Span


@dataclass
class Action:
    id: str
    chapter: int
    number: int
    timing: str  # "immediate" or "longer-term"
    subheading: str | None
    text: str
    span: Span
    line: int
    subitems: list[SubItem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


@dataclass
class StatusEvidence:
    """Words that a status rule found in one column of a progress entry."""

    rule: str  # the rule's id, e.g. "completion-stated"
    status: str  # the status that rule gives
    column: str  # progress | next-actions
    span: Span
    qualifier: str | None = None  # for evidence set aside: the words that set it aside ("not", "once", "first")


@dataclass
class StatusDecision:
    status: str  # a status id from data/status_rules.json; "not-stated" when no rule fired
    rule: str  # the id of the rule that fired; "nothing-decisive" when none did
    span: Span | None  # the words that decided it; None when nothing decided
    column: str | None = None  # the column those words are in: progress | next-actions
    outranked: list[StatusEvidence] = field(default_factory=list)  # other rules that fired, lower in precedence
    set_aside: list[StatusEvidence] = field(default_factory=list)  # matches cancelled by a negation, condition or part


@dataclass
class ProgressEntry:
    action_id: str
    report: str
    date: str
    line: int
    theme_label: str
    chapter_label: str
    timing_label: str
    restated: TextItem
    progress: TextItem
    next_actions: TextItem | None
    row_span: Span
    status: StatusDecision | None = None
    differs: bool = False
    changes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.report}/{self.action_id}"


@dataclass
class Mention:
    entity: str  # registry id
    entity_type: str  # organisation | programme | person
    surface: str
    span: Span
    context: str  # where the name stands: one of resolve.units.CONTEXTS (action, case-study, chapter-overview, ...)
    subject: str  # action id, case study id, or the strategy part's id (see resolve/units.py)
    learnt: bool = False  # matched through an acronym learnt from the text
    generic: bool = False  # a generic name ("the Board") that the same action or case study names in full


@dataclass
class MoneyMultiplier:
    """A factor the stated sum is multiplied by: per annum × years, or each × how many."""

    basis: str  # per-annum | each
    count: int | None  # the number of years or of recipients, when the text gives it; None when it does not
    words: str  # the words that say so ("per annum for the 3 years to 2010/11", "Each of the RCCPs")
    span: Span


@dataclass
class MoneyAmount:
    id: str
    raw: str
    value: float  # the sum as stated, before any multiplier
    span: Span
    sentence: Span
    context: str
    subject: str
    kind: str  # grant | funding | programme-value | spend | turnover | declined | won
    period: str | None = None  # the words giving the period, before or after the sum
    per_annum: bool = False
    years: int | None = None
    each: bool = False
    funder: str | None = None
    funder_basis: str | None = None  # stated | implied | programme owner | not stated | not applicable
    recipients: list[str] = field(default_factory=list)
    programme: str | None = None
    programme_basis: str | None = None  # stated | sentence before | action | not stated | not applicable
    repeat_of: str | None = None  # an earlier item stating the same sum (a restatement, a repeated case study)
    period_span: Span | None = None  # where the period words stand
    approximate: bool = False  # stated as approximate: approximately, around, about, some, roughly, nearly ...
    qualifier: str | None = None  # the words qualifying the sum, as written ("approximately", "up to", "over")
    bound: str | None = None  # lower | upper, when the qualifier makes the sum a bound ("over", "up to")
    multipliers: list[MoneyMultiplier] = field(default_factory=list)
    total: float | None = None  # the whole sum: the value, or value × counts; None when a count is not stated
    total_basis: str = "as stated"  # as stated | computed | not stated
    recipients_basis: str = "not stated"  # stated | consortium named by its programme | not stated | not applicable
    turnover_of: str | None = None  # for a turnover: the registry id of the body it describes, if known
    turnover_of_name: str | None = None  # that body's name as written (also when the registry does not know it)
    turnover_of_basis: str | None = None  # stated | pronoun | not stated (None when the sum is not a turnover)
    turnover_of_span: Span | None = None  # the words naming that body (for a pronoun, its antecedent)


@dataclass
class CrossReference:
    source_action: str
    target_action: str
    span: Span
    context: str


@dataclass
class AcronymDefinition:
    acronym: str
    long_name: str
    entity: str | None
    span: Span


@dataclass
class Candidate:
    name: str
    spans: list[Span] = field(default_factory=list)
    reason: str = "not in the registry"  # or why a generic name stays unresolved


# -- the strategy's other parts: forewords, development, the Deal, vision, monitoring, annexes --


@dataclass
class Signatory:
    """One printed signature block: the name line, then the posts held, line by line."""

    name: TextItem  # the person's name, without honorific or post-nominals
    honorific: str | None  # "Rt Hon"
    post_nominals: list[str]  # ["MP"]
    roles: list[TextItem]  # each post or body as printed; a role may run over several lines
    span: Span  # the block: name line to last role line
    signature: Span | None = None  # the line that describes the signature image: a note, never content
    person: str | None = None  # registry id, set by resolution; None where the registry does not know the name
    posts: list[Post] = field(default_factory=list)  # set by resolution: roles with their organisations


@dataclass
class Post:
    """A post a signatory holds, with the organisation it is in where the text or registry says."""

    title: TextItem
    organisation: str | None = None  # registry id
    organisation_basis: str | None = None  # stated (named in the block or the title) | registry | None: not stated


@dataclass
class Foreword:
    id: str  # foreword-1, foreword-2 in document order
    title: str
    span: Span  # the heading
    paragraphs: list[TextItem] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)


@dataclass
class Figure:
    """A counted quantity stated in the text: "More than 30 third sector stakeholders"."""

    value: int
    number: str  # as written: "30", "seven"
    qualifier: str | None  # as written, lower case: "more than", "over", "around", "at least"; None if bare
    relation: str  # exactly | more-than | at-least | about | almost | fewer-than | at-most
    counts: str  # what is counted: "third sector stakeholders"
    span: Span  # qualifier, number and what is counted
    counts_span: Span
    sentence: Span


@dataclass
class RoleStatement:
    """Who holds a role in the strategy's governance: "X is the lead Minister for this Strategy"."""

    role: TextItem
    holder: TextItem
    kind: str  # holds (X is the role) | has-role-in (X will have a role in doing something)
    span: Span  # the clause that says it
    holders: list[tuple[str, str]] = field(default_factory=list)  # set by resolution: (type, id) named where the holder is written


@dataclass
class Section:
    """A prose section of the strategy (how it was developed, how it is monitored)."""

    id: str  # development | monitoring
    title: str
    span: Span  # the heading
    paragraphs: list[TextItem] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    roles: list[RoleStatement] = field(default_factory=list)


@dataclass
class DealItem:
    """One term of the Deal: an ask of the sector, or an offer from the publisher to the sector."""

    id: str  # ask-1 ... / offer-1 ...
    side: str  # ask (what the publisher asks of the sector) | offer (what the publisher offers it)
    number: int
    text: str  # the item's own words; sub-items are kept apart
    span: Span  # the item and its sub-items
    subitems: list[SubItem] = field(default_factory=list)


@dataclass
class Deal:
    title: str
    span: Span  # the heading
    introduction: list[TextItem] = field(default_factory=list)
    ask_heading: TextItem | None = None  # "Our ask of the sector"
    ask_lead_in: TextItem | None = None  # "Help achieve shared outcomes ... through:"
    asks: list[DealItem] = field(default_factory=list)
    offer_heading: TextItem | None = None
    offer_lead_in: TextItem | None = None
    offers: list[DealItem] = field(default_factory=list)

    @property
    def items(self) -> list[DealItem]:
        return self.asks + self.offers


@dataclass
class Annex:
    number: int
    title: str  # "The Eight Principles of Good Commissioning"
    span: Span  # the heading
    items: list[TextItem] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"annex-{self.number}"


@dataclass
class AnnexReference:
    """Where a chapter points to an annex: "(see Annex 1)", or by naming the annex's title."""

    annex: int
    chapter: int
    context: str  # the text unit's context: chapter-overview, chapter-objective, success-criterion, action
    subject: str  # the text unit's subject
    kind: str  # explicit ("see Annex 1") | title (the annex's title named in the text)
    span: Span


@dataclass
class SharedTerm:
    """Evidence for a Deal link: a name or distinctive phrase the Deal item and the action share."""

    kind: str  # entity (a registry entity named in both) | name (a capitalised word pair) | phrase (a word pair)
    term: str  # the registry id, or the phrase's normalised words ("advisory board")
    weight: float  # how distinctive: log(actions / actions that name it)
    deal_span: Span
    action_span: Span


@dataclass
class DealLink:
    """An action that names the same thing as a Deal item, so may deliver it; the evidence says why."""

    deal_item: str  # DealItem id
    action: str  # action id
    score: float  # sum of the shared terms' weights
    evidence: list[SharedTerm] = field(default_factory=list)


@dataclass
class Strategy:
    document: Document
    themes: list[Theme] = field(default_factory=list)
    vision: list[TextItem] = field(default_factory=list)
    overall_objectives: list[TextItem] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    case_studies: list[CaseStudy] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    forewords: list[Foreword] = field(default_factory=list)
    development: Section | None = None
    deal: Deal | None = None
    vision_paragraphs: list[TextItem] = field(default_factory=list)  # the vision's prose beside its bullets
    monitoring: Section | None = None
    annexes: list[Annex] = field(default_factory=list)

    def chapter(self, number: int) -> Chapter:
        return next(c for c in self.chapters if c.number == number)
