"""Dates and durations read from the words a document uses for a period of funding.

Each reading keeps the words it came from, so an export can say where its dates came from. The
precision is the text's: "until March 2010" gives an end month, not an invented day.

- a UK financial year, written as two consecutive years ("2010/11", "2009-2010", "2008-09"):
  1 April to 31 March; "financial year" need not be said, as in Government documents the
  consecutive-year form is the financial year;
- "the N years to 2010/11": the N financial years ending with that one;
- "over three years", "for 18 months": a duration in months, with no start or end;
- "until March 2010", "by May 2011": an end month; "from April 2009": a start month;
- "2008 to 2010", "in 2009": calendar years.

A full date in the text (``1/12/08``, ``14 April 2009``) is read by ``stated_date``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTH_ALIASES = {**MONTHS, **{name[:3]: number for name, number in MONTHS.items()}, "sept": 9}
MONTH = r"(?P<month>" + "|".join(sorted(MONTH_ALIASES, key=len, reverse=True)) + r")\.?"
COUNT = r"(?P<count>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
FINANCIAL_YEAR = r"(?P<first>(?:19|20)\d\d)\s*[/\-–]\s*(?P<second>(?:19|20)?\d\d)(?!\d)"

PATTERNS = [
    ("years-to", re.compile(rf"\b{COUNT}\s+years?\s+(?:to|ending(?:\s+in)?)\s+{FINANCIAL_YEAR}", re.I)),
    ("financial-year", re.compile(rf"(?<![\d/])\b{FINANCIAL_YEAR}", re.I)),
    ("until-month", re.compile(rf"\b(?:until|till|to|by|ending(?:\s+in)?)\s+(?:the\s+end\s+of\s+)?{MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("from-month", re.compile(rf"\b(?:from|starting(?:\s+in)?|beginning(?:\s+in)?)\s+{MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("year-range", re.compile(r"\b(?:from\s+)?(?P<first>(?:19|20)\d\d)\s+(?:to|until|and)\s+(?P<second>(?:19|20)\d\d)\b", re.I)),
    ("duration", re.compile(rf"\b(?:over|for|across|lasting)\s+(?:the\s+next\s+|a\s+period\s+of\s+)?{COUNT}\s+(?P<unit>years?|months?)\b", re.I)),
    ("in-year", re.compile(r"\b(?:in|during|for)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[/\-–]\s*\d)", re.I)),
]


@dataclass(frozen=True)
class Period:
    """A planned period as far as the words give it; unknown parts stay None."""

    words: str
    start: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY: as precise as the text
    end: str | None = None
    months: int | None = None
    meaning: str = ""  # how the words were read, for a reader to check

    def describe(self) -> str:
        return f"'{self.words}' in the text: {self.meaning}"


def count_value(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def financial_year(first: str, second: str) -> tuple[int, int] | None:
    """(start year, end year) when the two years are consecutive, e.g. ("2010", "11") -> (2010, 2011)."""
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    return (start, end) if end == start + 1 else None


def read_match(kind: str, match: re.Match) -> Period | None:
    words = match.group(0)
    if kind == "years-to":
        years = financial_year(match["first"], match["second"])
        count = count_value(match["count"])
        if not years:
            return None
        return Period(words, f"{years[0] - count + 1}-04-01", f"{years[1]}-03-31", 12 * count,
                      f"the {count} UK financial years (1 April to 31 March) ending 31 March {years[1]}")
    if kind == "financial-year":
        years = financial_year(match["first"], match["second"])
        return Period(words, f"{years[0]}-04-01", f"{years[1]}-03-31", 12,
                      f"the UK financial year {years[0]}/{str(years[1])[2:]}, 1 April to 31 March") if years else None
    if kind == "until-month":
        return Period(words, end=f"{match['year']}-{MONTH_ALIASES[match['month'].lower()]:02d}",
                      meaning="an end month; the text gives no start")
    if kind == "from-month":
        return Period(words, start=f"{match['year']}-{MONTH_ALIASES[match['month'].lower()]:02d}",
                      meaning="a start month; the text gives no end")
    if kind == "year-range":
        first, second = int(match["first"]), int(match["second"])
        return Period(words, str(first), str(second), meaning="calendar years") if second > first else None
    if kind == "duration":
        count = count_value(match["count"])
        months = count * (12 if match["unit"].lower().startswith("year") else 1)
        return Period(words, months=months, meaning=f"a duration of {months} months; the text gives no start or end")
    return Period(words, match["year"], match["year"], meaning="a calendar year")  # in-year


def read_period(text: str | None) -> Period | None:
    """The first period the text states, by the patterns above in order; None when it states none."""
    if not text:
        return None
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            period = read_match(kind, match)
            if period:
                return period
    return None


FULL_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})/(?P<num_month>\d{{1,2}})/(?P<num_year>\d{{2}}|\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(?P<year>(?:19|20)\d\d))\b", re.I)


def stated_date(text: str) -> tuple[str, str] | None:
    """The first full date the text gives, as (YYYY-MM-DD, the words), reading d/m/y the UK way."""
    match = FULL_DATE.search(text or "")
    if not match:
        return None
    if match["day"]:
        year = int(match["num_year"]) + (2000 if len(match["num_year"]) == 2 else 0)
        day, month = int(match["day"]), int(match["num_month"])
    else:
        year, day, month = int(match["year"]), int(match["day2"]), MONTH_ALIASES[match["month"].lower()]
    try:
        return date(year, month, day).isoformat(), match.group(0)
    except ValueError:  # 31/02/09 is no date
        return None
