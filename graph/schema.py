"""The JSON Schemas of the curated data files (data/schema/), and checking a file against its schema.

Every curated file has one: its shape (keys, types) is checked here, and its loader checks what a
schema cannot say (a rule's pattern compiles, a rule names a listed status).

The schemas belong to the code: a data folder given with ``--data`` is checked against the
bundled ones. jsonschema is imported only when a file is checked, never by a lookup.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .sources import DEFAULT_DATA_DIR

SCHEMA_DIR = DEFAULT_DATA_DIR / "schema"
SCHEMA_FILES = {
    "organisations.json": "organisations.schema.json",
    "programmes.json": "programmes.schema.json",
    "people.json": "people.schema.json",
    "curation.json": "curation.schema.json",
    "status_rules.json": "status_rules.schema.json",
}
RECORD_LISTS = {"organisations.json": "organisations", "programmes.json": "programmes", "people.json": "people"}


@lru_cache(maxsize=None)
def _validator(file_name: str):
    import jsonschema
    from referencing import Registry, Resource

    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }
    resources = [(schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()]
    registry = Registry().with_resources(resources)
    schema = schemas[SCHEMA_FILES[file_name]]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=registry)


def json_path(parts) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _record_label(file_name: str, data: object, parts: list) -> str:
    """"record 'acre'" when the path runs through a record of a registry list."""
    key = RECORD_LISTS.get(file_name)
    if key and len(parts) >= 2 and parts[0] == key and isinstance(parts[1], int) and isinstance(data, dict):
        records = data.get(key)
        if isinstance(records, list) and parts[1] < len(records) and isinstance(records[parts[1]], dict):
            record_id = records[parts[1]].get("id")
            if isinstance(record_id, str):
                return f" (record {record_id!r})"
    return ""


def _message(error) -> str:
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - allowed) if isinstance(error.instance, dict) else []
        return "unknown key" + ("s " if len(unknown) > 1 else " ") + ", ".join(repr(k) for k in unknown)
    if error.validator == "enum":
        return f"{error.instance!r} is not one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    return error.message


def schema_problems(path: Path, data: object) -> list[str]:
    """One line per problem, naming the file, the JSON path and the record: empty when valid."""
    if path.name not in SCHEMA_FILES:
        return []
    problems = []
    for error in sorted(_validator(path.name).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        parts = list(error.absolute_path)
        problems.append(f"{path}: {json_path(parts)}{_record_label(path.name, data, parts)}: {_message(error)}")
    return problems


def schema_of(file_name: str) -> dict:
    return json.loads((SCHEMA_DIR / SCHEMA_FILES[file_name]).read_text(encoding="utf-8"))
