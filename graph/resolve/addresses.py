r"""Web and mail addresses in a text, found in one pass: names are never looked for inside them.

What counts as an address is what the pattern
``(?:https?://|www\.)\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|gov|com|net|uk)\b\S*`` finds, but
that pattern backtracks over every start of a long unbroken word (a line of digits took its
length squared). Every match runs to the end of its run of non-space characters, so each run
holds at most one, which starts at the first position any of the three forms fits; that
position is found here directly.
"""

from __future__ import annotations

import re

CHUNK = re.compile(r"\S+")
DOTTED_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*")
TOP_LEVEL = re.compile(r"\.(?:org|gov|com|net|uk)\b")
WEB_PREFIXES = ("http://", "https://", "www.")


def addresses_in(text: str) -> list[tuple[int, int]]:
    """(start, end) of each address, in order."""
    found = []
    for chunk in CHUNK.finditer(text):
        start = address_start(text, chunk.start(), chunk.end())
        if start is not None:
            found.append((start, chunk.end()))
    return found


def address_start(text: str, start: int, end: int) -> int | None:
    """Where the address in the run ``text[start:end]`` begins, or None."""
    if text.find("@", start + 1, end - 1) >= 0:
        return start  # a mail address: something, "@", something
    candidates = []
    for prefix in WEB_PREFIXES:
        at = text.find(prefix, start, end)
        if at >= 0 and at + len(prefix) < end:
            candidates.append(at)
    for name in DOTTED_NAME.finditer(text, start, end):
        last_dot = None
        for dot in TOP_LEVEL.finditer(text, name.start(), name.end()):
            last_dot = dot.start()
        if last_dot is None:
            continue
        # A host name starts at a word boundary before its last ".org" (or .uk, ...).
        first = next((p for p in range(name.start(), last_dot) if text[p] != "." and _boundary(text, p)), None)
        if first is not None:
            candidates.append(first)
            break
    return min(candidates) if candidates else None


def _boundary(text: str, position: int) -> bool:
    """``\\b`` before ``text[position]``."""
    return (position > 0 and _is_word(text[position - 1])) != _is_word(text[position])


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"
