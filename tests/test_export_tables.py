"""CSV tables: a Frictionless data package that `frictionless validate` accepts, and one CSV
convention (plain numbers, true/false, "; " lists, empty for nothing) shared with the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from graph.export.tables import write_tables
from graph.tabular import csv_cell, delimited_text, write_delimited


def frictionless(package: Path) -> subprocess.CompletedProcess:
    command = Path(sys.executable).with_name("frictionless")
    return subprocess.run([str(command), "validate", "--json", str(package)], capture_output=True, text=True)


def report(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stdout)


def read(tables: Path, name: str) -> list[dict]:
    return list(csv.DictReader((tables / f"{name}.csv").open(encoding="utf-8")))


def test_frictionless_validates_the_data_package(exports):
    result = frictionless(exports / "tables" / "datapackage.json")
    assert result.returncode == 0 and report(result)["valid"] is True, result.stdout[-3000:]
    package = json.loads((exports / "tables" / "datapackage.json").read_text())
    described = {r["path"] for r in package["resources"]}
    assert described == {p.name for p in (exports / "tables").glob("*.csv")}
    for resource in package["resources"]:
        header = next(csv.reader((exports / "tables" / resource["path"]).open(encoding="utf-8")))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert all(f["type"] and f["description"] for f in resource["schema"]["fields"])


@pytest.mark.parametrize("table,column,value,error", [
    ("actions", "chapter", "12", "foreign-key"),          # no chapter 12
    ("funding", "value", "100,000", "type-error"),        # a number with a thousands separator
    ("organisations", "id", "wrap", "primary-key"),       # a duplicated id
])
def test_frictionless_catches_a_broken_table(exports, tmp_path, table, column, value, error):
    tables = tmp_path / "tables"
    shutil.copytree(exports / "tables", tables)
    rows = read(tables, table)
    rows[1][column] = value
    with (tables / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = frictionless(tables / "datapackage.json")
    assert result.returncode != 0
    kinds = {e["type"] for task in report(result)["tasks"] for e in task["errors"]}
    assert error in kinds, kinds


def test_tables_read_back(exports, index_data):
    tables = exports / "tables"
    assert [a["id"] for a in read(tables, "actions")] == [a["id"] for a in index_data["actions"]]
    involvements = read(tables, "involvements")
    assert sorted({i["action"] for i in involvements if i["organisation_id"] == "wrap" and i["role"] == "partner"}) == \
        ["10.5", "3.3", "4.4", "8.1"]
    assert {i["role"] for i in involvements if i["organisation_id"] == "defra"} == {"publisher"}
    funding = read(tables, "funding")
    assert len(funding) == 18
    wrap_sum = next(f for f in funding if f["about"] == "3.3" and f["context"] == "action")
    # The convention: plain numbers, true/false, "; " between list items.
    assert (wrap_sum["amount"], wrap_sum["value"], wrap_sum["counts_in_totals"]) == ("£4m", "4000000", "true")
    assert wrap_sum["recipient_ids"] == "realliance; wrap"
    restated = next(f for f in funding if f["about"] == "3.3" and f["context"] == "restatement")
    assert (restated["repeat_of"], restated["counts_in_totals"]) == (wrap_sum["id"], "false")
    kbt = next(o for o in read(tables, "organisations") if o["id"] == "keep-britain-tidy")
    assert kbt["former_names"] == "ENCAMS" and kbt["actions_as_partner"] == "4"
    progress = read(tables, "progress")
    assert len(progress) == 132 and {p["status"] for p in progress} >= {"complete", "no-progress"}


def test_the_csv_convention():
    assert [csv_cell(v) for v in (100000.0, 100000, 4.75, 1e21, True, False, None, ["a", "b"], "x, y")] == \
        ["100000", "100000", "4.75", "1000000000000000000000", "true", "false", "", "a; b", "x, y"]
    assert delimited_text(["n", "t"], [{"n": 1.0, "t": "say \"hi\"\nthere"}]) == 'n,t\n1,"say ""hi""\nthere"\n'


def test_the_cli_writes_csv_by_the_same_convention(exports):
    run = lambda *args: CliRunner().invoke(cli, ["--exports", str(exports), *args])  # noqa: E731
    result = run("funding", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    values = {row["value_gbp"] for row in rows}
    assert "100000" in values and "4750000" in values and not any("," in v or v.endswith(".0") for v in values)
    table = run("funding", "--table").output
    assert "100,000" in table  # the table stays for people: thousands separators
    tsv = run("actions", "--org", "WRAP", "--tsv").output.splitlines()
    assert tsv[1].startswith("3.3\t3\tlonger-term\tin-progress\t")


@pytest.mark.parametrize("text", ['=HYPERLINK("http://127.0.0.1/","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                  "-- a dash", "=", "-", "+", "@"])
def test_a_text_cell_that_could_run_as_a_formula_gets_a_quote(text):
    assert csv_cell(text) == "'" + text
    assert csv_cell([text, "b"]) == "'" + text + "; b"  # a list is checked as the cell it makes


@pytest.mark.parametrize("value,cell", [
    (-5, "-5"), (-2.5, "-2.5"), (-1e21, "-1000000000000000000000"),  # numbers are data
    ("-5", "-5"), ("+3.5", "+3.5"), ("-1e3", "-1e3"),  # a text that is exactly a number: no spreadsheet runs it
    ("a=b", "a=b"), ("x - y", "x - y"), ("", ""), ("'=x", "'=x"),  # only the first character counts
])
def test_numbers_and_harmless_text_are_written_as_they_are(value, cell):
    assert csv_cell(value) == cell


def test_numeric_columns_are_never_prefixed_and_text_columns_always_are():
    rows = [{"n": -5, "t": "-5 tonnes"}, {"n": "-7", "t": "=1+1"}]
    assert delimited_text(["n", "t"], rows) == "n,t\n-5,'-5 tonnes\n-7,'=1+1\n"
    assert delimited_text(["n", "t"], rows, "\t") == "n\tt\n-5\t'-5 tonnes\n-7\t'=1+1\n"
    handle = io.StringIO()
    write_delimited(handle, ["n", "t"], [{"n": "-1+2", "t": "-1+2"}], numeric=["n"])
    assert handle.getvalue() == "n,t\n-1+2,'-1+2\n"  # the schema says n is a number: its validator judges it


def test_exported_tables_neutralise_formulas_in_names_and_keep_negative_numbers(index_data, tmp_path):
    index = json.loads(json.dumps(index_data))
    wrap = index["entities"]["wrap"]
    wrap["name"] = '=HYPERLINK("http://127.0.0.1/","click")'
    index["money"][0]["value"] = -5.0
    write_tables(index, tmp_path)
    tables = tmp_path / "tables"
    organisation = next(row for row in read(tables, "organisations") if row["id"] == "wrap")
    assert organisation["name"] == '\'=HYPERLINK("http://127.0.0.1/","click")'
    assert read(tables, "funding")[0]["value"] == "-5"
    result = frictionless(tables / "datapackage.json")
    assert result.returncode == 0 and report(result)["valid"] is True, result.stdout[-3000:]
