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


def read_registry_files(data_dir: Path) -> dict[str, dict]:
    """Each registry file's content, read and checked against its JSON Schema (data/schema/)."""
    from .schema import check_schema

    files = {}
    for file_name in REGISTRY_FILES:
        path = data_dir / file_name
        data = load_json(path)
        check_schema(path, data, RegistryError)
        files[file_name] = data
    return files


def load_registry(data_dir: Path = DEFAULT_DATA_DIR, files: dict[str, dict] | None = None) -> Registry:
    """The registry of a data folder. ``files`` is read_registry_files' answer when the caller has
    it already (lint checks each file once); the shapes are the schemas', so records are objects
    with the keys and types they declare."""
    files = read_registry_files(data_dir) if files is None else files
    entities: dict[str, Entity] = {}
    for entity_type, key in LIST_KEYS.items():
        path = data_dir / FILES_BY_TYPE[entity_type]
        for record in files[FILES_BY_TYPE[entity_type]][key]:
            entity = Entity(
                record["id"], entity_type, record["name"], record.get("kind", "person"),
                list(record.get("acronyms", [])), list(record.get("aliases", [])),
                list(record.get("former_names", [])), record, list(record.get("generic_aliases", [])),
            )
            if entity.id in entities:
                raise RegistryError(path, f"id {entity.id!r} is used twice")
            check_names(path, entity)
            entities[entity.id] = entity

    status_vocabulary = load_status_rules(data_dir / "status_rules.json", files["status_rules.json"])
    curation = files["curation.json"]
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


def weak_name(name: str) -> str | None:
    """Why a name cannot stand for one record unless it is an acronym: too short, or only stopwords
    (data/schema/stopwords.json) that would attach the record to nearly every sentence."""
    from .schema import stopwords

    if len(name.strip()) < MIN_NAME_LENGTH:
        return f"is shorter than {MIN_NAME_LENGTH} characters"
    words = re.findall(r"[^\W_]+", name.lower())
    if words and all(word in stopwords() for word in words):
        return "is made only of stopwords (data/schema/stopwords.json)"
    return None


def check_names(path: Path, entity: Entity) -> None:
    """Aliases, generic aliases and former names must name the record; acronyms are written in capitals."""
    listed = [("alias", entity.aliases), ("generic alias", entity.generic_aliases),
              ("former name", [f["name"] for f in entity.former_names])]
    for field_name, names in listed:
        for name in names:
            problem = weak_name(name)
            if problem:
                raise RegistryError(path, f"{entity.id!r} has {field_name} {name!r}, which {problem}; "
                                          "list it under \"acronyms\" if it is an acronym")
    for acronym in entity.acronyms:
        if not any(c.isupper() or c.isdigit() for c in acronym):
            raise RegistryError(path, f"{entity.id!r} has acronym {acronym!r} with no capital letter or digit; "
                                      "an acronym is written as the documents write it, in capitals")


PARTICIPLES = "{participles}"
MIN_NAME_LENGTH = 3  # shorter names are refused unless listed as acronyms


def load_status_rules(path: Path, data: dict | None = None) -> StatusVocabulary:
    """The status vocabulary, the ordered rules and their qualifiers: shape by the JSON Schema,
    then what the schema cannot say (patterns compile, statuses exist, ids are unique).
    ``data`` is the file's content when the caller has read and checked it already."""
    if data is None:
        from .schema import check_schema

        data = load_json(path)
        check_schema(path, data, RegistryError)
    statuses = data["statuses"]
    status_ids = [s["id"] for s in statuses]
    if len(set(status_ids)) != len(status_ids):
        raise RegistryError(path, "a status id is listed twice")
    undecided = data["undecided"]
    if undecided["status"] not in status_ids:
        raise RegistryError(path, f'undecided needs a listed "status": {undecided["status"]!r} is not a status')
    qualifiers = {}
    for name, qualifier in data["qualifiers"].items():
        qualifiers[name] = _compile(path, f"qualifiers.{name}", qualifier["pattern"])
    rules = [_status_rule(path, index, raw, status_ids, qualifiers) for index, raw in enumerate(data["rules"])]
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
        regex = re.compile(pattern)  # type: ignore[arg-type]
    except (TypeError, re.error) as exc:
        raise RegistryError(path, f"{where} has a bad pattern: {exc}") from exc
    _check_speed(path, where, regex)
    return regex


def _check_speed(path: Path, where: str, regex: re.Pattern) -> None:
    from .regex_safety import check

    problem = check(regex)
    if problem:
        raise RegistryError(path, f"{where} {problem}")


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
            regex = rule.regex(participles)
        except re.error as exc:
            raise RegistryError(path, f"{where} has a bad pattern: {exc}") from exc
        _check_speed(path, where, regex)
    return rule


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
            if target == entity.id:
                role = "among its members" if field_name == "members" else f"as its {field_name}"
                raise RegistryError(file, f"{entity.id!r} names itself {role}")
            if target not in entities or entities[target].type != wanted:
                raise RegistryError(file, f"{entity.id!r} has {field_name} {target!r}, which is not a{'n' if wanted[0] == 'o' else ''} "
                                          f"{wanted} in {FILES_BY_TYPE[wanted]}")
    _check_parent_cycles(data_dir, registry)


def _check_parent_cycles(data_dir: Path, registry: Registry) -> None:
    """Following parents must end at a body without one: a cycle has no top body."""
    for start in sorted(registry.of_type("organisation"), key=lambda e: e.id):
        chain = [start.id]
        parent = start.record.get("parent")
        while parent is not None:
            if parent in chain:
                cycle = " -> ".join([*chain[chain.index(parent):], parent])
                raise RegistryError(data_dir / FILES_BY_TYPE["organisation"], f"parents form a cycle: {cycle}")
            chain.append(parent)
            parent = registry.entities[parent].record.get("parent")


def _may_share(a: Entity, b: Entity) -> bool:
    """An organisation and the programme it names in ``programme`` may share names."""
    return (a.type == "organisation" and a.programme == b.id) or (b.type == "organisation" and b.programme == a.id)


def _elsewhere(entity: Entity, file: Path) -> str:
    """" (in programmes.json)" when ``entity`` is curated in another file than ``file``."""
    other_file = FILES_BY_TYPE[entity.type]
    return "" if other_file == file.name else f" (in {other_file})"


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
                    raise RegistryError(file, f"name {name!r} belongs to both {other.id!r}{_elsewhere(other, file)} "
                                              f"and {entity.id!r}")
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
