"""Plain data classes for what the parsers and resolvers extract. No RDF here.

Every extracted thing carries a ``Span``: the source document's id and the character
offsets (Python string indices into the file decoded as UTF-8) of the words it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    letter: str
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
class StatusDecision:
    status: str
    rule: str
    span: Span | None  # the words that decided it; None when the default applied


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
    context: str  # action | restatement | progress | next-actions | case-study
    subject: str  # action id or case study id
    learnt: bool = False  # matched through an acronym learnt from the text


@dataclass
class MoneyAmount:
    id: str
    raw: str
    value: float
    span: Span
    sentence: Span
    context: str
    subject: str
    kind: str  # grant | funding | programme-value | spend | turnover | declined | won
    period: str | None = None
    per_annum: bool = False
    years: int | None = None
    each: bool = False
    funder: str | None = None
    funder_basis: str | None = None  # stated | implied
    recipients: list[str] = field(default_factory=list)
    programme: str | None = None
    programme_basis: str | None = None  # stated | action
    repeat_of: str | None = None  # an earlier item stating the same sum (a restatement, a repeated case study)


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
