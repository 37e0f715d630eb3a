"""Names the registry does not know yet: found, split and kept for curation, each with a reason.

A candidate is
- a run of capitalised words with a head word such as Board, Network or Trust ("Devon Low
  Carbon Network"), split where it coordinates several names ("Global Action Plan and The Tree
  Council" is two) unless the word before "and" stands alone ("Field and Hedge Trust");
- the rest of a run that overlaps a known name ("the UK National Rural Network and the RDPE
  Network": "UK National Rural Network", and "RDPE Network", a body named after a known one);
- a lower-case group with a proper name beside it ("core Steering group of the UK Climate
  Change Risk Assessment", "'Below the Radar' reference group", "Places partnership group");
- an acronym the registry does not know;
- a generic name ("Programme Board") that its context cannot resolve.

A sentence-initial word is part of a name only if the documents also capitalise it mid-sentence
or never write it in lower case: "Next Stakeholder Group" is the Stakeholder Group.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Candidate, Document, Span
from ..names import TOKEN, Token, compact_key, fold, is_acronym
from ..registry import Registry

# Words that join the words of one name. "in" and "to" are left out: "in June", "to Defra" are
# far more common in prose than inside a name the registry does not already know.
CONNECTORS = {"of", "for", "and", "the", "on", "&"}
COORDINATORS = {"and", "&"}
POST_MODIFIERS = ("of", "for")
ARTICLES = {"the", "a", "an"}
NOT_MODIFIERS = ARTICLES | CONNECTORS | {
    "in", "to", "this", "that", "these", "those", "its", "their", "our", "his", "her", "new", "existing", "other", "each",
    "every", "any", "some", "all", "both", "such", "or", "by", "with", "from", "as", "at", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "no", "not", "which", "who", "one", "two",
}
NOT_IN_REGISTRY = "not in the registry"
GENERIC_WITHOUT_CONTEXT = "generic name: the same action, row or case study names no body it could stand for"
QUOTES = "'’‘\"“”"
SENTENCE_END = ".!?:\t\n\r•"


class Vocabulary:
    """How the documents write each word: in lower case, or capitalised mid-sentence."""

    def __init__(self, lower: Counter, capitalised: Counter) -> None:
        self.lower = lower
        self.capitalised = capitalised

    @classmethod
    def of(cls, documents) -> "Vocabulary":
        lower, capitalised = Counter(), Counter()
        for document in documents:
            text = document.text if isinstance(document, Document) else document
            for match in TOKEN.finditer(text):  # plain words: no normalisation needed here
                word = match.group(0)
                if word.islower():
                    lower[word] += 1
                elif word[:1].isupper() and not sentence_start(text, match.start()):
                    capitalised[word.lower()] += 1
        return cls(lower, capitalised)

    def common(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in ARTICLES or self.lower[lowered] > self.capitalised[lowered]

    def common_at_start(self, text: str, token: Token) -> bool:
        """A sentence-initial word that the documents otherwise write in lower case ("Next", "Both")."""
        return sentence_start(text, token.start) and self.common(token.text)


def sentence_start(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in " *(" + QUOTES:
        index -= 1
    if index < 0 or text[index] in SENTENCE_END:
        return True
    if text[index].isdigit():  # a numbered item: "- 1.4 Set up ..."
        while index >= 0 and (text[index].isdigit() or text[index] == "."):
            index -= 1
        while index >= 0 and text[index] in " -*":
            index -= 1
        return index < 0 or text[index] in "\n\t"
    return False


@dataclass
class Word:
    first: int  # token indices
    last: int
    start: int  # character offsets in the unit
    end: int
    text: str
    covered: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def connector(self) -> bool:
        return self.text in CONNECTORS


def words_of(text: str, toks: list[Token], covered: set[int]) -> list[Word]:
    """Tokens joined into words: "Re-use", "Defra's" are one word each."""
    words: list[Word] = []
    for index, token in enumerate(toks):
        gap = text[toks[index - 1].end:token.start] if index else None
        if words and (token.possessive or gap in ("-", "‑")) and token.text[:1].isalnum():
            word = words[-1]
            word.last, word.end = index, token.end
            word.text = text[word.start:word.end]
            word.covered = word.covered or index in covered
            continue
        words.append(Word(index, index, token.start, token.end, token.text, index in covered))
    return words


def find_candidates(scanned, registry: Registry, vocabulary: Vocabulary,
                    unresolved: list[tuple[Span, str, str]]) -> list[Candidate]:
    """Every name the registry does not know, grouped by name, most frequent first."""
    found: dict[str, Candidate] = {}
    reasons: dict[str, list[str]] = {}
    seen: set[Span] = set()

    def keep(span: Span, name: str, reason: str) -> None:
        name = " ".join(name.replace("*", " ").split())
        if span in seen or name in registry.not_names or (reason == NOT_IN_REGISTRY and registry.resolve(name)):
            return
        seen.add(span)
        key = compact_key(name)  # "Local Strategic Partnership" and "... Partnerships" are one name
        found.setdefault(key, Candidate(name)).spans.append(span)
        if reason not in reasons.setdefault(key, []):
            reasons[key].append(reason)

    for span, surface, reason in unresolved:
        keep(span, surface, reason)
    for unit, text, toks, matches in scanned:
        covered = {i for m in matches for i in range(m.first, m.last + 1)}
        words = words_of(text, toks, covered)
        base = unit.span
        for first, last, reason in [*_from_runs(text, words, registry, vocabulary), *_group_phrases(text, words, registry, vocabulary)]:
            start, end = words[first].start, words[last].end
            if reason == "quoted":
                start, reason = start - 1, NOT_IN_REGISTRY
            keep(Span(base.doc, base.start + start, base.start + end), text[start:end], reason)
    for key, candidate in found.items():
        candidate.reason = "; ".join(reasons[key])
        candidate.spans.sort()
    return sorted(found.values(), key=lambda c: (-len(c.spans), c.name))


def _runs(text: str, words: list[Word]) -> list[list[int]]:
    """Maximal runs of capitalised words, joined by spaces and connectors, within one sentence."""
    runs, current = [], []
    for index, word in enumerate(words):
        joined = current and re.fullmatch(r"[ *]+", text[words[index - 1].end:word.start] or "")
        if current and not joined:
            runs.append(current)
            current = []
        if word.capitalised or (current and word.connector):
            current.append(index)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [_trim(run, words) for run in runs if _trim(run, words)]


def _trim(run: list[int], words: list[Word]) -> list[int]:
    first, last = 0, len(run)
    while first < last and words[run[first]].connector:
        first += 1
    while last > first and words[run[last - 1]].connector:
        last -= 1
    return run[first:last]


def _from_runs(text, words, registry, vocabulary):
    for run in _runs(text, words):
        first = words[run[0]]
        if not first.covered and vocabulary.common_at_start(text, Token(first.start, first.end, first.text, "")):
            run = _trim(run[1:], words)  # "Next Stakeholder Group": "Next" begins the sentence, not the name
        yield from _pieces(run, words, registry)


def _pieces(run: list[int], words: list[Word], registry: Registry):
    """The uncovered stretches of a run, with a known name's head kept and coordinations split."""
    stretch: list[int] = []
    for position, index in enumerate(run + [None]):
        if index is not None and not words[index].covered:
            stretch.append(index)
            continue
        if stretch:
            before = words[stretch[0] - 1] if stretch[0] > run[0] else None
            known_before = before is not None and before.covered and _bare(before.text) == before.text  # not "Defra's"
            piece = _trim(stretch, words)
            if piece and known_before and piece[0] == stretch[0] and registry.head_word(words[piece[-1]].text):
                start = stretch[0] - 1
                while start - 1 >= run[0] and words[start - 1].covered:
                    start -= 1
                yield start, piece[-1], NOT_IN_REGISTRY  # "RDPE Network": a body named after a known one
            elif piece:
                yield from _conjuncts(piece, words, registry)
        stretch = []


def _conjuncts(piece: list[int], words: list[Word], registry: Registry):
    parts, current = [], []
    capitals, plain, only = 0, 0, None  # what _name_like reads of ``current``, kept as it grows
    for index in piece:
        word = words[index]
        if word.text in COORDINATORS and (capitals >= 2 or (plain == 1 and is_acronym(_bare(words[only].text)))):
            parts.append(current)
            current, capitals, plain, only = [], 0, 0, None
        else:
            current.append(index)
            capitals += word.capitalised
            if not word.connector:
                plain, only = plain + 1, index
    parts.append(current)
    parts = [_trim(p, words) for p in parts]
    parts = [p for p in parts if p]
    if len(parts) > 1 and not all(_name_like(p, words) and _complete(p, words, registry) for p in parts[:-1]):
        parts = [piece]  # "Field and Hedge Trust", "Department for Energy and Climate Change": one name
    elif len(parts) > 1 and not _name_like(parts[-1], words):
        parts = [piece]
    qualifies = [_qualifies(p, words, registry) for p in parts]
    for part, reason in zip(parts, qualifies):
        if reason is None and len(parts) > 1 and any(qualifies) and _capitalised_count(part, words) >= 2:
            reason = NOT_IN_REGISTRY  # a conjunct of names is a name: "Global Action Plan and The Tree Council"
        if reason:
            yield part[0], part[-1], reason


def _complete(part: list[int], words: list[Word], registry: Registry) -> bool:
    """A conjunct that can stand as a name: no "of" or "for" left open ("Department for Energy")."""
    texts = [words[i].text for i in part]
    return not any(t in POST_MODIFIERS for t in texts) or registry.head_word(_bare(texts[-1]))


def _capitalised_count(part: list[int], words: list[Word]) -> int:
    return sum(1 for i in part if words[i].capitalised)


def _name_like(part: list[int], words: list[Word]) -> bool:
    part = _trim(part, words)
    return _capitalised_count(part, words) >= 2 or (len(part) == 1 and is_acronym(_bare(words[part[0]].text)))


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _qualifies(part: list[int], words: list[Word], registry: Registry) -> str | None:
    texts = [words[i].text for i in part]
    if len(part) == 1:
        return NOT_IN_REGISTRY if is_acronym(_bare(texts[0])) and _bare(texts[0]) not in registry.not_names else None
    headed = registry.head_word(_bare(texts[0])) and len(texts) >= 3 and texts[1] in POST_MODIFIERS
    if not headed and not any(registry.head_word(_bare(t)) for t in texts[1:]):
        return None  # "Department for Energy and Climate Change" is headed; "Heathland Action Plan" is not
    if all(registry.generic_word(_bare(t)) for t in texts if t not in CONNECTORS):
        last = _bare(texts[-1])
        return None if compact_key(last) != fold(last) else GENERIC_WITHOUT_CONTEXT  # plural: a kind of body
    return NOT_IN_REGISTRY


def _group_phrases(text: str, words: list[Word], registry: Registry, vocabulary: Vocabulary):
    """Lower-case groups with a proper name: "steering group of the X", "'X' reference group", "X network"."""
    groups = {compact_key(w) for w in registry.group_words}
    for head, word in enumerate(words):
        if word.covered or not word.text.islower() or compact_key(word.text) not in groups:
            continue
        if head + 1 < len(words) and _joined(text, words, head) and compact_key(words[head + 1].text) in groups:
            continue  # "partnership group": the head is the last group word
        first = head
        while first - 1 >= 0 and _joined(text, words, first - 1) and head - first < 3:
            before = words[first - 1]
            if before.covered or before.text.lower() in NOT_MODIFIERS:
                break
            if before.capitalised and vocabulary.common_at_start(text, Token(before.start, before.end, before.text, "")):
                break
            first -= 1
        last = _post_modifier(text, words, head)
        if last is not None:
            yield first, last, NOT_IN_REGISTRY  # "core Steering group of the UK Climate Change Risk Assessment"
            continue
        quoted = first > 0 and text[words[first].start - 2:words[first].start] in {q + " " for q in QUOTES}
        opening = _quote_start(text, words, first) if quoted else None
        if opening is not None and not _names_organisation(registry, text[words[opening].start:words[first - 1].end]):
            yield opening, head, "quoted"  # "'Below the Radar' reference group"
            continue
        proper = [i for i in range(first, head) if words[i].capitalised]
        if proper and not _names_organisation(registry, text[words[proper[0]].start:words[proper[-1]].end]) \
                and not all(registry.generic_word(words[i].text) for i in proper):
            yield proper[0], head, NOT_IN_REGISTRY  # "Places partnership group"


def _joined(text: str, words: list[Word], index: int) -> bool:
    return text[words[index].end:words[index + 1].start] == " "


def _post_modifier(text: str, words: list[Word], head: int) -> int | None:
    """The end of "of (the) Capitalised Run" after a group word, if there is one."""
    index = head + 1
    if index >= len(words) or words[index].text not in ("of", "for") or not _joined(text, words, head):
        return None
    if index + 1 < len(words) and words[index + 1].text == "the" and _joined(text, words, index):
        index += 1
    if index + 1 >= len(words) or not words[index + 1].capitalised or not _joined(text, words, index):
        return None
    last = index + 1
    while last + 1 < len(words) and _joined(text, words, last) and (
            words[last + 1].capitalised or (words[last + 1].connector and last + 2 < len(words) and words[last + 2].capitalised)):
        last += 1
    if _bare(words[last].text) != words[last].text:
        return None  # "of Defra's new ...": a possessive, not the group's name
    return last


def _quote_start(text: str, words: list[Word], first: int) -> int | None:
    """The first word of a quoted name that closes right before ``first``."""
    index = first - 1
    while index >= 0 and first - index <= 8:
        if words[index].start > 0 and text[words[index].start - 1] in QUOTES:
            return index if all(words[i].capitalised or words[i].connector for i in range(index, first)) else None
        index -= 1
    return None


def _names_organisation(registry: Registry, name: str) -> bool:
    return registry.resolve(name, "organisation") is not None
