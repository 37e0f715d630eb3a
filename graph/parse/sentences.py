"""Sentence bounds of one text, found in one pass and looked up by bisection.

Finding a sentence by rescanning the text from its start for every position asked about costs
the text's length each time: a long line with many sums or figures took minutes. A
``SentenceIndex`` scans once with the caller's sentence-end pattern; each lookup is then a
bisection. The rules the callers had (which match ends a sentence, where the last sentence
ends) are kept exactly, so the bounds are the same as a rescan would give.
"""

from __future__ import annotations

import bisect
import re


class SentenceIndex:
    """Every match of a sentence-end pattern in ``text``, in order.

    A match that starts with ".", "!" or "?" ends its sentence after that character; any other
    match (a tab, a new line) ends it where it starts.
    """

    def __init__(self, text: str, sentence_end: re.Pattern[str], breaks: str = "") -> None:
        self.text = text
        # Characters the pattern also matches alone (a tab, a new line), so one inside a longer
        # match ends a sentence when a lookup cuts that match short.
        self.breaks = breaks
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.dotted: list[bool] = []
        for match in sentence_end.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())
            self.dotted.append(match.group(0)[:1] in ".!?")

    def start_at(self, position: int) -> int:
        """Where the sentence holding ``position`` starts: the end of the last match ending at or before it."""
        index = bisect.bisect_right(self.ends, position)
        return self.ends[index - 1] if index else 0

    def start_before(self, position: int) -> int:
        """Where the sentence holding ``position`` starts, judged from the text before ``position``
        only (as ``pattern.finditer(text, 0, position)`` would): a dotted match needs the capital
        after it, so one that reaches ``position`` does not count, though a tab or new line inside
        it does."""
        index = bisect.bisect_left(self.starts, position)  # matches starting before the cut
        if not index:
            return 0
        last = index - 1
        if self.ends[last] < position or (self.ends[last] == position and not self.dotted[last]):
            return self.ends[last]
        inside = max((self.text.rfind(c, self.starts[last], position) for c in self.breaks), default=-1)
        if inside >= 0:
            return inside + 1
        return self.ends[last - 1] if last else 0

    def end_after(self, position: int) -> int | None:
        """Where the sentence holding ``position`` ends (as ``pattern.search(text, position)`` finds
        its end), or None when no match follows."""
        index = bisect.bisect_left(self.starts, position)
        if index and self.ends[index - 1] > position:
            # ``position`` falls inside a match: a tab or new line inside it matches on its own.
            found = [i for i in (self.text.find(c, position, self.ends[index - 1]) for c in self.breaks) if i >= 0]
            if found:
                return min(found)
        if index == len(self.starts):
            return None
        return self.starts[index] + 1 if self.dotted[index] else self.starts[index]


def tail_start(text: str, start: int, end: int, words: int) -> int:
    """Where the last ``words`` white-space separated words of ``text[start:end]`` begin (``start``
    if it holds fewer): the same words as ``text[start:end].split()[-words:]``, found backwards."""
    position = end
    for _ in range(words):
        while position > start and text[position - 1].isspace():
            position -= 1
        while position > start and not text[position - 1].isspace():
            position -= 1
    return position
