"""What tsgraph lets a SPARQL text do: read, never update, and never reach another server.

``check_query`` lexes the text the way a SPARQL parser does, so a keyword only counts where it is
a keyword: not inside a comment (``# ...``), a string (``"..."``, ``'...'``, ``\"\"\"...\"\"\"``,
``'''...'''``, with backslash escapes), an IRI (``<...>``), a variable (``?service``,
``$insert``), a prefixed name (``service:x``, ``ex:DROP``) or a language tag (``"x"@add``).
The query's form is the first keyword after the PREFIX and BASE declarations.

Refused:
- updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, ADD, MOVE, COPY, and WITH that opens one),
  whether as the form or anywhere after it (``SELECT ... ; INSERT ...``);
- ``SERVICE``, unless allowed: the embedded engine federates, so ``SERVICE <http://...>`` makes
  it send HTTP requests to whatever address the query names.

The same lexer finds the ``$name`` placeholders that graph.query substitutes in one pass.
Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import QueryError, UsageError

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH")
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
READ_ONLY = "tsgraph is read-only: SPARQL updates (INSERT/DELETE/LOAD/CLEAR/CREATE/DROP/ADD/MOVE/COPY) are refused"

# One alternative per token kind; the order matters where two could start at the same character
# (a long string before a short one, an IRI before the "<" operator, a prefixed name before a word).
_NAME_START = r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
_NAME_CHAR = _NAME_START + r"_0-9\u00B7\u0300-\u036F\u203F-\u2040"
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)
             |\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)
             |'(?:[^'\\\n\r]|\\.)*(?:'|(?=[\n\r])|\Z)
             |"(?:[^"\\\n\r]|\\.)*(?:"|(?=[\n\r])|\Z))
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
  | (?P<variable>[?$][{_NAME_CHAR}]+)
  | (?P<blank>_:[{_NAME_CHAR}.\-]*[{_NAME_CHAR}\-])
  | (?P<prefixed>(?:[{_NAME_START}](?:[{_NAME_CHAR}.\-]*[{_NAME_CHAR}\-])?)?:(?:(?:[{_NAME_CHAR}:\-]|%[0-9A-Fa-f]{{2}}|\\[_~.!$&'()*+,;=/?\#@%\-]|\.(?=[{_NAME_CHAR}:%\\\-.]))*))
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[{_NAME_START}_][{_NAME_CHAR}]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class QueryRefused(QueryError, UsageError):
    """A query asks for something tsgraph does not do: an update, or a federated SERVICE call."""


class UpdateRefused(QueryRefused):
    """An update: tsgraph's stores are read-only."""


class ServiceRefused(QueryRefused):
    """A federated SERVICE call, refused unless explicitly allowed."""


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape_codepoints(text: str) -> str:
    """Replace \\uXXXX and \\UXXXXXXXX everywhere, as SPARQL 1.1 (section 19.2) says a parser does
    before parsing: an engine that follows it would read \\u0053ERVICE as SERVICE."""

    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _CODEPOINT.sub(char, text)


@dataclass(frozen=True)
class Token:
    kind: str  # space, comment, string, iri, variable, blank, prefixed, langtag, word, other
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """Every token of ``text``, white space and comments included: joined, they give the text back."""
    for match in _TOKEN.finditer(text):
        yield Token(match.lastgroup or "other", match.group(), match.start())


def keywords(text: str) -> Iterator[Token]:
    """The bare words of ``text``: SPARQL keywords and built-in function names."""
    return (token for token in tokens(text) if token.kind == "word")


def query_form(text: str) -> str | None:
    """The first keyword after the PREFIX and BASE declarations, upper-cased (SELECT, INSERT, ...),
    or None for a text without one."""
    for token in keywords(text):
        word = token.text.upper()
        if word not in ("PREFIX", "BASE"):
            return word
    return None


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def check_query(text: str, *, allow_service: bool = False) -> None:
    """Raise UpdateRefused or, unless ``allow_service``, ServiceRefused (one line, with the line of
    the offending keyword). Anything else is left to the parser.

    Engines differ on codepoint escapes outside strings (the standard unescapes first; oxigraph
    does not), and --endpoint may reach any engine: a keyword either reading would see counts."""
    views = [text, unescape_codepoints(text)] if ("\\u" in text or "\\U" in text) else [text]
    for view in views:
        for token in keywords(view):
            word = token.text.upper()
            if word in UPDATE_KEYWORDS:
                raise UpdateRefused(f"{READ_ONLY} ({word} at line {line_of(view, token.start)})")
            if word == "SERVICE" and not allow_service:
                raise ServiceRefused(
                    f"SERVICE is refused (line {line_of(view, token.start)}): a federated query makes the engine "
                    "send requests to other servers; pass --allow-service to allow it"
                )
