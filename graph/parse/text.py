"""Lines of a source document and the helpers every section parser shares.

The text is a PDF extraction: headings stand on lines of their own, bullets start with "- ",
indented sub-items with " - ", and each page repeats a running header such as
"Our Actions – Achieving Together". ``*...*`` marks italics in the PDF; the words inside are
kept as hints for named things and the asterisks are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Span, SubItem, TextItem

STRATEGY_HEADER = re.compile(r"^Our Strategy – (?P<theme>.+)$")
ACTIONS_HEADER = re.compile(r"^Our Actions – (?P<theme>.+)$")
BULLET = re.compile(r"^- (?P<text>\S.*)$")
# An indented sub-item, lettered (" - a) text") or not (" - text").
SUB_ITEM = re.compile(r"^ - (?:(?P<letter>[a-z])[).] )?(?P<text>\S.*)$")
URL_LINE = re.compile(r"^<?(?P<url>(?:https?://|www\.)[^\s>]+)>?$")
TOC_LINE = re.compile(r"\t\d+$")
ITALIC = re.compile(r"(?<!\*)\*(?!\*)([^*\n]+?)(?<!\*)\*(?!\*)")


def clean(text: str) -> str:
    """Drop the PDF's emphasis markers and surrounding white space."""
    return text.replace("**", "").replace("*", "").strip()


def italic_hints(text: str) -> list[str]:
    return [clean(m.group(1)) for m in ITALIC.finditer(text.replace("**", ""))]


@dataclass
class Line:
    number: int  # 1-based
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(document: Document) -> list[Line]:
    lines = []
    for number, start in enumerate(document.line_starts, 1):
        end = document.text.find("\n", start)
        end = len(document.text) if end < 0 else end
        lines.append(Line(number, start, document.text[start:end].rstrip("\r")))
    return lines


class Page:
    """One document's lines, with the spans and errors every section parser needs."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.path = Path(document.path)
        self.lines = split_lines(document)

    def error(self, line: Line | None, message: str) -> SourceError:
        return SourceError(self.path, message, line.number if line else None)

    def span(self, start: int, end: int) -> Span:
        return Span(self.doc.id, start, end)

    def item(self, line: Line, text_start: int = 0) -> TextItem:
        """The line from ``text_start`` on, white space trimmed from the span as from the text."""
        raw = line.text[text_start:]
        start = line.start + text_start + (len(raw) - len(raw.lstrip()))
        return TextItem(clean(raw), self.span(start, line.start + len(line.text.rstrip())))

    def sub_item(self, line: Line, match: re.Match[str]) -> SubItem:
        begin = match.start("letter") if match["letter"] else match.start("text")
        return SubItem(match["letter"], clean(match["text"]), self.span(line.start + begin, line.end))

    def find(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> int | None:
        """Index of the first line from ``start`` (to ``end``) that matches, or None."""
        for index in range(start, len(self.lines) if end is None else end):
            if pattern.match(self.lines[index].text):
                return index
        return None

    def require(self, pattern: re.Pattern[str], start: int = 0) -> int:
        index = self.find(pattern, start)
        if index is None:
            raise self.error(None, f"expected a line matching {pattern.pattern!r}; none found")
        return index

    def bullets_after(self, index: int) -> list[TextItem]:
        """The "- " bullets that follow line ``index``, skipping blank lines, up to the first other line."""
        items: list[TextItem] = []
        for line in self.lines[index + 1:]:
            if line.blank:
                if items:
                    break
                continue
            match = BULLET.match(line.text)
            if not match:
                break
            items.append(self.item(line, match.start("text")))
        return items

    def joined(self, lines: list[Line]) -> TextItem:
        """Paragraphs of one unit; a paragraph that starts in lower case continues across a page break."""
        text = ""
        for line in lines:
            part = clean(line.text)
            if not text:
                text = part
            elif part[:1].islower():
                text += " " + part
            else:
                text += "\n\n" + part
        return TextItem(text, self.span(lines[0].start, lines[-1].end))


def prose_item(page: Page, line: Line) -> TextItem:
    """A line of prose or a list item, without its bullet marker."""
    marker = re.match(r"^\s*-\s+", line.text)
    return page.item(line, marker.end() if marker else 0)


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive non-blank lines."""
    result: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                result.append(current)
            current = []
        else:
            current.append(line)
    if current:
        result.append(current)
    return result


def is_page_furniture(line: Line) -> bool:
    return bool(STRATEGY_HEADER.match(line.text) or ACTIONS_HEADER.match(line.text))
