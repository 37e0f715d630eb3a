"""Curated reference data under data/: organisations, programmes, people, status rules, curation.

The JSON files are the single source of truth for names. They are stored canonically
(keys sorted, two-space indent, records sorted by id), checked against their JSON Schemas
(data/schema/) and validated here on every load: ids are unique, every reference points at a
record that exists, and every name resolves to one record per type. A name may be shared only
by an organisation and the programme it names in ``programme`` (the text uses the name for
both: a mention links both). Names compare through one normalisation (graph.names).

Generic names ("the Board", "Task Force") are not names of one body: ``generic_forms`` lists,
for each organisation, the generic tails of its names ("Partnership Board", "Board") and its
curated ``generic_aliases``; the resolver links them only where the same action, row or case
study names the body in full.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import RegistryError
from .vocab import ORGANISATION_KINDS, PROGRAMME_KINDS  # noqa: F401 - re-exported: the kinds are vocabulary
from .names import compact_key, name_key, name_words  # noqa: F401 - name_key is re-exported for the lookups
from .sources import DEFAULT_DATA_DIR, load_json

REGISTRY_FILES = ("organisations.json", "programmes.json", "people.json", "status_rules.json", "curation.json")
FILES_BY_TYPE = {"organisation": "organisations.json", "programme": "programmes.json", "person": "people.json"}
LIST_KEYS = {"organisation": "organisations", "programme": "programmes", "person": "people"}
TYPE_PREFERENCE = ("organisation", "programme", "person")  # which entity a shared name stands for in by_key
POST_MODIFIERS = {"of", "for", "on", "in", "to", "at", "from", "with"}  # where a name's head ends


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
    generic_aliases: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        """Every name that identifies the entity: canonical, acronyms, aliases, former names."""
        return [self.name, *self.acronyms, *self.aliases, *(f["name"] for f in self.former_names)]

    @property
    def programme(self) -> str | None:
        return self.record.get("programme")


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
        return _rule_regex(self.pattern, tuple(participles or ()))


@lru_cache(maxsize=None)  # each rule is matched against every entry
def _rule_regex(pattern: str, participles: tuple[str, ...]) -> re.Pattern:
    if PARTICIPLES in pattern:
        words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in participles)
        return re.compile(pattern.replace(PARTICIPLES, words or "(?!)"))
    return re.compile(pattern)


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
    generic_words: set[str] = field(default_factory=set)
    group_words: set[str] = field(default_factory=set)
    by_key: dict[str, str] = field(default_factory=dict)  # name_key -> id, for the index and the lookups
    by_compact: dict[str, dict[str, str]] = field(default_factory=dict)  # compact key -> {type: id}
    generic: dict[str, set[str]] = field(default_factory=dict)  # compact key of a generic form -> organisation ids
    data_dir: Path | None = None  # the folder it was read from, so errors name the right file

    def file_of(self, entity_type: str) -> Path:
        return (self.data_dir or DEFAULT_DATA_DIR) / FILES_BY_TYPE[entity_type]

    def of_type(self, entity_type: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == entity_type]

    def resolve_all(self, name: str) -> list[Entity]:
        """Every entity the name identifies: at most one per type."""
        hits = self.by_compact.get(compact_key(name), {})
        return [self.entities[hits[t]] for t in TYPE_PREFERENCE if t in hits]

    def resolve(self, name: str, entity_type: str | None = None) -> Entity | None:
        hits = self.by_compact.get(compact_key(name), {})
        if entity_type is not None:
            return self.entities[hits[entity_type]] if entity_type in hits else None
        found = self.resolve_all(name)
        return found[0] if found else None

    def head_word(self, word: str) -> bool:
        """A word that heads organisation names: Board, Network, Trust (any case, any number)."""
        return compact_key(word) in self._heads

    def generic_word(self, word: str) -> bool:
        """A head word or a word that only describes a body's form or role (Advisory, Steering)."""
        key = compact_key(word)
        return key in self._heads or key in self._modifiers

    def __post_init__(self) -> None:
        self._heads = {compact_key(w) for w in self.name_words}
        self._modifiers = {compact_key(w) for w in self.generic_words}

    def generic_forms(self, entity: Entity) -> set[str]:
        """The generic names that may stand for the entity: generic tails of its names and its generic aliases."""
        forms = {name_key(alias) for alias in entity.generic_aliases}
        if entity.type != "organisation":
            return forms
        for name in [entity.name, *entity.aliases, *(f["name"] for f in entity.former_names)]:
            words = name_words(name)
            cut = next((i for i, w in enumerate(words) if w in POST_MODIFIERS and i > 0), len(words))
            for part, whole_allowed in ((words, False), (words[:cut], cut < len(words))):
                if not part or not self.head_word(part[-1]):
                    continue
                start = len(part) - 1
                while start >= 0 and self.generic_word(part[start]):
                    if start > 0 or whole_allowed:
                        forms.add(" ".join(part[start:]))
                    start -= 1
        return forms


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
    # Their JSON Schemas (data/schema) check ids, names, kinds and keys first.
    for entity_type, key, kinds in (
        ("organisation", "organisations", ORGANISATION_KINDS),
        ("programme", "programmes", PROGRAMME_KINDS),
        ("person", "people", None),
    ):
        path = data_dir / FILES_BY_TYPE[entity_type]
        for record in _records(path, _load_checked(path), key):
            kind = record.get("kind") if kinds is not None else "person"
            add(
                path,
                Entity(
                    record["id"], entity_type, record["name"], kind,
                    list(record.get("acronyms", [])), list(record.get("aliases", [])),
                    list(record.get("former_names", [])), record, list(record.get("generic_aliases", [])),
                ),
            )

    status_vocabulary = load_status_rules(data_dir / "status_rules.json")

    path = data_dir / "curation.json"
    curation = _load_checked(path)
    registry = Registry(
        entities=entities,
        statuses=status_vocabulary.statuses,
        status_rules=status_vocabulary.rules,
        status_qualifiers=status_vocabulary.qualifiers,
        undecided_status=status_vocabulary.undecided_status,
        undecided_rule=status_vocabulary.undecided_rule,
        not_names=set(curation.get("not_names", [])),
        name_words=set(curation.get("name_words", [])),
        generic_words=set(curation.get("generic_words", [])),
        group_words=set(curation.get("group_words", [])),
        data_dir=data_dir,
    )
    _check_references(data_dir, registry)
    _index_names(data_dir, registry)
    return registry


PARTICIPLES = "{participles}"
RULE_ID = re.compile(r"^[a-z]+(?:-[a-z]+)+$")


def load_status_rules(path: Path) -> StatusVocabulary:
    """The status vocabulary, the ordered rules and their qualifiers: shape by the JSON Schema,
    then what the schema cannot say (patterns compile, statuses exist, ids are unique)."""
    data = _load_checked(path)
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
    where = f"rules[{index}] ({raw['id']})"  # its shape is the schema's: an id, columns, a description
    if raw.get("status") not in status_ids:
        raise RegistryError(path, f"{where} names unknown status {raw.get('status')!r}")
    columns = raw["columns"]
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


def _load_checked(path: Path) -> dict:
    from .schema import schema_problems

    data = load_json(path)
    problems = schema_problems(path, data)
    if problems:
        more = f" (and {len(problems) - 1} more; run `tsgraph lint`)" if len(problems) > 1 else ""
        raise RegistryError(path, problems[0].split(": ", 1)[1] + more)
    return data


def _check_references(data_dir: Path, registry: Registry) -> None:
    entities = registry.entities
    for entity in entities.values():
        file = data_dir / FILES_BY_TYPE[entity.type]
        refs = [("parent", entity.record.get("parent"), "organisation"), ("owner", entity.record.get("owner"), "organisation"),
                ("organisation", entity.record.get("organisation") if entity.type == "person" else None, "organisation"),
                ("programme", entity.programme, "programme")]
        refs += [("members", member, "organisation") for member in entity.record.get("members", [])]
        for field_name, target, wanted in refs:
            if target is None:
                continue
            if target not in entities or entities[target].type != wanted:
                raise RegistryError(file, f"{entity.id!r} has {field_name} {target!r}, which is not a{'n' if wanted[0] == 'o' else ''} "
                                          f"{wanted} in {FILES_BY_TYPE[wanted]}")


def _may_share(a: Entity, b: Entity) -> bool:
    """An organisation and the programme it names in ``programme`` may share names."""
    return (a.type == "organisation" and a.programme == b.id) or (b.type == "organisation" and b.programme == a.id)


def _index_names(data_dir: Path, registry: Registry) -> None:
    """Map every name to its entities; a name two unrelated entities share is a curation error."""
    for entity in sorted(registry.entities.values(), key=lambda e: e.id):
        file = data_dir / FILES_BY_TYPE[entity.type]
        for name in entity.names():
            compact = compact_key(name)
            if not compact:
                raise RegistryError(file, f"{entity.id!r} has an empty name")
            hits = registry.by_compact.setdefault(compact, {})
            for other_id in hits.values():
                other = registry.entities[other_id]
                if other.id != entity.id and (other.type == entity.type or not _may_share(entity, other)):
                    raise RegistryError(file, f"name {name!r} belongs to both {other.id!r} and {entity.id!r}")
            hits[entity.type] = entity.id
    for compact, hits in registry.by_compact.items():
        preferred = next(hits[t] for t in TYPE_PREFERENCE if t in hits)
        for name in registry.entities[preferred].names():
            if compact_key(name) == compact:
                registry.by_key.setdefault(name_key(name), preferred)
    registry.by_key = dict(sorted(registry.by_key.items()))
    not_names = {compact_key(n) for n in registry.not_names}  # "CIC" names a kind of body, never one body
    for entity in registry.of_type("organisation"):
        for form in registry.generic_forms(entity):
            if compact_key(form) not in not_names:
                registry.generic.setdefault(compact_key(form), set()).add(entity.id)
