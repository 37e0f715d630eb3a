"""The command line's machinery: output, error reporting, checked values, endpoint URLs, one
value per option, and shell completion of organisation names (quoted for bash).

What belongs to click stays here so that `cli.py` holds only the commands. Which errors are
usage errors (exit 2): an option or argument outside a fixed list (a chapter number, a status, a
timing, an organisation kind, a format), a malformed URL or number, an option that takes one
value given twice. A name that is looked up and not found (an organisation, a programme, an
action id, a query) is a runtime error (exit 1) with "did you mean".
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class

from .errors import InvalidValueError, TsgraphError, UsageError
from .texttable import render_table

DEFAULT_EXPORTS = "exports"
EXPORTS_HELP = "Folder the build writes and lookups read (default ./exports; env TSGRAPH_EXPORTS)."


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


# -- where the exports are -------------------------------------------------------------------

def remember_exports(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["exports"] = value  # the group's obj: every command reads it


def exports_option() -> click.Option:
    """--exports after a command's name. Eager, so that values checked against the index (such
    as --status) are checked against the index it names, wherever it stands."""
    return click.Option(
        ["--exports", "exports_override"], type=click.Path(file_okay=False), default=None, is_eager=True,
        expose_value=False, callback=remember_exports, help=EXPORTS_HELP,
    )


def exports_of(ctx: click.Context) -> Path:
    """The exports folder a command works on: --exports (after or before the command), then
    TSGRAPH_EXPORTS, then ./exports. Works during shell completion too, when no command runs."""
    for context in (ctx, *iter_parents(ctx)):
        if isinstance(context.obj, dict) and context.obj.get("exports"):
            return Path(context.obj["exports"])
    root = ctx.find_root()
    return Path(root.params.get("exports") or os.environ.get("TSGRAPH_EXPORTS") or DEFAULT_EXPORTS)


def iter_parents(ctx: click.Context):
    while ctx.parent is not None:
        ctx = ctx.parent
        yield ctx


def exports_dir(ctx: click.Context) -> Path:
    return exports_of(ctx)


def index_for(ctx: click.Context):
    return index_of(ctx)


def index_of(ctx: click.Context):
    """The lookup index of the exports folder, loaded once per command."""
    from .lookup import load_index

    cache = ctx.ensure_object(dict)
    path = exports_of(ctx)
    if cache.get("index_path") != path:
        cache["index"], cache["index_path"] = load_index(path), path
    return cache["index"]


# -- output ----------------------------------------------------------------------------------

def emit(data, fmt: str, columns: list[str], rows: list[dict] | None = None, *,
         table: list[dict] | None = None, table_columns: list[str] | None = None,
         keep: tuple[str, ...] = (), rest: str | None = None) -> None:
    """Print data in the chosen format. ``rows`` is the tabular part when ``data`` is richer;
    ``table`` and ``table_columns`` what a terminal shows instead, where that differs."""
    rows = data if rows is None else rows
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt in ("csv", "tsv"):
        # Machine formats follow the library's one CSV convention, the exports' (plain numbers,
        # true/false); texttable.cell stays the human-friendly form of --table.
        from .tabular import delimited_text

        click.echo(delimited_text(columns, rows, "," if fmt == "csv" else "\t"), nl=False)
    else:
        click.echo(render_table(rows if table is None else table, table_columns or columns, keep=keep, rest=rest))


def cite(source: dict | None) -> str:
    from .vocab import cite as source_label

    return f"[{source_label(source)}]" if source else ""


# -- commands and errors ---------------------------------------------------------------------

def debugging(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(isinstance(root.obj, dict) and root.obj.get("debug"))


def one_line(ctx: click.Context, exc: Exception) -> click.ClickException:
    """A library error as click reports it: usage errors exit 2, the rest 1."""
    if isinstance(exc, UsageError):
        return click.UsageError(str(exc), ctx)
    if isinstance(exc, OSError):  # a folder that cannot be written, a disk that is full
        where = f"{exc.filename}: " if exc.filename else ""
        return click.ClickException(f"{where}{exc.strerror or exc}")
    return click.ClickException(str(exc))


class Command(click.Command):
    """Every tsgraph command. Library errors become one-line messages (see `one_line`), and an
    option that takes one value refuses to be given twice (click would keep the last silently):
    `--chapter 1 --chapter 2` is a usage error, not chapter 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
            given = Counter(order)
            for param, times in given.items():
                if times > 1 and takes_one_value(param):
                    raise click.UsageError(f"{param.opts[0]} takes one value; it was given {times} times", ctx)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        return invoke_in_one_line(super().invoke, ctx)


def invoke_in_one_line(invoke: Callable, ctx: click.Context):
    """Run a command (or the group's callback); a library or file error becomes one line."""
    try:
        return invoke(ctx)
    except (TsgraphError, OSError) as exc:
        if debugging(ctx):
            raise
        raise one_line(ctx, exc) from exc


class TsgraphGroup(click.Group):
    """Lets every command take --exports after its name as well as before it, and reports errors
    that arise while a command's options are read (a missing index) in one line."""

    command_class = Command

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(p.name == "exports_override" for p in cmd.params):
            cmd.params.append(exports_option())
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        return invoke_in_one_line(super().invoke, ctx)


# -- checked values --------------------------------------------------------------------------

def checked_by_index(check: Callable) -> Callable:
    """An option callback: ``check(index, value)`` gives the canonical value or raises
    InvalidValueError, which becomes a usage error naming the option and the valid values."""

    def callback(ctx: click.Context, param: click.Parameter, value):
        if value is None or ctx.resilient_parsing:
            return value
        try:
            return check(index_of(ctx), value)
        except InvalidValueError as exc:
            raise click.BadParameter(exc.reason, ctx=ctx, param=param) from None

    return callback


def chapter_number(index, value: int) -> int:
    from .lookup import check_chapter

    return check_chapter(index, value)


def status_id(index, value: str) -> str:
    from .lookup import resolve_status

    return resolve_status(index, value)


def timing_id(index, value: str) -> str:
    from .lookup import resolve_timing

    return resolve_timing(value)


def organisation_kind(index, value: str) -> str:
    from .lookup import check_kind

    return check_kind(index, value)


class EndpointURL(click.ParamType):
    """An http(s) URL with a host: a SPARQL endpoint or a Graph Store."""

    name = "url"

    def convert(self, value, param, ctx):
        from .query import endpoint_problem

        problem = endpoint_problem(value)
        if problem:
            self.fail(problem, param, ctx)
        return value


def takes_one_value(param: click.Parameter) -> bool:
    return isinstance(param, click.Option) and not param.multiple and not param.is_flag and not param.count


# -- shell completion ------------------------------------------------------------------------

def complete_organisation(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
    """Organisation names from the built index: each body's name, acronyms and aliases, without
    the same name twice in another case ("WRAP", not also "Wrap")."""
    from .names import name_key  # standard library only: completion runs on every Tab

    try:
        index = index_of(ctx)
    except TsgraphError:
        return []
    typed = incomplete.casefold()
    seen, names = set(), []
    for entity in sorted(index.entities.values(), key=lambda e: e["name"].casefold()):
        if entity["type"] != "organisation":
            continue
        for name in [entity["name"], *entity["acronyms"], *entity["aliases"]]:
            key = name_key(name) or name.casefold()
            if name.casefold().startswith(typed) and key not in seen:
                seen.add(key)
                names.append(name)
    return [CompletionItem(name) for name in sorted(names, key=str.casefold)]


# Click's bash script with two changes: a value is inserted shell-quoted ("Keep Britain Tidy"
# stays one argument), unless the word being completed opened a quote itself; and `read -r`
# with a quoted expansion, so that backslashes and globs in a value stay literal.
BASH_SOURCE = """\
%(complete_func)s() {
    local IFS=$'\\n'
    local response
    local word="${COMP_WORDS[COMP_CWORD]}"

    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD \
%(complete_var)s=bash_complete $1)

    for completion in $response; do
        IFS=',' read -r type value <<< "$completion"

        if [[ $type == 'dir' ]]; then
            COMPREPLY=()
            compopt -o dirnames
        elif [[ $type == 'file' ]]; then
            COMPREPLY=()
            compopt -o default
        elif [[ $type == 'plain' ]]; then
            if [[ $word == \\"* || $word == \\'* ]]; then
                COMPREPLY+=("$value")
            else
                COMPREPLY+=("$(printf '%%q' "$value")")
            fi
        fi
    done

    return 0
}

%(complete_func)s_setup() {
    complete -o nosort -F %(complete_func)s %(prog_name)s
}

%(complete_func)s_setup;
"""


@add_completion_class
class QuotingBashComplete(BashComplete):
    name = "bash"
    source_template = BASH_SOURCE
