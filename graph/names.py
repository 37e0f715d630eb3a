"""One normalisation for names, shared by the registry, the matcher and the lookups.

Standard library only: the CLI's fast lookups import ``name_key`` and must stay light.

Two names are the same name when their words agree after normalisation: case and accents
folded, "&" read as "and", possessives ("Prince's") and a leading "The" dropped, plurals made
singular ("Councils" is "Council"), and hyphens and spaces ignored ("Re-use" is "Reuse",
"Capacity builders" is "Capacitybuilders"). ``name_key`` keeps word boundaries (for display
and word containment); ``compact_key`` drops them and is the identity the registry and the
matcher compare.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word: letters and digits; "&" stands alone; a possessive "'s" is its own token.
TOKEN = re.compile(r"[^\W_]+|&")
APOSTROPHES = "'’"
LEADING_ARTICLE = "the"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    norm: str  # the normalised word; "" for a possessive marker

    @property
    def possessive(self) -> bool:
        return self.norm == "" and self.text.lower() == "s"


def fold(text: str) -> str:
    """Case and accents folded: 'Réseau' -> 'reseau'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def singular(word: str) -> str:
    """A plural word made singular by the regular English endings (already folded)."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)  # the same few thousand words recur across every unit and name
def normal_word(word: str) -> str:
    if word == "&":
        return "and"
    return singular(fold(word))


def tokens(text: str) -> list[Token]:
    """The words of a text with their offsets; a possessive 's after an apostrophe is marked."""
    result = []
    for match in TOKEN.finditer(text):
        word = match.group(0)
        start = match.start()
        possessive = word.lower() == "s" and start > 0 and text[start - 1] in APOSTROPHES and result \
            and result[-1].end == start - 1
        result.append(Token(start, match.end(), word, "" if possessive else normal_word(word)))
    return result


def name_words(name: str) -> list[str]:
    """The normalised words of a name: no possessives, no leading 'the'."""
    return list(_name_words(name))


@lru_cache(maxsize=65536)  # registry names and single words are keyed again and again
def _name_words(name: str) -> tuple[str, ...]:
    words = [t.norm for t in tokens(name) if t.norm]
    if len(words) > 1 and words[0] == LEADING_ARTICLE:
        words = words[1:]
    return tuple(words)


def name_key(name: str) -> str:
    """The form names are compared in, words kept apart: 'The Tree-Planting Councils' -> 'tree planting council'."""
    return " ".join(name_words(name))


def compact_key(name: str) -> str:
    """The identity of a name: its normalised words run together ('Re-use' and 'Reuse' agree)."""
    return "".join(_name_words(name))


def same_name(a: str, b: str) -> bool:
    return compact_key(a) == compact_key(b)


def is_acronym(word: str) -> bool:
    """Two or more capitals, with at most a plural 's': WRAP, RCCs, CRN."""
    core = word[:-1] if word.endswith("s") else word
    return len(core) >= 2 and core.isupper() and any(c.isalpha() for c in core)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def case_fits(surface_words: list[str], registered_words: list[str]) -> bool:
    """Whether words found in the text are written as a short registered name requires.

    An acronym must stay in capitals ("RISE", not "rise"); a capitalised word must stay
    capitalised ("Advisory Board", not "advisory board"); a lower-case word may take any case.
    Names split differently ("Capacity builders" for "Capacitybuilders") compare first words.
    """
    if len(surface_words) != len(registered_words):
        surface_words, registered_words = surface_words[:1], registered_words[:1]
    for seen, wanted in zip(surface_words, registered_words):
        if is_acronym(wanted) and not is_acronym(seen):
            return False
        if wanted[:1].isupper() and not seen[:1].isupper():
            return False
    return True


def slug(name: str) -> str:
    """An id made from a name: 'The Tree Council' -> 'tree-council'."""
    words = [fold(t.text) for t in tokens(name) if t.norm]
    if len(words) > 1 and words[0] == LEADING_ARTICLE:
        words = words[1:]
    return "-".join(w if w != "&" else "and" for w in words)
