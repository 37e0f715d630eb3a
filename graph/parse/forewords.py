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
POST_NOMINAL = re.compile(r"(?:\s+(?:MP|MEP|MSP|AM|MLA|QC|KC|JP|PC|OBE|CBE|MBE|KBE|DBE|FRS|PhD))+$")
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
    image: Line | None = None
    for position, group in enumerate(groups):
        if is_image(group):
            image = group[0]
            continue
        closing = all(reads_as_signature(g) for g in groups[position:] if not is_image(g))
        if image is not None or (foreword.paragraphs and closing and reads_as_signature(group)):
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
    post_nominals = POST_NOMINAL.search(text)
    name_start = honorific.end() if honorific else len(text) - len(text.lstrip())
    name_end = post_nominals.start() if post_nominals else len(text)
    if name_end <= name_start:
        raise page.error(name_line, "a signature block without a name")
    name = TextItem(text[name_start:name_end], page.span(name_line.start + name_start, name_line.start + name_end))
    return Signatory(
        name=name,
        honorific=" ".join(honorific.group(0).split()) if honorific else None,
        post_nominals=post_nominals.group(0).split() if post_nominals else [],
        roles=roles(page, group[1:]),
        span=page.span(name_line.start, group[-1].end),
        signature=page.span(image.start, image.end) if image else None,
    )


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
