"""The lookup index's shape: typed records, a format number, and the check every load runs.

`tsgraph build` writes ``index.json`` from the same projections as the RDF graph; the CLI, the
analysis, the maps and the exports read it. A reader that finds another format or a record
that lacks a field says so in one line and asks for a rebuild, instead of failing deep inside.
Standard library only: a lookup imports this module.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, TypedDict, Union, get_args, get_origin, get_type_hints

from .errors import NotBuiltError

INDEX_FORMAT = 3
# The build writes the index's SHA-256 beside it: an index changed after the build (by hand, a
# partial copy, a damaged disk) is refused as a whole rather than read until some field breaks.
CHECKSUM_NAME = "index.sha256"


class SourceRecord(TypedDict):
    document: str
    start: int
    end: int
    quote: str


class LinkRecord(SourceRecord):
    context: str
    sentence: SourceRecord


class ProgressRecord(TypedDict):
    report: str
    date: str
    line: int
    status: str
    status_rule: str
    status_source: Optional[SourceRecord]
    status_column: Optional[str]  # progress | next-actions; None when nothing decided
    status_outranked: list  # evidence other rules found, lower in precedence
    status_set_aside: list  # evidence a negation, condition or part cancelled
    restated: str
    restated_source: SourceRecord
    differs: bool
    changes: list
    progress: str
    progress_source: SourceRecord
    next_actions: Optional[str]
    next_actions_source: Optional[SourceRecord]


class ActionRecord(TypedDict):
    id: str
    chapter: int
    chapter_title: str
    timing: str
    subheading: Optional[str]
    text: str
    status: Optional[str]
    status_date: Optional[str]
    organisations: list  # every organisation named (ids), in the order the documents first name them
    partners: list  # organisations outside Defra's family (ids), in that order
    lead_units: list  # Defra's own units named (ids), in that order
    programmes: list
    people: list
    money: list  # money ids
    refers_to: list
    referred_by: list
    source: SourceRecord
    subitems: list
    links: dict  # organisation id -> [LinkRecord]
    progress: list  # [ProgressRecord], oldest first


class EntityRecord(TypedDict):
    id: str
    type: str
    name: str
    kind: str
    acronyms: list
    aliases: list
    former_names: list
    parent: Optional[str]
    members: list
    owner: Optional[str]
    organisation: Optional[str]
    role: Optional[str]
    note: Optional[str]
    defra_family: bool
    programme: Optional[str]  # for an organisation: the programme it is part of or delivers
    generic_aliases: list
    identifiers: dict  # org-id.guide scheme -> value, where the registry records one (never guessed)
    source: Optional[SourceRecord]  # the quote that shows a name added to the registry


class MoneyRecord(TypedDict):
    id: str
    raw: str
    value: float
    currency: str
    kind: str
    period: Optional[str]
    period_source: Optional[SourceRecord]
    per_annum: bool
    years: Optional[int]
    each: bool
    approximate: bool
    qualifier: Optional[str]
    bound: Optional[str]  # lower | upper
    multipliers: list
    total: Optional[float]  # the whole sum; None when a count is not stated
    total_basis: str  # as stated | computed | not stated
    funder: Optional[str]
    funder_basis: str
    recipients: list
    recipients_basis: str
    programme: Optional[str]
    programme_basis: str
    turnover_of: Optional[str]
    turnover_of_name: Optional[str]
    turnover_of_basis: Optional[str]
    turnover_of_source: Optional[SourceRecord]
    repeat_of: Optional[str]
    counts_in_totals: bool
    not_counted_because: Optional[str]  # why a sum is listed but not added; None when it is added
    counted_gbp: Optional[float]  # what the sum adds to totals: its whole, or None
    context: str
    subject: str
    source: SourceRecord
    sentence: SourceRecord


class ChapterRecord(TypedDict):
    number: int
    title: str
    theme: int
    actions: list
    source: SourceRecord


class Index(TypedDict):
    format: int
    publisher: Optional[str]
    publisher_family: list
    counts: dict
    sources: list
    statuses: list
    themes: list
    chapters: list  # [ChapterRecord]
    actions: list  # [ActionRecord]
    entities: dict  # id -> EntityRecord
    names: dict  # name key -> entity id
    money: list  # [MoneyRecord]
    case_studies: list
    candidates: list
    vision_paragraphs: list
    forewords: list  # with their signatories and the posts they hold
    development: Optional[dict]  # how the strategy was developed, with its figures
    monitoring: Optional[dict]  # who monitors it, with the role statements
    deal: Optional[dict]  # the asks and offers, each with the actions that may deliver it
    deal_links: list  # each link with its evidence
    annexes: list  # with the chapters that refer to them
    named_in: dict  # entity id -> where it is named outside the actions (never an involvement)


RECORD_LISTS = {"chapters": ChapterRecord, "actions": ActionRecord, "money": MoneyRecord}


@lru_cache(maxsize=None)
def _fields(shape: type) -> frozenset[str]:
    return frozenset(get_type_hints(shape))  # evaluated once per shape: it costs more than the check


@lru_cache(maxsize=None)
def _kinds(shape: type) -> dict[str, tuple[type, ...]]:
    """Each field's allowed Python types: ``Optional[float]`` is (float, int, NoneType); a nested
    record (a TypedDict) is a dict."""
    kinds = {}
    for name, hint in get_type_hints(shape).items():
        options = get_args(hint) if get_origin(hint) is Union else (hint,)
        allowed: list[type] = []
        for option in options:
            plain = get_origin(option) or option
            plain = dict if isinstance(plain, type) and issubclass(plain, dict) else plain
            allowed += [plain, int] if plain is float else [plain]
        kinds[name] = tuple(allowed)
    return kinds


def _a(kind: type) -> str:
    return ("an " if kind.__name__[0] in "aeiou" else "a ") + kind.__name__


def _problems(record: Any, shape: type) -> list[str]:
    """What is wrong with ``record`` as a ``shape``: the fields it lacks, else those of the wrong type."""
    if not isinstance(record, dict):
        return [f"is {_a(type(record))}, not an object"]
    fields = _fields(shape)
    if not fields <= record.keys():
        return [f"lacks {name!r}" for name in sorted(fields - record.keys())]
    kinds = _kinds(shape)
    return [f"has {name!r} as {_a(type(record[name]))}, not {_a(kinds[name][0])}" for name in sorted(fields)
            if not isinstance(record[name], kinds[name]) or (type(record[name]) is bool and bool not in kinds[name])]


def check_index_format(data: Any, path: str) -> None:
    """Raise NotBuiltError if ``data`` is not an index of this format (an older build's, or none)."""
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise NotBuiltError(f"{path} has index format {found!r}, this tsgraph reads format {INDEX_FORMAT}; "
                            "run `tsgraph build` again")


def check_index(data: Any, path: str) -> None:
    """Raise NotBuiltError naming the first problem if ``data`` is not an index of this format:
    another format, a field missing or of the wrong type, a name that points at no entity."""
    check_index_format(data, path)
    problems = [f"it {problem}" for problem in _problems(data, Index)]
    if problems:  # the records below are only read from an index whose top level is whole
        _report(path, problems)
    for key, shape in RECORD_LISTS.items():
        for position, record in enumerate(data[key]):
            problems += [f"{key}[{position}] {problem}" for problem in _problems(record, shape)]
    for entity_id, record in data["entities"].items():
        problems += [f"entities[{entity_id!r}] {problem}" for problem in _problems(record, EntityRecord)]
    problems += [f"names[{key!r}] is not the id of an entity" for key, value in data["names"].items()
                 if not isinstance(value, str) or value not in data["entities"]]
    if problems:
        _report(path, problems)


def _report(path: str, problems: list[str]) -> None:
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise NotBuiltError(f"{path} is not a complete index: {problems[0]}{more}; run `tsgraph build` again")


def index_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def check_checksum(raw: bytes, index_path: Path) -> None:
    """Raise NotBuiltError unless ``raw`` is the index the build wrote (its checksum file agrees)."""
    sidecar = index_path.with_name(CHECKSUM_NAME)
    try:
        expected = sidecar.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        raise NotBuiltError(f"{index_path} has no readable checksum ({sidecar.name}); run `tsgraph build` again") from None
    if index_digest(raw) != expected:
        raise NotBuiltError(f"{index_path} was changed after the build (it does not match {sidecar.name}); "
                            "run `tsgraph build` again")
