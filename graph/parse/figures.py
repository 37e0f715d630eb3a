"""Counted quantities in prose: "More than 30 third sector stakeholders", "around 34 representatives".

A figure is an optional qualifier, a number (digits or a number word), an optional "of", and
the words it counts, up to the first function word or punctuation. Years, dates, sums of
money and percentages are not counts and are left alone.
"""

from __future__ import annotations

import bisect
import re

from ..model import Figure, Span, TextItem
from .sentences import SentenceIndex, tail_start

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
RELATIONS = {
    "more than": "more-than", "over": "more-than", "in excess of": "more-than",
    "at least": "at-least", "no fewer than": "at-least", "no less than": "at-least",
    "around": "about", "about": "about", "approximately": "about", "roughly": "about", "some": "about",
    "circa": "about", "nearly": "almost", "almost": "almost",
    "fewer than": "fewer-than", "less than": "fewer-than", "under": "fewer-than",
    "up to": "at-most", "at most": "at-most", "no more than": "at-most",
}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_QUALIFIER = "|".join(sorted((re.escape(q) for q in RELATIONS), key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(NUMBER_WORDS)
FIGURE = re.compile(
    rf"(?<![\w£$€%.,-])(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<number>{_NUMBER})(?![\w%]|[.,]\d)(?P<of>\s+of)?",
    re.IGNORECASE,
)
# What a figure counts stands after it, up to the first of these (found once per paragraph).
REST_END = re.compile(r"[.;:!?()–—]")
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\s+$")
MONTH_AFTER = re.compile(rf"\s+(?:{MONTHS})\b")
WORD = re.compile(r"[\w'’-]+")
# Words that end what a figure counts: prepositions, conjunctions, relative pronouns, auxiliaries.
STOP_WORDS = {
    "from", "to", "by", "in", "on", "at", "for", "with", "within", "across", "into", "during", "per", "between",
    "which", "who", "whose", "that", "and", "or", "but", "as", "than", "were", "was", "is", "are", "have", "has",
    "had", "will", "would", "can", "could", "attended", "took", "came", "each", "every", "this", "these", "those",
    "we", "they", "it", "us", "them", "there", "here", "after", "before", "since", "until", "through", "about", "over",
}
LEADING_WORDS = {"the", "our", "its", "their", "his", "her", "your"}  # allowed after "of": "18 of the bodies"
MAX_COUNTED_WORDS = 5
MAX_COUNT_DIGITS = 15
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z\"“‘'(])")


def number_value(text: str) -> int | None:
    word = text.lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    digits = text.replace(",", "")
    # A run of more digits than any count of people or bodies is a code or a reference, not a count
    # (and Python refuses to convert numbers of thousands of digits).
    return int(digits) if digits.isdigit() and len(digits) <= MAX_COUNT_DIGITS else None


def is_date_or_year(text: str, match: re.Match[str]) -> bool:
    number = match["number"]
    if re.fullmatch(r"(?:19|20)\d\d", number):
        return True
    at = match.start("number")  # a month is the word right before, or right after
    return bool(MONTH_BEFORE.search(text, tail_start(text, 0, at, 2), at) or MONTH_AFTER.match(text, match.end("number")))


def is_plural(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("s") and not lower.endswith(("'s", "’s", "ss", "us", "is")) and len(lower) > 3


def counted_words(text: str, rest: tuple[int, int], after_of: bool, value: int) -> list[re.Match[str]]:
    """The words a number counts, in ``text[rest[0]:rest[1]]``: up to a function word, or, for more
    than one, up to the first plural noun ("twelve regional officers | helped us")."""
    words = []
    for word in WORD.finditer(text, *rest):
        lower = word.group(0).lower()
        if lower in STOP_WORDS or len(words) == MAX_COUNTED_WORDS:
            break
        if not words and lower in LEADING_WORDS and not after_of:
            break
        words.append(word)
        if value > 1 and is_plural(lower):
            break
    return words


def sentence_of(text: str, position: int, index: SentenceIndex | None = None) -> tuple[int, int]:
    index = index or SentenceIndex(text, SENTENCE_END)
    end = index.end_after(position)
    return index.start_at(position), (len(text.rstrip()) if end is None else end)


def find_figures(item: TextItem, raw: str) -> list[Figure]:
    """Figures in one paragraph; ``raw`` is the document's text of ``item.span``."""
    figures = []
    doc, base = item.span.doc, item.span.start
    sentences = SentenceIndex(raw, SENTENCE_END)  # found once per paragraph
    rest_ends = [m.start() for m in REST_END.finditer(raw)]
    for match in FIGURE.finditer(raw):
        value = number_value(match["number"])
        stop = bisect.bisect_left(rest_ends, match.end())
        rest = (match.end(), rest_ends[stop] if stop < len(rest_ends) else len(raw))
        words = counted_words(raw, rest, bool(match["of"]), value or 0)
        if value is None or not words or is_date_or_year(raw, match):
            continue
        if value == 1 and match["of"]:
            continue  # "one of the most urgent challenges" is an idiom, not a count
        counts_start, counts_end = words[0].start(), words[-1].end()
        qualifier = match["qualifier"].lower() if match["qualifier"] else None
        sentence = sentence_of(raw, match.start(), sentences)
        figures.append(
            Figure(
                value=value,
                number=match["number"],
                qualifier=" ".join(qualifier.split()) if qualifier else None,
                relation=RELATIONS[" ".join(qualifier.split())] if qualifier else "exactly",
                counts=" ".join(raw[counts_start:counts_end].split()),
                span=Span(doc, base + match.start(), base + counts_end),
                counts_span=Span(doc, base + counts_start, base + counts_end),
                sentence=Span(doc, base + sentence[0], base + sentence[1]),
            )
        )
    return figures
