"""The vocabulary every stage shares: namespaces, node IRIs, the citation format, fixed term ids.

Standard library only: the CLI's lookups import it without paying for rdflib or pyoxigraph.
"""

from __future__ import annotations

import re
from urllib.parse import quote as url_quote

TS = "https://w3id.org/tsgraph/ontology#"
ID = "https://w3id.org/tsgraph/id/"
SCHEMA = "https://schema.org/"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

# Prefixes for Turtle, SPARQL tables and JSON-LD. "id" is not a prefix: JSON-LD reserves the look.
PREFIXES = {
    "ts": TS, "tsid": ID, "schema": SCHEMA, "oa": OA, "org": ORG, "prov": PROV, "skos": SKOS,
    "dcterms": DCTERMS, "foaf": FOAF, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
}

# The kinds of organisation and programme the registry may give (organisations.json, programmes.json).
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

# Money kinds whose sums are listed but never added into totals.
NOT_COUNTED_MONEY_KINDS = ("turnover", "declined")


def node_iri(*parts: str) -> str:
    """The IRI of a graph node: ``node_iri("action", "3.3")`` is ``<ID>action/3.3``.

    The one place node IRIs are made: the graph, the query binder, the endpoint queries, the
    exports and the explorer's page paths all call it, so an id with any character (``rspb-é``,
    a space, ``>``) gives the same IRI everywhere. Each part is percent-encoded as UTF-8 except
    the unreserved ``-._~``, so the IRI never holds a character that could end an IRI term.
    """
    return ID + "/".join(part if _UNRESERVED.match(part) else url_quote(part, safe="-._~") for part in parts)


# What url_quote leaves as it is: a part made only of these is its own encoding (most ids), and
# skipping the call halves the cost of projecting a large graph.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*\Z")


# String literal escapes, the same in N-Triples, Turtle and SPARQL (ECHAR where there is one,
# \uXXXX for every other C0 and C1 control character and for U+2028 and U+2029): no literal holds
# a character that could close it or that str.splitlines() or a reader breaks a line at (\x0b,
# \x0c, \x1c-\x1e, \x85, U+2028, U+2029), so each triple is one line and no value bound into
# a query can end its literal early.
ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029]')


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return ECHAR.get(char) or f"\\u{ord(char):04X}"


def string_literal(text: str) -> str:
    """``text`` as a double-quoted RDF string literal (N-Triples, Turtle or SPARQL): one line,
    and nothing in it can close it."""
    return '"' + NEEDS_ESCAPE.sub(_escape, text) + '"'


def node_term(*parts: str) -> str:
    """A graph node as an N-Triples or SPARQL term: ``<`` + node_iri(...) + ``>``."""
    return f"<{node_iri(*parts)}>"


def cite(source: dict | None) -> str:
    """A source span as ``document:start-end``: the one citation form of the CLI, maps and exports."""
    return f"{source['document']}:{source['start']}-{source['end']}" if source else ""


def readable(quote: str) -> str:
    """A quote for display: the PDF's emphasis markers (``*Wrap*``) dropped, white space joined.

    The exact quote (markers and all) stays the citation; this is only how it is shown.
    """
    return " ".join(quote.replace("*", "").split())
