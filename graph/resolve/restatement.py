"""Whether a progress report restates a commitment in different words."""

from __future__ import annotations

import difflib
import re

from ..model import Action, ProgressEntry
from .corpus import Corpus
from .money import NUMBER_WORDS

# "(ACC)" defines an acronym, adds nothing. The look-behind starts a match only at the first space
# of a run, which is where the leftmost match starts anyway: one try per run, not one per space.
ACRONYM_GLOSS = re.compile(r"(?<!\s)\s*\((?:[A-Z][A-Za-z]{1,9})\)")


def substance_tokens(text: str) -> list[str]:
    """Words that carry meaning: case, punctuation, number style and acronym glosses removed."""
    text = ACRONYM_GLOSS.sub("", text)
    text = re.sub(r"£\s?(\d+(?:\.\d+)?)\s?([mMkK])\b", lambda m: f"£{m[1]}{m[2].lower()}", text)
    text = text.casefold().replace("&", " and ")
    tokens = re.findall(r"[a-z0-9£.]+", text)
    tokens = [str(NUMBER_WORDS.get(t, t)) for t in (t.strip(".") for t in tokens) if t]
    return tokens


FILLER_WORDS = {"a", "an", "the", "and", "of"}


def _gist(words: str) -> str:
    """Hyphenation, spacing, articles and plural endings are wording, not substance."""
    kept = [w.rstrip("s") for w in words.replace("-", " ").split() if w not in FILLER_WORDS]
    return "".join(kept)


def compare_restatement(corpus: Corpus, entry: ProgressEntry, action: Action) -> None:
    before, after = substance_tokens(action.text), substance_tokens(entry.restated.text)
    changes = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op != "equal":
            changes.append((" ".join(before[a1:a2]), " ".join(after[b1:b2])))
    changes = [(a, b) for a, b in changes if _gist(a) != _gist(b)]
    entry.changes = changes
    entry.differs = bool(changes)
