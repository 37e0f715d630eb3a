"""Which HTTP requests `tsgraph serve` passes to a worker, read as the SPARQL 1.1 protocol has them.

Only queries (GET or POST /query) and the query page with its assets are passed on; each query
goes through graph.sparql_guard first. Everything else gets a one-line refusal with its status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from ..sparql_guard import QueryRefused, UpdateRefused, check_query

# The query page oxigraph serves and the files it loads (all local: no CDN).
PAGES = frozenset({"/", "/yasgui.min.css", "/yasgui.min.js", "/logo.svg"})
READ_ONLY = "read-only: this server answers SPARQL queries only; updates and Graph Store requests are refused"


class Refusal(Exception):
    """A request answered by tsgraph itself: an HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass
class Forward:
    """The request to send to a worker, as it came (the worker parses it; tsgraph only checks)."""

    method: str
    target: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _form(text: str, where: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Refusal(400, f"the {where} is not valid UTF-8 form encoding") from None


def _checked(queries: list[str], allow_service: bool) -> None:
    if len(queries) != 1:
        raise Refusal(400, f"expected exactly one query, got {len(queries)}: give one query= parameter or one query body")
    try:
        check_query(queries[0], allow_service=allow_service)
    except UpdateRefused as exc:
        raise Refusal(403, str(exc)) from None
    except QueryRefused as exc:
        raise Refusal(400, str(exc)) from None


def route(method: str, target: str, headers, body_reader, *, allow_service: bool) -> Forward:
    """The request to forward for ``method`` and ``target``, or a Refusal. ``body_reader()``
    returns the request body (called only for a POST to /query)."""
    url = urlsplit(target)
    path = url.path
    if path in ("/update", "/store") or path.startswith("/store/"):
        raise Refusal(403, READ_ONLY)
    if method not in ("GET", "HEAD", "POST"):
        raise Refusal(405, READ_ONLY, {"Allow": "GET, HEAD, POST"})
    if path in PAGES:
        if method == "POST":
            raise Refusal(405, f"{path} is a page: send queries to /query", {"Allow": "GET, HEAD"})
        return Forward(method, target)
    if path != "/query":
        raise Refusal(404, f"not found: {path} (this server answers /query and its query page /)")
    params = _form(url.query, "query string")
    accept = {"Accept": headers.get("Accept")} if headers.get("Accept") else {}
    if "update" in params:
        raise Refusal(403, READ_ONLY)
    if method in ("GET", "HEAD"):
        _checked(params.get("query", []), allow_service)
        return Forward(method, target, headers=accept)
    kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind == "application/sparql-update":
        raise Refusal(403, READ_ONLY)
    if kind not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise Refusal(415, "send a query as application/sparql-query or application/x-www-form-urlencoded (query=...)")
    body = body_reader()
    if kind == "application/sparql-query":
        try:
            queries = [*params.get("query", []), body.decode("utf-8")]
        except UnicodeDecodeError:
            raise Refusal(400, "the query is not valid UTF-8") from None
    else:
        form = _form(_utf8(body), "request body")
        if "update" in form:
            raise Refusal(403, READ_ONLY)
        queries = [*params.get("query", []), *form.get("query", [])]
    _checked(queries, allow_service)
    return Forward(method, target, body, {**accept, "Content-Type": headers.get("Content-Type")})


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the request body is not valid UTF-8") from None
