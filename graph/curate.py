"""The curation loop: the names the registry does not know yet, and adding them to it.

``unresolved`` reads a data folder (sources and registry), resolves the names and lists each
unresolved one with its quotes, the nearest registry entries (rapidfuzz) and a kind proposed from
its head word. ``accept`` adds a name as an alias of an entry; ``add`` adds a new entry, with the
quote that shows the name as its source. Both write the registry canonically and atomically, and
undo the write if the registry no longer loads (a name two entries would share, say).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .errors import RegistryError, UnknownNameError
from .lint import canonical_data, write_atomically
from .model import Document, Span
from .names import compact_key, name_key, name_words, slug
from .registry import FILES_BY_TYPE, LIST_KEYS, ORGANISATION_KINDS, POST_MODIFIERS, PROGRAMME_KINDS, Registry, \
    canonical_json, load_registry
from .sources import load_json
from .vocab import cite

# The head word of a name suggests its kind; the curator decides.
KIND_BY_HEAD = {
    "network-umbrella": ("network", "federation", "association", "alliance", "coalition", "union"),
    "partnership-group": ("board", "group", "subgroup", "forum", "partnership", "panel", "committee", "force",
                          "taskforce", "consortium", "steering"),
    "charity-ngo": ("trust", "foundation", "society", "charity", "institute"),
    "public-body": ("agency", "commission", "authority", "council"),
    "government-department": ("department", "ministry"),
    "social-enterprise": ("cic", "cooperative", "enterprise"),
    "company": ("ltd", "limited", "plc"),
    "defra-unit": ("unit", "team", "directorate", "division"),
    "programme": ("programme",),
    "fund": ("fund",),
    "award": ("award", "mark"),
    "campaign": ("campaign",),
    "project": ("project",),
    "legislation": ("act", "bill", "directive", "regulation"),
    "policy": ("strategy", "policy", "plan", "framework"),
    "initiative": ("initiative",),
}
NEAREST = 3
NEAREST_CUTOFF = 60
QUOTE_LIMIT = 240


def proposed_kind(name: str) -> str:
    """The kind its head word suggests: the last word before "of", "for" ... ("Steering group of X": group)."""
    words = name_words(name)
    cut = next((i for i, w in enumerate(words) if w in POST_MODIFIERS and i > 0), len(words))
    head = words[:cut][-1] if words[:cut] else ""
    return next((kind for kind, heads in KIND_BY_HEAD.items() if head in heads), "unknown")


def nearest(registry: Registry, name: str) -> list[dict]:
    """The registry entries whose names come closest to ``name`` (best first)."""
    from rapidfuzz import fuzz, process

    choices = {}
    for entity in sorted(registry.entities.values(), key=lambda e: e.id):
        for entity_name in entity.names():
            choices.setdefault(name_key(entity_name), entity.id)
    results = []
    for key, score, _ in process.extract(name_key(name), list(choices), scorer=fuzz.token_set_ratio, limit=None,
                                         score_cutoff=NEAREST_CUTOFF):
        results.append((score, choices[key]))
    best: dict[str, float] = {}
    for score, entity_id in results:
        best[entity_id] = max(best.get(entity_id, 0), score)
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:NEAREST]
    return [{"id": i, "name": registry.entities[i].name, "type": registry.entities[i].type, "score": round(s)} for i, s in ranked]


def sentence_around(document: Document, span: Span) -> Span:
    """The sentence (or table cell) holding a span, at most QUOTE_LIMIT characters."""
    text = document.text
    start = span.start
    while start > 0 and text[start - 1] not in "\t\n" and not re.match(r"[.!?]\s", text[start - 2:start]):
        start -= 1
    end = span.end
    while end < len(text) and text[end] not in "\t\n" and not (text[end - 1] in ".!?" and text[end].isspace()):
        end += 1
    if end - start > QUOTE_LIMIT:  # a long sentence: the words around the name, cut at spaces
        room = max((QUOTE_LIMIT - (span.end - span.start)) // 2, 0)
        left, right = max(start, span.start - room), min(end, span.end + room)
        while left < span.start and not text[left - 1].isspace():
            left += 1
        while right > span.end and not text[right].isspace():
            right -= 1
        start, end = left, right
    while text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(span.doc, start, end)


def _corpus(data_dir: Path):
    from .resolve import build_corpus
    from .sources import load_documents

    return build_corpus(load_documents(data_dir), load_registry(data_dir))


def unresolved(data_dir: Path) -> list[dict]:
    """Every unresolved name with its quotes, nearest entries and proposed kind, most frequent first."""
    corpus = _corpus(data_dir)
    rows = []
    for candidate in corpus.candidates:
        quotes = []
        for span in candidate.spans:
            around = sentence_around(corpus.documents[span.doc], span)
            source = {"document": around.doc, "start": around.start, "end": around.end, "quote": corpus.quote(around)}
            quotes.append({"source": cite(source), "name_at": cite({"document": span.doc, "start": span.start, "end": span.end}),
                           "quote": source["quote"]})
        rows.append({
            "name": candidate.name,
            "occurrences": len(candidate.spans),
            "reason": candidate.reason,
            "proposed_kind": proposed_kind(candidate.name),
            "nearest": nearest(corpus.registry, candidate.name),
            "quotes": quotes,
        })
    return rows


def _read(data_dir: Path, entity_type: str) -> tuple[Path, dict]:
    path = data_dir / FILES_BY_TYPE[entity_type]
    return path, load_json(path)  # type: ignore[return-value] - checked against its schema by load_registry


def _write_checked(data_dir: Path, path: Path, data: dict) -> None:
    """Write canonically; put the old file back if the registry no longer loads."""
    before = path.read_text(encoding="utf-8")
    write_atomically(path, canonical_json(canonical_data(path.name, data)))
    try:
        load_registry(data_dir)
    except Exception:
        write_atomically(path, before)
        raise


def accept(data_dir: Path, name: str, entity_id: str) -> str:
    """Add ``name`` as an alias of the entry ``entity_id``."""
    registry = load_registry(data_dir)
    entity = registry.entities.get(entity_id)
    if entity is None or entity.type == "person":
        ids = sorted(e.id for e in registry.entities.values() if e.type != "person")
        raise UnknownNameError("registry entry", entity_id, difflib.get_close_matches(entity_id, ids, n=3))
    path, data = _read(data_dir, entity.type)
    owner = registry.resolve(name, entity.type)
    if owner is not None and owner.id == entity.id:
        return f"{name!r} already names {entity.id!r} ({entity.name}); {path} is unchanged"
    if owner is not None:
        raise RegistryError(path, f"{name!r} already names {owner.id!r} ({owner.name})")
    record = next(r for r in data[LIST_KEYS[entity.type]] if r["id"] == entity.id)
    record["aliases"] = [*record.get("aliases", []), name]
    _write_checked(data_dir, path, data)
    return f"added {name!r} as an alias of {entity.id!r} ({entity.name}) in {path}"


def add(data_dir: Path, name: str, kind: str, entity_id: str | None = None) -> str:
    """Add a new organisation or programme (by kind), with the quote that shows its name as source."""
    entity_type = "organisation" if kind in ORGANISATION_KINDS else "programme"
    if kind not in ORGANISATION_KINDS and kind not in PROGRAMME_KINDS:
        raise UnknownNameError("kind", kind, [], sorted([*ORGANISATION_KINDS, *PROGRAMME_KINDS]))
    corpus = _corpus(data_dir)
    registry = corpus.registry
    path, data = _read(data_dir, entity_type)
    entity_id = entity_id or slug(name)
    if entity_id in registry.entities:
        raise RegistryError(path, f"id {entity_id!r} is taken by {registry.entities[entity_id].name!r}; choose another with --id")
    owner = registry.resolve(name, entity_type)
    if owner is not None:
        raise RegistryError(path, f"{name!r} already names {owner.id!r} ({owner.name}); use --accept to add a name")
    record: dict = {"id": entity_id, "kind": kind, "name": name}
    candidate = next((c for c in corpus.candidates if compact_key(c.name) == compact_key(name)), None)
    if candidate is not None:
        span = candidate.spans[0]
        around = sentence_around(corpus.documents[span.doc], span)
        record["source"] = {"document": span.doc, "quote": corpus.quote(around)}
    data[LIST_KEYS[entity_type]].append(record)
    _write_checked(data_dir, path, data)
    sourced = f", source {cite({'document': span.doc, 'start': around.start, 'end': around.end})}" if candidate else " (no source: not among the unresolved names)"
    return f"added {entity_type} {entity_id!r} ({name}, {kind}) to {path}{sourced}"
