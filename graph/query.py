"""SPARQL for analysts: a library of named queries, the embedded store, any SPARQL 1.1 endpoint.

Library queries live in queries/*.rq. Each starts with a comment header:

    # title: Actions involving an organisation
    # description: ...
    # param: org organisation  The organisation, by any name, acronym or former name

and refers to a parameter as ``$org`` (a SPARQL variable, so the file is valid SPARQL as it
stands). ``--param org=WRAP`` resolves the name through the registry and substitutes its IRI.
A query file of one's own (``.rq`` or ``.sparql``) may leave the header out: its title is then
the file's name and it takes no parameters.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError, UnknownNameError
from .query_params import (  # noqa: F401 - re-exported: the binder is part of this module's interface
    PARAM_KINDS,
    NameResolver,
    bind_parameters,
    parameter_term,
    sparql_string,
)
from .query_local import (  # noqa: F401 - re-exported: running on the embedded store
    DEFAULT_LIMIT,
    DEFAULT_MEMORY_MIB,
    DEFAULT_TIMEOUT,
    Result,
    check_memory,
    check_timeout,
    run_local,
    term_value,
)
from .resources import queries_dir
from .sparql_guard import check_query

QUERIES_DIR = queries_dir()
HEADER = re.compile(r"^#\s*(?P<key>title|description|param):\s*(?P<value>.*)$")
QUERY_FILE_SUFFIXES = (".rq", ".sparql")


@dataclass
class Parameter:
    name: str
    kind: str
    description: str


@dataclass
class LibraryQuery:
    name: str
    path: Path
    title: str
    description: str
    params: list[Parameter]
    text: str


def parse_library_query(path: Path, *, header_required: bool = True) -> LibraryQuery:
    """A query file with its header; without ``header_required`` the title defaults to the file name."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {getattr(exc, 'strerror', None) or exc}") from None
    title, description, params = "", "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = HEADER.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"].strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        else:
            parts = value.split(None, 2)
            if len(parts) < 2 or parts[1] not in PARAM_KINDS:
                raise QueryError(f"{path}: param line must be '# param: NAME KIND description' with KIND one of {', '.join(PARAM_KINDS)}")
            params.append(Parameter(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    if not title:
        if header_required:
            raise QueryError(f"{path}: the header lacks '# title:'")
        title = path.stem
    return LibraryQuery(path.stem, path, title, description, params, text)


def library(folder: Path = QUERIES_DIR) -> list[LibraryQuery]:
    return [parse_library_query(p) for p in sorted(folder.glob("*.rq"))]


def find_query(name_or_file: str, folder: Path = QUERIES_DIR) -> LibraryQuery:
    """A library query by name, or a query file (.rq or .sparql; its header is optional)."""
    path = Path(name_or_file)
    if path.suffix in QUERY_FILE_SUFFIXES:
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return parse_library_query(path, header_required=False)
    candidate = folder / f"{name_or_file}.rq"
    if candidate.exists():
        return parse_library_query(candidate)
    import difflib

    names = [q.name for q in library(folder)]
    raise UnknownNameError("query", name_or_file, difflib.get_close_matches(name_or_file, names, n=3), names)


# -- running ---------------------------------------------------------------------------------

def endpoint_problem(url: str) -> str | None:
    """Why ``url`` cannot be a SPARQL or Graph Store endpoint, or None if it can."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        return f"{url!r} is not a valid URL: {exc}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url!r} is not an http:// or https:// URL with a host, e.g. http://127.0.0.1:7878/query"
    return None


def run_endpoint(
    endpoint: str,
    sparql: str,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
    default_graph: str | None = None,
    allow_service: bool = False,
    memory_mib: int = DEFAULT_MEMORY_MIB,
) -> Result:
    """Run a query on any SPARQL 1.1 endpoint (protocol: POST, form-encoded, JSON results).
    ``default_graph`` names the graph to query where the store keeps the data in a named graph.
    Updates, and SERVICE unless ``allow_service``, are refused here as on the embedded store.
    The whole answer must arrive within ``timeout`` and hold at most ``memory_mib`` MiB."""
    check_timeout(timeout)
    check_query(sparql, allow_service=allow_service)
    form = {"query": sparql}
    if default_graph:
        form["default-graph-uri"] = default_graph
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(endpoint, data=data, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    })
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(read_answer(response, endpoint, deadline, memory_mib).decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read(4096).decode("utf-8", "replace").strip().splitlines()
        raise QueryError(f"{endpoint} answered {exc.code}: {detail[0] if detail else exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise QueryError(f"cannot query {endpoint}: {reason}") from None
    except json.JSONDecodeError as exc:
        raise QueryError(f"{endpoint} did not answer with SPARQL JSON results: {exc}") from None
    if "boolean" in body:
        return Result([], [], boolean=bool(body["boolean"]))
    columns = body["head"]["vars"]
    rows, truncated = [], False
    for binding in body["results"]["bindings"]:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append({c: binding[c]["value"] if c in binding else None for c in columns})
    return Result(columns, rows, truncated)


def read_answer(response, endpoint: str, deadline: float | None, memory_mib: int) -> bytes:
    """The answer's bytes, read in pieces: refused once it holds more than ``memory_mib`` MiB or
    is still arriving at ``deadline`` (the socket timeout alone bounds each piece, not the whole)."""
    pieces, size, most = [], 0, memory_mib * 1024 * 1024
    while piece := response.read(1 << 16):
        size += len(piece)
        if size > most:
            raise QueryError(f"{endpoint}'s answer is larger than {memory_mib} MiB (--memory); "
                             "ask for fewer rows (LIMIT) or raise --memory")
        if deadline is not None and time.monotonic() > deadline:
            raise QueryError(f"{endpoint} was still answering after the timeout; ask for fewer rows or raise --timeout")
        pieces.append(piece)
    return b"".join(pieces)


def push(store_url: str, ntriples: Path, *, graph: str | None = None, replace: bool = True, timeout: float = 120) -> int:
    """Load the graph into a SPARQL 1.1 Graph Store Protocol endpoint; returns the HTTP status."""
    target = store_url + ("&" if "?" in store_url else "?") + (
        urllib.parse.urlencode({"graph": graph}) if graph else "default"
    )
    request = urllib.request.Request(
        target, data=Path(ntriples).read_bytes(), method="PUT" if replace else "POST",
        headers={"Content-Type": "application/n-triples"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise QueryError(f"{store_url} refused the graph ({exc.code}): {detail[0] if detail else exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise QueryError(f"cannot reach {store_url}: {getattr(exc, 'reason', exc)}") from None


def compact(value: str | None, prefixes: dict[str, str]) -> str | None:
    if value is None:
        return None
    for prefix, namespace in prefixes.items():
        if value.startswith(namespace):
            return f"{prefix}:{value[len(namespace):]}"
    return value
