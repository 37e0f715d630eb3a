"""A query's ``$name`` parameters replaced by typed RDF terms, in one pass over the query text.

Each value becomes one term that cannot end early: an IRI made by vocab.node_iri (every part
percent-encoded, so ``>`` or a space stays inside it), or a string literal with every quote,
backslash, control and line-separator character escaped. All placeholders are replaced in one
pass over the tokens of graph.sparql_guard, so a value is never scanned again (``$other`` inside
a value stays text) and ``$name`` inside a comment, a string or an IRI of the query is left alone.
"""

from __future__ import annotations

import re
from typing import Protocol

from .errors import InvalidValueError, ParameterError, QueryError
from .sparql_guard import tokens
from .vocab import node_term, string_literal

ACTION_ID = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}")  # matched whole, ASCII digits only
CHAPTER_NUMBER = re.compile(r"[0-9]{1,4}")  # ASCII digits only: "²".isdigit() is True, int("²") fails
ENTITY_KINDS = ("organisation", "programme", "person")
PARAM_KINDS = (*ENTITY_KINDS, "action", "chapter", "text")

class NameResolver(Protocol):
    """What binding parameters needs: the lookup index (graph.lookup.Index) or a test's own table."""

    def entity_id(self, given: str, entity_type: str) -> str: ...

    def check_action(self, action_id: str) -> str: ...

    def check_chapter(self, chapter: int) -> int: ...


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal that no character of it can close or break."""
    return string_literal(value)


def parameter_term(kind: str, value: str, names: NameResolver | None) -> str:
    """The RDF term for one parameter value of ``kind`` (see PARAM_KINDS)."""
    if kind in ENTITY_KINDS:
        if names is None:
            raise QueryError(f"naming a {kind} needs the built index; run `tsgraph build`")
        return node_term(kind, names.entity_id(value, kind))
    if kind == "action":
        if names is not None:
            value = names.check_action(value)
        elif not ACTION_ID.fullmatch(value):  # no index to check it: only an id's shape goes into the query
            raise InvalidValueError("action", value, ["an action id, e.g. 3.3"])
        return node_term("action", value)
    if kind == "chapter":
        if not CHAPTER_NUMBER.fullmatch(value):
            raise InvalidValueError("chapter", value, ["a chapter number in digits 0-9, e.g. 2"])
        if names is not None:
            names.check_chapter(int(value))
        return node_term("chapter", str(int(value)))
    if kind == "text":
        return sparql_string(value)
    raise QueryError(f"unknown parameter kind {kind!r}; kinds: {', '.join(PARAM_KINDS)}")


def substitute(text: str, terms: dict[str, str]) -> str:
    """``text`` with each ``$name`` variable whose name is in ``terms`` replaced, in one pass.

    Only variable tokens are replaced: ``$name`` inside a comment, string or IRI is not one, and
    ``?name`` is the query's own variable. ``$names`` is not ``$name``: a token is a whole name.
    """
    return "".join(
        terms.get(token.text[1:], token.text) if token.kind == "variable" and token.text[0] == "$" else token.text
        for token in tokens(text)
    )


def bind_parameters(query, given: dict[str, str], names: NameResolver | None = None) -> str:
    """A library query's text with its ``$name`` placeholders replaced by typed terms; names
    resolve through ``names`` (the lookup index, or any resolver with the same three methods)."""
    unknown = set(given) - {p.name for p in query.params}
    if unknown:
        valid = ", ".join(p.name for p in query.params) or "none"
        raise ParameterError(f"query {query.name!r} has no parameter {', '.join(sorted(unknown))}; its parameters: {valid}")
    terms = {}
    for param in query.params:
        if param.name not in given:
            raise ParameterError(f"query {query.name!r} needs --param {param.name}=... ({param.kind}: {param.description})")
        terms[param.name] = parameter_term(param.kind, given[param.name], names)
    return substitute(query.text, terms)
