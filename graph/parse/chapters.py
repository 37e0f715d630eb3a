"""Chapters of the strategy: overview, listed objectives, success criteria and case studies.

Each chapter starts at a heading "N. Title" under a running page header
"Our Strategy – <theme>" that names its theme; within it, marker lines ("Overview:",
"Objectives:", "What will success look like?", "Defra in partnership, partnerships in action")
open its sections.
"""

from __future__ import annotations

import re

from ..model import CaseStudy, Chapter, Theme
from .text import BULLET, STRATEGY_HEADER, TOC_LINE, URL_LINE, Line, Page, clean, prose_item

CHAPTER_HEADING = re.compile(r"^(?P<number>\d{1,2})\. (?P<title>\S.*)$")
CASE_STUDIES = re.compile(r"^Defra in partnership, partnerships in action:?$")
SECTION_MARKERS = {"Overview:": "overview", "Objectives:": "objectives", "What will success look like?": "success"}
TITLE_END = re.compile(r"[.:;'\"”’)]$")
# A case study title is a short line with no closing punctuation. Shorter ones ("Eco-Schools",
# "Beaches") are sub-headings inside a case study; longer ones are paragraphs cut by a page break.
MIN_CASE_STUDY_TITLE_WORDS = 5
MAX_CASE_STUDY_TITLE_CHARS = 120


def parse_chapters(page: Page, themes: list[Theme], first: int, last: int) -> tuple[list[Chapter], list[CaseStudy]]:
    chapters: list[Chapter] = []
    case_studies: list[CaseStudy] = []
    theme = 0
    headings = [i for i in range(first, last) if CHAPTER_HEADING.match(page.lines[i].text)]
    for index in range(first, last):
        line = page.lines[index]
        header = STRATEGY_HEADER.match(line.text)
        if header:
            theme = theme_number(page, themes, header["theme"], line)
        if index in headings:
            end = next((h for h in headings if h > index), last)
            chapter = new_chapter(page, chapters, line, theme)
            case_studies += fill_chapter(page, chapter, page.lines[index + 1:end])
    numbers = [c.number for c in chapters]
    if numbers != list(range(1, len(numbers) + 1)):
        raise page.error(None, f"chapters are not numbered 1..n in order: {numbers}")
    return chapters, case_studies


def theme_number(page: Page, themes: list[Theme], name: str, line: Line) -> int:
    for theme in themes:
        if theme.name.lower() == name.strip().lower():
            theme.name = name.strip()  # the running header's capitalisation is the title form
            return theme.number
    known = ", ".join(t.name for t in themes)
    raise page.error(line, f"unknown theme {name!r} in page header; known themes: {known}")


def new_chapter(page: Page, chapters: list[Chapter], line: Line, theme: int) -> Chapter:
    heading = CHAPTER_HEADING.match(line.text)
    number = int(heading["number"])
    if any(c.number == number for c in chapters):
        raise page.error(line, f"chapter {number} appears twice")
    if theme == 0:
        raise page.error(line, f"chapter {number} has no theme header before it")
    chapter = Chapter(number, clean(heading["title"]), theme, page.span(line.start, line.end))
    chapters.append(chapter)
    return chapter


def chapter_sections(lines: list[Line]) -> dict[str, list[Line]]:
    """The chapter's lines by section; lines before the first marker belong to none."""
    sections: dict[str, list[Line]] = {}
    current = ""
    for line in lines:
        if line.blank or TOC_LINE.search(line.text) or STRATEGY_HEADER.match(line.text):
            continue
        marker = line.text.strip()
        if marker in SECTION_MARKERS or CASE_STUDIES.match(marker):
            current = SECTION_MARKERS.get(marker, "cases")
            sections.setdefault(current, [])
        elif current:
            sections[current].append(line)
    return sections


def fill_chapter(page: Page, chapter: Chapter, lines: list[Line]) -> list[CaseStudy]:
    sections = chapter_sections(lines)
    if sections.get("overview"):
        chapter.overview = page.joined(sections["overview"])
        chapter.overview_paragraphs = [prose_item(page, line) for line in sections["overview"]]
    for line in sections.get("objectives", []):
        bullet = BULLET.match(line.text)
        # A lead-in such as "Work with Defra's delivery bodies and the third sector to:" belongs
        # to every objective after it; keep it as an objective of its own.
        chapter.objectives.append(page.item(line, bullet.start("text") if bullet else 0))
    for line in sections.get("success", []):
        bullet = BULLET.match(line.text)
        if bullet:
            chapter.success.append(page.item(line, bullet.start("text")))
    return case_studies(page, chapter, sections.get("cases", []))


def is_case_study_title(line: Line) -> bool:
    text = line.text.strip()
    return (
        not BULLET.match(line.text)
        and not URL_LINE.match(text)
        and not TITLE_END.search(text)
        and len(text.split()) >= MIN_CASE_STUDY_TITLE_WORDS
        and len(text) <= MAX_CASE_STUDY_TITLE_CHARS
    )


def case_studies(page: Page, chapter: Chapter, lines: list[Line]) -> list[CaseStudy]:
    groups: list[list[Line]] = []
    for line in lines:
        if is_case_study_title(line):
            groups.append([line])
        elif groups:
            groups[-1].append(line)
        # Lines before the first title introduce the case studies; they are not one.
    result = []
    for index, group in enumerate(groups, 1):
        title, body = group[0], group[1:]
        urls = [URL_LINE.match(l.text.strip())["url"] for l in body if URL_LINE.match(l.text.strip())]
        content = [l for l in body if not URL_LINE.match(l.text.strip())]
        result.append(
            CaseStudy(
                id=f"{chapter.number}-{index}",
                chapter=chapter.number,
                title=clean(title.text),
                text=page.joined(content).text if content else "",
                span=page.span(title.start, group[-1].end),
                urls=urls,
            )
        )
    return result
