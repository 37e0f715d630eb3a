"""Refuse SPARQL that a read-only, non-federating service must not run: updates and SERVICE.

The check reads the query as the SPARQL grammar tokenises it, so a keyword inside a comment, a
string (short or long, either quote), an IRI, a variable (`?service`) or a prefixed name
(`service:x`, `ex:DELETE`) is not a keyword. It is a guard in front of a real parser, not a
parser: it refuses what it must and lets the SPARQL engine reject what is malformed.
"""

from __future__ import annotations

import re

from .errors import TsgraphError


class QueryRefusedError(TsgraphError):
    """The query asks for something this service does not do (an update, a SERVICE call)."""


class UpdateRefusedError(QueryRefusedError):
    """SPARQL UPDATE on a read-only store."""


class ServiceRefusedError(QueryRefusedError):
    """A SERVICE clause (a federated query) while federation is off."""


# The update operations of SPARQL 1.1 Update; none is a keyword of the query language.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"})

# One alternative per token kind that can hide a word; order matters only where two could start
# at the same character (a long string before a short one). A prefixed name's local part takes
# the escapes SPARQL allows there (ex:a\#b is one name, not a comment). No alternative gives back
# what it consumed, so the scan is linear in the query's length.
_LOCAL = r"(?::(?:[\w\u00B7\u00C0-\uFFFF.%:-]|\\[_~.\-!$&'()*+,;=/?\#@%])*)"
_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z))
    | (?P<short>'(?:[^'\\\n\r]|\\.)*(?:'|$)|"(?:[^"\\\n\r]|\\.)*(?:"|$))
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7\u00C0-\uFFFF]+|@[A-Za-z][\w-]*)
    | (?P<word>[\w\u00B7\u00C0-\uFFFF.-]+)(?P<local>""" + _LOCAL + r""")?
    | (?P<empty_prefix>""" + _LOCAL + r""")
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)
# In a run of name characters that is not a prefixed name ("true-SERVICE", "3SERVICE",
# "o.SERVICE"), a lenient engine could read any run of letters as a keyword: each is checked.
_LETTERS = re.compile(r"[A-Za-z]+")


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    """Replace \\uXXXX and \\UXXXXXXXX everywhere, as SPARQL does before parsing (section 19.2):
    otherwise \\u0053ERVICE would reach the engine as SERVICE."""

    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, text)


def keywords(text: str) -> list[tuple[str, int]]:
    """The bare words of the query (upper-cased) with their line numbers: no variables, language
    tags, prefixed names, or anything inside comments, strings and IRIs."""
    found: list[tuple[str, int]] = []
    line, counted = 1, 0  # lines counted up to `counted`, so the whole scan stays linear
    for match in _TOKENS.finditer(text):
        run = match.group("word")
        if run is None or match.group("local") is not None:
            continue  # not a word, or a prefixed name or blank node label (ex:DELETE, _:load)
        start = match.start()
        line += text.count("\n", counted, start)
        counted = start
        found += [(letters.upper(), line) for letters in _LETTERS.findall(run)]
    return found


def check_query(text: str, *, allow_service: bool = False) -> None:
    """Raise UpdateRefusedError for SPARQL UPDATE and, unless ``allow_service``,
    ServiceRefusedError for SERVICE; each message is one line naming the keyword and its line."""
    # Engines differ on \u escapes outside strings (the spec unescapes first, oxigraph does
    # not): a keyword either reading would see is refused.
    views = [text, unescape_codepoints(text)] if ("\\u" in text or "\\U" in text) else [text]
    for word, line in (found for view in views for found in keywords(view)):
        if word in UPDATE_KEYWORDS:
            raise UpdateRefusedError(f"read-only: SPARQL UPDATE ({word} on line {line}) is refused")
        if word == "SERVICE" and not allow_service:
            raise ServiceRefusedError(f"SERVICE (line {line}) is refused: federated queries are off")
