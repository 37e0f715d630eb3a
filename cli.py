"""tsgraph: the command line. A thin layer: every answer comes from a library function in graph/.

Exit codes: 0 success; 1 a runtime error, reported in one line on stderr (a traceback only with
--debug); 2 a usage error (graph.clikit says which are which). Data goes to stdout, messages
to stderr. Heavy libraries (rdflib, pyshacl, networkx, pyvis, pyoxigraph) are imported only by
the commands that need them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli_outputs import export
from graph.cli_registry import curate, lint_command
from graph.cli_sparql import push, query, serve
from graph.clikit import (
    DEFAULT_EXPORTS,
    EXPORTS_HELP,
    EndpointURL,
    TsgraphGroup,
    chapter_number,
    checked_by_index,
    cite,
    complete_organisation,
    emit,
    exports_dir,
    index_for,
    organisation_kind,
    output_options,
    status_id,
    timing_id,
)
from graph.texttable import action_text, profile_text, render_table


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
@click.option("--no-wait", is_flag=True, help="Fail at once if another build is writing the same exports (default: wait).")
@click.pass_context
def build(ctx: click.Context, data_dir: str | None, no_maps: bool, no_store: bool, no_wait: bool) -> None:
    """Build the graph, exports, lookup index, store and maps from the sources.

    Reads the manifest (data/sources.json), parses every source, validates the graph against
    ontology/shapes.ttl, reads every RDF file back and replaces the exports folder only when
    everything succeeded, in one step; concurrent builds of the same exports queue.

    Example: tsgraph build
    """
    from graph.build import build as run_build

    show = sys.stderr.isatty()
    def progress(message: str) -> None:
        if show:
            click.echo(f"… {message}", err=True)
    result = run_build(
        exports_dir(ctx), Path(data_dir) if data_dir else None,
        maps=not no_maps, store=not no_store, progress=progress, wait=not no_wait,
        on_wait=lambda message: click.echo(message, err=True))
    click.echo(result.summary())


# -- lookups ---------------------------------------------------------------------------------

ACTION_COLUMNS = ["id", "chapter", "timing", "status", "partners", "lead_units", "text"]
ACTION_TABLE = ["id", "status", "partners", "lead", "text"]  # a terminal's width: short names, then the text


@cli.command()
@click.option("--org", multiple=True, shell_complete=complete_organisation,
              help="Organisation: any name, acronym, alias or former name; repeat for the actions naming all of them.")
@click.option("--chapter", type=int, callback=checked_by_index(chapter_number), help="Strategic objective (chapter) number, 1 to 11.")
@click.option("--status", callback=checked_by_index(status_id),
              help="Latest status: complete, in-progress, no-progress, dropped-or-merged, superseded, transferred, decided-against.")
@click.option("--timing", callback=checked_by_index(timing_id), help="immediate or longer-term.")
@click.option("--programme", help="Programme, fund, policy or law, by any of its names.")
@click.option("--text", help="Words that must all appear in the action, its restatement or its progress.")
@click.option("--endpoint", type=EndpointURL(), metavar="URL",
              help="Ask this SPARQL 1.1 endpoint instead of the local index (names still resolve locally).")
@click.option("--default-graph", metavar="IRI", help="With --endpoint: the named graph that holds the data.")
@output_options
@click.pass_context
def actions(ctx, org, chapter, status, timing, programme, text, endpoint, default_graph, fmt) -> None:
    """List the actions that match every filter given.

    The table shows each action's partners and the Defra units that lead it by short name
    (acronyms where the registry has one); --json and --csv give the full names.

    \b
    Examples:
      tsgraph actions --org WRAP
      tsgraph actions --org WRAP --org OTS        # actions naming both
      tsgraph actions --chapter 2 --status no-progress --csv
      tsgraph actions --org ACRE --endpoint http://127.0.0.1:7878/query
    """
    from graph import lookup

    index = index_for(ctx)
    if default_graph and not endpoint:
        raise click.UsageError("--default-graph goes with --endpoint", ctx)
    if not endpoint:
        rows = lookup.find_actions(index, org=org, chapter=chapter, status=status, timing=timing, programme=programme, text=text)
    else:
        from graph.endpoint_actions import find_actions_at

        filters = dict(
            orgs=[lookup.resolve_entity(index, name, "organisation") for name in org],
            programme=lookup.resolve_entity(index, programme, "programme") if programme else None,
            chapter=chapter, status=status, timing=timing, words=text.split() if text else None,
        )
        rows = find_actions_at(endpoint, filters, default_graph=default_graph)
    table = lookup.action_table_rows(index, rows) if fmt == "table" else None
    emit(rows, fmt, ACTION_COLUMNS, table=table, table_columns=ACTION_TABLE, keep=("id",), rest="text")


@cli.command()
@click.argument("name", shell_complete=complete_organisation)
@output_options
@click.pass_context
def org(ctx, name, fmt) -> None:
    """One organisation's profile: names, kind, and each sentence that ties it to an action.

    Example: tsgraph org ENCAMS
    """
    from graph.lookup import evidence_rows, organisation_profile

    profile = organisation_profile(index_for(ctx), name)
    rows = evidence_rows(profile)
    columns = ["action", "status", "sentence", "source"]
    if fmt != "table":
        emit(profile, fmt, columns, rows)
        return
    click.echo(profile_text(profile) + "\n")
    emit(rows, fmt, columns, keep=("action",), rest="sentence")


@cli.command()
@click.option("--kind", callback=checked_by_index(organisation_kind), help="Only this kind, e.g. charity-ngo, public-body, defra-unit.")
@click.option("--named", is_flag=True, help="Only organisations named in at least one action.")
@click.option("--unresolved", is_flag=True, help="List names found in the text that the registry does not know yet.")
@output_options
@click.pass_context
def orgs(ctx, kind, named, unresolved, fmt) -> None:
    """Every organisation the registry knows, with its role and the actions that name it.

    The role is partner, Defra unit (Defra's own, never counted as a partner), publisher (Defra)
    or "not in actions" (known to the registry, named in no action). The table ends with the
    build's counts. --unresolved lists instead the names the registry does not know yet.

    \b
    Examples:
      tsgraph orgs --named --kind charity-ngo
      tsgraph orgs --unresolved --csv
    """
    from graph.lookup import organisation_rows, organisation_summary, unresolved_rows

    if unresolved and (kind or named):
        raise click.UsageError("--unresolved lists unknown names; --kind and --named do not apply to it", ctx)
    index = index_for(ctx)
    if unresolved:
        emit(unresolved_rows(index), fmt, ["name", "occurrences", "where"], rest="where")
        return
    rows = organisation_rows(index, kind, named=named)
    emit(rows, fmt, ["name", "acronyms", "kind", "role", "actions", "chapters"],
         table_columns=["name", "kind", "role", "actions"], rest="name")
    if fmt == "table":
        click.echo(f"\n{len(rows)} listed; " + organisation_summary(index))


@cli.command()
@output_options
@click.pass_context
def objectives(ctx, fmt) -> None:
    """The 11 strategic objectives with partner counts, top partners and status mix.

    Partners are ranked by the actions they share, then by name: the ranking
    `tsgraph objective` and `tsgraph analyse --part objectives` use too.

    Example: tsgraph objectives --table
    """
    from graph.lookup import objectives as list_objectives

    emit(list_objectives(index_for(ctx)), fmt, ["number", "title", "actions", "partners", "top_partners", "status_mix"])


@cli.command()
@click.argument("number", type=int, callback=checked_by_index(chapter_number))
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
@click.option("--org", multiple=True, shell_complete=complete_organisation,
              help="Only sums this organisation gives or receives; repeat for the sums between them.")
@output_options
@click.pass_context
def funding(ctx, org, fmt) -> None:
    """Every sum of money with funder, recipients, programme, period and source quote, and totals.

    \b
    Examples:
      tsgraph funding --org "Keep Britain Tidy"
      tsgraph funding --org Defra --org WRAP      # sums in which both take part
    """
    from graph.lookup import funding as get_funding

    data = get_funding(index_for(ctx), org)
    columns = ["amount", "value_gbp", "kind", "period", "funder", "recipients", "programme", "subject", "quote"]
    emit(data, fmt, columns, data["items"], rest="quote")
    if fmt == "table":
        totals = data["totals"]
        left = "; ".join(f"{n} {why}" for why, n in totals["not_counted"].items())
        click.echo(f"\ntotal £{totals['total_gbp']:,.0f} over {totals['counted_items']} sums, each counted once and whole"
                   + (f"; listed but not added: {left}" if left else ""))


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
    click.echo(action_text(data))


# -- analysis and maps -----------------------------------------------------------------------

# The columns of each table graph.analyse.result_tables gives; here so --part's choices need no networkx import.
ANALYSIS_TABLES = {
    "objectives": ["number", "title", "actions", "partnered_actions", "partners", "top_partner", "top_partner_actions", "single_partner", "dominant_partner"],
    "spanning": ["organisation", "objectives", "actions", "by_objective"],
    "centrality": ["organisation", "degree", "betweenness", "co_partners"],
    "communities": ["community", "size", "members"],
    "progress": ["organisation", "actions", "complete", "in_progress", "no_progress", "not_stated", "other", "share_complete"],
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
    from graph.analyse import result_tables

    result = run_analysis(index_for(ctx).data)
    tables = result_tables(result)
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
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Folder for the explorer (default: EXPORTS/maps).")
@click.pass_context
def map_command(ctx, output) -> None:
    """Write the offline explorer again from the built index (the build writes it too).

    Writes index.html (partners × objectives matrix, search), who-carries-what.html,
    overview.html, a page per action, organisation, programme, person and objective under id/
    (the paths of their IRIs) and each source document under id/source/; all open offline from
    file://. The source documents are read from EXPORTS/sources/, where the build put them, and
    checked against the index.

    Example: tsgraph map && xdg-open exports/maps/index.html
    """
    from graph.atomic import locked_if_inside
    from graph.explore import redraw

    exports = exports_dir(ctx)
    folder = Path(output) if output else exports / "maps"
    # Inside the exports folder, the build's lock is held from reading the index to the swap.
    with locked_if_inside(folder, exports, on_wait=lambda message: click.echo(message, err=True)):
        written = redraw(exports, folder, index_for(ctx).data)
    pages = sum(1 for path in written if path.suffix == ".html")
    click.echo(f"wrote {pages} pages to {folder}/ (open {folder / 'index.html'})")


# -- SPARQL: query, serve, push (graph/cli_sparql.py) -------------------------------------

for command in (query, serve, push):
    cli.add_command(command)


for command in (export,):  # graph/cli_outputs.py
    cli.add_command(command)


# -- curation: curate, lint (graph/cli_registry.py) ---------------------------------------

for command in (curate, lint_command):
    cli.add_command(command)


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
