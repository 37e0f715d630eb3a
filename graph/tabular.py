"""The one convention for values in CSV and TSV, shared by the CLI (--csv, --tsv) and the exports.

- numbers as plain numbers: ``100000``, never ``"100,000"`` or ``100000.0``; ``4.75`` stays ``4.75``;
- booleans as ``true`` and ``false``;
- lists joined with ``"; "`` (a mapping as ``key: value`` pairs, joined the same way);
- nothing (``None``) as the empty cell;
- text exactly as given: the csv module quotes commas, quotes and line breaks.

Standard library only: the CLI imports it on every lookup.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal

LIST_SEPARATOR = "; "


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


def csv_cell(value: object) -> str:
    """One value as a CSV or TSV cell, by the convention above."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, Mapping):
        return LIST_SEPARATOR.join(f"{key}: {csv_cell(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(csv_cell(item) for item in value)
    return str(value)


def write_delimited(handle, columns: list[str], rows: Iterable[Mapping], delimiter: str = ",") -> None:
    """A header row, then one line per row (missing keys are empty cells), in the shared convention."""
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in columns])


def delimited_text(columns: list[str], rows: Iterable[Mapping], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    write_delimited(buffer, columns, rows, delimiter)
    return buffer.getvalue()
