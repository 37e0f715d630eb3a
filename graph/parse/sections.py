"""Prose sections: how the strategy was developed (with its figures) and how it is monitored
(with who holds which role)."""

from __future__ import annotations

import re

from ..model import RoleStatement, Section, TextItem
from .figures import find_figures
from .front import FrontSection
from .text import TOC_LINE, Line, Page, is_page_furniture, prose_item

MONITORING_HEADING = re.compile(r"^Monitoring and [Rr]eviewing (?:our|this|the) [Ss]trategy$")
# A name starts at the start of a word: a pattern free to start inside one tried every capital of
# a long word and read the word to its end each time.
_NAME = r"(?<![\w'’-])(?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,6}?"
_PHRASE = r"[\w'’-]+(?:\s+[\w'’-]+){0,7}?"
# "X is the lead Minister for this Strategy"; "the Senior Responsible Owner is the Director-level Champion".
HOLDS = re.compile(rf"(?P<first>{_NAME})\s+(?:is|will be|shall be)\s+the\s+(?P<second>{_PHRASE})(?=\s+and\s|[.;,]|$)")
# "The new Advisory Board will have a role in overseeing ..."; "X will be responsible for ...".
HAS_ROLE = re.compile(
    rf"(?P<first>{_NAME})\s+(?:will|would|shall)\s+(?:have\s+an?\s+(?:\w+\s+)?role\s+in|be\s+responsible\s+for)"
    rf"\s+(?P<second>[^.;]+)"
)
# The roles a government strategy's governance names; in "A is the B" the side naming one is the role.
GOVERNANCE_ROLE = re.compile(
    r"\b(?:lead (?:Minister|official|director|department)|Senior Responsible Owner|SRO|sponsor|accountable officer|"
    r"owner|chair)\b",
    re.IGNORECASE,
)


def paragraphs(page: Page, lines: list[Line]) -> list[TextItem]:
    return [prose_item(page, line) for line in lines if not line.blank and not is_page_furniture(line) and not TOC_LINE.search(line.text)]


def parse_development(page: Page, sections: list[FrontSection]) -> Section | None:
    found = [s for s in sections if s.kind == "development"]
    if not found:
        return None
    if len(found) > 1:
        raise page.error(found[1].heading, f"a second {found[1].heading.text!r} section")
    heading = found[0].heading
    section = Section("development", heading.text.strip(), page.span(heading.start, heading.end))
    section.paragraphs = paragraphs(page, found[0].body)
    for item in section.paragraphs:
        section.figures.extend(find_figures(item, page.doc.quote(item.span)))
    return section


def parse_monitoring(page: Page, heading_index: int, end: int) -> Section:
    heading = page.lines[heading_index]
    section = Section("monitoring", heading.text.strip(), page.span(heading.start, heading.end))
    section.paragraphs = paragraphs(page, page.lines[heading_index + 1:end])
    for item in section.paragraphs:
        section.roles.extend(role_statements(page, item))
    return section


def role_statements(page: Page, item: TextItem) -> list[RoleStatement]:
    """Who holds which role. In "X is the Y" the role is Y ("X is the lead Minister"), unless
    only X names a governance role ("the Senior Responsible Owner is the Director ...")."""
    raw = page.doc.quote(item.span)
    result = []
    for pattern, kind in ((HOLDS, "holds"), (HAS_ROLE, "has-role-in")):
        for match in pattern.finditer(raw):
            role, holder = part(page, item, match, "second"), part(page, item, match, "first")
            if kind == "holds" and GOVERNANCE_ROLE.search(match["first"]) and not GOVERNANCE_ROLE.search(match["second"]):
                role, holder = part(page, item, match, "first", skip_article=True), part(page, item, match, "second")
            span = page.span(item.span.start + match.start(), item.span.start + match.end())
            result.append(RoleStatement(role=role, holder=holder, kind=kind, span=span))
    return sorted(result, key=lambda r: r.span.start)


def part(page: Page, item: TextItem, match: re.Match[str], group: str, skip_article: bool = False) -> TextItem:
    text = match[group].rstrip()
    start = item.span.start + match.start(group)
    article = re.match(r"[Tt]he\s+", text) if skip_article else None
    if article:
        text, start = text[article.end():], start + article.end()
    return TextItem(" ".join(text.split()), page.span(start, start + len(text)))
