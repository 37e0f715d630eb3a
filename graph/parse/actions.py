"""The numbered actions: "- N.M text" under a chapter heading and a timing heading, with
lettered sub-items (" - a) text") and optional sub-headings such as "Volunteering"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Action
from .chapters import CHAPTER_HEADING
from .text import ACTIONS_HEADER, BULLET, SUB_ITEM, Line, Page, clean, italic_hints

ACTION = re.compile(r"^- (?P<chapter>\d{1,2})\.(?P<number>\d{1,2}) (?P<text>\S.*)$")
TIMING = re.compile(r"^(?P<label>Immediate actions|Ongoing and [Ll]onger term actions):$")
TIMINGS = {"immediate actions": "immediate", "ongoing and longer term actions": "longer-term"}


@dataclass
class Place:
    """Where the reader stands: the chapter, timing and sub-heading the next action falls under."""

    known_chapters: set[int]
    chapter: int = 0
    timing: str | None = None
    subheading: str | None = None
    current: Action | None = None
    seen: dict[str, int] = field(default_factory=dict)  # action id -> line


def parse_actions(page: Page, known_chapters: set[int], first: int, last: int) -> list[Action]:
    place = Place(known_chapters)
    actions: list[Action] = []
    for line in page.lines[first:last]:
        if line.blank or ACTIONS_HEADER.match(line.text):
            continue
        if read_heading(page, place, line):
            continue
        match = ACTION.match(line.text)
        if match:
            place.current = new_action(page, place, line, match)
            actions.append(place.current)
        elif SUB_ITEM.match(line.text):
            add_sub_item(page, place, line, SUB_ITEM.match(line.text))
        elif BULLET.match(line.text):
            raise page.error(line, "a bullet in the actions that is not a numbered action (expected '- N.M text')")
        elif place.chapter:
            # Any other line inside a chapter is a sub-heading such as "Volunteering" or "Places:".
            place.subheading, place.current = clean(line.text).rstrip(":"), None
    return actions


def read_heading(page: Page, place: Place, line: Line) -> bool:
    heading = CHAPTER_HEADING.match(line.text)
    if heading:
        place.chapter = int(heading["number"])
        if place.chapter not in place.known_chapters:
            known = max(place.known_chapters) if place.known_chapters else 0
            raise page.error(line, f"unknown chapter {place.chapter} in the actions; known chapters: 1..{known}")
        place.timing, place.subheading, place.current = None, None, None
        return True
    timing = TIMING.match(line.text)
    if timing:
        place.timing = TIMINGS[timing["label"].lower()]
        place.subheading, place.current = None, None
        return True
    return False


def add_sub_item(page: Page, place: Place, line: Line, sub: re.Match[str]) -> None:
    action = place.current
    if action is None:
        raise page.error(line, "a lettered sub-item stands before any action")
    item = page.sub_item(line, sub)
    action.subitems.append(item)
    action.text += f"\n{item.letter}) {item.text}" if item.letter else f"\n{item.text}"
    action.hints += italic_hints(sub["text"])
    action.span = page.span(action.span.start, line.end)


def new_action(page: Page, place: Place, line: Line, match: re.Match[str]) -> Action:
    action_id = f"{int(match['chapter'])}.{int(match['number'])}"
    if place.chapter == 0:
        raise page.error(line, f"action {action_id} stands before any chapter heading")
    if int(match["chapter"]) != place.chapter:
        raise page.error(line, f"action {action_id} stands under chapter {place.chapter}")
    if place.timing is None:
        raise page.error(line, f"action {action_id} has no timing heading (Immediate / Ongoing and longer term)")
    if action_id in place.seen:
        raise page.error(line, f"duplicate action id {action_id} (first at line {place.seen[action_id]})")
    place.seen[action_id] = line.number
    return Action(
        id=action_id,
        chapter=place.chapter,
        number=int(match["number"]),
        timing=place.timing,
        subheading=place.subheading,
        text=clean(match["text"]),
        span=page.span(line.start + match.start("chapter"), line.end),
        line=line.number,
        hints=italic_hints(match["text"]),
    )
