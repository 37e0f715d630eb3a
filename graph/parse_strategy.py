"""Parse the 2008 strategy: themes, vision, overall objectives, chapters, case studies, actions.

The text is a PDF extraction: headings stand on lines of their own, bullets start with "- ",
lettered sub-items with " - a) ", and each page repeats a running header such as
"Our Actions – Achieving Together". Those headers are page furniture: they set the current
theme and are never kept in any text. ``*...*`` marks italics in the PDF; the words inside
are kept as hints for named things and the asterisks are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .model import Action, CaseStudy, Chapter, Document, Span, SubItem, TextItem, Theme

STRATEGY_HEADER = re.compile(r"^Our Strategy – (?P<theme>.+)$")
ACTIONS_HEADER = re.compile(r"^Our Actions – (?P<theme>.+)$")
CHAPTER_HEADING = re.compile(r"^(?P<number>\d{1,2})\. (?P<title>\S.*)$")
THEME_BULLET = re.compile(r"^- (?P<number>\d)\) (?P<name>.+?) – (?P<description>.+)$")
BULLET = re.compile(r"^- (?P<text>\S.*)$")
ACTION = re.compile(r"^- (?P<chapter>\d{1,2})\.(?P<number>\d{1,2}) (?P<text>\S.*)$")
SUB_ITEM = re.compile(r"^ - (?P<letter>[a-z])\) (?P<text>\S.*)$")
TIMING = re.compile(r"^(?P<label>Immediate actions|Ongoing and [Ll]onger term actions):$")
CASE_STUDIES = re.compile(r"^Defra in partnership, partnerships in action:?$")
URL_LINE = re.compile(r"^<?(?P<url>(?:https?://|www\.)[^\s>]+)>?$")
TOC_LINE = re.compile(r"\t\d+$")
TITLE_END = re.compile(r"[.:;'\"”’)]$")
ITALIC = re.compile(r"(?<!\*)\*(?!\*)([^*\n]+?)(?<!\*)\*(?!\*)")

TIMINGS = {"immediate actions": "immediate", "ongoing and longer term actions": "longer-term"}
# A case study title is a short line with no closing punctuation. Shorter ones ("Eco-Schools",
# "Beaches") are sub-headings inside a case study; longer ones are paragraphs cut by a page break.
MIN_CASE_STUDY_TITLE_WORDS = 5
MAX_CASE_STUDY_TITLE_CHARS = 120


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


@dataclass
class Strategy:
    document: Document
    themes: list[Theme] = field(default_factory=list)
    vision: list[TextItem] = field(default_factory=list)
    overall_objectives: list[TextItem] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    case_studies: list[CaseStudy] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    def chapter(self, number: int) -> Chapter:
        return next(c for c in self.chapters if c.number == number)


def split_lines(document: Document) -> list[Line]:
    lines = []
    for number, start in enumerate(document.line_starts, 1):
        end = document.text.find("\n", start)
        end = len(document.text) if end < 0 else end
        lines.append(Line(number, start, document.text[start:end].rstrip("\r")))
    return lines


class StrategyParser:
    def __init__(self, document: Document) -> None:
        self.doc = document
        self.path = Path(document.path)
        self.lines = split_lines(document)
        self.result = Strategy(document)

    def error(self, line: Line | None, message: str) -> SourceError:
        return SourceError(self.path, message, line.number if line else None)

    def span(self, start: int, end: int) -> Span:
        return Span(self.doc.id, start, end)

    def item(self, line: Line, text_start: int) -> TextItem:
        return TextItem(clean(line.text[text_start:]), self.span(line.start + text_start, line.end))

    def find(self, pattern: re.Pattern[str] | str, start: int = 0) -> int:
        for index in range(start, len(self.lines)):
            text = self.lines[index].text
            if (pattern.match(text) if isinstance(pattern, re.Pattern) else text == pattern):
                return index
        raise self.error(None, f"expected a line matching {getattr(pattern, 'pattern', pattern)!r}; none found")

    def bullets_after(self, index: int) -> list[TextItem]:
        """The "- " bullets that follow line ``index``, skipping blank lines, up to the first other line."""
        items = []
        for line in self.lines[index + 1:]:
            if not line.text.strip():
                if items:
                    break
                continue
            match = BULLET.match(line.text)
            if not match:
                break
            items.append(self.item(line, match.start("text")))
        return items

    def parse(self) -> Strategy:
        self.parse_front_matter()
        strategy_start = self.find(STRATEGY_HEADER)
        monitoring = self.find(re.compile(r"^Monitoring and [Rr]eviewing our [Ss]trategy$"), strategy_start)
        self.parse_chapters(strategy_start, monitoring)
        actions_start = self.find(ACTIONS_HEADER, monitoring)
        annex = self.find(re.compile(r"^Annex \d+ –"), actions_start)
        self.parse_actions(actions_start, annex)
        return self.result

    # -- front matter ---------------------------------------------------------------------
    def parse_front_matter(self) -> None:
        for line in self.lines:
            match = THEME_BULLET.match(line.text)
            if match:
                self.result.themes.append(
                    Theme(
                        number=int(match["number"]),
                        name=match["name"].strip(),
                        description=clean(match["description"]),
                        span=self.span(line.start + 2, line.end),
                    )
                )
        if not self.result.themes:
            raise self.error(None, "no themes found (expected foreword bullets such as '- 1) Achieving together – ...')")
        vision = self.find(re.compile(r"^Our five year vision is"))
        self.result.vision = self.bullets_after(vision)
        objectives = self.find(re.compile(r"^Our overall objectives are to:"))
        self.result.overall_objectives = self.bullets_after(objectives)

    def theme_number(self, name: str, line: Line) -> int:
        for theme in self.result.themes:
            if theme.name.lower() == name.strip().lower():
                theme.name = name.strip()  # the running header's capitalisation is the title form
                return theme.number
        known = ", ".join(t.name for t in self.result.themes)
        raise self.error(line, f"unknown theme {name!r} in page header; known themes: {known}")

    # -- chapters and case studies --------------------------------------------------------
    def parse_chapters(self, first: int, last: int) -> None:
        theme = 0
        chapter: Chapter | None = None
        section = ""
        paragraphs: list[Line] = []
        case_lines: list[Line] = []

        def close_section() -> None:
            nonlocal paragraphs, case_lines
            if chapter is not None and section == "overview" and paragraphs:
                chapter.overview = self.joined(paragraphs)
            if chapter is not None and section == "cases" and case_lines:
                self.case_studies(chapter, case_lines)
            paragraphs, case_lines = [], []

        for line in self.lines[first:last]:
            text = line.text
            header = STRATEGY_HEADER.match(text)
            if header:
                theme = self.theme_number(header["theme"], line)
                continue
            heading = CHAPTER_HEADING.match(text)
            if heading:
                close_section()
                number = int(heading["number"])
                if any(c.number == number for c in self.result.chapters):
                    raise self.error(line, f"chapter {number} appears twice")
                if theme == 0:
                    raise self.error(line, f"chapter {number} has no theme header before it")
                chapter = Chapter(number, clean(heading["title"]), theme, self.span(line.start, line.end))
                self.result.chapters.append(chapter)
                section = ""
                continue
            if chapter is None or not text.strip() or TOC_LINE.search(text):
                continue
            marker = text.strip()
            if marker == "Overview:":
                close_section()
                section = "overview"
            elif marker == "Objectives:":
                close_section()
                section = "objectives"
            elif marker == "What will success look like?":
                close_section()
                section = "success"
            elif CASE_STUDIES.match(marker):
                close_section()
                section = "cases"
            elif section == "overview":
                paragraphs.append(line)
            elif section in ("objectives", "success"):
                bullet = BULLET.match(text)
                target = chapter.objectives if section == "objectives" else chapter.success
                if bullet:
                    target.append(self.item(line, bullet.start("text")))
                elif section == "objectives":
                    # A lead-in such as "Work with Defra's delivery bodies and the third sector to:"
                    # belongs to every objective after it; keep it as an objective of its own.
                    target.append(self.item(line, 0))
            elif section == "cases":
                case_lines.append(line)
        close_section()
        numbers = [c.number for c in self.result.chapters]
        if numbers != list(range(1, len(numbers) + 1)):
            raise self.error(None, f"chapters are not numbered 1..n in order: {numbers}")

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

    def case_studies(self, chapter: Chapter, lines: list[Line]) -> None:
        groups: list[list[Line]] = []
        for line in lines:
            text = line.text.strip()
            is_title = (
                not BULLET.match(line.text)
                and not URL_LINE.match(text)
                and not TITLE_END.search(text)
                and len(text.split()) >= MIN_CASE_STUDY_TITLE_WORDS
                and len(text) <= MAX_CASE_STUDY_TITLE_CHARS
            )
            if is_title:
                groups.append([line])
            elif groups:
                groups[-1].append(line)
            # Lines before the first title introduce the case studies; they are not one.
        for index, group in enumerate(groups, 1):
            title, body = group[0], group[1:]
            urls = [URL_LINE.match(l.text.strip())["url"] for l in body if URL_LINE.match(l.text.strip())]
            content = [l for l in body if not URL_LINE.match(l.text.strip())]
            text = self.joined(content).text if content else ""
            self.result.case_studies.append(
                CaseStudy(
                    id=f"{chapter.number}-{index}",
                    chapter=chapter.number,
                    title=clean(title.text),
                    text=text,
                    span=self.span(title.start, group[-1].end),
                    urls=urls,
                )
            )

    # -- actions --------------------------------------------------------------------------
    def parse_actions(self, first: int, last: int) -> None:
        chapter = 0
        timing: str | None = None
        subheading: str | None = None
        seen: dict[str, int] = {}
        known = {c.number for c in self.result.chapters}
        current: Action | None = None
        for line in self.lines[first:last]:
            text = line.text
            if not text.strip() or ACTIONS_HEADER.match(text):
                continue
            heading = CHAPTER_HEADING.match(text)
            if heading:
                chapter = int(heading["number"])
                if chapter not in known:
                    raise self.error(line, f"unknown chapter {chapter} in the actions; known chapters: 1..{max(known)}")
                timing, subheading, current = None, None, None
                continue
            timing_match = TIMING.match(text)
            if timing_match:
                timing = TIMINGS[timing_match["label"].lower()]
                subheading, current = None, None
                continue
            action = ACTION.match(text)
            if action:
                current = self.action(line, action, chapter, timing, subheading, seen)
                continue
            sub = SUB_ITEM.match(text)
            if sub:
                if current is None:
                    raise self.error(line, "a lettered sub-item stands before any action")
                current.subitems.append(
                    SubItem(sub["letter"], clean(sub["text"]), self.span(line.start + sub.start("letter"), line.end))
                )
                current.text += f"\n{sub['letter']}) {clean(sub['text'])}"
                current.hints += italic_hints(sub["text"])
                current.span = self.span(current.span.start, line.end)
                continue
            if BULLET.match(text):
                raise self.error(line, "a bullet in the actions that is not a numbered action (expected '- N.M text')")
            if chapter == 0:
                continue
            # Any other line inside a chapter is a sub-heading such as "Volunteering" or "Places:".
            subheading, current = clean(text).rstrip(":"), None

    def action(
        self,
        line: Line,
        match: re.Match[str],
        chapter: int,
        timing: str | None,
        subheading: str | None,
        seen: dict[str, int],
    ) -> Action:
        action_id = f"{int(match['chapter'])}.{int(match['number'])}"
        if chapter == 0:
            raise self.error(line, f"action {action_id} stands before any chapter heading")
        if int(match["chapter"]) != chapter:
            raise self.error(line, f"action {action_id} stands under chapter {chapter}")
        if timing is None:
            raise self.error(line, f"action {action_id} has no timing heading (Immediate / Ongoing and longer term)")
        if action_id in seen:
            raise self.error(line, f"duplicate action id {action_id} (first at line {seen[action_id]})")
        seen[action_id] = line.number
        result = Action(
            id=action_id,
            chapter=chapter,
            number=int(match["number"]),
            timing=timing,
            subheading=subheading,
            text=clean(match["text"]),
            span=self.span(line.start + match.start("chapter"), line.end),
            line=line.number,
            hints=italic_hints(match["text"]),
        )
        self.result.actions.append(result)
        return result


def parse_strategy(document: Document) -> Strategy:
    strategy = StrategyParser(document).parse()
    if not strategy.actions:
        raise SourceError(document.path, "no actions found (expected lines such as '- 1.1 Set up ...')")
    return strategy
