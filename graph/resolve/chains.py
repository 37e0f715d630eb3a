"""Names that stand right before a marker: "Friends of the Earth (FOE)", "The Courtyard, a café".

A pattern such as ``[A-Z]\\w*(?:\\s+(?:of|the|[A-Z]\\w*))*\\s*\\(ABC\\)`` has no left anchor: the
regex engine tries it at every capital of a long run of capitalised words and reads the run to
its end each time, so a line of 20,000 such words took minutes. Here the marker is found first
and the name is read backwards from it, once: linear, with the same result as that pattern's
``finditer`` (the leftmost capital from which words, each a connector or capitalised and apart by
white space only, reach the marker).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def is_word_character(character: str, extra: str) -> bool:
    """``[\\w<extra>]`` as the regex engine reads it."""
    return character.isalnum() or character == "_" or character in extra


def chain_start(text: str, floor: int, end: int, extra: str, connectors: frozenset[str]) -> int | None:
    """The leftmost start of a name ending at ``end`` and starting at or after ``floor``, or None.

    A name is a word from a capital A–Z, then words each a connector or starting with a capital,
    apart by white space; words are runs of ``[\\w<extra>]``.
    """
    position, best = end, None
    while True:
        start = position
        while start > floor and is_word_character(text[start - 1], extra):
            start -= 1
        word = text[start:position]
        if not word:
            return best
        if word not in connectors:
            capital = next((i for i, c in enumerate(word) if "A" <= c <= "Z"), None)
            if capital is None:
                return best
            best = start + capital
            if capital:  # a capital inside the word ("eBay"): the name can start there, not before
                return best
        gap = start
        while gap > floor and text[gap - 1].isspace():
            gap -= 1
        if gap == start:
            return best
        position = gap


def names_before(text: str, marker: re.Pattern[str], extra: str, connectors: frozenset[str],
                 start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, re.Match[str]]]:
    """(name start, name end, marker match) for each marker in ``text[start:end]`` a name stands
    right before (white space between allowed); markers and names do not overlap."""
    floor = start
    for match in marker.finditer(text, start, len(text) if end is None else end):
        name_end = match.start()
        while name_end > floor and text[name_end - 1].isspace():
            name_end -= 1
        name_start = chain_start(text, floor, name_end, extra, connectors)
        if name_start is not None:
            yield name_start, name_end, match
            floor = match.end()
