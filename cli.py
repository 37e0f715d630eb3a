"""tsgraph: the command line. A thin layer: every answer comes from a library function in graph/.

Exit codes: 0 success; 1 a runtime error, reported in one line on stderr (a traceback only with
--debug); 2 a usage error. Data goes to stdout, messages to stderr. Heavy libraries (rdflib,
pyshacl, networkx, pyvis, pyoxigraph) are imported only by the commands that need them.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from pathlib import Path

import click

from graph.errors import TsgraphError
from graph.tabular import delimited_text  # standard library only, like every lookup import

DEFAULT_EXPORTS = "exports"


# -- output ----------------------------------------------------------------------------------

def output_options(command):
    """The one set of output options every listing command shares."""

    @click.option("--json", "fmt", flag_value="json", help="JSON for scripts (the default when stdout is not a terminal).")
    @click.option("--csv", "fmt", flag_value="csv", help="Comma-separated values with a header row.")
    @click.option("--tsv", "fmt", flag_value="tsv", help="Tab-separated values with a header row.")
    @click.option("--table", "fmt", flag_value="table", help="An aligned table (the default on a terminal).")
    @functools.wraps(command)
    def wrapper(*args, fmt=None, **kwargs):
        if fmt is None:
            fmt = "table" if sys.stdout.isatty() else "json"
        return command(*args, fmt=fmt, **kwargs)

    return wrapper


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v)}" for k, v in value.items())
    return " ".join(str(value).split())


def render_table(rows: list[dict], columns: list[str]) -> str:
    if not rows:
        return "(no results)"
    width = shutil.get_terminal_size((120, 24)).columns
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    # Shrink the widest column until the table fits the terminal.
    while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: max(w - 1, 0)] + "…"

    lines = ["  ".join(fit(c, w).ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(fit(v, w).ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def emit(data, fmt: str, columns: list[str], rows: list[dict] | None = None) -> None:
    """Print data in the chosen format. ``rows`` is the tabular part when ``data`` is richer."""
    rows = data if rows is None else rows
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt in ("csv", "tsv"):
        # Machine formats follow the library's one CSV convention (plain numbers, true/false);
        # cell() above stays the human-friendly form of --table.
        click.echo(delimited_text(columns, rows, "," if fmt == "csv" else "\t"), nl=False)
    else:
        click.echo(render_table(rows, columns))


def cite(source: dict | None) -> str:
    from graph.vocab import cite as source_label

    return f"[{source_label(source)}]" if source else ""


# -- the group -------------------------------------------------------------------------------

def _exports_override(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["exports"] = value  # the group's obj: every command reads it


EXPORTS_HELP = "Folder the build writes and lookups read (default ./exports; env TSGRAPH_EXPORTS)."


class TsgraphGroup(click.Group):
    """Turns library errors into one-line messages with exit code 1, and lets every command
    take --exports after its name as well as before it."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(p.name == "exports_override" for p in cmd.params):
            cmd.params.append(click.Option(
                ["--exports", "exports_override"], type=click.Path(file_okay=False), default=None,
                expose_value=False, callback=_exports_override, help=EXPORTS_HELP,
            ))
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TsgraphError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:  # a folder that cannot be written, a disk that is full
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from exc


def exports_dir(ctx: click.Context) -> Path:
    return Path(ctx.obj["exports"])


def index_for(ctx: click.Context):
    from graph.lookup import load_index

    if "index" not in ctx.obj:
        ctx.obj["index"] = load_index(exports_dir(ctx))
    return ctx.obj["index"]


def complete_organisation(ctx: click.Context, param, incomplete: str):
    """Shell completion for organisation names, from the built index."""
    from click.shell_completion import CompletionItem
    from graph.lookup import load_index

    root = ctx.find_root()
    exports = (root.params.get("exports") if root else None) or os.environ.get("TSGRAPH_EXPORTS", DEFAULT_EXPORTS)
    try:
        index = load_index(Path(exports))
    except TsgraphError:
        return []
    lowered = incomplete.casefold()
    names = set()
    for entity in index.entities.values():
        if entity["type"] == "organisation":
            for name in [entity["name"], *entity["acronyms"], *entity["aliases"]]:
                if name.casefold().startswith(lowered):
                    names.add(name)
    return [CompletionItem(name) for name in sorted(names)]


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(cls=TsgraphGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--exports", type=click.Path(file_okay=False), default=DEFAULT_EXPORTS,
    envvar="TSGRAPH_EXPORTS", help=EXPORTS_HELP,
)
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.version_option(package_name="tsgraph")
@click.pass_context
def cli(ctx: click.Context, exports: str, debug: bool) -> None:
    """A sourced knowledge graph of Defra's Third Sector Strategy (2008) and its progress reports.

    Build once, then ask:

    \b
      tsgraph build
      tsgraph actions --org WRAP
      tsgraph org "Keep Britain Tidy"
    """
    ctx.ensure_object(dict)
    ctx.obj.update(exports=exports, debug=debug)  # a command's own --exports, parsed next, overrides


# -- build -----------------------------------------------------------------------------------

@cli.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Data folder with sources.json and the registry (default: the bundled data/).")
@click.option("--no-maps", is_flag=True, help="Skip drawing the HTML maps.")
@click.option("--no-store", is_flag=True, help="Skip loading the embedded Oxigraph store.")
@click.pass_context
def build(ctx: click.Context, data_dir: str | None, no_maps: bool, no_store: bool) -> None:
    """Build the graph, exports, lookup index, store and maps from the sources.

    Reads the manifest (data/sources.json), parses every source, validates the graph against
    ontology/shapes.ttl and replaces the exports folder only when everything succeeded.

    Example: tsgraph build
    """
    from graph.build import build as run_build

    show = sys.stderr.isatty()
    def progress(message: str) -> None:
        if show:
            click.echo(f"… {message}", err=True)
    result = run_build(
        exports_dir(ctx), Path(data_dir) if data_dir else None,
        maps=not no_maps, store=not no_store, progress=progress,
    )
    click.echo(result.summary())


# -- lookups ---------------------------------------------------------------------------------

ACTION_COLUMNS = ["id", "chapter", "timing", "status", "organisations", "text"]


@cli.command()
@click.option("--org", help="Organisation: any name, acronym, alias or former name.", shell_complete=complete_organisation)
@click.option("--chapter", type=int, help="Strategic objective (chapter) number, 1 to 11.")
@click.option("--status", help="Latest status: complete, in-progress, no-progress, dropped-or-merged, superseded, transferred, decided-against.")
@click.option("--timing", help="immediate or longer-term.")
@click.option("--programme", help="Programme, fund, policy or law, by any of its names.")
@click.option("--text", help="Words that must all appear in the action, its restatement or its progress.")
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL 1.1 endpoint instead of the local index (names still resolve locally).")
@click.option("--default-graph", metavar="IRI", help="With --endpoint: the named graph that holds the data.")
@output_options
@click.pass_context
def actions(ctx, org, chapter, status, timing, programme, text, endpoint, default_graph, fmt) -> None:
    """List the actions that match every filter given.

    \b
    Examples:
      tsgraph actions --org WRAP
      tsgraph actions --chapter 2 --status no-progress --csv
      tsgraph actions --org ACRE --endpoint http://127.0.0.1:7878/query
    """
    from graph import lookup

    index = index_for(ctx)
    if not endpoint:
        if default_graph:
            raise click.UsageError("--default-graph goes with --endpoint")
        rows = lookup.find_actions(index, org=org, chapter=chapter, status=status, timing=timing, programme=programme, text=text)
        emit(rows, fmt, ACTION_COLUMNS)
        return
    from graph import query as sparql

    if chapter is not None:
        lookup.check_chapter(index, chapter)
    text_query = sparql.actions_query(
        org=lookup.resolve_entity(index, org, "organisation") if org else None,
        programme=lookup.resolve_entity(index, programme, "programme") if programme else None,
        chapter=chapter,
        status=lookup.resolve_status(index, status) if status else None,
        timing=lookup.resolve_timing(timing) if timing else None,
        words=text.split() if text else None,
    )
    result = sparql.run_endpoint(endpoint, text_query, limit=None, default_graph=default_graph)
    emit(sparql.actions_from_rows(result), fmt, ACTION_COLUMNS)


@cli.command()
@click.argument("name", shell_complete=complete_organisation)
@output_options
@click.pass_context
def org(ctx, name, fmt) -> None:
    """One organisation's profile: names, kind, actions with quotes, programmes, money.

    Example: tsgraph org ENCAMS
    """
    from graph.lookup import organisation_profile

    profile = organisation_profile(index_for(ctx), name)
    rows = [
        {"action": a["id"], "chapter": a["chapter"], "status": a["status"],
         "quote": " | ".join(q["quote"] for q in a["quotes"]), "source": "; ".join(cite(q) for q in a["quotes"])}
        for a in profile["actions"]
    ]
    columns = ["action", "chapter", "status", "quote", "source"]
    if fmt != "table":
        emit(profile, fmt, columns, rows)
        return
    former = ", ".join(
        f["name"] + (f" (until {f['not_after']})" if f.get("not_after") else "") for f in profile["former_names"]
    )
    lines = [
        f"{profile['name']}  [{profile['kind']}]",
        f"  acronyms:     {', '.join(profile['acronyms']) or '-'}",
        f"  also called:  {', '.join(profile['aliases']) or '-'}",
        f"  former names: {former or '-'}",
        f"  parent:       {profile['parent'] or '-'}",
    ]
    if profile["members"]:
        lines.append(f"  members:      {', '.join(profile['members'])}")
    lines.append(f"  programmes:   {', '.join(profile['programmes']) or '-'}")
    totals = profile["money_totals"]
    lines.append(f"  money:        received £{totals['received_gbp']:,.0f}; given £{totals['given_gbp']:,.0f} ({totals['items']} sums)")
    lines.append(f"  actions:      {len(profile['actions'])}")
    click.echo("\n".join(lines) + "\n")
    click.echo(render_table(rows, columns))


@cli.command()
@click.option("--kind", help="Only this kind, e.g. charity-ngo, public-body, defra-unit.")
@click.option("--unresolved", is_flag=True, help="List names found in the text that the registry does not know yet.")
@output_options
@click.pass_context
def orgs(ctx, kind, unresolved, fmt) -> None:
    """All organisations with their action counts, or the unresolved names to curate.

    \b
    Examples:
      tsgraph orgs --kind charity-ngo
      tsgraph orgs --unresolved --csv
    """
    from graph.lookup import organisation_rows, unresolved_rows

    if unresolved:
        emit(unresolved_rows(index_for(ctx)), fmt, ["name", "occurrences", "where"])
    else:
        emit(organisation_rows(index_for(ctx), kind), fmt, ["name", "kind", "acronyms", "actions", "chapters"])


@cli.command()
@output_options
@click.pass_context
def objectives(ctx, fmt) -> None:
    """The 11 strategic objectives with partner counts, top partners and status mix.

    Example: tsgraph objectives --table
    """
    from graph.lookup import objectives as list_objectives

    emit(list_objectives(index_for(ctx)), fmt, ["number", "title", "actions", "partners", "top_partners", "status_mix"])


@cli.command()
@click.argument("number", type=int)
@output_options
@click.pass_context
def objective(ctx, number, fmt) -> None:
    """One strategic objective: its partners ranked by the actions they share, and its status mix.

    Example: tsgraph objective 2
    """
    from graph.lookup import objective as get_objective

    data = get_objective(index_for(ctx), number)
    columns = ["organisation", "kind", "actions", "action_ids"]
    if fmt == "table":
        mix = ", ".join(f"{k} {v}" for k, v in data["status_mix"].items())
        click.echo(f"{data['number']}. {data['title']}  [{data['theme']}]\n  {len(data['actions'])} actions; status: {mix}\n")
    emit(data, fmt, columns, data["partners"])


@cli.command()
@click.option("--org", help="Only sums this organisation gives or receives.", shell_complete=complete_organisation)
@output_options
@click.pass_context
def funding(ctx, org, fmt) -> None:
    """Every sum of money with funder, recipients, programme, period and source quote, and totals.

    Example: tsgraph funding --org "Keep Britain Tidy"
    """
    from graph.lookup import funding as get_funding

    data = get_funding(index_for(ctx), org)
    columns = ["amount", "value_gbp", "kind", "period", "funder", "recipients", "programme", "subject", "quote"]
    emit(data, fmt, columns, data["items"])
    if fmt == "table":
        totals = data["totals"]
        click.echo(f"\ntotal £{totals['total_gbp']:,.0f} over {totals['counted_items']} sums "
                   "(repeated statements of a sum, turnover and declined costs are listed but not added)")


@cli.command()
@click.argument("action_id")
@output_options
@click.pass_context
def show(ctx, action_id, fmt) -> None:
    """One action in full: text, progress by date, organisations, money, cross-references, sources.

    Example: tsgraph show 3.3
    """
    from graph.lookup import show_action

    data = show_action(index_for(ctx), action_id)
    rows = [
        {"date": p["date"], "report": p["report"], "status": p["status"], "progress": p["progress"],
         "next_actions": p["next_actions"], "source": cite(p["progress_source"])}
        for p in data["progress"]
    ]
    columns = ["date", "report", "status", "progress", "next_actions", "source"]
    if fmt != "table":
        emit(data, fmt, columns, rows)
        return
    out = [f"Action {data['id']}  (chapter {data['chapter']}: {data['chapter_title']}; {data['timing']})",
           f"  {data['text']}", f"  source: {cite(data['source'])}", ""]
    for p in data["progress"]:
        out.append(f"{p['date']} {p['report']}: {p['status']}  {cite(p['progress_source'])}")
        if p["differs"]:
            out.append("  restated as: " + p["restated"])
        out.append("  progress: " + p["progress"])
        if p["next_actions"]:
            out.append("  next: " + p["next_actions"])
        if p["status_source"]:
            out.append(f"  status decided by: \"{p['status_source']['quote']}\"")
        out.append("")
    for o in data["organisations"]:
        out.append(f"{o['name']}: " + "; ".join(f"\"{q['quote']}\" {cite(q)}" for q in o["quotes"]))
    for m in data["money"]:
        out.append(f"money: {m['amount']} ({m['kind']}) funder {m['funder'] or '-'} → {', '.join(m['recipients']) or '-'} {cite(m['source'])}")
    if data["refers_to"] or data["referred_by"]:
        out.append(f"refers to: {', '.join(data['refers_to']) or '-'}; referred to by: {', '.join(data['referred_by']) or '-'}")
    click.echo("\n".join(out).rstrip())


# -- analysis and maps -----------------------------------------------------------------------

ANALYSIS_TABLES = {
    "objectives": ["number", "title", "actions", "partnered_actions", "partners", "top_partner", "top_partner_actions", "single_partner", "dominant_partner"],
    "spanning": ["organisation", "objectives", "actions", "by_objective"],
    "centrality": ["organisation", "degree", "betweenness", "co_partners"],
    "communities": ["community", "size", "members"],
    "progress": ["organisation", "actions", "complete", "in_progress", "no_progress", "other", "share_complete"],
    "money-by-recipient": ["organisation", "gbp"],
    "money-by-programme": ["programme", "gbp"],
}


@cli.command()
@click.option("--part", type=click.Choice(sorted(ANALYSIS_TABLES)), default=None,
              help="One table only (with --csv/--tsv/--table a part is required for machine formats).")
@output_options
@click.pass_context
def analyse(ctx, part, fmt) -> None:
    """Network analysis: partners per objective, brokers, communities, progress and money by partner.

    Defra, the author of every action, is left out of partner figures.

    \b
    Examples:
      tsgraph analyse --json
      tsgraph analyse --part centrality --table
    """
    from graph.analyse import analyse as run_analysis

    result = run_analysis(index_for(ctx).data)
    tables = {
        "objectives": result["objectives"],
        "spanning": result["spanning"],
        "centrality": result["centrality"],
        "communities": [{"community": i, "size": len(m), "members": m} for i, m in enumerate(result["communities"], 1)],
        "progress": result["progress_by_partner"],
        "money-by-recipient": result["money"]["by_recipient"],
        "money-by-programme": result["money"]["by_programme"],
    }
    if part:
        emit(tables[part], fmt, ANALYSIS_TABLES[part])
    elif fmt == "json":
        emit(result, fmt, [])
    elif fmt == "table":
        for name, rows in tables.items():
            click.echo(f"== {name}")
            click.echo(render_table(rows[:15], ANALYSIS_TABLES[name]) + "\n")
    else:
        raise click.UsageError("--csv and --tsv need --part to choose one table")


@cli.command("map")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Folder for the maps (default: EXPORTS/maps).")
@click.pass_context
def map_command(ctx, output) -> None:
    """Draw the interactive HTML maps again from the built index (the build draws them too).

    Writes overview.html, objective-N.html, one org-*.html per partner and index.html; each opens
    offline from file://.

    Example: tsgraph map && xdg-open exports/maps/index.html
    """
    from graph.visualise import write_maps

    folder = Path(output) if output else exports_dir(ctx) / "maps"
    written = write_maps(index_for(ctx).data, folder)
    click.echo(f"wrote {len(written)} maps to {folder}/ (open {folder / 'index.html'})")


# -- SPARQL ----------------------------------------------------------------------------------

def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        name, sep, given = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="--param")
        params[name.strip()] = given
    return params


@cli.command()
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter, e.g. org=WRAP (names resolve through the registry).")
@click.option("--endpoint", metavar="URL", help="Run against this SPARQL 1.1 endpoint instead of the embedded store.")
@click.option("--default-graph", metavar="IRI", help="With --endpoint: the named graph that holds the data (sent as default-graph-uri).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Stop a query that runs longer (seconds).")
@click.option("--limit", type=int, default=1000, show_default=True, help="Show at most this many rows.")
@click.option("--no-limit", is_flag=True, help="Show every row.")
@click.option("--list", "list_queries", is_flag=True, help="List the query library.")
@output_options
@click.pass_context
def query(ctx, query, params, endpoint, default_graph, timeout, limit, no_limit, list_queries, fmt) -> None:
    """Run a library query by name, a .rq file, or SPARQL from stdin ('-').

    \b
    Examples:
      tsgraph query --list
      tsgraph query actions-of-organisation --param org=WRAP
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tsgraph query -
      tsgraph query partners-by-objective --endpoint http://127.0.0.1:7878/query --csv
    """
    from graph import query as sparql
    from graph.vocab import PREFIXES

    if list_queries:
        rows = [{"name": q.name, "title": q.title, "params": [f"{p.name} ({p.kind})" for p in q.params], "description": q.description}
                for q in sparql.library()]
        emit(rows, fmt, ["name", "title", "params"])
        return
    if not query:
        raise click.UsageError("give a query name, a .rq file or '-' for stdin (see --list)")
    given = parse_params(params)
    if query == "-":
        text = sys.stdin.read()
        if given:
            raise click.UsageError("--param works with library queries and .rq files with a header")
    else:
        library_query = sparql.find_query(query)
        needs_index = any(p.kind in ("organisation", "programme", "person", "action", "chapter") for p in library_query.params)
        text = sparql.bind_parameters(library_query, given, index_for(ctx) if needs_index else None)
    row_limit = None if no_limit else limit
    if default_graph and not endpoint:
        raise click.UsageError("--default-graph goes with --endpoint")
    if endpoint:
        result = sparql.run_endpoint(endpoint, text, timeout=timeout, limit=row_limit, default_graph=default_graph)
    else:
        result = sparql.run_local(exports_dir(ctx) / "store", text, timeout=timeout, limit=row_limit)
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


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=int, default=7878, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Stop queries that run longer (seconds).")
@click.pass_context
def serve(ctx, host, port, timeout) -> None:
    """Serve the graph with the Oxigraph SPARQL 1.1 server, read-only, with its YASGUI query page.

    SPARQL UPDATE and Graph Store writes are refused. Stop it with Ctrl-C.

    Example: tsgraph serve --port 7878   # then open http://127.0.0.1:7878/
    """
    import signal
    import subprocess

    from graph.query import ServerCommand, oxigraph_binary

    store = exports_dir(ctx) / "store"
    if not store.exists():
        raise click.ClickException(f"no store at {store}; run `tsgraph build` first")
    command = ServerCommand(oxigraph_binary(), store, host, port, timeout)
    click.echo(f"serving {store} read-only at http://{host}:{port}/ (query endpoint http://{host}:{port}/query); Ctrl-C stops", err=True)
    process = subprocess.Popen(command.argv())
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        click.echo("stopped", err=True)
        return
    if code != 0:
        raise click.ClickException(f"the oxigraph server exited with code {code}")


@cli.command()
@click.option("--endpoint", required=True, metavar="URL", help="The SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph", "graph_iri", metavar="IRI", help="Load into this named graph instead of the default graph.")
@click.option("--append", is_flag=True, help="Add to what the graph holds (POST) instead of replacing it (PUT).")
@click.pass_context
def push(ctx, endpoint, graph_iri, append) -> None:
    """Load the built graph into any store through the SPARQL 1.1 Graph Store Protocol.

    Example: tsgraph push --endpoint http://127.0.0.1:7878/store
    """
    from graph.query import push as push_graph

    source = exports_dir(ctx) / "graph.nt"
    if not source.exists():
        raise click.ClickException(f"no graph at {source}; run `tsgraph build` first")
    status = push_graph(endpoint, source, graph=graph_iri, replace=not append)
    click.echo(f"pushed {source} to {endpoint} ({'named graph ' + graph_iri if graph_iri else 'default graph'}): HTTP {status}")


RDF_EXPORTS = {"turtle": "graph.ttl", "ntriples": "graph.nt", "jsonld": "graph.jsonld"}


@cli.command()
@click.option("--format", "formats", multiple=True, required=True,
              type=click.Choice(["all", *RDF_EXPORTS, "graphml", "gexf", "csv", "kumu", "360giving", "360giving-xlsx",
                                 "ontology-html"]),
              help="Format to write; repeat for several, or 'all'.")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Folder to write to (default: the exports folder).")
@click.pass_context
def export(ctx, formats, output) -> None:
    """Write the graph in the formats people already use (the build writes them all too).

    turtle, ntriples, jsonld: RDF (jsonld with context.jsonld and one framed actions/ID.jsonld per
    action); graphml, gexf: for Gephi, networkx and igraph, laid out, coloured by the maps' legend;
    csv: tables/*.csv with a Frictionless datapackage.json; kumu: a Kumu JSON blueprint; 360giving:
    360Giving 1.4.3 grants (JSON); 360giving-xlsx: the same as a 360Giving spreadsheet (not written
    by the build); ontology-html: the ontology's documentation (pyLODE).

    \b
    Examples:
      tsgraph export --format gexf
      tsgraph export --format csv --format kumu --output shared/
    """
    from graph.export import FORMATS, ON_REQUEST, write_exports

    chosen = list(dict.fromkeys([*RDF_EXPORTS, *FORMATS, *ON_REQUEST] if "all" in formats else formats))
    folder = Path(output) if output else exports_dir(ctx)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in chosen:
        if name in RDF_EXPORTS:
            source = exports_dir(ctx) / RDF_EXPORTS[name]
            if not source.exists():
                raise click.ClickException(f"no graph at {source}; run `tsgraph build` first")
            target = folder / RDF_EXPORTS[name]
            if target.resolve() != source.resolve():
                shutil.copyfile(source, target)
            written.append(target)
            if name == "jsonld" and (exports_dir(ctx) / "context.jsonld").resolve() != (folder / "context.jsonld").resolve():
                shutil.copyfile(exports_dir(ctx) / "context.jsonld", folder / "context.jsonld")
                shutil.copytree(exports_dir(ctx) / "actions", folder / "actions", dirs_exist_ok=True)
    other = tuple(n for n in chosen if n not in RDF_EXPORTS)
    if other:
        written += write_exports(index_for(ctx).data, folder, other)
    for path in written:
        click.echo(str(path))


# -- documentation ---------------------------------------------------------------------------

def command_reference() -> str:
    """The README's command reference, rendered from the commands' own help."""
    parts = []
    root = click.Context(cli, info_name="tsgraph", terminal_width=100, max_content_width=100, **CONTEXT_SETTINGS)
    parts.append("```\n" + cli.get_help(root) + "\n```")
    for name in sorted(cli.commands):
        command = cli.commands[name]
        context = click.Context(command, info_name=name, parent=root, terminal_width=100, max_content_width=100)
        parts.append(f"### `tsgraph {name}`\n\n```\n{command.get_help(context)}\n```")
    return "\n\n".join(parts) + "\n"


@cli.command()
def docs() -> None:
    """Print the command reference in Markdown (the README includes it; a test keeps them equal).

    Example: tsgraph docs > reference.md
    """
    click.echo(command_reference(), nl=False)


def main() -> None:
    cli(prog_name="tsgraph")


if __name__ == "__main__":
    main()
