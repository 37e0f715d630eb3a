"""What a user typed, resolved against the lookup index: organisation, programme and person names
(any name, acronym, alias or former name, in any case), chapter numbers, statuses, timings,
organisation kinds and action ids.

A name that finds nothing raises UnknownNameError with suggestions (a runtime error); a value
outside a fixed list raises InvalidValueError listing the valid values (a usage error).
Standard library only: every lookup imports this.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from .errors import AmbiguousNameError, InvalidValueError, UnknownNameError
from .names import compact_key, name_key  # standard library only: keeps lookups import-light

if TYPE_CHECKING:
    from .lookup import Index

TIMING_NAMES = {
    "immediate": "immediate",
    "longer-term": "longer-term",
    "longer term": "longer-term",
    "ongoing": "longer-term",
    "ongoing and longer term": "longer-term",
}


def all_names(index: Index, entity_type: str) -> dict[str, str]:
    """Display name -> entity id, over every name of every entity of the type."""
    result = {}
    for entity in index.entities.values():
        if entity["type"] != entity_type:
            continue
        for name in [entity["name"], *entity["acronyms"], *entity["aliases"], *(f["name"] for f in entity["former_names"])]:
            result[name] = entity["id"]
    for key, entity_id in index.names.items():
        if index.entities[entity_id]["type"] == entity_type:
            result.setdefault(key.upper() if " " not in key else key, entity_id)
    return result


def resolve_entity(index: Index, given: str, entity_type: str = "organisation") -> str:
    """An entity id for a name, acronym, alias or former name, in any case.

    Raises UnknownNameError with suggestions, or AmbiguousNameError listing the candidates.
    """
    what = {"organisation": "organisation", "programme": "programme", "person": "person"}[entity_type]
    key = name_key(given)
    entity_id = index.names.get(key)
    if entity_id and index.entities[entity_id]["type"] == entity_type:
        return entity_id
    names = all_names(index, entity_type)
    # The registry's identity: hyphens and spaces aside ("Furniture Re-use Network", "Capacity builders").
    same = sorted({entity_id for name, entity_id in names.items() if compact_key(name) == compact_key(given)})
    if len(same) == 1:
        return same[0]
    if key:
        # Whole-word containment: "Rural Communities" finds "Commission for Rural Communities".
        pattern = re.compile(rf"(^| ){re.escape(key)}( |$)")
        containing = sorted({entity_id for name, entity_id in names.items() if pattern.search(name_key(name))})
        if len(containing) == 1:
            return containing[0]
        if len(containing) > 1:
            raise AmbiguousNameError(what, given, sorted(index.entities[e]["name"] for e in containing))
    by_key = {name_key(name): name for name in names}
    close = difflib.get_close_matches(key, list(by_key), n=4, cutoff=0.6)
    suggestions = []
    for match in close:
        display = index.entities[names[by_key[match]]]["name"]
        if display not in suggestions:
            suggestions.append(display)
    raise UnknownNameError(what, given, suggestions)


def check_chapter(index: Index, chapter: int) -> int:
    if chapter not in index.chapters:
        raise InvalidValueError("chapter", str(chapter), [str(n) for n in sorted(index.chapters)])
    return chapter


def resolve_status(index: Index, given: str) -> str:
    key = name_key(given).replace(" ", "-")
    for status in index.statuses.values():
        if key in (status["id"], name_key(status["label"]).replace(" ", "-")):
            return status["id"]
    raise InvalidValueError("status", given, sorted(index.statuses))


def resolve_timing(given: str) -> str:
    timing = TIMING_NAMES.get(name_key(given).replace("-", " ")) or TIMING_NAMES.get(given.lower())
    if timing is None:
        raise InvalidValueError("timing", given, ["immediate", "longer-term"])
    return timing


def check_kind(index: Index, kind: str) -> str:
    kinds = sorted({e["kind"] for e in index.entities.values() if e["type"] == "organisation"})
    if kind not in kinds:
        raise InvalidValueError("organisation kind", kind, kinds)
    return kind


def check_action(index: Index, action_id: str) -> dict:
    if action_id in index.actions:
        return index.actions[action_id]
    close = difflib.get_close_matches(action_id, list(index.actions), n=3, cutoff=0.6)
    raise UnknownNameError("action id", action_id, close, None if close else ["1.1 .. 11.10"])
