"""CSV tables for spreadsheets, pandas and R, described by a Frictionless data package.

``tables/datapackage.json`` (Frictionless Data Package v1, Table Schema) names every table and
column with its type and meaning, the primary keys, and the foreign keys between tables, so
``frictionless validate tables/datapackage.json`` checks types, uniqueness and references. Cells
follow the one CSV convention of graph/tabular.py, which the CLI's --csv and --tsv share: plain
numbers, true/false, lists joined with "; ", empty for nothing, and a text cell that a spreadsheet
would run as a formula (``=HYPERLINK(...)``) prefixed with ``'``; the integer and number columns
are data and are never prefixed (``-5`` stays a number).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..indexview import documents_phrase
from ..tabular import LIST_SEPARATOR, write_delimited
from ..vocab import cite, readable
from .common import write_json


NUMERIC_TYPES = ("integer", "number")  # Table Schema types whose cells are numbers, never formulas


@dataclass
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, yearmonth
    description: str
    list: bool = False  # several values joined with LIST_SEPARATOR

    def schema(self) -> dict:
        description = self.description + (f' (several joined with "{LIST_SEPARATOR}")' if self.list else "")
        return {"name": self.name, "type": self.type, "description": description}


@dataclass
class Table:
    name: str
    description: str
    columns: list[Column]
    rows: list[dict]
    primary_key: list[str]
    foreign_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)

    def resource(self) -> dict:
        schema: dict = {"fields": [c.schema() for c in self.columns], "primaryKey": self.primary_key,
                        "missingValues": [""]}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fields, "reference": {"resource": "" if resource == self.name else resource, "fields": ref}}
                for fields, resource, ref in self.foreign_keys]
        return {"name": self.name, "path": f"{self.name}.csv", "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "description": self.description, "schema": schema}


def evidence(source: dict | None, prefix: str = "") -> dict:
    """A span as columns: citation, document, offsets and the quote as shown (emphasis marks dropped)."""
    if not source:
        return {}
    return {f"{prefix}source": cite(source), f"{prefix}document": source["document"], f"{prefix}start": source["start"],
            f"{prefix}end": source["end"], f"{prefix}quote": readable(source["quote"])}


def build_tables(index: dict) -> list[Table]:
    from .table_specs import TABLES  # the specs build on Column and Table above

    return [spec(index) for spec in TABLES]


def package(index: dict, tables: list[Table]) -> dict:
    licences = sorted({s["licence"] for s in index["sources"]})
    return {
        "profile": "tabular-data-package",
        "name": "tsgraph-third-sector-strategy",
        "title": documents_phrase(index) + ", as tables",
        "description": ("Actions, strategic objectives, organisations, programmes, involvements, money and progress, "
                        "each fact with the citation (document:start-end) and exact words it was read from. "
                        "Source documents: " + "; ".join(licences)),
        "resources": [table.resource() for table in tables],
    }


def write_tables(index: dict, folder: Path) -> list[Path]:
    target = folder / "tables"
    target.mkdir(parents=True, exist_ok=True)
    tables = build_tables(index)
    written = []
    for table in tables:
        path = target / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            numeric = [c.name for c in table.columns if c.type in NUMERIC_TYPES]
            write_delimited(handle, [c.name for c in table.columns], table.rows, numeric=numeric)
        written.append(path)
    written.append(write_json(target / "datapackage.json", package(index, tables), indent=2))
    return written
