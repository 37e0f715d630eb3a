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
import multiprocessing
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .errors import InvalidValueError, ParameterError, QueryError, UnknownNameError
from .resources import queries_dir
from .vocab import node_iri

QUERIES_DIR = queries_dir()
ACTION_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")
DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 30.0
PARAM_KINDS = ("organisation", "programme", "person", "action", "chapter", "text")
HEADER = re.compile(r"^#\s*(?P<key>title|description|param):\s*(?P<value>.*)$")
QUERY_FILE_SUFFIXES = (".rq", ".sparql")


class NameResolver(Protocol):
    """What binding parameters needs: the lookup index (graph.lookup.Index) or a test's own table."""

    def entity_id(self, given: str, entity_type: str) -> str: ...

    def check_action(self, action_id: str) -> str: ...

    def check_chapter(self, chapter: int) -> int: ...


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


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, str | None]]
    truncated: bool = False
    boolean: bool | None = None

    def as_tuples(self) -> list[tuple]:
        return [tuple(row.get(c) for c in self.columns) for row in self.rows]


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


def sparql_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def bind_parameters(query: LibraryQuery, given: dict[str, str], names: NameResolver | None = None) -> str:
    """Substitute ``$name`` placeholders with IRIs or literals; names resolve through ``names``
    (the lookup index, or any resolver with the same three methods)."""
    unknown = set(given) - {p.name for p in query.params}
    if unknown:
        valid = ", ".join(p.name for p in query.params) or "none"
        raise ParameterError(f"query {query.name!r} has no parameter {', '.join(sorted(unknown))}; its parameters: {valid}")
    text = query.text
    for param in query.params:
        if param.name not in given:
            raise ParameterError(f"query {query.name!r} needs --param {param.name}=... ({param.kind}: {param.description})")
        term = parameter_term(param, given[param.name], names)
        text = re.sub(rf"\${re.escape(param.name)}\b", lambda _m: term, text)
    return text


def parameter_term(param: Parameter, value: str, names: NameResolver | None) -> str:
    if param.kind in ("organisation", "programme", "person"):
        if names is None:
            raise QueryError("naming an organisation needs the built index; run `tsgraph build`")
        return f"<{node_iri(param.kind, names.entity_id(value, param.kind))}>"
    if param.kind == "action":
        if names is not None:
            value = names.check_action(value)
        elif not ACTION_ID.match(value):  # no index to check it: only an id's shape goes into the query
            raise InvalidValueError("action", value, ["an action id, e.g. 3.3"])
        return f"<{node_iri('action', value)}>"
    if param.kind == "chapter":
        if not value.isdigit():
            raise InvalidValueError("chapter", value, ["a chapter number, e.g. 2"])
        if names is not None:
            names.check_chapter(int(value))
        return f"<{node_iri('chapter', str(int(value)))}>"
    return sparql_string(value)


# -- running ---------------------------------------------------------------------------------

def term_value(term) -> str | None:
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


def _evaluate(store_path: str, sparql: str, limit: int | None):
    import pyoxigraph

    store = pyoxigraph.Store.read_only(store_path)
    try:
        answer = store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc))) from None
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return Result([], [], boolean=bool(answer))
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows, truncated = [], False
        for solution in answer:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append({c: term_value(solution[c]) for c in columns})
        return Result(columns, rows, truncated)
    triples = []
    for triple in answer:
        if limit is not None and len(triples) >= limit:
            return Result(["subject", "predicate", "object"], triples, True)
        triples.append({"subject": term_value(triple.subject), "predicate": term_value(triple.predicate), "object": term_value(triple.object)})
    return Result(["subject", "predicate", "object"], triples)


def syntax_message(message: str) -> str:
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if match:
        return f"SPARQL syntax error at line {match[1]}, column {match[2]}: {match[3].strip()}"
    return f"SPARQL syntax error: {message}"


def _child(connection, store_path: str, sparql: str, limit: int | None) -> None:
    try:
        connection.send(("ok", _evaluate(store_path, sparql, limit)))
    except QueryError as exc:
        connection.send(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 - any store failure is reported to the parent
        connection.send(("error", f"query failed: {exc}"))
    finally:
        connection.close()


def run_local(store_path: Path, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT, limit: int | None = DEFAULT_LIMIT) -> Result:
    """Run a query on the embedded store. With a timeout it runs in a child process that is
    stopped when time is up: Oxigraph evaluates in native code that a thread cannot interrupt."""
    store_path = Path(store_path)
    if not store_path.exists():
        raise QueryError(f"no store at {store_path}; run `tsgraph build` first")
    if timeout is None:
        return _evaluate(str(store_path), sparql, limit)
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, str(store_path), sparql, limit), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryError(f"query stopped after {timeout:g} s (raise --timeout to allow longer)")
        status, payload = parent.recv()
    except EOFError:
        raise QueryError("the query process ended without an answer") from None
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        parent.close()
    if status == "error":
        raise QueryError(payload)
    return payload


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
) -> Result:
    """Run a query on any SPARQL 1.1 endpoint (protocol: POST, form-encoded, JSON results).
    ``default_graph`` names the graph to query where the store keeps the data in a named graph."""
    form = {"query": sparql}
    if default_graph:
        form["default-graph-uri"] = default_graph
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(endpoint, data=data, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
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


ACTIONS_QUERY = """PREFIX ts: <https://w3id.org/tsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?id ?chapter ?timing ?status ?text ?organisations ?partners ?lead_units WHERE {{
  ?a a ts:Action ; dcterms:identifier ?id ; dcterms:isPartOf/skos:notation ?chapter ; ts:timing/skos:notation ?timing ; ts:text ?text .
  OPTIONAL {{ ?a ts:latestStatus/skos:notation ?status }}
  OPTIONAL {{
    {{ ?a ts:involves/skos:prefLabel ?organisations }} UNION {{ ?a ts:partner/skos:prefLabel ?partners }}
    UNION {{ ?a ts:leadUnit/skos:prefLabel ?lead_units }}
  }}
{filters}}}"""
ACTION_ROLES = ("organisations", "partners", "lead_units")  # one UNION branch each: a row binds one


def actions_query(
    *, orgs: list[str] | None = None, programme: str | None = None, chapter: int | None = None,
    status: str | None = None, timing: str | None = None, words: list[str] | None = None,
) -> str:
    """SPARQL for `tsgraph actions --endpoint`: the same filters as the local lookup, with names
    already resolved to ids (orgs, programme) and values already checked (chapter, status, timing).
    With several organisations, an action must involve every one."""
    filters = []
    for org in orgs or []:
        filters.append(f"  ?a ts:involves <{node_iri('organisation', org)}> .")
    if programme:
        filters.append(f"  ?a ts:refersToProgramme <{node_iri('programme', programme)}> .")
    if chapter is not None:
        filters.append(f"  FILTER (?chapter = {sparql_string(str(chapter))})")
    if status:
        filters.append(f"  FILTER (?status = {sparql_string(status)})")
    if timing:
        filters.append(f"  FILTER (?timing = {sparql_string(timing)})")
    for word in words or []:
        filters.append(
            "  FILTER EXISTS { { ?a ts:text ?t } UNION { ?e ts:progressOf ?a ; ts:progressText|ts:nextActions ?t }"
            f" UNION {{ ?e ts:progressOf ?a ; ts:restatement/ts:text ?t }} FILTER (CONTAINS(LCASE(?t), {sparql_string(word.casefold())})) }}"
        )
    return ACTIONS_QUERY.format(filters="\n".join(filters) + ("\n" if filters else ""))


def actions_from_rows(result: Result) -> list[dict]:
    """Fold the rows (one per action and named organisation, in one of three roles) into one item
    per action, in action order."""
    actions: dict[str, dict] = {}
    for row in result.rows:
        item = actions.setdefault(row["id"], {
            "id": row["id"], "chapter": int(row["chapter"]), "timing": row["timing"], "status": row["status"],
            "text": row["text"], **{role: [] for role in ACTION_ROLES},
        })
        for role in ACTION_ROLES:
            if row.get(role) and row[role] not in item[role]:
                item[role].append(row[role])
    for item in actions.values():
        for role in ACTION_ROLES:
            item[role].sort()
    return sorted(actions.values(), key=lambda a: tuple(int(part) for part in a["id"].split(".")))


def compact(value: str | None, prefixes: dict[str, str]) -> str | None:
    if value is None:
        return None
    for prefix, namespace in prefixes.items():
        if value.startswith(namespace):
            return f"{prefix}:{value[len(namespace):]}"
    return value
