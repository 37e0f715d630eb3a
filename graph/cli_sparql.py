"""The command line's SPARQL commands: `tsgraph query`, `tsgraph serve` and `tsgraph push`.

Kept apart from cli.py, which adds them to the `tsgraph` group, so that each stays short; they
follow the same rules (graph.clikit): data on stdout, one-line errors, usage errors exit 2.
"""

from __future__ import annotations

import sys

import click

from .clikit import Command, EndpointURL, emit, exports_dir, index_for, output_options
from .limits import DEFAULT_MEMORY_MIB, MIN_MEMORY_MIB


class Seconds(click.ParamType):
    """Seconds, finite and above 0 (graph.query_local.check_timeout): "nan", "inf", "0", "-1" are usage errors."""

    name = "SECONDS"

    def convert(self, value, param, ctx) -> float:
        from .query_local import MAX_TIMEOUT, QueryLimitError, check_timeout

        try:
            seconds = float(value)
            check_timeout(seconds)
        except (TypeError, ValueError, QueryLimitError):
            self.fail(f"{value!r} is not a finite number of seconds above 0 and at most {MAX_TIMEOUT:g}, e.g. 30", param, ctx)
        return seconds


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for value in values:
        name, sep, given = value.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="'--param'")
        if name in params:
            raise click.BadParameter(f"{name} is given twice; a parameter takes one value", param_hint="'--param'")
        params[name] = given
    return params


@click.command(cls=Command)
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter, e.g. org=WRAP (names resolve through the registry).")
@click.option("--endpoint", type=EndpointURL(), metavar="URL", help="Run against this SPARQL 1.1 endpoint instead of the embedded store.")
@click.option("--default-graph", metavar="IRI", help="With --endpoint: the named graph that holds the data (sent as default-graph-uri).")
@click.option("--timeout", type=Seconds(), default=30.0, show_default=True,
              help="Stop a query that runs longer (seconds, finite, more than 0).")
@click.option("--memory", "memory_mib", type=click.IntRange(min=MIN_MEMORY_MIB), default=DEFAULT_MEMORY_MIB, show_default=True,
              metavar="MIB", help=f"Stop a query on the embedded store that needs more memory, or refuse an endpoint's answer larger than this (MiB, at least {MIN_MEMORY_MIB}).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses send requests to the servers they name.")
@click.option("--limit", type=click.IntRange(min=1), default=1000, show_default=True, help="Show at most this many rows.")
@click.option("--no-limit", is_flag=True, help="Show every row.")
@click.option("--list", "list_queries", is_flag=True, help="List the query library.")
@output_options
@click.pass_context
def query(ctx, query, params, endpoint, default_graph, timeout, memory_mib, allow_service, limit, no_limit, list_queries, fmt) -> None:
    """Run a library query by name, a query file (.rq or .sparql), or SPARQL from stdin ('-').

    A file of one's own needs no header: its title is its file name. A header (# title:,
    # param: NAME KIND description) lets it take --param like the library's queries.

    Queries only read: updates (INSERT, DELETE, LOAD, ...) are refused, and so is SERVICE
    unless --allow-service. On the embedded store a query is stopped after --timeout seconds
    or when it needs more than --memory MiB; an endpoint's whole answer must arrive within
    --timeout and hold at most --memory MiB.

    \b
    Examples:
      tsgraph query --list
      tsgraph query actions-of-organisation --param org=WRAP
      tsgraph query my-question.sparql
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tsgraph query -
      tsgraph query partners-by-objective --endpoint http://127.0.0.1:7878/query --csv
    """
    from . import query as sparql
    from .vocab import PREFIXES

    if list_queries:
        rows = [{"name": q.name, "title": q.title, "params": [f"{p.name} ({p.kind})" for p in q.params], "description": q.description}
                for q in sparql.library()]
        emit(rows, fmt, ["name", "title", "params"], keep=("name",), rest="title")
        return
    if not query:
        raise click.UsageError("give a query name, a .rq or .sparql file, or '-' for stdin (see --list)", ctx)
    if default_graph and not endpoint:
        raise click.UsageError("--default-graph goes with --endpoint", ctx)
    given = parse_params(params)
    if query == "-":
        text = sys.stdin.read()
        if given:
            raise click.UsageError("--param works with library queries and query files with a header", ctx)
    else:
        chosen = sparql.find_query(query)
        needs_index = any(p.kind in ("organisation", "programme", "person", "action", "chapter") for p in chosen.params)
        text = sparql.bind_parameters(chosen, given, index_for(ctx) if needs_index else None)
    row_limit = None if no_limit else limit
    if endpoint:
        result = sparql.run_endpoint(endpoint, text, timeout=timeout, limit=row_limit, default_graph=default_graph,
                                     allow_service=allow_service, memory_mib=memory_mib)
    else:
        result = sparql.run_local(exports_dir(ctx) / "store", text, timeout=timeout, limit=row_limit,
                                  memory_mib=memory_mib, allow_service=allow_service)
    if result.boolean is not None:
        click.echo("true" if result.boolean else "false")
        return
    rows = result.rows
    if fmt == "table":
        namespaces = {p: str(n) for p, n in PREFIXES.items()}
        rows = [{c: sparql.compact(v, namespaces) for c, v in row.items()} for row in rows]
    emit(rows, fmt, result.columns)
    if result.truncated:
        click.echo(f"(showing the first {row_limit} rows; --no-limit shows all)", err=True)


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Loopback by default; any other address lets every machine that can reach it query (no authentication).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=Seconds(), default=30.0, show_default=True,
              help="Answer 504 to a query still running after this many seconds, and stop it.")
@click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True, help="Queries run at once (one oxigraph process each).")
@click.option("--queue", type=click.IntRange(1, 1024), default=32, show_default=True,
              help="Requests that may wait for a worker; beyond, the answer is 503 with Retry-After.")
@click.option("--memory", type=click.IntRange(min=MIN_MEMORY_MIB), default=DEFAULT_MEMORY_MIB, show_default=True, metavar="MB",
              help="Memory each worker may allocate (MB); a query over it gets a 502 error.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (federated queries reach other servers); refused by default.")
@click.pass_context
def serve(ctx, host, port, timeout, workers, queue, memory, allow_service) -> None:
    """Serve the graph read-only over SPARQL 1.1, with Oxigraph's YASGUI query page.

    Queries go to /query (GET or POST); updates, Graph Store requests and SERVICE are refused.
    At most --workers queries run at once and --queue more wait; a query past --timeout is
    stopped and answered 504. A rebuilt store is picked up while serving. Ctrl-C, SIGTERM or
    SIGHUP stops tsgraph and its workers; a port in use is reported in one line.

    Example: tsgraph serve --port 7878   # then open http://127.0.0.1:7878/
    """
    from .serve import Limits, ServeOptions
    from .serve import serve as run_server

    store = exports_dir(ctx) / "store"
    if not store.exists():
        raise click.ClickException(f"no store at {store}; run `tsgraph build` first")
    limits = Limits(workers=workers, queue=queue, timeout=timeout, memory_mb=memory, allow_service=allow_service)
    options = ServeOptions(store, host, port, limits)

    def announce() -> None:
        click.echo(f"serving {store} read-only at http://{host}:{port}/ (query endpoint http://{host}:{port}/query); "
                   "Ctrl-C stops", err=True)

    run_server(options, announce, lambda line: click.echo(line, err=True))
    click.echo("stopped", err=True)


@click.command(cls=Command)
@click.option("--endpoint", type=EndpointURL(), required=True, metavar="URL",
              help="The SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph", "graph_iri", metavar="IRI", help="Load into this named graph instead of the default graph.")
@click.option("--append", is_flag=True, help="Add to what the graph holds (POST) instead of replacing it (PUT).")
@click.pass_context
def push(ctx, endpoint, graph_iri, append) -> None:
    """Load the built graph into any store through the SPARQL 1.1 Graph Store Protocol.

    Example: tsgraph push --endpoint http://127.0.0.1:7878/store
    """
    from .query import push as push_graph

    source = exports_dir(ctx) / "graph.nt"
    if not source.exists():
        raise click.ClickException(f"no graph at {source}; run `tsgraph build` first")
    status = push_graph(endpoint, source, graph=graph_iri, replace=not append)
    click.echo(f"pushed {source} to {endpoint} ({'named graph ' + graph_iri if graph_iri else 'default graph'}): HTTP {status}")
