"""The one convention for values in CSV and TSV, shared by the CLI (--csv, --tsv) and the exports.

- numbers as plain numbers: ``100000``, never ``"100,000"`` or ``100000.0``; ``4.75`` stays ``4.75``;
- booleans as ``true`` and ``false``;
- lists joined with ``"; "`` (a mapping as ``key: value`` pairs, joined the same way);
- nothing (``None``) as the empty cell;
- text as given (the csv module quotes commas, quotes and line breaks), except that a text cell
  starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote ``'``
  in front, so a spreadsheet shows it as text instead of running it as a formula (OWASP's
  advice against CSV injection: ``=HYPERLINK(...)`` in a name must not become a link).
  Numbers are data, never formulas: a number (an int or float, as every numeric column holds)
  is written as it is, ``-5`` included; so is a text that is exactly a decimal number
  (``-5``, ``+3.5``, ``-1e3``), which no spreadsheet evaluates. Lists and mappings are checked
  as the cell they make, since only a cell's first character can start a formula.

Standard library only: the CLI imports it on every lookup.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DECIMAL_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet cannot run: ``'`` before a leading = + - @ tab or CR, unless
    the text is exactly a decimal number (data: ``-5`` stays ``-5``)."""
    if text.startswith(FORMULA_STARTS) and not DECIMAL_NUMBER.fullmatch(text):
        return "'" + text
    return text


def plain_number(value: int | float) -> int | float:
    """A whole number as an int (for JSON too: ``4000000``, not ``4000000.0``); others unchanged."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def number_text(value: int | float) -> str:
    """A number as its plain decimal form: integral floats lose the ``.0``, no exponent, no separators."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    # repr is the shortest exact form; only very large or small values come out with an exponent.
    return format(Decimal(text), "f") if "e" in text or "E" in text else text


def cell_text(value: object) -> str:
    """One value as text by the convention above, before neutralising."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, Mapping):
        return LIST_SEPARATOR.join(f"{key}: {cell_text(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell_text(item) for item in value)
    return str(value)


def csv_cell(value: object) -> str:
    """One value as a CSV or TSV cell, by the convention above: numbers as they are, every other
    cell neutralised."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    return neutralise(cell_text(value))


def write_delimited(
    handle, columns: list[str], rows: Iterable[Mapping], delimiter: str = ",", *, numeric: Collection[str] = (),
) -> None:
    """A header row, then one line per row (missing keys are empty cells), in the shared convention.

    ``numeric`` names the columns a schema types as numbers (the exports' integer and number
    columns): their cells are written as the values are, never neutralised.
    """
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    writer.writerow([neutralise(column) for column in columns])
    for row in rows:
        writer.writerow([cell_text(row.get(column)) if column in numeric else csv_cell(row.get(column)) for column in columns])


def delimited_text(columns: list[str], rows: Iterable[Mapping], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    write_delimited(buffer, columns, rows, delimiter)
    return buffer.getvalue()
