"""The command line's curation commands: `tsgraph curate` and `tsgraph lint`.

Kept apart from cli.py, which adds them to the `tsgraph` group; they follow the same rules
(graph.clikit): data on stdout, one-line errors, usage errors exit 2. The work is done in
graph.curate and graph.lint.
"""

from __future__ import annotations

from pathlib import Path

import click

from .clikit import Command, emit, output_options

def data_option(command):
    return click.option(
        "--data", "data_dir", type=click.Path(file_okay=False, exists=True), default=None,
        help="Data folder with sources.json and the registry (default: the bundled data/).",
    )(command)


def data_folder(data_dir: str | None) -> Path:
    from graph.sources import DEFAULT_DATA_DIR

    return Path(data_dir) if data_dir else DEFAULT_DATA_DIR


def check_entity_id(ctx, param, value: str | None) -> str | None:
    from graph.schema import is_id

    if value is not None and not is_id(value):
        raise click.BadParameter(f"{value!r} is not an id: use lower-case words joined by hyphens, e.g. consumer-group")
    return value


def entity_kinds() -> list[str]:
    from graph.vocab import ORGANISATION_KINDS, PROGRAMME_KINDS  # the vocabulary, without loading the registry

    return sorted([*ORGANISATION_KINDS, *PROGRAMME_KINDS])


def curation_text(rows: list[dict]) -> str:
    from graph.vocab import readable

    blocks = []
    for row in rows:
        plural = "s" if row["occurrences"] != 1 else ""
        lines = [f"{row['name']}  ({row['occurrences']} occurrence{plural}; proposed kind: {row['proposed_kind']})",
                 f"  why:     {row['reason']}",
                 "  nearest: " + ("; ".join(f"{n['id']} ({n['name']}, {n['score']})" for n in row["nearest"]) or "-")]
        lines += [f"  {q['source']}  \"{readable(q['quote'])}\"" for q in row["quotes"]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) if blocks else "(no unresolved names)"


@click.command(cls=Command)
@data_option
@click.option("--accept", "accept_name", metavar="NAME", help="Add NAME as an alias of the registry entry given with --as.")
@click.option("--as", "entity_id", metavar="ENTITY_ID", help="With --accept: the id of the entry that takes the name.")
@click.option("--add", "add_name", metavar="NAME", help="Add NAME to the registry as a new entry of the kind given with --kind.")
@click.option("--kind", type=click.Choice(entity_kinds()), help="With --add: an organisation or programme kind.")
@click.option("--id", "new_id", metavar="ID", callback=check_entity_id, help="With --add: the new entry's id (default: made from the name).")
@output_options
def curate(data_dir, accept_name, entity_id, add_name, kind, new_id, fmt) -> None:
    """Names the registry does not know yet, with quotes, nearest entries and a proposed kind; curate them.

    Without --accept or --add, lists each unresolved name. --accept and --add write the registry
    in the data folder canonically.

    \b
    Examples:
      tsgraph curate --table
      tsgraph curate --accept "Re-use Network" --as frn
      tsgraph curate --add "Consumer Group" --kind partnership-group --data mydata/
    """
    from graph import curate as curation

    folder = data_folder(data_dir)
    if accept_name is not None and add_name is not None:
        raise click.UsageError("give either --accept or --add, not both")
    if (accept_name is None) != (entity_id is None):
        raise click.UsageError("--accept NAME goes with --as ENTITY_ID")
    if add_name is None and (kind or new_id):
        raise click.UsageError("--kind and --id go with --add NAME")
    if accept_name is not None:
        click.echo(curation.accept(folder, accept_name, entity_id))
    elif add_name is not None:
        if kind is None:
            raise click.UsageError("--add NAME needs --kind")
        click.echo(curation.add(folder, add_name, kind, new_id))
    else:
        rows = curation.unresolved(folder)
        if fmt == "table":
            click.echo(curation_text(rows))
            return
        flat = [{**row, "nearest": [f"{n['id']} ({n['score']})" for n in row["nearest"]],
                 "quotes": [q["source"] for q in row["quotes"]]} for row in rows]
        emit(rows, fmt, ["name", "occurrences", "proposed_kind", "reason", "nearest", "quotes"], flat)


@click.command("lint", cls=Command)
@data_option
@click.option("--check", is_flag=True, help="Only report: exit 1 if a file is not canonical or has a problem.")
@click.pass_context
def lint_command(ctx, data_dir, check) -> None:
    """Check the curated data against its JSON Schemas, rewrite it canonically, flag redundant names.

    Each problem is one line naming the file and the record; any problem exits 1.

    \b
    Examples:
      tsgraph lint
      tsgraph lint --check --data mydata/
    """
    from graph.lint import lint
    from graph.lint import LINTED_FILES

    folder = data_folder(data_dir)
    report = lint(folder, check=check)
    for path in report.rewritten:
        click.echo(f"rewrote {path} canonically")
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        ctx.exit(1)
    click.echo(f"{folder}: {len(LINTED_FILES)} data files valid and canonical")
