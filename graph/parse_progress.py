"""Parse a progress report in the 2009 "One Year On" table format.

Each data row is one line of seven tab-separated cells:
Theme, Strategy Chapter, Action, Timing, Actions (the commitment restated), Progress report,
Next actions. The header row repeats on every page, under a running title; both are skipped.
Any further report in the same format (a "Two Years On", say) needs only a manifest entry.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import SourceError
from .model import Document, ProgressEntry, Span, TextItem
from .parse_strategy import Line, Strategy, split_lines

COLUMNS = ("Theme", "Strategy Chapter", "Action", "Timing", "Actions", "Progress report", "Next actions")
ACTION_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")
TIMINGS = {"immediate": "immediate", "longer term": "longer-term", "ongoing and longer term": "longer-term"}
MARKUP = re.compile(r"</?i>")
NONE_MARKERS = {"", "-", "–"}
MIN_CHAPTER_OVERLAP = 0.6  # share of a row's chapter words that must appear in the strategy's title


def clean_cell(text: str) -> str:
    return MARKUP.sub("", text).strip()


def stems(text: str) -> set[str]:
    # Six-letter stems make "communicating" match "communications", "Voice" match "voice".
    return {w[:6] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in {"and", "the", "our", "with"}}


def match_chapter(label: str, strategy: Strategy) -> int | None:
    wanted = stems(label)
    if not wanted:
        return None
    best, best_score = None, 0.0
    for chapter in strategy.chapters:
        score = len(wanted & stems(chapter.title)) / len(wanted)
        if score > best_score:
            best, best_score = chapter.number, score
    return best if best_score >= MIN_CHAPTER_OVERLAP else None


def check_row(path: Path, cells: list[str], line: int, strategy: Strategy, seen: dict[str, int]) -> str:
    """The row's action id, after checking every cell the row must have; errors name file and line."""
    for column in ("Theme", "Strategy Chapter", "Action", "Timing", "Actions", "Progress report"):
        if not cells[COLUMNS.index(column)].strip():
            raise SourceError(path, f"missing cell {column!r}", line)
    chapter_label, action_id, timing = cells[1].strip(), cells[2].strip(), cells[3].strip()
    if not ACTION_ID.match(action_id):
        raise SourceError(path, f"action id {action_id!r} is not of the form N.M", line)
    if action_id in seen:
        raise SourceError(path, f"duplicate action id {action_id} (first at line {seen[action_id]})", line)
    seen[action_id] = line
    action = next((a for a in strategy.actions if a.id == action_id), None)
    if action is None:
        raise SourceError(path, f"action {action_id} is not in the strategy", line)
    chapter = match_chapter(chapter_label, strategy)
    if chapter is None:
        titles = "; ".join(f"{c.number} {c.title}" for c in strategy.chapters)
        raise SourceError(path, f"unknown chapter {chapter_label!r}; known chapters: {titles}", line)
    if chapter != action.chapter:
        raise SourceError(path, f"action {action_id} is filed under chapter {chapter} ({chapter_label!r}), "
                                f"but the strategy puts it in chapter {action.chapter}", line)
    if timing.lower() not in TIMINGS:
        raise SourceError(path, f"unknown timing {timing!r}; expected Immediate or Longer Term", line)
    return action_id


def cell_items(document: Document, line: Line, cells: list[str]) -> list[TextItem]:
    """Each cell's cleaned text with the span of its words (trimmed, so the quote is exactly cited)."""
    items, position = [], line.start
    for raw in cells:
        lead, trail = len(raw) - len(raw.lstrip()), len(raw) - len(raw.rstrip())
        items.append(TextItem(clean_cell(raw), Span(document.id, position + lead, position + len(raw) - trail)))
        position += len(raw) + 1
    return items


def parse_progress_report(document: Document, strategy: Strategy) -> list[ProgressEntry]:
    path = Path(document.path)
    entries: list[ProgressEntry] = []
    seen: dict[str, int] = {}
    for line in split_lines(document):
        if "\t" not in line.text:
            continue  # titles and running page headers
        cells = line.text.split("\t")
        if len(cells) != len(COLUMNS):
            raise SourceError(path, f"table row has {len(cells)} cells; expected {len(COLUMNS)} ({', '.join(COLUMNS)})",
                              line.number)
        if tuple(c.strip() for c in cells) == COLUMNS:
            continue
        action_id = check_row(path, cells, line.number, strategy, seen)
        items = cell_items(document, line, cells)
        entries.append(ProgressEntry(
            action_id=action_id,
            report=document.id,
            date=document.date,
            line=line.number,
            theme_label=cells[0].strip(),
            chapter_label=cells[1].strip(),
            timing_label=cells[3].strip(),
            restated=items[4],
            progress=items[5],
            next_actions=items[6] if cells[6].strip() not in NONE_MARKERS else None,
            row_span=Span(document.id, line.start, line.start + len(line.text.rstrip())),
        ))
    if not entries:
        raise SourceError(path, "no table rows found; expected tab-separated rows with columns " + ", ".join(COLUMNS))
    return entries
