"""Project the resolved corpus into the RDF graph and the lookup index, entity by entity.

Each module handles one kind of fact for both outputs side by side (``triples`` writes its part
of the graph, ``records`` its part of the index), from the same decisions (``graph.facts``), so a
new field is added in one place and the graph and the index cannot drift apart.

- ``sources``   source documents, licences, concept schemes
- ``strategy``  themes, vision, overall objectives, chapters, case studies
- ``parts``     forewords and signatories, development and its figures, the Deal and the actions
                that may deliver it, monitoring roles, the vision's prose, annexes
- ``registry``  organisations, renames, programmes, people
- ``actions``   actions, sub-items, partners and lead units, latest status, cross-references
- ``progress``  progress entries, status decisions, restatements
- ``mentions``  mentions, involvements, acronym definitions, unresolved names
- ``money``     sums of money and grants
"""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import Decisions, decide
from ..index_schema import INDEX_FORMAT
from ..resolve import Corpus
from . import actions, mentions, money, parts, progress, registry, sources, strategy
from .context import Context

MODULES = (sources, strategy, parts, registry, actions, progress, mentions, money)


@dataclass
class Projection:
    ntriples: str  # the graph as sorted canonical N-Triples
    index: dict  # the lookup index (graph.index_schema.Index)
    decisions: Decisions


def project(corpus: Corpus) -> Projection:
    decisions = decide(corpus)
    ctx = Context(corpus, decisions)
    for module in MODULES:
        module.triples(ctx)
    index: dict = {
        "format": INDEX_FORMAT,
        "publisher": decisions.publisher,
        "publisher_family": sorted(decisions.family),
    }
    for module in MODULES:
        index.update(module.records(ctx))
    ntriples = ctx.ntriples()
    index["counts"] = {**decisions.counts, "triples": ntriples.count("\n")}
    return Projection(ntriples, dict(sorted(index.items())), decisions)
