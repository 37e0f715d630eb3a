"""One framed JSON-LD document per action (``actions/3.3.jsonld``), built from the same node map
as graph.jsonld, in the published context:

- the action at the root, its properties as in graph.jsonld;
- under ``@reverse``, the nodes that point at it (its progress entries, involvements, mentions,
  money, restatement), each with the back-link left out as ``@reverse`` already states it;
- embedded where first reached, the nodes only these use (spans, selectors, status decisions):
  a node is embedded when everything that links to it is already in the document;
- under ``@included``, a card for each node referred to but not embedded (organisations,
  chapter, statuses, documents, other actions): its types and literal values, such as its name.

The frame is the rule above, not a JSON-LD framing call (PyLD would take seconds for the 132
documents); the tests expand each file with PyLD and check its triples are exactly the action's
description in graph.nt, and compare the tree with PyLD's own framing of the same triples.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from ..errors import TsgraphError
from ..vocab import TS, node_iri
from .common import write_json
from .jsonld import Context, NodeMap, node_object

ACTION_CLASS = TS + "Action"
ACTION_PREFIX = node_iri("action", "")


def bundle(nodes: NodeMap, root: str) -> tuple[dict[str, list[str]], set[str]]:
    """(predicate -> nodes pointing at the root, every node to embed)."""
    root_types = set(nodes.types.get(root, ()))

    def peer(node: str) -> bool:  # another node of the root's kind stands on its own
        return not root_types.isdisjoint(nodes.types.get(node, ()))

    pointing: dict[str, list[str]] = {}
    for source, predicate in nodes.incoming.get(root, ()):
        if source in nodes.properties and not peer(source):
            pointing.setdefault(predicate, []).append(source)
    embedded = {s for sources in pointing.values() for s in sources}
    inside = embedded | {root}
    def all_inside(node: str) -> bool:
        return all(s in inside for s, _ in nodes.incoming[node])

    # A node joins once everything that links to it is inside; one that must wait is checked
    # again whenever the bundle has grown.
    queue, waiting, grown = sorted(inside), set(), False
    while queue:
        fresh = {t for values in nodes.properties[queue.pop()].values() for t in values
                 if type(t) is str and t not in inside and t not in waiting and t in nodes.properties and not peer(t)}
        ready = {t for t in fresh if all_inside(t)} | ({t for t in waiting if all_inside(t)} if grown else set())
        waiting = (waiting | fresh) - ready
        inside |= ready
        embedded |= ready
        queue.extend(sorted(ready))
        grown = bool(ready)
    return {p: sorted(set(s)) for p, s in pointing.items()}, embedded


class Frame:
    def __init__(self, nodes: NodeMap, context: Context, root: str) -> None:
        self.nodes, self.context, self.root = nodes, context, root
        self.pointing, self.embedded = bundle(nodes, root)
        self.emitted: set[str] = set()
        self.referenced: set[str] = set()

    def tree(self, node: str, back: tuple[str, str] | None = None) -> dict:
        """The node object, embedding each node of the bundle where it is first reached."""
        self.emitted.add(node)
        return node_object(self.nodes, self.context, node, {back} if back else frozenset(), self.embed)

    def embed(self, predicate: str, target: str) -> dict | None:
        if target in self.embedded and target not in self.emitted:
            return self.tree(target)
        self.referenced.add(target)
        return None

    def document(self) -> dict:
        root = self.tree(self.root)
        reverse = {}
        for predicate in sorted(self.pointing, key=lambda p: self.context.key[p]):
            reverse[self.context.key[predicate]] = [self.tree(s, (predicate, self.root)) for s in self.pointing[predicate]
                                                    if s not in self.emitted]
        if reverse:
            root["@reverse"] = reverse
        cards = [self.card(n) for n in sorted(self.referenced - self.emitted) if n in self.nodes.properties]
        if cards:
            root["@included"] = cards
        return {**self.context.document(), **root}

    def card(self, node: str) -> dict:
        """A referred node's types and literal values (its names), without its own links."""
        links = {(p, v) for p, values in self.nodes.properties[node].items() for v in values if isinstance(v, str)}
        return node_object(self.nodes, self.context, node, links)


def action_frame(nodes: NodeMap, context: Context, root: str) -> dict:
    return Frame(nodes, context, root).document()


def write_action_frames(nodes: NodeMap, context: Context, folder: Path) -> list[Path]:
    actions = sorted(n for n, types in nodes.types.items() if ACTION_CLASS in types and n.startswith(ACTION_PREFIX))
    written = []
    for root in actions:
        name = unquote(root[len(ACTION_PREFIX):])
        if name in ("", ".", "..") or "/" in name or "\\" in name:
            raise TsgraphError(f"cannot write a JSON-LD frame for {root}: its id makes an unsafe file name")
        # Compact JSON: the standard library's fast encoder only runs without indentation.
        written.append(write_json(folder / f"{name}.jsonld", action_frame(nodes, context, root), indent=None))
    return written
