"""Annexes: "Annex N – Title", then "- " items, then an optional source address. An annex
ends at the next annex or at the first other line after its items (the back page's "Notes")."""

from __future__ import annotations

import re

from ..model import Annex
from .text import BULLET, URL_LINE, Line, Page, clean, is_page_furniture

ANNEX_HEADING = re.compile(r"^Annex (?P<number>\d+) [–-] (?P<title>\S.*)$")


def parse_annexes(page: Page, first: int) -> list[Annex]:
    headings = [i for i in range(first, len(page.lines)) if ANNEX_HEADING.match(page.lines[i].text)]
    annexes: list[Annex] = []
    for position, index in enumerate(headings):
        end = headings[position + 1] if position + 1 < len(headings) else len(page.lines)
        annex = new_annex(page, page.lines[index], annexes)
        read_items(page, annex, page.lines[index + 1:end])
        annexes.append(annex)
    return annexes


def new_annex(page: Page, line: Line, annexes: list[Annex]) -> Annex:
    match = ANNEX_HEADING.match(line.text)
    number = int(match["number"])
    if number != len(annexes) + 1:
        raise page.error(line, f"annex {number} where annex {len(annexes) + 1} was expected")
    return Annex(number, clean(match["title"]), page.span(line.start, line.end))


def read_items(page: Page, annex: Annex, lines: list[Line]) -> None:
    for line in lines:
        if line.blank or is_page_furniture(line):
            continue
        bullet = BULLET.match(line.text)
        url = URL_LINE.match(line.text.strip())
        if bullet and not annex.urls:
            annex.items.append(page.item(line, bullet.start("text")))
        elif url and annex.items:
            annex.urls.append(url["url"])
        elif annex.items:
            return  # the annex is over: what follows is the back page
        else:
            raise page.error(line, f"annex {annex.number} should start with '- ' items")
