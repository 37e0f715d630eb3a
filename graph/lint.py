"""Checking the curated data and the manifest: JSON Schema, registry invariants, canonical form, redundant names.

``lint`` reports one line per problem, each naming the file and, where there is one, the record;
it rewrites files canonically (sorted keys, two-space indent, records sorted by id, word lists
sorted) unless asked only to check. A name is redundant when another name of the same record
already covers it after normalisation (graph.names): same words, a case the matcher accepts,
and no possessive the other lacks ("Climate Group" beside "The Climate Group").
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .names import case_fits, compact_key, tokens
from .registry import FILES_BY_TYPE, LIST_KEYS, REGISTRY_FILES, Entity, Registry, canonical_json, load_registry
from .schema import schema_problems
from .sources import manifest_entries, read_json

MANIFEST = "sources.json"
LINTED_FILES = (*REGISTRY_FILES, MANIFEST)  # the manifest keeps its order: it is the documents' order
SORTED_RECORDS = {FILES_BY_TYPE[entity_type]: key for entity_type, key in LIST_KEYS.items()}

SORTED_WORD_LISTS = {"curation.json": ("generic_words", "group_words", "name_words", "not_names")}
CASE_INSENSITIVE_MIN_WORDS = 3


@dataclass
class LintReport:
    problems: list[str] = field(default_factory=list)
    rewritten: list[Path] = field(default_factory=list)


def canonical_data(file_name: str, data: dict) -> dict:
    """The canonical arrangement of a curated file's content (key order is canonical_json's)."""
    data = dict(data)
    key = SORTED_RECORDS.get(file_name)
    if key and isinstance(data.get(key), list):
        data[key] = sorted(data[key], key=lambda r: r.get("id", "") if isinstance(r, dict) else "")
    for key in SORTED_WORD_LISTS.get(file_name, ()):
        if isinstance(data.get(key), list) and all(isinstance(w, str) for w in data[key]):
            data[key] = sorted(data[key])
    return data


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def lint(data_dir: Path, check: bool = False) -> LintReport:
    """Check every input file once (JSON, schema, canonical form), then the registry's and the
    manifest's invariants on the content already read."""
    report = LintReport()
    checked: dict[str, dict] = {}
    for file_name in LINTED_FILES:
        path = data_dir / file_name
        try:
            text, data = read_json(path)
        except SourceError as exc:
            report.problems.append(str(exc))
            continue
        problems = schema_problems(path, data)
        report.problems += problems
        if problems:
            continue  # records without ids cannot be sorted: fix the schema problems first
        checked[file_name] = data  # type: ignore[assignment]
        canonical = canonical_json(canonical_data(file_name, data))  # type: ignore[arg-type]
        if canonical != text:
            if check:
                report.problems.append(f"{path}: not stored canonically (run `tsgraph lint` to rewrite it)")
            else:
                write_atomically(path, canonical)
                report.rewritten.append(path)
    if len(checked) == len(LINTED_FILES):
        try:
            manifest_entries(data_dir, checked.pop(MANIFEST))
            registry = load_registry(data_dir, checked)
        except SourceError as exc:
            report.problems.append(str(exc))
        else:
            report.problems += redundant_names(data_dir, registry)
    return report


def _words(name: str) -> list[str]:
    words = [t.text for t in tokens(name) if t.norm]
    return words[1:] if len(words) > 1 and words[0].lower() == "the" else words


def _possessive(name: str) -> bool:
    return any(t.possessive for t in tokens(name))


def covers(name: str, other: str) -> bool:
    """Whether ``name`` makes ``other`` unnecessary: the matcher finds every writing of ``other`` through it."""
    if compact_key(name) != compact_key(other):
        return False
    if _possessive(other) and not _possessive(name):
        return False  # "Prince's Charities" is needed: a possessive in the text otherwise ends a name
    return len(name.split()) >= CASE_INSENSITIVE_MIN_WORDS or case_fits(_words(other), _words(name))


def redundant_names(data_dir: Path, registry: Registry) -> list[str]:
    problems = []
    for entity in sorted(registry.entities.values(), key=lambda e: (e.type, e.id)):
        path = data_dir / FILES_BY_TYPE[entity.type]
        for message in _redundant_in(registry, entity):
            problems.append(f"{path}: record {entity.id!r}: {message}")
    return problems


def _redundant_in(registry: Registry, entity: Entity) -> list[str]:
    messages = []
    kept = [entity.name]
    for field_name, names in (("acronym", entity.acronyms), ("alias", entity.aliases)):
        for name in names:
            cover = next((k for k in kept if covers(k, name)), None)
            if cover is None:
                kept.append(name)
            elif cover == name:
                messages.append(f"{field_name} {name!r} repeats a name of the record")
            else:
                messages.append(f"{field_name} {name!r} is redundant: the normalisation already finds it as {cover!r}")
    derived = registry.generic_forms(Entity(entity.id, entity.type, entity.name, entity.kind, entity.acronyms,
                                            entity.aliases, entity.former_names, entity.record))
    for name in entity.generic_aliases:
        if any(compact_key(k) == compact_key(name) for k in kept):
            messages.append(f"generic alias {name!r} is also a name of the record")
        elif compact_key(name) in {compact_key(form) for form in derived}:
            messages.append(f"generic alias {name!r} is redundant: it is a generic tail of the record's names")
    return messages
