"""JSON-LD from the graph's triples: ``graph.jsonld`` (every node, flat, sorted), its context
published alone as ``context.jsonld``, and one framed document per action (``frames``).

The context is written for plain-JSON readers as much as for JSON-LD processors, and is derived
from the triples themselves, so every predicate the graph uses has a key:

- ``@vocab`` is the tsgraph ontology: its terms are bare keys (``partner``, ``text``);
- standard terms get their readable local name (``prefLabel``, ``wasDerivedFrom``), or a compact
  IRI (``dcterms:source``) where two would share a name; prefixes come from ``graph.vocab.PREFIXES``;
- a key whose values are all links is ``"@type": "@id"``, so a link is a plain string;
- integers and booleans are JSON numbers and booleans; other typed literals (decimals, months)
  are strings with the datatype in the context; a key holding several values on any node is a
  ``@set`` and always an array.

Written straight from a node map in one pass (no JSON-LD processor at build time: PyLD is far
too slow for the build); the tests expand every file back with PyLD and pyoxigraph and compare
the triples with graph.nt.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ..vocab import PREFIXES, RDF, TS, XSD
from .common import write_json

RDF_TYPE = RDF + "type"
XSD_STRING, XSD_INTEGER, XSD_BOOLEAN = XSD + "string", XSD + "integer", XSD + "boolean"
# Keys a plain-JSON reader would confuse with JSON-LD's own or with a node's id and type.
RESERVED_KEYS = {"id", "type", "graph", "context", "value", "language", "vocab", "base", "reverse", "included"}
NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))  # longest namespace first


@lru_cache(maxsize=None)
def compact(iri: str) -> str:
    """``tsid:action/3.3`` for a node IRI under a known namespace; other IRIs stay whole."""
    for prefix, namespace in NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


class NodeMap:
    """Subjects with their properties and types, and who links to each node, from the triples."""

    def __init__(self, triples) -> None:
        self.properties, types, self.incoming = read_triples(triples)
        self.types = {node: sorted(node_types) for node, node_types in types.items()}
        self.multi_types = any(len(node_types) > 1 for node_types in self.types.values())
        self.multi: set[str] = set()
        self.literal_kinds: dict[str, set] = {}  # predicate -> {(datatype, language)} of literals, "@id" of links
        for props in self.properties.values():
            for predicate, values in props.items():
                if len(values) > 1:
                    # Sorted once, so what is written is the same whatever order the triples came in
                    # (keys are sorted where written).
                    values.sort(key=value_order)
                    self.multi.add(predicate)
                kinds = self.literal_kinds.get(predicate)
                if kinds is None:
                    kinds = self.literal_kinds[predicate] = set()
                kinds.update("@id" if type(v) is str else v[1:] for v in values)

    def nodes(self) -> list[str]:
        return sorted(set(self.properties) | set(self.types))


def read_triples(triples) -> tuple[dict, dict, dict]:
    """(node -> predicate -> values, node -> classes, node -> [(subject, predicate) linking to it]).

    A value is a node's id (a string: its IRI, or ``_:label``) or a literal's (text, datatype,
    language). Written for speed: the build hands over some 40,000 triples.
    """
    import pyoxigraph  # only the build and export commands get here

    properties: dict[str, dict[str, list]] = {}
    types: dict[str, list[str]] = {}
    incoming: dict[str, list[tuple[str, str]]] = {}
    literal_type, named_type = pyoxigraph.Literal, pyoxigraph.NamedNode
    last_subject, node, props = None, "", {}
    for triple in triples:
        subject, obj, predicate = triple.subject, triple.object, triple.predicate.value
        if subject != last_subject:  # sorted input repeats a subject: look it up once per run
            last_subject = subject
            node = subject.value if type(subject) is named_type else "_:" + subject.value
            props = properties.get(node)
            if props is None:
                props = properties[node] = {}
        if predicate == RDF_TYPE:
            types.setdefault(node, []).append(obj.value)
            continue
        values = props.get(predicate)
        if values is None:
            values = props[predicate] = []
        if type(obj) is literal_type:
            values.append((obj.value, obj.datatype.value, obj.language))
            continue
        target = obj.value if type(obj) is named_type else "_:" + obj.value
        values.append(target)
        links = incoming.get(target)
        if links is None:
            incoming[target] = [(node, predicate)]
        else:
            links.append((node, predicate))
    return properties, types, incoming


def value_order(value) -> tuple:
    return (0, value, "", "") if type(value) is str else (1, value[0], value[1], value[2] or "")


class Context:
    """The key and value form of each predicate and the name of each class, chosen once."""

    def __init__(self, nodes: NodeMap) -> None:
        self.key: dict[str, str] = {}
        self.form: dict[str, str | None] = {}  # "@id", "int", "bool", "lang:<tag>", "type:<iri>" or None (mixed)
        self.class_name: dict[str, str] = {}
        self.terms: dict[str, object] = {}
        self.encoders: dict = {}
        predicates = sorted(nodes.literal_kinds)
        classes = sorted({c for types in nodes.types.values() for c in types})
        names = self.readable_names(predicates + classes)
        for predicate in predicates:
            self.key[predicate] = names[predicate]
            self.form[predicate] = value_form(nodes, predicate)
            self.encoders[predicate] = encoder(self.form[predicate])
            self.define(predicate, names[predicate], self.form[predicate], predicate in nodes.multi)
        for cls in classes:
            self.class_name[cls] = names[cls]
            if not cls.startswith(TS) and ":" not in names[cls]:
                self.terms[names[cls]] = compact(cls)

    @staticmethod
    def readable_names(iris: list[str]) -> dict[str, str]:
        """Bare local names for tsgraph terms and for standard terms no other term shares; else compact IRIs."""
        by_name: dict[str, list[str]] = defaultdict(list)
        for iri in iris:
            by_name[local_name(iri)].append(iri)
        names = {}
        for name, owners in by_name.items():
            own = [iri for iri in owners if iri.startswith(TS)]
            for iri in owners:
                bare_ok = name not in RESERVED_KEYS and name not in PREFIXES and ":" not in name and name
                if bare_ok and (iri in own or (not own and len(owners) == 1)):
                    names[iri] = name
                else:
                    names[iri] = compact(iri)
        return names

    def define(self, predicate: str, key: str, form: str | None, multi: bool) -> None:
        definition: dict = {}
        if key == compact(predicate) and ":" in key and form in (None, "int", "bool") and not multi:
            return  # a compact IRI key needs no definition
        if predicate.startswith(TS) and key == local_name(predicate) and form in (None, "int", "bool") and not multi:
            return  # @vocab expands it
        definition["@id"] = compact(predicate)
        if form == "@id":
            definition["@type"] = "@id"
        elif form and form.startswith("type:"):
            definition["@type"] = compact(form[5:])
        elif form and form.startswith("lang:"):
            definition["@language"] = form[5:]
        if multi:
            definition["@container"] = "@set"
        self.terms[key] = definition

    def document(self) -> dict:
        return {"@context": {"@vocab": TS, **dict(sorted(PREFIXES.items())), **dict(sorted(self.terms.items()))}}


def encoder(form: str | None):
    """The function that writes a value in a predicate's form: a plain string, number or boolean
    where the context says what it is, a value object where the predicate's values are mixed.
    Chosen once per predicate: the graph's writer calls it some 40,000 times."""
    if form == "@id":
        return compact
    if form == "int":
        return lambda value: int(value[0])
    if form == "bool":
        return lambda value: value[0] == "true"
    if form is not None:  # a datatype or language the context gives
        return lambda value: value[0]
    return mixed_value


def mixed_value(value):
    """A value of a predicate whose values differ in kind: JSON's own string, number or boolean
    where that reads back as the same literal, a value object otherwise."""
    if type(value) is str:  # a node
        return {"@id": compact(value)}
    text, datatype, language = value
    if language:
        return {"@value": text, "@language": language}
    if datatype == XSD_STRING:
        return text
    if datatype == XSD_INTEGER and text.lstrip("-").isdigit() and str(int(text)) == text:
        return int(text)
    if datatype == XSD_BOOLEAN and text in ("true", "false"):
        return text == "true"
    return {"@value": text, "@type": compact(datatype)}


def value_form(nodes: NodeMap, predicate: str) -> str | None:
    kinds = nodes.literal_kinds[predicate]
    if kinds == {"@id"}:
        return "@id"
    if len(kinds) != 1 or "@id" in kinds:
        return None
    datatype, language = next(iter(kinds))
    if language:
        return f"lang:{language}"
    if datatype == XSD_STRING:
        return None
    values = [v[0] for props in nodes.properties.values() for v in props.get(predicate, ())]
    if datatype == XSD_INTEGER and all(str(int(v)) == v for v in values if v.lstrip("-").isdigit()) \
            and all(v.lstrip("-").isdigit() for v in values):
        return "int"  # canonical integers round-trip as JSON numbers
    if datatype == XSD_BOOLEAN and all(v in ("true", "false") for v in values):
        return "bool"
    return f"type:{datatype}"


def node_object(nodes: NodeMap, context: Context, node: str, skip=frozenset(), embed=None) -> dict:
    """One node as a JSON-LD node object with the context's keys and value forms.

    ``skip`` leaves out (predicate, target) links another part of the document already states;
    ``embed(predicate, target)`` may return a node object to put in place of a link.
    """
    entry: dict = {"@id": compact(node)}
    types = nodes.types.get(node)
    if types:
        names = sorted(context.class_name[c] for c in types)
        entry["@type"] = names if len(names) > 1 or nodes.multi_types else names[0]
    multi, keys, encoders = nodes.multi, context.key, context.encoders
    properties = nodes.properties[node].items()
    for predicate, values in (sorted(properties) if embed else properties):  # embedding follows key order
        encode = encoders[predicate]
        if skip or embed:
            encoded = []
            for value in values:
                if type(value) is str and (predicate, value) in skip:
                    continue
                embedded = embed(predicate, value) if embed and type(value) is str else None
                encoded.append(embedded if embedded is not None else encode(value))
            if not encoded:
                continue
        else:
            encoded = [encode(value) for value in values]
        if predicate in multi:
            entry[keys[predicate]] = sorted(encoded, key=sort_key) if len(encoded) > 1 else encoded
        else:
            entry[keys[predicate]] = encoded[0]
    return entry


def sort_key(value) -> tuple:
    if isinstance(value, dict):
        return (1, str(value.get("@id", "")), str(value.get("@value", "")), str(value.get("@type", "")),
                str(value.get("@language", "")))
    return (0, str(type(value).__name__), str(value))


def graph_document(nodes: NodeMap, context: Context) -> dict:
    return {**context.document(), "@graph": [node_object(nodes, context, n) for n in nodes.nodes()]}


def write_jsonld(triples, folder: Path) -> list[Path]:
    """Write graph.jsonld, context.jsonld and actions/<id>.jsonld from the graph's triples
    (pyoxigraph Triple or Quad objects, any order); return the files written."""
    from .frames import write_action_frames

    folder = Path(folder)
    with paused_garbage_collection():
        nodes = NodeMap(triples)
        context = Context(nodes)
        written = [write_json(folder / "context.jsonld", context.document(), indent=2),
                   write_json(folder / "graph.jsonld", graph_document(nodes, context), indent=None)]
        return written + write_action_frames(nodes, context, folder / "actions")


@contextmanager
def paused_garbage_collection() -> Iterator[None]:
    """The node map is some 200,000 small objects with no cycles among them: Python's cyclic
    collector, triggered again and again while they are made, would cost a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
