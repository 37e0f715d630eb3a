"""The command line's export command: `tsgraph export`.

Kept apart from cli.py, which adds it to the `tsgraph` group; it follows the same rules
(graph.clikit): data on stdout, one-line errors, usage errors exit 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from .clikit import Command, exports_dir, index_for

RDF_EXPORTS = {"turtle": "graph.ttl", "ntriples": "graph.nt", "jsonld": "graph.jsonld"}


@click.command(cls=Command)
@click.option("--format", "formats", multiple=True, required=True,
              type=click.Choice(["all", *RDF_EXPORTS, "graphml", "gexf", "csv", "kumu", "360giving", "360giving-xlsx",
                                 "ontology-html"]),
              help="Format to write; repeat for several, or 'all'.")
@click.option("--output", type=click.Path(file_okay=False), default=None, help="Folder to write to (default: the exports folder).")
@click.pass_context
def export(ctx, formats, output) -> None:
    """Write the graph in the formats people already use (the build writes them all too).

    turtle, ntriples, jsonld: RDF (jsonld with context.jsonld and one framed actions/ID.jsonld per
    action); graphml, gexf: for Gephi, networkx and igraph, laid out and coloured as the maps;
    csv: tables/*.csv with a Frictionless datapackage.json; kumu: a Kumu JSON blueprint; 360giving:
    360Giving 1.4.3 grants (JSON); 360giving-xlsx: the same as a 360Giving spreadsheet (not written
    by the build); ontology-html: the ontology's documentation (pyLODE).

    \b
    Examples:
      tsgraph export --format gexf
      tsgraph export --format csv --format kumu --output shared/
    """
    from graph.export import FORMATS, write_exports

    # "all" is what the build writes; an on-request format (ON_REQUEST) is written when named.
    chosen = list(dict.fromkeys([*RDF_EXPORTS, *FORMATS] if "all" in formats else formats))
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
