"""What the words around a sum of money say about it: kind, period, qualifier, multipliers.

Plain functions over strings (no corpus), one rule each, so each can be tried on made-up sentences.
Offsets returned are relative to the string given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse.sentences import SentenceIndex

MONEY = re.compile(r"£\s?(?P<number>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<unit>(?:[kKmM]|million|bn|billion)\b))?")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z•‘'\"“(])|\t|\n")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
COUNT_WORDS = {**NUMBER_WORDS, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100}
COUNT = r"(?:\d+|" + "|".join(COUNT_WORDS) + r")"
UNITS = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
PER_ANNUM = r"(?:per\s+annum|p\.\s?a\b\.?|a\s+year\b|per\s+year|each\s+year|every\s+year|annually)"
YEAR_SPAN = r"\d{4}\s*[-–/]\s*\d{2,4}"
LOOK_AFTER = 90  # how far after a sum its period may stand

# Ordered: the first pattern that matches names the period. <years> is a count of years, if given.
PERIOD_PATTERNS = [
    rf"{PER_ANNUM}\s+(?:for|over)\s+(?:the\s+)?(?:next\s+)?(?P<years>{COUNT})\s+years(?:\s+(?:to|until|from|ending)\s+(?:\w+\s+)?\d{{4}}(?:/\d{{2,4}})?)?",
    rf"(?:over|for)\s+(?:the\s+)?(?:next\s+|first\s+)?(?P<years>{COUNT})\s+years(?:\s+(?:to|until|from|ending)\s+(?:\w+\s+)?\d{{4}}(?:/\d{{2,4}})?)?",
    rf"(?:for|in|during)\s+(?:the\s+)?{YEAR_SPAN}\s+financial\s+year",
    rf"(?:for|in|during)\s+(?:the\s+)?(?:financial\s+year\s+)?{YEAR_SPAN}",
    r"(?:from|between)\s+(?:\w+\s+)?\d{4}\s+(?:to|and|until)\s+(?:\w+\s+)?\d{4}",
    r"(?:until|till|up\s+to)\s+(?:the\s+end\s+of\s+)?(?:[A-Z]\w*\.?\s+)?\d{4}",
    PER_ANNUM,
    rf"\(\s*{YEAR_SPAN}\s*\)",
    r"\bto\s+date\b",
]
PERIOD = [re.compile(p, re.IGNORECASE) for p in PERIOD_PATTERNS]

# Words standing just before a sum: (words, approximate, bound). Longer phrases first.
QUALIFIERS = [
    ("just under", True, "upper"), ("just over", True, "lower"), ("in the region of", True, None),
    ("in excess of", False, "lower"), ("no more than", False, "upper"), ("not more than", False, "upper"),
    ("a maximum of", False, "upper"), ("a minimum of", False, "lower"), ("up to", False, "upper"),
    ("at most", False, "upper"), ("less than", False, "upper"), ("more than", False, "lower"),
    ("at least", False, "lower"), ("an estimated", True, None), ("estimated at", True, None),
    ("approximately", True, None), ("approx.", True, None), ("approx", True, None), ("around", True, None),
    ("about", True, None), ("roughly", True, None), ("some", True, None), ("circa", True, None), ("c.", True, None),
    ("nearly", True, "upper"), ("almost", True, "upper"), ("under", False, "upper"), ("below", False, "upper"),
    ("over", False, "lower"), ("above", False, "lower"),
]
# "an annual grant of": the sum is yearly. Searched on the words before a sum.
ANNUAL = re.compile(r"\b(annual)\b(?:\s+\w+){0,3}\s+(?:of\s+)?$", re.IGNORECASE)
QUALIFIER = re.compile(
    r"(?<![\w.])(?P<words>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _, _ in QUALIFIERS) + r")\s*\(?\s*$",
    re.IGNORECASE,
)

KIND_RULES = [
    (r"\bturnover\b", "turnover"),
    (r"\bnot\s+to\b", "declined"),
    (r"\bwon\b", "won"),
    (r"\bspen[dt]|\bcommitted\b|\bmade\s+available\b", "spend"),
    (r"\bworth\b", "programme-value"),
    (r"\bgrants?\b", "grant"),
]


@dataclass
class Found:
    words: str
    start: int
    end: int


def money_value(match: re.Match) -> float:
    unit = (match["unit"] or "").lower()
    return float(match["number"].replace(",", "")) * UNITS.get(unit, 1)


def sentence_index(text: str) -> SentenceIndex:
    """The sentences of a unit's text as money reads them, found once (see graph.parse.sentences)."""
    return SentenceIndex(text, SENTENCE_END, breaks="\t\n")


def sentence_bounds(text: str, position: int, index: SentenceIndex | None = None) -> tuple[int, int]:
    """The sentence around ``position``: from the last sentence end in the text before it, to the
    next one (or the end of the text). Pass ``index`` when asking about many positions of one text."""
    index = index or sentence_index(text)
    end = index.end_after(position)
    return index.start_before(position), len(text) if end is None else end


def count_of(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else COUNT_WORDS.get(word.lower())


def money_kind(sentence: str) -> str:
    for pattern, kind in KIND_RULES:
        if re.search(pattern, sentence, re.IGNORECASE):
            return kind
    return "funding"


def period_after(after: str) -> tuple[Found, int | None] | None:
    """The period words following a sum (the nearest pattern in the list that matches), with its years."""
    window = after[:LOOK_AFTER]
    for pattern in PERIOD:
        match = pattern.search(window)
        if match:
            return Found(match.group(0).strip("()"), match.start(), match.end()), count_of(match.groupdict().get("years"))
    return None


def period_before(before: str) -> tuple[Found, int | None] | None:
    """The period words standing before a sum in its sentence ("for 2010/11 confirmed at £4.75m"): the nearest."""
    best = None
    for pattern in PERIOD:
        for match in pattern.finditer(before):
            if best is None or match.end() > best[0].end:
                best = (Found(match.group(0).strip("()"), match.start(), match.end()), count_of(match.groupdict().get("years")))
    return best


def find_period(before: str, after: str) -> tuple[Found | None, bool, int | None, str]:
    """(period words, per annum, years, where: 'after' | 'before' | '') for a sum between ``before`` and ``after``."""
    return decide_period(period_after(after), lambda: period_before(before), lambda: ANNUAL.search(before))


def decide_period(after: tuple[Found, int | None] | None, before, annual) -> tuple[Found | None, bool, int | None, str]:
    """The period from what follows the sum, else from what precedes it (``before()``), else an
    "annual ... of" just before it (``annual()``, a match whose offsets are those of ``before``)."""
    found, where = after, "after"
    if found is None:
        found, where = before(), "before"
    if found is None:
        match = annual()
        if match:  # "an annual grant of £X": a yearly sum, for years the sentence does not give
            return Found(match.group(1), match.start(1), match.end(1)), True, None, "before"
        return None, False, None, ""
    period, years = found
    per_annum = bool(re.search(PER_ANNUM, period.words, re.IGNORECASE))
    return period, per_annum, years, where


def find_qualifier(before: str) -> tuple[Found | None, bool, str | None]:
    """The qualifying words just before a sum: (words, approximate, bound)."""
    return qualifier_of(QUALIFIER.search(before))


def qualifier_of(match: re.Match[str] | None) -> tuple[Found | None, bool, str | None]:
    if not match:
        return None, False, None
    words = " ".join(match["words"].split())
    for phrase, approximate, bound in QUALIFIERS:
        if phrase == words.lower():
            return Found(match["words"], match.start("words"), match.end("words")), approximate, bound
    return None, False, None  # unreachable: the pattern is built from QUALIFIERS


# The noun counted: one or two words, the second not a verb ("each of the 12 regional forums", "Each of the RCCPs").
NOUN = (
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"  # a capitalised name, whole
    r"|[\w'’-]+(?:\s+(?!(?:has|have|had|is|are|was|were|will|receives?|gets?|and|with|from|of)\b)[\w'’-]+)?)"
)
EACH_PATTERNS = [  # case matters here: a capital starts a name
    rf"\b(?:(?:[Ff]or|[Tt]o)\s+)?[Ee]ach\s+of\s+(?:the\s+|its\s+|our\s+|these\s+)?(?:(?P<count>{COUNT})\s+)?{NOUN}",
    rf"(?<=\s)each\s+(?:to|for)\s+(?:the\s+)?(?P<count>{COUNT})\s+{NOUN}",
    rf"\b(?P<count>{COUNT})\s+{NOUN}\s+(?:will\s+)?each\s+(?:receive|get|have|be\s+given|been\s+given)\b",
    rf"\b(?:[Ff]or|[Tt]o)\s+each\s+{NOUN}",
    r"(?<=\s)each\b(?!\s+(?:year|month|week|annum|quarter)\b)",
]
EACH = [re.compile(p) for p in EACH_PATTERNS]


def find_each(sentence: str) -> tuple[Found, int | None] | None:
    """'Each of the N groups', '£X each to N groups': the words and the count, if given."""
    for pattern in EACH:
        match = pattern.search(sentence)
        if match:
            return Found(match.group(0), match.start(), match.end()), count_of(match.groupdict().get("count"))
    return None
