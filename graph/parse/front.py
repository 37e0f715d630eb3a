"""The front matter: themes, the vision and overall objectives, and where each front section lies.

Front sections (forewords, how the strategy was developed, the Deal, the vision) each start at
a heading on a line of its own and run to the next front heading or the first page of the
strategy proper. The contents list names the same headings followed by a tab and a page
number, so it never matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import TextItem, Theme
from .text import STRATEGY_HEADER, Line, Page, clean

THEME_BULLET = re.compile(r"^- (?P<number>\d)\) (?P<name>.+?) – (?P<description>.+)$")
VISION_LEAD_IN = re.compile(r"^Our five year vision is")
OBJECTIVES_LEAD_IN = re.compile(r"^Our overall objectives are to:")
FRONT_HEADINGS = {
    "foreword": re.compile(r"^Foreword(?: from [^\t.]+)?$"),
    "development": re.compile(r"^How we (?:developed|prepared|produced|wrote) (?:our|this|the) [Ss]trategy$"),
    "deal": re.compile(r"^The Deal$"),
    "vision": re.compile(r"^Our Vision$"),
}


@dataclass
class FrontSection:
    kind: str  # a key of FRONT_HEADINGS
    heading: Line
    body: list[Line]  # the lines after the heading, up to the next section


def front_sections(page: Page) -> list[FrontSection]:
    """The front sections in document order, each with the lines it holds."""
    end = page.find(STRATEGY_HEADER)
    end = len(page.lines) if end is None else end
    starts: list[tuple[int, str]] = []
    for index in range(end):
        for kind, pattern in FRONT_HEADINGS.items():
            if pattern.match(page.lines[index].text):
                starts.append((index, kind))
    sections = []
    for position, (index, kind) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else end
        sections.append(FrontSection(kind, page.lines[index], page.lines[index + 1:stop]))
    return sections


def parse_themes(page: Page) -> list[Theme]:
    themes = []
    for line in page.lines:
        match = THEME_BULLET.match(line.text)
        if match:
            themes.append(
                Theme(
                    number=int(match["number"]),
                    name=match["name"].strip(),
                    description=clean(match["description"]),
                    span=page.span(line.start + 2, line.end),
                )
            )
    if not themes:
        raise page.error(None, "no themes found (expected foreword bullets such as '- 1) Achieving together – ...')")
    return themes


def parse_vision(page: Page) -> tuple[list[TextItem], list[TextItem]]:
    """The vision's bullets and the overall objectives' bullets."""
    vision = page.bullets_after(page.require(VISION_LEAD_IN))
    objectives = page.bullets_after(page.require(OBJECTIVES_LEAD_IN))
    return vision, objectives


def vision_paragraphs(page: Page, section: FrontSection | None) -> list[TextItem]:
    """The vision section's prose: lines that are neither bullets nor lead-ins ending in a colon."""
    if section is None:
        return []
    return [
        page.item(line) for line in section.body
        if not line.blank and not line.text.startswith(("- ", " - ")) and not line.text.rstrip().endswith(":")
    ]
