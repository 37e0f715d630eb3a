"""The curation loop and the data linter through the CLI: exact output and exit codes, on a copy of data/."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import cli
from graph.registry import canonical_json
from graph.sources import DEFAULT_DATA_DIR

REPORT = "one-year-on-2009"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def report_text() -> str:
    return (DEFAULT_DATA_DIR / "sources" / "defra-third-sector-strategy-one-year-on-2009.txt").read_text(encoding="utf-8")


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    assert text.count(words) == 1
    return start, start + len(words)


def records(data_copy, name: str) -> list[dict]:
    return json.loads((data_copy / f"{name}.json").read_text(encoding="utf-8"))[name]


# -- listing ---------------------------------------------------------------------------------

def test_curate_lists_each_unresolved_name_with_quotes_and_a_kind(data_copy):
    result = run("curate", "--data", str(data_copy), "--json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    text = report_text()
    sentence = "Will use established links through DLGR to consult Gypsy and Traveller community."
    start, end = at(text, sentence)
    name_start = text.index("DLGR", start)
    dlgr = rows["DLGR"]
    assert {k: v for k, v in dlgr.items() if k != "nearest"} == {
        "name": "DLGR", "occurrences": 1, "reason": "not in the registry", "proposed_kind": "unknown",
        "quotes": [{"source": f"{REPORT}:{start}-{end}", "name_at": f"{REPORT}:{name_start}-{name_start + 4}", "quote": sentence}],
    }
    assert rows["Consumer Group"]["proposed_kind"] == "partnership-group"
    assert rows["core Steering group of the UK Climate Change Risk Assessment"]["proposed_kind"] == "partnership-group"
    assert rows["Programme Board"]["reason"].startswith("generic name:")
    nearest = rows["Ministerial Task Force"]["nearest"]
    assert nearest[0]["id"] == "ministerial-task-force" and nearest[0]["score"] == 100
    assert all(set(n) == {"id", "name", "type", "score"} for row in rows.values() for n in row["nearest"])


def test_curate_table_shows_each_name_as_a_block(data_copy):
    result = run("curate", "--data", str(data_copy), "--table")
    assert result.exit_code == 0
    text = report_text()
    sentence = "Will use established links through DLGR to consult Gypsy and Traveller community."
    start, end = at(text, sentence)
    block = next(b for b in result.output.split("\n\n") if b.startswith("DLGR "))
    lines = block.splitlines()
    assert lines[0] == "DLGR  (1 occurrence; proposed kind: unknown)"
    assert lines[1] == "  why:     not in the registry"
    assert lines[2].startswith("  nearest: ")
    assert lines[3] == f'  {REPORT}:{start}-{end}  "{sentence}"'


# -- accepting a name ------------------------------------------------------------------------

def test_accept_adds_an_alias_and_writes_canonically(data_copy):
    path = data_copy / "organisations.json"
    result = run("curate", "--data", str(data_copy), "--accept", "Consumer Group", "--as", "food-policy-unit")
    assert (result.exit_code, result.output) == (
        0, f"added 'Consumer Group' as an alias of 'food-policy-unit' (Food Policy Unit) in {path}\n")
    record = next(r for r in records(data_copy, "organisations") if r["id"] == "food-policy-unit")
    assert record["aliases"] == ["Food Policy team", "Consumer Group"]
    assert path.read_text(encoding="utf-8") == canonical_json(json.loads(path.read_text(encoding="utf-8")))
    listed = json.loads(run("curate", "--data", str(data_copy), "--json").output)
    assert "Consumer Group" not in {row["name"] for row in listed}
    assert run("lint", "--data", str(data_copy), "--check").exit_code == 0


def test_accepting_a_name_the_normalisation_already_finds_changes_nothing(data_copy):
    path = data_copy / "organisations.json"
    before = path.read_text(encoding="utf-8")
    result = run("curate", "--data", str(data_copy), "--accept", "Furniture Re-use Network", "--as", "frn")
    assert (result.exit_code, result.output) == (
        0, f"'Furniture Re-use Network' already names 'frn' (Furniture Reuse Network); {path} is unchanged\n")
    assert path.read_text(encoding="utf-8") == before


def test_accepting_another_entrys_name_is_an_error(data_copy):
    path = data_copy / "organisations.json"
    before = path.read_text(encoding="utf-8")
    result = run("curate", "--data", str(data_copy), "--accept", "Wrap", "--as", "acre")
    assert (result.exit_code, result.output) == (1, f"Error: {path}: 'Wrap' already names 'wrap' (Waste & Resources Action Programme)\n")
    assert path.read_text(encoding="utf-8") == before
    result = run("curate", "--data", str(data_copy), "--accept", "Rural Help", "--as", "acrre")
    assert result.exit_code == 1 and result.output.startswith("Error: unknown registry entry 'acrre'; did you mean 'acre'")


# -- adding an entry -------------------------------------------------------------------------

def test_add_writes_a_sourced_entry(data_copy):
    path = data_copy / "organisations.json"
    text = report_text()
    sentence = ("We will continue to engage with third sector organisations for example by giving regular up-dates to the "
                "Consumer Group about new work on Food Poverty as part of our Food Security work.")
    start, end = at(text, sentence)
    result = run("curate", "--data", str(data_copy), "--add", "Consumer Group", "--kind", "partnership-group")
    assert (result.exit_code, result.output) == (
        0, f"added organisation 'consumer-group' (Consumer Group, partnership-group) to {path}, source {REPORT}:{start}-{end}\n")
    ids = [r["id"] for r in records(data_copy, "organisations")]
    assert ids == sorted(ids)
    record = next(r for r in records(data_copy, "organisations") if r["id"] == "consumer-group")
    assert record == {"id": "consumer-group", "kind": "partnership-group", "name": "Consumer Group",
                      "source": {"document": REPORT, "quote": sentence}}
    from graph.build import load_corpus

    corpus = load_corpus(data_copy)
    assert "1.5" in {m.subject for m in corpus.mentions if m.entity == "consumer-group"}


def test_add_a_programme_by_its_kind(data_copy):
    path = data_copy / "programmes.json"
    result = run("curate", "--data", str(data_copy), "--add", "Rural Broadband Fund", "--kind", "fund", "--id", "rural-broadband")
    assert (result.exit_code, result.output) == (
        0, f"added programme 'rural-broadband' (Rural Broadband Fund, fund) to {path} (no source: not among the unresolved names)\n")
    assert {"id": "rural-broadband", "kind": "fund", "name": "Rural Broadband Fund"} in records(data_copy, "programmes")


def test_add_refuses_a_taken_id_or_name(data_copy):
    path = data_copy / "organisations.json"
    result = run("curate", "--data", str(data_copy), "--add", "Consumer Group", "--kind", "partnership-group", "--id", "acre")
    assert (result.exit_code, result.output) == (
        1, f"Error: {path}: id 'acre' is taken by 'Action for Communities in Rural England'; choose another with --id\n")
    result = run("curate", "--data", str(data_copy), "--add", "Waste and Resources Action Programme", "--kind", "company")
    assert (result.exit_code, result.output) == (
        1, f"Error: {path}: 'Waste and Resources Action Programme' already names 'wrap' (Waste & Resources Action Programme); "
           "use --accept to add a name\n")


@pytest.mark.parametrize("args,message", [
    (["--accept", "Consumer Group"], "--accept NAME goes with --as ENTITY_ID"),
    (["--as", "acre"], "--accept NAME goes with --as ENTITY_ID"),
    (["--add", "Consumer Group"], "--add NAME needs --kind"),
    (["--kind", "fund"], "--kind and --id go with --add NAME"),
    (["--accept", "A", "--as", "acre", "--add", "B", "--kind", "fund"], "give either --accept or --add, not both"),
    (["--add", "Consumer Group", "--kind", "club"], "'club' is not one of"),
    (["--add", "Consumer Group", "--kind", "fund", "--id", "Consumer_Group"], "'Consumer_Group' is not an id"),
])
def test_curate_usage_errors_exit_2(data_copy, args, message):
    result = run("curate", "--data", str(data_copy), *args)
    assert result.exit_code == 2 and message in result.output, result.output


# -- lint ------------------------------------------------------------------------------------

def test_lint_passes_the_bundled_data(data_copy):
    result = run("lint", "--data", str(data_copy), "--check")
    assert (result.exit_code, result.output) == (0, f"{data_copy}: 6 data files valid and canonical\n")


def test_lint_rewrites_canonically_and_check_only_reports(data_copy):
    path = data_copy / "programmes.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["programmes"].reverse()
    path.write_text(json.dumps(data, indent=4), encoding="utf-8")
    result = run("lint", "--data", str(data_copy), "--check")
    assert (result.exit_code, result.output) == (1, f"{path}: not stored canonically (run `tsgraph lint` to rewrite it)\n")
    result = run("lint", "--data", str(data_copy))
    assert (result.exit_code, result.output) == (
        0, f"rewrote {path} canonically\n{data_copy}: 6 data files valid and canonical\n")
    assert path.read_text(encoding="utf-8") == (DEFAULT_DATA_DIR / "programmes.json").read_text(encoding="utf-8")


def test_lint_rejects_unknown_keys_with_file_path_and_record(data_copy):
    path = data_copy / "organisations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, r in enumerate(data["organisations"]) if r["id"] == "acre")
    data["organisations"][index]["aliasses"] = ["Rural England"]
    data["organisations"][index]["kind"] = "club"
    path.write_text(canonical_json(data), encoding="utf-8")
    result = run("lint", "--data", str(data_copy))
    assert result.exit_code == 1
    assert result.output == (
        f"{path}: organisations[{index}] (record 'acre'): unknown key 'aliasses'\n"
        f"{path}: organisations[{index}].kind (record 'acre'): 'club' is not one of: charity-ngo, company, defra-unit, "
        "government-department, network-umbrella, partnership-group, public-body, social-enterprise\n"
    )


def test_lint_flags_redundant_names(data_copy):
    path = data_copy / "organisations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["organisations"]:
        if record["id"] == "wrap":
            record["aliases"] += ["Waste and Resources Action Programme", "Waste & Resources Action Programme"]
        if record["id"] == "climate-group":
            record["aliases"] = ["Climate Groups"]
        if record["id"] == "srcp-partnership-group":
            record["generic_aliases"] += ["Partnership Group"]
    path.write_text(canonical_json(data), encoding="utf-8")
    result = run("lint", "--data", str(data_copy), "--check")
    assert result.exit_code == 1
    assert result.output == (
        f"{path}: record 'climate-group': alias 'Climate Groups' is redundant: the normalisation already finds it as 'The Climate Group'\n"
        f"{path}: record 'srcp-partnership-group': generic alias 'Partnership Group' is redundant: it is a generic tail of the record's names\n"
        f"{path}: record 'wrap': alias 'Waste and Resources Action Programme' is redundant: the normalisation already finds it as "
        "'Waste & Resources Action Programme'\n"
        f"{path}: record 'wrap': alias 'Waste & Resources Action Programme' repeats a name of the record\n"
    )


def test_lint_names_the_line_of_bad_json(data_copy):
    path = data_copy / "people.json"
    path.write_text('{\n  "people": [\n    {"id": "x",}\n  ]\n}\n', encoding="utf-8")
    result = run("lint", "--data", str(data_copy))
    assert (result.exit_code, result.output) == (1, f"{path}:3: invalid JSON: Expecting property name enclosed in double quotes (column 16)\n")


def test_lint_usage_error_exits_2(data_copy):
    assert run("lint", "--data", str(data_copy), "--bogus").exit_code == 2
