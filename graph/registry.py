"""Curated reference data under data/: organisations, programmes, people, status rules.

The JSON files are the single source of truth for names. They are stored canonically
(keys sorted, two-space indent, records sorted by id) and validated here on every load:
ids are unique, every reference points at a record that exists, and every name resolves
to exactly one record.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RegistryError
from .sources import DEFAULT_DATA_DIR, load_json

ORGANISATION_KINDS = {
    "government-department": "government department",
    "public-body": "public body or agency",
    "charity-ngo": "charity or NGO",
    "social-enterprise": "social enterprise or CIC",
    "network-umbrella": "network or umbrella body",
    "partnership-group": "named partnership, board, forum or group",
    "company": "company",
    "defra-unit": "Defra's own unit",
}
PROGRAMME_KINDS = {
    "programme": "programme",
    "fund": "fund",
    "initiative": "initiative",
    "campaign": "campaign",
    "project": "project",
    "award": "award scheme",
    "legislation": "legislation",
    "policy": "policy or strategy",
}
REGISTRY_FILES = ("organisations.json", "programmes.json", "people.json", "status_rules.json", "curation.json")


def name_key(name: str) -> str:
    """The form names are compared in: case-folded, '&' as 'and', punctuation and accents dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.casefold().replace("&", " and ").replace("'s ", " ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def canonical_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@dataclass
class Entity:
    id: str
    type: str  # organisation | programme | person
    name: str
    kind: str
    acronyms: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    former_names: list[dict] = field(default_factory=list)
    record: dict = field(default_factory=dict, repr=False)

    def names(self) -> list[str]:
        """Every name the entity goes by: canonical, acronyms, aliases, former names."""
        return [self.name, *self.acronyms, *self.aliases, *(f["name"] for f in self.former_names)]


@dataclass(frozen=True)
class StatusRule:
    """One ordered status rule from status_rules.json (its place in the list is its precedence)."""

    id: str
    status: str
    columns: tuple[str, ...]
    pattern: str
    description: str
    set_aside_by: tuple[str, ...] = ()
    commitment_verbs: dict[str, list[str]] = field(default_factory=dict)  # verb -> participles, for {participles}

    def regex(self, participles: list[str] | None = None) -> re.Pattern:
        if PARTICIPLES in self.pattern:
            words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in participles or [])
            return re.compile(self.pattern.replace(PARTICIPLES, words or "(?!)"))
        return re.compile(self.pattern)


@dataclass
class StatusVocabulary:
    statuses: list[dict]
    rules: list[StatusRule]
    qualifiers: dict[str, re.Pattern]
    undecided_status: str
    undecided_rule: str


@dataclass
class Registry:
    entities: dict[str, Entity]
    statuses: list[dict]
    status_rules: list[StatusRule]
    status_qualifiers: dict[str, re.Pattern]
    undecided_status: str  # what an entry gets when no rule fires ("not-stated")
    undecided_rule: str
    not_names: set[str]
    name_words: set[str]
    by_key: dict[str, str] = field(default_factory=dict)

    def of_type(self, entity_type: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == entity_type]

    def resolve(self, name: str) -> Entity | None:
        entity_id = self.by_key.get(name_key(name))
        return self.entities[entity_id] if entity_id else None


def _records(path: Path, data: object, key: str) -> list[dict]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise RegistryError(path, f'expected an object with a "{key}" list')
    records = data[key]
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise RegistryError(path, f"{key}[{index}] is not an object")
        for required in ("id", "name"):
            if not isinstance(record.get(required), str) or not record[required].strip():
                raise RegistryError(path, f"{key}[{index}] lacks a {required!r}")
    return records


def load_registry(data_dir: Path = DEFAULT_DATA_DIR) -> Registry:
    entities: dict[str, Entity] = {}

    def add(path: Path, entity: Entity) -> None:
        if entity.id in entities:
            raise RegistryError(path, f"id {entity.id!r} is used twice")
        entities[entity.id] = entity

    # One loop over the three registries: (entity type, file key, valid kinds or None for people).
    for entity_type, key, kinds in (
        ("organisation", "organisations", ORGANISATION_KINDS),
        ("programme", "programmes", PROGRAMME_KINDS),
        ("person", "people", None),
    ):
        path = data_dir / FILES_BY_TYPE[entity_type]
        for record in _records(path, load_json(path), key):
            kind = record.get("kind") if kinds is not None else "person"
            if kinds is not None and kind not in kinds:
                raise RegistryError(path, f"{entity_type} {record['id']!r} has kind {kind!r}; valid: {', '.join(kinds)}")
            add(
                path,
                Entity(
                    record["id"], entity_type, record["name"], kind,
                    list(record.get("acronyms", [])), list(record.get("aliases", [])),
                    list(record.get("former_names", [])), record,
                ),
            )

    status_vocabulary = load_status_rules(data_dir / "status_rules.json")

    path = data_dir / "curation.json"
    curation = load_json(path)
    registry = Registry(
        entities=entities,
        statuses=status_vocabulary.statuses,
        status_rules=status_vocabulary.rules,
        status_qualifiers=status_vocabulary.qualifiers,
        undecided_status=status_vocabulary.undecided_status,
        undecided_rule=status_vocabulary.undecided_rule,
        not_names=set(curation.get("not_names", [])),
        name_words=set(curation.get("name_words", [])),
    )
    _check_references(data_dir, registry)
    _index_names(data_dir, registry)
    return registry


STATUS_COLUMNS = ("progress", "next-actions")
PARTICIPLES = "{participles}"
RULE_ID = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
RULE_KEYS = {"id", "status", "columns", "pattern", "description", "set_aside_by", "commitment_verbs"}


def load_status_rules(path: Path) -> StatusVocabulary:
    """The status vocabulary, the ordered rules and their qualifiers, checked whole."""
    data = load_json(path)
    if not isinstance(data, dict):
        raise RegistryError(path, "expected an object")
    statuses = data.get("statuses", [])
    status_ids = [s.get("id") for s in statuses]
    for index, status in enumerate(statuses):
        if not all(isinstance(status.get(k), str) and status[k].strip() for k in ("id", "label", "definition")):
            raise RegistryError(path, f"statuses[{index}] needs an id, a label and a definition")
    if len(set(status_ids)) != len(status_ids):
        raise RegistryError(path, "a status id is listed twice")
    undecided = data.get("undecided") or {}
    if undecided.get("status") not in status_ids or not RULE_ID.match(str(undecided.get("rule", ""))):
        raise RegistryError(path, 'undecided needs a listed "status" and a "rule" id (words joined by hyphens)')
    qualifiers = {}
    for name, qualifier in (data.get("qualifiers") or {}).items():
        qualifiers[name] = _compile(path, f"qualifiers.{name}", qualifier.get("pattern"))
    rules = [_status_rule(path, index, raw, status_ids, qualifiers) for index, raw in enumerate(data.get("rules", []))]
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        if rule.id in seen or rule.id == undecided["rule"]:
            raise RegistryError(path, f"rules[{index}] id {rule.id!r} is used twice")
        seen.add(rule.id)
        if rule.status == undecided["status"]:
            raise RegistryError(path, f"rules[{index}] ({rule.id}) gives {rule.status!r}, which only the absence of evidence may give")
    return StatusVocabulary(statuses, rules, qualifiers, undecided["status"], undecided["rule"])


def _compile(path: Path, where: str, pattern: object) -> re.Pattern:
    try:
        return re.compile(pattern)  # type: ignore[arg-type]
    except (TypeError, re.error) as exc:
        raise RegistryError(path, f"{where} has a bad pattern: {exc}") from exc


def _status_rule(path: Path, index: int, raw: object, status_ids: list, qualifiers: dict) -> StatusRule:
    where = f"rules[{index}]"
    if not isinstance(raw, dict):
        raise RegistryError(path, f"{where} is not an object")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RegistryError(path, f"{where} has unknown keys: {', '.join(sorted(unknown))}")
    if not RULE_ID.match(str(raw.get("id", ""))):
        raise RegistryError(path, f"{where} needs an id that says what it is (words joined by hyphens)")
    where = f"{where} ({raw['id']})"
    if raw.get("status") not in status_ids:
        raise RegistryError(path, f"{where} names unknown status {raw.get('status')!r}")
    columns = raw.get("columns") or []
    if not columns or not set(columns) <= set(STATUS_COLUMNS):
        raise RegistryError(path, f"{where} columns must be 'progress' and/or 'next-actions'")
    if not str(raw.get("description", "")).strip():
        raise RegistryError(path, f"{where} needs a description")
    for name in raw.get("set_aside_by", []):
        if name not in qualifiers:
            raise RegistryError(path, f"{where} is set aside by unknown qualifier {name!r}")
    verbs = raw.get("commitment_verbs", {})
    if bool(verbs) != (PARTICIPLES in str(raw.get("pattern"))):
        raise RegistryError(path, f"{where} needs both commitment_verbs and {PARTICIPLES} in its pattern, or neither")
    rule = StatusRule(
        raw["id"], raw["status"], tuple(columns), str(raw.get("pattern")), raw["description"],
        tuple(raw.get("set_aside_by", [])), dict(verbs),
    )
    for participles in [*verbs.values(), None]:
        try:
            rule.regex(participles)
        except re.error as exc:
            raise RegistryError(path, f"{where} has a bad pattern: {exc}") from exc
    return rule


FILES_BY_TYPE = {"organisation": "organisations.json", "programme": "programmes.json", "person": "people.json"}


def _check_references(data_dir: Path, registry: Registry) -> None:
    entities = registry.entities
    for entity in entities.values():
        file = data_dir / FILES_BY_TYPE[entity.type]
        refs = [("parent", entity.record.get("parent")), ("owner", entity.record.get("owner")),
                ("organisation", entity.record.get("organisation"))]
        refs += [("members", member) for member in entity.record.get("members", [])]
        for field_name, target in refs:
            if target is None:
                continue
            if target not in entities or entities[target].type != "organisation":
                raise RegistryError(file, f"{entity.id!r} has {field_name} {target!r}, which is not an organisation in organisations.json")
        for former in entity.former_names:
            evidence = former.get("evidence")
            if evidence and not {"source", "quote"} <= set(evidence):
                raise RegistryError(file, f"{entity.id!r} has a former name whose evidence lacks source or quote")


def _index_names(data_dir: Path, registry: Registry) -> None:
    """Map every name to its entity; a name that two entities share is a curation error."""
    for entity in sorted(registry.entities.values(), key=lambda e: e.id):
        for name in entity.names():
            key = name_key(name)
            file = data_dir / FILES_BY_TYPE[entity.type]
            if not key:
                raise RegistryError(file, f"{entity.id!r} has an empty name")
            other = registry.by_key.get(key)
            if other is not None and other != entity.id:
                raise RegistryError(file, f"name {name!r} belongs to both {other!r} and {entity.id!r}")
            registry.by_key[key] = entity.id
