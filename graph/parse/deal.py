"""The Deal: what the publisher asks of the sector and what it offers in return.

Layout: a heading ("The Deal"), introductory paragraphs, then two lists, each under a heading
such as "Our ask of the sector:" and "Our offer to the sector:", each with an optional lead-in
line and "- " bullets; a bullet may carry indented " - " sub-items (lettered or not).
"""

from __future__ import annotations

import re

from ..model import Deal, DealItem, TextItem
from .front import FrontSection
from .text import BULLET, SUB_ITEM, Line, Page, is_page_furniture

ASK_HEADING = re.compile(r"^(?:Our asks?|What we ask) (?:of|from) (?P<party>.+?):?$")
OFFER_HEADING = re.compile(r"^(?:Our offers?|What we offer) (?:to|for) (?P<party>.+?):?$")


def parse_deal(page: Page, sections: list[FrontSection]) -> Deal | None:
    found = [s for s in sections if s.kind == "deal"]
    if not found:
        return None
    if len(found) > 1:
        raise page.error(found[1].heading, "a second Deal")
    heading = found[0].heading
    deal = Deal(heading.text.strip(), page.span(heading.start, heading.end))
    side: str | None = None
    for line in found[0].body:
        if line.blank or is_page_furniture(line):
            continue
        side = read_line(page, deal, side, line)
    for name, items, heading_item in (("ask", deal.asks, deal.ask_heading), ("offer", deal.offers, deal.offer_heading)):
        if heading_item is not None and not items:
            raise page.error(None, f"the Deal's {name} list {heading_item.text!r} has no items")
    if not deal.items:
        raise page.error(heading, "the Deal has neither asks nor offers (expected 'Our ask of ...:' and 'Our offer to ...:')")
    return deal


def read_line(page: Page, deal: Deal, side: str | None, line: Line) -> str | None:
    """Take one line of the Deal into ``deal``; returns the list (ask or offer) now being read."""
    for name, pattern in (("ask", ASK_HEADING), ("offer", OFFER_HEADING)):
        if pattern.match(line.text.strip()):
            if getattr(deal, f"{name}_heading") is not None:
                raise page.error(line, f"a second {name} list in the Deal")
            setattr(deal, f"{name}_heading", heading_item(page, line))
            return name
    bullet, sub = BULLET.match(line.text), SUB_ITEM.match(line.text)
    if side is None:
        if bullet or sub:
            raise page.error(line, "a Deal item before any 'Our ask of ...:' or 'Our offer to ...:' heading")
        deal.introduction.append(page.item(line))
    elif bullet:
        add_item(page, deal, side, line, bullet)
    elif sub:
        add_sub_item(page, deal, side, line, sub)
    elif not items_of(deal, side) and getattr(deal, f"{side}_lead_in") is None:
        setattr(deal, f"{side}_lead_in", page.item(line))
    else:
        raise page.error(line, f"a line in the Deal's {side} list that is neither a '- ' item nor a ' - ' sub-item")
    return side


def items_of(deal: Deal, side: str) -> list[DealItem]:
    return deal.asks if side == "ask" else deal.offers


def heading_item(page: Page, line: Line) -> TextItem:
    text = line.text.rstrip()
    if text.endswith(":"):
        text = text[:-1]
    return TextItem(text.strip(), page.span(line.start, line.start + len(text)))


def add_item(page: Page, deal: Deal, side: str, line: Line, bullet: re.Match[str]) -> None:
    items = items_of(deal, side)
    item = page.item(line, bullet.start("text"))
    items.append(DealItem(f"{side}-{len(items) + 1}", side, len(items) + 1, item.text, item.span))


def add_sub_item(page: Page, deal: Deal, side: str, line: Line, sub: re.Match[str]) -> None:
    items = items_of(deal, side)
    if not items:
        raise page.error(line, f"an indented sub-item before any item of the Deal's {side} list")
    owner = items[-1]
    owner.subitems.append(page.sub_item(line, sub))
    owner.span = page.span(owner.span.start, line.end)
