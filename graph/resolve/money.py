"""Sums of money with period, basis, funder, recipients and programme."""

from __future__ import annotations

import re

from ..model import MoneyAmount, Span
from ..registry import name_key
from .corpus import Corpus, TextUnit

MONEY = re.compile(r"£\s?(?P<number>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<unit>(?:[kKmM]|million|bn)\b))?")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z•‘'\"“(])|\t|\n")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
UNITS = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9}
NON_FUNDING_PROGRAMME_KINDS = {"legislation", "policy"}


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for match in SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    end_match = SENTENCE_END.search(text, position)
    end = end_match.start() + 1 if end_match and end_match.group(0)[0] in ".!?" else (end_match.start() if end_match else len(text))
    return start, end


def parse_period(after: str) -> tuple[str | None, bool, int | None]:
    """The period a sum covers, from the words that follow it."""
    patterns = [
        r"per annum for the (?P<years>\w+) years to \d{4}/\d{2}",
        r"over (?P<years>\w+) years",
        r"for the \d{4}-\d{4} financial year",
        r"for \d{4}/\d{2}",
        r"until \w+ \d{4}",
        r"per annum|p\.a\.?|a year",
        r"\(\d{4}-\d{4}\)",
    ]
    for pattern in patterns:
        match = re.search(pattern, after[:90])
        if match:
            phrase = match.group(0)
            years_word = match.groupdict().get("years")
            years = None
            if years_word:
                years = int(years_word) if years_word.isdigit() else NUMBER_WORDS.get(years_word.lower())
            per_annum = bool(re.search(r"per annum|p\.a|a year", phrase))
            return phrase.strip("()"), per_annum, years
    return None, False, None


def money_kind(sentence: str) -> str:
    rules = [
        (r"\bturnover\b", "turnover"),
        (r"\bnot to\b", "declined"),
        (r"\bwon\b", "won"),
        (r"\bspend|\bcommitted\b|\bmade available\b", "spend"),
        (r"\bworth\b", "programme-value"),
        (r"\bgrant\b", "grant"),
    ]
    for pattern, kind in rules:
        if re.search(pattern, sentence):
            return kind
    return "funding"


def find_money(corpus: Corpus, units: list[TextUnit]) -> None:
    action_programmes: dict[str, list[str]] = {}
    for mention in corpus.mentions:
        if mention.context == "action" and mention.entity_type == "programme":
            kind = corpus.registry.entities[mention.entity].kind
            if kind not in NON_FUNDING_PROGRAMME_KINDS and mention.entity not in action_programmes.get(mention.subject, []):
                action_programmes.setdefault(mention.subject, []).append(mention.entity)
    # The publishing department of each document funds what its own commitments leave unsaid.
    publishers = {}
    for document in corpus.documents.values():
        entity = corpus.registry.resolve(document.publisher)
        publishers[document.id] = entity.id if entity else None
    counter = 0
    for unit in units:
        text = corpus.quote(unit.span)
        publisher = publishers[unit.span.doc]
        unit_mentions = [
            m for m in corpus.mentions
            if m.span.doc == unit.span.doc and unit.span.start <= m.span.start and m.span.end <= unit.span.end
        ]
        for match in MONEY.finditer(text):
            counter += 1
            unit_name = (match["unit"] or "").lower()
            value = float(match["number"].replace(",", "")) * UNITS.get(unit_name, 1)
            s_start, s_end = sentence_bounds(text, match.start())
            sentence = text[s_start:s_end]
            amount_at = unit.span.start + match.start()
            in_sentence = [m for m in unit_mentions if unit.span.start + s_start <= m.span.start < unit.span.start + s_end]
            orgs = [m for m in in_sentence if m.entity_type == "organisation"]
            period, per_annum, years = parse_period(text[match.end():s_end])
            kind = money_kind(sentence)
            item = MoneyAmount(
                id=f"{unit.span.doc}-{counter}",
                raw=match.group(0),
                value=value,
                span=Span(unit.span.doc, amount_at, unit.span.start + match.end()),
                sentence=Span(unit.span.doc, unit.span.start + s_start, unit.span.start + s_end),
                context=unit.context,
                subject=unit.subject,
                kind=kind,
                period=period,
                per_annum=per_annum,
                years=years,
                each=bool(re.search(r"\b[Ee]ach of\b|\bfor each\b", sentence)),
            )
            # Funder: "funded by X" / "from X" states it; else the publisher named before the sum;
            # else the spender of a "spend"; else, in the publisher's own commitment, the publisher is implied.
            for m in orgs:
                before = text[max(0, m.span.start - unit.span.start - 12): m.span.start - unit.span.start]
                if re.search(r"(?:funded by|from)\s+(?:the\s+)?$", before):
                    item.funder, item.funder_basis = m.entity, "stated"
                    break
            if item.funder is None and kind not in ("turnover", "won"):
                before_sum = [m for m in orgs if m.span.start < amount_at]
                if publisher and any(m.entity == publisher for m in before_sum):
                    item.funder, item.funder_basis = publisher, "stated"
                elif kind == "spend" and before_sum:
                    item.funder, item.funder_basis = before_sum[0].entity, "stated"
                elif publisher and kind in ("grant", "funding", "programme-value") and unit.context != "case-study":
                    item.funder, item.funder_basis = publisher, "implied"
            if kind == "won":
                item.recipients = [m.entity for m in orgs if m.span.start < amount_at][:1]
            elif kind not in ("turnover", "declined", "spend"):
                item.recipients = sorted({m.entity for m in orgs if m.entity not in (item.funder, publisher)})
            programmes = [
                m.entity for m in in_sentence
                if m.entity_type == "programme" and corpus.registry.entities[m.entity].kind not in NON_FUNDING_PROGRAMME_KINDS
            ]
            if programmes:
                item.programme, item.programme_basis = programmes[0], "stated"
            elif unit.context != "case-study" and len(action_programmes.get(unit.subject, [])) == 1:
                item.programme, item.programme_basis = action_programmes[unit.subject][0], "action"
            corpus.money.append(item)
    mark_repeats(corpus)


def mark_repeats(corpus: Corpus) -> None:
    """A sum stated again (a 2009 restatement of a 2008 commitment, a case study told twice) is a repeat."""
    first_by_sentence: dict[str, str] = {}
    first_by_action: dict[tuple[str, float], str] = {}
    for item in corpus.money:
        sentence = name_key(corpus.quote(item.sentence))  # quotes, case and markers aside
        if item.context == "restatement" and (item.subject, item.value) in first_by_action:
            item.repeat_of = first_by_action[(item.subject, item.value)]
        elif sentence in first_by_sentence:
            item.repeat_of = first_by_sentence[sentence]
        first_by_sentence.setdefault(sentence, item.id)
        if item.context == "action":
            first_by_action.setdefault((item.subject, item.value), item.id)
