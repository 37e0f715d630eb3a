"""Forewords: their paragraphs and the signature blocks that close them.

A signature block is a run of short lines: the signatory's name (with any honorific and
post-nominals), then the posts held, one or more lines each. In the PDF extraction the
signature itself appears as a line describing the image ("A handwritten signature in blue ink,
appearing to read 'H. Benn'."); that line marks the block after it and is kept as a note,
never as content. A block with no such line is still a signature if it closes the foreword and
reads as one (no line ends a sentence).
"""

from __future__ import annotations

import re

from ..model import Foreword, Signatory, TextItem
from .front import FrontSection
from .text import Line, Page, blocks, prose_item

# The image's description: "A handwritten signature in blue ink ...", "[signature]".
SIGNATURE_IMAGE = re.compile(r"^(?:\[\s*signature[^\]]*\]|(?:An?|The) (?:[\w-]+ ){0,3}signature\b.*)$", re.IGNORECASE)
HONORIFIC = re.compile(
    r"^(?:The )?(?:(?:Rt\.? Hon\.?|Right Honourable|Hon\.?|Sir|Dame|Lord|Lady|Baroness|Baron|Dr\.?|Professor|Prof\.?|"
    r"Mr\.?|Mrs\.?|Ms\.?|Miss)\s+)+"
)
# Letters after a name, read backwards from the end of the line (a pattern searched from every
# space of a long line of them read the rest of the line each time).
POST_NOMINALS = frozenset("MP MEP MSP AM MLA QC KC JP PC OBE CBE MBE KBE DBE FRS PhD".split())
LONGEST_SIGNATURE_LINE = 90  # characters; prose runs longer
# A role line continues the one before when that one ends mid-phrase.
CONTINUES = re.compile(r"(?:,|\b(?:and|of|for|the|on|in|to|&))$")
NEXT_ROLE = re.compile(r",\s+and\s+")


def parse_forewords(page: Page, sections: list[FrontSection]) -> list[Foreword]:
    forewords = []
    for section in (s for s in sections if s.kind == "foreword"):
        foreword = Foreword(
            id=f"foreword-{len(forewords) + 1}",
            title=section.heading.text.strip(),
            span=page.span(section.heading.start, section.heading.end),
        )
        read_foreword(page, foreword, section.body)
        forewords.append(foreword)
    return forewords


def read_foreword(page: Page, foreword: Foreword, lines: list[Line]) -> None:
    groups = blocks(lines)
    # closing[i]: every block from the i-th on is an image or reads as a signature (found once, backwards).
    closing = [True] * (len(groups) + 1)
    for position in range(len(groups) - 1, -1, -1):
        closing[position] = closing[position + 1] and (is_image(groups[position]) or reads_as_signature(groups[position]))
    image: Line | None = None
    for position, group in enumerate(groups):
        if is_image(group):
            image = group[0]
            continue
        if image is not None or (foreword.paragraphs and closing[position] and reads_as_signature(group)):
            foreword.signatories.append(signatory(page, group, image))
            image = None
        elif foreword.signatories:
            raise page.error(group[0], f"prose after the signatures of {foreword.title!r}")
        else:
            foreword.paragraphs.extend(prose_item(page, line) for line in group)
    if image is not None:
        raise page.error(image, "a signature with no name after it")


def is_image(group: list[Line]) -> bool:
    return len(group) == 1 and bool(SIGNATURE_IMAGE.match(group[0].text.strip()))


def reads_as_signature(group: list[Line]) -> bool:
    return all(
        len(line.text.strip()) <= LONGEST_SIGNATURE_LINE and not line.text.rstrip().endswith((".", ":", ";"))
        for line in group
    )


def signatory(page: Page, group: list[Line], image: Line | None) -> Signatory:
    name_line = group[0]
    text = name_line.text.rstrip()
    honorific = HONORIFIC.match(text)
    letters = post_nominals_start(text)
    name_start = honorific.end() if honorific else len(text) - len(text.lstrip())
    name_end = len(text) if letters is None else letters
    if name_end <= name_start:
        raise page.error(name_line, "a signature block without a name")
    name = TextItem(text[name_start:name_end], page.span(name_line.start + name_start, name_line.start + name_end))
    return Signatory(
        name=name,
        honorific=" ".join(honorific.group(0).split()) if honorific else None,
        post_nominals=[] if letters is None else text[letters:].split(),
        roles=roles(page, group[1:]),
        span=page.span(name_line.start, group[-1].end),
        signature=page.span(image.start, image.end) if image else None,
    )


def post_nominals_start(text: str) -> int | None:
    """Where the post-nominals ending ``text`` start, with the white space before them, or None."""
    position, found = len(text), None
    while True:
        word = position
        while word > 0 and not text[word - 1].isspace():
            word -= 1
        if word == 0 or text[word:position] not in POST_NOMINALS:
            return found
        while word > 0 and text[word - 1].isspace():
            word -= 1
        found = position = word


def roles(page: Page, lines: list[Line]) -> list[TextItem]:
    """Role lines grouped into posts: a line continues a post that ended mid-phrase, and ", and"
    between two posts on the same run separates them."""
    runs: list[list[Line]] = []
    for line in lines:
        if runs and CONTINUES.search(runs[-1][-1].text.rstrip()):
            runs[-1].append(line)
        else:
            runs.append([line])
    result = []
    for run in runs:
        start, end = run[0].start, run[-1].start + len(run[-1].text.rstrip())
        raw = page.doc.text[start:end]
        cut = 0
        for match in NEXT_ROLE.finditer(raw):
            result.append(span_item(page, start + cut, start + match.start()))
            cut = match.end()
        result.append(span_item(page, start + cut, end))
    return result


def span_item(page: Page, start: int, end: int) -> TextItem:
    raw = page.doc.text[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip().rstrip(","))
    return TextItem(" ".join(page.doc.text[start:end].split()), page.span(start, end))
