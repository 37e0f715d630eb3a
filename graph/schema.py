"""The JSON Schemas of the input files (data/schema/), and checking a file against its schema.

Every input file has one: the manifest (sources.json) and each curated registry file. Its shape
(keys, types, ids, lists of strings, no unknown keys) is checked here; its loader checks what a
schema cannot say (a rule's pattern compiles, a rule names a listed status, a path stays inside
the data folder, parents form no cycle).

The schemas belong to the code: a data folder given with ``--data`` is checked against the
bundled ones. jsonschema is imported only when a file is checked, never by a lookup, and each
validator is compiled once per process.
"""

from __future__ import annotations

import json
import re
import reprlib
from functools import lru_cache
from pathlib import Path

from .errors import SourceError
from .sources import DEFAULT_DATA_DIR

SCHEMA_DIR = DEFAULT_DATA_DIR / "schema"
SCHEMA_FILES = {
    "sources.json": "sources.schema.json",
    "organisations.json": "organisations.schema.json",
    "programmes.json": "programmes.schema.json",
    "people.json": "people.schema.json",
    "curation.json": "curation.schema.json",
    "status_rules.json": "status_rules.schema.json",
}
RECORD_LISTS = {"organisations.json": "organisations", "programmes.json": "programmes", "people.json": "people",
                "sources.json": "sources"}
STOPWORDS_FILE = SCHEMA_DIR / "stopwords.json"

_short = reprlib.Repr()  # values in messages: a huge or deeply nested value stays one short line
_short.maxstring, _short.maxother, _short.maxlevel, _short.maxlist, _short.maxdict = 60, 60, 2, 4, 4


def is_lower_case(value: object) -> bool:
    """The format "lower-case" of an id: no upper-case letter in any script."""
    return not isinstance(value, str) or value == value.lower()


def is_calendar_date(value: object) -> bool:
    """The format "calendar" of a month or day: one the calendar has (2009-11, 2012-02-29; not
    2009-13 or 2011-02-29). The pattern has already checked the shape."""
    import datetime

    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", value):
        return True  # the pattern's business
    try:
        datetime.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


@lru_cache(maxsize=None)
def _pattern_regex(pattern: str) -> re.Pattern:
    # JSON Schema patterns are ECMA-262's, where "$" ends the text; in Python it also matches
    # before a final newline, which would let "rspb\n" pass as an id.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator, pattern, instance, schema):
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _pattern_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=None)
def id_pattern() -> str:
    return schema_of("common.schema.json")["$defs"]["id"]["pattern"]


def is_id(value: str) -> bool:
    """The one rule for ids in every input file (data/schema/common.schema.json#/$defs/id)."""
    return bool(_pattern_regex(id_pattern()).search(value)) and is_lower_case(value)


@lru_cache(maxsize=None)
def _schemas():
    """Every bundled schema by file name, and the registry that resolves their references."""
    from referencing import Registry, Resource

    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }
    resources = [(schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()]
    return schemas, Registry().with_resources(resources)


@lru_cache(maxsize=None)
def _validator(file_name: str):
    import jsonschema

    schemas, registry = _schemas()
    schema = schemas[SCHEMA_FILES[file_name]]
    base = jsonschema.validators.validator_for(schema)
    base.check_schema(schema)
    cls = jsonschema.validators.extend(base, {"pattern": _pattern})
    formats = jsonschema.FormatChecker(formats=())  # only ours: the standard ones cost imports and are not used
    formats.checks("lower-case")(is_lower_case)
    formats.checks("calendar")(is_calendar_date)
    return cls(schema, registry=registry, format_checker=formats)


def json_path(parts) -> str:
    """Where in the file: organisations[3].aliases; "top level" for the whole document."""
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif str(part).replace("_", "a").replace("-", "a").isalnum():
            path += f".{part}" if path else str(part)
        else:
            path += f"[{_short.repr(part)}]"
    return path or "top level"


def _record_label(file_name: str, data: object, parts: list) -> str:
    """"record 'acre'" when the path runs through a record of a registry list."""
    key = RECORD_LISTS.get(file_name)
    if key and len(parts) >= 2 and parts[0] == key and isinstance(parts[1], int) and isinstance(data, dict):
        records = data.get(key)
        if isinstance(records, list) and parts[1] < len(records) and isinstance(records[parts[1]], dict):
            record_id = records[parts[1]].get("id")
            if isinstance(record_id, str):
                return f" (record {_short.repr(record_id)})"
    return ""


def _message(error) -> str:
    value = _short.repr(error.instance)
    kind = error.validator
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - allowed) if isinstance(error.instance, dict) else []
        return "unknown key" + ("s " if len(unknown) > 1 else " ") + ", ".join(_short.repr(k) for k in unknown)
    if kind == "enum":
        return f"{value} is not one of: {', '.join(map(str, error.validator_value))}"
    if kind == "required":
        return error.message.replace(" is a required property", " is required")
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{value} is not of type {', '.join(repr(t) for t in wanted)}"
    if kind in ("pattern", "format") and error.schema.get("title"):
        return f"{value} is not {error.schema['title']}"
    if kind == "minLength":
        return f"{value} is empty"
    if kind == "minItems":
        return f"{value} is an empty list"
    if kind == "uniqueItems":
        return f"{value} lists an item twice"
    return " ".join(error.message.split())[:200]


def schema_details(path: Path, data: object) -> list[str]:
    """One line per place with a problem (the JSON path, the record, what is wrong): empty when valid."""
    if path.name not in SCHEMA_FILES:
        return []
    problems: dict[str, str] = {}  # the first problem at each place: a value with two faults is one line
    try:
        errors = sorted(_validator(path.name).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    except RecursionError:
        return ["nested too deeply to check"]
    for error in errors:
        parts = list(error.absolute_path)
        where = json_path(parts)
        problems.setdefault(where, f"{where}{_record_label(path.name, data, parts)}: {_message(error)}")
    return list(problems.values())


def schema_problems(path: Path, data: object) -> list[str]:
    """One line per problem, naming the file, the JSON path and the record: empty when valid."""
    return [f"{path}: {detail}" for detail in schema_details(path, data)]


def check_schema(path: Path, data: object, error_class: type[SourceError] = SourceError) -> None:
    """Raise the first schema problem of a file as one line (lint lists them all)."""
    details = schema_details(path, data)
    if details:
        more = f" (and {len(details) - 1} more; run `tsgraph lint`)" if len(details) > 1 else ""
        raise error_class(path, details[0] + more)


def schema_of(file_name: str) -> dict:
    """The schema of an input file ("organisations.json") or a schema file by its own name."""
    return json.loads((SCHEMA_DIR / SCHEMA_FILES.get(file_name, file_name)).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """Words no registry name may consist of, unless it is an acronym (data/schema/stopwords.json)."""
    return frozenset(json.loads(STOPWORDS_FILE.read_text(encoding="utf-8"))["stopwords"])
