"""Resolve what the parsers found into linked facts, each with the span it came from.

- ``mentions``     organisations, programmes and people (through every alias and former name),
                   acronyms defined in the text, names the registry does not know yet
- ``money``        sums of money with period, basis, funder, recipients and programme (``money_sites``:
                   where each sum stands; ``money_sentence``: each sentence read once for all its sums)
- ``status``       the progress status of each entry, with the words that decided it
- ``references``   cross-references between commitments ("See commitment 1.6"), rename evidence
- ``restatement``  whether a progress report restates a commitment in different words
- ``units``        the stretches of text names and money are found in, each marked by context
- ``deal``         the Deal's asks and offers linked to the actions that name the same thing
- ``parts``        chapters' references to annexes; foreword signatories and their posts
- ``chains``, ``addresses``  names read backwards from a marker ("... (ABC)", "..., a"), and web and
                   mail addresses, each found in one pass where an unanchored pattern backtracked
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model import Document, Mention, ProgressEntry
from ..parse_progress import parse_progress_report
from ..parse_strategy import parse_strategy
from ..registry import Registry, name_key
from .corpus import Corpus, TextUnit
from .mentions import find_names
from .money import find_money
from .references import find_cross_references, locate_rename_evidence
from .restatement import compare_restatement
from .deal import link_deal
from .parts import find_annex_references, resolve_role_holders, resolve_signatories
from .status import classify_status
from .units import ACTION_CONTEXTS, text_units


def build_corpus(documents: list[Document], registry: Registry) -> Corpus:
    strategy_doc = next(d for d in documents if d.kind == "strategy")
    strategy = parse_strategy(strategy_doc)
    progress: list[ProgressEntry] = []
    for document in documents:
        if document.kind == "progress-report":
            progress.extend(parse_progress_report(document, strategy))
    corpus = Corpus({d.id: d for d in documents}, strategy, progress, registry)
    check_publishers(corpus)
    units = text_units(strategy, progress)
    names = find_names(corpus.documents, units, registry)
    corpus.mentions, corpus.candidates, corpus.acronyms = names.mentions, names.candidates, names.acronyms
    find_money(corpus, units)
    actions = {a.id: a for a in strategy.actions}
    for entry in progress:
        entry.status = classify_status(corpus, entry)
        compare_restatement(corpus, entry, actions[entry.action_id])
    find_cross_references(corpus)
    locate_rename_evidence(corpus)
    link_deal(corpus)
    find_annex_references(corpus)
    resolve_signatories(corpus)
    resolve_role_holders(corpus)
    return corpus


def check_publishers(corpus: Corpus) -> None:
    """Every document's publisher is an organisation the registry knows: it is the author of the
    actions, never a partner, and the implied funder of its own commitments. A publisher the
    registry does not know would silently become a partner, so the build stops instead."""
    for document in corpus.documents.values():
        entity = next((e for e in corpus.registry.resolve_all(document.publisher) if e.type == "organisation"), None)
        if entity is None:
            manifest = (corpus.registry.data_dir or Path(document.path).parent) / "sources.json"
            raise SourceError(manifest, f"source {document.id!r}: publisher {document.publisher!r} is not an organisation "
                                        "in the registry; add it to organisations.json (tsgraph curate --add)")


def involvement(corpus: Corpus, entity_type: str = "organisation") -> dict[str, dict[str, list[Mention]]]:
    """entity id -> action id -> the mentions that tie them: only mentions in an action, its
    restatement, progress or next actions; a name in a chapter overview, the Deal or a foreword
    is not taking part in an action."""
    result: dict[str, dict[str, list[Mention]]] = {}
    for mention in corpus.mentions:
        if mention.entity_type == entity_type and mention.context in ACTION_CONTEXTS:
            result.setdefault(mention.entity, {}).setdefault(mention.subject, []).append(mention)
    return result


__all__ = ["Corpus", "TextUnit", "build_corpus", "involvement", "name_key"]
