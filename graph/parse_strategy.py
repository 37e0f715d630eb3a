"""Parse the 2008 strategy, section by section (each in a module of ``graph.parse``): forewords
and signatories, how it was developed, the Deal, the vision and overall objectives, themes,
chapters and case studies, monitoring, actions and annexes.

The text is a PDF extraction: headings stand on lines of their own and each page repeats a
running header such as "Our Actions – Achieving Together". Those headers are page furniture:
they set the current theme and are never kept in any text.
"""

from __future__ import annotations

from .errors import SourceError
from .model import Document, Strategy
from .parse.actions import parse_actions
from .parse.annexes import ANNEX_HEADING, parse_annexes
from .parse.chapters import parse_chapters
from .parse.deal import parse_deal
from .parse.forewords import parse_forewords
from .parse.front import front_sections, parse_themes, parse_vision, vision_paragraphs
from .parse.sections import MONITORING_HEADING, parse_development, parse_monitoring
from .parse.text import ACTIONS_HEADER, STRATEGY_HEADER, Line, Page, clean, italic_hints, split_lines

__all__ = ["Line", "Strategy", "clean", "italic_hints", "parse_strategy", "split_lines"]


def parse_strategy(document: Document) -> Strategy:
    page = Page(document)
    strategy = Strategy(document)
    strategy.themes = parse_themes(page)
    strategy.vision, strategy.overall_objectives = parse_vision(page)
    sections = front_sections(page)
    strategy.forewords = parse_forewords(page, sections)
    strategy.development = parse_development(page, sections)
    strategy.deal = parse_deal(page, sections)
    strategy.vision_paragraphs = vision_paragraphs(page, next((s for s in sections if s.kind == "vision"), None))
    strategy_start = page.require(STRATEGY_HEADER)
    monitoring = page.require(MONITORING_HEADING, strategy_start)
    strategy.chapters, strategy.case_studies = parse_chapters(page, strategy.themes, strategy_start, monitoring)
    actions_start = page.require(ACTIONS_HEADER, monitoring)
    strategy.monitoring = parse_monitoring(page, monitoring, actions_start)
    annex = page.find(ANNEX_HEADING, actions_start)
    actions_end = len(page.lines) if annex is None else annex
    strategy.actions = parse_actions(page, {c.number for c in strategy.chapters}, actions_start, actions_end)
    strategy.annexes = parse_annexes(page, actions_end)
    if not strategy.actions:
        raise SourceError(document.path, "no actions found (expected lines such as '- 1.1 Set up ...')")
    return strategy
