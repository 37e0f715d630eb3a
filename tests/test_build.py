"""Bad input gets a clear error naming the file and line, and loses nothing already built."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from graph.build import build, load_corpus
from graph.errors import SourceError
from graph.registry import canonical_json

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORT = "sources/defra-third-sector-strategy-one-year-on-2009.txt"
STRATEGY = "sources/defra-third-sector-strategy-2008.txt"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_row(path: Path, action_id: str, change) -> int:
    """Apply ``change`` to the cells of one report row; returns its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if f"\t{action_id}\t" in line)
    lines[number] = "\t".join(change(lines[number].split("\t")))
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_row_with_a_missing_cell(data_copy):
    report = data_copy / REPORT
    line = edit_row(report, "1.8", lambda cells: cells[:-1])
    with pytest.raises(SourceError) as error:
        load_corpus(data_copy)
    assert str(error.value) == f"{report}:{line}: table row has 6 cells; expected 7 (Theme, Strategy Chapter, Action, Timing, Actions, Progress report, Next actions)"


def test_an_empty_required_cell(data_copy):
    report = data_copy / REPORT
    line = edit_row(report, "1.8", lambda cells: cells[:5] + [" "] + cells[6:])
    with pytest.raises(SourceError, match=rf"one-year-on-2009\.txt:{line}: missing cell 'Progress report'"):
        load_corpus(data_copy)


def test_a_duplicated_action_id_in_the_report(data_copy):
    report = data_copy / REPORT
    line = line_of(report, "\t1.3\t")
    edit(report, "Campaigning\t1.3\tImmediate", "Campaigning\t1.2\tImmediate")
    with pytest.raises(SourceError) as error:
        load_corpus(data_copy)
    assert str(error.value) == f"{report}:{line}: duplicate action id 1.2 (first at line {line - 1})"


def test_a_duplicated_action_id_in_the_strategy(data_copy):
    strategy = data_copy / STRATEGY
    line = line_of(strategy, "- 1.3 The ")
    edit(strategy, "- 1.3 The ", "- 1.2 The ")
    with pytest.raises(SourceError) as error:
        load_corpus(data_copy)
    assert str(error.value) == f"{strategy}:{line}: duplicate action id 1.2 (first at line {line - 1})"


def test_an_unknown_chapter(data_copy):
    report = data_copy / REPORT
    line = line_of(report, "\t1.4\t")
    edit(report, "Advocacy, Voice and Campaigning\t1.4", "Space Exploration\t1.4")
    with pytest.raises(SourceError, match=rf"one-year-on-2009\.txt:{line}: unknown chapter 'Space Exploration'; known chapters: 1 Advocacy"):
        load_corpus(data_copy)


def test_an_action_filed_under_the_wrong_chapter(data_copy):
    strategy = data_copy / STRATEGY
    line = line_of(strategy, "- 3.1 Work with")
    edit(strategy, "- 3.1 Work with", "- 4.9 Work with")
    with pytest.raises(SourceError, match=rf"2008\.txt:{line}: action 4.9 stands under chapter 3"):
        load_corpus(data_copy)


def test_an_unreadable_file(data_copy):
    (data_copy / REPORT).unlink()
    with pytest.raises(SourceError, match=r"one-year-on-2009\.txt: cannot read source document"):
        load_corpus(data_copy)


def test_a_file_that_is_not_utf8(data_copy):
    report = data_copy / REPORT
    raw = report.read_bytes().replace(b"Grant to Keep", b"Grant to \xff Keep")
    report.write_bytes(raw)
    with pytest.raises(SourceError, match=r"one-year-on-2009\.txt:40: not valid UTF-8"):
        load_corpus(data_copy)


def test_a_bad_manifest(data_copy):
    manifest = data_copy / "sources.json"
    manifest.write_text('{"sources": [\n  {"id": "x"\n}')
    with pytest.raises(SourceError, match=r"sources\.json:3: invalid JSON"):
        load_corpus(data_copy)


def test_a_failed_build_keeps_the_previous_exports(data_copy, tmp_path):
    out = tmp_path / "exports"
    build(out, data_copy, maps=False, store=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (data_copy / REPORT).write_text("Theme\tonly three\tcells\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--exports", str(out), "build", "--data", str(data_copy), "--no-maps", "--no-store"])
    assert result.exit_code == 1
    assert result.output == f"Error: {data_copy / REPORT}:1: table row has 3 cells; expected 7 (Theme, Strategy Chapter, Action, Timing, Actions, Progress report, Next actions)\n"
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    # No staging left behind (the lock file stays: removing it would race with a waiting build).
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".exports")) == [".exports.lock"]


def test_a_further_report_needs_only_a_file_and_a_manifest_entry(data_copy):
    shutil.copy(FIXTURES / "two-years-on-2010.txt", data_copy / "sources" / "two-years-on-2010.txt")
    manifest = json.loads((data_copy / "sources.json").read_text())
    manifest["sources"].append({
        "date": "2010-11", "file": "sources/two-years-on-2010.txt", "id": "two-years-on-2010", "kind": "progress-report",
        "licence": "made up for the tests", "publisher": "Department for Environment, Food and Rural Affairs",
        "title": "Third Sector Strategy Two Years On (test fixture)",
    })
    (data_copy / "sources.json").write_text(canonical_json(manifest))
    corpus = load_corpus(data_copy)
    entries = {}
    for entry in corpus.progress:
        entries.setdefault(entry.action_id, []).append(entry)
    assert len(corpus.progress) == 135
    assert [(e.date, e.status.status) for e in entries["1.1"]] == [("2009-11", "no-progress"), ("2010-11", "complete")]
    assert [(e.date, e.status.status) for e in entries["3.3"]] == [("2009-11", "in-progress"), ("2010-11", "superseded")]
    assert [(e.date, e.status.status) for e in entries["1.8"]] == [("2009-11", "no-progress"), ("2010-11", "no-progress")]
    assert len(entries["2.1"]) == 1  # actions the new report does not cover keep their 2009 entry
    from graph.project import project

    index = project(corpus).index
    action = next(a for a in index["actions"] if a["id"] == "1.1")
    assert action["status"] == "complete" and action["status_date"] == "2010-11"
    assert "wrap" in action["organisations"]  # mentions in the new report link too


def test_an_unwritable_output_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["--exports", str(blocker / "exports"), "build", "--no-maps", "--no-store"])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write exports to {blocker / 'exports'}: {blocker} is a file, not a folder\n"


def test_a_graph_that_fails_its_shapes_is_never_published(data_copy, tmp_path):
    """Validation runs beside the writing; a failure still leaves the previous exports in place."""
    from graph.errors import ValidationError
    from graph.resources import ontology_dir

    out = tmp_path / "exports"
    build(out, data_copy, maps=False, store=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    strict = tmp_path / "ontology"
    strict.mkdir()
    shapes = (ontology_dir() / "shapes.ttl").read_text(encoding="utf-8")
    (strict / "shapes.ttl").write_text(shapes + """
tss:EveryActionHasAPartner a sh:NodeShape ; sh:targetClass ts:Action ;
    sh:property [ sh:path ts:partner ; sh:minCount 1 ; sh:message "made up for the test: every action needs a partner" ] .
""", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        build(out, data_copy, maps=False, store=False, shapes=strict / "shapes.ttl")
    without_partners = [a for a in json.loads((out / "index.json").read_text())["actions"] if not a["partners"]]
    assert f"({len(without_partners)} violations):" in str(error.value)
    assert "  https://w3id.org/tsgraph/id/action/1.1: https://w3id.org/tsgraph/ontology#partner made up for the test" in str(error.value)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".exports")) == [".exports.lock"]


def test_the_second_process_reports_a_failure_in_one_line(data_copy, tmp_path):
    """The worker validates and writes the explorer; a source text that no longer matches the
    index's quotes stops it with the explorer's one-line message, which the build raises."""
    from graph.errors import TsgraphError
    from graph.worker import Worker

    out = tmp_path / "exports"
    build(out, data_copy, maps=False, store=False)
    cited = json.loads((out / "index.json").read_text(encoding="utf-8"))["actions"][0]["source"]  # action 1.1's words
    text = out / "sources" / f"{cited['document']}.txt"
    words = text.read_text(encoding="utf-8")
    at = cited["start"] + 5
    text.write_text(words[:at] + ("X" if words[at] != "X" else "Y") + words[at + 1:], encoding="utf-8")
    with pytest.raises(TsgraphError) as error:
        Worker(out, maps=True).start().check()
    message = str(error.value)
    assert "\n" not in message and f"{cited['document']!r} does not match the index at {cited['start']}-{cited['end']}" in message
    assert not (out / "maps").exists() or not (out / "maps" / "index.html").exists()


def test_a_publisher_the_registry_does_not_know_stops_the_build(data_copy):
    """Otherwise the author of every action would silently become a partner."""
    manifest = json.loads((data_copy / "sources.json").read_text())
    manifest["sources"][0]["publisher"] = "Ministry of Made-up Affairs"
    (data_copy / "sources.json").write_text(canonical_json(manifest))
    with pytest.raises(SourceError) as error:
        load_corpus(data_copy)
    assert str(error.value) == (f"{data_copy / 'sources.json'}: source 'strategy-2008': publisher 'Ministry of Made-up "
                                "Affairs' is not an organisation in the registry; add it to organisations.json (tsgraph curate --add)")


def test_a_defra_unit_outside_defra_is_a_registry_error(data_copy):
    from graph.errors import RegistryError
    from graph.facts import decide

    path = data_copy / "organisations.json"
    data = json.loads(path.read_text())
    next(r for r in data["organisations"] if r["id"] == "food-policy-unit").pop("parent")
    path.write_text(canonical_json(data))
    with pytest.raises(RegistryError) as error:
        decide(load_corpus(data_copy))
    assert str(error.value) == f"{path}: 'food-policy-unit' is a defra-unit whose parents do not lead to the publisher 'defra'"
