"""The stretches of source text that facts (names, money) are found in, each marked by context.

Every part of the strategy is a unit, so a name anywhere in it is found; the context says where
it stands, so a name in a chapter overview never counts as taking part in an action (only
``ACTION_CONTEXTS`` do). Contexts and their subjects:

=====================  ==============================================  =========================
context                unit                                            subject
=====================  ==============================================  =========================
action                 a numbered action (with its sub-items)          "3.3"
restatement            a progress report's restatement of an action    "3.3"
progress               a progress report's progress cell               "3.3"
next-actions           a progress report's next-actions cell           "3.3"
case-study             a case study                                    "2-1"
chapter-overview       a paragraph of a chapter's overview             "chapter-3"
chapter-objective      one of a chapter's listed objectives            "chapter-3/objective-2"
success-criterion      one of a chapter's success criteria             "chapter-3/success-1"
vision                 a vision bullet, or the vision's prose          "vision-2", "vision-paragraph-1"
overall-objective      one of the overall objectives                   "overall-objective-4"
deal                   the Deal's introduction, headings, lead-ins     "deal"
deal-ask               an ask of the sector (with its sub-items)       "ask-5"
deal-offer             an offer to the sector                          "offer-1"
annex-item             an item of an annex                             "annex-1/item-3"
foreword               a foreword's paragraph                          "foreword-1"
signature              a foreword's signature block                    "foreword-1/signatory-2"
development            a paragraph of how the strategy was developed   "development"
monitoring             a paragraph of how it is monitored              "monitoring"
=====================  ==============================================  =========================
"""

from __future__ import annotations

from ..model import Chapter, Deal, Foreword, ProgressEntry, Strategy, TextItem
from .corpus import TextUnit

ACTION_CONTEXTS = ("action", "restatement", "progress", "next-actions")
STRATEGY_CONTEXTS = (
    "chapter-overview", "chapter-objective", "success-criterion", "vision", "overall-objective", "deal",
    "deal-ask", "deal-offer", "annex-item", "foreword", "signature", "development", "monitoring",
)
CONTEXTS = ACTION_CONTEXTS + ("case-study",) + STRATEGY_CONTEXTS


def text_units(strategy: Strategy, progress: list[ProgressEntry]) -> list[TextUnit]:
    units = [TextUnit("action", a.id, a.span) for a in strategy.actions]
    for entry in progress:
        units.append(TextUnit("restatement", entry.action_id, entry.restated.span))
        units.append(TextUnit("progress", entry.action_id, entry.progress.span))
        if entry.next_actions:
            units.append(TextUnit("next-actions", entry.action_id, entry.next_actions.span))
    units += [TextUnit("case-study", c.id, c.span) for c in strategy.case_studies]
    return units + strategy_units(strategy)


def strategy_units(strategy: Strategy) -> list[TextUnit]:
    """Units for every part of the strategy beside its actions and case studies."""
    units: list[TextUnit] = []
    for foreword in strategy.forewords:
        units += foreword_units(foreword)
    if strategy.development:
        units += items("development", "development", strategy.development.paragraphs)
    if strategy.deal:
        units += deal_units(strategy.deal)
    units += numbered("vision", "vision-{}", strategy.vision)
    units += numbered("vision", "vision-paragraph-{}", strategy.vision_paragraphs)
    units += numbered("overall-objective", "overall-objective-{}", strategy.overall_objectives)
    for chapter in strategy.chapters:
        units += chapter_units(chapter)
    if strategy.monitoring:
        units += items("monitoring", "monitoring", strategy.monitoring.paragraphs)
    for annex in strategy.annexes:
        units += numbered("annex-item", f"{annex.id}/item-{{}}", annex.items)
    return units


def items(context: str, subject: str, parts: list[TextItem]) -> list[TextUnit]:
    return [TextUnit(context, subject, part.span) for part in parts]


def numbered(context: str, subject: str, parts: list[TextItem]) -> list[TextUnit]:
    return [TextUnit(context, subject.format(index), part.span) for index, part in enumerate(parts, 1)]


def chapter_subject(chapter: int) -> str:
    return f"chapter-{chapter}"


def chapter_units(chapter: Chapter) -> list[TextUnit]:
    subject = chapter_subject(chapter.number)
    return (
        items("chapter-overview", subject, chapter.overview_paragraphs)
        + numbered("chapter-objective", f"{subject}/objective-{{}}", chapter.objectives)
        + numbered("success-criterion", f"{subject}/success-{{}}", chapter.success)
    )


def foreword_units(foreword: Foreword) -> list[TextUnit]:
    units = items("foreword", foreword.id, foreword.paragraphs)
    for index, signatory in enumerate(foreword.signatories, 1):
        units.append(TextUnit("signature", f"{foreword.id}/signatory-{index}", signatory.span))
    return units


def deal_units(deal: Deal) -> list[TextUnit]:
    framing = [*deal.introduction, deal.ask_heading, deal.ask_lead_in, deal.offer_heading, deal.offer_lead_in]
    units = items("deal", "deal", [part for part in framing if part is not None])
    return units + [TextUnit(f"deal-{item.side}", item.id, item.span) for item in deal.items]
